/* install.c — Powerpipe's mod installer (pipe-fittings modinstaller: mod_installer.go,
 * install_data.go, update_checker.go, summary_builder.go, mod_installer_prune.go), in the same
 * steps and with the same messages:
 *
 *   1. the workspace mod's requirements (mod.pp `require`), with the command's targets applied;
 *   2. for each, recursively: the installed version the lock file names if it satisfies the
 *      requirement and the --pull strategy finds no newer version or commit (git ls-remote),
 *      else the newest tag satisfying the constraint (or the tag, branch, or directory) cloned
 *      into a shadow directory;
 *   3. the new lock compared with the old one: installed, upgraded, downgraded, uninstalled;
 *   4. unless --dry-run (or an error without --force): the shadow directory's mods renamed into
 *      .powerpipe/mods, the lock file and mod.pp written (each through a temporary file renamed
 *      over it), unreferenced mods pruned.
 *
 * A failure before step 4 leaves .powerpipe/mods, the lock file and mod.pp as they were.  Two
 * commands in one workspace take turns: the second waits for the first's lock (flock on
 * .powerpipe/.mod-install.lock), saying so, and reads mod.pp again once it has it.  Powerpipe's exit
 * status on a failed install is 0 (its ExitCodeModInstallFailed is commented out); lazypipe exits with
 * that code, 62. */
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

/* ------------------------------------------------------------------ requirements */

/* A req's strings are one block (name first): one allocation to check, one free. */
void mm_req_free(req *r)
{
    free(r->name);
    memset(r, 0, sizeof *r);
}

/* pipe-fittings ModVersionConstraint.Initialise: a version string that is no constraint is a tag */
int mm_req_init(req *r, const char *name, const char *version, const char *branch, const char *tag,
                    const char *path)
{
    memset(r, 0, sizeof *r);
    const char *vstr = "";
    if (!branch && !tag && !path) {
        const char *v = version && *version && strcmp(version, "latest") != 0 ? version : "*";
        if (ms_constraint_parse(v, &r->c) == 0) {
            r->has_constraint = 1;
            r->pre = ms_constraint_is_prerelease(v);
            vstr = v;
        } else {
            tag = v;
        }
    }
    const char *from[] = { name, vstr, branch, tag, path };
    char **to[] = { &r->name, &r->vstr, &r->branch, &r->tag, &r->path };
    size_t size = 0;
    for (size_t i = 0; i < 5; i++) size += from[i] ? strlen(from[i]) + 1 : 0;
    char *block = malloc(size);
    if (!block) return -1;
    for (size_t i = 0; i < 5; i++)
        if (from[i]) {
            *to[i] = block;
            block = stpcpy(block, from[i]) + 1;
        }
    return 0;
}

int mm_req_copy(req *dst, const req *src)
{
    if (mm_req_init(dst, src->name, src->has_constraint ? src->vstr : NULL, src->branch, src->tag, src->path))
        return -1;
    return 0;
}

/* pipe-fittings ModVersionConstraint.HasVersion */
int mm_req_has_version(const req *r)
{
    return r->vstr[0] && strcmp(r->vstr, "*") != 0 && strcmp(r->vstr, "latest") != 0;
}

/* InstalledModVersion.SatisfiesConstraint */
int mm_satisfies(const lk_dep *d, const req *r)
{
    if (r->has_constraint) return d->has_version && ms_check(&r->c, &d->version);
    if (r->branch) return d->branch && !strcmp(d->branch, r->branch);
    if (r->path) return d->path && !strcmp(d->path, r->path);
    if (r->tag) return d->tag && !strcmp(d->tag, r->tag);
    return 0;
}

void mm_reqs_free(reqs *l)
{
    for (size_t i = 0; i < l->n; i++) mm_req_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

req *mm_reqs_push(reqs *l)
{
    req *v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v) return NULL;
    l->v = v;
    memset(&v[l->n], 0, sizeof *v);
    return &v[l->n++];
}

int mm_cmp_req(const void *a, const void *b)
{
    return strcmp(((const req *)a)->name, ((const req *)b)->name);
}

/* CombineErrorsWithPrefix: "PREFIX - E", or the distinct errors joined by newline-tab */
static char *errs_combine(errs *e, const char *prefix)
{
    lp_buf b = { 0 };
    lp_buf_printf(&b, "%s - ", prefix);
    for (size_t i = 0; i < e->n; i++) {
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++) dup = !strcmp(e->v[k], e->v[i]);
        if (dup) continue;
        if (i) lp_buf_puts(&b, "\n\t");
        lp_buf_puts(&b, e->v[i]);
    }
    mm_strlist_free(e->v, e->n);
    e->v = NULL;
    e->n = 0;
    return mf_take(&b);   /* (malloc'd, as every error text; NULL on lack of memory) */
}

/* What makes require entry q of f unsafe to install (name.h), as an error message at the
 * entry's file:line:col, or NULL.  A dependency's `path` (in_dependency) must stay inside the
 * dependency's own folder: a mod fetched from elsewhere names no directory of this machine. */
char *mm_require_error(const modfile *f, const mf_req *q, int in_dependency)
{
    const char *what = "mod name", *why = mn_name_error(q->name);
    if (q->path) {
        why = mn_path_error(q->path);
        what = "path";
        if (!why && in_dependency) {
            size_t n = strlen(q->path);
            int up = !strcmp(q->path, "..") || !strncmp(q->path, "../", 3) || strstr(q->path, "/../") ||
                     (n >= 3 && !strcmp(q->path + n - 3, "/.."));
            if (q->path[0] == '/' || up) why = "a dependency's path must stay inside its own folder";
        }
    }
    if (!why && q->version) why = mn_version_error(q->version), what = "version";
    if (!why && q->branch) why = mn_ref_error(q->branch), what = "branch";
    if (!why && q->tag) why = mn_ref_error(q->tag), what = "tag";
    if (!why) return NULL;
    int line, col;
    mm_line_col(f->text, q->def_start, &line, &col);
    return mm_errf("%s:%d:%d: Failed to load mod require block: the %s is refused: %s", f->path, line, col,
                   what, why);
}

lk_dep *mm_find_locked(const lk_lock *l, const req *r)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].name, r->name) && mm_satisfies(&l->deps[i], r)) return &l->deps[i];
    return NULL;
}

/* ----------------------------------------------------------- git refs (ls-remote) */

static void git_url(const char *name, char *out, size_t cap)
{
    if (!strncmp(name, "https://", 8) || !strncmp(name, "http://", 7) || !strncmp(name, "file://", 7) ||
        !strncmp(name, "git@", 4) || !strncmp(name, "ssh://", 6))
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "https://%s", name);
}

/* What git said failed: its first "fatal:" (or "error:") line, which names the failure ("repository
 * '...' not found", "'...' does not appear to be a git repository"), not the advice lines after it
 * ("Please make sure you have the correct access rights / and the repository exists."); else its
 * last line. */
static char *git_error(lp_buf *err)
{
    if (!err->data || !err->len) return strdup("git failed");
    const char *s = err->data, *end = err->data + err->len;
    for (const char *line = s; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        while (n && line[n - 1] == '\r') n--;
        if (n > 7 && (!strncmp(line, "fatal: ", 7) || !strncmp(line, "error: ", 7)))
            return strndup(line + 7, n - 7);
        line = nl ? nl + 1 : end;
    }
    size_t n = err->len;
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    size_t a = n;
    while (a && s[a - 1] != '\n') a--;
    return strndup(s + a, n - a);
}

static refs *get_refs(inst *in, const char *name)
{
    for (size_t i = 0; i < in->nrefs; i++)
        if (!strcmp(in->refs[i].name, name)) return &in->refs[i];
    refs *v = realloc(in->refs, (in->nrefs + 1) * sizeof *v);
    if (!v) return NULL;
    in->refs = v;
    refs *r = &v[in->nrefs];
    memset(r, 0, sizeof *r);
    if (!(r->name = strdup(name))) return NULL;
    in->nrefs++;
    char url[P];
    git_url(name, url, sizeof url);
    const char *argv[] = { "git", "ls-remote", "--tags", "--heads", "--", url, NULL };
    lp_buf err = { 0 };
    int rc = mm_git(argv, &r->out, &err);
    if (rc != 0) r->err = git_error(&err);
    lp_buf_free(&err);
    return r;
}

/* the hash ls-remote gives ref (refs/tags/v1.0.0, refs/heads/main), as go-git lists it */
static int find_ref(const refs *r, const char *ref, char *sha, size_t cap)
{
    size_t rl = strlen(ref);
    for (const char *s = r->out.data; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *tab = memchr(s, '\t', n);
        if (tab && (size_t)(s + n - tab - 1) == rl && !memcmp(tab + 1, ref, rl)) {
            snprintf(sha, cap, "%.*s", (int)(tab - s), s);
            return mn_commit_error(sha) ? -1 : 0;
        }
        s = e ? e + 1 : s + n;
    }
    return -1;
}

/* the newest tag satisfying r's constraint (getTagVersionsFromGit + getVersionSatisfyingConstraint):
 * 1 found (into d: version, commit, git_ref), 0 none, -1 listing failed (*err) */
static int newest_satisfying(inst *in, const req *r, lk_dep *d, char **err)
{
    refs *rf = get_refs(in, r->name);
    if (!rf) return *err = NULL, -1;
    if (rf->err) {
        *err = mm_errf("could not retrieve version data from Git URL %s - %s", r->name, rf->err);
        return -1;
    }
    int found = 0;
    for (const char *s = rf->out.data; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *tab = memchr(s, '\t', n);
        if (tab && !strncmp(tab + 1, "refs/tags/", 10)) {
            char tag[256];
            snprintf(tag, sizeof tag, "%.*s", (int)(s + n - tab - 11), tab + 11);
            ms_version v;
            char sha[72];
            snprintf(sha, sizeof sha, "%.*s", (int)(tab - s), s);
            if (!strstr(tag, "^{}") && !mn_ref_error(tag) && !mn_commit_error(sha) &&
                ms_parse(tag, &v) == 0 && (r->pre || (!v.pre[0] && !v.meta[0])) && ms_check(&r->c, &v) &&
                (!found || ms_compare(&v, &d->version) > 0)) {
                found = 1;
                d->has_version = 1;
                d->version = v;
                free(d->commit);
                free(d->git_ref);
                d->commit = strndup(s, (size_t)(tab - s));
                d->git_ref = mm_errf("refs/tags/%s", tag);
            }
        }
        s = e ? e + 1 : s + n;
    }
    return found;
}

/* ------------------------------------------------------------------ installing */

/* A require entry whose name or attribute holds a NUL, which the C string cuts short (a version
 * "\0" would read as none, that is "*"): the error at its `mod`. */
char *mm_nul_error(const modfile *f, const mf_req *q)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < q->def_start && i < f->len; i++)
        if (f->text[i] == '\n')
            line++, col = 1;
        else
            col++;
    return mm_errf("%s:%zu:%zu: Failed to load mod require block: mod \"%s\" holds a NUL byte", f->path, line,
                col, q->name);
}

/* parse.LoadModfile: a dependency's mod file must parse as HCL before it is installed or used.  0, or
 * -1 with *err (NULL: out of memory). */
static int depmod_file_loads(const modfile *f, char **err)
{
    char *why = NULL;
    int parses = mf_parses(f->path, f->text, f->len, &why);
    if (parses > 0 && !f->m.syntax_error) return 0;
    if (parses < 0)
        *err = NULL;
    else if (why)
        *err = mm_errf("Failed to load mod: %s", why);
    else
        *err = mm_errf("Failed to load mod: %s: its blocks could not be read", f->path);
    free(why);
    return -1;
}

static int load_depmod(int dirfd, const char *dir, depmod *dm, char **err, const char *name)
{
    modfile f;
    int rc = mm_modfile_load_at(dirfd, dir, &f);
    if (rc >= 0 && f.text && depmod_file_loads(&f, err) != 0) {
        mm_modfile_free(&f);
        return -1;
    }
    if (rc <= 0) {
        mm_modfile_free(&f);
        *err = rc < 0 ? NULL : mm_errf("'%s' has no mod definition file", name);
        return -1;
    }
    snprintf(dm->dir, sizeof dm->dir, "%s", dir);
    free(dm->inst.alias);
    dm->inst.alias = strdup(f.m.name);
    for (size_t i = 0; i < f.m.nreqs; i++) {
        const mf_req *q = &f.m.reqs[i];
        if (!q->version && !q->branch && !q->tag && !q->path) {
            *err =
                mm_errf("%s: Failed to load mod require block: one of 'version', 'branch', 'path', or 'tag' "
                        "must be set",
                        f.path);
            mm_modfile_free(&f);
            return -1;
        }
        if (q->nul_value) {
            *err = mm_nul_error(&f, q);
            mm_modfile_free(&f);
            return -1;
        }
        if ((*err = mm_require_error(&f, q, 1))) {
            mm_modfile_free(&f);
            return -1;
        }
        char abs[P];
        const char *path = q->path;
        if (path && path[0] != '/') {
            snprintf(abs, sizeof abs, "%s/%s", dir, path);
            path = abs;
        }
        req *r = mm_reqs_push(&dm->reqs);
        if (!r || mm_req_init(r, q->name, q->version, q->branch, q->tag, path) != 0) {
            if (r) dm->reqs.n--;
            mm_modfile_free(&f);
            *err = NULL;
            return -1;
        }
    }
    mm_modfile_free(&f);
    return 0;
}

static void depmod_free(depmod *dm)
{
    lk_dep_free(&dm->inst);
    mm_reqs_free(&dm->reqs);
    memset(dm, 0, sizeof *dm);
}

static int depmod_from_lock(depmod *dm, const lk_dep *d)
{
    memset(dm, 0, sizeof *dm);
    if (lk_dep_copy(&dm->inst, d, NULL) != 0) return -1;
    lk_dependency_path(d, dm->key, sizeof dm->key);
    return 0;
}

/* name at ref cloned to dest (the shadow directory's path joined with the mod's dependency path).
 * git writes only into a fresh folder of the shadow directory whose name this process made
 * (.clone.N), which is then renamed into place relative to the shadow directory's descriptor: no
 * path spelt from a name is handed to mkdir, rm or git. */
static int clone(inst *in, const char *name, const char *ref, const char *dest, char **err)
{
    size_t sl = strlen(in->shadow);
    if (strncmp(dest, in->shadow, sl) != 0 || dest[sl] != '/') {
        *err = mm_errf("could not install '%s': it is outside the shadow directory", name);
        return -1;
    }
    const char *rel = dest + sl + 1;
    if (mm_open_shadow(in) != 0) {
        *err = mm_errf("could not create '%s': %s", in->shadow, strerror(errno));
        return -1;
    }
    char url[P], stage[32], stage_path[P];
    git_url(name, url, sizeof url);
    snprintf(stage, sizeof stage, ".clone.%u", in->nclones++);
    snprintf(stage_path, sizeof stage_path, "%s/%s", in->shadow, stage);
    const char *argv[] = { "git",
                           "-c",
                           "advice.detachedHead=false",
                           "clone",
                           "--quiet",
                           "--depth",
                           "1",
                           "--single-branch",
                           "--branch",
                           ref,
                           "--",
                           url,
                           stage_path,
                           NULL };
    lp_buf out = { 0 }, e = { 0 };
    char mp[48], ms[48];
    snprintf(mp, sizeof mp, "%s/mod.pp", stage);
    snprintf(ms, sizeof ms, "%s/mod.sp", stage);
    int rc = mm_git(argv, &out, &e);
    if (rc != 0) {
        char *g = git_error(&e);
        *err = mm_errf("failed to clone %s (%s): %s", name, ref, g ? g : "git failed");
        free(g);
    } else if (mfs_kind(in->shadow_fd, mp) != S_IFREG && mfs_kind(in->shadow_fd, ms) != S_IFREG) {
        /* a mod file that is a link is no mod file: it would be read from wherever it points */
        *err = mm_errf("mod '%s' does not contain a valid mod file", name);
        rc = -1;
    } else if (mfs_move(in->shadow_fd, stage, in->shadow_fd, rel) != 0) {
        *err = mm_errf("could not create '%s': %s", dest, strerror(errno));
        rc = -1;
    } else if (mm_strlist_add(&in->shadowed, &in->nshadowed, rel) != 0) {
        *err = NULL;
        rc = -1;
    }
    if (rc) mfs_remove(in->shadow_fd, stage);
    lp_buf_free(&out);
    lp_buf_free(&e);
    return rc ? -1 : 0;
}

/* ModInstaller.install: resolve r to a version, fetch it into the shadow directory, load it */
static int install_one(inst *in, const req *r, const char *parent_key, depmod *dm, char **err)
{
    memset(dm, 0, sizeof *dm);
    lk_dep *d = &dm->inst;
    d->struct_version = LOCK_STRUCT_VERSION;
    char dest[P];
    *err = NULL;
    if (r->path) {
        char abs[P];
        if (r->path[0] == '/')
            snprintf(abs, sizeof abs, "%s", r->path);
        else
            snprintf(abs, sizeof abs, "%s/%s", in->ws, r->path);
        if (!mm_is_dir(abs)) {
            *err = mm_errf("'%s' has no mod definition file", r->name);
            return -1;
        }
        d->name = strdup(abs);
        d->path = strdup(abs);
        snprintf(dest, sizeof dest, "%s", abs);
    } else {
        d->name = strdup(r->name);
        if (!d->name) return -1;
        const char *ref;
        char refbuf[300];
        if (r->has_constraint) {
            int f = newest_satisfying(in, r, d, err);
            if (f <= 0) {
                if (f == 0)
                    *err =
                        mm_errf("no version of %s found satisfying version constraint: %s", r->name, r->vstr);
                depmod_free(dm);
                return -1;
            }
            ref = d->git_ref + 10;
        } else if (r->tag) {
            refs *rf = get_refs(in, r->name);
            char sha[128];
            snprintf(refbuf, sizeof refbuf, "refs/tags/%s", r->tag);
            if (!rf || rf->err) {
                *err =
                    rf ? mm_errf("could not retrieve tag data from Git URL %s - %s", r->name, rf->err) : NULL;
                depmod_free(dm);
                return -1;
            }
            if (find_ref(rf, refbuf, sha, sizeof sha) != 0) {
                *err = mm_errf("tag %s not found for mod %s", r->tag, r->name);
                depmod_free(dm);
                return -1;
            }
            d->tag = strdup(r->tag);
            d->commit = strdup(sha);
            d->git_ref = strdup(refbuf);
            ref = r->tag;
        } else {
            d->branch = strdup(r->branch);
            snprintf(refbuf, sizeof refbuf, "refs/heads/%s", r->branch);
            d->git_ref = strdup(refbuf);
            ref = r->branch;
        }
        char dp[P];
        lk_dependency_path(d, dp, sizeof dp);
        snprintf(dest, sizeof dest, "%s/%s", in->shadow, dp);
        if (clone(in, r->name, ref, dest, err) != 0) {
            depmod_free(dm);
            return -1;
        }
        if (r->branch) {
            const char *argv[] = { "git", "-C", dest, "rev-parse", "HEAD", NULL };
            lp_buf out = { 0 }, e = { 0 };
            if (mm_git(argv, &out, &e) == 0 && out.data) {
                out.data[strcspn(out.data, "\r\n")] = '\0';
                if (!mn_commit_error(out.data)) d->commit = strdup(out.data);
            }
            lp_buf_free(&out);
            lp_buf_free(&e);
        }
    }
    lk_dependency_path(d, dm->key, sizeof dm->key);
    /* a clone is read beneath the shadow directory, its mod file not through a link */
    int fd = r->path ? -1 : mfs_open_dir(in->shadow_fd, dm->key);
    int loaded = (r->path || fd >= 0) && load_depmod(fd, dest, dm, err, r->name) == 0;
    if (fd >= 0) close(fd);
    if (!loaded) {
        if (!*err && !r->path && fd < 0) *err = mm_errf("could not open '%s': %s", dest, strerror(errno));
        depmod_free(dm);
        return -1;
    }
    if (lk_add(&in->newlock, parent_key, d) != 0) {
        depmod_free(dm);
        return -1;
    }
    return 0;
}

/* update_checker.go: whether an installed version that satisfies r is to be replaced */
static int should_update(inst *in, const lk_dep *d, const req *r, int targeting, char **err)
{
    *err = NULL;
    if (!targeting) return 0;
    if (r->path) return 1;
    if (!mm_satisfies(d, r)) return 1;
    lp_mods_pull p = in->o->pull;
    int commit_check =
        p == LP_MODS_PULL_FULL || ((p == LP_MODS_PULL_LATEST || p == LP_MODS_PULL_DEVELOPMENT) && r->branch);
    int version_check = p == LP_MODS_PULL_FULL || p == LP_MODS_PULL_LATEST;
    if (version_check && r->has_constraint) {
        lk_dep best = { 0 };
        int f = newest_satisfying(in, r, &best, err);
        int newer = f > 0 && d->has_version && ms_compare(&best.version, &d->version) > 0;
        free(best.commit);
        free(best.git_ref);
        if (f < 0) return -1;
        if (f == 0) {
            *err = mm_errf("no version of %s found satisfying version constraint: %s", r->name, r->vstr);
            return -1;
        }
        if (newer) return 1;
    }
    if (commit_check) {
        if (d->path) return 0;
        refs *rf = get_refs(in, d->name);
        if (!rf) return -1;
        if (rf->err) {
            *err = mm_errf("error fetching %s from remote: %s", d->branch ? "branch" : "tags", rf->err);
            return -1;
        }
        char ref[300], sha[128];
        if (d->branch)
            snprintf(ref, sizeof ref, "refs/heads/%s", d->branch);
        else
            snprintf(ref, sizeof ref, "%s", d->git_ref ? d->git_ref : "");
        if (find_ref(rf, ref, sha, sizeof sha) != 0) {
            *err = mm_errf("error finding reference '%s' of %s", ref, d->name);
            return -1;
        }
        return strcmp(sha, d->commit ? d->commit : "") != 0;
    }
    return 0;
}

/* getModForRequirement: 1 with dm loaded (installed, no update), 0 to install, -1 error */
static int mod_for_requirement(inst *in, const req *r, int targeting, depmod *dm, char **err)
{
    *err = NULL;
    lk_dep *d = mm_find_locked(&in->lock, r);
    if (!d) d = mm_find_locked(&in->newlock, r);
    if (!d) return 0;
    int u = should_update(in, d, r, targeting, err);
    if (u) return u < 0 ? -1 : 0;
    if (depmod_from_lock(dm, d) != 0) return -1;
    char dir[P], in_mods[P];
    snprintf(in_mods, sizeof in_mods, "mods/%s", dm->key);
    int found, fd = -1;   /* (an installed mod is read beneath .powerpipe, never through a link) */
    if (d->path) {
        snprintf(dir, sizeof dir, "%s", d->path);
        found = mm_is_dir(dir);
    } else if (in->shadow_fd >= 0 && (fd = mfs_open_dir(in->shadow_fd, dm->key)) >= 0) {
        snprintf(dir, sizeof dir, "%s/%s", in->shadow, dm->key);
        found = 1;
    } else {
        snprintf(dir, sizeof dir, "%s/%s", in->mods, dm->key);
        found = in->pp_fd >= 0 && (fd = mfs_open_dir(in->pp_fd, in_mods)) >= 0;
    }
    if (!found) {
        *err = mm_errf("could not find dependency mod '%s'", dm->key);
        depmod_free(dm);
        return -1;
    }
    int rc = load_depmod(fd, dir, dm, err, r->name);
    if (fd >= 0) close(fd);
    if (rc != 0) {
        depmod_free(dm);
        return -1;
    }
    return 1;
}

static void install_requirement(inst *in, const req *r, const char *parent_key, int targeting, errs *e);

/* The mod at dependency path key, required below the chain being installed: an error when it is on the
 * chain already (a cycle: "a@v1 -> b@v1 -> a@v1", from its first time on) or the chain is too long;
 * else NULL (out of memory: "out of memory"). */
static char *chain_error(const inst *in, const char *key)
{
    size_t first = 0;
    while (first < in->depth && strcmp(in->chain[first], key) != 0) first++;
    if (first == in->depth && in->depth < MAX_DEPENDENCY_DEPTH) return NULL;
    lp_buf b = { 0 };
    if (first == in->depth)
        lp_buf_printf(&b, "dependency chain longer than %d mods, at %s", MAX_DEPENDENCY_DEPTH, key);
    else {
        lp_buf_puts(&b, "dependency cycle: ");
        for (size_t i = first; i < in->depth; i++) lp_buf_printf(&b, "%s -> ", in->chain[i]);
        lp_buf_puts(&b, key);
    }
    char *msg = mf_take(&b);
    return msg ? msg : strdup("out of memory");
}

/* installModDependenciesRecursively: r's mod (dm when have, else installed now) and what it requires in
 * turn.  Its depmod is on the heap: a chain of dependencies is as deep as this recursion. */
static char *install_recursive(inst *in, const req *r, depmod *dm, int have, const char *parent_key,
                               int targeting)
{
    char *err = NULL;
    depmod *own = NULL;
    if (!have) {
        if (!targeting) return NULL;
        if (!(own = calloc(1, sizeof *own))) return strdup("out of memory");
        if (install_one(in, r, parent_key, own, &err) != 0) {
            free(own);
            return err ? err : strdup("out of memory");
        }
        dm = own;
    }
    if ((err = chain_error(in, dm->key)) || (have && lk_add(&in->newlock, parent_key, &dm->inst) != 0)) {
        if (own) depmod_free(own);
        free(own);
        return err ? err : strdup("out of memory");
    }
    in->chain[in->depth++] = dm->key;
    errs e = { 0 };
    for (size_t i = 0; i < dm->reqs.n; i++) install_requirement(in, &dm->reqs.v[i], dm->key, targeting, &e);
    in->depth--;
    if (own) depmod_free(own);
    free(own);
    if (!e.n) return NULL;
    char prefix[96];
    snprintf(prefix, sizeof prefix, "%zu child %s failed to install", e.n,
             mm_plural(e.n, "dependency", "dependencies"));
    return errs_combine(&e, prefix);
}

/* Requirement r of parent_key's mod installed (or found installed) with what it requires in turn;
 * what failed is added to e. */
static void install_requirement(inst *in, const req *r, const char *parent_key, int targeting, errs *e)
{
    depmod *dm = calloc(1, sizeof *dm);
    char *me = NULL;
    int h = dm ? mod_for_requirement(in, r, targeting, dm, &me) : -1;
    if (h < 0) {
        free(dm);
        mm_errs_add(e, me ? me : strdup("out of memory"));
        return;
    }
    char *ie = install_recursive(in, r, dm, h, parent_key, targeting);
    if (h) depmod_free(dm);
    free(dm);
    if (ie) mm_errs_add(e, ie);
}

/* installMods: each requirement with what it requires in turn.  The number that failed, with *err
 * saying which (NULL: out of memory). */
size_t mm_install_wanted(inst *in, const reqs *want, const reqs *targets, char **err)
{
    errs e = { 0 };
    for (size_t i = 0; i < want->n; i++) {
        const req *r = &want->v[i];
        /* isCommandTargetingMod: no targets, or this one named with the same version */
        int targeting = !targets->n;
        for (size_t k = 0; k < targets->n && !targeting; k++)
            targeting = !strcmp(targets->v[k].name, r->name) && !strcmp(targets->v[k].vstr, r->vstr);
        install_requirement(in, r, in->root, targeting, &e);
    }
    size_t nerr = e.n;
    if (nerr) {
        char prefix[96];
        snprintf(prefix, sizeof prefix, "%zu %s failed to %s", nerr,
                 mm_plural(nerr, "dependency", "dependencies"),
                 in->o->command == LP_MODS_UPDATE ? "update" : "install");
        *err = errs_combine(&e, prefix);
    }
    return nerr;
}

