benchmark "statuses" {
  title       = "Every Status"
  description = "A benchmark whose controls give every status."
  children    = [benchmark.inner, control.ok, control.alarm]
}

benchmark "inner" {
  title    = "Inner Checks With a Longer Title"
  children = [control.info, control.skip, control.error]
}

control "ok" {
  title = "An ok control"
  sql   = "select 'r1' as resource, 'ok' as status, 'fine' as reason, 'us-east-1' as region"
}

control "alarm" {
  title = "An alarm control"
  sql   = "select 'r2' as resource, 'alarm' as status, 'not fine at all' as reason, 'eu-west-1' as region"
}

control "info" {
  title = "An info control"
  sql   = "select 'r3' as resource, 'info' as status, 'for your information' as reason"
}

control "skip" {
  title = "A skipped control"
  sql   = "select 'r4' as resource, 'skip' as status, 'skipped' as reason"
}

control "error" {
  title = "An error control"
  sql   = "select x from no_such_table"
}
