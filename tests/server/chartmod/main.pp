# The page's charts, cards, graphs and flows as Powerpipe's UI draws them (tests/server/page_charts.js):
# literals only, so that any database serves them.  Each panel's facts are here.

dashboard "main" {
  title = "Charts"

  # a long one-word value in a narrow card; a value of two words
  card "word" {
    width = 2
    sql   = "select 'Transparency Logging' as label, 'Disabled' as value"
  }
  card "long_word" {
    width = 2
    sql   = "select 'Region' as label, 'ap-southeast-2-extended' as value"
  }
  card "two_words" {
    width = 2
    sql   = "select 'Status' as label, 'Not enabled' as value"
  }

  # axis titles, a legend at the bottom, eight categories (rotated labels)
  chart "titled" {
    title = "Instances by region"
    type  = "column"
    width = 6
    sql   = <<-EOQ
      select 'us-east-1' as region, 3 as running, 1 as stopped
      union all select 'us-east-2', 4, 2 union all select 'us-west-1', 1, 0
      union all select 'us-west-2', 7, 3 union all select 'eu-west-1', 2, 2
      union all select 'eu-central-1', 5, 1 union all select 'ap-south-1', 1000, 4
      union all select 'ap-southeast-2', 6, 1
    EOQ
    legend {
      position = "bottom"
    }
    axes {
      x {
        title {
          value = "Region of the instances"
        }
      }
      y {
        title {
          value = "Instances"
        }
      }
    }
  }

  # a horizontal bar chart with titles and its legend on the right
  chart "bar_titled" {
    title = "Buckets"
    type  = "bar"
    width = 6
    sql   = "select 'logs-archive-bucket' as name, 12 as public, 30 as private union all select 'web', 3, 5"
    legend {
      position = "right"
    }
    axes {
      x {
        title {
          value = "Objects"
        }
      }
      y {
        title {
          value = "Bucket"
        }
      }
    }
  }

  # Powerpipe's heatmap: a count per day (daily), a count per hour (hourly)
  chart "heat_daily" {
    title = "Daily"
    type  = "heatmap"
    width = 6
    sql   = <<-EOQ
      select '2024-01-01T00:00:00Z' as day, 0 as n union all select '2024-01-02T00:00:00Z', 10
      union all select '2024-01-03T00:00:00Z', 25 union all select '2024-01-04T00:00:00Z', 40
      union all select '2024-01-05T00:00:00Z', 50
    EOQ
  }
  chart "heat_hourly" {
    title = "Hourly"
    type  = "heatmap"
    width = 6
    sql   = <<-EOQ
      select '2024-01-01T22:00:00Z' as t, 1 as n union all select '2024-01-01T23:00:00Z', 2
      union all select '2024-01-02T00:00:00Z', 3 union all select '2024-01-02T01:00:00Z', 4
    EOQ
  }

  # long node titles side by side (none hidden), titled edges
  graph "g" {
    title     = "Relationships"
    direction = "TD"
    category "policy" {
      color = "alert"
      icon  = "text:P"
    }
    sql = <<-EOQ
      select 'grp' as id, 'administrators-group' as title, null as category, null as from_id, null as to_id
      union all select 'p1', 'ReadOnlyAccessPolicy', 'policy', null, null
      union all select 'p2', 'deploy-pipeline-policy', 'policy', null, null
      union all select 'u1', 'first-user-with-a-long-name', null, null, null
      union all select 'u2', 'second-user-with-a-long-name', null, null, null
      union all select null, 'attaches', 'policy', 'grp', 'p1'
      union all select null, 'attaches', 'policy', 'grp', 'p2'
      union all select null, 'has member', null, 'grp', 'u1'
      union all select null, 'has member', null, 'grp', 'u2'
    EOQ
  }

  # an egress flow as aws_insights writes one: depths from its rows (the destination right of the
  # port, the port right of the group, the instances at 0), links coloured by category (alert, ok)
  flow "egress" {
    title = "Egress"
    type  = "sankey"
    width = 12
    category "alert" {
      color = "alert"
    }
    category "ok" {
      color = "ok"
    }
    sql = <<-EOQ
      select 'src_0.0.0.0/0' as id, '0.0.0.0/0' as title, 3 as depth, 'source' as category,
        null as from_id, null as to_id
      union all select 'src_10.0.0.0/8', '10.0.0.0/8', 3, 'source', null, null
      union all select 'All Traffic', 'All Traffic', 2, 'port_proto', null, null
      union all select '443/tcp', '443/tcp', 2, 'port_proto', null, null
      union all select 'sg-1', 'web-security-group', 1, 'security_group', null, null
      union all select 'i-1', 'web-instance-one(aws_ec2_instance)', 0, 'aws_ec2_instance', 'sg-1', null
      union all select 'i-2', 'web-instance-two(aws_ec2_instance)', 0, 'aws_ec2_instance', 'sg-1', null
      union all select null, null, null, 'alert', 'src_0.0.0.0/0', 'All Traffic'
      union all select null, null, null, 'ok', 'src_10.0.0.0/8', '443/tcp'
      union all select null, null, null, 'alert', 'All Traffic', 'sg-1'
      union all select null, null, null, 'ok', '443/tcp', 'sg-1'
    EOQ
  }
}
