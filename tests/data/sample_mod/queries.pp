query "bucket_count" {
  title = "Bucket count"
  sql   = "select count(*) as value from aws_s3_bucket"
}

query "public_bucket_count" {
  title = "Public bucket count"
  sql   = <<-EOQ
    select count(*) as value
    from aws_s3_bucket
    where bucket_policy_is_public
  EOQ
}

query "buckets_by_region" {
  sql = "select region, count(*) from aws_s3_bucket group by region"
}

query "bucket_list" {
  sql = "select name, region from aws_s3_bucket"
}

query "bucket_public_access" {
  sql = <<-EOQ
    select
      name as resource,
      case when bucket_policy_is_public then 'alarm' else 'ok' end as status,
      case when bucket_policy_is_public then name || ' is publicly readable.'
        else name || ' is not publicly readable.' end as reason,
      region
    from aws_s3_bucket
  EOQ
}
