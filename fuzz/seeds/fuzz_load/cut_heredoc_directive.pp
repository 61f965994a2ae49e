control "c" {
  sql = <<-EOQ
    %{ if x }a%{ el