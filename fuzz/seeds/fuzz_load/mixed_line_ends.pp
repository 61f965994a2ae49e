control "a" {
  title = "crlf"
  sql = <<-EOQ
    select 1
  EOQ
}

control "b" {
  title = "lf"
  description = <<EOT
mixed
ends
EOT
}

