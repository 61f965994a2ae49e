control "ops" {
  title = "a" + 1
  description = var.x ? "a" : "b"
  sql = [for x in y : x]
  display = -"x"
  width = (4)
}
