#!/bin/sh
# check_rss.sh [LAZYPIPE] — peak RSS of `benchmark run` over 1,000 and 10,000 controls on SQLite,
# per output format (issue 25 §7: csv over 10,000 controls within 1.2x of 1,000).
#
# Generates build/bench/check_rss/modN: one benchmark over N controls, each returning 20 rows
# (reason, resource, status and two dimensions, the second's name varying over 7 keys so the csv
# header has every key), from a SQLite file made here; then runs each format once per size,
# output to /dev/null, and prints GNU time's maximum resident set size.
set -eu
lp=${1:-build/lazypipe}
lp=$(cd "$(dirname "$lp")" && pwd)/$(basename "$lp")
work=build/bench/check_rss
mkdir -p "$work"
db=$(pwd)/$work/rows.db
rm -f "$db"
sqlite3 "$db" "create table t(i integer); with recursive n(i) as (select 1 union all select i+1 from n
  where i < 20) insert into t select i from n;"
for n in 1000 10000; do
    d=$work/mod$n
    rm -rf "$d" && mkdir -p "$d"
    printf 'mod "rss" {\n  title = "rss"\n}\n' > "$d/mod.pp"
    awk -v n="$n" 'BEGIN {
        printf "benchmark \"all\" {\n  title = \"All\"\n  children = [\n"
        for (i = 1; i <= n; i++) printf "    control.c%d%s\n", i, i < n ? "," : ""
        printf "  ]\n}\n"
        for (i = 1; i <= n; i++) {
            printf "control \"c%d\" {\n  title = \"Control %d\"\n  severity = \"high\"\n", i, i
            printf "  sql = \"select %s as resource, case when i %% 4 = 0 then %s else %s end as status, ",
                   "\x27res-\x27 || i", "\x27alarm\x27", "\x27ok\x27"
            printf "%s || i as reason, %s as region, i as key%d from t\"\n}\n",
                   "\x27Reason for resource \x27", "\x27us-east-1\x27", i % 7
        }
    }' > "$d/controls.pp"
done
printf '%-9s %14s %15s %7s\n' format "1,000 (KiB)" "10,000 (KiB)" ratio
for fmt in csv text json snapshot; do
    set --
    for n in 1000 10000; do
        rss=$(cd "$work/mod$n" && /usr/bin/time -f %M "$lp" benchmark run benchmark.all --output "$fmt" \
              --progress=false --database "sqlite://$db" 2>&1 >/dev/null | tail -1)
        set -- "$@" "$rss"
    done
    awk -v f="$fmt" -v a="$1" -v b="$2" 'BEGIN { printf "%-9s %14d %15d %7.2f\n", f, a, b, b / a }'
done
