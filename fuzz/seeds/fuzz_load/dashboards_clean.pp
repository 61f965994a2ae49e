dashboard "d" {
  title         = "Dashboard"
  documentation = file("./README.md")

  tags = {
    type = "Report"
  }

  text "intro" {
    value = "Welcome"
  }

  input "i" {
    title = "Pick"
    type  = "select"
    width = 4
    sql   = "select 1 as label, 1 as value"
  }

  container "c" {
    card "named" {
      sql   = "select 1"
      width = 2
      type  = "info"
    }
    card {
      query = query.q
      width = 2
      args  = [self.input.i.value]
    }
    chart "ch" {
      type  = "donut"
      query = query.q
      width = 4
    }
  }

  container {
    table "t" {
      query = query.q
      args = {
        "x" = self.input.i.value
      }
    }
  }

  container {
    title = "Third"
    card {
      width = 3
    }
    card {
      width = 3
    }
  }
}

query "q" {
  sql = "select 1"
}

