control "ok1" {
  title = "fine"
  sql   = "select 1"
}
