control "s3_bucket_encryption" {
  title       = "S3 buckets should be encrypted"
  description = "Checks \"things\".\tTab"
  query       = query.s3_bucket_encryption
  documentation = file("./docs/x.md")
  args = {
    x = var.y
  }

  tags = merge(local.aws_tags, {
    service = "AWS/S3" # inline
  })
}
