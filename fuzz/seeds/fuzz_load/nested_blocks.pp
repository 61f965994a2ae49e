query "p" {
  sql = "select $1"
  param "p1" {
    default     = 1
    description = "param"
  }
  param "p2" { default = "x" }
  param "p3" {
    default = ["a", { b = "c" }]
  }
}

control "args" {
  query = query.p
  args = {
    p1 = 2
    p2 = "y"
  }
}

control "args_list" {
  query = query.p
  args  = [1, "two", null]
}

dashboard "d" {
  title = "D"

  input "i" {
    type = "select"
    option "a" {}
    option "b" { label = "B" }
  }

  with "w" {
    query = query.p
    args  = { p1 = self.input.i.value }
  }

  card {
    query = query.p
    args  = { p1 = 1 }
    title = "anon card"
  }

  container {
    title = "c1"
    card "named" {}
    card {}
    card {
      width = 3
    }
    container {
      table {
        column "a" {
          display = "none"
        }
      }
    }
  }

  container "lab" {
    chart {
      type = "bar"
    }
    chart "c2" {
      series "s" {
        color = "red"
      }
      axes {
        x {
          title {
            value = "X"
          }
        }
      }
    }
    text {
      value = <<-EOT
        # Markdown
        with ${local.x} and `code`
      EOT
    }
  }

  benchmark "inner" {}

  control "x" {
    sql = "select 1"
  }

  table {
    sql = "select 1"
    column "c" {
      href = "/x/${row.id}"
    }
  }

  graph {
    node {
      sql = "select 1"
    }
    node "named_node" {
      sql = "select 2"
    }
    edge {
      sql = "select 3"
    }
    with "gw" {
      sql = "select 4"
    }
  }

  hierarchy {
    node {
      sql = "select 1"
    }
  }

  flow {}
  image {
    src = "x.png"
  }
}

container "top_container" {
  card "tc" {}
  card {}
}

dashboard "named_then_anon" {
  card "first" {}
  card {}
  chart {}
  card {}
}

