e = <<-EOT
  a
 
  b
  EOT
