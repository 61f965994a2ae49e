e = <<EOT
x $${~y}
EOT
