control "a" "b" "c" {
}
control 1 {
}
control "interp ${x}" {
}
