/* tree.c — what a mod command changed (pipe-fittings summary_builder.go: the old lock compared with
 * the new one) and the trees Powerpipe draws of it (xlab/treeprint), for the summary and `mod list`. */
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

/* ------------------------------------------------------------------ lock helpers */

/* InstalledDependencyVersionsMap.GetDependency: follow names from the root; the full path into
 * full (segments malloc'd, NULL-terminated) when wanted */
static lk_dep *get_dependency(const lk_lock *l, char **names, size_t n, char ***full)
{
    char key[P];
    snprintf(key, sizeof key, "%s", names[0]);
    char **f = full ? calloc(n + 1, sizeof *f) : NULL;
    if (full && !f) return NULL;
    if (f) f[0] = strdup(key);
    lk_dep *d = NULL;
    for (size_t i = 1; i < n; i++) {
        d = lk_get(l, key, names[i]);
        if (!d) break;
        lk_dependency_path(d, key, sizeof key);
        if (f) f[i] = strdup(key);
    }
    if (!d) {
        if (f) {
            for (size_t i = 0; i < n; i++) free(f[i]);
            free(f);
        }
        return NULL;
    }
    if (full) *full = f;
    return d;
}

static int cmp_depname(const void *a, const void *b)
{
    return strcmp((*(lk_dep *const *)a)->name, (*(lk_dep *const *)b)->name);
}

int mm_walk(inst *in, const lk_lock *l, const char *parent, char **names, size_t n, walk_fn fn)
{
    if (n > MAX_DEPENDENCY_DEPTH) return 0; /* a cycle in a hand-edited lock file */
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) k += !strcmp(l->deps[i].parent, parent);
    if (!k) return 0;
    lk_dep **v = malloc(k * sizeof *v);
    if (!v) return -1;
    k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].parent, parent)) v[k++] = &l->deps[i];
    qsort(v, k, sizeof *v, cmp_depname);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++) {
        names[n] = v[i]->name;
        rc = fn(in, names, n + 1, v[i]);
        char key[P];
        lk_dependency_path(v[i], key, sizeof key);
        if (!rc) rc = mm_walk(in, l, key, names, n + 1, fn);
    }
    free(v);
    return rc;
}

static void paths_add(inst *in, path_list *l, char **full)
{
    char ***v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v) {
        in->oom = 1;
        for (char **s = full; *s; s++) free(*s);
        free(full);
        return;
    }
    l->v = v;
    l->v[l->n++] = full;
}

static char **full_path_of(const lk_lock *l, char **names, size_t n)
{
    char **full = NULL;
    get_dependency(l, names, n, &full);
    return full;
}

int mm_diff_old(inst *in, char **names, size_t n, lk_dep *old)
{
    char **full = NULL;
    lk_dep *nd = get_dependency(&in->newlock, names, n, &full);
    if (!nd) {
        char **of = full_path_of(&in->lock, names, n);
        if (of) paths_add(in, &in->uninstalled, of);
        return 0;
    }
    int commit_differs = strcmp(old->commit ? old->commit : "", nd->commit ? nd->commit : "") != 0;
    path_list *to = NULL;
    if (old->has_version && nd->has_version) {
        int c = ms_compare(&nd->version, &old->version);
        to = c > 0 ? &in->upgraded : c < 0 ? &in->downgraded : commit_differs ? &in->upgraded : NULL;
    } else if (old->branch && nd->branch && !strcmp(old->branch, nd->branch)) {
        to = commit_differs ? &in->upgraded : NULL;
    } else if (old->tag && nd->tag && !strcmp(old->tag, nd->tag)) {
        to = commit_differs ? &in->upgraded : NULL;
    } else if (old->path && nd->path && !strcmp(old->path, nd->path)) {
        to = NULL;
    } else {
        char **of = full_path_of(&in->lock, names, n);
        paths_add(in, &in->installed_l, full);
        full = NULL;
        if (of) paths_add(in, &in->uninstalled, of);
    }
    if (to && full) {
        paths_add(in, to, full);
        full = NULL;
    }
    if (full) {
        for (char **s = full; *s; s++) free(*s);
        free(full);
    }
    return 0;
}

int mm_diff_new(inst *in, char **names, size_t n, lk_dep *nd)
{
    (void)nd;
    if (get_dependency(&in->lock, names, n, NULL)) return 0;
    char **full = full_path_of(&in->newlock, names, n);
    if (full) paths_add(in, &in->installed_l, full);
    return 0;
}

/* ------------------------------------------------------------------ trees (xlab/treeprint) */

typedef struct tnode {
    const char *label;
    struct tnode **kids;
    size_t nkids;
} tnode;

static void tree_free(tnode *t)
{
    for (size_t i = 0; i < t->nkids; i++) tree_free(t->kids[i]);
    free(t->kids);
    free(t);
}

static tnode *tree_child(tnode *t, const char *label)
{
    for (size_t i = 0; i < t->nkids; i++)
        if (!strcmp(t->kids[i]->label, label)) return t->kids[i];
    tnode **k = realloc(t->kids, (t->nkids + 1) * sizeof *k);
    tnode *c = calloc(1, sizeof *c);
    if (!k || !c) {
        if (k) t->kids = k;
        free(c);
        return NULL;
    }
    t->kids = k;
    c->label = label;
    t->kids[t->nkids++] = c;
    return c;
}

static void tree_print(lp_buf *b, const tnode *t, const char *prefix)
{
    for (size_t i = 0; i < t->nkids; i++) {
        int last = i + 1 == t->nkids;
        lp_buf_printf(b, "%s%s %s\n", prefix, last ? "└──" : "├──", t->kids[i]->label);
        char np[1024];
        snprintf(np, sizeof np, "%s%s", prefix, last ? "    " : "│   ");
        tree_print(b, t->kids[i], np);
    }
}

/* getInstallationResultString: the paths as one tree; "" when none */
static void paths_tree(lp_buf *b, const path_list *l)
{
    if (!l->n) return;
    tnode *root = calloc(1, sizeof *root);
    if (!root) return;
    root->label = l->v[0][0];
    for (size_t i = 0; i < l->n; i++) {
        tnode *t = root;
        for (char **s = l->v[i] + 1; *s && t; s++) t = tree_child(t, *s);
    }
    lp_buf_printf(b, "%s\n", root->label);
    tree_print(b, root, "");
    tree_free(root);
}

static const char *verb(const inst *in, const char *v)
{
    if (!in->o->dry_run) return v;
    return !strcmp(v, "Installed")     ? "Would install"
           : !strcmp(v, "Uninstalled") ? "Would uninstall"
           : !strcmp(v, "Upgraded")    ? "Would upgrade"
                                       : "Would downgrade";
}

static void summary_part(const inst *in, lp_buf *b, const path_list *l, const char *v)
{
    if (!l->n) return;
    lp_buf_printf(b, "\n%s %zu %s:\n\n", verb(in, v), l->n, mm_plural(l->n, "mod", "mods"));
    paths_tree(b, l);
    lp_buf_puts(b, "\n");
}

int lp_mods_list(const char *workspace, lp_mods_msg_fn msg, void *msg_ctx)
{
    const mm_sink sink = { msg, msg_ctx };
    char ws[P];
    modfile f;
    if (mm_abs_dir(workspace, ws) != 0 || mm_modfile_load(ws, &f) <= 0) {
        if (mm_abs_dir(workspace, ws) == 0) mm_modfile_free(&f);
        mm_say(&sink, LP_MODS_OUTPUT, "No mods installed.\n");
        return 0;
    }
    lk_lock l;
    if (mm_load_lock(&sink, ws, &l) != 0) {
        mm_modfile_free(&f);
        return 1;
    }
    /* GetModList: the lock's tree from the workspace mod, each level sorted */
    tnode *root = calloc(1, sizeof *root);
    char **keys = NULL;
    size_t nkeys = 0;
    int rc = 1;
    if (root) {
        root->label = f.m.name;
        lk_dep **v = malloc((l.n ? l.n : 1) * sizeof *v);
        if (v) {
            /* build level by level: a node's children are the deps listed under its key */
            tnode *queue[512];
            const char *qkey[512];
            size_t qh = 0, qt = 0;
            queue[qt] = root;
            qkey[qt++] = f.m.name;
            while (qh < qt) {
                tnode *t = queue[qh];
                const char *key = qkey[qh++];
                size_t k = 0;
                for (size_t i = 0; i < l.n; i++)
                    if (!strcmp(l.deps[i].parent, key)) v[k++] = &l.deps[i];
                qsort(v, k, sizeof *v, cmp_depname);
                for (size_t i = 0; i < k; i++) {
                    char full[P];
                    lk_dependency_path(v[i], full, sizeof full);
                    if (mm_strlist_add(&keys, &nkeys, full) != 0) break;
                    tnode *c = tree_child(t, keys[nkeys - 1]);
                    if (c && qt < 512 && nkeys < 4096) {
                        queue[qt] = c;
                        qkey[qt++] = keys[nkeys - 1];
                    }
                }
            }
            free(v);
            lp_buf b = { 0 };
            lp_buf_printf(&b, "%s%s\n", root->nkids ? "\n" : "", root->label);
            tree_print(&b, root, "");
            lp_buf_puts(&b, "\n");
            rc = b.oom;
            if (!rc) mm_say(&sink, LP_MODS_OUTPUT, "%s", b.data);
            lp_buf_free(&b);
        }
        tree_free(root);
    }
    mm_strlist_free(keys, nkeys);
    lk_free(&l);
    mm_modfile_free(&f);
    return rc;
}

/* Powerpipe's summary of what the command did, one LP_MODS_OUTPUT message unless --quiet.  The exit status.
 */
int mm_print_summary(inst *in)
{
    const lp_mods_opts *o = in->o;
    lp_buf out = { 0 };
    if (o->command == LP_MODS_UNINSTALL) {
        if (!in->uninstalled.n)
            lp_buf_puts(&out, "Nothing uninstalled\n");
        else {
            summary_part(in, &out, &in->uninstalled, "Uninstalled");
            lp_buf_puts(&out, "\n");
        }
    } else {
        summary_part(in, &out, &in->installed_l, "Installed");
        summary_part(in, &out, &in->upgraded, "Upgraded");
        summary_part(in, &out, &in->downgraded, "Downgraded");
        summary_part(in, &out, &in->uninstalled, "Uninstalled");
        if (!out.len)
            lp_buf_puts(&out, in->newlock.n ? "All targeted mods are up to date" : "No mods are installed");
        /* install trims the summary's trailing newlines, update prints it as built */
        if (o->command == LP_MODS_INSTALL)
            while (out.len && out.data[out.len - 1] == '\n') out.data[--out.len] = '\0';
        lp_buf_puts(&out, "\n");
    }
    int status = out.oom;
    if (!o->quiet && out.data && !status) mm_say(&in->sink, LP_MODS_OUTPUT, "%s", out.data);
    lp_buf_free(&out);
    return status;
}
