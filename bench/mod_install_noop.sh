#!/bin/sh
# bench/mod_install_noop.sh — `make bench-mod-install`: `lazypipe mod install` with nothing to do
# (goal ≤ 50 ms), a workspace with aws_compliance installed, as whole processes against
# their floors, alternated round by round (build/bench/procrun):
#   - an empty process (statfloor over an empty list: exec, loader, libc);
#   - `git ls-remote` of the mod's repository: what `--pull latest` (install's default) must ask
#     git for each installed mod, git's time, not ours;
#   - `mod install --pull minimal` (nothing asked of git) and `mod install` (the default, latest).
# Offline: git reaches the bare repositories of $SHARED/testdata/git through a test-only git
# config (GIT_CONFIG_GLOBAL), as tests/acceptance/run.sh does.
#   REPS   rounds (default 31; 3 warm-up rounds first)
#   CLI    the binary measured (default build/lazypipe)
set -eu
SHARED=${SHARED:-../shared}
REPS=${REPS:-31}
CLI=${CLI:-build/lazypipe}
OUT=$(pwd)/build/bench/mod_install
[ -d "$SHARED/testdata/git/github.com" ] || { echo "bench-mod-install: no $SHARED/testdata/git" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/ws"
tests/offline_git.sh "$SHARED/testdata/git" "$OUT" > /dev/null
export GIT_CONFIG_GLOBAL=$OUT/gitconfig GIT_CONFIG_NOSYSTEM=1
: > "$OUT/empty.lst"
(cd "$OUT/ws" && "$OLDPWD/$CLI" mod init > /dev/null &&
    "$OLDPWD/$CLI" mod install github.com/turbot/steampipe-mod-aws-compliance)
"$CLI" --mod-location "$OUT/ws" mod install | grep -q "All targeted mods are up to date"
build/bench/procrun --reps "$REPS" --warmup 3 --md \
  empty_process build/bench/statfloor "$OUT/empty.lst" \
  ::: git_ls_remote git ls-remote --tags https://github.com/turbot/steampipe-mod-aws-compliance \
  ::: mod_install_pull_minimal "$CLI" --mod-location "$OUT/ws" mod install --pull minimal \
  ::: mod_install_default_latest "$CLI" --mod-location "$OUT/ws" mod install
