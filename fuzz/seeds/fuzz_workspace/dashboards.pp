dashboard "overview" {
  title = "Overview"
  tags  = merge(local.common_tags, { type = "Report" })

  container {
    title = "Counts"

    card {
      query = query.bucket_count
      width = 3
    }

    card "public_buckets" {
      query = query.public_bucket_count
      width = 3
    }

    container {
      chart {
        type  = "pie"
        query = query.buckets_by_region
      }
    }
  }

  input "region" {
    title = "Region"
    sql   = "select 'us-east-1' as label, 'us-east-1' as value"
  }

  table {
    title = "Buckets"
    query = query.bucket_list
  }
}

dashboard "detail" {
  title = "Bucket Detail"
  tags = {
    type     = "Detail"
    priority = 2
  }

  card {
    sql   = "select 1 as value"
    width = 2
  }
}
