e = a[*].id
