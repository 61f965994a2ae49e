dashboard "relations" {
  title = "Relations"
  tags  = { service = "Layout", type = "Detail" }
  # a graph as the insights mods' detail dashboards write one: three users of one category folded
  graph "rel" {
    title     = "Relationships"
    type      = "graph"
    direction = "TD"
    width     = 6
    node "group" {
      category = category.group
      sql      = "select 'g1' as id, 'administrators-group' as title"
    }
    node "users" {
      category = category.user
      sql      = "select 'u' || n as id, 'user-with-a-long-name-' || n as title from (select 1 as n union all select 2 union all select 3) as t"
    }
    node "policies" {
      category = category.policy
      sql      = "select 'p1' as id, 'ReadOnlyAccess' as title union all select 'p2', 'deploy-pipeline-policy'"
    }
    edge "members" {
      title = "has member"
      sql   = "select 'g1' as from_id, 'u' || n as to_id from (select 1 as n union all select 2 union all select 3) as t"
    }
    edge "attaches" {
      title = "attaches policy"
      sql   = "select 'g1' as from_id, 'p1' as to_id union all select 'g1', 'p2'"
    }
  }
  # a flow with a middle column of long labels
  flow "egress" {
    title = "Egress Rules"
    width = 6
    sql   = <<-EOQ
      select 'sg-1' as id, 'web-security-group-with-a-long-name' as title, null as from_id, null as to_id, 0 as depth
      union all select 'r1', 'All Traffic to 0.0.0.0/0', null, null, 1
      union all select 'r2', '443/tcp to 10.0.0.0/8', null, null, 1
      union all select 'r3', '80/tcp to 192.168.0.0/16', null, null, 1
      union all select 'r4', '22/tcp to 172.16.0.0/12', null, null, 1
      union all select 'd1', 'internet-gateway', null, null, 2
      union all select 'd2', 'private-network-destination', null, null, 2
      union all select null, null, 'sg-1', 'r1', null union all select null, null, 'sg-1', 'r2', null
      union all select null, null, 'sg-1', 'r3', null union all select null, null, 'sg-1', 'r4', null
      union all select null, null, 'r1', 'd1', null union all select null, null, 'r2', 'd2', null
      union all select null, null, 'r3', 'd1', null union all select null, null, 'r4', 'd2', null
    EOQ
  }
  hierarchy "tree" {
    title = "Organization"
    width = 6
    sql   = <<-EOQ
      select 'root' as id, 'organization-root' as title, null as from_id
      union all select 'ou1', 'production-accounts', 'root' union all select 'ou2', 'development-accounts', 'root'
      union all select 'a1', 'payments-production-account', 'ou1' union all select 'a2', 'identity-production-account', 'ou1'
      union all select 'a3', 'sandbox-development-account', 'ou2' union all select 'a4', 'tooling-development-account', 'ou2'
    EOQ
  }
  # a heatmap over data that is no date (Powerpipe's draws it as its rows come)
  chart "heat" {
    title = "Findings by Region"
    type  = "heatmap"
    width = 6
    sql   = <<-EOQ
      select 'us-east-1' as region, 3 as n union all select 'eu-west-1', 9
      union all select 'ap-south-1', 1 union all select 'sa-east-1', 4
    EOQ
  }
}

category "group" {
  title = "IAM Group"
  color = "ok"
  icon  = "group"
}

category "user" {
  title = "IAM User"
  color = "#ff8800"
  icon  = "person"
}

category "policy" {
  title = "IAM Policy"
  color = "alert"
  icon  = "rule"
}
