benchmark "b1" {
  title    = "B1"
  children = [control.a, control.b]
}

benchmark "b_comments" {
  children = [
    control.a, # comment
    // comment
    control.b, /* inline */ benchmark.b1,
    /* multi
       line */
    control.a
  ]
}

benchmark "b_three_part" {
  children = [
    mod2.control.x,
    t.control.a,
  ]
}

benchmark "b_index" {
  children = [control.a[0], control.b]
}

benchmark "b_string" {
  children = [control.a, "x"]
}

benchmark "b_missing" {
  children = [control.missing, control.a]
}

benchmark "b_call_item" {
  children = [upper("x"), control.a]
}

benchmark "b_local_item" {
  children = [local.list[0]]
}

benchmark "b_one_part" {
  children = [control]
}

benchmark "b_four_part" {
  children = [control.a.b.c]
}

benchmark "b_dup" {
  children = [control.a, control.a]
}

benchmark "b_local" {
  children = local.list
}

benchmark "b_empty" {
  children = []
}

benchmark "b_trailing" {
  children = [control.a, control.b,]
}

benchmark "b_empty_lines" {
  children = [
  ]
}

benchmark "b_concat" {
  children = concat([control.a], [control.b])
}

benchmark "b_self" {
  children = [benchmark.b_self]
}

benchmark "b_cycle1" {
  children = [benchmark.b_cycle2]
}

benchmark "b_cycle2" {
  children = [benchmark.b_cycle1, dashboard.d]
}

benchmark "b_kinds" {
  children = [query.q, dashboard.d, benchmark.b1, detection.x]
}

dashboard "d" {
  children = [control.a]
  card "c" {
    width = 2
  }
}

control "a" {
  sql = "select 1"
}

control "b" {
  sql = "select 2"
}

query "q" {
  sql = "select 1"
}

locals {
  list = [control.a]
}
