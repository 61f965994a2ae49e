query "q" {
  sql = <<-EOQ
    select * from t where a = ${local.x.