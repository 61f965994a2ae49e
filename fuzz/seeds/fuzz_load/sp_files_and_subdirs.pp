control "sp" {
  sql = "select 1"
}
control "deep" {
  sql = "select 1"
}
control "deeper" {
  title = "deeper"
}
