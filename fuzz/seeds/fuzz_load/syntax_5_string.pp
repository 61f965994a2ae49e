control "unclosed_string" {
  title = "no end
  sql = "select 1"
}

control "next" {
  title = "next"
}
