control "ok2" {
  title = "fine"
}

control "unclosed" {
  title = "no closing brace"
