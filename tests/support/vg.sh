#!/bin/sh
# The CLI under valgrind's memcheck (make memcheck: LP_CLI for the tests that run the command): the
# valgrind build (build/vg), its server too (--trace-children: `lazypipe server` execs it).  An error
# exits 99 and is logged to build/vg/logs/, which make memcheck prints and fails on (LP_VG_FLAGS: more
# valgrind options, e.g. --track-origins=yes).  --fair-sched=yes: valgrind runs one thread at a time, and
# its default lock let a worker running a long SQLite statement keep the CPU while the server's loop
# waited 39 s for it (server::runs_sqlite timed out in make check); the ticket lock takes turns.
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$here/build/vg/logs"
exec valgrind -q --fair-sched=yes ${LP_VG_FLAGS:-} --error-exitcode=99 --trace-children=yes \
  --child-silent-after-fork=yes --num-callers=30 \
  --log-file="$here/build/vg/logs/vg.%p.log" "$here/build/vg/lazypipe" "$@"
