#!/bin/sh
# Install what building and testing lazypipe needs on a Debian machine, and
# nothing when it is all there already (fast no-op).  Run as root (or with sudo
# available).  Used by `make check` and `make demo`.
set -e
cd "$(dirname "$0")/.."

PKGS="build-essential ragel libmimalloc-dev libxxhash-dev libutf8proc-dev libcriterion-dev
      libmpfr-dev libpcre2-dev libmd-dev zlib1g-dev libyaml-dev
      clang libclang-rt-14-dev lld unicode-data pkg-config python3 nodejs npm gnuplot-nox
      libwebsockets-dev chromium curl
      libsqlite3-dev libpq-dev postgresql sqlite3 libmariadb-dev mariadb-server
      bats bats-assert bats-support jq openssl valgrind git"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node/npm may come from elsewhere than Debian (nodesource, nvm): accept them on PATH
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -v -x -e nodejs -e npm | tr '\n' ' ')
fi
missing=$(echo $missing)
if [ -n "$missing" ]; then
    echo "bootstrap: installing $missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Node packages, into .deps/node, all in one npm call (npm prunes packages an earlier --no-save
# install put there): the hcl2json oracle (hashicorp/hcl built to wasm) for the conformance tests;
# for the server's tests, WebSocket clients (ws) and the page in headless Chromium (playwright-core
# drives Debian's /usr/bin/chromium; it downloads no browser of its own), checked for accessibility
# by axe-core (MPL-2.0, test time only: nothing of it is in the binary).
NODE_PKGS="@cdktf/hcl2json@0.21.0 ws@8.23.0 playwright-core@1.65.1 axe-core@4.14.1"
for spec in $NODE_PKGS; do
    name=${spec%@*}
    if [ ! -f ".deps/node/node_modules/$name/package.json" ]; then
        echo "bootstrap: installing $NODE_PKGS into .deps/node"
        mkdir -p .deps/node
        (cd .deps/node && [ -f package.json ] || echo '{"private":true}' > package.json)
        (cd .deps/node && npm install --no-save --no-audit --no-fund --silent $NODE_PKGS)
        break
    fi
done

# npm_fetch SPEC INTEGRITY: a new temporary directory (printed) holding SPEC's npm tarball unpacked
# (package/...), once its sha512 is INTEGRITY (npm view SPEC dist.integrity); fails otherwise.
npm_fetch() {
    t=$(mktemp -d)
    (cd "$t" && npm pack --silent "$1" >/dev/null)
    tgz=$(ls "$t"/*.tgz)
    got=$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tgz")
    if [ "$got" != "$2" ]; then
        echo "bootstrap: $tgz has $got, expected $2" >&2
        rm -rf "$t"
        return 1
    fi
    tar -xzf "$tgz" -C "$t"
    echo "$t"
}

# DuckDB's library for the duckdb driver (src/driver/duckdb.c dlopens it; nothing links it):
# DuckDB's own prebuilt libduckdb.so (MIT), as npm publishes it for @duckdb/node-bindings, into
# .deps/duckdb.  Debian has no DuckDB package.  Pinned by version and by the tarball's sha512;
# x86_64 Linux only.
DUCKDB_VERSION=1.5.6-r.1
DUCKDB_INTEGRITY=sha512-IXcrZJE6kEqM0Z4wwdVnGBHX/frOS33VPNAwDXQ/Q+Fs84b058Qe94chrCCI
DUCKDB_INTEGRITY=${DUCKDB_INTEGRITY}cNJlG8Y3UHIUU4eBeCQxW5mN1Q==
if [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] && [ ! -f .deps/duckdb/libduckdb.so ]; then
    echo "bootstrap: fetching libduckdb.so (@duckdb/node-bindings-linux-x64@$DUCKDB_VERSION)" \
         "into .deps/duckdb"
    tmp=$(npm_fetch "@duckdb/node-bindings-linux-x64@$DUCKDB_VERSION" "$DUCKDB_INTEGRITY")
    mkdir -p .deps/duckdb
    mv "$tmp/package/LICENSE" .deps/duckdb/LICENSE
    mv "$tmp/package/libduckdb.so" .deps/duckdb/libduckdb.so
    rm -rf "$tmp"
fi

# The built-in page's icons (src/server/http.c serve_icon), the two sets Powerpipe's UI bundles:
# Google's Material Symbols (Apache-2.0; rounded, weight 300, as Powerpipe's @material-symbols/svg-300:
# 0.40.2 is the registry's nearest to its 0.36.0) and Tailwind's Heroicons 2.2.0 (MIT; 24 px outline
# and solid), SVG files with their licences, into .deps/icons (9 MB).  Pinned by their sha512.
MSYM_INTEGRITY=sha512-d7lvHBSAHFaaduIkNCpuQ16dEv+bd5B/Qiizf/NkoOXyHxqDcnesObeh28s4weQcRlg95XfXqzvZSs11UB2wsw==
HEROICONS_INTEGRITY=sha512-yOwvztmNiBWqR946t+JdgZmyzEmnRMC2nxvHFC90bF1SUttwB6yJKYeme1Je
HEROICONS_INTEGRITY=${HEROICONS_INTEGRITY}EcBfobdOs827nCyiWBS2z/brog==
if [ ! -f .deps/icons/heroicons/LICENSE ]; then
    echo "bootstrap: fetching the page's icons (Material Symbols, Heroicons) into .deps/icons"
    rm -rf .deps/icons
    mkdir -p .deps/icons/heroicons
    tmp=$(npm_fetch @material-symbols/svg-300@0.40.2 "$MSYM_INTEGRITY")
    mv "$tmp/package/rounded" .deps/icons/material
    mv "$tmp/package/LICENSE" .deps/icons/material/LICENSE
    rm -rf "$tmp"
    tmp=$(npm_fetch heroicons@2.2.0 "$HEROICONS_INTEGRITY")
    mv "$tmp/package/24/outline" "$tmp/package/24/solid" .deps/icons/heroicons/
    mv "$tmp/package/LICENSE" .deps/icons/heroicons/LICENSE
    rm -rf "$tmp"
fi
