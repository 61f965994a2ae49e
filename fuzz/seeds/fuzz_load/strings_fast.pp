control "plain" {
  title         = "Plain title"
  description   = "A description."
  documentation = "Some documentation."
  display       = "none"
  sql           = "select 1"
}

control "esc" {
  title       = "line\nbreak \"quoted\" back\\slash\ttab"
  description = "\\"
  sql         = "select '\\x' as \"c\""
}

control "esc_edges" {
  title       = "\""
  description = "\n"
  sql         = "\\\\\"\"\t\t"
}

control "esc_r" {
  title = "a\rb"
}

control "dollar_lone" {
  title       = "cost $5 or 100% or $ or %"
  description = "$$ and %% and $"
}

control "utf8_combining" {
  title       = "e and combining acute: é"
  description = "flag 🇫🇷 and zwj 👩‍💻"
}

control "interp" {
  title = "Prefix ${var.v} middle ${local.l} suffix"
}

control "interp_only" {
  description = "${var.v}"
}

control "interp_call" {
  documentation = "doc ${upper("x")} end"
}

control "interp_spaced" {
  sql = "select ${ var.n } ${var.v}"
}

control "interp_adjacent" {
  display = "${var.n}${var.v}"
}

control "interp_utf8" {
  title = "é ${var.v} 日本"
}

control "interp_escape" {
  title = "a\n${var.v}\tb"
}

control "nonstring" {
  title       = null
  description = 42
  display     = true
  category    = false
  sql         = null
}

control "traversals" {
  title       = var.v
  description = local.l
  sql         = var.v
}

control "empty" {
  title       = ""
  description = "${""}"
  sql         = ""
}

variable "v" {
  type    = string
  default = "V"
}

variable "n" {
  type    = number
  default = 3
}

locals {
  l = "L"
}
