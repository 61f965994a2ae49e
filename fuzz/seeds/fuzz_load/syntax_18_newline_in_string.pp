control "nl" {
  title = "a
b"
}
