dashboard "narrow" {
  title = "Narrow Panels"
  tags  = { service = "Layout", type = "Dashboard" }
  container {
    card {
      sql   = "select 12 as \"Pods Running Without Resource Limits\""
      width = 2
    }
    card {
      sql   = "select 3 as \"Containers With Privilege Escalation Allowed\""
      width = 2
      type  = "alert"
    }
    card {
      sql   = "select 'Transparency Logging Disabled' as label, 2 as value, 'ok' as type"
      width = 2
    }
    card {
      sql   = "select 'Ineligible for Renewal' as label, 0 as value, 'info' as type"
      width = 2
    }
    card {
      sql   = "select 'Node Pools With Auto Upgrade Disabled In Every Region' as label, 7 as value"
      width = 2
    }
    card {
      sql   = "select 'Broken' as label, * from no_such_table"
      width = 2
    }
  }
  container {
    chart {
      title = "CPU Limit"
      type  = "donut"
      width = 3
      sql   = "select 'used' as status, 3 as n union all select 'unused', 9"
    }
    chart {
      title = "Auto Repair"
      type  = "donut"
      width = 3
      sql   = "select 'enabled' as status, 1 as n union all select 'disabled', 14"
    }
    chart {
      title = "Memory Limit Status Of Every Container"
      type  = "pie"
      width = 3
      sql   = "select 'without a memory limit' as status, 5 as n union all select 'with a memory limit', 30"
    }
    chart {
      title = "Secure Boot"
      type  = "donut"
      width = 3
      sql   = "select 'secure boot enabled' as status, 20 as n union all select 'secure boot disabled', 2"
    }
  }
  container {
    chart {
      title = "Nodes by Machine Type"
      type  = "column"
      width = 3
      sql   = <<-EOQ
        select 'machine_type_name-' || x as machine_type, x + 1 as nodes from (
          select 0 as x union all select 1 union all select 2 union all select 3 union all select 4
          union all select 5 union all select 6 union all select 7)
      EOQ
    }
    chart {
      title = "Instances by Type"
      type  = "bar"
      width = 3
      sql   = <<-EOQ
        select 'instance-type-with-a-rather-long-name-' || x as t, x + 2 as n from (
          select 0 as x union all select 1 union all select 2 union all select 3)
      EOQ
    }
    chart {
      title = "Certificates by Age"
      type  = "column"
      width = 3
      sql   = <<-EOQ
        select '2026-' || substr('0' || x, -2) as month, x % 3 + 1 as n from (
          select 1 as x union all select 2 union all select 3 union all select 4 union all select 5
          union all select 6 union all select 7 union all select 8 union all select 9
          union all select 10 union all select 11 union all select 12)
      EOQ
    }
    chart {
      title = "Broken Chart"
      type  = "column"
      width = 3
      sql   = "select x from no_such_table"
    }
  }
}
