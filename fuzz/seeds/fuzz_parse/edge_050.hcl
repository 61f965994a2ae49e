e = <<EOT
$${x}
EOT
