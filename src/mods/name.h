/* name.h — the one place where a mod name, version, tag, branch, commit or local path read from
 * the command line, a `require` block, the lock file or git's output is validated, before anything
 * joins it into a path or hands it to git.
 *
 * A name becomes a folder under .powerpipe/mods (NAME@vX.Y.Z, NAME@TAG, NAME#BRANCH), so a name
 * is HOST/OWNER/REPO[/MORE]: every segment non-empty, not `.` or `..`, no leading `-` (git would
 * read it as an option), no control character, backslash, `@` or `#` (the version separators).  A
 * branch or tag follows `git check-ref-format --branch` (go-git's plumbing.ReferenceName rules):
 * no `..`, no `@{`, no component starting with `.` or ending with `.lock`, no space, control
 * character or any of ~^:?*[\, not starting with `-` or `/`, not ending with `/` or `.`.  A
 * version is a constraint (semver.h) or else, as pipe-fittings reads it, a tag.  A `path` is
 * a local directory the user named: any text without control characters, never joined under
 * .powerpipe.
 *
 * Each returns NULL when the text is valid, else a short reason (a static string).  Output-free,
 * allocation-free; fuzz/fuzz_modname.c checks that whatever is accepted stays beneath its base
 * when joined as a path. */
#ifndef LP_MOD_NAME_H
#define LP_MOD_NAME_H

const char *mn_name_error(const char *name);
const char *mn_ref_error(const char *ref);
const char *mn_version_error(const char *version);
const char *mn_commit_error(const char *commit);
const char *mn_path_error(const char *path);

#endif
