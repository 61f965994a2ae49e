mod "charts" {
  title = "Charts"
}
