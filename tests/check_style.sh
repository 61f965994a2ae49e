#!/bin/sh
# check_style.sh — the C sources (src/, tests/, fuzz/, bench/) keep lines within 110 columns (a UTF-8
# character is one column: its continuation bytes are not counted); `make reflow` reformats just
# the lines over it (.clang-format).  Prints each long line; exit status 1 if there is one.
#   check_style.sh --lines FILE   the long lines of FILE as clang-format's --lines=N:N (make reflow)
set -eu
long_lines() {   # FILE... -> "file line columns" per line over 110
    LC_ALL=C awk '{ s = $0; c = gsub(/[\200-\277]/, "", s); n = length($0) - c }
                  n > 110 { print FILENAME, FNR, n }' "$@"
}
if [ "${1:-}" = "--lines" ]; then
    long_lines "$2" | while read -r f line n; do printf ' --lines=%d:%d' "$line" "$line"; done
    exit 0
fi
bad=$(long_lines $(find src tests fuzz bench -path tests/data -prune -o \( -name '*.c' -o -name '*.h' -o -name '*.rl' \) \
    -print | sort))
if [ -n "$bad" ]; then
    echo "$bad" | while read -r f line n; do echo "$f:$line: $n columns"; done
    exit 1
fi
echo "style: every line of the C sources (src, tests, fuzz, bench) within 110 columns"
