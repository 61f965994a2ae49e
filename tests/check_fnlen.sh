#!/bin/sh
# check_fnlen.sh — no function of src/ is longer than 150 lines (from the line naming it to its closing
# brace), so that each reads as steps.  The sources put a function's braces in column 0, which is all
# this relies on.  Prints each long function; exit status 1 if there is one.
#   check_fnlen.sh --all   every function over 60 lines, longest first (no failure)
set -eu
limit=150
[ "${1:-}" = "--all" ] && limit=60
out=$(find src -name '*.c' | sort | xargs awk -v limit="$limit" '
    FNR == 1 { start = 0 }
    /^[A-Za-z_].*\(/ && !/;[ \t]*$/ { head = FNR; name = $0 }
    /^\{/ { start = head; fname = name }
    /^\}/ && start { n = FNR - start + 1
                     if (n > limit) { sub(/\(.*/, "", fname); k = split(fname, w, /[ *]+/)
                                      printf "%d %s:%d: %s\n", n, FILENAME, start, w[k] }
                     start = 0 }' | sort -rn)
if [ "${1:-}" = "--all" ]; then echo "$out"; exit 0; fi
if [ -n "$out" ]; then
    echo "$out" | while read -r n where fn; do echo "$where $fn is $n lines (limit 150)"; done
    exit 1
fi
echo "style: every function of src/ within 150 lines"
