control "before" {
  title = "before"
}

control "bad" {
  title = "bad" "token"
  sql = @
  description = "after"
}

control "after" {
  title = "after"
}
