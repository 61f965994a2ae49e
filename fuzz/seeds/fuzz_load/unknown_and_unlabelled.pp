unknown_block "x" {
  title = "no"
}

control {
  title = "no label"
}

title = "top level attribute"

other = [1, 2]

locals {
  a = 1
}

control bare_label {
  title = "bare label"
}

control "two" "labels" {
  title = "2 labels"
}

mod "inner" {
  title = "a mod block outside mod.pp"
}

dashboard {
  card {}
}

variable {
  default = 1
}

control "after" {
  sql = "select 1"
}

