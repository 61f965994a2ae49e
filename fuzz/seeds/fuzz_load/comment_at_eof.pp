control "a" {
  sql = "select 1"
}
# the last line is a comment
control "b" {
  sql = "select 1"
}
// é at the end
control "c" {
  sql = "select 1"
}
/* block at the end */

