control "c" {
  sql = <<EO