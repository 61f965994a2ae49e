/* workspace.c — opening the workspace the way every command does: the
 * variables checked first, the mod found upward from --mod-location as
 * Powerpipe finds it, dependency mods that mod.pp requires, and those the lock file names,
 * checked to be installed (lp_require_get, .mod.cache.json). */
#include "cli.h"
#include "lazypipe_mods.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* Powerpipe's FindModFilePath: the directory itself, then each parent up
 * to the root, the first with mod.pp (or mod.sp).  dir is absolute and
 * clean; it is cut back to that directory.  0, or -1 when there is none. */
static int find_mod_dir(char *dir)
{
    for (;;) {
        if (cli_is_file_in(dir, "mod.pp") || cli_is_file_in(dir, "mod.sp")) return 0;
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && dir[1] == '\0')) return -1;
        if (slash == dir) slash[1] = '\0';
        else *slash = '\0';
    }
}

/* The most a --var-file that is no regular file may hold (a pipe has no size: /dev/zero never ends) */
#define VAR_PIPE_MAX (64u << 20)

/* The bytes of fd in into fd out: 0, or -1 with errno (EFBIG past VAR_PIPE_MAX). */
static int copy_fd(int in, int out)
{
    char buf[65536];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 0;
        if ((total += (size_t)n) > VAR_PIPE_MAX) return errno = EFBIG, -1;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) return -1;
            off += w;
        }
    }
}

int cli_read_var_pipes(cli_opts *o)
{
    static char names[CLI_MAX_VARS][32];
    for (int i = 0; i < o->nvar_files; i++) {
        const char *path = o->var_files[i];
        struct stat st;
        /* regular files are the library's to read; a missing one or a directory is said below */
        if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) continue;
        int in = open(path, O_RDONLY | O_CLOEXEC), mem = in < 0 ? -1 : memfd_create("var-file", 0);
        int fail = in < 0 || mem < 0 || copy_fd(in, mem) != 0;
        int why = errno;
        if (in >= 0) close(in);
        if (fail) {
            if (mem >= 0) close(mem);
            cli_error("--var-file %s: %s", path, strerror(why));
            return CLI_ERRORS;
        }
        /* /dev/fd/N keeps its name: N is now the copy */
        int fdn, end = 0;
        if ((sscanf(path, "/dev/fd/%d%n", &fdn, &end) == 1 ||
             sscanf(path, "/proc/self/fd/%d%n", &fdn, &end) == 1) &&
            path[end] == '\0' && fdn > 2 && fdn != mem && dup2(mem, fdn) == fdn) {
            close(mem);
            continue;
        }
        snprintf(names[i], sizeof names[i], "/dev/fd/%d", mem);
        o->var_files[i] = names[i];
    }
    return 0;
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

/* lp_mods_check's problems, as the CLI's errors */
static void print_mods_problem(void *ctx, lp_mods_level level, const char *text)
{
    (void)ctx;
    (void)level;
    cli_error("%s", text);
}

/* 1 (after one line saying so) when a mod that mod.pp requires, or one that an installed
 * dependency's lock entry names, is not installed, else the number of requirements whose installed
 * version does not satisfy their constraint (each reported): lp_mods_check. */
static int missing_dependencies(const lp_workspace *ws)
{
    return lp_mods_check(ws, print_mods_problem, NULL);
}

/* No mod file at or above the mod location (a directory): "requires a mod definition file". */
static int no_mod_file(const cli_opts *o, char *abs, size_t size)
{
    const char *dir = absolute_dir(o->mod_location, abs, size);
    struct stat st;
    return dir == abs && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && find_mod_dir(abs) != 0;
}

int cli_mod_found(const cli_opts *o)
{
    char abs[PATH_MAX + 256];
    return !no_mod_file(o, abs, sizeof abs);
}

int cli_no_mod(const cli_opts *o, int status)
{
    char abs[PATH_MAX + 256];
    cli_error("this command requires a mod definition file (mod.pp) - could not find one in %s "
              "or any directory above it", absolute_dir(o->mod_location, abs, sizeof abs));
    fprintf(stderr, "Run it in a mod directory, or clone a mod repository or install a mod using "
                    "'lazypipe mod install' and run it from that mod's directory.\n");
    return status;
}

/* Phase 1's diagnostics wait until the dependencies are known to be installed: a missing one is
 * one line, as Powerpipe stops there, not that line after a "Missing child" per reference into
 * it.  Then (and for a live workspace's later versions) they are printed as they come. */
static _Atomic int hold_diags;

static void print_unless_held(void *user, const lp_diag *d)
{
    if (!hold_diags) cli_print_diag(user, d);
}

/* Open the workspace (live: as a live handle into *lv, else into *ws). */
static int open_any(const cli_opts *o, cli_open_mode mode, lp_workspace **ws, lp_live **lv)
{
    char abs[PATH_MAX + 256];
    const char *dir = absolute_dir(o->mod_location, abs, sizeof abs);
    struct stat st;
    /* abs is cut back to the mod's directory */
    if (!o->no_mod_needed && dir == abs && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
        find_mod_dir(abs) != 0)
        return cli_no_mod(o, -1);
    /* Powerpipe loads its config (the .ppc files of the config path) before any command that
     * opens a workspace: a bad one fails the command */
    lp_error cerr;
    if (!cli_config_load(dir, &cerr)) {
        cli_error("%s", cerr.message);
        return -1;
    }
    if (!o->no_mod_needed) lp_mods_remove_stale(dir);   /* what a killed mod command left */
    /* --mod-install (Powerpipe's default for check, dashboard and detection runs; never for query
     * run): a required mod without an installed folder is installed first, forced and without a
     * summary, as Powerpipe's InitData does; what still fails is reported below */
    if (o->mod_install && (o->cmd->flags & CLI_BIT(F_MOD_INSTALL)) &&
        strcmp(o->cmd->words, "query run") != 0) {
        lp_mods_pull pull = LP_MODS_PULL_MINIMAL;
        if (o->pull && lp_mods_parse_pull(o->pull, &pull) != 0) {
            cli_error("invalid argument \"%s\" for \"--pull\" flag: must be one of: latest, development, "
                      "full, minimal", o->pull);
            return -1;
        }
        lp_mods_opts mo = { .workspace = dir,
                            .command = LP_MODS_INSTALL,
                            .pull = pull,
                            .force = 1,
                            .prune = 1,
                            .quiet = 1,
                            .only_missing = 1,
                            .msg = cli_mods_message };
        lp_mods_run(&mo);
    }
    lp_workspace_opts wo = {
        .vars = o->vars, .nvars = (size_t)o->nvars,
        .var_files = o->var_files, .nvar_files = (size_t)o->nvar_files,
        .diag = o->reopened ? NULL : print_unless_held,
        .no_resolve = mode == CLI_OPEN_PHASE1,
        .on_resolved = lv ? o->on_resolved : NULL,
        .resolved_user = o->resolved_user,
        .cache_budget = o->cache_budget,
        /* the image of a first open is written after the command's output (cli_close), not before
         * its answer; a live workspace writes its last version's at lp_live_close */
        .defer_image = lv == NULL,
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
        if (cli_index_cache_max(o, &wo.index_cache_max_bytes) != 0) return -1;
    }
    /* a directory another user can write is not used: a private one in it, or none */
    char priv[PATH_MAX], why[PATH_MAX + 200];
    if (wo.index_cache) {
        int prc = lp_index_cache_private(wo.index_cache, priv, sizeof priv, why, sizeof why);
        if (why[0]) cli_warning("%s", why);
        wo.index_cache = prc == LP_OK ? priv : NULL;
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
    hold_diags = 1;
    int rc = lv ? lp_live_open(dir, &wo, lv, &err) : lp_open(dir, &wo, ws, &err);
    if (rc != LP_OK) {
        hold_diags = 0;
        cli_error("%s", err.message);
        return -1;
    }
    if (lv) *ws = lp_live_acquire(*lv);
    int missing = missing_dependencies(*ws);
    hold_diags = 0;
    for (uint32_t i = 0; !missing && !o->reopened && i < lp_diag_count(*ws); i++)
        cli_print_diag(NULL, lp_diag_at(*ws, i));
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
        if (cli_input_wanted(o)) {   /* a missing variable asked for: the answers need a new open */
            cli_prompted got;
            int asked = cli_prompt_variables(o, *ws, &got);
            if (asked != 0) {
                lp_close(*ws);
                *ws = NULL;
                rc = asked < 0 ? -1 : open_any(got.opts, mode, ws, NULL);
                cli_prompted_free(&got);
                return rc;
            }
        }
        for (uint32_t i = 0; i < lp_resolve_diag_count(*ws); i++)
            cli_print_diag(NULL, lp_resolve_diag_at(*ws, i));
    }
    return 0;
}

int cli_open_workspace(const cli_opts *o, cli_open_mode mode, lp_workspace **ws)
{
    return open_any(o, mode, ws, NULL);
}

int cli_open_sql_only(const cli_opts *o, lp_workspace **ws)
{
    /* an empty directory of our own: nothing of the current one (which may be a home directory
     * or /tmp) is listed, no index cache is kept */
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    int len = snprintf(dir, sizeof dir, "%s/lazypipe-sql-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (len < 0 || (size_t)len >= sizeof dir || !mkdtemp(dir)) {
        cli_error("cannot make a temporary directory for the query: %s", strerror(errno));
        return -1;
    }
    /* the config path's "." stays the mod location (Powerpipe's default path), not that directory */
    char abs[PATH_MAX + 256], path[2 * PATH_MAX + 300];
    const char *inst = getenv("POWERPIPE_INSTALL_DIR");
    if (!getenv("POWERPIPE_CONFIG_PATH") &&
        (size_t)snprintf(path, sizeof path, "%s:%s/config", absolute_dir(o->mod_location, abs, sizeof abs),
                         inst && *inst ? inst : "~/.powerpipe") < sizeof path)
        setenv("POWERPIPE_CONFIG_PATH", path, 1);
    cli_opts so = *o;
    so.mod_location = dir;
    so.no_mod_needed = 1;
    so.no_index_cache = 1;
    so.mod_install = 0;
    int rc = open_any(&so, CLI_OPEN_WAIT, ws, NULL);
    rmdir(dir);   /* the index is built: the workspace needs the directory no more */
    return rc;
}

int cli_open_live(const cli_opts *o, lp_live **lv)
{
    lp_workspace *ws;
    return open_any(o, CLI_OPEN_WAIT, &ws, lv);
}

int cli_open_for_show(const cli_opts *o, lp_workspace **ws, int *status)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe %s\" takes one NAME", o->cmd->words);
        return CLI_USAGE;
    }
    if (cli_open_workspace(o, CLI_OPEN_WAIT, ws) != 0) return CLI_ERRORS;
    *status = cli_workspace_errors(*ws, 1);
    return 0;
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

lp_run_opts cli_run_opts(const cli_opts *o, const lp_workspace *ws)
{
    lp_run_opts ro = { 0 };
    lp_error err;
    ro.config = cli_config_load(lp_workspace_dir(ws), &err);   /* NULL: the run loads it and fails */
    ro.database = o->database;
    ro.args = o->run_args;
    ro.nargs = (uint32_t)o->nrun_args;
    ro.max_parallel = o->max_parallel > 0 ? (uint32_t)o->max_parallel : 0;
    ro.query_timeout_ms = o->query_timeout_s > 0 ? o->query_timeout_s * 1000 : 0;
    ro.search_path = o->search_path;
    ro.search_path_prefix = o->search_path_prefix;
    return ro;
}
