control "idx" {
  title       = local.m["key"]
  description = local.list[0].name
  sql         = local.deep.a.b[1]["c"].d
  tags        = { a = local.m["k"], b = local.list[0] }
}

control "calls" {
  title       = format("%s-%d", "a", 1)
  description = join(", ", ["a", "b"])
  sql         = file("q.sql")
  tags        = merge({}, { a = lower("B") })
}

control "call_multiline" {
  title = format(
    "%s-%s",
    "a",
    "b",
  )
}

locals {
  list = [{ name = "n" }]
  m    = { key = "v", k = "w" }
  t    = { a = "b" }
  deep = { a = { b = [0, { c = { d = "e" } }] } }
}
