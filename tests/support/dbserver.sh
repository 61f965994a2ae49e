#!/bin/sh
# dbserver.sh — what pg.sh and mysql.sh share, sourced by them first: the arguments, where the
# server's files live, the lock per port, the count of the runs that use a server, and the commands
# start|stop|status|run DIR [CMD...] (db_main; see pg.sh).  The script sourcing it sets name ("pg",
# "mysql": its lock file, messages and /tmp place), owner (the user the server runs as under root)
# and port, and then defines start (start the server or reuse the one answering; prints "started"
# or "reused"), answers, server_home (HOME of the server answering on the port when the script made
# it) and stop_home HOME, and calls db_main "$@".
# Sourced with no arguments of its own, it takes the caller's: cmd and dir, shifted off, leave the
# CMD of `run` in "$@".
set -eu
[ $# -ge 2 ] || { echo "usage: $name.sh start|stop|status|run DIR [CMD...]" >&2; exit 2; }
cmd=$1
case $cmd in start|run) mkdir -p "$2" ;; *) [ -d "$2" ] || { [ "$cmd" = stop ] && exit 0; exit 1; } ;; esac
dir=$(cd "$2" && pwd)
shift 2
# The server's files live in DIR, unless its user cannot reach DIR (as root under a private home
# such as /root): then in /tmp, at a place named after DIR so that stop finds it.
home=$dir
if [ "$(id -u)" -eq 0 ] && ! runuser -u "$owner" -- test -x "$dir" 2>/dev/null; then
    home=/tmp/lazypipe-$name-$(printf '%s' "$dir" | cksum | cut -d ' ' -f 1)
    [ "$cmd" = stop ] || [ "$cmd" = status ] || mkdir -p "$home"
fi
log=$home/server.log

as_owner() {   # run a command as the server's user
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- env PATH="$PATH" "$@"; else "$@"; fi
}
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

db_main() {
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
}
