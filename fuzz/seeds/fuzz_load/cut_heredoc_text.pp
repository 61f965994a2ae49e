control "c" {
  title = "C"
  sql = <<-EOQ
    select 1
    from t
  EO