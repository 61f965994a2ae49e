control "c1" {
  query = query.q
}

control "c2" {
  query = dep.query.x
}

control "c3" {
  sql = query.q.sql
}

control "c4" {
  sql   = "select 2"
  query = query.q
}

control "c5" {
  query = query.q
  sql   = query.q.sql
}

control "c6" {
  sql = dep.query.q.sql
}

control "c7" {
  query = query.q[0]
}

control "c8" {
  query = "query.q"
}

control "c9" {
  query = query
}

control "c10" {
  sql = local.a.b.sql
}

control "c11" {
  query = query.missing
}

control "c12" {
  query = query["q"]
}

control "c13" {
  sql = query.q.sql.x
}

control "c14" {
  query = query.q.sql
}

detection "d1" {
  query           = query.q
  display_columns = ["a", "b"]
}

card "card1" {
  query = query.q
}

chart "chart1" {
  sql = query.q.sql
}
