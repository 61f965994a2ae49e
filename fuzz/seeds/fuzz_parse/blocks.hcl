control "x" {
  title = "T"
  sub "y" z {}
}
param "p" {}
one { a = 1 }
