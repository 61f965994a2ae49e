control "bad_escape" {
  title = "a\qb"
}
