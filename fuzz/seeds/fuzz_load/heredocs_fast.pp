query "h_plain" {
  title = "H1"
  sql   = <<EOQ
    select
      a,
	b -- tab
    from t

    where x = 'EOQ'
    EOQ_NOT_THE_END
    EOQx
    xEOQ
  EOQ
}

query "h_flush" {
  sql = <<-EOQ
    select *
      from t

    where a = 1

  EOQ
}

query "h_interp" {
  sql = <<-EOQ
    select *
    where a = '${var.v}'
      and b = ${var.n}
    ${local.l}
  EOQ
}

control "h_tabs" {
  title = <<-EOT
	tab-indented
	  more
	EOT
}

control "h_tab_space" {
  title = <<-EOT
	tab
    four spaces
  EOT
}

control "h_mixed" {
  title = <<-EOT
      deeper first
    shallower second

      blank line above
    EOT
}

control "h_no_flush" {
  description = <<EOT
Text with "quotes" and \n not an escape and a \ backslash
  indented line
EOT
}

control "h_interp_plain" {
  description = <<EOT
Text with ${local.l} in it
EOT
}

control "h_only_interp" {
  description = <<-EOT
    ${var.v}
    EOT
}

query "h_empty" {
  sql = <<EOQ
EOQ
}

query "h_empty_flush" {
  sql = <<-EOQ
EOQ
}

query "h_blank_only" {
  sql = <<EOQ

EOQ
}

query "h_blank_lines_flush" {
  sql = <<-EOQ


  EOQ
}

query "h_indented_marker" {
  sql = <<EOQ
    select 1
        EOQ
}

query "h_marker_spaces_after" {
  sql = <<EOQ
select 1
EOQ   
}

query "h_utf8" {
  sql = <<-EOQ
    select 'é' -- 日本語 🎉
    EOQ
}

query "h_other_marker" {
  sql = <<-SQL
    select 1
  SQL
}

query "h_fake_block" {
  sql = <<EOQ
control "fake" {
  title = "inside a heredoc"
}
EOQ
}

query "h_comment_lines" {
  sql = <<-EOQ
    # not a comment
    // nor this
    /* nor this */
  EOQ
}

control "h_two" {
  title = <<-EOT
    T
  EOT
  description = <<-EOT
    D
  EOT
  sql = <<EOQ
select 1
EOQ
}

variable "v" {
  default = "V"
}

variable "n" {
  type    = number
  default = 3
}

locals {
  l = "L"
}
