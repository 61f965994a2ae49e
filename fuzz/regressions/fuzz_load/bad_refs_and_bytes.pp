control "a" {
  query = query.nope
}
benchmark "b" {
  children = [control.a, benchmark.b]
}
query "broken" {
  sql = "x"
  title = (1 +
}
ÿþ dashboard "d" { card { base = card.d } }
