#!/bin/sh
# check_rss.sh [LAZYPIPE [BASELINE]] — peak RSS of `benchmark run` over 1,000 and 10,000 controls on SQLite,
# per output format (csv over 10,000 controls within 1.2x of 1,000).
#
# Generates build/bench/check_rss/modN: one benchmark over N controls, each returning 20 rows
# (reason, resource, status and two dimensions, the second's name varying over 7 keys so the csv
# header has every key), from a SQLite file made here; then runs each format once per size,
# output to /dev/null, and prints GNU time's maximum resident set size.  `none` and `dry-run`
# are the floor: the run's tree and the loaded controls, without any output.  With BASELINE (another
# build of lazypipe, e.g. main's) each figure is measured for both, side by side in one run.
set -eu
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
lp=$(abs "${1:-build/lazypipe}")
base=${2:+$(abs "$2")}
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
rss() {   # binary n format
    if [ "$3" = dry-run ]; then set -- "$1" "$2" none --dry-run; fi
    (cd "$work/mod$2" && /usr/bin/time -f %M "$1" benchmark run benchmark.all --output "$3" ${4:-} \
        --progress=false --database "sqlite://$db" 2>&1 >/dev/null | tail -1)
}
for bin in $lp $base; do
    echo "$bin"
    printf '  %-9s %14s %15s %7s\n' format "1,000 (KiB)" "10,000 (KiB)" ratio
    for fmt in csv text json snapshot none dry-run; do
        a=$(rss "$bin" 1000 "$fmt")
        b=$(rss "$bin" 10000 "$fmt")
        awk -v f="$fmt" -v a="$a" -v b="$b" 'BEGIN { printf "  %-9s %14d %15d %7.2f\n", f, a, b, b / a }'
    done
done
