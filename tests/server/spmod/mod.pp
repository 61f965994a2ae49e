# spmod: one card over a table t that two schemas both have (tests/server/page_search_path.js): which
# one the card shows is the search path's choice.
mod "spmod" {
  title = "spmod"
}

dashboard "main" {
  title = "Search path"
  card "which" {
    title = "Which t"
    sql   = "select v as value, 'T' as label from t"
  }
}
