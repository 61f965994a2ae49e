control "unclosed_heredoc" {
  sql = <<EOQ
select 1
}
