control "c12" {
  title = {
  sql = "select 1"
}
