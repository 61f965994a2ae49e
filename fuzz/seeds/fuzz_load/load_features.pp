query "pq" {
  title = "P ${var.v}"
  sql   = "select $1"
  param "a" {
    description = local.s
    default     = [1, 2]
  }
}

control "uses" {
  query    = query.pq
  args     = { a = local.t, b = param.x }
  severity = "high"
  tags     = merge(local.t, { k = var.v })
}

control "listed" {
  query = query.q
  args  = ["x", 2, self.input.i.value]
}

benchmark "tree" {
  children = [control.uses, control.listed, benchmark.fixed, benchmark.loop]
}

benchmark "loop" {
  children = [benchmark.tree]
}

chart "base_chart" {
  type = "bar"
  sql  = "select 1"
  axes {
    x {
      title { value = "X" }
    }
  }
}

dashboard "d" {
  title = "D"
  container {
    chart {
      base = chart.base_chart
      series "s" {
        color = "red"
      }
    }
    card {
      sql   = query.q.sql
      width = 4
    }
  }
  input "i" {
    option "a" {}
  }
}
