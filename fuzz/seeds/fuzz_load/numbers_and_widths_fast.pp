dashboard "nums" {
  title = "Nums"
  width = 12

  card "nested_w" {
    width = 4
  }

  text {
    value = "x"
    width = 12
  }

  chart {
    width = var.w
  }
}

card "w2" {
  width = "4"
}

card "w3" {
  width = 4.5
}

card "w4" {
  width = null
}

card "w5" {
  width = 1e3
}

card "w7" {
  width = 99999999999
}

card "w8" {
  width = 1.5e1
}

card "w9" {
  width = true
}

card "w10" {
  width = 0
}

card "w11" {
  width = 2.9999
}

card "w12" {
  width = var.w
}

card "w13" {
  width = 1E+2
}

card "w14" {
  width = 12345678901234567890
}

card "w15" {
  width = 007
}

card "w16" {
  width = "x"
}

control "tagnums" {
  tags = {
    ten   = 10
    zero  = 0
    frac  = 2.5
    big   = 1e3
    small = 0.001
    huge  = 12345678901234567890
    exp   = 1E-2
    yes   = true
    no    = false
  }
}

variable "w" {
  type    = number
  default = 6
}
