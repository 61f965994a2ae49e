control "uses" {
  title       = "${local.c} ${var.s}"
  description = local.second
  tags        = local.tags
  sql         = "select '${var.n}'"
}

benchmark "vb" {
  title    = var.s
  children = [control.uses]
}

control "uses_heredoc" {
  description = var.heredoc
  display     = "${var.b}"
}

variable "s" {
  type        = string
  description = "A string."
  default     = "str"
}

variable "n" {
  type    = number
  default = 1.5
}

variable "l" {
  type    = list(string)
  default = ["a", "b"]
}

variable "o" {
  type = map(string)
  default = {
    k = "v"
  }
}

variable "noval" {
  type = string
}

variable "b" {
  default = true
}

variable "heredoc" {
  default = <<-EOT
    multi
    line
  EOT
}

locals {
  a = "A"
  b = "${local.a}B"
  c = upper(local.b)
  tags = merge({ x = local.a }, { y = var.s })
}

locals {
  second = "block"
}
