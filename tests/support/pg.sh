#!/bin/sh
# pg.sh — the PostgreSQL server of the tests (the drivers' tests, Powerpipe's acceptance tests).
#   pg.sh start DIR        a cluster in DIR/data (initdb on first use), listening on 127.0.0.1 port
#                          ${LP_PG_PORT:-9193} only, its unix socket in DIR/sock, trust auth, with a
#                          superuser and database `steampipe`: postgres://steampipe@127.0.0.1:9193/steampipe.
#                          When something on the port already serves that database it is reused.
#                          Prints "started" or "reused".  The server stays up until pg.sh stop.
#   pg.sh stop DIR         stops the server of DIR (not a reused one), once no `run` uses it; a
#                          no-op when it is not running
#   pg.sh status DIR       exit status 0 when the steampipe database answers on the port
#   pg.sh run DIR CMD...   start (or reuse), run CMD, exit with its status.  The server is stopped
#                          after the last `run` using it ends (also when CMD fails or is
#                          interrupted), unless a `start` asked for it: so `make check` in two
#                          worktrees at once share one server, and the last one stops it.
# Users of a server pg.sh made are counted in HOME/users (HOME: the directory of its data
# directory): a file per running `run` (its pid) and `pinned` for `start`; changes to them, and
# starting and stopping, are serialised by a lock per port.  A server pg.sh did not make (no
# HOME/pg.sh.owned) is used and never stopped.
# The server runs as an unprivileged user: `postgres` when run as root (initdb refuses root), else
# the caller.  The newest /usr/lib/postgresql/*/bin is used (Debian's layout), else PATH's.
# The commands and the counting are tests/support/dbserver.sh, which mysql.sh shares.
name=pg owner=postgres port=${LP_PG_PORT:-9193}
. "$(dirname "$0")/dbserver.sh"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$bindir" ]; then PATH=$bindir:$PATH; export PATH; fi
data=$home/data
sock=$home/sock

answers() {    # the steampipe database answers on the port
    psql -X -q -h 127.0.0.1 -p "$port" -U steampipe -d steampipe -c 'select 1' >/dev/null 2>&1
}

start() {
    if answers; then echo reused; return 0; fi
    command -v initdb >/dev/null || { echo "pg.sh: no initdb (install postgresql)" >&2; exit 1; }
    if [ ! -f "$data/PG_VERSION" ]; then
        rm -rf "$data"
        mkdir -p "$data" "$sock"
        [ "$(id -u)" -ne 0 ] || chown postgres "$home" "$data" "$sock"
        as_owner initdb -D "$data" -U postgres -A trust -E UTF8 --locale=C >"$home/initdb.log" 2>&1 ||
            { cat "$home/initdb.log" >&2; exit 1; }
    fi
    touch "$home/pg.sh.owned"
    mkdir -p "$sock"
    [ "$(id -u)" -ne 0 ] || chown postgres "$home" "$sock"
    : > "$log"
    [ "$(id -u)" -ne 0 ] || chown postgres "$log"
    # fsync off: a test cluster, thrown away with build/
    if ! as_owner pg_ctl -D "$data" -l "$log" -w -t 30 -o "-c listen_addresses=127.0.0.1 -p $port \
-c unix_socket_directories=$sock -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
        echo "pg.sh: the server did not start on port $port:" >&2
        cat "$log" >&2
        exit 1
    fi
    psu() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
    if [ -z "$(psu -tAc "select 1 from pg_roles where rolname = 'steampipe'")" ]; then
        psu -c 'create role steampipe superuser login' >/dev/null
    fi
    if [ -z "$(psu -tAc "select 1 from pg_database where datname = 'steampipe'")" ]; then
        psu -c 'create database steampipe owner steampipe' >/dev/null
    fi
    answers || { echo "pg.sh: the steampipe database does not answer on port $port" >&2; exit 1; }
    echo started
}

server_home() {   # HOME of the server answering on the port, when pg.sh made it
    d=$(psql -X -q -h 127.0.0.1 -p "$port" -U steampipe -d steampipe \
        -tAc 'show data_directory' 2>/dev/null) ||
        return 0
    [ -n "$d" ] && [ -f "$(dirname "$d")/pg.sh.owned" ] && dirname "$d"
    return 0
}
stop_home() {
    [ -f "$1/data/postmaster.pid" ] || return 0
    as_owner pg_ctl -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true
}
db_main "$@"
