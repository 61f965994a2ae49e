/* run.c — the commands of lazypipe_mods.h (pipe-fittings modinstaller's InstallWorkspaceDependencies
 * and UninstallWorkspaceDependencies, Powerpipe's `mod init` and `mod list`): the workspace's
 * requirements and the command's arguments, the lock taken, the installer run, each message to the
 * host's callback. */
#include "mods/mods.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mods/fs.h"
#include "mods/name.h"

/* (paths are cut to P bytes where cutting is harmless: see mods.h) */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* the error that fails the command (NULL: out of memory) */
static void error_out(const mm_sink *s, const char *msg)
{
    mm_say(s, LP_MODS_ERROR, "%s", msg ? msg : "out of memory");
}

static const char *default_title(const char *ws)
{
    const char *s = strrchr(ws, '/');
    return s && s[1] ? s + 1 : ws;
}

/* modconfig.CreateDefaultMod + Mod.Save: `mod "local"` titled by the folder */
static int create_mod_file(const char *ws, char *path_out)
{
    snprintf(path_out, P, "%s/mod.pp", ws);
    lp_buf b = { 0 };
    lp_buf_puts(&b, "mod \"local\" {\n  title = ");
    lp_json_cstr(&b, default_title(ws));
    lp_buf_puts(&b, "\n}\n");
    int rc = b.oom ? -1 : mm_write_file_atomic(path_out, b.data, b.len);
    lp_buf_free(&b);
    return rc;
}

int lp_mods_init(const char *workspace, lp_mods_msg_fn msg, void *msg_ctx)
{
    const mm_sink sink = { msg, msg_ctx }, *s = &sink;
    char ws[P], path[P];
    if (mm_abs_dir(workspace, ws) != 0) {
        mm_say(s, LP_MODS_ERROR, "%s: %s", workspace, strerror(errno));
        return LP_MODS_EXIT_INIT_FAILED;
    }
    if (mm_is_file_in(ws, "mod.pp") || mm_is_file_in(ws, "mod.sp")) {
        mm_say(s, LP_MODS_WARNING, "Working folder already contains a mod definition file");
        return 0;
    }
    if (create_mod_file(ws, path) != 0) {
        mm_say(s, LP_MODS_ERROR, "could not write %s: %s", path, strerror(errno));
        return LP_MODS_EXIT_INIT_FAILED;
    }
    mm_say(s, LP_MODS_OUTPUT, "Created mod definition file '%s'\n", path);
    return 0;
}

/* NewModVersionConstraint for a command-line argument ("URL[@constraint|#branch]", a directory) */
static int parse_arg(const char *ws, const char *arg, req *r, char **err)
{
    char abs[P];
    if (arg[0] == '/')
        snprintf(abs, sizeof abs, "%s", arg);
    else
        snprintf(abs, sizeof abs, "%s/%s", ws, arg);
    if (mm_is_dir(abs)) {
        char real[P];
        if (!realpath(abs, real)) snprintf(real, sizeof real, "%s", abs);
        modfile f;
        int rc = mm_modfile_load(real, &f);
        mm_modfile_free(&f);
        if (rc <= 0) {
            *err = mm_errf("'%s' does not contain a mod definition", real);
            return -1;
        }
        return mm_req_init(r, real, NULL, NULL, NULL, real) ? (*err = NULL, -1) : 0;
    }
    char name[P];
    snprintf(name, sizeof name, "%s", arg);
    char *at = strchr(name, '@'), *hash = at ? NULL : strchr(name, '#');
    char *sep = at ? at : hash;
    if (sep && strchr(sep + 1, *sep)) {
        *err = mm_errf("invalid mod name %s", arg);
        return -1;
    }
    if (sep) *sep = '\0';
    /* Powerpipe names a mod without its URL scheme (github.com/...) */
    char *n = name;
    if (!strncmp(n, "https://", 8))
        n += 8;
    else if (!strncmp(n, "http://", 7))
        n += 7;
    const char *what = "mod name", *why = mn_name_error(n);
    if (!why && at) why = mn_version_error(at + 1), what = "version";
    if (!why && hash) why = mn_ref_error(hash + 1), what = "branch";
    if (why) {
        *err = mm_errf("invalid arg '%s' - the %s is refused: %s", arg, what, why);
        return -1;
    }
    int rc = mm_req_init(r, n, at ? at + 1 : NULL, hash ? hash + 1 : NULL, NULL, NULL);
    if (rc) *err = NULL;
    return rc;
}

static void inst_free(inst *in)
{
    lk_free(&in->lock);
    lk_free(&in->newlock);
    mm_strlist_free(in->installed, in->ninstalled);
    for (size_t i = 0; i < in->nrefs; i++) {
        free(in->refs[i].name);
        lp_buf_free(&in->refs[i].out);
        free(in->refs[i].err);
    }
    free(in->refs);
    mm_strlist_free(in->shadowed, in->nshadowed);
    mm_paths_free(&in->installed_l);
    mm_paths_free(&in->upgraded);
    mm_paths_free(&in->downgraded);
    mm_paths_free(&in->uninstalled);
}


int lp_mods_parse_pull(const char *s, lp_mods_pull *out)
{
    static const char *const names[] = { "minimal", "development", "latest", "full" };
    if (!s || !out) return -1;
    for (int i = 0; i < 4; i++)
        if (strcasecmp(s, names[i]) == 0) return *out = (lp_mods_pull)i, 0;
    return -1;
}

/* The workspace's require blocks as requirements.  0, or -1 with *err (NULL: out of memory). */
static int workspace_requirements(const modfile *wf, reqs *want, char **err)
{
    for (size_t i = 0; i < wf->m.nreqs; i++) {
        const mf_req *q = &wf->m.reqs[i];
        if (!q->version && !q->branch && !q->tag && !q->path) {
            *err =
                mm_errf("%s: Failed to load mod require block: one of 'version', 'branch', 'path', or 'tag' "
                        "must be set",
                        wf->path);
            return -1;
        }
        if (q->nul_value) {
            *err = mm_nul_error(wf, q);
            return -1;
        }
        if ((*err = mm_require_error(wf, q, 0))) return -1;
        req *r = mm_reqs_push(want);
        if (!r || mm_req_init(r, q->name, q->version, q->branch, q->tag, q->path) != 0) {
            if (r) want->n--;
            return -1;
        }
    }
    return 0;
}

/* What is wrong with target t (arg as given) for the command, or NULL; an update's target becomes the
 * workspace's requirement of that mod. */
static char *target_error(inst *in, const reqs *want, const char *arg, req *t)
{
    const lp_mods_opts *o = in->o;
    char *e = NULL;
    if (o->command == LP_MODS_UPDATE) {
        req *cur = NULL;
        for (size_t k = 0; k < want->n && !cur; k++)
            if (!strcmp(want->v[k].name, t->name)) cur = &want->v[k];
        if (!lk_get(&in->lock, in->root, t->name) || !cur)
            e = mm_errf("cannot update '%s' as it is not a direct dependency of this workspace", arg);
        else if (mm_req_has_version(t))
            e = mm_errf("invalid arg '%s' - cannot specify a version when updating", arg);
        else if (t->branch)
            e = mm_errf("invalid arg '%s' - cannot specify a branch when updating", arg);
        else if (t->path)
            e = mm_errf("invalid arg '%s' - cannot update mod referenced via filepath", arg);
        if (!e) {
            mm_req_free(t);
            if (mm_req_copy(t, cur) != 0) e = strdup("out of memory");
        }
    } else if (o->command == LP_MODS_UNINSTALL && mm_req_has_version(t)) {
        e = mm_errf("invalid arg '%s' - cannot specify a version when uninstalling", arg);
    }
    return e;
}

/* The command's targets (GetRequiredModVersionsFromArgs) from its parsed arguments (parse_args; each
 * taken over, parsed is left empty), each mod once (the last one named wins); what is wrong with them
 * for this command goes to *argerr.  0, or -1: out of memory. */
static int parse_targets(inst *in, const reqs *want, reqs *parsed, reqs *targets, errs *argerr)
{
    const lp_mods_opts *o = in->o;
    int rc = 0;
    for (size_t i = 0; i < parsed->n && rc == 0; i++) {
        req t = parsed->v[i];
        memset(&parsed->v[i], 0, sizeof t);
        char *e = target_error(in, want, o->args[i], &t);
        if (e) {
            mm_req_free(&t);
            mm_errs_add(argerr, e);
            continue;
        }
        size_t k = 0;
        while (k < targets->n && strcmp(targets->v[k].name, t.name) != 0) k++;
        req *slot = k < targets->n ? &targets->v[k] : mm_reqs_push(targets);
        if (!slot) {
            mm_req_free(&t);
            rc = -1;
            break;
        }
        if (k < targets->n && slot == &targets->v[k] && slot->name) mm_req_free(slot);
        *slot = t;
    }
    mm_reqs_free(parsed);
    return rc;
}

/* The requirements after the command: uninstall drops its targets (every requirement without one),
 * install adds or replaces its own; sorted by name when they changed.  0, or -1: out of memory. */
static int apply_targets(const lp_mods_opts *o, reqs *want, const reqs *targets)
{
    if (o->command == LP_MODS_UNINSTALL) {
        if (!targets->n) mm_reqs_free(want);
        for (size_t k = 0; k < targets->n; k++)
            for (size_t i = 0; i < want->n; i++)
                if (!strcmp(want->v[i].name, targets->v[k].name)) {
                    mm_req_free(&want->v[i]);
                    memmove(&want->v[i], &want->v[i + 1], (want->n - i - 1) * sizeof *want->v);
                    want->n--;
                    break;
                }
    } else if (targets->n && o->command == LP_MODS_INSTALL) {
        for (size_t k = 0; k < targets->n; k++) {
            size_t i = 0;
            while (i < want->n && strcmp(want->v[i].name, targets->v[k].name) != 0) i++;
            req *slot = i < want->n ? &want->v[i] : mm_reqs_push(want);
            if (!slot) return -1;
            if (i < want->n && slot == &want->v[i] && slot->name) mm_req_free(slot);
            if (mm_req_copy(slot, &targets->v[k]) != 0) return -1;
        }
    } else {
        return 0;
    }
    if (want->n) qsort(want->v, want->n, sizeof *want->v, mm_cmp_req);
    return 0;
}


static int validate_requirements(const mm_sink *s, const modfile *wf, int force);

/* mod.pp loaded into *wf, made when install finds none (a workspace without one gets it).  0 to go on;
 * else the exit status, with *wf freed. */
static int open_mod_file(inst *in, modfile *wf)
{
    const lp_mods_opts *o = in->o;
    int have = mm_modfile_load(in->ws, wf);
    if (have < 0) {
        error_out(&in->sink, NULL);
        return LP_MODS_EXIT_INSTALL_FAILED;
    }
    /* a run command's --mod-install is Powerpipe's forced InstallWorkspaceDependencies, which
     * validates the requirements first, whatever is missing: an unmet one is its warning */
    if (o->only_missing && have > 0 && !in->validated) {
        in->validated = 1;
        validate_requirements(&in->sink, wf, 1);
    }
    if (o->only_missing && mm_nothing_missing(in->ws, wf, have)) {
        mm_modfile_free(wf);
        return -1;
    }
    if (have == 0 && (wf->text || o->command != LP_MODS_INSTALL)) {
        if (wf->text)
            mm_say(&in->sink, LP_MODS_ERROR, "failed to load mod definition - %s has no mod block", wf->path);
        else
            mm_say(&in->sink, LP_MODS_OUTPUT, "No mods installed.\n");
        int status = wf->text ? LP_MODS_EXIT_INSTALL_FAILED : 0;
        mm_modfile_free(wf);
        return status ? status : -1;
    }
    if (have == 0) {
        char path[P];
        if (create_mod_file(in->ws, path) != 0) {
            mm_say(&in->sink, LP_MODS_ERROR, "could not write %s: %s", path, strerror(errno));
            return LP_MODS_EXIT_INSTALL_FAILED;
        }
        mm_say(&in->sink, LP_MODS_OUTPUT, "Initializing mod, created mod.pp.\n");
        if (mm_modfile_load(in->ws, wf) <= 0) {
            error_out(&in->sink, NULL);
            mm_modfile_free(wf);
            return LP_MODS_EXIT_INSTALL_FAILED;
        }
    }
    if (wf->m.syntax_error) {
        mm_say(&in->sink, LP_MODS_ERROR, "failed to load mod definition - %s: the file is not valid HCL",
               wf->path);
        mm_modfile_free(wf);
        return LP_MODS_EXIT_INSTALL_FAILED;
    }
    return 0;
}

/* CombineErrors: the distinct messages of the arguments' errors, as one error. */
static void report_arg_errors(const mm_sink *s, errs *argerr)
{
    lp_buf b = { 0 };
    for (size_t i = 0; i < argerr->n; i++) lp_buf_printf(&b, "%s%s", i ? "\n\t" : "", argerr->v[i]);
    mm_strlist_free(argerr->v, argerr->n);
    error_out(s, b.data);
    lp_buf_free(&b);
}

/* pipe-fittings' Mod.ValidateRequirements of the workspace mod, before anything is installed: its
 * require { powerpipe { min_version } } against the Powerpipe version lazypipe reproduces (AppRequire's
 * ">=MIN-0" constraint).  Plugin versions are
 * not checked: Powerpipe asks the database (Steampipe) for them, mod install here opens none.  Without
 * --force an unmet requirement fails the command; with it, Powerpipe's warning.  1 when it fails. */
static int validate_requirements(const mm_sink *s, const modfile *wf, int force)
{
    const char *min = wf->m.app_min_version;
    if (!min) return 0;
    ms_version want, have;
    if (ms_parse(min, &want) != 0) {
        mm_say(s, LP_MODS_ERROR, "invalid required powerpipe version %s", min);
        return 1;
    }
    ms_parse(LP_MODS_POWERPIPE_VERSION, &have);   /* a release: >=MIN-0 is then have >= MIN */
    if (ms_compare(&have, &want) >= 0) return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "powerpipe version %s does not satisfy mod.%s which requires version %s",
             LP_MODS_POWERPIPE_VERSION, wf->m.name ? wf->m.name : "", min);
    if (!force) {
        error_out(s, msg);
        return 1;
    }
    mm_say(s, LP_MODS_WARNING, "--force is set, ignoring 1 mod validation error:\n\t%s", msg);
    return 0;
}

/* mod.pp read again once the workspace's lock is held: the first read (made before, so that a command
 * refused or with nothing to do takes no lock and makes no .powerpipe folder) may predate another mod
 * command's edit, and writing an edit of it back would drop what that command installed.  Its
 * requirements are checked again when it changed.  0 to go on; else open_mod_file's answer, with *wf
 * freed. */
static int reread_mod_file(inst *in, modfile *wf)
{
    modfile old = *wf;
    int opened = open_mod_file(in, wf);
    int same = !opened && old.text && wf->text && old.len == wf->len && !memcmp(old.text, wf->text, old.len);
    mm_modfile_free(&old);
    if (opened || same || in->o->command == LP_MODS_UNINSTALL || in->o->only_missing ||
        !validate_requirements(&in->sink, wf, in->o->force))
        return opened;
    mm_modfile_free(wf);
    return LP_MODS_EXIT_INSTALL_FAILED;
}

/* Each argument parsed (name.c's checks: a name, branch or version that could leave the workspace
 * is refused), in order, into *parsed.  0; 1 when any was refused (each reported, nothing kept); -1:
 * out of memory. */
static int parse_args(const inst *in, reqs *parsed)
{
    errs argerr = { 0 };
    for (int i = 0; i < in->o->nargs; i++) {
        req t;
        char *e = NULL;
        if (parse_arg(in->ws, in->o->args[i], &t, &e) != 0) {
            mm_errs_add(&argerr, e);
            continue;
        }
        req *slot = mm_reqs_push(parsed);
        if (!slot) {
            mm_req_free(&t);
            mm_strlist_free(argerr.v, argerr.n);
            mm_reqs_free(parsed);
            return -1;
        }
        *slot = t;
    }
    if (!argerr.n) return 0;
    report_arg_errors(&in->sink, &argerr);   /* (which frees them) */
    mm_reqs_free(parsed);
    return 1;
}

int lp_mods_run(const lp_mods_opts *o)
{
    if (!o || (o->nargs > 0 && !o->args)) return LP_MODS_EXIT_INSTALL_FAILED;
    inst in;
    memset(&in, 0, sizeof in);
    in.o = o;
    in.sink = (mm_sink){ o->msg, o->msg_ctx };
    in.pp_fd = in.shadow_fd = -1;
    if (!o->workspace || mm_abs_dir(o->workspace, in.ws) != 0) {
        mm_say(&in.sink, LP_MODS_ERROR, "failed to load mod definition - %s: %s",
               o->workspace ? o->workspace : "(no workspace)", o->workspace ? strerror(errno) : "none named");
        return LP_MODS_EXIT_INSTALL_FAILED;
    }
    modfile wf;
    int opened = open_mod_file(&in, &wf);
    if (opened) return opened < 0 ? 0 : opened;
    int status = LP_MODS_EXIT_INSTALL_FAILED, lockfd = -1;
    char *err = NULL;
    reqs want = { 0 }, targets = { 0 }, parsed = { 0 };
    /* nothing required nor named: nothing to install, and no .powerpipe folder made for the lock */
    int idle = !wf.m.nreqs && !o->nargs && !mm_is_dir_in(in.ws, ".powerpipe");
    /* a refused argument is refused before anything is made in the workspace (not even the lock) */
    int refused = parse_args(&in, &parsed);
    if (refused < 0) error_out(&in.sink, NULL);
    if (refused || (o->command != LP_MODS_UNINSTALL && !o->only_missing &&
                    validate_requirements(&in.sink, &wf, o->force))) {
        mm_reqs_free(&parsed);
        mm_modfile_free(&wf);
        return LP_MODS_EXIT_INSTALL_FAILED;
    }
    if (!o->dry_run && !idle && mm_lock_workspace(&in.sink, in.ws, &lockfd) != 0) {
        mm_say(&in.sink, LP_MODS_ERROR, "could not lock %s/.powerpipe: %s", in.ws, mm_powerpipe_error(errno));
        mm_reqs_free(&parsed);
        mm_modfile_free(&wf);
        return LP_MODS_EXIT_INSTALL_FAILED;
    }
    if (lockfd >= 0 && (opened = reread_mod_file(&in, &wf)) != 0) {
        mm_reqs_free(&parsed);
        close(lockfd);
        return opened < 0 ? 0 : opened;
    }
    in.root = wf.m.name;
    snprintf(in.mods, sizeof in.mods, "%s/.powerpipe/mods", in.ws);
    snprintf(in.shadow_name, sizeof in.shadow_name, ".mods.shadow.%ld", (long)getpid());
    snprintf(in.shadow, sizeof in.shadow, "%s/.powerpipe/%s", in.ws, in.shadow_name);
    in.pp_fd = mm_open_powerpipe(in.ws, 0);
    if (in.pp_fd < 0 && errno != ENOENT) {
        mm_say(&in.sink, LP_MODS_ERROR, "could not open %s/.powerpipe: %s", in.ws, mm_powerpipe_error(errno));
        goto done;
    }
    if (lockfd >= 0) mm_remove_stale_shadows(in.pp_fd, 0, 0);
    if (mm_load_lock(&in.sink, in.ws, &in.lock) != 0) goto done;
    mm_scan_mods(&in);
    mm_drop_missing(&in);

    errs argerr = { 0 };
    if (workspace_requirements(&wf, &want, &err) != 0) goto fail;
    if (parse_targets(&in, &want, &parsed, &targets, &argerr) != 0) {
        mm_strlist_free(argerr.v, argerr.n);
        goto fail;
    }
    if (argerr.n) {
        report_arg_errors(&in.sink, &argerr);
        goto done;
    }
    if (apply_targets(o, &want, &targets) != 0) goto fail;
    if (mm_install_wanted(&in, &want, &targets, &err)) {
        if (!o->force) goto fail;
        mm_say(&in.sink, LP_MODS_WARNING, "--force is set, ignoring: %s", err ? err : "out of memory");
        free(err);
        err = NULL;
    }
    /* onInstallComplete */
    char *names[MAX_DEPENDENCY_DEPTH + 2];
    names[0] = in.root;
    if (mm_walk(&in, &in.lock, in.root, names, 1, mm_diff_old) != 0 ||
        mm_walk(&in, &in.newlock, in.root, names, 1, mm_diff_new) != 0 || in.oom)
        goto fail;
    if (!o->dry_run && !idle && mm_save_changes(&in, &wf, &want, &err) != 0) goto fail;
    status = mm_print_summary(&in);
    goto done;
fail:
    /* pipe-fittings also prunes after a failed install; lazypipe leaves everything as it was */
    error_out(&in.sink, err);
done:
    free(err);
    mm_reqs_free(&parsed);   /* (emptied by parse_targets when it ran) */
    mm_reqs_free(&targets);
    if (in.shadow_fd >= 0) close(in.shadow_fd);
    if (in.pp_fd >= 0) {
        mfs_remove(in.pp_fd, in.shadow_name);
        close(in.pp_fd);
    }
    mm_reqs_free(&want);
    in.root = NULL;
    inst_free(&in);
    mm_modfile_free(&wf);
    if (lockfd >= 0) close(lockfd);
    return status;
}

