control "ut" {
  tags = {
    a = "b"
}

control "after_ut" {
  title = "t"
}
