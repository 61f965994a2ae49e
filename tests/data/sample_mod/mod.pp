mod "sample" {
  title       = "Sample Mod"
  description = "A small mod for `make demo`: dashboards, benchmarks, controls and queries."

  opengraph {
    title = "Not the mod title"
  }
}

locals {
  common_tags = {
    service = "Demo"
  }
}

variable "region" {
  type        = string
  description = "Region to report on."
  default     = "us-east-1"
}
