# A graph's node controls (tests/server/page_graph_handles.js): literals only, so that any database
# serves them.  A group with a policy and a user, and three roles folded into one node (a fold's
# threshold is 3), each with an edge from the group.

dashboard "main" {
  title = "Handles"

  graph "g" {
    title     = "Members"
    direction = "TD"
    category "role" {
      color = "alert"
      fold {
        threshold = 3
        title     = "Roles"
        icon      = "text:R"
      }
    }
    sql = <<-EOQ
      select 'grp' as id, 'admins' as title, null as category, null as from_id, null as to_id
      union all select 'pol', 'read-only', null, null, null
      union all select 'usr', 'alice', null, null, null
      union all select 'r1', 'role-one', 'role', null, null
      union all select 'r2', 'role-two', 'role', null, null
      union all select 'r3', 'role-three', 'role', null, null
      union all select null, 'attaches', null, 'grp', 'pol'
      union all select null, 'has member', null, 'grp', 'usr'
      union all select null, 'assumes', null, 'grp', 'r1'
      union all select null, 'assumes', null, 'grp', 'r2'
      union all select null, 'assumes', null, 'grp', 'r3'
    EOQ
  }
}
