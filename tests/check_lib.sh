#!/bin/sh
# check_lib.sh — build/liblazypipe.a as a user meets it (run by `make check-lib`, part of make check):
#   1. only lp_ functions declared in include/lazypipe.h, include/lazypipe_mods.h (mod management) or
#      the tests' lazypipe_test.h are global;
#   2. a staged `make install` gives a lazypipe.pc with which the library example of docs/library.md
#      compiles and links both with and without --static, and runs on the sample mod, and with which a
#      program of lazypipe_mods.h compiles and links;
#   3. the installed lazypipe does not link libwebsockets, and its `server` runs lazypipe-server;
#   4. each driver's archive (liblazypipe-NAME.a for src/driver/NAME.c, a part of one aside) exports only its
#      lp_driver_NAME, liblazypipe.a links no database client, and tests/driver_host.c links the
#      drivers through pkg-config lazypipe-sqlite lazypipe-postgres lazypipe-mysql (with and without
#      --static) and runs;
#   5. the installed programs link no database client library (lazypipe needs only libc, both carry
#      mimalloc), and load the installed drivers (lib/lazypipe/lazypipe-driver-NAME.so) to run a
#      query: on SQLite, and on MySQL when $LP_MYSQL_URL names a server (make check-lib starts one);
#   6. `make uninstall` removes every installed file.
set -eu
make=${MAKE:-make}
lib=build/liblazypipe.a
fail() { echo "check-lib: $*" >&2; exit 1; }

syms=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
[ -n "$syms" ] || fail "no symbols in $lib"
bad=$(printf '%s\n' "$syms" | grep -v '^lp_' || true)
[ -z "$bad" ] || fail "$lib exports internal names: $(echo $bad)"
for s in $syms; do
    # the tests' knobs are declared in include/lazypipe_test.h, which is not installed
    grep -q "\b$s[[:space:]]*(" include/lazypipe.h include/lazypipe_mods.h include/lazypipe_test.h ||
        fail "$lib exports $s, which none of include/lazypipe.h, lazypipe_mods.h, lazypipe_test.h declares"
done
echo "check-lib: $lib exports $(printf '%s\n' "$syms" | wc -l) symbols, all lp_ functions of the header"

# (a driver's part, linked into that driver's archive and localized there: ducklake.c, DuckDB's reader of
# Tailpipe's catalogs; its archive is checked as the driver's)
parts="ducklake"
for d in $(ls src/driver/*.c | sed 's|src/driver/||; s|\.c$||'); do
    case " $parts " in *" $d "*) continue ;; esac
    a=build/liblazypipe-$d.a
    [ -f "$a" ] || fail "no $a for src/driver/$d.c"
    dsyms=$(nm -g --defined-only "$a" | awk 'NF == 3 { print $3 }' | sort -u)
    [ "$dsyms" = "lp_driver_$d" ] || fail "$a exports: $(echo $dsyms) (only lp_driver_$d)"
    if printf '%s\n' "$syms" | grep -q -x "lp_driver_$d"; then fail "$lib holds the $d driver"; fi
done
if nm -u "$lib" | grep -q -E ' (sqlite3_|PQ|duckdb_|mysql_)'; then
    fail "$lib uses a database client library"
fi
echo "check-lib: each driver archive exports only its lp_driver_NAME; $lib links no database client"

stage=$(pwd)/build/stage
rm -rf "$stage"
$make --no-print-directory install PREFIX="$stage" >/dev/null
# the library guide's example: the first C block after "## The example" in docs/library.md
awk '/^## The example/ { f = 1 } f && /^```c/ { p = 1; next } p && /^```/ { exit } p' docs/library.md \
    > build/readme_example.c
grep -q 'lp_wait_resolved' build/readme_example.c || fail "docs/library.md has no library example"
for static in "" --static; do
    flags=$(PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --cflags --libs $static lazypipe)
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o build/readme_example build/readme_example.c $flags ||
        fail "the library example does not link with: pkg-config --libs $static lazypipe"
    out=$(build/readme_example tests/data/sample_mod) || fail "the library example failed"
    case $out in *'"action":"available_dashboards"'*) ;; *) fail "the library example printed: $out" ;; esac
done
echo "check-lib: the library example (docs/library.md) links with pkg-config --libs lazypipe," \
     "with and without --static"

# mod management's header (lazypipe_mods.h) is installed beside lazypipe.h, and its functions link
printf '%s\n' '#include <lazypipe_mods.h>' \
    'int main(void) { lp_mods_pull p; return lp_mods_parse_pull("Full", &p) || p != LP_MODS_PULL_FULL; }' \
    > build/mods_example.c
flags=$(PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --cflags --libs --static lazypipe)
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o build/mods_example build/mods_example.c $flags ||
    fail "a program of lazypipe_mods.h does not link with: pkg-config --libs --static lazypipe"
build/mods_example || fail "lp_mods_parse_pull of the installed library failed"
rm -f build/mods_example build/mods_example.c
echo "check-lib: a program of lazypipe_mods.h compiles against the installed header and links"

# a host of both drivers, linked through pkg-config, runs a statement on an SQLite file
rm -f build/driver_host.db
sqlite3 build/driver_host.db 'create table t(a)' || fail "sqlite3 could not make a database"
for static in "" --static; do
    flags=$(PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --cflags --libs $static lazypipe-sqlite \
            lazypipe-postgres lazypipe-mysql)
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o build/driver_host tests/driver_host.c $flags ||
        fail "tests/driver_host.c does not link with: pkg-config --libs $static lazypipe-sqlite" \
             "lazypipe-postgres lazypipe-mysql"
    out=$(build/driver_host build/driver_host.db) || fail "tests/driver_host.c failed: $out"
    [ "$out" = 42 ] || fail "tests/driver_host.c printed: $out"
done
rm -f build/driver_host build/driver_host.db
echo "check-lib: a host links the drivers with pkg-config --libs lazypipe-sqlite lazypipe-postgres" \
     "lazypipe-mysql"

# the server is its own executable: lazypipe loads no libwebsockets (nor the OpenSSL it brings), and
# `lazypipe server` runs the lazypipe-server installed beside it (its flag check answers)
[ -x "$stage/bin/lazypipe-server" ] || fail "make install did not install bin/lazypipe-server"
if readelf -d "$stage/bin/lazypipe" | grep -q 'NEEDED.*libwebsockets'; then
    fail "bin/lazypipe links libwebsockets (only bin/lazypipe-server should)"
fi
out=$("$stage/bin/lazypipe" server --port 0 2>&1) && fail "lazypipe server --port 0 succeeded"
case $out in *'invalid port'*) ;; *) fail "lazypipe server did not run lazypipe-server: $out" ;; esac
echo "check-lib: bin/lazypipe does not load libwebsockets; its server command runs bin/lazypipe-server"

# the programs link no database client library: a command that runs nothing maps none;
# the installed drivers are loaded from ../lib/lazypipe at the first connect
for prog in lazypipe lazypipe-server; do
    if readelf -d "$stage/bin/$prog" |
            grep -E 'NEEDED.*(libpq|libsqlite3|libmariadb|libssl|libcrypto|libkrb5)'; then
        fail "bin/$prog links a database client library (its driver should be loaded when a run connects)"
    fi
done
# lazypipe maps one shared library, libc (each one costs every command's start-up);
# mimalloc is linked into both programs and is their malloc, exported so that the libraries the
# drivers load allocate with it too
needed=$(readelf -d "$stage/bin/lazypipe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
[ "$needed" = "libc.so.6 " ] || fail "bin/lazypipe needs: $needed(only libc.so.6 expected)"
if [ "$(cut -d' ' -f1 build/allocator 2>/dev/null)" = mimalloc ]; then
    for prog in lazypipe lazypipe-server; do
        nm -D --defined-only "$stage/bin/$prog" | grep -q ' T malloc$' ||
            fail "bin/$prog does not define malloc (its mimalloc is not linked into it)"
    done
fi
echo "check-lib: bin/lazypipe needs only libc.so.6; both programs carry their allocator"
rm -f build/stage-query.db
sqlite3 build/stage-query.db 'create table t(a); insert into t values (42)' ||
    fail "sqlite3 could not make a database"
mkdir -p build/stage-mod && echo 'mod "m" {}' > build/stage-mod/mod.pp
out=$("$stage/bin/lazypipe" --mod-location build/stage-mod query run 'select a from t' --output csv \
      --header=false --database "sqlite://$(pwd)/build/stage-query.db" 2>&1) ||
    fail "the installed lazypipe could not run on SQLite: $out"
[ "$out" = 42 ] || fail "the installed lazypipe's query printed: $out"
if [ -n "${LP_MYSQL_URL:-}" ]; then
    out=$("$stage/bin/lazypipe" --mod-location build/stage-mod query run 'select 40 + 2' --output csv \
          --header=false \
          --database "$LP_MYSQL_URL" 2>&1) || fail "the installed lazypipe could not run on MySQL: $out"
    [ "$out" = 42 ] || fail "the installed lazypipe's query on MySQL printed: $out"
fi
rm -rf build/stage-query.db build/stage-mod
echo "check-lib: bin/lazypipe and bin/lazypipe-server link no database client;" \
     "the installed driver runs a query"

$make --no-print-directory uninstall PREFIX="$stage" >/dev/null
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
rm -rf "$stage" build/readme_example build/readme_example.c
echo "check-lib: make uninstall removes every installed file"
