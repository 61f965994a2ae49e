#!/bin/sh
# offline_git.sh GITDATA OUT — a git setup that reaches GitHub's mod repositories offline: the
# bare repositories of GITDATA (../shared/testdata/git: github.com/ORG/NAME.git) copied to OUT/git
# (git needs a refs/ folder, which the stored copies lack: packed-refs hold their refs), and
# OUT/gitconfig, a git config with one url.<file://...>.insteadOf rule per repository (the bare
# ones are named NAME.git, the URLs have no .git); any other github.com or gitlab.com URL fails
# there instead of reaching the network.  Prints the config's path, for GIT_CONFIG_GLOBAL (with
# GIT_CONFIG_NOSYSTEM=1).  Used by tests/acceptance/run.sh, bench/mod_install_noop.sh and the
# offline quick start (docs/mods.md).
set -eu
gitdata=$1
out=$(mkdir -p "$2" && cd "$2" && pwd)
[ -d "$gitdata/github.com" ] || { echo "offline_git.sh: no repositories in $gitdata/github.com" >&2; exit 1; }
rm -rf "$out/git"
cp -R "$gitdata" "$out/git" && chmod -R u+w "$out/git"
for repo in "$out"/git/github.com/*/*.git; do mkdir -p "$repo/refs/heads" "$repo/refs/tags"; done
printf '[protocol "file"]\n\tallow = always\n' > "$out/gitconfig"
for host in github.com gitlab.com; do
    printf '[url "file://%s/offline/%s/"]\n\tinsteadOf = https://%s/\n' "$out" "$host" "$host" \
        >> "$out/gitconfig"
done
for repo in "$out"/git/github.com/*/*.git; do
    rel=${repo#"$out"/git/}
    printf '[url "file://%s"]\n\tinsteadOf = https://%s\n' "$repo" "${rel%.git}" >> "$out/gitconfig"
done
echo "$out/gitconfig"
