locals {
  aws_tags = {
    category = "Compliance"
    plugin   = "aws"
    "quoted" = 1.5e3
  }
  list  = ["a", "b", 3, true, null,]
  s     = "Café — ’quoted’ ${var.x}"
  empty = ""
  alone = "${local.aws_tags}"
  idx   = a.b[0]["k"].c
}
// end
# end
