# The page's interactive parts (tests/server/page_ui.js): a table to filter, exclude, copy from and
# choose columns of; inputs with tags and placeholders; a list to group by category, mod, service
# and type; a detail dashboard with a graph; a benchmark and a detection benchmark (axe-core's views).
dashboard "tables" {
  title = "Tables"
  tags  = { service = "Compute", category = "Cost", type = "Report" }

  input "region" {
    title = "Region"
    width = 4
    sql   = <<-EOQ
      select 'North' as label, 'n' as value, '{"tier": "gold", "zone": "a"}' as tags
      union all select 'South', 's', '{"tier": "silver"}'
      union all select 'East', 'e', '{}'
    EOQ
  }
  input "many" {
    title       = "Many"
    type        = "multiselect"
    placeholder = "Pick some"
    width       = 4
    sql         = <<-EOQ
      select 'x-ray' as label, 'x' as value union all select 'yankee', 'y' union all select 'zulu', 'z'
    EOQ
  }
  input "free" {
    title       = "Free"
    type        = "combo"
    placeholder = "Type or pick"
    width       = 4
    sql         = "select 'papa' as label, 'p' as value union all select 'quebec', 'q'"
  }

  table "items" {
    title = "Items"
    sql   = <<-EOQ
      select 'a1' as id, 'north' as region, 10 as size, 'x' as note
      union all select 'a2', 'south', 20, 'y'
      union all select 'a3', 'north', 30, 'z'
      union all select 'a4', 'east', 40, null
    EOQ
  }
  table "picked" {
    title = "Picked"
    sql   = "select $1 as region, $2 as many, $3 as free"
    args  = [self.input.region.value, self.input.many.value, self.input.free.value]
  }
  card "total" {
    sql   = "select 'Total' as label, 100 as value"
    width = 3
  }
}

dashboard "detail" {
  title = "Detail"
  tags  = { service = "Storage", category = "Security" }

  input "id" {
    title = "Item"
    width = 4
    sql   = "select 'Alpha' as label, 'a' as value union all select 'Beta', 'b'"
  }
  graph "rel" {
    title = "Relations"
    node "item" {
      category = category.item
      sql      = "select 'i-' || $1 as id, 'Item ' || $1 as title"
      args     = [self.input.id.value]
    }
    node "owner" {
      sql = "select 'o-1' as id, 'Owner' as title"
    }
    edge "owns" {
      title = "owns"
      sql   = "select 'o-1' as from_id, 'i-' || $1 as to_id"
      args  = [self.input.id.value]
    }
  }
}

category "item" {
  title = "Item"
  color = "ok"
  icon  = "text:I"
}

benchmark "checks" {
  title    = "Checks"
  tags     = { service = "Compute", type = "Benchmark" }
  children = [benchmark.inner, control.c_ok]
}

benchmark "inner" {
  title    = "Inner checks"
  children = [control.c_alarm]
}

control "c_ok" {
  title = "OK control"
  sql   = "select 'ok' as status, 'r1' as resource, 'fine' as reason"
}

control "c_alarm" {
  title = "Alarm control"
  sql   = "select 'alarm' as status, 'r2' as resource, 'bad' as reason"
}

benchmark "finds" {
  title    = "Finds"
  type     = "detection"
  children = [detection.d_high]
}

detection "d_high" {
  title    = "High detection"
  severity = "high"
  sql      = "select 'e1' as event, 'u1' as actor"
}
