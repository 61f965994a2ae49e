query "q" {
  sql = <<-EOQ
    select
      arn as resource,
      case when x then 'ok' else 'alarm' end as status,
      '${local.y}' as z
    from
      aws_s3_bucket;

  EOQ

  param "arn" {
    description = "The ARN."
    default     = ""
  }
}
