benchmark "top" {
  title       = "Top"
  description = "Top benchmark"
  tags = {
    kind = "t"
  }
  children = [benchmark.child, benchmark.empty, control.c1]
}

benchmark "child" {
  title    = "Child"
  children = [control.c2]
}

benchmark "empty" {
  title    = "Empty"
  children = []
}

control "c1" {
  title    = "C1"
  severity = "high"
  sql      = "select 'ok' as status, 'r' as resource, 'x' as reason"
}

control "c2" {
  query         = query.q
  documentation = "doc"
}
