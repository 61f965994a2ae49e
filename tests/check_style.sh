#!/bin/sh
# check_style.sh — the library's and the CLI's sources keep lines within 110 columns (a UTF-8
# character is one column: its continuation bytes are not counted); `make reflow` reformats just
# the lines over it (.clang-format).  Prints each long line; exit status 1 if there is one.
set -eu
files=$(find src -name '*.c' -o -name '*.h' -o -name '*.rl' | sort)
LC_ALL=C awk '{ s = $0; c = gsub(/[\200-\277]/, "", s); n = length($0) - c }
              n > 110 { print FILENAME ":" FNR ": " n " columns"; bad = 1 }
              END { exit bad }' $files
echo "style: every line of src/ within 110 columns"
