# logmod: a dashboard whose panels have a log worth reading (tests/server/page_log.js): a card
# reading a with, a table in error (SQLite's own message), a graph of nodes and an edge.
dashboard "main" {
  title = "Log"
  with "nums" {
    sql = "select 7 as n"
  }
  card "c" {
    title = "From a with"
    sql   = "select $1 as value, 'N' as label"
    args  = [with.nums.rows[0].n]
    width = 4
  }
  table "bad" {
    title = "Broken"
    sql   = "select * from no_such_table"
    width = 4
  }
  graph "g" {
    title = "G"
    node "a" {
      sql = "select 'a' as id, 'A' as title"
    }
    node "b" {
      sql = "select 'b' as id, 'B' as title"
    }
    edge "ab" {
      sql = "select 'a' as from_id, 'b' as to_id"
    }
  }
}

# a detection under two benchmarks: drawn, with its title, in both places
benchmark "twice" {
  title    = "Twice"
  type     = "detection"
  children = [benchmark.one, benchmark.two]
}

benchmark "one" {
  title    = "One"
  type     = "detection"
  children = [detection.shared]
}

benchmark "two" {
  title    = "Two"
  type     = "detection"
  children = [detection.shared]
}

detection "shared" {
  title = "Shared detection"
  sql   = "select 'e1' as event"
}

# summary cards that filter the view on a click
benchmark "checks" {
  title    = "Checks"
  children = [control.fine, control.bad]
}

control "fine" {
  title = "Fine"
  sql   = "select 'ok' as status, 'r1' as resource, 'fine' as reason"
}

control "bad" {
  title = "Bad"
  sql   = "select 'alarm' as status, 'r2' as resource, 'bad' as reason"
}
