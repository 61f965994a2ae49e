mod "props" {
  title = "Props"
}
