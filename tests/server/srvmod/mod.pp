mod "srv" {
  title = "Server fixture"
}
