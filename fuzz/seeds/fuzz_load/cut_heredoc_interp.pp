control "c" {
  sql = <<-EOQ
    select 1 ${l