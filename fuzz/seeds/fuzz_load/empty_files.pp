control "a" {
  sql = "select 1"
}



# nothing else
