control "dup" {
  title = "first"
}

control "dup" {
  title = "second"
}

query "dupq" {
  sql = "a"
}

query "dupq" {
  sql = "b"
}

benchmark "db" {
  children = [control.dup, control.dup]
}
