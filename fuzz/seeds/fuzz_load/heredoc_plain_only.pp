query "a" {
  sql = <<-EOQ
    select
      a,
      b
    from
      t
    where
      c = 'x';
  EOQ
}

query "b" {
  description = <<EOT
Plain text with no interpolation.

Two paragraphs.
EOT
  sql = <<EOQ
select 1
EOQ
}

control "c" {
  title = "C"
  sql   = <<-EOQ
    with x as (
      select '}' as a, '{' as b, '"' as c
    )
    select * from x
  EOQ
}

