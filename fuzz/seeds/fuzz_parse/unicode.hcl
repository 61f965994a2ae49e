b "año" {
  v = "año ‘q’  x"
}
