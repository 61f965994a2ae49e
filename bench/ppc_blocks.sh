#!/bin/sh
# bench/ppc_blocks.sh — a config path whose one .ppc file holds N `connection` blocks,
# loaded by a whole `query run "select 1"` on an SQLite file (the run loads every connection
# before it starts).  GNU time's wall and CPU seconds and peak RSS per N; BASE another binary in
# the same run (an older main: quadratic, 20k blocks 9 s CPU and 560 MB).
#   CLI    the binary measured (default build/lazypipe)
#   SIZES  "10000 20000 50000 100000" by default
set -eu
CLI=$(realpath "${CLI:-build/lazypipe}")
[ -z "${BASE:-}" ] || BASE=$(realpath "$BASE")
SIZES=${SIZES:-10000 20000 50000 100000}
OUT=$(pwd)/build/bench/ppc_blocks
mkdir -p "$OUT/mod"
printf 'mod "m" {}\n' > "$OUT/mod/mod.pp"
rm -f "$OUT/x.db"
sqlite3 "$OUT/x.db" 'create table t(x); insert into t values (1);'
printf '| binary | blocks | wall s | CPU s (user + sys) | peak RSS MiB |\n|---|---|---|---|---|\n'
for n in $SIZES; do
  mkdir -p "$OUT/c$n"
  [ -s "$OUT/c$n/a.ppc" ] || awk -v n="$n" 'BEGIN {
    for (i = 0; i < n; i++)
      printf "connection \"postgres\" \"c%d\" {\n  host = \"h%d\"\n  port = 5432\n  db = \"d\"\n}\n", i, i
  }' > "$OUT/c$n/a.ppc"
  for bin in "$CLI" ${BASE:+"$BASE"}; do
    (cd "$OUT/mod" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$bin" query run 'select x from t' \
        --database "sqlite://$OUT/x.db" --config-path "$OUT/c$n" --output csv > /dev/null)
    awk -v b="$bin" -v n="$n" \
        '{ printf "| %s | %d | %.2f | %.2f | %.0f |\n", b, n, $1, $2 + $3, $4 / 1024 }' "$OUT/time"
  done
done
