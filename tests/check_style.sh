#!/bin/sh
# check_style.sh — every hand-written line keeps within 110 columns (a UTF-8 character is one
# column: its continuation bytes are not counted):
#   - the C sources: src/, tests/, fuzz/, bench/ (*.c, *.h, *.rl; not tests/data); `make reflow`
#     reformats just their lines over it (.clang-format);
#   - the other hand-written files the repository holds: JavaScript (*.js, *.mjs: the page
#     src/server/page, its tests tests/page, the node scripts of tests/server and bench), shell
#     scripts (*.sh, .ci/), Makefile and *.mk, CSS and HTML -- not tests/data, third_party or gen/
#     (data, vendored and generated files).  These are reflowed by hand.
# Prints each long line; exit status 1 if there is one.
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
c_sources() {
    find src tests fuzz bench -path tests/data -prune -o \( -name '*.c' -o -name '*.h' -o -name '*.rl' \) \
        -print | sort
}
# the repository's files (new ones too, before they are added), else the tree's
other_sources() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files --cached --others --exclude-standard \
            '*.js' '*.mjs' '*.sh' Makefile '*.mk' '*.css' '*.html'
    else
        find . \( -path ./build -o -path ./.deps -o -path ./.git \) -prune -o \
            \( -name '*.js' -o -name '*.mjs' -o -name '*.sh' -o -name Makefile -o -name '*.mk' \
               -o -name '*.css' -o -name '*.html' \) -type f -print | sed 's|^\./||'
    fi | grep -v "^tests/data\|third_party\|^gen/" | sort -u
}
bad=$(long_lines $(c_sources) $(other_sources))
if [ -n "$bad" ]; then
    echo "$bad" | while read -r f line n; do echo "$f:$line: $n columns"; done
    exit 1
fi
echo "style: every line of the C sources (src, tests, fuzz, bench) and of the JavaScript, shell" \
     "scripts, Makefiles, CSS and HTML within 110 columns"
