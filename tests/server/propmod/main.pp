dashboard "main" {
  title = "Main"
  tags = { service = "Compute", type = "Dashboard" }

  container {
    title = "Cards"
    card "alert" {
      sql   = "select 'Unencrypted' as label, 2 as value"
      type  = "alert"
      icon  = "text:EBA"
      width = 3
    }
    card "ok" {
      sql   = "select 0 as value, 'Public' as label, 'ok' as type"
      width = 3
    }
    card "linked" {
      sql   = "select 'Open b' as label, 'b' as value"
      href  = "${dashboard.detail.url_path}?input.id={{.value | @uri}}"
      icon  = "currency-dollar"
      width = 3
    }
  }

  table "links" {
    title = "Links"
    sql   = <<-EOQ
      select 'a' as id, 'Alpha Thing' as "Name", 'arn:x/y z&w' as "Arn", 'https://example.com/x?y=1' as link,
        'hidden' as secret, null as maybe, 'a long text that wraps' as notes
      union all
      select 'b', 'Beta Thing', 'arn:q', 'javascript:alert(1)', 'hidden', 'b', 'short'
    EOQ
    column "Name" {
      href = "${dashboard.detail.url_path}?input.id={{.id | @uri}}"
    }
    column "Arn" {
      href = "/props.dashboard.detail?input.id={{.'Arn' | @uri}}"
    }
    column "id" {
      href = "/props.dashboard.detail?input.id={{.\"id\" | @uri}}"
    }
    column "link" {
      href = "{{ .link }}"
    }
    column "maybe" {
      href = "{{ if .'maybe' == null then null else '${dashboard.detail.url_path}?input.id=' + (.'maybe' | @uri) end }}"
    }
    column "secret" {
      display = "none"
    }
    column "notes" {
      wrap = "all"
    }
  }

  chart "encryption" {
    title = "Encryption"
    type  = "donut"
    sql   = "select 'encrypted' as status, 5 as total union all select 'unencrypted', 2"
    width = 4
    series "total" {
      point "encrypted" {
        color = "ok"
      }
      point "unencrypted" {
        color = "alert"
      }
    }
  }

  chart "regions" {
    title = "By region"
    type  = "column"
    sql   = "select 'north' as region, 10 as q1, 15 as q2 union all select 'south', 7, 3"
    width = 4
    series "q1" {
      title = "First quarter"
      color = "#ff8800"
    }
    series "q2" {
      color = "info"
    }
  }

  chart "crosstab" {
    title = "Crosstab"
    type  = "bar"
    sql   = "select 'north' as region, 'ok' as status, 4 as n union all select 'north', 'alarm', 1 union all select 'south', 'ok', 2"
    width = 4
  }

  graph "g" {
    title = "Graph"
    category "bucket" {
      color = "alert"
      icon  = "text:B"
      href  = "${dashboard.detail.url_path}?input.id={{.properties.'Name' | @uri}}"
    }
    sql = <<-EOQ
      select 'n1' as id, 'Bucket one' as title, 'bucket' as category, '{"Name": "a"}' as properties,
        null as from_id, null as to_id
      union all select 'n2', 'Key', null, null, null, null
      union all select null, null, null, null, 'n1', 'n2'
    EOQ
  }

  # a node/edge graph as the insights mods write them: nodes and edges of their own, categories
  # from the mod, one node in error (the others are still drawn), one edge to a node no node gave
  # (dropped), five subnets of one category between the same nodes (folded into one)
  graph "rel" {
    title     = "Relationships"
    direction = "LR"
    node "vpc" {
      category = category.vpc
      sql      = "select 'vpc-1' as id, 'vpc one' as title"
    }
    node "subnets" {
      category = category.subnet
      sql      = "select 's' || n as id from (select 1 as n union all select 2 union all select 3 union all select 4 union all select 5) as t"
    }
    node "instance" {
      title = "Instance"
      sql   = "select 'i-1' as id"
    }
    node "broken" {
      title = "Broken node"
      sql   = "select id from no_such_table"
    }
    edge "vpc_subnet" {
      title = "contains"
      sql   = "select 'vpc-1' as from_id, 's' || n as to_id from (select 1 as n union all select 2 union all select 3 union all select 4 union all select 5 union all select 6) as t"
    }
    edge "subnet_instance" {
      sql = "select 's1' as from_id, 'i-1' as to_id"
    }
  }

  input "many" {
    title = "Many"
    type  = "multiselect"
    sql   = "select 'x' as label, 'x' as value union all select 'y', 'y' union all select 'z', 'z'"
    width = 4
  }
  input "free" {
    title = "Free"
    type  = "combo"
    sql   = "select 'p' as label, 'p' as value union all select 'q', 'q'"
    width = 4
  }
  table "picked" {
    title = "Picked"
    sql   = "select $1 as many, $2 as free"
    args  = [self.input.many.value, self.input.free.value]
  }

  image {
    src   = "https://example.com/logo.png"
    alt   = "Logo"
    width = 2
  }
}

benchmark "bench" {
  title    = "Bench"
  tags     = { service = "Compute" }
  children = [control.c1]
}

control "c1" {
  title = "C1"
  sql   = "select 'ok' as status, 'r' as resource, 'fine' as reason"
}

category "vpc" {
  title = "VPC"
  color = "ok"
  icon  = "text:V"
}

category "subnet" {
  title = "Subnet"
  color = "#ff8800"
  icon  = "lan"
}
