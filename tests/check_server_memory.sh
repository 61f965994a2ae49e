#!/bin/sh
# tests/check_server_memory.sh SHARED PG_URL — the memory bounds, as tests, on the release
# server (make check: the sanitized builds' RSS says nothing of the release one's; timings stay in
# bench/):
#   1. idle after startup on aws_compliance (550 files) reopened from its persisted index: RSS at
#      most 8 MiB, and no database client library mapped (§1; bench/server_bench.js measures it too)
#   2. its soft limit of open files raised to what its 16,384 viewers and a reserve of 256 need
#      (src/server/server.c raise_fd_limit), or to the hard one when that is lower
#   3. 1,000 WebSocket viewers of one dashboard of 30 cards on PostgreSQL, their selection and one
#      change of every card: each card's statement run once a wave, and the server's peak RSS at most
#      64 MiB (§4: bench/viewers_bench.js with CHECK_RSS_MIB).  The spread scene (1,000 viewers over
#      100 dashboards) peaks at 48-58 MiB, within reach of the bound on a loaded machine where send
#      queues grow; it is measured in the bench only.  The bench waits for every wave: 300 s bound it.
set -eu
shared=${1:?usage: check_server_memory.sh SHARED PG_URL}
pg=${2:?usage: check_server_memory.sh SHARED PG_URL}
cli=build/lazypipe
# a plain clone has no ../shared: aws_compliance is not redistributed in tests/data/shared (12.6 MB)
if [ ! -d "$shared/corpus/aws_compliance" ]; then
    echo "check-server-memory: skipped: $shared/corpus/aws_compliance is not here (the shared corpus" \
        "beside the project; LP_SHARED or SHARED= names another)" >&2
    exit 0
fi
fail() { echo "check-server-memory: $*" >&2; exit 1; }
[ -x "$cli" ] && [ -x build/lazypipe-server ] || fail "build/lazypipe and build/lazypipe-server are needed"
work=$(mktemp -d /tmp/lp_srvmem.XXXXXX)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

mod=$work/aws_compliance
cp -a "$shared/corpus/aws_compliance" "$mod"
"$cli" --mod-location "$mod" --index-cache "$work/cache" dashboard list >/dev/null   # the image written
# a port of our own: the server refuses a taken one, then the next is tried
port=$((20000 + $$ % 20000))
for try in 1 2 3 4 5; do
    # the soft limit lowered below the hard one, which the server should take up
    sh -c 'ulimit -Sn 256; exec "$@"' sh "$cli" --mod-location "$mod" --index-cache "$work/cache" server \
        --port "$port" 2>"$work/log" &
    pid=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$work/log" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    grep -q 'listening on' "$work/log" && break
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
    port=$((port + 1))
done
[ -n "$pid" ] || fail "the server did not start: $(cat "$work/log")"
sleep 1.5
kib=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
libs=$(grep -oE '/[^ ]*(libpq|libsqlite3|libduckdb)[^ /]*\.so[^ ]*' "/proc/$pid/maps" | sort -u | tr '\n' ' ')
soft=$(sed -n 's/^Max open files[[:space:]]*\([0-9a-z]*\)[[:space:]]*\([0-9a-z]*\).*/\1 \2/p' \
    "/proc/$pid/limits")
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
echo "check-server-memory: idle on aws_compliance: RSS $kib KiB; open files soft/hard: $soft"
[ "$kib" -le 8192 ] || fail "idle RSS $kib KiB, over 8 MiB"
[ -z "$libs" ] || fail "the idle server maps a database client: $libs"
set -- $soft
want=$((16384 + 256))
[ "$2" = unlimited ] || [ "$2" -ge "$want" ] || want=$2
[ "$1" = "$want" ] || fail "the soft limit of open files is $1, not $want (hard: $2)"

hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt 2048 ]; then   # the machine's, not the server's, limit
    echo "check-server-memory: 1,000 viewers skipped: this machine's hard limit of open files is $hard"
    exit 0
fi
# in a session of its own: on a hang, its server and client processes go with it
setsid sh -c 'SCENES=one IDLE_WAIT_S=0 CHECK_RSS_MIB=64 exec node bench/viewers_bench.js "$0" "$1"' \
    "$cli" "$pg" >"$work/viewers" 2>&1 &
vpid=$!
for _ in $(seq 3000); do kill -0 "$vpid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$vpid" 2>/dev/null; then
    kill -- "-$vpid" 2>/dev/null || true
    fail "1,000 viewers: the bench did not end within 300 s: $(tail -5 "$work/viewers")"
fi
wait "$vpid" && ok=1 || ok=0
[ "$ok" = 1 ] ||
    fail "1,000 viewers: $(grep -E 'check failed|Error|^\| one:' "$work/viewers" || tail -5 "$work/viewers")"
grep -E '^\| one:' "$work/viewers" | sed 's/^/check-server-memory: /'
echo "check-server-memory: the idle server and 1,000 viewers of one dashboard within their bounds"
