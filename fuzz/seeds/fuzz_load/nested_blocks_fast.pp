control "args" {
  query = query.p
  args = {
    p1 = 2
    p2 = "y"
  }
}

control "args_list" {
  query = query.p
  args  = [1, "two", null]
}

container "top_container" {
  card "tc" {}
  card {}
}

dashboard "named_then_anon" {
  card "first" {}
  card {}
  chart {}
  card {}
}
