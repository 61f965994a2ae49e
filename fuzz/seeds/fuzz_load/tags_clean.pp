locals {
  common = {
    plugin = "aws"
  }
}

control "a" {
  tags = {
    service = "AWS/S3"
    "type"  = "Benchmark"
    z       = "last"
    a       = "first"
  }
}

control "b" {
  tags = merge(local.common, {
    type = "Benchmark"
    cis  = "true"
  })
}

benchmark "c" {
  tags = local.common
}

dashboard "d" {
  tags = {
    service  = "AWS/EC2"
    type     = "Report"
    category = "Summary"
  }
}

