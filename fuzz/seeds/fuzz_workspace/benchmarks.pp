benchmark "s3" {
  title       = "S3 Checks"
  description = "Storage checks."
  tags        = merge(local.common_tags, { type = "Benchmark" })
  children = [
    benchmark.s3_public,
    control.s3_versioning,
  ]
}

benchmark "s3_public" {
  title = "Public access"
  children = [
    control.s3_no_public_read,
    control.s3_no_public_write,
  ]
}

control "s3_versioning" {
  title       = "Buckets have versioning enabled"
  description = "Versioning keeps older objects."
  sql         = "select name as resource, case when versioning_enabled then 'ok' else 'alarm' end as status, name as reason from aws_s3_bucket"
  tags        = { severity = "low" }
}

control "s3_no_public_read" {
  title = "Buckets prohibit public read"
  query = query.bucket_list
}

control "s3_no_public_write" {
  title = "Buckets prohibit public write"
  query = query.bucket_list
}
