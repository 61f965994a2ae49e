control "t_keys" {
  tags = {
    bare         = "a"
    "quoted"     = "b"
    "with space" = "c"
  }
}

control "t_dup" {
  tags = {
    a = "first"
    b = "x"
    a = "second"
  }
}

control "t_nulls" {
  tags = {
    nul = null
    a   = "b"
  }
}

control "t_nested" {
  tags = {
    nested = { a = "b" }
    list   = ["a"]
  }
}

control "t_ref" {
  tags = {
    ref = var.v
    a   = "b"
  }
}

control "t_tmpl" {
  tags = {
    tmpl = "x ${var.v}"
  }
}

control "t_tmpl_key" {
  tags = {
    "${var.v}k" = "tmplkey"
  }
}

control "t_empty_key" {
  tags = {
    "" = "empty key"
  }
}

control "t_utf8" {
  tags = {
    "é"   = "non-ascii key"
    plain = "日本語"
  }
}

control "t_escapes" {
  tags = {
    "a\"b" = "c\nd"
  }
}

control "t_merge" {
  tags = merge(local.common, { type = "Benchmark", n = 1 })
}

control "t_merge_many" {
  tags = merge(local.common, local.common, { x = "y" }, { x = "z" }, {})
}

control "t_merge_literal" {
  tags = merge({ only = "literal" })
}

control "t_local" {
  tags = local.common
}

control "t_var" {
  tags = var.v
}

control "t_null" {
  tags = null
}

control "t_block" {
  tags {
    a = "b"
    c = var.v
  }
}

control "t_both" {
  tags = { a = "attr" }
  tags {
    b = "block"
  }
}

control "t_empty" {
  tags = {}
}

control "t_commas" {
  tags = { a = "1", b = "2", }
}

control "t_colon" {
  tags = { a : "colon", "b" : 2 }
}

control "t_one_line_object" {
  tags = { service = "AWS/S3", type = "Benchmark" }
}

variable "v" {
  default = "V"
}

locals {
  common = {
    service = "AWS/S3"
    plugin  = "aws"
  }
}
