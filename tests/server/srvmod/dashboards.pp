query "q" {
  sql = "select 1 as a"
}

dashboard "main" {
  title = "Main"
  tags = {
    service = "aws"
  }

  with "w1" {
    sql = "select 'x'"
  }

  input "region" {
    title = "Region"
    type  = "select"
    width = 2
    option "us-east-1" {
      label = "US East"
    }
    option "eu-west-1" {}
  }

  container {
    title = "Box"
    width = 6

    card {
      sql   = "select $1 as value"
      label = "Count"
      icon  = "hashtag"
      width = 3
      type  = "info"
      param "limit" {
        description = "How many"
        default     = 5
      }
    }

    chart "c" {
      type  = "bar"
      title = "Chart <1>"
      sql   = "select 'a' as x, 1 as y"
      legend {
        position = "bottom"
      }
      axes {
        x {
          title {
            value = "X"
          }
        }
      }
      series "y" {
        title = "Y"
        color = "red"
        point "a" {
          color = "blue"
        }
      }
    }
  }

  table {
    query = query.q
    column "a" {
      display = "none"
    }
  }

  table {
    sql  = "select $1"
    args = [self.input.region.value]
  }

  text {
    value = "## hello"
  }

  graph {
    title     = "G"
    direction = "TD"
    category "cat" {
      color = "green"
    }
    node "n1" {
      sql = "select 1 as id"
    }
    node {
      sql = "select 2 as id"
    }
    edge "e1" {
      sql = "select 1 as from_id, 2 as to_id"
    }
  }

  image {
    src = "https://example.com/y.png"
    alt = "pic"
  }
}
