custom_resource "x" {
  title = "not indexed"
  nested {
    a = 1
  }
}

locals {
  a = 1
  b = "two"
}

control "after" {
  sql = "select 1"
}

terraform {
  required = true
}

query "q" {
  sql = "select 1"
}

