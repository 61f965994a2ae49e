/* cmd_mod.c — Powerpipe's `mod` commands (internal/cmd/mod.go): init, install, update, uninstall
 * and list, over mod management (lazypipe_mods.h), whose messages are printed here.  They work on
 * --mod-location itself (default the current directory), as Powerpipe's do, not on a mod found above it. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_mods_message(void *ctx, lp_mods_level level, const char *text)
{
    (void)ctx;
    switch (level) {
    case LP_MODS_OUTPUT: fputs(text, stdout); break;
    case LP_MODS_NOTICE: fprintf(stderr, "%s\n", text); break;
    case LP_MODS_WARNING: fprintf(stderr, "Warning: %s\n", text); break;
    case LP_MODS_ERROR: fprintf(stderr, "Error: %s\n", text); break;
    }
}

/* a command's status, 1 when its output could not be written */
static int written(int status)
{
    return fflush(stdout) != 0 && status == 0 ? 1 : status;
}

static int run(const cli_opts *o, lp_mods_command command)
{
    lp_mods_pull pull = command == LP_MODS_UNINSTALL ? LP_MODS_PULL_MINIMAL : LP_MODS_PULL_LATEST;
    if (o->pull && lp_mods_parse_pull(o->pull, &pull) != 0) {
        cli_error(
            "invalid argument \"%s\" for \"--pull\" flag: must be one of: latest, development, full, minimal",
            o->pull);
        return CLI_USAGE;
    }
    lp_mods_opts mo = { .workspace = o->mod_location,
                        .command = command,
                        .pull = pull,
                        .dry_run = o->dry_run,
                        .force = o->force,
                        .prune = o->prune,
                        .args = (const char *const *)o->args,
                        .nargs = o->nargs,
                        .msg = cli_mods_message };
    return written(lp_mods_run(&mo));
}

int cmd_mod_install(const cli_opts *o)
{
    return run(o, LP_MODS_INSTALL);
}
int cmd_mod_update(const cli_opts *o)
{
    return run(o, LP_MODS_UPDATE);
}
int cmd_mod_uninstall(const cli_opts *o)
{
    return run(o, LP_MODS_UNINSTALL);
}
int cmd_mod_init(const cli_opts *o)
{
    return written(lp_mods_init(o->mod_location, cli_mods_message, NULL));
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `mod list` without a lock file (a workspace whose mods were put in place by hand): the mods
 * the workspace holds, one level deep under its name */
static int list_from_workspace(lp_workspace *ws)
{
    uint32_t n = lp_mod_count(ws);
    char **names = calloc(n ? n : 1, sizeof *names);
    lp_mod_info mi;
    if (!names || lp_mod_get(ws, 0, &mi) != LP_OK) {
        free(names);
        cli_close(ws);
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    lp_buf out = { 0 };
    lp_buf_puts(&out, mi.name);
    lp_buf_putc(&out, '\n');
    uint32_t k = 0;
    for (uint32_t m = 1; m < n; m++) {
        if (lp_mod_get(ws, m, &mi) != LP_OK || !mi.path[0]) continue;
        /* the installed version is in the directory's name: .../name@v1.2.3 */
        const char *at = strrchr(mi.root, '@');
        size_t len = strlen(mi.path) + (at ? strlen(at) : 0) + 1;
        if (!(names[k] = malloc(len))) break;
        snprintf(names[k++], len, "%s%s", mi.path, at ? at : "");
    }
    qsort(names, k, sizeof *names, cmp_str);
    for (uint32_t i = 0; i < k; i++) {
        if (i && strcmp(names[i], names[i - 1]) == 0) continue;
        lp_buf_printf(&out, "%s %s\n", i + 1 == k ? "└──" : "├──", names[i]);
    }
    for (uint32_t i = 0; i < k; i++) free(names[i]);
    free(names);
    cli_close(ws);
    if (out.oom) {
        lp_buf_free(&out);
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    /* Powerpipe prints a blank line before a tree of more than its root */
    int bad =
        (k && cli_write_stdout("\n", 1)) || cli_write_stdout(out.data, out.len) || cli_write_stdout("\n", 1);
    lp_buf_free(&out);
    return bad ? CLI_ERRORS : CLI_OK;
}

/* Powerpipe's commands that list or show mods as resources need a mod file (ErrorNoModDefinition,
 * through FailOnError: a panic its command recovers with ExitCodeUnknownErrorPanic) */

static int has_mod_file(const char *dir)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/mod.pp", dir);
    if (stat(path, &st) == 0) return 1;
    snprintf(path, sizeof path, "%s/mod.sp", dir);
    return stat(path, &st) == 0;
}

/* Powerpipe's ErrorNoModDefinition text (internal/constants/errors.go), which spells "powerpipe mod
 * install" where pipe-fittings' hints name the app: lazypipe names itself in both, one wording. */
static int no_mod_definition(void)
{
    cli_error("This command requires a mod definition file (mod.pp) - could not find in the current "
              "directory tree.\n\nYou can either clone a mod repository or install a mod using lazypipe "
              "mod install and run this command from the cloned/installed mod directory.\nPlease refer to: "
              "https://powerpipe.io/docs/build#powerpipe-mods");
    return CLI_EXIT_UNKNOWN_ERROR_PANIC;
}

/* `mod list --output json|yaml`: Powerpipe's generic resource list of its mods (display
 * ListResources[*modconfig.Mod]), not the installed tree: every mod with a mod block, main mod
 * first, then the direct dependencies (lp_mod_listed: a dependency's dependency is not in
 * Powerpipe's workspace resources) in the index's order, one per qualified name as that list keys
 * them (Powerpipe's order is a Go map's, random) */
static int list_resources(const cli_opts *o)
{
    if (!has_mod_file(o->mod_location)) return no_mod_definition();
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    uint32_t nm = lp_mod_count(ws);
    lp_value **v = calloc(nm ? nm : 1, sizeof *v);
    lp_buf b = { 0 };
    size_t n = 0;
    int rc = v ? LP_OK : LP_ERR_NOMEM;
    lp_buf_putc(&b, '[');
    for (uint32_t m = 0; m < nm && rc == LP_OK; m++) {
        lp_error err;
        lp_mod_info mi, other;
        /* a second version of a mod (indexed as name@version): one entry per name */
        int dup = lp_mod_get(ws, m, &mi) != LP_OK || (m && strchr(mi.name, '@')) || !lp_mod_listed(ws, m);
        for (uint32_t k = 0; k < m && !dup; k++)
            dup = lp_mod_get(ws, k, &other) == LP_OK && strcmp(other.name, mi.name) == 0;
        if (dup) continue;
        size_t at = b.len;
        if (n) lp_buf_putc(&b, ',');
        int st = o->format == CLI_FMT_YAML ? lp_mod_value(ws, m, &v[n], &err) : lp_mod_json(ws, m, &b, &err);
        if (st == LP_OK) {
            n++;
        } else {
            b.len = at;
            if (st != LP_ERR_NOT_FOUND) {  /* no mod file or block: not a resource */
                cli_error("%s", err.message);
                rc = st;
            }
        }
    }
    lp_buf_putc(&b, ']');
    int status;
    if (rc != LP_OK && rc != LP_ERR_NOMEM) {
        for (size_t i = 0; i < n && o->format == CLI_FMT_YAML; i++) lp_value_free(v[i]);
        lp_buf_free(&b);
        status = CLI_ERRORS;
    } else if (o->format == CLI_FMT_YAML) {
        lp_buf_free(&b);
        status = cli_print_yaml_items(rc, v, n);
    } else {
        status = cli_print_document(rc, &b, o->format);
    }
    free(v);
    cli_close(ws);
    return status;
}

/* `mod show NAME`: NAME is the mod's name, mod.NAME, or a dependency's path
 * (github.com/ORG/REPO, with or without @version) */
int cmd_mod_show(const cli_opts *o)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe mod show\" takes one NAME");
        return CLI_USAGE;
    }
    if (!has_mod_file(o->mod_location)) return no_mod_definition();
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    const char *want = o->args[0];
    if (strncmp(want, "mod.", 4) == 0) want += 4;
    uint32_t found = UINT32_MAX;
    for (uint32_t m = 0; m < lp_mod_count(ws) && found == UINT32_MAX; m++) {
        lp_mod_info mi;
        if (lp_mod_get(ws, m, &mi) != LP_OK) continue;
        const char *slash = strstr(mi.root, "/.powerpipe/mods/");
        const char *folder = slash ? slash + strlen("/.powerpipe/mods/") : "";
        if (strcmp(mi.name, want) == 0 || (mi.path[0] && strcmp(mi.path, want) == 0) ||
            (folder[0] && strcmp(folder, want) == 0))
            found = m;
    }
    int rc = CLI_OK;
    lp_value *v = NULL;
    lp_error err;
    lp_mod_info main_mod;
    lp_mod_get(ws, 0, &main_mod);
    if (found == UINT32_MAX) {
        /* resolveSingleTarget's message */
        cli_error("'mod.%s' not found in %s (%s)", want, main_mod.full_name, main_mod.root);
        rc = CLI_EXIT_UNKNOWN_ERROR_PANIC;
    } else if (o->format == CLI_FMT_JSON) {
        /* Powerpipe's printers marshal the printable's items, a slice of one */
        lp_buf b = { 0 };
        lp_buf_putc(&b, '[');
        int st = lp_mod_json(ws, found, &b, &err);
        lp_buf_putc(&b, ']');
        if (st != LP_OK && st != LP_ERR_NOMEM) {
            cli_error("%s", err.message);
            lp_buf_free(&b);
            rc = CLI_ERRORS;
        } else {
            rc = cli_print_document(st, &b, o->format);
        }
    } else if (lp_mod_value(ws, found, &v, &err) != LP_OK) {
        cli_error("%s", err.message);
        rc = CLI_ERRORS;
    } else if (o->format == CLI_FMT_YAML) {
        rc = cli_print_yaml_items(LP_OK, &v, 1);
    } else {
        lp_buf b = { 0 };
        int color = o->format == CLI_FMT_PRETTY && isatty(STDOUT_FILENO);
        rc = cli_print_text(cli_show_mod(v, color, &b), &b);
        lp_value_free(v);
    }
    cli_close(ws);
    return rc;
}


int cmd_mod_list(const cli_opts *o)
{
    int rc = cli_check_var_args(o);
    if (rc) return rc;
    if (o->format == CLI_FMT_JSON || o->format == CLI_FMT_YAML) return list_resources(o);
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/mod.pp", o->mod_location);
    int has_mod = stat(path, &st) == 0;
    snprintf(path, sizeof path, "%s/mod.sp", o->mod_location);
    has_mod |= stat(path, &st) == 0;
    if (!has_mod) {
        printf("No mods installed.\n");
        return fflush(stdout) != 0;
    }
    /* like every command that opens a workspace, it fails when the config does not load */
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_PHASE1, &ws) != 0) return CLI_ERRORS;
    snprintf(path, sizeof path, "%s/.mod.cache.json", o->mod_location);
    if (stat(path, &st) != 0) return list_from_workspace(ws);
    cli_close(ws);
    return written(lp_mods_list(o->mod_location, cli_mods_message, NULL));
}
