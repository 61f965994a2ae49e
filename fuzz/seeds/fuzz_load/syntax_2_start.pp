} control "lost" {
  title = "after a stray brace"
}
