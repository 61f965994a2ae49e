dashboard "inputs" {
  title = "Inputs"
  tags  = { service = "Layout", type = "Detail" }
  input "arn" {
    title = "Select a certificate:"
    width = 4
    sql   = <<-EOQ
      select 'certificate-for-the-payments-site' as label,
        'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' as value,
        '{"account_id": "111111111111", "region": "us-east-1"}' as tags
      union all select 'certificate-for-the-identity-site',
        'arn:aws:acm:eu-west-1:222222222222:certificate/1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6',
        '{"account_id": "222222222222", "region": "eu-west-1"}'
    EOQ
  }
  input "name" {
    title       = "Name"
    type        = "text"
    width       = 4
    placeholder = "a name"
  }
  input "many" {
    title = "Regions"
    type  = "multiselect"
    width = 4
    sql   = "select 'us-east-1' as label, 'us-east-1' as value union all select 'eu-west-1', 'eu-west-1'"
  }
  table "overview" {
    title = "Overview"
    type  = "line"
    width = 3
    sql   = <<-EOQ
      select 'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' as "ARN",
        'certificate-for-the-payments-site.example.com' as "Domain Name", 'AMAZON_ISSUED' as "Type",
        'us-east-1' as "Region"
    EOQ
  }
  table "tags" {
    title = "Tags"
    width = 3
    sql   = "select 'environment' as \"Key\", 'production-environment-of-payments' as \"Value\""
  }
  table "broken" {
    title = "Broken Table"
    width = 6
    sql   = "select x from no_such_table"
  }
}
