control "unclosed_comment" {
  title = "t"
}
/* never closed
control "x" {}
