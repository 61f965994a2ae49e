benchmark "top" {
  title = "Top"
  children = [
    benchmark.mid,
    control.c,
    dep.control.x,
  ]
}

benchmark "mid" {
  children = [
    control.a,   # first
    control.b,   // second
    control.c
  ]
}

control "a" {
  sql = "select 1"
}

control "b" {
  sql = "select 2"
}

control "c" {
  sql = "select 3"
}
