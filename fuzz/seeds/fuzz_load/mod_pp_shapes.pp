control "a" {
  sql = "select 1"
}

