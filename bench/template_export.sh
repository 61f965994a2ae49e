#!/bin/sh
# bench/template_export.sh — a check run's csv export through Powerpipe's own csv template (a custom
# template directory under the install dir, rendered by src/tmpl) beside the same export by
# lazypipe's csv writer (the floor), in one run: a benchmark of two controls over ROWS rows of an
# SQLite file.  GNU time's wall seconds and peak RSS of each, REPS times, and whether the two files
# are the same bytes (but the writer's closing blank line).  Powerpipe's template is AGPL-3.0: it is
# read from its source ($LP_POWERPIPE_SRC, a git checkout), never kept in this repository.
#   CLI    the binary measured (default build/lazypipe)
#   ROWS   200000 by default; REPS 3
set -eu
CLI=$(realpath "${CLI:-build/lazypipe}")
ROWS=${ROWS:-200000}
REPS=${REPS:-3}
SRC=${LP_POWERPIPE_SRC:-../powerpipe}
OUT=$(pwd)/build/bench/template_export
rm -rf "$OUT"
mkdir -p "$OUT/inst/check/templates/pcsv"
git -C "$SRC" show HEAD:internal/controldisplay/templates/csv/output.tmpl \
    > "$OUT/inst/check/templates/pcsv/output.tmpl"
sql="create table t(n integer);
  with recursive c(x) as (select 1 union all select x + 1 from c where x < $ROWS)"
sqlite3 "$OUT/d.db" "$sql insert into t select x from c;"
# the control's statement in two lines (the mod below takes it whole)
many_sql="select 'r' || n as resource, case when n % 3 = 0 then 'alarm' else 'ok' end as status,"
many_sql="$many_sql 'reason ' || n as reason, 'eu-' || (n % 5) as region from t"
cat > "$OUT/mod.pp" <<EOM
mod "b" {
  title = "B"
}
benchmark "big" {
  title = "Big"
  children = [control.many, control.few]
}
control "many" {
  title = "Many"
  sql = "$many_sql"
}
control "few" {
  title = "Few"
  sql = "select 'r' || n as resource, 'ok' as status, 'x' as reason from t where n < 1000"
}
EOM
cd "$OUT"
printf '| export | rows | wall s | peak RSS MiB |\n|---|--:|--:|--:|\n'
for i in $(seq "$REPS"); do
  for e in native.csv template.pcsv; do
    /usr/bin/time -f "%e %M" -o time.txt "$CLI" --mod-location "$OUT" --install-dir "$OUT/inst" \
      benchmark run big \
      --export "$e" --output none --progress=false --database "sqlite://$OUT/d.db" || true
    read -r wall kib <<EOT
$(tail -n 1 time.txt)
EOT
    printf '| %s | %s | %s | %s |\n' "$e" "$ROWS" "$wall" "$((kib / 1024))"
  done
done
if [ "$(head -c "$(wc -c < template.pcsv)" native.csv | cmp - template.pcsv && echo same)" = same ]; then
  echo "the two files: the same bytes (the writer's adds a closing blank line)"
else
  echo "the two files differ"
fi
