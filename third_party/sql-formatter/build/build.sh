#!/bin/sh
# build.sh — remakes ../sql-formatter.min.js: @supabase/sql-formatter 4.0.3's PostgreSQL formatter
# (entry.js), bundled by esbuild as a script that sets window.sqlFormatter ({ format }).  Needs npm
# and the npm registry; neither `make` nor `make check` runs it (the output is vendored).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/entry.js" "$work/"
cd "$work"
npm install --no-save --no-audit --no-fund --ignore-scripts @supabase/sql-formatter@4.0.3 esbuild@0.28.2 >/dev/null
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=sqlFormatter \
  --target=es2018 --legal-comments=none --outfile=out.js --log-level=warning
{
  printf '/* @supabase/sql-formatter 4.0.3 (MIT; LICENSE): its PostgreSQL formatter, as\n'
  printf ' * third_party/sql-formatter/build/entry.js names it. */\n'
  cat out.js
} >"$here/../sql-formatter.min.js"
cp node_modules/@supabase/sql-formatter/LICENSE "$here/../LICENSE"
