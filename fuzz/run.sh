#!/bin/sh
# run.sh SECONDS TARGET... — run each libFuzzer target build/fuzz/<t> for SECONDS.
#
# The working corpus is build/fuzz/corpus/<t> (kept between runs, never in git),
# seeded from fuzz/seeds/<t>/, the seeds of the targets its ALSO file names (libFuzzer
# reads that file as one more input: harmless) and the kept regressions fuzz/regressions/<t>/.
# A crash, leak, timeout or out-of-memory input is moved to fuzz/regressions/<t>/
# (which `make fuzz-replay` replays) and the script exits 1.
# Environment: FUZZ_MAX_LEN (default 131072: every corpus .pp fits),
# FUZZ_FLAGS (extra libFuzzer flags).  Every target gets the dictionary fuzz/hcl.dict
# (nesting openers and closers: mutations then end files inside them).
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 SECONDS TARGET..." >&2
    exit 2
fi
seconds=$1
shift
max_len=${FUZZ_MAX_LEN:-131072}
status=0
failed=""

for t in "$@"; do
    bin=build/fuzz/$t
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin is not built (make fuzz-build)" >&2
        status=1
        continue
    fi
    corpus=build/fuzz/corpus/$t
    artifacts=build/fuzz/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    seeds=""
    [ -d fuzz/seeds/$t ] && seeds="$seeds fuzz/seeds/$t"
    # fuzz/seeds/<t>/ALSO names targets whose seeds this one starts from too (one copy in git)
    if [ -f fuzz/seeds/$t/ALSO ]; then
        for o in $(cat fuzz/seeds/$t/ALSO); do [ -d fuzz/seeds/$o ] && seeds="$seeds fuzz/seeds/$o"; done
    fi
    [ -d fuzz/regressions/$t ] && seeds="$seeds fuzz/regressions/$t"
    # fuzz_tmpl also starts from Powerpipe's own templates, read from its source when it is here
    # ($LP_POWERPIPE_SRC, a git checkout): they are AGPL, so never copied into fuzz/seeds
    pp_src=${LP_POWERPIPE_SRC:-../powerpipe}
    if [ "$t" = fuzz_tmpl ] && git -C "$pp_src" rev-parse HEAD >/dev/null 2>&1; then
        pp_seeds=build/fuzz/powerpipe_templates
        mkdir -p "$pp_seeds"
        for f in $(git -C "$pp_src" ls-tree -r --name-only HEAD internal/controldisplay | grep '\.tmpl$'); do
            git -C "$pp_src" show "HEAD:$f" > "$pp_seeds/$(echo "$f" | tr / _)"
        done
        seeds="$seeds $pp_seeds"
    fi
    echo "== fuzz $t for ${seconds}s (max_len $max_len)"
    # -fork is not used: one process keeps the run short and its output readable.
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -dict=fuzz/hcl.dict \
        -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} \
        "$corpus" $seeds > "build/fuzz/$t.log" 2>&1
    rc=$?
    tail -n 12 "build/fuzz/$t.log" |
        grep -E 'stat::number_of_executed_units|stat::new_units_added|Done|ERROR|SUMMARY' || true
    found=0
    for f in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-* \
             "$artifacts"/slow-unit-*; do
        [ -e "$f" ] || continue
        case $f in *slow-unit-*) rm -f "$f"; continue ;; esac
        mkdir -p fuzz/regressions/$t
        mv "$f" fuzz/regressions/$t/
        echo "run.sh: $t: kept $(basename "$f") in fuzz/regressions/$t/ (log: build/fuzz/$t.log)" >&2
        found=1
    done
    if [ $rc -ne 0 ] || [ $found -ne 0 ]; then
        echo "run.sh: $t failed (exit $rc); see build/fuzz/$t.log" >&2
        status=1
        failed="$failed $t"
    fi
done
# the failures again at the end, with what each target printed when it failed and its input (base64,
# when short): CI keeps the output's tail, where the earlier targets' lines are gone
for t in $failed; do
    echo "== FAILED: $t (build/fuzz/$t.log; its input in fuzz/regressions/$t/)"
    grep -a -v -E '^#[0-9]+|^INFO:|^[[:space:]]*$' "build/fuzz/$t.log" | grep -a -m 1 -A 12 -E \
        'ERROR|^fuzz_[a-z]+:|Assertion|runtime error|Segmentation|deadly signal' \
        || tail -n 12 "build/fuzz/$t.log"
    last=$(ls -t fuzz/regressions/$t/* 2>/dev/null | head -n 1)
    if [ -n "$last" ] && [ "$(wc -c < "$last")" -le 2048 ]; then
        echo "input $(basename "$last"), base64:"
        base64 -w 108 "$last"
    fi
done
exit $status
