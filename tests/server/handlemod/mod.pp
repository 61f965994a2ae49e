mod "handles" {
  title = "Handles"
}
