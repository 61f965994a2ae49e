#!/bin/sh
# bench/genrun.sh — the mod the run benches execute (bench/run_bench.sh), and the same statements
# as a psql script, so that both sides run byte-for-byte the same SQL.
#
#   bench/genrun.sh N OUTDIR [query]
#
# OUTDIR/mod.pp: mod "run_bench" with benchmark "all" whose children are section benchmarks of
# 100 controls, one section per file (sections/s_NNN.pp), as the real mods lay them out.  Control i
# runs a distinct statement returning 20 rows (generate_series) with the columns a control needs
# (resource, status, reason) and one dimension; a third of the rows are info (no alarm: an alarm
# makes the exit status non-zero, which procrun counts as a failure).  query.one is `select 1 as one`
# (the start-up bench).
# OUTDIR/controls.sql: the N statements, one a line, in the run's order (what `psql -f` runs).
# With `query` each control says `query = query.q_NNNNN` instead (the query beside it, same SQL), as the
# real mods write them: a run then loads each control's query (args.c) as it runs.
# Deterministic: the same N gives the same bytes.  OUTDIR is emptied first.
set -eu
N=${1:?usage: genrun.sh N OUTDIR}
OUT=${2:?usage: genrun.sh N OUTDIR}
MODE=${3:-sql}
case "$OUT" in build/*|*/build/*) ;; *) echo "genrun: OUTDIR must be under a build folder" >&2; exit 2;; esac
rm -rf "$OUT"
mkdir -p "$OUT/sections"
awk -v n="$N" -v out="$OUT" -v mode="$MODE" 'BEGIN {
    per = 100
    nsec = int((n + per - 1) / per)
    mod = out "/mod.pp"
    printf "mod \"run_bench\" {\n  title = \"Run bench (%d controls)\"\n}\n\n", n > mod
    printf "benchmark \"all\" {\n  title    = \"All controls\"\n  children = [\n" > mod
    for (s = 1; s <= nsec; s++)
        printf "    benchmark.s_%03d%s\n", s, s < nsec ? "," : "" > mod
    printf "  ]\n}\n" > mod
    printf "\nquery \"one\" {\n  title = \"One row\"\n  sql   = \"select 1 as one\"\n}\n" > mod
    close(mod)
    sql = out "/controls.sql"
    for (s = 1; s <= nsec; s++) {
        f = sprintf("%s/sections/s_%03d.pp", out, s)
        lo = (s - 1) * per + 1
        hi = s * per; if (hi > n) hi = n
        printf "benchmark \"s_%03d\" {\n  title    = \"Section %d\"\n  children = [\n", s, s > f
        for (i = lo; i <= hi; i++)
            printf "    control.c_%05d%s\n", i, i < hi ? "," : "" > f
        printf "  ]\n}\n" > f
        for (i = lo; i <= hi; i++) {
            q = sprintf("select '\''arn:bench:%05d:'\'' || g as resource, " \
                        "case when g %% 3 = 0 then '\''info'\'' else '\''ok'\'' end as status, " \
                        "'\''control %d row '\'' || g as reason, '\''r'\'' || (g %% 4) as region " \
                        "from generate_series(1, 20) as g", i, i)
            if (mode == "query")
                printf "\ncontrol \"c_%05d\" {\n  title = \"Control %d\"\n  query = query.q_%05d\n}\n" \
                       "\nquery \"q_%05d\" {\n  sql = <<-EOQ\n    %s\n  EOQ\n}\n", i, i, i, i, q > f
            else
                printf "\ncontrol \"c_%05d\" {\n  title = \"Control %d\"\n" \
                       "  sql   = <<-EOQ\n    %s\n  EOQ\n}\n", i, i, q > f
            print q ";" > sql
        }
        close(f)
    }
}'
