#!/bin/sh
# bench/edit_scale.sh — `make bench-edit-scale`: how the command after a one-file edit grows with
# the workspace.  Synthetic mods of growing size (build/bench/genmod: large, xlarge, xlarge10 by
# default), each with its image written; then, alternated round by round (build/bench/procrun), a
# whole `lazypipe dashboard list` reopening the unchanged image and the same command after one
# control's title was edited (its --setup puts the image and the file back untimed, so every run is
# one edit after a whole image).  Per size: the entries, the medians of wall and user+system CPU of
# both, and the edit's cost above the reopen.  The reopen follows the number of inputs (it stats
# every file); what the edit adds should follow the edit, not the workspace.
#
#   SIZES  genmod presets (default "large xlarge xlarge10")
#   REPS   rounds (default 11; 3 warm-up rounds first)
#   CLI    the binary measured (default build/lazypipe)
#   BASE   another build, measured in the same rounds (its reopen and edit beside CLI's, from the same
#          image: the two must read one format); a row of its own per size
set -eu
SIZES=${SIZES:-"large xlarge xlarge10"}
REPS=${REPS:-11}
CLI=${CLI:-build/lazypipe}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/lp-edit-scale.XXXXXX")
trap 'rm -rf "$OUT"' EXIT INT TERM
CLI=$(cd "$(dirname "$CLI")" && pwd)/$(basename "$CLI")
BASE=${BASE:-}
[ -n "$BASE" ] && BASE=$(cd "$(dirname "$BASE")" && pwd)/$(basename "$BASE")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); CLI $CLI${BASE:+, BASE $BASE}; $REPS rounds"
echo "| size | entries | reopen wall ms | after the edit wall ms | above the reopen, wall ms |" \
     "reopen CPU ms | after the edit CPU ms | above the reopen, CPU ms |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for size in $SIZES; do
    d="$OUT/$size"
    mkdir -p "$d"
    build/bench/genmod "$size" "$d/ws" > /dev/null
    find "$d/ws" -exec touch -h -d '-1 hour' {} +     # no file racily clean
    # the edit: the first control title of the first file (in path order) that has one
    file=$(grep -rl --include='*.pp' 'control "' "$d/ws" | grep -v '/\.powerpipe/' | sort | head -1)
    cp -p "$file" "$d/before"
    python3 - "$d/before" "$d/after" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'control "[^"]*" \{[^}]*?title\s*=\s*"', s, re.S)
if not m:
    sys.exit("edit_scale: no control title in " + sys.argv[1])
open(sys.argv[2], 'w', encoding='utf-8').write(s[:m.end()] + 'X' + s[m.end():])
PY
    LAZYPIPE_CACHE_WRITE=foreground "$CLI" --mod-location "$d/ws" --index-cache "$d/cache" \
        --index-cache-max 4G dashboard list > /dev/null
    entries=$("$CLI" --mod-location "$d/ws" index | awk '/entries/ { for (i = 1; i <= NF; i++)
              if ($(i + 1) == "entries" || $(i + 1) == "entries,") { print $i; exit } }')
    cp -a "$d/cache" "$d/cache.saved"
    args="--mod-location $d/ws --index-cache $d/cache --index-cache-max 4G dashboard list"
    back="rm -rf '$d/cache' && cp -a '$d/cache.saved' '$d/cache' && cp -p '$d/before' '$file'"
    edit="$back && cat '$d/after' > '$file'"
    # shellcheck disable=SC2086
    set -- reopen --setup "$back" $CLI $args ::: title --setup "$edit" $CLI $args
    if [ -n "$BASE" ]; then   # (its own image: another build may write another format)
        LAZYPIPE_CACHE_WRITE=foreground "$BASE" --mod-location "$d/ws" --index-cache "$d/cache_base" \
            --index-cache-max 4G dashboard list > /dev/null
        cp -a "$d/cache_base" "$d/cache_base.saved"
        bargs="--mod-location $d/ws --index-cache $d/cache_base --index-cache-max 4G dashboard list"
        bback="rm -rf '$d/cache_base' && cp -a '$d/cache_base.saved' '$d/cache_base'"
        bback="$bback && cp -p '$d/before' '$file'"
        bedit="$bback && cat '$d/after' > '$file'"
        # shellcheck disable=SC2086
        set -- "$@" ::: base_reopen --setup "$bback" $BASE $bargs ::: base_title --setup "$bedit" $BASE $bargs
    fi
    build/bench/procrun --bg --reps "$REPS" --warmup 3 --md "$@" > "$d/table.md"
    for who in "" base_; do
        [ -z "$who" ] || [ -n "$BASE" ] || continue
        awk -F'|' -v size="$size${who:+ (BASE)}" -v entries="${entries:-?}" -v r="${who}reopen" \
            -v t="${who}title" 'NF > 8 { gsub(/ /, "", $2); w[$2] = $3; c[$2] = $7 }
            END { printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", size, entries,
                  w[r], w[t], w[t] - w[r], c[r], c[t], c[t] - c[r] }' "$d/table.md"
    done
    rm -rf "$d"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
