control "dup_attr" {
  title = "one"
  title = "two"
  sql   = "x"
}

control "dup" {
  title = "first"
}

control "dup" {
  title = "second"
}

query "dupq" {
  sql = "a"
}

control "t_twice" {
  tags = { a = "b" }
  tags = { c = "d" }
}
query "dupq" {
  sql = "b"
}

benchmark "db" {
  children = [control.dup, control.dup]
}

