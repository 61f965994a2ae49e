#!/usr/bin/env bash
# bench/run.sh — `make bench`: every phase the library has, on the real corpora
# and on synthetic mods, each beside the read floor of the same files.
# Markdown on stdout; build/bench/results.json (+ .tsv, .md).  See bench/README.md.
#
# Environment (defaults in brackets):
#   BENCH_CORPORA   corpus mods under $SHARED/corpus
#                   [aws_compliance aws_insights aws_cloudtrail_log_detections]
#   BENCH_SIZES     synthetic presets [small medium large xlarge xlarge10 xlarge100 samefiles1x samefiles10x];
#                   "quick" leaves out xlarge10 and xlarge100 (xlarge100: 314 MiB in 82k files);
#                   "full" adds aws_compliance_x100 (the corpus 100 times as dependency mods, 975 MiB on disk)
#   BENCH_PHASES    phases to run, or "all" (every phase but refresh_rss) [all]
#   BENCH_REPS      minimum reps per measurement (raised for small inputs) [5]
#   BENCH_BIG_REPS  reps for xlarge10 [3]
#   BENCH_HUGE_REPS reps for xlarge100, which also skips the phase's warm-up pass [1]
#   BENCH_MIN_MS    small inputs repeat until about this much work [300]
#   BENCH_CALLGRIND instruction counts with callgrind for lex/parse/skim/scan on aws_compliance [1]
#   SHARED          the shared folder [../shared]
#
# Timings never fail: the exit status is non-zero only when the bench cannot
# run (binaries missing, a generator or a phase that crashes or errors).
set -u -o pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
OUT=build/bench
BENCH_CORPORA=${BENCH_CORPORA-aws_compliance aws_insights aws_cloudtrail_log_detections}
DEFAULT_SIZES="small medium large xlarge xlarge10 xlarge100 samefiles1x samefiles10x"
BENCH_SIZES=${BENCH_SIZES-$DEFAULT_SIZES}
case $BENCH_SIZES in
    full) BENCH_SIZES="$DEFAULT_SIZES aws_compliance_x100" ;;
    quick) BENCH_SIZES="small medium large xlarge samefiles1x samefiles10x" ;;
esac
BENCH_PHASES=${BENCH_PHASES:-all}
BENCH_REPS=${BENCH_REPS:-5}
BENCH_BIG_REPS=${BENCH_BIG_REPS:-3}
BENCH_HUGE_REPS=${BENCH_HUGE_REPS:-1}
BENCH_MIN_MS=${BENCH_MIN_MS:-300}
BENCH_CALLGRIND=${BENCH_CALLGRIND:-1}
LPBENCH=$OUT/lpbench
GENMOD=$OUT/genmod

for b in "$LPBENCH" "$GENMOD"; do
    if [ ! -x "$b" ]; then echo "bench: $b is missing (run 'make bench')" >&2; exit 2; fi
done
mkdir -p "$OUT/mods"
JSONL=$OUT/results.jsonl TSV=$OUT/results.tsv MD=$OUT/results.md CG=$OUT/callgrind.tsv
: > "$JSONL"; : > "$TSV"; : > "$CG"
status=0

have=$("$LPBENCH" phases)
# refresh_rss (1,000 refreshes a rep) runs only when named
if [ "$BENCH_PHASES" = all ]; then phases=$(echo $have | tr ' ' '\n' | grep -vx refresh_rss | tr '\n' ' ');
else phases=$BENCH_PHASES; fi

# ---------------------------------------------------------------- machine
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
[ -n "$cpu" ] || cpu=$(uname -m)
date_now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- src gen include bench 2>/dev/null | head -1)
[ -n "$dirty" ] && commit="$commit+dirty"
ccver=$(${CC:-cc} --version 2>/dev/null | head -1)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
cmd="make bench"
for v in BENCH_CORPORA BENCH_SIZES BENCH_PHASES BENCH_REPS BENCH_BIG_REPS BENCH_HUGE_REPS BENCH_MIN_MS \
         BENCH_CALLGRIND; do
    # record only what differs from the defaults, so the command can be re-run as printed
    case $v in
        BENCH_CORPORA) d="aws_compliance aws_insights aws_cloudtrail_log_detections" ;;
        BENCH_SIZES) d=$DEFAULT_SIZES ;;
        BENCH_PHASES) d=all ;; BENCH_REPS) d=5 ;; BENCH_BIG_REPS) d=3 ;; BENCH_HUGE_REPS) d=1 ;;
        BENCH_MIN_MS) d=300 ;;
        BENCH_CALLGRIND) d=1 ;;
    esac
    [ "${!v}" != "$d" ] && cmd="$v=\"${!v}\" $cmd"
done

{
    echo "## lazypipe bench — $date_now"
    echo
    echo "Machine: $(nproc) CPUs, $cpu; $(uname -sr); $ccver." \
         "Commit $commit. Load average at the start: $load_start."
    echo "Command: \`$cmd\`. Phases in this build: $have."
    echo
    echo "| target | phase | files | MiB | resources | median ms (min–max) | floor ms | ratio | CPU ms |" \
         "CPU ratio | MiB/s | alloc calls | alloc bytes | heap live | heap peak | RSS MiB | B/resource |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
} | tee "$MD"

# ---------------------------------------------------------------- targets
targets=()
for c in $BENCH_CORPORA; do
    if [ -d "$SHARED/corpus/$c" ]; then targets+=("$c=$SHARED/corpus/$c")
    else echo "bench: no corpus $SHARED/corpus/$c" >&2; status=2; fi
done
# aws_compliance_x100: the real corpus installed 100 times as dependency mods
# (each renamed aws_compliance_NN) under a small main mod: 415,800 entries in
# 55k files, ~350 MB of .pp (the payload row).  Rebuilt when the corpus changes.
copies_mod() {   # outdir
    local out=$1 src=$SHARED/corpus/aws_compliance i d
    [ -d "$src" ] || { echo "bench: no corpus $src" >&2; return 1; }
    if [ -f "$out.stamp" ] && [ "$out.stamp" -nt "$src/mod.pp" ]; then return 0; fi
    echo "bench: generating aws_compliance_x100" >&2
    rm -rf "$out" "$out.stamp"
    mkdir -p "$out/.powerpipe/mods/github.com/turbot" || return 1
    printf 'mod "bench_x100" {\n  title = "aws_compliance x100"\n}\n' > "$out/mod.pp"
    for i in $(seq -w 0 99); do
        d=$out/.powerpipe/mods/github.com/turbot/aws_compliance_$i@v1.0.0
        cp -r "$src" "$d" || return 1
        sed -i "1s/^mod \"aws_compliance\"/mod \"aws_compliance_$i\"/" "$d/mod.pp" || return 1
    done
    touch "$out.stamp"
}
for p in $BENCH_SIZES; do
    dir=$OUT/mods/$p
    if [ "$p" = aws_compliance_x100 ]; then
        if copies_mod "$dir"; then targets+=("$p=$dir"); else status=2; fi
        continue
    fi
    # regenerate when the generator changed (the output depends on nothing else)
    if [ ! -f "$OUT/mods/$p.json" ] || [ "$GENMOD" -nt "$OUT/mods/$p.json" ]; then
        echo "bench: generating $p" >&2
        if ! "$GENMOD" --manifest "$OUT/mods/$p.json" "$p" "$dir" >&2; then
            echo "bench: genmod $p failed" >&2; status=2; rm -f "$OUT/mods/$p.json"; continue
        fi
    fi
    targets+=("$p=$dir")
done

for t in "${targets[@]}"; do
    name=${t%%=*} dir=${t#*=}
    info=$("$LPBENCH" info "$dir") || { echo "bench: cannot list $dir" >&2; status=2; continue; }
    res=$(printf '%s' "$info" | sed -n 's/.*"resources":\(-\{0,1\}[0-9]*\).*/\1/p')
    if [ "${res:--1}" -lt 0 ] && [ -f "$OUT/mods/$name.json" ]; then
        res=$(sed -n 's/.*"top_level_resources":\([0-9]*\).*/\1/p' "$OUT/mods/$name.json")
    fi
    reps=$BENCH_REPS warmup=1
    case $name in
        xlarge10) reps=$BENCH_BIG_REPS ;;
        xlarge100 | aws_compliance_x100) reps=$BENCH_HUGE_REPS warmup=0 ;;
    esac
    for ph in $phases; do
        case " $have " in *" $ph "*) ;; *) echo "bench: phase $ph is not in this build" >&2; continue ;; esac
        if ! "$LPBENCH" run --phase "$ph" --dir "$dir" --target "$name" --reps "$reps" --warmup "$warmup" \
                --min-ms "$BENCH_MIN_MS" --resources "${res:--1}" --json "$JSONL" --tsv "$TSV" \
                --md | tee -a "$MD"; then
            echo "| $name | $ph | FAILED (exit status, see stderr) |" | tee -a "$MD"
            status=2
        fi
    done
done

# a phase that reported errors (a file it could not read or parse, a failed open)
# did not measure what it claims: say so, and fail the run
bad=$(awk -F'\t' '$22 > 0 { printf "%s/%s ", $1, $2 }' "$TSV")
if [ -n "$bad" ]; then
    echo "bench: errors reported by $bad(see the rows marked 'errors')" >&2
    status=2
fi

# ---------------------------------------------------------------- index details
# TSV columns (lpbench.c): 1 target 2 phase 3 files 4 bytes 5 resources 6-8 ms median/min/max
# 9 floor ms 10 alloc calls 11 heap live 12 heap peak 13-14 rss kb base/peak 15 entries
# 16 index bytes 17 string bytes 18 strings 19 payload bytes 20 tokens 21 alloc bytes 22 errors
# 23 CPU ms median 24 floor CPU ms median 25 ratio of the min times 26 CPU ratio
if awk -F'\t' '$2 == "index" { found = 1 } END { exit !found }' "$TSV"; then
    {
        echo
        echo "Index (phase 1, lp_open on one thread; index_mt with the default workers):"
        echo
        echo "| target | entries | index bytes | B/entry (no strings) | string bytes | strings |" \
             "heap live | B/entry (all) | alloc calls | build ms | floor ms (walk) | ratio | CPU ratio |" \
             "index_mt ms | ratio | CPU ratio |"
        echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
        awk -F'\t' '
            $2 == "index_mt" { mt[$1] = sprintf("%.2f", $6); mtr[$1] = "-"; mtc[$1] = sprintf("%.2f×", $26)
                               if ($9 > 0) mtr[$1] = sprintf("%.2f×", $6 / $9) }
            $2 == "index" { order[++n] = $1; row[$1] = $0 }
            END { for (i = 1; i <= n; i++) {
                  t = order[i]; split(row[t], f, "\t")
                  bpe = 0; bpa = 0; r = 0
                  if (f[15] > 0) { bpe = f[16] / f[15]; bpa = f[11] / f[15] }
                  if (f[9] > 0) r = f[6] / f[9]
                  m = "-"; mr = "-"; mc = "-"
                  if (t in mt) { m = mt[t]; mr = mtr[t]; mc = mtc[t] }
                  printf "| %s | %d | %d | %.1f | %d | %d | %d | %.1f | " \
                         "%d | %.2f | %.2f | %.2f× | %.2f× | %s | %s | %s |\n",
                      t, f[15], f[16], bpe, f[17], f[18], f[11], bpa, f[10], f[6], f[9], r, f[26], m, mr, mc
            } }' "$TSV"
    } | tee -a "$MD"
fi
if awk -F'\t' '$2 == "payload" { found = 1 } END { exit !found }' "$TSV"; then
    {
        echo
        echo "Payload (available_dashboards JSON of an open, resolved workspace):"
        echo
        echo "| target | payload bytes | ms | MiB/s | alloc calls |"
        echo "|---|--:|--:|--:|--:|"
        awk -F'\t' '$2 == "payload" { v = 0; if ($6 > 0) v = $19 / 1048576 / ($6 / 1000)
            printf "| %s | %d | %.2f | %.0f | %d |\n", $1, $19, $6, v, $10 }' "$TSV"
    } | tee -a "$MD"
fi

# ---------------------------------------------------------------- instruction counts
# callgrind counts instructions of the measured function only (--toggle-collect):
# repeatable on a busy machine, unlike wall time.
if [ "$BENCH_CALLGRIND" = 1 ] && command -v valgrind >/dev/null 2>&1; then
    corpus=$SHARED/corpus/aws_compliance
    rows=""
    for ph in lex parse skim scan; do
        case " $phases " in *" $ph "*) ;; *) continue ;; esac
        [ -d "$corpus" ] || continue
        out=$OUT/callgrind.$ph.out
        if valgrind --tool=callgrind --toggle-collect="lpb_measured_$ph" --callgrind-out-file="$out" \
                "$LPBENCH" run --phase "$ph" --dir "$corpus" --callgrind \
                >/dev/null 2>"$OUT/callgrind.$ph.log"; then
            ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out" | head -1)
            [ -n "$ir" ] || ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out" | head -1)
            bytes=$(printf '%s' "$("$LPBENCH" info "$corpus")" | sed -n 's/.*"bytes":\([0-9]*\).*/\1/p')
            printf 'aws_compliance\t%s\t%s\t%s\n' "$ph" "$ir" "$bytes" >> "$CG"
            rows="$rows$(awk -v ph="$ph" -v ir="$ir" -v b="$bytes" 'BEGIN {
                printf "| aws_compliance | %s | %d | %.2f |\n", ph, ir, ir / b }')
"
        else
            echo "bench: callgrind run of $ph failed (see $OUT/callgrind.$ph.log)" >&2; status=2
        fi
    done
    if [ -n "$rows" ]; then
        {
            echo
            echo "Instructions (callgrind, the measured function only, one pass; reading included):"
            echo
            echo "| target | phase | instructions | per byte |"
            echo "|---|---|--:|--:|"
            printf '%s' "$rows"
        } | tee -a "$MD"
    fi
fi

# ---------------------------------------------------------------- allocation scaling
# Same files, 10x the resources: allocation calls should stay about the same.
if grep -q "^samefiles1x	" "$TSV" && grep -q "^samefiles10x	" "$TSV"; then
    {
        echo
        echo "Allocation scaling (same $(awk -F'\t' '$1=="samefiles1x"{print $3; exit}' "$TSV")" \
             "files, 10x resources):"
        echo
        echo "| phase | resources 1x | resources 10x | alloc calls 1x | alloc calls 10x | calls ratio |" \
             "heap live 1x | heap live 10x |"
        echo "|---|--:|--:|--:|--:|--:|--:|--:|"
        awk -F'\t' '
            $2 == "read" { next }
            $1 == "samefiles1x"  { r1[$2] = $5; c1[$2] = $10; l1[$2] = $11; order[++n] = $2 }
            $1 == "samefiles10x" { r2[$2] = $5; c2[$2] = $10; l2[$2] = $11 }
            END { for (i = 1; i <= n; i++) { p = order[i]; if (!(p in c2)) continue;
                  printf "| %s | %d | %d | %d | %d | %.2f | %d | %d |\n", p, r1[p], r2[p], c1[p], c2[p],
                         c1[p] ? c2[p] / c1[p] : 0, l1[p], l2[p] } }' "$TSV"
    } | tee -a "$MD"
fi

# ---------------------------------------------------------------- goals
# The figures the issues set goals for, read off the rows above.
goal_row() {   # target phase -> the TSV row, or nothing
    awk -F'\t' -v t="$1" -v p="$2" '$1 == t && $2 == p { print; exit }' "$TSV"
}
goals=""
if r=$(goal_row aws_compliance parse) && [ -n "$r" ]; then
    goals="$goals$(printf '%s\n' "$r" | awk -F'\t' '{
        printf "| lex+parse of aws_compliance vs its read floor, one thread | ≤ 2× | " \
               "%.2f× wall (%.2f / %.2f ms), %.2f× CPU, %.2f× fastest reps |\n", $6 / $9, $6, $9, $26, $25 }')
"
fi
if r=$(goal_row aws_compliance scan) && [ -n "$r" ]; then
    goals="$goals$(printf '%s\n' "$r" | awk -F'\t' '{
        printf "| phase 1 per file without listing and merge (skim_scan; trees for what it leaves) " \
               "of aws_compliance vs its read floor, one thread | — | %.2f× wall (%.2f / %.2f ms) |\n",
               $6 / $9, $6, $9 }')
"
fi
if r=$(goal_row aws_compliance index) && [ -n "$r" ]; then
    goals="$goals$(printf '%s\n' "$r" | awk -F'\t' '{
        printf "| index build of aws_compliance vs its read floor (walk included), one thread | ≤ 2× | " \
               "%.2f× wall (%.2f / %.2f ms), %.2f× CPU |\n", $6 / $9, $6, $9, $26
        printf "| index bytes per entry beyond the strings, aws_compliance | ≤ 100 | " \
               "%.1f (%d entries, %d index bytes; strings %d bytes more) |\n", $16 / $15, $15, $16, $17 }')
"
fi
if r=$(goal_row aws_compliance index_mt) && [ -n "$r" ]; then
    goals="$goals$(printf '%s\n' "$r" | awk -F'\t' '{
        printf "| index build with the default workers, aws_compliance | faster than one thread | " \
               "%.2f ms wall, %.2f ms CPU |\n", $6, $23 }')
"
fi
r1=$(goal_row samefiles1x index) r2=$(goal_row samefiles10x index)
if [ -n "$r1" ] && [ -n "$r2" ]; then
    goals="$goals$(printf '%s\n%s\n' "$r1" "$r2" | awk -F'\t' 'NR == 1 { c = $10; e = $15; f = $3 } NR == 2 {
        printf "| allocation calls of an index build, same %d files, %.1f× the entries | about the same | " \
               "%d → %d (%.2f×) |\n", f, $15 / e, c, $10, $10 / c }')
"
fi
if r=$(goal_row aws_compliance resolve) && [ -n "$r" ]; then
    goals="$goals$(printf '%s\n' "$r" | awk -F'\t' '{
        printf "| open + complete resolution of aws_compliance | ≤ 20 ms | " \
               "%.2f ms wall, %.2f ms CPU; %d allocation calls for %d entries |\n", $6, $23, $10, $15 }')
"
fi
if [ -n "$goals" ]; then
    {
        echo
        echo "Goals (from the rows above):"
        echo
        echo "| goal | target | measured |"
        echo "|---|---|---|"
        printf '%s' "$goals"
    } | tee -a "$MD"
fi

# ---------------------------------------------------------------- JSON
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
echo | tee -a "$MD"
echo "Load average at the end: $load_end (1, 5, 15 minutes; $(nproc) CPUs)." | tee -a "$MD"
{
    printf '{"date":"%s","commit":"%s","command":"%s",' "$date_now" "$commit" "${cmd//\"/\\\"}"
    printf '"machine":{"nproc":%s,"cpu":"%s","kernel":"%s","cc":"%s",' \
        "$(nproc)" "${cpu//\"/}" "$(uname -sr)" "${ccver//\"/}"
    printf '"loadavg_start":"%s","loadavg_end":"%s"},' "$load_start" "$load_end"
    printf '"phases":"%s","rows":[' "$have"
    sep=""
    while IFS= read -r line; do printf '%s%s' "$sep" "$line"; sep=","; done < "$JSONL"
    printf '],"instructions":['
    sep=""
    while IFS=$'\t' read -r tg ph ir by; do
        printf '%s{"target":"%s","phase":"%s","instructions":%s,"bytes":%s}' "$sep" "$tg" "$ph" "$ir" "$by"
        sep=","
    done < "$CG"
    printf ']}\n'
} > "$OUT/results.json"
echo >&2
echo "bench: wrote $OUT/results.json, $OUT/results.md, $OUT/results.tsv" >&2
exit $status
