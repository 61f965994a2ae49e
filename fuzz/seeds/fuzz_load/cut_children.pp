benchmark "b" {
  children = [
    control.a,
    control.b