control "ops" {
  title       = var.x ? "a" : "b"
  description = "a${1 + 2}b"
  width       = 2 * 2
  sql         = !true
  tags        = { for k, v in local.t : k => v }
}

control "splat" {
  title = local.list[*].name
  sql   = local.list.*.name
}

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

control "call_expand" {
  title = format(["%s"]...)
}

control "parens" {
  title = ("paren")
  width = (4)
}

control "neg" {
  width = -4
}

control "conditional_tags" {
  tags = var.x ? { a = "b" } : {}
}

control "template_directive" {
  title = "%{if true}yes%{else}no%{endif}"
}

control "strip_markers" {
  title = "a ${~ "b" ~} c"
}

locals {
  list = [{ name = "n" }]
  m    = { key = "v", k = "w" }
  t    = { a = "b" }
  deep = { a = { b = [0, { c = { d = "e" } }] } }
}

