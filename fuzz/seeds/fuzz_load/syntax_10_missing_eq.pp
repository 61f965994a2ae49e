control "missing_eq" {
  title "t"
  sql = "select 1"
}
