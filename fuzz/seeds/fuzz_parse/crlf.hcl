a = <<EOT
x
EOT
b = "c"
