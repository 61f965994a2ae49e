#!/usr/bin/env bash
# bench/plot.sh — `make bench-plot`: the scaling report as build/bench/scaling.png,
# drawn with gnuplot from the last run's build/bench/results.tsv (written by
# bench/run.sh beside results.json, same rows).
#
# Left: median CPU time of every phase against the number of resources,
# synthetic sizes small .. xlarge100, with the read floor of the same files
# (CPU time, not wall time: the bench machine is shared with other work).
# Right: memory against resources: the source bytes, heap live after the
# phase (what it keeps: the index for `index`, index + resolved values for
# `resolve`), heap peak during it, and how much the RSS of the measuring
# process grew during the measured reps (peak - the base after listing and
# warm-up).  Both axes are logarithmic; a line of slope 1 is linear growth.
set -u -o pipefail
cd "$(dirname "$0")/.."
OUT=build/bench
TSV=$OUT/results.tsv
SIZES=${BENCH_PLOT_SIZES:-small medium large xlarge xlarge10 xlarge100}
ORDER="lex parse index index_mt resolve first_list payload"
MEMORY="parse index resolve"   # phases drawn in the memory panel

command -v gnuplot >/dev/null 2>&1 || {
    echo "bench-plot: gnuplot is missing (.ci/bootstrap.sh installs gnuplot-nox)" >&2; exit 2; }
[ -s "$TSV" ] || { echo "bench-plot: no $TSV (run 'make bench' first)" >&2; exit 2; }

data=$OUT/plot
rm -rf "$data" && mkdir -p "$data"
# one data file per phase, one row per size (columns: see the TSV in run.sh):
# 1 resources 2 CPU ms 3 wall ms 4 source bytes 5 floor CPU ms 6 heap live
# 7 heap peak 8 RSS growth (bytes) 9 size
for size in $SIZES; do
    awk -F'\t' -v s="$size" -v d="$data" '$1 == s && $5 > 0 {
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $5, $23, $6, $4, $24, $11, $12, ($14 - $13) * 1024, s \
            >> (d "/" $2 ".dat")
    }' "$TSV"
done
phases=()
for ph in $ORDER; do [ -s "$data/$ph.dat" ] && phases+=("$ph"); done
# the floor without the directory walk, from the read row (else lex, parse)
floor=""
for ph in read lex parse "${phases[@]}"; do [ -s "$data/$ph.dat" ] && { floor=$data/$ph.dat; break; }; done
[ -n "$floor" ] || { echo "bench-plot: no synthetic sizes in $TSV" >&2; exit 2; }

hasmem=0
for ph in $MEMORY; do
    [ -s "$data/$ph.dat" ] && awk -F'\t' '$6 > 0 || $7 > 0 { f = 1 } END { exit !f }' "$data/$ph.dat" &&
        hasmem=1
done

color() {   # one colour per phase in both panels
    case $1 in
        lex) echo "#1b9e77" ;; parse) echo "#d95f02" ;; index) echo "#7570b3" ;; index_mt) echo "#a6a1e0" ;;
        resolve) echo "#e7298a" ;; first_list) echo "#66a61e" ;;
        payload) echo "#e6ab02" ;; *) echo "#333333" ;;
    esac
}

{
    echo "set terminal pngcairo size 1400,600 font 'DejaVu Sans,10' noenhanced"
    echo "set output '$OUT/scaling.png'"
    echo "set multiplot layout 1,2 title 'lazypipe scaling: synthetic mods $(echo $SIZES | sed 's/ / · /g')" \
         "($(date -u +%Y-%m-%d), $(nproc) CPUs," \
         "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))'"
    echo "set logscale xy"
    echo "set grid"
    echo "set key top left box opaque"
    echo "set xlabel 'resources (top-level blocks)'"
    echo "set format y '%g'"
    echo "set ylabel 'CPU time per pass (ms, median of the reps)'"
    echo "set title 'Time'"
    printf "plot '%s' using 1:5 with linespoints dt 2 lw 2 pt 1 lc rgb '#777777' title 'read floor'" "$floor"
    for ph in "${phases[@]}"; do
        printf ", \\\\\n  '%s' using 1:2 with linespoints lw 2 pt 7 lc rgb '%s' title '%s'" \
            "$data/$ph.dat" "$(color "$ph")" "$ph"
    done
    echo
    echo "set title 'Memory'"
    if [ "$hasmem" = 0 ]; then
        echo "unset logscale"
        echo "set label 1 'no phase that allocates in this build yet' at 0.5,0.5 center"
        echo "plot [0:1][0:1] 2 notitle"
    else
        echo "set ylabel 'bytes'"
        echo "set format y '%.0s %cB'"
        printf "plot '%s' using 1:4 with linespoints dt 2 lw 2 pt 1 lc rgb '#777777'" "$floor"
        printf " title 'source (.pp bytes)'"
        for ph in $MEMORY; do
            f=$data/$ph.dat c=$(color "$ph")
            [ -s "$f" ] || continue
            printf ", \\\\\n  '%s' using 1:(\$6 > 0 ? \$6 : 1/0)" "$f"
            printf " with linespoints lw 2 pt 7 lc rgb '%s' title '%s heap live'" "$c" "$ph"
            printf ", \\\\\n  '%s' using 1:(\$7 > 0 ? \$7 : 1/0)" "$f"
            printf " with linespoints dt 3 lw 2 pt 6 lc rgb '%s' title '%s heap peak'" "$c" "$ph"
            case $ph in parse) ;; *)
                printf ", \\\\\n  '%s' using 1:(\$8 > 0 ? \$8 : 1/0)" "$f"
                printf " with linespoints dt 4 lw 1 pt 4 lc rgb '%s' title '%s RSS growth'" "$c" "$ph" ;;
            esac
        done
        echo
    fi
    echo "unset multiplot"
} > "$data/scaling.gp"

gnuplot "$data/scaling.gp" || { echo "bench-plot: gnuplot failed ($data/scaling.gp)" >&2; exit 2; }
echo "bench-plot: wrote $OUT/scaling.png" >&2
