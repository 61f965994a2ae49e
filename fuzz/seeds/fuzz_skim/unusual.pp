a = var.l[*].id ? "x ${y ~} %{if z}q%{endif}" : [for v in l : v]
b = <<EOT
  x
EOT
c "d" { e = 1 }
/* c */ f = (1 + 2) * -3
