#!/bin/sh
# bench/fail_bench.sh — a run whose controls fail on their data keeps its connections: the
# real-shaped workload of bench/run_bench.sh part 5 (bench/genreal.sh: 1,000 controls, `query =`
# with args and params, jsonb joins) with every 10th control failing on its data (a cast of a text
# to int), `benchmark run all --output none` at --max-parallel 1 and the default against `psql -f`
# of the same statements over one connection, and against the parallel floor (the statements dealt
# round-robin to PAR files run by PAR `psql -f` processes at once: bench/psql_par.sh, as
# run_bench.sh part 5), alternated round by round (build/bench/procrun); and the connections each
# made, as the database counts them (pg_stat_database.sessions of a database of its own,
# failbench, which nothing else uses).
#
#   DB     the server's maintenance database (default postgres://steampipe@127.0.0.1:9193/steampipe)
#   REPS   rounds (default 11)
#   CLI    the binary measured (default build/lazypipe); BASE another build (main's) timed beside it
#   FAIL_EVERY   one control in FAIL_EVERY fails (default 10)
#   PAR    the parallel floor's processes (default 10, lazypipe's default --max-parallel)
set -eu
DB=${DB:-postgres://steampipe@127.0.0.1:9193/steampipe}
REPS=${REPS:-11}
CLI=${CLI:-build/lazypipe}
FAIL_EVERY=${FAIL_EVERY:-10}
PAR=${PAR:-10}
M=build/bench/failmod
OUT=build/bench/fail
mkdir -p "$OUT/cache"
psql -X -q -d "$DB" -c "select 1" > /dev/null ||
  { echo "fail_bench: no database at $DB (make pg-start)" >&2; exit 1; }
# the same server, database failbench
FDB=$(printf '%s' "$DB" | sed 's|/[^/?]*\([?].*\)\{0,1\}$|/failbench\1|')
psql -X -q -d "$DB" -c "create database failbench" > /dev/null 2>&1 || true
bench/genreal.sh 1000 "$M" "$FAIL_EVERY"
psql -X -q -d "$FDB" -f "$M/schema.sql" > /dev/null 2>&1
nfail=$(grep -c "as failing" "$M/controls.sql")
mkdir -p "$M/par"
awk -v n="$PAR" -v d="$M/par" 'BEGIN { RS = ";\n" }
  NF { f = sprintf("%s/%03d.sql", d, k++ % n); printf "%s;\n", $0 > f }' "$M/controls.sql"
# controls in error make lazypipe's exit status 2 (Powerpipe's), psql -f goes on past errors with 0:
# each is wrapped so that procrun sees 0 for the expected outcome, and their error lines go nowhere
# (the scripts' own "$@", "$1": single quotes meant)
# shellcheck disable=SC2016
{
  printf '#!/bin/sh\n"$@" 2>/dev/null\n[ $? -eq 2 ]\n' > "$OUT/lp.sh"
  printf '#!/bin/sh\nexec psql -X -q -d "$1" -f "$2" -o /dev/null 2>/dev/null\n' > "$OUT/psql.sh"
  printf '#!/bin/sh\nexec bench/psql_par.sh "$@" 2>/dev/null\n' > "$OUT/psql_par.sh"
}
chmod +x "$OUT/lp.sh" "$OUT/psql.sh" "$OUT/psql_par.sh"
# the index image written once, untimed
"$CLI" --mod-location "$M" --index-cache "$OUT/cache" benchmark run all --database "$FDB" --output none \
  > /dev/null 2>&1 || true

sessions() {
  psql -X -q -A -t -d "$DB" -c "select pg_stat_force_next_flush()" \
    -c "select sessions from pg_stat_database where datname = 'failbench'" | tail -n 1
}
# the connections one run makes (the server counts a session when it ends: read after a pause)
connections() {
  before=$(sessions)
  "$@" > /dev/null 2>&1 || true
  sleep 1
  echo $(($(sessions) - before))
}
echo "### Controls failing on their data: 1,000 controls, $nfail failing (procrun --reps $REPS)"
echo
echo "connections per run (pg_stat_database.sessions):"
echo "  psql -f: $(connections "$OUT/psql.sh" "$FDB" "$M/controls.sql")"
for b in "$CLI" ${BASE:-}; do
  echo "  $b --max-parallel 1: $(connections "$b" --mod-location "$M" --index-cache "$OUT/cache" \
    benchmark run all --database "$FDB" --max-parallel 1 --output none)"
  echo "  $b default: $(connections "$b" --mod-location "$M" --index-cache "$OUT/cache" \
    benchmark run all --database "$FDB" --output none)"
done
echo
lp() {
  echo "$OUT/lp.sh $1 --mod-location $M --index-cache $OUT/cache benchmark run all --database $FDB" \
    "--output none"
}
# shellcheck disable=SC2046
set -- psql_f "$OUT/psql.sh" "$FDB" "$M/controls.sql" \
  ::: "psql_par$PAR" "$OUT/psql_par.sh" "$FDB" "$M"/par/*.sql \
  ::: lazypipe_p1 $(lp "$CLI") --max-parallel 1 \
  ::: lazypipe_default $(lp "$CLI")
if [ -n "${BASE:-}" ]; then
  # shellcheck disable=SC2046
  set -- "$@" ::: base_p1 $(lp "$BASE") --max-parallel 1 ::: base_default $(lp "$BASE")
fi
echo "build/bench/procrun --reps $REPS --md $*" | sed "s|\( $M/par/[0-9]*\.sql\)\{1,\}| $M/par/*.sql|"
build/bench/procrun --reps "$REPS" --md "$@" | tee "$OUT/fail.md"
awk -F'|' '/^\| psql_f /{f=$3} /^\| psql_par/{q=$3} /^\| lazypipe_p1 /{p=$3} /^\| lazypipe_default /{d=$3}
  END { printf "lazypipe_p1: %.2fx psql -f (goal <= 1.1x); lazypipe_default: %.2fx psql -f (goal <= 0.6x), " \
               "%.2fx the floor of psql processes (%.2fx psql -f)\n", p/f, d/f, d/q, q/f }' "$OUT/fail.md"
