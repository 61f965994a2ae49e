#!/usr/bin/env bash
# bench/plot.sh — `make bench-plot`: the scaling report as build/bench/scaling.png,
# drawn with gnuplot from the last run's build/bench/results.tsv (written by
# bench/run.sh beside results.json, same rows).
#
# Left: median CPU time of every phase against the number of resources,
# synthetic sizes small .. xlarge100, with the read floor of the same files
# (CPU time, not wall time: the bench machine is shared with other work).  Right:
# memory against resources: heap live after the phase (what it keeps: the index
# for index phases), heap peak, and how much the RSS of the measuring process
# grew during the measured reps (peak - the base after listing and warm-up).
# Both axes are logarithmic; a straight line of slope 1 is linear growth.
set -u -o pipefail
cd "$(dirname "$0")/.."
OUT=build/bench
TSV=$OUT/results.tsv
SIZES=${BENCH_PLOT_SIZES:-small medium large xlarge xlarge10 xlarge100}

command -v gnuplot >/dev/null 2>&1 || { echo "bench-plot: gnuplot is missing (.ci/bootstrap.sh installs gnuplot-nox)" >&2; exit 2; }
[ -s "$TSV" ] || { echo "bench-plot: no $TSV (run 'make bench' first)" >&2; exit 2; }

data=$OUT/plot
rm -rf "$data" && mkdir -p "$data"
# one data file per phase: resources, CPU ms, wall ms, wall min, floor CPU ms, heap live, heap peak,
# RSS growth during the measured reps (peak - base, bytes), size
phases=()
for size in $SIZES; do
    awk -F'\t' -v s="$size" -v d="$data" '$1 == s && $5 > 0 {
        f = d "/" $2 ".dat"
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $5, $23, $6, $7, $24, $11, $12, ($14 - $13) * 1024, s >> f
    }' "$TSV"
done
for f in "$data"/*.dat; do [ -e "$f" ] && phases+=("$(basename "${f%.dat}")"); done
[ ${#phases[@]} -gt 0 ] || { echo "bench-plot: no synthetic sizes in $TSV" >&2; exit 2; }

hasmem=1
cat "$data"/*.dat | awk -F'\t' '$6 > 0 || $7 > 0 || $8 > 0 { found = 1 } END { exit !found }' || hasmem=0

# The floor is the same for every phase: take it from the first phase's rows.
first=${phases[0]}
{
    echo "set terminal pngcairo size 1400,560 font 'DejaVu Sans,10'"
    echo "set output '$OUT/scaling.png'"
    echo "set multiplot layout 1,2 title 'lazypipe scaling — synthetic mods small .. xlarge100 ($(date -u +%Y-%m-%d), $(nproc) CPUs)'"
    echo "set logscale xy"
    echo "set grid"
    echo "set key top left"
    echo "set xlabel 'resources (top-level blocks)'"
    echo "set format y '%g'"
    echo "set ylabel 'CPU time (ms, median of the reps)'"
    echo "set title 'Time'"
    printf "plot '%s' using 1:5 with linespoints dt 2 lw 2 lc rgb 'gray40' title 'read floor'" "$data/$first.dat"
    for ph in "${phases[@]}"; do
        printf ", \\\\\n  '%s' using 1:2 with linespoints lw 2 title '%s'" "$data/$ph.dat" "$ph"
    done
    echo
    if [ "$hasmem" = 0 ]; then
        echo "set title 'Memory'; unset logscale; set format y '%g'"
        echo "set label 1 'no phase that allocates in this build yet' at 0.5,0.5 center"
        echo "plot [0:1][0:1] 2 notitle"
        echo "unset multiplot"
    else
    echo "set ylabel 'bytes'"
    echo "set format y '%.0s %cB'"
    echo "set title 'Memory'"
    printf "plot "
    sep=""
    for ph in "${phases[@]}"; do
        case $ph in read) continue ;; esac
        printf "%s'%s' using 1:(\$6 > 0 ? \$6 : 1/0) with linespoints lw 2 title '%s heap live', \\\\\n" "$sep" "$data/$ph.dat" "$ph"
        printf "  '%s' using 1:(\$7 > 0 ? \$7 : 1/0) with linespoints dt 3 lw 2 title '%s heap peak'" "$data/$ph.dat" "$ph"
        sep=", \\
  "
    done
    printf "%s'%s' using 1:(\$8 > 0 ? \$8 : 1/0) with linespoints dt 2 lc rgb 'gray40' title 'RSS growth during %s'\n" "$sep" "$data/${phases[-1]}.dat" "${phases[-1]}"
    echo "unset multiplot"
    fi
} > "$data/scaling.gp"

gnuplot "$data/scaling.gp" || { echo "bench-plot: gnuplot failed ($data/scaling.gp)" >&2; exit 2; }
echo "bench-plot: wrote $OUT/scaling.png" >&2
