control "bad_utf8" {
  title = "ok"
}
control "x" {
  title = "ok"
  é = 1
}
