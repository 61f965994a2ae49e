#!/bin/sh
# check_writes.sh [SRC] — every file lazypipe writes for a user or a later run goes through
# lp_atomic_file (src/base/atomic_file.c): a temporary file renamed over the target, so a kill or
# a failed write leaves the old file or the whole new one.  Fails on any other call in SRC (src/ by
# default) that creates, truncates or appends to a named file: fopen/freopen/fdopen for writing,
# open/openat with O_CREAT, O_TRUNC or O_APPEND, creat, mkstemp.  Unnamed files (tmpfile,
# O_TMPFILE) are no one's to read and pass.  Prints each one; exit status 1 if there is one.
set -eu
src=${1:-src}
# Allowed: FILE<TAB>the line's text (a fixed string; none: the whole file), each with why:
#   atomic_file.c: the helper itself
#   mods/commit.c: the installer's flock(2) file holds no content, and a lock must stay one inode
allowed='src/base/atomic_file.c	
src/mods/commit.c	*fd = openat(pp, ".mod-install.lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);'
found=$(grep -rnE --include='*.c' --include='*.h' --include='*.rl' \
    -e '\b(fopen|freopen|fdopen)[[:space:]]*\([^;]*"[^"]*[wa+]' \
    -e '\bO_(CREAT|TRUNC|APPEND)\b' -e '\bcreat[[:space:]]*\(' -e '\bmkstemps?[[:space:]]*\(' \
    -e '\bmkostemps?[[:space:]]*\(' "$src" || true)
bad=$(printf '%s\n' "$found" | while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    file=${hit%%:*}
    rest=${hit#*:}
    text=${rest#*:}
    ok=0
    while IFS='	' read -r afile atext; do
        case "$file" in *"${afile#src/}") ;; *) continue ;; esac
        case "$text" in *"$atext"*) ok=1 ;; esac
    done <<ALLOWED
$allowed
ALLOWED
    [ $ok = 1 ] || echo "$hit"
done)
if [ -n "$bad" ]; then
    echo "$bad"
    echo "check-writes: the lines above write a file in place: use lp_atomic_file (lazypipe.h)" >&2
    exit 1
fi
echo "check-writes: every file of $src/ is written through lp_atomic_file"
