/* workspace.c — opening the workspace the way every command does. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The mod location made absolute and cleaned lexically (as Go's filepath.Abs
 * does for Powerpipe), without resolving symlinks: file names in the output
 * are then absolute. */
static const char *absolute_dir(const char *dir, char *buf, size_t size)
{
    char joined[PATH_MAX * 2];
    char cwd[PATH_MAX];
    int len;
    if (dir[0] == '/') len = snprintf(joined, sizeof joined, "%s", dir);
    else if (getcwd(cwd, sizeof cwd)) len = snprintf(joined, sizeof joined, "%s/%s", cwd, dir);
    else return dir;
    /* a cut-off path would clean to some other directory: leave it to lp_open */
    if (len < 0 || (size_t)len >= sizeof joined) return dir;
    /* drop empty and "." components, let ".." remove the previous one */
    size_t out = 0;
    buf[out++] = '/';
    for (char *p = joined; *p;) {
        while (*p == '/') p++;
        char *e = p;
        while (*e && *e != '/') e++;
        size_t n = (size_t)(e - p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > 1 && buf[out - 1] != '/') out--;
            if (out > 1) out--;
        } else {
            if (out + n + 2 >= size) return dir;
            if (out > 1) buf[out++] = '/';
            memcpy(buf + out, p, n);
            out += n;
        }
        p = e;
    }
    buf[out] = '\0';
    return buf;
}

int cli_open_workspace(const cli_opts *o, cli_open_mode mode, lp_workspace **ws)
{
    char abs[PATH_MAX + 256];
    lp_workspace_opts wo = {
        .vars = o->vars, .nvars = (size_t)o->nvars,
        .var_files = o->var_files, .nvar_files = (size_t)o->nvar_files,
        .diag = cli_print_diag,
        .no_resolve = mode == CLI_OPEN_PHASE1,
    };
    lp_error err;
    int rc = lp_open(absolute_dir(o->mod_location, abs, sizeof abs), &wo, ws, &err);
    if (rc != LP_OK) {
        fprintf(stderr, "lazypipe: %s\n", err.message);
        return -1;
    }
    if (mode == CLI_OPEN_WAIT) {
        lp_wait_resolved(*ws, -1);
        for (uint32_t i = 0; i < lp_resolve_diag_count(*ws); i++) cli_print_diag(NULL, lp_resolve_diag_at(*ws, i));
    }
    return 0;
}

int cli_reject_args(const cli_opts *o)
{
    if (!o->nargs) return 0;
    fprintf(stderr, "lazypipe: unexpected argument '%s'\n", o->args[0]);
    return 1;
}
