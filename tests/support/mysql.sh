#!/bin/sh
# mysql.sh — the MariaDB server of the tests (the mysql driver's tests), as pg.sh is PostgreSQL's.
#   mysql.sh start DIR     a server with its data in DIR/data (mariadb-install-db on first use),
#                          listening on 127.0.0.1 port ${LP_MYSQL_PORT:-9306} only, its unix socket
#                          DIR/sock, user root without a password, and a database `lazypipe`:
#                          mysql://root@tcp(127.0.0.1:9306)/lazypipe.  When something on the port
#                          already serves that database it is reused.  Prints "started" or "reused".
#   mysql.sh stop DIR      stops the server of DIR (not a reused one), once no `run` uses it
#   mysql.sh status DIR    exit status 0 when the lazypipe database answers on the port
#   mysql.sh run DIR CMD...  start (or reuse), run CMD, exit with its status; the last `run` using
#                          the server stops it (unless a `start` asked for it), also when CMD fails
# Users are counted as pg.sh counts them (HOME/users: a file per running `run`, `pinned` for
# start), under a lock per port.  A server mysql.sh did not make (no HOME/mysql.sh.owned) is used
# and never stopped.  The server runs as `mysql` when run as root, else as the caller; it is
# Debian's mariadbd (package mariadb-server), started with --no-defaults: no /etc/mysql settings.
PATH=$PATH:/usr/sbin:/usr/local/sbin
export PATH
name=mysql owner=mysql port=${LP_MYSQL_PORT:-9306}
. "$(dirname "$0")/dbserver.sh"
data=$home/data

client() { mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root "$@"; }
answers() { client -e 'select 1' lazypipe >/dev/null 2>&1; }

start() {
    if answers; then echo reused; return 0; fi
    command -v mariadbd >/dev/null || { echo "mysql.sh: no mariadbd (install mariadb-server)" >&2; exit 1; }
    [ "$(id -u)" -ne 0 ] || chown mysql "$home"
    if [ ! -d "$data/mysql" ]; then
        rm -rf "$data"
        as_owner mariadb-install-db --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
            --skip-test-db >"$home/install.log" 2>&1 || { cat "$home/install.log" >&2; exit 1; }
    fi
    touch "$home/mysql.sh.owned"
    : > "$log"
    [ "$(id -u)" -ne 0 ] || chown mysql "$log"
    # a test server, thrown away with build/: small buffers, no durability, no performance schema
    as_owner setsid mariadbd --no-defaults --datadir="$data" --socket="$home/sock" --port="$port" \
        --bind-address=127.0.0.1 --pid-file="$home/mariadbd.pid" --log-error="$log" --skip-name-resolve \
        --innodb-buffer-pool-size=32M --innodb-flush-log-at-trx-commit=0 --performance-schema=OFF \
        </dev/null >>"$log" 2>&1 9>&- &
    i=0
    until client -e 'select 1' >/dev/null 2>&1; do
        i=$((i + 1))
        if [ $i -gt 300 ]; then
            echo "mysql.sh: the server did not start on port $port:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    client -e 'create database if not exists lazypipe' ||
        { echo "mysql.sh: could not create the lazypipe database on port $port" >&2; exit 1; }
    echo started
}

server_home() {   # HOME of the server answering on the port, when mysql.sh made it
    d=$(client -N -B -e 'select @@datadir' 2>/dev/null) || return 0
    d=${d%/}
    [ -n "$d" ] && [ -f "$(dirname "$d")/mysql.sh.owned" ] && dirname "$d"
    return 0
}
stop_home() {
    [ -f "$1/mariadbd.pid" ] || return 0
    pid=$(cat "$1/mariadbd.pid")
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    rm -f "$1/mariadbd.pid"
}
db_main "$@"
