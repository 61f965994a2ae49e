#!/bin/sh
# build.sh — remakes ../echarts.min.js and the two files it imports, ../echarts-core.min.js and
# ../echarts-zrender.min.js: ECharts 5.6.0 with only what the built-in page uses (entry.js), bundled
# by esbuild as ES modules, the entry setting window.echarts as the full build does.
# Needs npm and the npm registry; neither `make` nor `make check` runs it (the output is vendored).
# Each file's first line asks V8 to compile every function while the file streams in, off the
# page's thread (Chromium's explicit compile hints): the page calls most of them on its first chart.
# Three files, not one: Chromium compiles each module script on a thread of its own while it streams
# in, so the three are compiled side by side (../README.md).  esbuild cuts
# the bundle where entry points share code: split-core.js and split-zrender.js are entry points
# only for that (their own outputs are dropped), and the chunks get fixed names.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/entry.js" "$here/page.js" "$here/split-core.js" "$here/split-zrender.js" "$work/"
cd "$work"
npm install --no-save --no-audit --no-fund --ignore-scripts echarts@5.6.0 zrender@5.6.1 esbuild@0.28.2 >/dev/null
# --ignore-scripts: esbuild's binary comes as its platform package, no install script needed
node_modules/.bin/esbuild page.js split-core.js split-zrender.js --bundle --minify --format=esm \
  --splitting --chunk-names='chunk-[hash]' --target=es2018 --legal-comments=none --outdir=out \
  --log-level=warning
# the chunk imported by none other is ZRender's; the other, ECharts' core
chunks=$(cd out && ls chunk-*.js)
[ "$(echo "$chunks" | wc -l)" -eq 2 ] || { echo "build.sh: expected 2 chunks: $chunks" >&2; exit 1; }
for c in $chunks; do
  if grep -q 'from"\./chunk-' "out/$c"; then core=$c; else zr=$c; fi
done
head='/* Apache ECharts 5.6.0 (Apache-2.0; LICENSE, NOTICE, licenses/LICENSE-d3) with ZRender 5.6.1
 * (BSD-3-Clause; licenses/LICENSE-zrender): the parts third_party/echarts/build/entry.js names. */'
for pair in "page.js echarts.min.js" "$core echarts-core.min.js" "$zr echarts-zrender.min.js"; do
  set -- $pair
  { printf '//# allFunctionsCalledOnLoad\n%s\n' "$head"
    sed -e "s#\"\./$core\"#\"./echarts-5.6.0-page-core.min.js\"#g" \
        -e "s#\"\./$zr\"#\"./echarts-5.6.0-page-zrender.min.js\"#g" "out/$1"; } >"$here/../$2"
done
cp node_modules/zrender/LICENSE "$here/../licenses/LICENSE-zrender"
