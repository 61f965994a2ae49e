#!/bin/sh
# build.sh — remakes ../echarts.min.js: ECharts 5.6.0 with only what the built-in page uses
# (entry.js), bundled by esbuild as a script that sets window.echarts, as the full build does.
# Needs npm and the npm registry; neither `make` nor `make check` runs it (the output is vendored).
# Its first line asks V8 to compile every function while the script streams in, off the main
# thread (Chromium's explicit compile hints): the page calls most of them on its first chart.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/entry.js" "$work/"
cd "$work"
npm install --no-save --no-audit --no-fund --ignore-scripts echarts@5.6.0 zrender@5.6.1 esbuild@0.28.2 >/dev/null
# --ignore-scripts: esbuild's binary comes as its platform package, no install script needed
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=echarts \
  --target=es2018 --legal-comments=none --outfile=out.js --log-level=warning
{
  printf '//# allFunctionsCalledOnLoad\n'
  printf '/* Apache ECharts 5.6.0 (Apache-2.0; LICENSE, NOTICE, licenses/LICENSE-d3) with ZRender 5.6.1\n'
  printf ' * (BSD-3-Clause; licenses/LICENSE-zrender): the parts third_party/echarts/build/entry.js names. */\n'
  cat out.js
} >"$here/../echarts.min.js"
cp node_modules/zrender/LICENSE "$here/../licenses/LICENSE-zrender"
