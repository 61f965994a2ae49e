/* workspace.c — opening the workspace the way every command does: the
 * variables checked first, the mod found upward from --mod-location as
 * Powerpipe finds it, dependency mods that mod.pp requires checked to be
 * installed. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef LP_SYSTEM_MALLOC
#include <mimalloc.h>
#endif

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

static int is_file(const char *dir, const char *name)
{
    char p[PATH_MAX + 16];
    struct stat st;
    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, name) >= sizeof p) return 0;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Powerpipe's FindModFilePath: the directory itself, then each parent up
 * to the root, the first with mod.pp (or mod.sp).  dir is absolute and
 * clean; it is cut back to that directory.  0, or -1 when there is none. */
static int find_mod_dir(char *dir)
{
    for (;;) {
        if (is_file(dir, "mod.pp") || is_file(dir, "mod.sp")) return 0;
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && dir[1] == '\0')) return -1;
        if (slash == dir) slash[1] = '\0';
        else *slash = '\0';
    }
}

int cli_check_var_args(const cli_opts *o)
{
    for (int i = 0; i < o->nvars; i++) {
        const char *eq = strchr(o->vars[i], '=');
        if (!eq || eq == o->vars[i]) {
            cli_error("invalid --var \"%s\": expected NAME=VALUE", o->vars[i]);
            return CLI_USAGE;
        }
    }
    for (int i = 0; i < o->nvar_files; i++) {
        struct stat st;
        if (stat(o->var_files[i], &st) != 0 || access(o->var_files[i], R_OK) != 0) {
            cli_error("--var-file %s: %s", o->var_files[i], strerror(errno));
            return CLI_ERRORS;
        }
        if (S_ISDIR(st.st_mode)) {
            cli_error("--var-file %s: is a directory", o->var_files[i]);
            return CLI_ERRORS;
        }
    }
    return 0;
}

/* ---- the `require { mod "path" {...} }` blocks of mod.pp, read from the
 * library's hcl2json document of it (compact JSON, as the library writes) */

static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\') i++;
    return i + 1;
}

static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n) return n;
    if (s[i] == '"') return skip_string(s, n, i);
    if (s[i] != '{' && s[i] != '[') {
        while (i < n && !strchr(",]}", s[i])) i++;
        return i;
    }
    int depth = 0;
    while (i < n) {
        if (s[i] == '"') {
            i = skip_string(s, n, i);
            continue;
        }
        if (s[i] == '{' || s[i] == '[') depth++;
        else if ((s[i] == '}' || s[i] == ']') && --depth == 0) return i + 1;
        i++;
    }
    return n;
}

/* Calls fn for each member (key without quotes) of the object or each
 * element (key NULL) of the array at s[i]. */
typedef void (*member_fn)(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi);
static void each(const char *s, size_t n, size_t i, member_fn fn, void *u)
{
    if (i >= n || (s[i] != '{' && s[i] != '[')) return;
    int obj = s[i] == '{';
    for (i++; i < n && s[i] != '}' && s[i] != ']';) {
        const char *key = NULL;
        size_t klen = 0;
        if (obj) {
            size_t e = skip_string(s, n, i);
            key = s + i + 1;
            klen = e - i - 2;
            i = e + 1;   /* past ':' */
        }
        fn(u, key, klen, s, n, i);
        i = skip_value(s, n, i);
        if (i < n && s[i] == ',') i++;
    }
}

typedef struct dep_check {
    const lp_workspace *ws;
    const char *mod_file;
    int missing;
} dep_check;

static void require_mod(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    (void)s, (void)n, (void)vi;
    dep_check *dc = u;
    for (uint32_t m = 1; m < lp_mod_count(dc->ws); m++) {
        lp_mod_info mi;
        if (lp_mod_get(dc->ws, m, &mi) == LP_OK && strlen(mi.path) == klen && memcmp(mi.path, key, klen) == 0)
            return;
    }
    cli_error("%s: dependency mod \"%.*s\" is not installed; run 'powerpipe mod install' in %s", dc->mod_file,
              (int)klen, key, lp_workspace_dir(dc->ws));
    dc->missing++;
}

static void match_key(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi,
                      const char *want, member_fn next)
{
    if (key && strlen(want) == klen && memcmp(key, want, klen) == 0) each(s, n, vi, next, u);
}

static void require_block(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    match_key(u, key, klen, s, n, vi, "mod", require_mod);
}

static void require_list(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    (void)key, (void)klen;
    each(s, n, vi, require_block, u);
}

static void mod_body(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    match_key(u, key, klen, s, n, vi, "require", require_list);
}

static void mod_bodies(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    (void)key, (void)klen;
    each(s, n, vi, mod_body, u);
}

static void mod_labels(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    (void)key, (void)klen;
    each(s, n, vi, mod_bodies, u);
}

static void top(void *u, const char *key, size_t klen, const char *s, size_t n, size_t vi)
{
    match_key(u, key, klen, s, n, vi, "mod", mod_labels);
}

/* Can the file require a mod?  Only if the word `mod` appears twice: once
 * for its own mod block, once for a `require { mod "..." {} }` block.  HCL
 * spells a block type as a plain identifier (letters, digits, _ and -; no
 * escapes), so fewer means no dependency, and the parse below is skipped:
 * reading mod.pp through hcl2json cost 0.3-0.5 ms of the 4-5 ms of a whole
 * `dashboard list` reopening its image (BENCHMARKS.md, "Reopen as a whole
 * process").  Unreadable or large: 1, the parse decides. */
static int may_require_mods(const char *path)
{
    char buf[64 * 1024];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 1;
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n < 0 || (size_t)n == sizeof buf) return 1;
    int words = 0;
    for (const char *p = buf, *end = buf + n; (p = memmem(p, (size_t)(end - p), "mod", 3)) != NULL; p += 3) {
        unsigned char before = p > buf ? (unsigned char)p[-1] : ' ';
        unsigned char after = p + 3 < end ? (unsigned char)p[3] : ' ';
        int ident_before = isalnum(before) || before == '_' || before == '-' || before >= 0x80;
        int ident_after = isalnum(after) || after == '_' || after == '-' || after >= 0x80;
        if (!ident_before && !ident_after && ++words > 1) return 1;
    }
    return 0;
}

/* The number of mods mod.pp requires that are not installed (each named). */
static int missing_dependencies(const lp_workspace *ws)
{
    char path[PATH_MAX + 16];
    const char *dir = lp_workspace_dir(ws);
    snprintf(path, sizeof path, "%s/%s", dir, is_file(dir, "mod.pp") ? "mod.pp" : "mod.sp");
    if (!may_require_mods(path)) return 0;
    lp_buf json = { 0 };
    lp_error err;
    dep_check dc = { ws, path, 0 };
    /* a mod.pp with syntax errors is reported by lp_open already */
    if (lp_hcl_file_to_json(path, &json, NULL, NULL, &err) == LP_OK && !json.oom)
        each(json.data, json.len, 0, top, &dc);
    lp_buf_free(&json);
    return dc.missing;
}

/* Open the workspace (live: as a live handle into *lv, else into *ws). */
static int open_any(const cli_opts *o, cli_open_mode mode, lp_workspace **ws, lp_live **lv)
{
    char abs[PATH_MAX + 256];
    const char *dir = absolute_dir(o->mod_location, abs, sizeof abs);
    struct stat st;
    if (dir == abs && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && find_mod_dir(abs) != 0) {
        cli_error("this command requires a mod definition file (mod.pp) - could not find one in %s "
                  "or any directory above it", absolute_dir(o->mod_location, abs, sizeof abs));
        fprintf(stderr, "Run it in a mod directory, or clone a mod repository or install a mod using "
                        "'powerpipe mod install' and run it from that mod's directory.\n");
        return -1;
    }
    lp_workspace_opts wo = {
        .vars = o->vars, .nvars = (size_t)o->nvars,
        .var_files = o->var_files, .nvar_files = (size_t)o->nvar_files,
        .diag = cli_print_diag,
        .no_resolve = mode == CLI_OPEN_PHASE1,
        .on_resolved = lv ? o->on_resolved : NULL,
        .resolved_user = o->resolved_user,
    };
    /* the persisted index: read when it is current, written after a build;
     * a cache that cannot be had is no reason to fail the command */
    char cache[PATH_MAX];
    if (mode != CLI_OPEN_PHASE1 && !o->no_index_cache) {
        if (o->index_cache) {
            wo.index_cache = o->index_cache;
            if (mkdir(o->index_cache, 0700) != 0 && errno != EEXIST)
                cli_warning("cannot create %s: %s; the index is not persisted", o->index_cache,
                            strerror(errno));
        } else if (lp_default_index_cache_dir(cache, sizeof cache) == LP_OK) wo.index_cache = cache;
    }
#ifndef LP_SYSTEM_MALLOC
    /* A live command (watch, server) frees a whole version per change: mimalloc's
     * default keeps freed pages 100 ms before giving them back, which kept 40-45 MB
     * resident for 13-15 MiB live over 1,000 refreshes of aws_compliance, growing
     * by up to 13%; given back at once, 21 MB, flat (lpbench refresh_rss with
     * MIMALLOC_DECOMMIT_DELAY=0), for about 1.5 ms more per refresh.  The host's
     * choice, so the CLI makes it, not the library. */
    if (lv) mi_option_set(mi_option_decommit_delay, 0);   /* MIMALLOC_RESET_DELAY in 2.0 */
#endif
    lp_error err;
    int rc = lv ? lp_live_open(dir, &wo, lv, &err) : lp_open(dir, &wo, ws, &err);
    if (rc != LP_OK) {
        cli_error("%s", err.message);
        return -1;
    }
    if (lv) *ws = lp_live_acquire(*lv);
    int missing = missing_dependencies(*ws);
    if (lv) lp_live_release(*lv, *ws);
    if (missing) {
        if (lv) lp_live_close(*lv);
        else lp_close(*ws);
        *ws = NULL;
        if (lv) *lv = NULL;
        return -1;
    }
    if (lv) return 0;
    if (mode == CLI_OPEN_WAIT) {
        lp_wait_resolved(*ws, -1);
        for (uint32_t i = 0; i < lp_resolve_diag_count(*ws); i++)
            cli_print_diag(NULL, lp_resolve_diag_at(*ws, i));
    }
    return 0;
}

int cli_open_workspace(const cli_opts *o, cli_open_mode mode, lp_workspace **ws)
{
    return open_any(o, mode, ws, NULL);
}

int cli_open_live(const cli_opts *o, lp_live **lv)
{
    lp_workspace *ws;
    return open_any(o, CLI_OPEN_WAIT, &ws, lv);
}

int cli_workspace_errors(const lp_workspace *ws, int waited)
{
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    if (s.errors) return 1;
    for (uint32_t i = 0; waited && i < lp_resolve_diag_count(ws); i++)
        if (lp_resolve_diag_at(ws, i)->severity == LP_SEV_ERROR) return 1;
    return 0;
}
