#!/bin/bash
# watch_refresh.sh BIN [flags...]: `refresh_ms` of N one-line title edits as `lazypipe watch` prints
# them, on a copy of aws_compliance reopened from its index image (one `dashboard list` writes it
# first), and the watcher's RSS before the first edit and after the last.
#   LINE (default 40: a control's title; 8: a benchmark's), N (default 8) edits 0.5 s apart.
#   MOD (default ../shared/corpus/aws_compliance), WORK (default build/watch_refresh).
set -eu
BIN=$1; shift
MOD=${MOD:-../shared/corpus/aws_compliance}
W=${WORK:-build/watch_refresh}; L=${LINE:-40}
rm -rf "$W"; mkdir -p "$W/cache"; cp -a "$MOD" "$W/mod"
F=$W/mod/cis_v150/section_1.pp
"$BIN" dashboard list --mod-location "$W/mod" --index-cache "$W/cache" "$@" >/dev/null
sleep 1.1                        # past the racy window: the reopen hashes nothing
"$BIN" watch --output json --mod-location "$W/mod" --index-cache "$W/cache" "$@" >"$W/out" 2>"$W/err" &
P=$!
for _ in $(seq 100); do grep -q open_ms "$W/out" 2>/dev/null && break; sleep 0.1; done
sleep 1
rss0=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
for i in $(seq "${N:-8}"); do sed -i "${L}s/title *= *\"/title = \"E$i /" "$F"; sleep 0.5; done
rss1=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
kill $P; wait $P || true
echo "$BIN $* line $L: RSS ${rss0} -> ${rss1} kB; $(grep -o '"reopened":[a-z]*' "$W/out")"
echo "refresh_ms: $(grep -o '"refresh_ms":[0-9.]*' "$W/out" | sed 's/.*://' | tr '\n' ' ')"
