#!/bin/sh
# bench/reopen_proc.sh — `make bench-reopen`: a whole `lazypipe dashboard list` process that
# reopens an unchanged workspace from its image (goal ≤ 1.2× its floor), against the
# floor, a process built the same way that only stats the same inputs (build/bench/statfloor
# over `lpbench inputs`), alternated round by round (build/bench/procrun).  Also in the same
# run: an empty process (statfloor over an empty list: exec, loader, libc) and `lazypipe
# --version` (the CLI's start-up alone: loading, relocation, constructors).
#
#   MOD    the workspace (default $SHARED/corpus/aws_compliance)
#   REPS   rounds (default 51; 5 warm-up rounds first)
#   BASE   another lazypipe binary to run in the same rounds (e.g. main's), optional
#   CLI    the binary measured (default build/lazypipe)
set -eu
SHARED=${SHARED:-../shared}
MOD=${MOD:-$SHARED/corpus/aws_compliance}
REPS=${REPS:-51}
CLI=${CLI:-build/lazypipe}
OUT=build/bench/reopen
mkdir -p "$OUT"
[ -d "$MOD" ] || { echo "bench-reopen: no workspace at $MOD" >&2; exit 1; }
build/bench/lpbench inputs "$MOD" > "$OUT/inputs.lst"
: > "$OUT/empty.lst"
echo "workspace $MOD: $(tr -cd '\0' < "$OUT/inputs.lst" | wc -c) inputs"
# each binary its own warm cache (an image is per binary's format); the first run writes it
for b in "$CLI" ${BASE:+"$BASE"}; do
  c="$OUT/cache-$(echo "$b" | tr '/.' '__')"
  rm -rf "$c"
  "$b" --mod-location "$MOD" --index-cache "$c" dashboard list > /dev/null
  note=$("$b" --mod-location "$MOD" --index-cache "$c" index | tail -1)
  echo "$b: $note"
done
c_new="$OUT/cache-$(echo "$CLI" | tr '/.' '__')"
set -- floor build/bench/statfloor "$OUT/inputs.lst" \
  ::: empty_process build/bench/statfloor "$OUT/empty.lst" \
  ::: lazypipe_version "$CLI" --version \
  ::: lazypipe_dashboard_list "$CLI" --mod-location "$MOD" --index-cache "$c_new" dashboard list
if [ -n "${BASE:-}" ]; then
  c_base="$OUT/cache-$(echo "$BASE" | tr '/.' '__')"
  set -- "$@" ::: base_version "$BASE" --version \
    ::: base_dashboard_list "$BASE" --mod-location "$MOD" --index-cache "$c_base" dashboard list
fi
echo "build/bench/procrun --reps $REPS --md $*" | sed "s|$OUT|\$OUT|g"
build/bench/procrun --reps "$REPS" --md "$@" | tee "$OUT/table.md"
# the two goals, as ratios of median wall, min wall and median CPU: `dashboard list` to
# the floor (≤ 1.2×) and `--version` to the empty process (≤ 1.2×)
awk -F'|' 'NF > 7 { gsub(/ /, "", $2); wall[$2] = $3; min[$2] = $4; cpu[$2] = $7 }
  function ratio(a, b) { return sprintf("%.2f× median, %.2f× min, %.2f× CPU", wall[a] / wall[b],
                                        min[a] / min[b], cpu[a] / cpu[b]) }
  END {
    print "dashboard list / floor (goal ≤ 1.2×): " ratio("lazypipe_dashboard_list", "floor")
    print "--version / empty process (goal ≤ 1.2×): " ratio("lazypipe_version", "empty_process")
    if ("base_version" in wall) {
      print "base dashboard list / floor: " ratio("base_dashboard_list", "floor")
      print "base --version / empty process: " ratio("base_version", "empty_process")
    }
  }' "$OUT/table.md"
