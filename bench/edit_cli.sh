#!/bin/sh
# bench/edit_cli.sh — `make bench-edit-cli`: the command that follows a save, as a mod author
# meets it. A whole `lazypipe dashboard list` process after one file of the workspace was edited
# since the index image was written, beside the same command reopening an unchanged image, with
# `--no-index-cache`, and a first open to its exit (no image yet), alternated round by round
# (build/bench/procrun; its --setup puts the file and the cache back untimed before each run, so
# that every run is one edit after a whole image). Medians of wall and user+system CPU; an image
# the command leaves a child process to write after its exit is waited for after each run,
# untimed, and its CPU is the table's last column (procrun --bg).
#
# The edits (each its own copy of the workspace, so that each scene keeps its own image):
#   title  a control's (aws_compliance) or a dashboard's (aws_insights) title, one character
#   sql    a character inside a query's SQL
#   local  a local: aws_compliance's common tags, which every control reads; aws_insights' ec2
#          common tags, which the EC2 dashboards read
#   added  a control (aws_compliance) or a query (aws_insights) added to the title's file: every later
#          entry's id moves, so the index is merged whole from every file's segment
#   newfile a file of one control or query added beside the title's file (the directory's listing
#          changes: listed again, the index merged whole)
#   delfile that file deleted again (the image made with it)
#   then   the title edit, its command run (untimed), and the same command again at once: a script's
#          second command (the stale image kept: it patches it again)
#   fresh  as then, in a copy whose files are new (cp without -p, as a checkout or an unpacked archive
#          leaves them) imaged at once: every file racily clean against the image (hashed until an
#          open records the image clean, cachedir.h)
# Then, untimed, what each edit's command wrote to the cache (LAZYPIPE_CACHE_WRITE=foreground): the
# bytes of the files there that are new or changed, against the image's (goal: ≤ 5%).
# Goals: after a title or SQL edit ≤ 1.3× the reopen (wall and CPU); after the local every
# control reads ≤ 0.8× --no-index-cache; a first open's exit ≤ 1.15× --no-index-cache.
#
#   MODS   the workspaces (default: aws_compliance and aws_insights of $SHARED/corpus)
#   REPS   rounds (default 21; 3 warm-up rounds first)
#   CLI    the binary measured (default build/lazypipe)
#   BASE   another lazypipe binary whose reopen and after-edit runs are in the same rounds, optional
set -eu
SHARED=${SHARED:-../shared}
REPS=${REPS:-21}
CLI=${CLI:-build/lazypipe}
MODS=${MODS:-"$SHARED/corpus/aws_compliance $SHARED/corpus/aws_insights"}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/lp-edit-cli.XXXXXX")
trap 'rm -rf "$OUT"' EXIT INT TERM
abs() { (cd "$1" && pwd); }
CLI=$(abs "$(dirname "$CLI")")/$(basename "$CLI")
[ -z "${BASE:-}" ] || BASE=$(abs "$(dirname "$BASE")")/$(basename "$BASE")

# variant FILE OLD NEW OUTFILE: FILE with the first OLD replaced by NEW (it must occur)
variant() {
  python3 - "$@" <<'EOF'
import sys
f, old, new, out = sys.argv[1:5]
s = open(f, encoding='utf-8').read()
if old not in s:
    sys.exit(f"edit_cli: {old!r} not in {f}")
open(out, 'w', encoding='utf-8').write(s.replace(old, new, 1))
EOF
}

# scene NAME MOD BIN FILE OLD NEW [THEN [FRESH]]: a copy of MOD (mtimes kept: no file racily clean;
# FRESH: new ones) with its image written, the file's two versions, and procrun's arguments for the
# command after the edit (THEN: the one after that, the first run untimed in the setup).  OLD "-": the
# file is new, NEW its text; NEW "-": the file, OLD its text, is there for the image, then deleted.
scene() {
  name=$1 mod=$2 bin=$3 file=$4 old=$5 new=$6 then=${7:-} fresh=${8:-}
  d="$OUT/$name"
  mkdir -p "$d"
  if [ -n "$fresh" ]; then cp -r "$mod" "$d/ws"; else cp -a "$mod" "$d/ws"; fi
  case $old$new in
  -*) printf '%s\n' "$new" > "$d/after" ;;
  *-) printf '%s\n' "$old" > "$d/ws/$file" && cp -p "$d/ws/$file" "$d/before" ;;
  *) cp -p "$d/ws/$file" "$d/before" && variant "$d/before" "$old" "$new" "$d/after" ;;
  esac
  LAZYPIPE_CACHE_WRITE=foreground "$bin" --mod-location "$d/ws" --index-cache "$d/cache" dashboard list \
    > /dev/null
  cp -a "$d/cache" "$d/cache.saved"
  # put the image and the file back as they were (the file with its old stat), then edit it
  setup="rm -rf '$d/cache' && cp -a '$d/cache.saved' '$d/cache' &&"
  case $old$new in
  -*) setup="$setup rm -f '$d/ws/$file' && cat '$d/after' > '$d/ws/$file'" ;;
  *-) setup="$setup cp -p '$d/before' '$d/ws/$file' && rm '$d/ws/$file'" ;;
  *) setup="$setup cp -p '$d/before' '$d/ws/$file' && cat '$d/after' > '$d/ws/$file'" ;;
  esac
  cmd="$bin --mod-location $d/ws --index-cache $d/cache dashboard list"
  [ -z "$then" ] || setup="$setup && $cmd > /dev/null"
  ARGS="$ARGS ::: $name --setup \"$setup\" $cmd"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); CLI $CLI${BASE:+, BASE $BASE}; $REPS rounds"
for mod in $MODS; do
  m=$(basename "$mod")
  case $m in
  aws_compliance)
    tfile=conformance_pack/account.pp told='"AWS account should be part' tnew='"AWS account shoulb be part'
    sfile=conformance_pack/account.pp sold="' in GovCloud, manual" snew="' in GovCloud, manuel"
    lfile=variables.pp lold='plugin   = "aws"' lnew='plugin   = "awz"'
    aold='control "account_part_of_organizations" {'
    anew=$(printf 'control "lp_added" {\n  title = "Added"\n  sql = "select 1"\n}\n\n%s' "$aold")
    nfile=conformance_pack/lp_new.pp
    ntext=$(printf 'control "lp_new" {\n  title = "New"\n  sql = "select 1"\n}') ;;
  aws_insights)
    tfile=dashboards/ec2/ec2_instance_detail.pp
    told='"AWS EC2 Instance Detail"' tnew='"AWS EC2 Instance Detaim"'
    sfile=dashboards/ec2/ec2_instance_detail.pp sold='      title as label,' snew='      title as  label,'
    lfile=dashboards/ec2/ec2.pp lold='service = "AWS/EC2"' lnew='service = "AWS/EC3"'
    aold='query "ec2_instance_input" {'
    anew=$(printf 'query "lp_added" {\n  sql = "select 1"\n}\n\n%s' "$aold")
    nfile=dashboards/ec2/lp_new.pp ntext=$(printf 'query "lp_new" {\n  sql = "select 1"\n}') ;;
  *) echo "edit_cli: no edits known for $m" >&2; exit 1 ;;
  esac
  ARGS=""
  scene reopen "$mod" "$CLI" "$tfile" "$told" "$told"    # the same bytes: an unchanged image
  scene title "$mod" "$CLI" "$tfile" "$told" "$tnew"
  scene sql "$mod" "$CLI" "$sfile" "$sold" "$snew"
  scene local "$mod" "$CLI" "$lfile" "$lold" "$lnew"
  scene added "$mod" "$CLI" "$tfile" "$aold" "$anew"
  scene newfile "$mod" "$CLI" "$nfile" - "$ntext"
  scene delfile "$mod" "$CLI" "$nfile" "$ntext" -
  scene then "$mod" "$CLI" "$tfile" "$told" "$tnew" then
  scene fresh "$mod" "$CLI" "$tfile" "$told" "$tnew" then fresh
  [ -z "${BASE:-}" ] || scene base_reopen "$mod" "$BASE" "$tfile" "$told" "$told"
  [ -z "${BASE:-}" ] || scene base_title "$mod" "$BASE" "$tfile" "$told" "$tnew"
  [ -z "${BASE:-}" ] || scene base_local "$mod" "$BASE" "$lfile" "$lold" "$lnew"
  [ -z "${BASE:-}" ] || scene base_added "$mod" "$BASE" "$tfile" "$aold" "$anew"
  [ -z "${BASE:-}" ] || scene base_newfile "$mod" "$BASE" "$nfile" - "$ntext"
  [ -z "${BASE:-}" ] || scene base_delfile "$mod" "$BASE" "$nfile" "$ntext" -
  [ -z "${BASE:-}" ] || scene base_then "$mod" "$BASE" "$tfile" "$told" "$tnew" then
  [ -z "${BASE:-}" ] || scene base_fresh "$mod" "$BASE" "$tfile" "$told" "$tnew" then fresh
  ws0="$OUT/reopen/ws"
  ARGS="$ARGS ::: no_index_cache $CLI --mod-location $ws0 --no-index-cache dashboard list"
  ARGS="$ARGS ::: first_open --setup \"rm -rf '$OUT/first'\""
  ARGS="$ARGS $CLI --mod-location $ws0 --index-cache $OUT/first dashboard list"
  # the fresh scenes' files out of their racy window (2 s after the copy), as from a checkout's third
  # second on: else the first rounds measure the window itself (every file hashed)
  sleep 2
  echo "## $m: $(find "$mod" -name '*.pp' | wc -l) files"
  eval "build/bench/procrun --bg --reps $REPS --warmup 3 --md ${ARGS# ::: }" | tee "$OUT/table.md"
  awk -F'|' 'NF > 8 { gsub(/ /, "", $2); wall[$2] = $3; cpu[$2] = $7; all[$2] = $7 + $9 }
    function r(a, b) { return sprintf("%.2f× wall, %.2f× CPU (%.2f× with the background write%s)",
                                      wall[a] / wall[b], cpu[a] / cpu[b], all[a] / all[b],
                                      all[a] > cpu[a] ? "s" : "") }
    END {
      print "after a title edit / reopen (goal ≤ 1.3×): " r("title", "reopen")
      print "after an SQL edit / reopen (goal ≤ 1.3×): " r("sql", "reopen")
      print "after the local edit / --no-index-cache (goal ≤ 0.8× where every control reads it): " \
            r("local", "no_index_cache")
      print "after an entry added / reopen: " r("added", "reopen")
      print "after a file added / reopen: " r("newfile", "reopen")
      print "after a file deleted / reopen: " r("delfile", "reopen")
      print "first open to its exit / --no-index-cache (goal ≤ 1.15×): " r("first_open", "no_index_cache")
      print "the second command after a title edit, at once / reopen: " r("then", "reopen")
      print "the same in a copy imaged just after it was made (its files racily clean) / reopen: " \
            r("fresh", "reopen")
      if ("base_title" in wall) {
        print "BASE reopened / reopen: " r("base_reopen", "reopen")
        print "BASE after a title edit / reopen: " r("base_title", "reopen")
        print "BASE after the local edit / --no-index-cache: " r("base_local", "no_index_cache")
        print "BASE after an entry added / reopen: " r("base_added", "reopen")
        print "BASE after a file added / reopen: " r("base_newfile", "reopen")
        print "BASE after a file deleted / reopen: " r("base_delfile", "reopen")
        print "BASE, the second command after a title edit, at once / reopen: " r("base_then", "reopen")
        print "BASE, the same in a copy imaged just after it was made / reopen: " r("base_fresh", "reopen")
      }
    }' "$OUT/table.md"
  for sc in title sql local; do
    d="$OUT/$sc"
    case $sc in title) f=$tfile ;; sql) f=$sfile ;; *) f=$lfile ;; esac
    rm -rf "$d/cache" && cp -a "$d/cache.saved" "$d/cache"
    cp -p "$d/before" "$d/ws/$f" && cat "$d/after" > "$d/ws/$f"
    LAZYPIPE_CACHE_WRITE=foreground "$CLI" --mod-location "$d/ws" --index-cache "$d/cache" dashboard list \
      > /dev/null
    python3 - "$d/cache.saved" "$d/cache" "$sc" <<'EOF2'
import hashlib, os, sys
old, new, name = sys.argv[1:4]
def files(d):
    return {n: hashlib.sha256(open(os.path.join(d, n), 'rb').read()).digest()
            for n in os.listdir(d) if os.path.isfile(os.path.join(d, n))}
a, b = files(old), files(new)
image = max(os.path.getsize(os.path.join(old, n)) for n in a)
written = sum(os.path.getsize(os.path.join(new, n)) for n in b if a.get(n) != b[n])
print(f"written to the cache after the {name} edit: {written} bytes, {100.0 * written / image:.2f}% "
      f"of the image's {image} (goal ≤ 5%)")
EOF2
  done
  rm -rf "$OUT"/*
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
