# hash comment
// slash comment
/* block
   comment */
control "cm1" { # c
  title = "t" # trailing
  // between
  description = "d" // trailing
  /* multi
  line */
  sql = "select 1"
  tags = { # c
    a = "b" // c
    c = "d" # c
  }
}

control /* c */ "cm_label" /* c */ {
  title = "comments around the label"
}

control "cm_inline" {
  description = /* inline */ "d"
  tags = {
    /* c */ c = "d"
  }
}

control "cm_before_attr" {
  /* multi
  line */ sql = "select 1"
}

/* control "fake" {
  title = "in a comment"
} */

control "cm2" {
  sql = <<EOQ
  control "fake4" { }
  # not a comment
  /* nor this */
EOQ
  title = "/* not a comment */ # nor // this"
  description = "control \"fake5\" { }"
}

control "cm3" {
  title = "T" /* block
  comment ending later */
  sql = "select 1"
}

control "cm_hash_only" {
  #
  //
  /**/
  title = "t"
}
