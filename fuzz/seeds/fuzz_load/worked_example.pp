dashboard "s3_overview" {
  title = "S3 Overview"
  tags  = local.t
  container {
    card { sql = "select 1" }
  }
  card "named_card" { sql = "select 2" }
  card { sql = "select 3" }
}
benchmark "top" {
  title    = "Top"
  children = [benchmark.child, control.c1, benchmark.fixed, benchmark.top]
  tags     = merge(local.t, { type = "Benchmark", n = 1.50 })
}
benchmark "child" {
  type = "detection"
  children = [control.c1, detection.d]
}
control "c1" {
  query = query.q
}
query "q" {
  sql = <<-EOQ
    select 1
  EOQ
}
