control "eof

