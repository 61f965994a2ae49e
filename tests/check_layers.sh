#!/bin/sh
# check_layers.sh LAYERS OBJDIR — the library's folders are layers (docs/design.md, "Layout"):
# a folder may use only itself and the folders before it in LAYERS, both by #include (every
# "folder/name.h" a source or header of src/<layer>/ includes) and by symbol (every undefined
# symbol of an object of OBJDIR/src/<layer>/ that another object of the library defines).
# gen/*.c are the hcl layer's lexers.  The CLI and the server (a part of the CLI) see only the
# public headers (include/lazypipe.h, lazypipe_mods.h) and their own; so do the database drivers
# (src/driver).  src/tmpl, the Go template engine the CLI's custom exports run on, is compiled into
# the programs: it sees only lazypipe.h, and the CLI may include its tmpl.h.
# Prints each violation; exit status 1 if there is one.
set -eu
layers=$1
objdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rank=0
for l in $layers; do echo "$l $rank"; rank=$((rank + 1)); done > "$tmp/ranks"

# --- includes: "layer/file.h" inside src/<layer>/
for l in $layers; do
    for f in src/"$l"/*.c src/"$l"/*.h src/"$l"/*.rl; do
        [ -e "$f" ] || continue
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while read -r inc; do echo "$l $f $inc"; done
    done
done > "$tmp/incs"
for f in src/cli/*.c src/cli/*.h src/server/*.c src/server/*.h src/driver/*.c src/tmpl/*.c src/tmpl/*.h; do
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
        while read -r inc; do echo "app $f $inc"; done
done >> "$tmp/incs"
awk -v ranks="$tmp/ranks" '
    BEGIN { while ((getline line < ranks) > 0) { split(line, p, " "); r[p[1]] = p[2] } }
    {
        layer = $1; file = $2; inc = $3
        if (inc == "lazypipe.h" || inc == "lazypipe_mods.h") next
        # the test knobs (lp_alloc_fail_nth): the library defines them, the apps never see them
        if (inc == "lazypipe_test.h" && layer != "app") next
        n = index(inc, "/")
        if (layer == "app") {   # the CLI and the server: their own folders (and the CLI tmpl.h) only
            if (file ~ /^src\/tmpl\//) {
                if (inc !~ /^tmpl(Int)?\.h$/) {
                    print file ": includes " inc " (src/tmpl uses only lazypipe.h)"; bad = 1
                }
                next
            }
            if (n && inc !~ /^\.\.\/cli\// && !(file ~ /^src\/cli\// && inc == "../tmpl/tmpl.h")) {
                print file ": includes " inc " (the CLI and the server use only lazypipe.h)"; bad = 1
            }
            next
        }
        if (!n) { print file ": includes \"" inc "\" without its folder"; bad = 1; next }
        to = substr(inc, 1, n - 1)
        if (!(to in r)) { print file ": includes " inc " from no library layer"; bad = 1; next }
        if (r[to] > r[layer]) { print file ": includes " inc ", a layer above " layer; bad = 1 }
    }
    END { exit bad }' "$tmp/incs" || status=1

# --- symbols: who defines what, and who uses it
for l in $layers; do
    for o in "$objdir"/src/"$l"/*.o; do [ -e "$o" ] && echo "$l $o"; done
done > "$tmp/objs"
for o in "$objdir"/gen/*.o; do [ -e "$o" ] && echo "hcl $o"; done >> "$tmp/objs"
if [ ! -s "$tmp/objs" ]; then echo "check_layers: no objects under $objdir"; exit 1; fi
while read -r l o; do
    nm "$o" | awk -v l="$l" -v o="$o" '
        NF == 3 && $2 ~ /^[TDBRCVW]$/ { print "def", l, o, $3 }
        NF == 2 && $1 == "U" { print "use", l, o, $2 }'
done < "$tmp/objs" > "$tmp/syms"
awk -v ranks="$tmp/ranks" '
    BEGIN { while ((getline line < ranks) > 0) { split(line, p, " "); r[p[1]] = p[2] } }
    $1 == "def" { dl[$4] = $2; dobj[$4] = $3; next }
    { use[NR] = $0 }
    END {
        for (i in use) {
            split(use[i], u, " ")
            if (!(u[4] in dl)) continue
            if (r[dl[u[4]]] > r[u[2]]) {
                print u[3] " (" u[2] ") uses " u[4] " of " dobj[u[4]] " (" dl[u[4]] "), a layer above"
                bad = 1
            }
        }
        exit bad
    }' "$tmp/syms" || status=1

if [ "${status:-0}" -ne 0 ]; then echo "check_layers: violations above"; exit 1; fi
echo "layers: $layers — no folder uses one above it"
