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
  sql         = "select name as resource, case when versioning_enabled then 'ok' else 'alarm' end as status, name || case when versioning_enabled then ' has versioning enabled.' else ' has versioning disabled.' end as reason, region from aws_s3_bucket"
  tags        = { severity = "low" }
}

control "s3_no_public_read" {
  title = "Buckets prohibit public read"
  query = query.bucket_public_access
}

# info for the bucket that only serves a website, skip for scratch space: a control can say more
# than ok and alarm
control "s3_no_public_write" {
  title = "Buckets prohibit public write"
  sql   = <<-EOQ
    select
      name as resource,
      case
        when name = 'scratch' then 'skip'
        when name like 'website-%' then 'info'
        when bucket_policy_is_public then 'alarm'
        else 'ok'
      end as status,
      case
        when name = 'scratch' then name || ' is scratch space, not checked.'
        when name like 'website-%' then name || ' serves a public website.'
        when bucket_policy_is_public then name || ' has a public bucket policy.'
        else name || ' has no public bucket policy.'
      end as reason,
      region
    from aws_s3_bucket
  EOQ
}
