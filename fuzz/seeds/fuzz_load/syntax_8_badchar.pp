control "bad_char" {
  title = "t"
  ~ = 1
}

control "after_bad_char" {
  title = "ok"
}
