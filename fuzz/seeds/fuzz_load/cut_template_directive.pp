benchmark "b" {
  title = "%{for v in x}${v