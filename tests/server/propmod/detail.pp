# The target of main's links: its input's value is what a link or a deep link chose.
dashboard "detail" {
  title = "Detail"
  tags = { service = "Storage" }
  input "id" {
    title = "Item"
    sql   = "select 'Alpha' as label, 'a' as value union all select 'Beta', 'b' union all select 'Arn', 'arn:x/y z&w'"
    width = 4
  }
  card "chosen" {
    query = query.chosen
    args  = { id = self.input.id.value }
    width = 4
  }
  table "overview" {
    title = "Overview"
    type  = "line"
    query = query.overview
    args  = { id = self.input.id.value }
    width = 6
  }
  # more rows than the page puts in the DOM at first: every one reached by scrolling
  table "many" {
    title = "Many"
    sql   = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 2500) select i as id, 'row ' || i as name from n"
    width = 6
  }
}

query "chosen" {
  sql = "select 'Chosen' as label, $1 as value"
  param "id" {}
}

query "overview" {
  sql = "select $1 as \"ID\", 'Alpha Thing' as \"Name\", 3 as size"
  param "id" {}
}
