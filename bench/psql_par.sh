#!/bin/sh
# bench/psql_par.sh — the parallel floor of a run: the files given, each by its own
# `psql -f` process, all at once (what the database can do with that many connections on this
# machine); fails when one of them fails.
#
#   bench/psql_par.sh DB FILE...
set -u
DB=$1
shift
pids=
for f; do
  psql -X -q -d "$DB" -f "$f" -o /dev/null &
  pids="$pids $!"
done
status=0
for p in $pids; do wait "$p" || status=1; done
exit $status
