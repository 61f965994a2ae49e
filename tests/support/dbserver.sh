#!/bin/sh
# dbserver.sh — what pg.sh and mysql.sh share, sourced by them last: the lock per port, the count
# of the runs that use a server, and the commands start|stop|status|run DIR [CMD...] (see pg.sh).
# The script sourcing it sets cmd, port, name ("pg", "mysql": its lock file and messages) and the
# arguments after DIR ("$@"), and defines start (start the server or reuse the one answering;
# prints "started" or "reused"), answers, server_home (HOME of the server answering on the port
# when the script made it) and stop_home HOME.

lock() { exec 9>"/tmp/lazypipe-$name-$port.lock"; flock 9; }
unlock() { flock -u 9; exec 9>&-; }

users() {   # how many use the server of HOME $1: live runs and a pin (dead runs' files are removed)
    n=0
    for f in "$1"/users/*; do
        [ -e "$f" ] || continue
        p=${f##*/}
        if [ "$p" = pinned ] || kill -0 "$p" 2>/dev/null; then n=$((n + 1)); else rm -f "$f"; fi
    done
    echo $n
}
end_run() {   # this run no longer uses the server of HOME $1: the last user stops it
    lock
    rm -f "$1/users/$$"
    [ "$(users "$1")" -gt 0 ] || stop_home "$1"
    unlock
}

case $cmd in
start)
    lock
    start
    h=$(server_home)
    if [ -n "$h" ]; then mkdir -p "$h/users" && touch "$h/users/pinned"; fi
    unlock
    ;;
stop)
    lock
    rm -f "$home/users/pinned"
    n=$(users "$home")
    if [ "$n" -gt 0 ]; then echo "$name.sh: $n test run(s) still use the server: the last one stops it" >&2
    else stop_home "$home"; fi
    unlock
    ;;
status) answers ;;
run)
    [ $# -ge 1 ] || { echo "$name.sh run DIR CMD..." >&2; exit 2; }
    lock
    start >/dev/null
    h=$(server_home)
    if [ -n "$h" ]; then
        mkdir -p "$h/users" && touch "$h/users/$$"
        trap 'end_run "$h"' EXIT
        trap 'exit 130' INT TERM
    fi
    unlock
    set +e
    "$@"
    status=$?
    set -e
    exit $status
    ;;
*) echo "$name.sh: unknown command $cmd" >&2; exit 2 ;;
esac
