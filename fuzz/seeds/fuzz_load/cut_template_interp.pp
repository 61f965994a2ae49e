control "c" {
  title = "a ${var.x