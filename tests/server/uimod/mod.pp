mod "ui" {
  title = "UI"
}
