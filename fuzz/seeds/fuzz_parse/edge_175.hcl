e = "%{ if a }"
