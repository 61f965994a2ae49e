#!/bin/sh
# bench/hostile_shapes.sh — `make bench-hostile`: the hostile shapes, each a whole
# CLI process timed with GNU time (wall seconds, peak RSS), stdout counted and dropped:
#   wide N   one benchmark of N controls: its list JSON repeats the 2+N-line `children`
#            attribute in each of its N references (output ~N², streamed: RSS stays flat)
#   deep N   a chain of N benchmarks: item k has a path of k+2 names (output ~N²)
#   index    `lazypipe index` (the tree) on a 65,535-child benchmark (the most a benchmark has)
#   merge    merge() of two literal 100,000-key objects whose keys interleave
#
#   CLI    the binary measured (default build/lazypipe); BASE another one in the same run
#          (careful: an older main held the whole list, 19 GB of RSS for wide:20000)
#   SIZES  "wide:3000 wide:20000 deep:2000 deep:10000" by default; FORMATS "json yaml"
set -eu
CLI=$(realpath "${CLI:-build/lazypipe}")
[ -z "${BASE:-}" ] || BASE=$(realpath "$BASE")
SIZES=${SIZES:-wide:3000 wide:20000 deep:2000 deep:10000}
FORMATS=${FORMATS:-json yaml}
OUT=$(pwd)/build/bench/hostile
mkdir -p "$OUT"
gen() { # gen DIR wide|deep N
  rm -rf "$1"; mkdir -p "$1"
  printf 'mod "h" {\n  title = "hostile"\n}\n' > "$1/mod.pp"
  awk -v n="$3" -v shape="$2" 'BEGIN {
    if (shape == "wide") {
      printf "benchmark \"b\" {\n  title = \"wide\"\n  children = [\n"
      for (i = 0; i < n; i++) printf "    control.c%d,\n", i
      printf "  ]\n}\n"
      for (i = 0; i < n; i++) printf "control \"c%d\" {\n  title = \"c%d\"\n  sql = \"select 1\"\n}\n", i, i
    } else if (shape == "deep") {
      for (i = 0; i < n; i++) {
        printf "benchmark \"b%d\" {\n  title = \"b%d\"\n  children = [\n", i, i
        if (i + 1 < n) printf "    benchmark.b%d\n", i + 1
        else printf "    control.c\n"
        printf "  ]\n}\n"
      }
      printf "control \"c\" {\n  sql = \"select 1\"\n}\n"
    } else {
      printf "locals {\n  a = {\n"
      for (i = 0; i < 2 * n; i += 2) printf "    k%d = %d\n", i, i
      printf "  }\n  b = {\n"
      for (i = 1; i < 2 * n; i += 2) printf "    k%d = %d\n", i, i
      printf "  }\n  m = merge(local.a, local.b)\n}\n"
      printf "dashboard \"d\" {\n  title = \"keys ${length(local.m)}\"\n}\n"
    }
  }' > "$1/m.pp"
}
run() { # run LABEL BIN ARGS... (in the current directory)
  label=$1; bin=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$bin" "$@" --no-index-cache 2>/dev/null |
    wc -c > "$OUT/bytes" || true
  # the last line: GNU time says "Command exited with non-zero status" before it
  printf '| %s | %s | %s | %s s | %s MiB |\n' "$label" "$bin" "$(cat "$OUT/bytes")" \
    "$(tail -1 "$OUT/time" | cut -d' ' -f1)" "$(tail -1 "$OUT/time" | awk '{ printf "%.1f", $2 / 1024 }')"
}
echo "| case | binary | output bytes | wall | peak RSS |"
echo "|---|---|---|---|---|"
for s in $SIZES; do
  shape=${s%:*}; n=${s#*:}
  gen "$OUT/$shape$n" "$shape" "$n"
  for f in $FORMATS; do
    # YAML goes through libyaml's emitter at ~10 MB/s: the large sizes only with YAML_ALL=1
    [ "$f" = yaml ] && [ "$n" -gt 3000 ] && [ -z "${YAML_ALL:-}" ] && continue
    for b in "$CLI" ${BASE:+"$BASE"}; do
      (cd "$OUT/$shape$n" && run "$shape $n, benchmark list --output $f" "$b" benchmark list --output "$f")
    done
  done
done
gen "$OUT/wide65535" wide 65535
gen "$OUT/merge" merge 100000
for b in "$CLI" ${BASE:+"$BASE"}; do
  (cd "$OUT/wide65535" && run "wide 65535, index" "$b" index)
  (cd "$OUT/merge" && run "merge of 2 × 100,000 keys, dashboard list" "$b" dashboard list --output json)
done
