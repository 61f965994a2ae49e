control "c" {
  description = "x-${lower(var.y, 