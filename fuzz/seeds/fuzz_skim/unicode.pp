dashboard "café é" {
  title = "Café — ’q’ 👩‍💻 🇫🇷 ${var.x}" # 中
  tags = { "가가" = [1, "का"], b = "\u00e9\t" }
  sql = <<-EOQ
    select ؀x ${local.y}  

    EOQ
}
// — end