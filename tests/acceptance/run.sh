#!/bin/sh
# run.sh [BATS_FILE...] — Powerpipe's own acceptance tests (bats files from turbot/powerpipe,
# in $LP_SHARED/testdata/powerpipe/acceptance), run as written with `powerpipe` on PATH being
# lazypipe (a shim), against the PostgreSQL that `make check` starts on Steampipe's port.
#
# The tests write files into their mods' directories (test.json, output.csv...), so they run
# on a copy in build/acceptance.  `jd` and `json_patch.sh`, which they call, are our stand-ins
# (tests/acceptance).  Each file's TAP goes to build/acceptance/FILE.tap; the summary line
# per file is printed.  Exit status 1 when a test listed in tests/acceptance/required.txt
# failed (or did not run), 0 otherwise: the other tests are reported, not required.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${LP_SHARED:-$root/../shared}
src=$shared/testdata/powerpipe/acceptance
lp=${LP_CLI:-$root/build/lazypipe}
work=$root/build/acceptance
if [ ! -d "$src/test_files" ]; then
    echo "[SKIP] acceptance: $src not found (Powerpipe's acceptance tests are not redistributed)"
    exit 0
fi
command -v bats >/dev/null || { echo "acceptance: bats is not installed"; exit 1; }

rm -rf "$work" && mkdir -p "$work/bin" "$work/home"
cp -R "$src/." "$work/"
cp "$root/tests/acceptance/jd" "$root/tests/acceptance/json_patch.sh" "$work/"
# where lazypipe differs from Powerpipe on purpose, the expected outputs say so (deviations.sh)
"$root/tests/acceptance/deviations.sh" "$work"
cp "$root/tests/acceptance/jd" "$work/bin/jd"
lp_abs=$(cd "$(dirname "$lp")" && pwd)/$(basename "$lp")
printf '#!/bin/sh\nexec "%s" "$@"\n' "$lp_abs" > "$work/bin/powerpipe"
chmod +x "$work/bin/powerpipe" "$work/bin/jd" "$work/jd" "$work/json_patch.sh"

# the environment Powerpipe's run.sh gives the tests
MY_PATH=$work
export LIB_BATS_ASSERT=/usr/lib/bats/bats-assert LIB_BATS_SUPPORT=/usr/lib/bats/bats-support
export TEST_DATA_DIR=$MY_PATH/test_data/templates TEST_SCRIPTS_DIR=$MY_PATH/test_data/scripts
export MODS_DIR=$MY_PATH/test_data/mods SNAPSHOTS_DIR=$MY_PATH/test_data/snapshots
export SRC_DATA_DIR=$MY_PATH/test_data/source_files SOURCE_FILES_DIR=$MY_PATH/test_data/source_files
export WORKSPACE_DIR=$MY_PATH/test_data/mods/sample_workspace
export BAD_TEST_MOD_DIR=$MY_PATH/test_data/mods/failure_test_mod
export SIMPLE_MOD_DIR=$MY_PATH/test_data/mods/introspection_table_mod
export CONFIG_PARSING_TEST_MOD=$MY_PATH/test_data/mods/config_parsing_test_mod
export FILE_PATH=$MY_PATH CHECK_ALL_MOD=$MY_PATH/test_data/mods/check_all_mod
export FUNCTIONALITY_TEST_MOD=$MY_PATH/test_data/mods/functionality_test_mod
export CONTROL_RENDERING_TEST_MOD=$MY_PATH/test_data/mods/control_rendering_test_mod
export BLANK_DIMENSION_VALUE_TEST_MOD=$MY_PATH/test_data/mods/mod_with_blank_dimension_value
export STRING_LIST_TEST_MOD=$MY_PATH/test_data/mods/mod_with_list_param
export STEAMPIPE_CONNECTION_WATCHER=false STEAMPIPE_INTROSPECTION=info
export DEFAULT_WORKSPACE_PROFILE_LOCATION=$MY_PATH/test_data/source_files/workspace_profile_default
export BATS_NO_PARALLELIZE_WITHIN_FILE=true BATS_TEST_TIMEOUT=180
export HOME=$work/home POWERPIPE_INSTALL_DIR=$work/home/.powerpipe
export LAZYPIPE_CACHE_DIR=$work/home/cache
export PATH=$work/bin:$PATH

# mod.bats and mod_install.bats install mods from GitHub: git is pointed at the bare repositories
# of $LP_SHARED/testdata/git instead (a test-only git config, GIT_CONFIG_GLOBAL), so they run
# offline; without them those two files are skipped, saying why
gitdata=$shared/testdata/git
if [ -d "$gitdata/github.com" ]; then
    # copied, with one git url rule per repository (tests/offline_git.sh)
    "$root/tests/offline_git.sh" "$gitdata" "$work" > /dev/null
    gitdata=$work/git
    export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
    # the shared mirror holds GitHub's repositories only: the one GitLab test would need the
    # network, so it is skipped, saying why, unless a gitlab.com mirror is there too
    if [ ! -d "$gitdata/gitlab.com" ]; then
        skip='skip "needs gitlab.com over the network: the offline mirror ($LP_SHARED/testdata/git)'
        skip="$skip has GitHub repositories only\""
        sed -i 's|^@test "install mod from GitLab" {$|&\n  '"$skip"'|' "$work/test_files/mod_install.bats"
    fi
fi

# Powerpipe makes its install directory's config on its first run (lazypipe writes nothing
# there); the tests write their connection files into it
mkdir -p "$POWERPIPE_INSTALL_DIR/config"

# Steampipe's service has the introspection table steampipe_server_settings, which
# database_precedence.bats reads to see that the default connection was used: the tests'
# PostgreSQL gets a stand-in with Steampipe's columns when it answers
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
psql=${bindir:+$bindir/}psql
"$psql" -X -q -h 127.0.0.1 -p "${LP_PG_PORT:-9193}" -U steampipe -d steampipe >/dev/null 2>&1 <<'EOF' || true
create table if not exists steampipe_server_settings (start_time timestamptz, steampipe_version text,
    fdw_version text, cache_max_ttl int, cache_max_size_mb int, cache_enabled bool);
insert into steampipe_server_settings
    select now(), '2.0.0', '2.0.0', 300, 1024, true
    where not exists (select 1 from steampipe_server_settings);
EOF

if [ $# -eq 0 ]; then set -- $(cd "$work/test_files" && ls *.bats); fi
status=0
for f in "$@"; do
    name=${f%.bats}
    case $f in
    mod.bats|mod_install.bats)
        if [ ! -d "$gitdata/github.com" ] || ! command -v git >/dev/null || ! command -v jq >/dev/null; then
            echo "[SKIP] acceptance: $f needs git, jq and the bare repositories of $shared/testdata/git"
            continue
        fi ;;
    esac
    # database_precedence.bats skips every test unless a Turbot Pipes token is set: a dummy one
    # runs them (those that need Turbot Pipes fail)
    case $f in
    database_precedence.bats) token=${SPIPETOOLS_TOKEN:-dummy-token-lazypipe} ;;
    *) token=${SPIPETOOLS_TOKEN:-} ;;
    esac
    (cd "$work/test_files" && SPIPETOOLS_TOKEN=$token bats --tap "$f") > "$work/$name.tap" 2>&1
    total=$(grep -c '^\(not \)\?ok ' "$work/$name.tap")
    bad=$(grep -c '^not ok ' "$work/$name.tap")
    skipped=$(grep -c '^ok .* # skip' "$work/$name.tap")
    extra=; [ "$skipped" -gt 0 ] && extra=", $skipped skipped (bats skip, with its reason in the TAP)"
    echo "acceptance: $f: $((total - bad - skipped))/$total passed$extra"
done
# the tests that must pass: "FILE.bats: test name" lines
if [ -f "$root/tests/acceptance/required.txt" ]; then
    while IFS= read -r line; do
        case $line in ''|'#'*) continue ;; esac
        file=${line%%: *}; test=${line#*: }
        tap=$work/${file%.bats}.tap
        [ -f "$tap" ] || continue
        if ! sed -n 's/^ok [0-9]* //p' "$tap" | grep -q -F -x -e "$test"; then
            echo "acceptance: required test failed: $line"; status=1
        fi
    done < "$root/tests/acceptance/required.txt"
fi
exit $status
