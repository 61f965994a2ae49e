a = ns::f(1, [2]...)
b = 1 + 2 * 3 - -x
c = a ? b : c ? d : e
d = !x == y
e = [for k, v in m : v if k != "x"]
f = {for v in l : v => v...}
g = x.*.y
h = x[*][0].y
i = foo.bar[0]["k"].baz.1
