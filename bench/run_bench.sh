#!/bin/sh
# bench/run_bench.sh — `make bench-run`: runs against PostgreSQL, side by side, as ratios
# (BENCHMARKS.md).  Needs the tests' server: `make pg-start` (or DB=postgres://...).
#
#   1. overhead  `benchmark run all --output none` of 500 controls of 20 rows (bench/genrun.sh),
#                --max-parallel 1 and the default (10), against `psql -f` of the same 500 statements
#                over one connection (and unaligned, -A -t: less formatting); whole processes alternated
#                round by round (build/bench/procrun); lazypipe_p1_query: the same statements written as
#                `query = query.x` (bench/genrun.sh ... query), as the real mods do
#   2. memory    peak RSS of `benchmark run all --output csv|json|snapshot` over 10,000 controls and
#                over 1,000 (procrun's max RSS of each process)
#   3. start-up  `query run query.one` (select 1 as one) from the persisted image (a warm run first),
#                against `psql -c 'select 1 as one'`
#   4. heap      build/bench/lpbench phases run and run_par on both 500-control mods: time, allocation
#                calls (per control: calls / entries), heap peak of the run
#   5. real      a workload shaped like the real mods (bench/genreal.sh: 1,000 controls, `query =` with
#                args and params, joins over jsonb tables, 0-50 rows each):
#                `benchmark run all --output none` at --max-parallel 1 and the default against `psql -f`
#                of the same statements (args as literals), and against the parallel floor: the same
#                statements dealt round-robin to PAR files run by PAR `psql -f` processes at once
#                (bench/psql_par.sh; PAR = lazypipe's default max parallel, 10), and as PAR connections of
#                one pgbench process (client i runs file i: no PAR process start-ups); alternated round
#                by round (procrun), with the server's CPU per run when the database is local (procrun
#                --cpu-of its postmaster); the default's ratios to psql -f and to the floors last
#   6. stream    peak RSS of `query run` of 10k, 1M and 10M generated rows (SQLite, a recursive CTE)
#                in every output (STREAM_ROWS overrides the counts)
#
#   DB      the database (default postgres://steampipe@127.0.0.1:9193/steampipe)
#   REPS    rounds of 1 and 3 (default 11); MEM_REPS rounds of 2 (default 3)
#   CLI     the binary measured (default build/lazypipe)
#   PAR     the parallel floor's processes (default 10, lazypipe's default --max-parallel)
#   BASE    another build of the CLI (an earlier commit's) whose default parallelism part 5 also times
#   PARTS   which of overhead memory startup heap to run (default all four)
set -eu
DB=${DB:-postgres://steampipe@127.0.0.1:9193/steampipe}
REPS=${REPS:-11}
MEM_REPS=${MEM_REPS:-3}
CLI=${CLI:-build/lazypipe}
PAR=${PAR:-10}
PARTS=${PARTS:-overhead memory startup heap real stream}
OUT=build/bench/run
M=build/bench/runmods
mkdir -p "$OUT/cache"
psql -X -q -d "$DB" -c "select 1" > /dev/null ||
  { echo "bench-run: no database at $DB (make pg-start)" >&2; exit 1; }
# rN: controls with their own sql; q500: the same statements as `query = query.x` (bench/genrun.sh)
for m in r500 r1000 r10000 q500; do
  # regenerated when the generator changes
  if [ ! -f "$M/$m/controls.sql" ] || [ bench/genrun.sh -nt "$M/$m/controls.sql" ]; then
    case $m in r*) bench/genrun.sh "${m#r}" "$M/$m" ;; q*) bench/genrun.sh "${m#q}" "$M/$m" query ;; esac
  fi
done
# each mod's image written once, untimed: every measured run reopens it
for m in r500 r1000 r10000 q500; do
  "$CLI" --mod-location "$M/$m" --index-cache "$OUT/cache" query run run_bench.query.one --database "$DB" \
    > /dev/null
done
lp() {   # the CLI's command line on mod $1 (a number: rN)
  m=$1; shift
  case $m in [0-9]*) m=r$m ;; esac
  echo "$CLI --mod-location $M/$m --index-cache $OUT/cache $*"
}
echo "machine: $(nproc) CPUs, $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg); commit" \
     "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "database: $DB ($(psql -X -A -t -d "$DB" -c 'show server_version'))"

for part in $PARTS; do
  case $part in
  overhead)
    echo
    echo "### 1. Overhead: 500 controls x 20 rows, whole processes (procrun --reps $REPS)"
    # shellcheck disable=SC2046
    set -- psql_f psql -X -q -d "$DB" -f "$M/r500/controls.sql" -o /dev/null \
      ::: psql_f_unaligned psql -X -q -A -t -d "$DB" -f "$M/r500/controls.sql" -o /dev/null \
      ::: lazypipe_p1 $(lp 500 benchmark run all --database "$DB" --max-parallel 1 --output none) \
      ::: lazypipe_p10 $(lp 500 benchmark run all --database "$DB" --output none) \
      ::: lazypipe_p1_query $(lp q500 benchmark run all --database "$DB" --max-parallel 1 --output none)
    echo "build/bench/procrun --reps $REPS --md $*" | sed "s|$OUT/|\$OUT/|g"
    build/bench/procrun --reps "$REPS" --md "$@"
    ;;
  memory)
    echo
    echo "### 2. Memory: peak RSS of benchmark run, 1,000 vs 10,000 controls (procrun --reps $MEM_REPS)"
    set --
    for f in csv json snapshot; do
      for n in 1000 10000; do
        [ $# -eq 0 ] || set -- "$@" :::
        # shellcheck disable=SC2046
        set -- "$@" "${f}_$n" $(lp "$n" benchmark run all --database "$DB" --output "$f")
      done
    done
    echo "build/bench/procrun --reps $MEM_REPS --warmup 1 --md $*" | sed "s|$OUT/|\$OUT/|g"
    build/bench/procrun --reps "$MEM_REPS" --warmup 1 --md "$@" | tee "$OUT/memory.md"
    # the ratios the goal is about: each format's 10,000 over its 1,000
    awk -F'|' '/_1000 /{gsub(/ |MiB/,"",$8); a[substr($2,2,index($2,"_")-2)]=$8}
               /_10000 /{gsub(/ |MiB/,"",$8); f=substr($2,2,index($2,"_")-2);
                         printf "%s: peak RSS %s MiB (1,000) -> %s MiB (10,000): %.2fx\n", \
                                f, a[f], $8, $8/a[f]}' \
      "$OUT/memory.md"
    ;;
  startup)
    echo
    echo "### 3. Start-up: a one-row query, whole process (procrun --reps $((REPS * 5)))"
    # shellcheck disable=SC2046
    set -- psql_c psql -X -d "$DB" -c 'select 1 as one' \
      ::: lazypipe_query_run $(lp 500 query run run_bench.query.one --database "$DB") \
      ::: lazypipe_version "$CLI" --version
    echo "build/bench/procrun --reps $((REPS * 5)) --md $*" | sed "s|$OUT/|\$OUT/|g"
    build/bench/procrun --reps $((REPS * 5)) --md "$@"
    ;;
  heap)
    echo
    echo "### 4. Allocations and heap of a run (lpbench, in process, 500 controls)"
    echo "| target | phase | files | MiB | resources | median ms (min–max) | floor ms | ratio | CPU ms |" \
         "CPU ratio | MiB/s | alloc calls | alloc bytes | heap live | heap peak | RSS MiB | B/resource |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    rm -f "$OUT/heap.json"
    for m in r500 q500; do
      for ph in run run_par; do
        LPB_DATABASE=$DB build/bench/lpbench run --phase "$ph" --dir "$M/$m" --target $m --reps 5 \
          --min-ms 0 --md --json "$OUT/heap.json"
      done
    done
    awk -F'"entries":' '{split($2,e,","); match($0,/"calls":[0-9]+/); c=substr($0,RSTART+8,RLENGTH-8);
         match($0,/"phase":"[a-z_]+"/); p=substr($0,RSTART+9,RLENGTH-10);
         match($0,/"target":"[a-z0-9]+"/); t=substr($0,RSTART+10,RLENGTH-11);
         printf "%s %s: %d controls, %d allocation calls: %.1f per control\n", t, p, e[1], c, c/e[1]}' \
      "$OUT/heap.json"
    ;;
  real)
    echo
    echo "### 5. Real-shaped: 1,000 controls, query + args + params, jsonb joins (procrun --reps $REPS)"
    if [ ! -f "$M/real/controls.sql" ] || [ bench/genreal.sh -nt "$M/real/controls.sql" ]; then
      bench/genreal.sh 1000 "$M/real"
    fi
    psql -X -q -d "$DB" -f "$M/real/schema.sql" > /dev/null 2>&1
    "$CLI" --mod-location "$M/real" --index-cache "$OUT/cache" benchmark run all --database "$DB" \
      --output none > /dev/null
    # the floor's files: statement i in file i mod PAR, as the run's workers take the leaves in turn
    rm -rf "$M/real/par"
    mkdir -p "$M/real/par"
    awk -v n="$PAR" -v d="$M/real/par" 'BEGIN { RS = ";\n" }
      NF { f = sprintf("%s/%03d.sql", d, k++ % n); printf "%s;\n", $0 > f }' "$M/real/controls.sql"
    awk -v n="$PAR" 'BEGIN { RS = ";\n" } NF { s[k % n] = s[k % n] $0 ";\n"; k++ }
      END { for (i = 0; i < n; i++) printf "%s :client_id = %d\n%s", i ? "\\elif" : "\\if", i, s[i]
            print "\\endif" }' "$M/real/controls.sql" > "$M/real/pgbench.sql"
    # the server's CPU: its postmaster's reaped backends, when it runs on this machine
    # (the parent of the session's backend, read while the session lasts; psql's \! expands it)
    # shellcheck disable=SC2016
    postmaster=$(printf '%s\n' 'select pg_backend_pid() as backend \gset' '\setenv LP_BACKEND :backend' \
      '\! awk "{ sub(/.*\\) /, \"\"); print \$2 }" /proc/$LP_BACKEND/stat 2>/dev/null' |
      psql -X -q -A -t -d "$DB" -f - 2>/dev/null || true)
    # shellcheck disable=SC2046
    set -- psql_f psql -X -q -d "$DB" -f "$M/real/controls.sql" -o /dev/null \
      ::: "psql_par$PAR" bench/psql_par.sh "$DB" "$M"/real/par/*.sql \
      ::: "pgbench_c$PAR" pgbench -n -c "$PAR" -j 2 -t 1 -f "$M/real/pgbench.sql" "$DB" \
      ::: lazypipe_p1 $(lp real benchmark run all --database "$DB" --max-parallel 1 --output none) \
      ::: lazypipe_default $(lp real benchmark run all --database "$DB" --output none)
    if [ -n "${BASE:-}" ]; then
      # shellcheck disable=SC2046
      set -- "$@" ::: lazypipe_base_default \
        $(CLI=$BASE lp real benchmark run all --database "$DB" --output none)
    fi
    [ -z "$postmaster" ] || set -- --cpu-of "$postmaster" "$@"
    echo "build/bench/procrun --reps $REPS --md $*" |
      sed -e "s|$OUT/|\$OUT/|g" -e "s|\( $M/real/par/[0-9]*\.sql\)\{1,\}| $M/real/par/*.sql|"
    build/bench/procrun --reps "$REPS" --md "$@" | tee "$OUT/real.md"
    awk -F'|' '/^\| psql_f /{f=$3} /^\| psql_par/{p=$3} /^\| pgbench/{g=$3} /^\| lazypipe_default /{d=$3}
      END { printf "lazypipe_default: %.2fx psql -f, %.2fx the floor of psql processes (%.2fx psql -f), " \
                   "%.2fx the floor of pgbench connections (%.2fx psql -f)\n", d/f, d/p, p/f, d/g, g/f }' \
      "$OUT/real.md"
    ;;
  stream)
    echo
    echo "### 6. query run streamed: peak RSS by output and rows (SQLite, recursive CTE)"
    d=$OUT/stream
    mkdir -p "$d"
    [ -f "$d/mod.pp" ] || printf 'mod "stream_bench" {\n  title = "Stream bench"\n}\n' > "$d/mod.pp"
    : > "$d/q.db"
    echo "| rows | output | peak RSS MiB | seconds | bytes |"
    echo "|--:|---|--:|--:|--:|"
    for rows in ${STREAM_ROWS:-10000 1000000 10000000}; do
      q="with recursive g(i) as (select 1 union all select i + 1 from g where i < $rows)"
      q="$q select i, 'name-' || i as name, i * 1.5 as f, null as z from g"
      for f in csv json line table snapshot; do
        /usr/bin/time -f "%M %e" -o "$d/time" "$CLI" --mod-location "$d" query run \
          --database "sqlite://$d/q.db" \
          --output "$f" "$q" | wc -c > "$d/bytes"
        awk -v r="$rows" -v f="$f" -v b="$(cat "$d/bytes")" \
          '{printf "| %s | %s | %.1f | %s | %s |\n", r, f, $1/1024, $2, b}' "$d/time"
      done
    done
    ;;
  *) echo "bench-run: unknown part $part" >&2; exit 2 ;;
  esac
done
