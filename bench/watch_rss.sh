#!/bin/bash
# watch_rss.sh [LAZYPIPE] [MOD] — resident memory of `lazypipe watch` over a copy of MOD
# (default aws_compliance) after 20 and after 200 edits (a comment line appended to one
# file every 130 ms, so that each is its own refresh).  Prints one line.
set -eu
bin=${1:-build/lazypipe}
mod=${2:-${SHARED:-../shared}/corpus/aws_compliance}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp -r "$mod" "$d/m"
"$bin" watch --no-index-cache --mod-location "$d/m" >/dev/null 2>&1 &
pid=$!
sleep 1.5
f=$(find "$d/m" -name '*.pp' -not -name mod.pp | sort | sed -n 1p)
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
for i in $(seq 1 200); do
    echo "# edit $i" >>"$f"
    sleep 0.13
    if [ "$i" = 20 ]; then r20=$(rss); fi
done
sleep 0.5
r200=$(rss)
kill -INT "$pid"
wait "$pid" || true
echo "$bin: RSS after 20 edits ${r20} KB, after 200 ${r200} KB"
