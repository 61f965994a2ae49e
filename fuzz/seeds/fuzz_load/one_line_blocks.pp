control "o1" { title = "t" }
control "o2" { sql = "select 1" }
control "o3" {}
control "o4" { }
dashboard "od" { card "x" { width = 2 } }
control "after_od" { title = "t" }
control "o5" { title = "t", sql = "x" }
control "after_o5" { title = "t" }
control "o6" { title = "t" sql = "s" }
control "after_o6" { title = "t" }
control "o9" { tags = { a = "b" } }
query "o7" { sql = <<EOQ
select 1
EOQ
}
benchmark "o8" { title = "T"
  tags = { a = "b" }
}

