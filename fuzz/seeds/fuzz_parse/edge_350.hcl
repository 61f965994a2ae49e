e = [
  for x in y : x
]
