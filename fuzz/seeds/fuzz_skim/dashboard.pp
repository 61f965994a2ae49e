dashboard "acm_certificate_detail" {
  title = "AWS ACM Certificate Detail"
  input "certificate_arn" {
    query = query.acm_certificate_input
    width = 4
  }
  container {
    card {
      width = 2
      query = query.x
      args  = [self.input.certificate_arn.value]
    }
    graph {
      title = "Relationships"
      with "a" {
        sql  = "select 1"
        args = [self.input.certificate_arn.value]
      }
      node {
        base = node.acm_certificate
        args = {
          acm_certificate_arns = [self.input.certificate_arn.value]
        }
      }
    }
  }
}
