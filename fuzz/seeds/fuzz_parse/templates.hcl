a = "x${b}y\n\u00e9$${z}%%{w}"
b = <<-EOT
    %{ if c ~}
      yes ${d}
    %{~ endif }
    %{ for k, v in m }${k}=${v}%{ endfor }
  EOT
c = <<EOT
plain
EOT
