#!/bin/sh
# The CLI under valgrind's memcheck (make memcheck: LP_CLI for the tests that run the command): the
# valgrind build (build/vg), its server too (--trace-children: `lazypipe server` execs it).  An error
# exits 99 and is logged to build/vg/logs/, which make memcheck prints and fails on (LP_VG_FLAGS: more
# valgrind options, e.g. --track-origins=yes).
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$here/build/vg/logs"
exec valgrind -q ${LP_VG_FLAGS:-} --error-exitcode=99 --trace-children=yes --child-silent-after-fork=yes --num-callers=30 \
  --log-file="$here/build/vg/logs/vg.%p.log" "$here/build/vg/lazypipe" "$@"
