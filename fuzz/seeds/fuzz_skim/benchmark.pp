benchmark "b" {
  title         = "B"
  children = [
    benchmark.b_1, # first
    // second
    control.c_2,
  ]
  tags = local.tags
}
mod "m" {
  title = "M"
  require {
    plugin "aws" {
      min_version = "0.101.0"
    }
  }
}
