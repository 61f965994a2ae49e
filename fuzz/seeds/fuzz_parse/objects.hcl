a = merge(local.x, {
  k = "v"
  "q" = 2, (r) = 3
  s.t: 4
})
