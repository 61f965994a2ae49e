control "c" {
  tags = merge(local.t, {
    service = "${var.s