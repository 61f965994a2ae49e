mod "logmod" { title = "logmod" }
