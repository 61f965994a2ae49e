a = 1 +
 2
b {
 a = 1 }
c = [1
2]
d = "\q"
e = x.*.y.*.z
"a" = 1
f = f(1 2)
g = x & y
