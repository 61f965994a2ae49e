/* snapshot_dir.c — `--snapshot` with a local `--snapshot-location`: the run's snapshot written into
 * that directory, as pipe-fittings' PublishSnapshot does when the location is no Turbot Pipes
 * workspace (pipes/snapshot.go exportSnapshot: SnapshotExporter's file, named
 * GenerateDefaultExportFileName(FileNameRoot, ".pps"), path.Join'ed to the directory; then
 * "Snapshot saved to PATH").  The location is checked before anything runs, as Powerpipe's
 * ValidateSnapshotArgs does: none is Powerpipe's "Not authenticated" (it would upload to the
 * user's default workspace), a directory is ~-expanded and must exist.  Powerpipe takes a location
 * of exactly two '/'-separated parts for a workspace handle (IsPipesWorkspaceIdentifier), to upload
 * to; lazypipe uploads nothing: such a location that is no local directory is refused, and one that
 * is (./snaps) is written to.  A refusal exits as each command's ValidateSnapshotArgs error does:
 * query, dashboard and detection run fail on it with FailOnError, a panic their recover turns into
 * ExitCodeUnknownErrorPanic (255); check commands' validateCheckArgs error is
 * ExitCodeInsufficientOrWrongInputs (254, their caller's mapping).  So does a --snapshot-tag that is
 * not KEY=VALUE, checked after the location as Powerpipe does; a local snapshot has no tags. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cli_snapshot_dir(const cli_opts *o, char *dir, size_t n)
{
    dir[0] = '\0';
    if (!o->snapshot) return 0;
    const char *loc = o->snapshot_location;
    if (!loc || !*loc) {
        cli_error("Not authenticated for Turbot Pipes.\nPlease run lazypipe login or setup a token.\n"
                  "(lazypipe uploads no snapshot: give --snapshot-location a local directory)");
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    if (cli_tildefy(loc, dir, n) != 0) {
        cli_error("snapshot location %s: File name too long", loc);
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    const char *slash = strchr(loc, '/');
    int handle = slash && !strchr(slash + 1, '/');
    if (!cli_is_dir(dir)) {
        if (handle)
            cli_error("--snapshot-location %s names a Turbot Pipes workspace, and lazypipe uploads no "
                      "snapshot: give it a local directory", loc);
        else cli_error("snapshot location %s does not exist", dir);
        dir[0] = '\0';
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    if (o->bad_snapshot_tag) {   /* (validateSnapshotTags, after the location) */
        cli_error("snapshot tags must be specified '--snapshot-tag key=value'");
        dir[0] = '\0';
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    return 0;
}

/* Go's path.Clean of p, in place (its algorithm, line for line: the output never outruns the input):
 * no "." elements, ".." eaten with the element before it, single slashes, no trailing slash. */
static void clean(char *p)
{
    size_t n = strlen(p), r = 0, w = 0, dotdot = 0;
    int rooted = p[0] == '/';
    if (rooted) {
        w = r = dotdot = 1;
    }
    while (r < n) {
        if (p[r] == '/') {
            r++;
        } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
            r++;
        } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && p[w] != '/') w--;
            } else if (!rooted) {
                if (w > 0) p[w++] = '/';
                p[w++] = '.';
                p[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0)) p[w++] = '/';
            for (; r < n && p[r] != '/'; r++) p[w++] = p[r];
        }
    }
    if (w == 0) p[w++] = '.';
    p[w] = '\0';
}

void cli_export_name(char *out, size_t n, const char *name, const char *ext)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    snprintf(out, n, "%s.%04d%02d%02dT%02d%02d%02d%s", name, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, ext);
}

void cli_snapshot_path(const char *dir, const char *root, char *out, size_t n)
{
    int k = snprintf(out, n, "%s/", dir);
    if (k > 0 && (size_t)k < n) cli_export_name(out + k, n - (size_t)k, root, ".pps");
    clean(out);
}

void cli_snapshot_saved(const cli_opts *o, const char *path)
{
    /* PublishSnapshot's message, fmt.Println'd: "\nSnapshot saved to PATH\n\n" */
    if (o->progress) printf("\nSnapshot saved to %s\n\n", path);
}

void cli_export_said(lp_buf *msgs, const char *path)
{
    char cwd[4096];
    const char *pwd = getcwd(cwd, sizeof cwd) ? cwd : ".";
    lp_buf_printf(msgs, "%sFile exported to %s/%s", msgs->len ? "\n" : "", pwd, path);
}
