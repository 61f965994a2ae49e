#!/bin/sh
# bench/edit_storm.sh — the edit storm against a whole `lazypipe server`: the mod of
# tests/server/edit_storm.js (dashboard "storm", rewritten every 0.5 s; dashboard "calm", never
# touched; every leaf a second of pg_sleep) on PostgreSQL, CLIENTS clients, EDITS edits.  Prints
# the script's summary line (run time, how long after the last edit the last result came,
# executions started and completed) and the server log's counts.
#   CLI      the binary measured (default build/lazypipe)
#   PG       the database (default $LP_PG_URL, else the tests' postgres://steampipe@127.0.0.1:9193/steampipe)
#   EDITS    edits, every 0.5 s (default 20)       CLIENTS  clients, half on each dashboard (default 50)
set -eu
CLI=$(realpath "${CLI:-build/lazypipe}")
PG=${PG:-${LP_PG_URL:-postgres://steampipe@127.0.0.1:9193/steampipe}}
EDITS=${EDITS:-20}
CLIENTS=${CLIENTS:-50}
DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'mod "edit_storm" {\n  title = "Edit storm"\n}\n' > "$DIR/mod.pp"
{
    printf 'dashboard "calm" {\n  card "calm_a" {\n    sql = "select 1 as value from pg_sleep(1)"\n  }\n'
    printf '  card "calm_b" {\n    sql = "select 2 as value from pg_sleep(1)"\n  }\n}\n'
} > "$DIR/calm.pp"
"$CLI" --mod-location "$DIR" server --port "$PORT" --database="$PG" > "$DIR.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DIR" "$DIR.log"' EXIT
while ! grep -q "listening on" "$DIR.log"; do sleep 0.1; done
NODE_PATH=${NODE_PATH:-$(pwd)/.deps/node/node_modules} node tests/server/edit_storm.js \
    "ws://127.0.0.1:$PORT/ws" "$DIR" "$EDITS" "$CLIENTS"
printf 'server log: %s runs superseded by an edit, %s "untouched by the edit" lines, %s cancelled\n' \
    "$(grep -c 'superseded by an edit' "$DIR.log" || true)" \
    "$(grep -c 'untouched by the edit' "$DIR.log" || true)" \
    "$(grep -c '(cancelled)' "$DIR.log" || true)"
