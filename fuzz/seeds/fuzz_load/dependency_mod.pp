benchmark "main" {
  title    = "Main"
  children = [control.local, dep.control.x, dep.benchmark.dep_top]
}

control "local" {
  query = dep.query.q
}

control "local2" {
  sql = dep.query.q.sql
}
