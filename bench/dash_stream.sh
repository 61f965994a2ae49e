#!/bin/sh
# bench/dash_stream.sh — `dashboard run --output snapshot` of a dashboard whose table
# has N rows (a recursive CTE on an empty SQLite file: i, a name, a float, a NULL), stdout to
# /dev/null.  GNU time's wall seconds and peak RSS per N; BASE another binary in the same run (main
# before branch snap: the rows in the run's nodes and the snapshot built whole, then indented).
#   CLI    the binary measured (default build/lazypipe)
#   ROWS   "10000 1000000" by default
set -eu
CLI=$(realpath "${CLI:-build/lazypipe}")
[ -z "${BASE:-}" ] || BASE=$(realpath "$BASE")
ROWS=${ROWS:-10000 1000000}
OUT=$(pwd)/build/bench/dash_stream
mkdir -p "$OUT"
: > "$OUT/q.db"   # an empty file is an empty SQLite database
printf '| binary | rows | wall s | peak RSS MiB | bytes written |\n|---|--:|--:|--:|--:|\n'
for n in $ROWS; do
  # the table's statement in two lines (the mod below takes it whole)
  big_sql="with recursive g(i) as (select 1 union all select i + 1 from g where i < $n)"
  big_sql="$big_sql select i, 'row ' || i as name, i * 1.5 as f, null as empty from g"
  cat > "$OUT/mod.pp" <<EOM
mod "ds" {
  title = "Dashboard stream"
}
dashboard "big" {
  card {
    sql = "select 42 as value"
  }
  table {
    sql = "$big_sql"
  }
}
EOM
  for bin in "$CLI" ${BASE:+"$BASE"}; do
    /usr/bin/time -o "$OUT/time" -f '%e %M' "$bin" --mod-location "$OUT" dashboard run big \
      --database "sqlite://$OUT/q.db" --output snapshot > "$OUT/out.json"
    read -r wall rss < "$OUT/time"
    printf '| %s | %s | %s | %.1f | %s |\n' "$bin" "$n" "$wall" "$(echo "$rss / 1024" | bc -l)" \
      "$(wc -c < "$OUT/out.json")"
  done
done
