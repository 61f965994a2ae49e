category "cat1" {
  title = "Cat"
  color = "red"
  icon  = "x"
}

dashboard "d" {
  graph {
    title = "G"
    node {
      category = category.cat1
      sql      = "select 1"
    }
    edge "e" {
      category = category.cat1
    }
  }
  flow "f" {
    node "n2" {
      base = node.n1
    }
  }
}

node "n1" {
  category = category.cat1
  sql      = "select 1"
}

node "n3" {
  category = "category.cat1"
}

node "n4" {
  category = dep.category.c
}

node "n5" {
  category = category.missing
}

benchmark "det" {
  type     = "detection"
  children = [detection.d1]
}

benchmark "ctl" {
  type     = "control"
  children = [control.c]
}

benchmark "weird" {
  type = var.t
}

benchmark "other" {
  type = "something"
}

benchmark "det_mixed" {
  type     = "detection"
  children = [detection.d1, control.c, benchmark.det]
}

detection_benchmark "db" {
  children = [detection.d1, benchmark.det]
}

detection "d1" {
  query = query.q
}

control "c" {
  sql = "select 1"
}

query "q" {
  sql = "select 1"
}

variable "t" {
  default = "detection"
}
