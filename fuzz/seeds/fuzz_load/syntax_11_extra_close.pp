control "extra" {
  title = "t"
}
}
control "after_extra" {
  title = "t"
}
