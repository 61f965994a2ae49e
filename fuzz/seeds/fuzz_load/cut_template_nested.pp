control "c" {
  title = "${"${x