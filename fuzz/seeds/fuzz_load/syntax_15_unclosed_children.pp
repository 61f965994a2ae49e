benchmark "uc" {
  children = [
    control.a,
    control.b
}

control "a" {
  title = "a"
}
