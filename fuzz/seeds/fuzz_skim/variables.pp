variable "x" {
  type    = list(string)
  default = ["a"]
}

a = f(
  1,
  g(2)
)