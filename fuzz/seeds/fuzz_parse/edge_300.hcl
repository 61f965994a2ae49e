a = "año"
b = "${x}año"
c "año" {}
d = <<EOT
año
EOT
e = {"año" = 1}
