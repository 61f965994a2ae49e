control "o1" { title = "t" }

control "o2" { sql = "select 1" }

control "o3" {}

control "o4" { }

benchmark "ob" { children = [control.o1, control.o2] }

control "o5" { tags = { a = "b", c = "d" } }

query "q" { sql = "select 1" }   # trailing comment

query "q2" { description = "x" } // trailing comment

query "q3" { description = "x" } /* trailing comment */

control "o6" { title = "é" }

control "o8" {title="no spaces"}

