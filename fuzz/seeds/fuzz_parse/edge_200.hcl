e = "x${"lit"}"
