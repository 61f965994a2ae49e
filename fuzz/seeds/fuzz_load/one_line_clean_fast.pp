control "o3" {}

control "o4" { }
