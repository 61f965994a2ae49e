/* mod.c — mods and their files (POWERPIPE_BEHAVIOR §2, §3.1 with §13).
 *
 * Main mod: mod.pp (else mod.sp) in the workspace directory, parsed with our
 * HCL parser; name = the label of its first `mod` block, title = that block's
 * own `title` (never opengraph's), the name when it has none.  No mod file:
 * the mod is `local` (eager Powerpipe's name).  That block's `require { mod
 * "<path>" {...} }` are the mods it requires (Powerpipe's Require.Mods),
 * installed when a dependency mod found below has that path.
 *
 * Dependency mods: under <ws>/.powerpipe/mods, walked in lexical order; a
 * directory holding mod.pp/mod.sp is a mod (its own name and title; the
 * directory name when its mod file has no mod block).  A mod's own
 * .powerpipe/mods holds its transitive dependencies, found the same way.
 * Two dependency mods with the same short name (two versions of one mod):
 * both are indexed, one as "name@version", and each mod's references reach
 * the version the lock file gives it (mod_keys).
 *
 * Files of a mod: every *.pp and *.sp below its root, any depth, except
 * hidden entries directly under the root (.powerpipe, .git...).  Directory
 * symlinks are not followed; file symlinks are listed (a dangling one is
 * reported when it cannot be read).  Paths are the root joined with the
 * relative path, sorted bytewise, mod by mod (each directory's entries are
 * sorted and walked depth first, so the listing's diagnostics about
 * directories come in path order too).  The main mod's .pps and .sps files
 * are its snapshots.
 *
 * .powerpipeignore at a mod root is honoured with gitignore rules (eager
 * Powerpipe joins each line to the workspace path and glob-matches; gitignore
 * semantics are the documented intent and a superset for anchored lines):
 * blank lines and `#` comments skipped; `!` re-includes; a trailing `/`
 * matches directories only; a pattern with a `/` before its end is anchored
 * at the mod root, else it matches a name at any depth; `*` and `?` never
 * match `/`, `**` matches any number of directories, `[...]` classes.  The
 * last matching line wins; an ignored directory is not entered.
 */
#include "base/mem.h"
#include "base/srcfile.h"
#include "hcl/hcl_ast.h"
#include "index/build.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* glibc 2.30+ on Linux: directories read with getdents64 into one buffer
 * reused for every directory (readdir costs a DIR and its 32 KiB buffer per
 * directory and a locked call per entry); elsewhere readdir. */
#if defined(__linux__) && defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
#define MOD_GETDENTS 1
#include <fcntl.h>
#include <unistd.h>
#define DENTS_SIZE (32u * 1024u)
#endif

#define MAX_DEPTH 128

/* ------------------------------------------------------------ helpers */

static int push(mod_set *ms, void **v, uint32_t *n, uint32_t *cap, size_t elem)
{
    void *p = mem_room(*v, *n, cap, elem, 16);
    if (!p) { ms->oom = 1; return -1; }
    *v = p;
    return 0;
}

static char *join(mod_set *ms, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p;
    if (dl == 1 && dir[0] == '.') return build_strdup(ms->arena, name, nl);
    int slash = dl > 0 && dir[dl - 1] != '/';
    p = build_alloc(ms->arena, dl + slash + nl + 1);
    if (!p) { ms->oom = 1; return NULL; }
    memcpy(p, dir, dl);
    if (slash) p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

static void diag(mod_set *ms, uint32_t sev, const char *file, const char *summary, const char *detail)
{
    build_diag_add(ms->diags, ms->arena, sev, file, 0, 0, summary, detail);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ------------------------------------------------------------ gitignore */

static int match_class(const char **pp, char c)
{
    const char *p = *pp + 1;   /* after '[' */
    int neg = 0, ok = 0;
    if (*p == '!' || *p == '^') { neg = 1; p++; }
    int first = 1;
    while (*p && (first || *p != ']')) {
        first = 0;
        char lo = *p, hi;
        if (lo == '\\' && p[1]) lo = *++p;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hi = p[2];
            if (hi == '\\' && p[3]) { hi = p[3]; p++; }
            p += 3;
        } else {
            hi = lo;
            p++;
        }
        if (c >= lo && c <= hi) ok = 1;
    }
    if (*p != ']') return -1;            /* unterminated: '[' is literal */
    *pp = p + 1;
    return ok != neg;
}

/* Glob match of pattern p against path s (both NUL-terminated). */
static int glob(const char *p, const char *s, int depth)
{
    if (depth > 64) return 0;            /* pathological patterns: no match rather than a long search */
    int at_component = 1;                /* p starts a path component */
    while (*p) {
        if (at_component && p[0] == '*' && p[1] == '*' && (p[2] == '/' || p[2] == '\0')) {
            if (p[2] == '\0') return 1;                  /* trailing ** : everything */
            for (const char *t = s;;) { /* double star then slash: zero or more directories */
                if (glob(p + 3, t, depth + 1)) return 1;
                t = strchr(t, '/');
                if (!t) return 0;
                t++;
            }
        }
        if (*p == '*') {
            while (*p == '*') p++;
            for (const char *t = s;; t++) {
                if (glob(p, t, depth + 1)) return 1;
                if (*t == '\0' || *t == '/') return 0;
            }
        }
        at_component = 0;
        if (*p == '?') {
            if (!*s || *s == '/') return 0;
            p++, s++;
            continue;
        }
        if (*p == '[') {
            if (!*s || *s == '/') return 0;
            const char *q = p;
            int r = match_class(&q, *s);
            if (r >= 0) {
                if (!r) return 0;
                p = q;
                s++;
                continue;
            }
        }
        if (*p == '\\' && p[1]) p++;
        if (*p != *s) return 0;
        at_component = *p == '/';
        p++, s++;
    }
    return *s == '\0';
}

int mod_ignore_match(const char *pattern, const char *path, int is_dir)
{
    char pat[1024];
    size_t n = strlen(pattern);
    while (n && (pattern[n - 1] == '\r' || pattern[n - 1] == '\n')) n--;
    while (n && pattern[n - 1] == ' ' && !(n >= 2 && pattern[n - 2] == '\\')) n--;
    if (n == 0 || pattern[0] == '#' || n >= sizeof pat) return 0;
    int neg = 0;
    size_t i = 0;
    if (pattern[0] == '!') { neg = 1; i = 1; }
    else if (pattern[0] == '\\' && (pattern[1] == '#' || pattern[1] == '!')) i = 1;
    memcpy(pat, pattern + i, n - i);
    pat[n - i] = '\0';
    size_t pl = n - i;
    int dir_only = 0;
    if (pl && pat[pl - 1] == '/') { dir_only = 1; pat[--pl] = '\0'; }
    if (pl == 0 || (dir_only && !is_dir)) return 0;
    int anchored = strchr(pat, '/') != NULL;
    const char *p = pat;
    if (*p == '/') p++;
    int m;
    if (anchored) {
        m = glob(p, path, 0);
    } else {
        const char *base = strrchr(path, '/');
        m = glob(p, base ? base + 1 : path, 0);
    }
    return m ? (neg ? -1 : 1) : 0;
}

typedef struct ignore_set {
    char **lines;
    uint32_t n;
} ignore_set;

static int ignored(const ignore_set *ig, const char *rel, int is_dir)
{
    int r = 0;
    for (uint32_t i = 0; i < ig->n; i++) {
        int m = mod_ignore_match(ig->lines[i], rel, is_dir);
        if (m) r = m;
    }
    return r == 1;
}

static void load_ignore(mod_set *ms, const char *root, srcbuf *buf, ignore_set *ig)
{
    ig->lines = NULL;
    ig->n = 0;
    char *path = join(ms, root, ".powerpipeignore");
    if (!path) return;
    size_t len;
    srcfile_info info;
    int rc = srcfile_read(path, buf, &len, &info);
    inp_add(&ms->inputs, LP_INPUT_IGNORE, path, &info);   /* absent too: one may appear */
    if (rc != 0) {
        if (info.err != ENOENT)
            diag(ms, LP_SEV_WARNING, path, "Cannot read .powerpipeignore", strerror(info.err));
        return;
    }
    uint32_t count = 1;
    for (size_t i = 0; i < len; i++) count += buf->p[i] == '\n';
    ig->lines = build_alloc(ms->arena, (size_t)count * sizeof *ig->lines);
    if (!ig->lines) { ms->oom = 1; return; }
    size_t st = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || buf->p[i] == '\n') {
            if (i > st) {
                char *l = build_strdup(ms->arena, buf->p + st, i - st);
                if (!l) { ms->oom = 1; return; }
                ig->lines[ig->n++] = l;
            }
            st = i + 1;
        }
    }
}

/* ------------------------------------------------------------ listing */

/* One kept entry of a directory being listed: its path (root joined with the
 * relative path, in the build arena), where its name sits in it, and the
 * first 8 bytes of its sort key (cmp_entry) as a big-endian number. */
typedef struct lentry {
    uint64_t key;
    const char *path;
    uint32_t name, len;             /* offset and length of the name in path */
    char kind;                      /* 'f' source file, 's' snapshot, 'd' directory */
} lentry;

/* A directory as an input (inputs.h): its stat when opened, and in `hash`
 * the digest of every name it lists; recorded (inp_add) once it was listed
 * whole. */
static srcfile_info dir_input_begin(int fd)
{
    srcfile_info in;
    memset(&in, 0, sizeof in);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        in.err = errno ? errno : EBADF;
        return in;
    }
    srcfile_from_stat(&in, &st);
    return in;
}

static inline void dir_input_name(srcfile_info *in, const char *name)
{
    in->hash += inp_dir_name_hash(name, strlen(name));
}

typedef struct lister {
    mod_set *ms;
    uint32_t mod;
    const ignore_set *ig;
    int snapshots;                  /* collect .pps/.sps (main mod) */
    size_t rel;                     /* offset of the relative path in every path of the mod */
    lentry *ents;                   /* a stack: each directory level owns a slice */
    uint32_t nents, cap_ents;
    char *dents;                    /* getdents64: DENTS_SIZE bytes, one directory read at a time */
} lister;

#ifdef MOD_GETDENTS
/* A directory being read: with getdents64 into the lister's one buffer, or else with readdir. */
typedef struct dir_stream {
    int fd;
    char *buf;
    size_t got, off;
} dir_stream;

static int ds_open(dir_stream *s, const char *dir, char *buf)
{
    s->fd = open(dir, O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC);   /* opendir's flags */
    s->buf = buf;
    s->got = s->off = 0;
    return s->fd < 0 ? -1 : 0;
}

static int ds_fd(const dir_stream *s) { return s->fd; }

/* The next entry's name and d_type; NULL at the end (or when a read fails, as readdir). */
static const char *ds_next(dir_stream *s, unsigned char *type)
{
    if (s->off >= s->got) {
        ssize_t got = getdents64(s->fd, s->buf, DENTS_SIZE);
        if (got <= 0) return NULL;
        s->got = (size_t)got;
        s->off = 0;
    }
    const struct dirent64 *de = (const struct dirent64 *)(const void *)(s->buf + s->off);
    s->off += de->d_reclen;
    *type = de->d_type;
    return de->d_name;
}

static void ds_close(dir_stream *s) { close(s->fd); }
#else
typedef struct dir_stream {
    DIR *d;
} dir_stream;

static int ds_open(dir_stream *s, const char *dir, char *buf)
{
    (void)buf;
    s->d = opendir(dir);
    return s->d ? 0 : -1;
}

static int ds_fd(const dir_stream *s) { return dirfd(s->d); }

static const char *ds_next(dir_stream *s, unsigned char *type)
{
    struct dirent *de = readdir(s->d);
    if (!de) return NULL;
    *type = de->d_type;
    return de->d_name;
}

static void ds_close(dir_stream *s) { closedir(s->d); }
#endif

/* Directory entry type without following symlinks: 'd', 'f', 'l' (symlink to
 * a file or dangling), or 0 (skip). */
static char entry_type(const char *path, unsigned char d_type)
{
    struct stat st;
    if (d_type == DT_UNKNOWN) {
        if (lstat(path, &st) != 0) return 0;
        if (S_ISDIR(st.st_mode)) return 'd';
        if (S_ISREG(st.st_mode)) return 'f';
        if (!S_ISLNK(st.st_mode)) return 0;
        d_type = DT_LNK;
    }
    if (d_type == DT_DIR) return 'd';
    if (d_type == DT_REG) return 'f';
    if (d_type == DT_LNK) {
        if (stat(path, &st) != 0) return 'l';      /* dangling: listed, reported when read */
        if (S_ISDIR(st.st_mode)) return 0;         /* directory symlinks are not followed */
        return S_ISREG(st.st_mode) ? 'l' : 0;
    }
    return 0;
}

/* 'f' for a *.pp / *.sp name, 's' for *.pps / *.sps (when wanted), else 0
 * (a name must be longer than its extension). */
static char ext_class(const char *name, size_t n, int snapshots)
{
    if (n > 3 && name[n - 1] == 'p' && name[n - 3] == '.' && (name[n - 2] == 'p' || name[n - 2] == 's'))
        return 'f';
    if (snapshots && n > 4 && name[n - 1] == 's' && name[n - 2] == 'p' && name[n - 4] == '.' &&
        (name[n - 3] == 'p' || name[n - 3] == 's'))
        return 's';
    return 0;
}

/* Sort key of an entry: its name, followed by '/' for a directory (its
 * paths continue with one) or NUL for a file.  Listing each directory in this
 * order, depth first, yields the paths in strcmp order: two paths first differ
 * inside the names of two entries of one directory, or just after the shorter
 * name, where that path holds '/' (a directory) or ends (a file), as its key. */
static uint64_t key_prefix(const char *name, size_t len, char kind)
{
    const unsigned char *b = (const unsigned char *)name;
    uint64_t k = 0;
    if (len >= 8) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        memcpy(&k, b, 8);
        return __builtin_bswap64(k);
#else
        for (int i = 0; i < 8; i++) k = k << 8 | b[i];
        return k;
#endif
    }
    for (size_t i = 0; i < len; i++) k = k << 8 | b[i];
    k = k << 8 | (kind == 'd' ? '/' : 0);
    return k << 8 * (7 - len);
}

/* Keys compared bytewise; names in one directory differ, so never 0. */
static int cmp_entry(const lentry *x, const lentry *y)
{
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    /* equal first 8 key bytes: both names are at least 8 long (a key ends
     * with the only NUL or '/' in it, so a shorter one would be the same) */
    const unsigned char *a = (const unsigned char *)x->path + x->name;
    const unsigned char *b = (const unsigned char *)y->path + y->name;
    uint32_t n = x->len < y->len ? x->len : y->len;
    for (uint32_t i = 8; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    int cx = x->len > n ? a[n] : x->kind == 'd' ? '/' : 0;
    int cy = y->len > n ? b[n] : y->kind == 'd' ? '/' : 0;
    return cx - cy;
}

static int cmp_entry_q(const void *x, const void *y) { return cmp_entry(x, y); }

/* Binary insertion sort: few comparisons, and moving a directory's handful
 * of entries is cheap; a big directory (100k files: the moves were
 * quadratic, 46% of a 3-5 s listing) goes to qsort. */
#define SORT_INSERTION_MAX 64
static void sort_entries(lentry *e, uint32_t n)
{
    if (n > SORT_INSERTION_MAX) {
        qsort(e, n, sizeof *e, cmp_entry_q);
        return;
    }
    for (uint32_t i = 1; i < n; i++) {
        if (cmp_entry(&e[i - 1], &e[i]) < 0) continue;
        lentry t = e[i];
        uint32_t lo = 0, hi = i - 1;           /* t goes before e[hi]; find the first greater */
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (cmp_entry(&e[mid], &t) < 0) lo = mid + 1;
            else hi = mid;
        }
        memmove(&e[lo + 1], &e[lo], (size_t)(i - lo) * sizeof *e);
        e[lo] = t;
    }
}

/* A dependency mod reads nothing outside its own folder: is path, a symbolic link in the dependency
 * at root, one that resolves outside it?  Then it is said, and it is not listed.  A dangling one is
 * listed (and reported when read, as any); the read itself stays beneath root whatever the link says
 * by then (scan_one: srcfile_read_beneath). */
static int link_leaves(mod_set *ms, const char *root, const char *path)
{
    char to[PATH_MAX], in[PATH_MAX];
    if (!realpath(path, to)) return 0;
    size_t n = realpath(root, in) ? strlen(in) : 0;
    if (n && strncmp(to, in, n) == 0 && to[n] == '/') return 0;
    build_diag_add(ms->diags, ms->arena, LP_SEV_ERROR, path, 1, 1, "Dependency file outside its mod not read",
                   "it is a symbolic link to a file outside the dependency mod's folder; "
                   "a dependency mod reads only its own files");
    return 1;
}

/* One directory entry: kept on the entry stack when it is a directory or a
 * listed file (and not ignored).  pl: length of the prefix of its path (dir
 * and a '/').  Returns -1 when memory runs out. */
static int take_entry(lister *L, const char *dir, size_t dl, size_t pl, int depth, const char *name,
                      unsigned char dt)
{
    mod_set *ms = L->ms;
    if (name[0] == '.' && (depth == 0 || !name[1] || (name[1] == '.' && !name[2])))
        return 0;                                       /* . and .., hidden at the mod root */
    size_t nl = strlen(name);
    char cls = ext_class(name, nl, L->snapshots);
    if (!cls && dt != DT_DIR && dt != DT_UNKNOWN) return 0;   /* not a directory nor listed */
    char *path = build_alloc(ms->arena, pl + nl + 1);
    if (!path) { ms->oom = 1; return -1; }
    if (pl) {
        memcpy(path, dir, dl);
        path[pl - 1] = '/';
    }
    memcpy(path + pl, name, nl + 1);
    char t = dt == DT_DIR ? 'd' : dt == DT_REG ? 'f' : entry_type(path, dt);
    if (t == 'l' && L->mod && link_leaves(ms, ms->mods[L->mod].root, path)) return 0;
    char kind;
    if (t == 'd') kind = 'd';
    else if ((t == 'f' || t == 'l') && cls) kind = cls;
    else return 0;
    if (L->ig->n && ignored(L->ig, path + L->rel, kind == 'd')) return 0;
    if (push(ms, (void **)&L->ents, &L->nents, &L->cap_ents, sizeof *L->ents) != 0) return -1;
    L->ents[L->nents++] = (lentry){ key_prefix(name, nl, kind), path, (uint32_t)pl, (uint32_t)nl, kind };
    return 0;
}

/* List dir (dl bytes), appending its files to the mod set in path order. */
static void list_dir(lister *L, const char *dir, size_t dl, int depth)
{
    mod_set *ms = L->ms;
    if (ms->oom) return;
    if (depth > MAX_DEPTH) {
        diag(ms, LP_SEV_WARNING, dir, "Directory nesting too deep", "its contents are not listed");
        return;
    }
    /* entry paths are dir + '/' + name, except "." + name and no second '/' */
    size_t pl = dl == 1 && dir[0] == '.' ? 0 : dl + (dl > 0 && dir[dl - 1] != '/');
    if (depth == 0) L->rel = pl;
    uint32_t base = L->nents;
    dir_stream ds;
    if (ds_open(&ds, dir, L->dents) != 0) {
        diag(ms, LP_SEV_WARNING, dir, "Cannot read directory", strerror(errno));
        return;
    }
    srcfile_info in = dir_input_begin(ds_fd(&ds));
    const char *name;
    unsigned char type;
    int failed = 0;
    while (!failed && (name = ds_next(&ds, &type)) != NULL) {
        dir_input_name(&in, name);
        failed = take_entry(L, dir, dl, pl, depth, name, type) != 0;
    }
    if (!failed) inp_add(&ms->inputs, LP_INPUT_DIRECTORY, dir, &in);
    ds_close(&ds);
    uint32_t end = L->nents;
    if (!ms->oom) sort_entries(L->ents + base, end - base);
    for (uint32_t i = base; i < end && !ms->oom; i++) {
        lentry e = L->ents[i];                  /* a copy: the recursion may move the stack */
        if (e.kind == 'd') {
            list_dir(L, e.path, e.name + e.len, depth + 1);
        } else if (e.kind == 'f') {
            if (push(ms, (void **)&ms->files, &ms->nfiles, &ms->cap_files, sizeof *ms->files) != 0) break;
            ms->files[ms->nfiles].path = e.path;
            ms->files[ms->nfiles++].mod = L->mod;
        } else {
            if (push(ms, (void **)&ms->snapshots, &ms->nsnapshots, &ms->cap_snapshots,
                     sizeof *ms->snapshots) != 0) break;
            ms->snapshots[ms->nsnapshots++] = e.path;
        }
    }
    L->nents = base;
}

/* ------------------------------------------------------------ mod files */

static int str_is(hcl_str s, const char *w)
{
    size_t n = strlen(w);
    return s.len == n && memcmp(s.p, w, n) == 0;
}

/* The `mod "<path>" {...}` blocks inside the `require` blocks of mod block b
 * (the main mod's), in source order.  Only the mods: `plugin`, `powerpipe`
 * and the rest say nothing about what .powerpipe/mods must hold.  A version
 * that is not a literal string is left "" (it would need evaluation). */
static void add_requires(mod_set *ms, const hcl_block *b, const char *path)
{
    for (uint32_t i = 0; b->body && i < b->body->nblocks; i++) {
        const hcl_block *rq = &b->body->blocks[i];
        if (!str_is(rq->type, "require") || !rq->body) continue;
        for (uint32_t j = 0; j < rq->body->nblocks; j++) {
            const hcl_block *m = &rq->body->blocks[j];
            if (!str_is(m->type, "mod") || m->nlabels == 0) continue;
            hcl_str v = { "", 0 };
            for (uint32_t k = 0; m->body && k < m->body->nattrs; k++) {
                const hcl_attr *a = &m->body->attrs[k];
                if (!str_is(a->name, "version") || !a->expr) continue;
                const hcl_expr *x = a->expr;
                if (x->kind == HCL_EXPR_TEMPLATE && x->u.tmpl.n == 1) x = x->u.tmpl.parts[0];
                if (x && x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_STRING) v = x->u.lit.text;
            }
            if (push(ms, (void **)&ms->reqs, &ms->nreqs, &ms->cap_reqs, sizeof *ms->reqs) != 0) return;
            mod_require *r = &ms->reqs[ms->nreqs];
            r->path = build_strdup(ms->arena, m->labels[0].p, m->labels[0].len);
            r->version = build_strdup(ms->arena, v.p, v.len);
            if (!r->path || !r->version) { ms->oom = 1; return; }
            r->file = path;
            r->line = m->range.line;
            r->col = m->range.col;
            r->installed = 0;
            ms->nreqs++;
        }
    }
}

/* Name and title from a mod file; returns 1 when a labelled mod block exists.
 * The main mod's (is_main) also gives its requires, when it parses without
 * errors: a broken file's recovered blocks are no requirement, and
 * Powerpipe loads no mod from it. */
static int read_mod_file(mod_set *ms, const char *path, ar_arena *scratch, srcbuf *buf, int is_main,
                         const char **name, const char **title)
{
    size_t len;
    srcfile_info info;
    if (srcfile_read(path, buf, &len, &info) != 0) {
        diag(ms, LP_SEV_ERROR, path, "Cannot read mod file", strerror(info.err));
        return 0;
    }
    ar_reset(scratch);
    hcl_file f;
    if (hcl_parse(path, buf->p, len, scratch, &f) != 0) {
        ms->oom = 1;
        return 0;
    }
    hcl_str n, t;
    int found = scan_mod_block(&f, &n, &t);
    if (found) {
        *name = build_strdup(ms->arena, n.p, n.len);
        *title = t.p && t.len ? build_strdup(ms->arena, t.p, t.len) : *name;
        if (!*name || !*title) ms->oom = 1;
        /* scan_mod_block's block: the first labelled one */
        for (uint32_t i = 0; is_main && !f.nerrors && i < f.body->nblocks; i++) {
            const hcl_block *b = &f.body->blocks[i];
            if (!str_is(b->type, "mod") || b->nlabels == 0) continue;
            add_requires(ms, b, path);
            break;
        }
    }
    ar_reset(scratch);
    return found && !ms->oom;
}

/* dir's mod file; a dependency's (dep) only when it is in its folder */
static const char *mod_file_in(mod_set *ms, const char *dir, int dep)
{
    static const char *const names[] = { "mod.pp", "mod.sp" };
    for (unsigned i = 0; i < 2; i++) {
        char *p = join(ms, dir, names[i]);
        struct stat st;
        if (!p || lstat(p, &st) != 0) continue;
        if (S_ISLNK(st.st_mode) && ((dep && link_leaves(ms, dir, p)) || stat(p, &st) != 0)) continue;
        if (S_ISREG(st.st_mode)) return p;
        /* a FIFO would block the read; a directory or device is no mod file:
         * say so rather than let the mod silently become `local` */
        diag(ms, LP_SEV_ERROR, p, "Cannot read mod file",
             S_ISDIR(st.st_mode)    ? "it is a directory, not a file; it is not read as the mod file"
             : S_ISFIFO(st.st_mode) ? "it is a FIFO, not a regular file; it is not read as the mod file"
                                    : "it is a device or socket, not a regular file; "
                                      "it is not read as the mod file");
    }
    return NULL;
}

static int add_mod(mod_set *ms, const char *root, const char *path, const char *name, const char *title)
{
    if (push(ms, (void **)&ms->mods, &ms->nmods, &ms->cap_mods, sizeof *ms->mods) != 0) return -1;
    mod_desc *m = &ms->mods[ms->nmods++];
    m->root = root;
    m->path = path;
    m->name = name;
    m->title = title;
    m->folder = "";
    m->aliases = NULL;
    m->failed = 0;
    return 0;
}

/* A symbolic link under .powerpipe/mods is not followed (as Powerpipe's
 * directory walk does not): a link to a directory gets a warning, and one to
 * the workspace itself says so (it would make the main mod its own
 * dependency). */
static void linked_mod(mod_set *ms, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return;
    char a[PATH_MAX], b[PATH_MAX];
    int self = realpath(path, a) && realpath(ms->mods[0].root, b) && strcmp(a, b) == 0;
    diag(ms, LP_SEV_WARNING, path, "Linked dependency mod not followed",
         self ? "it is a symbolic link to the workspace's own mod, which cannot be its own dependency; "
                "it is not indexed"
              : "it is a symbolic link; dependency mods are not followed through links, "
                "so it is not indexed");
}

/* Walk a .powerpipe/mods tree: `dir` is a directory under `mods_root`. */
static void walk_mods(mod_set *ms, const char *mods_root, const char *dir, ar_arena *scratch,
                      srcbuf *buf, int depth)
{
    if (depth > MAX_DEPTH || ms->oom) return;
    const char *modfile = mod_file_in(ms, dir, 1);
    if (modfile) {
        const char *base = strrchr(dir, '/');
        base = base ? base + 1 : dir;
        const char *name = base, *title = base;
        if (!read_mod_file(ms, modfile, scratch, buf, 0, &name, &title)) {
            if (ms->oom) return;
            diag(ms, LP_SEV_WARNING, modfile, "No mod block in mod file",
                 "the dependency mod is named after its directory");
        }
        /* path under the mods root, cut at the first '@' */
        size_t rl = strlen(mods_root);
        const char *rel = dir + rl + (dir[rl] == '/');
        const char *at = strchr(rel, '@');
        char *full = build_strdup(ms->arena, rel, at ? (size_t)(at - rel) : strlen(rel));
        if (!full) { ms->oom = 1; return; }
        if (add_mod(ms, dir, full, name, title) != 0) return;
        ms->mods[ms->nmods - 1].folder = rel;   /* two versions of one name: mod_keys */
        char *nested = join(ms, dir, ".powerpipe/mods");
        struct stat st;
        if (nested && stat(nested, &st) == 0 && S_ISDIR(st.st_mode))
            walk_mods(ms, nested, nested, scratch, buf, depth + 1);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        diag(ms, LP_SEV_WARNING, dir, "Cannot read directory", strerror(errno));
        return;
    }
    const char **subs = NULL;
    uint32_t n = 0, cap = 0, others = 0;
    srcfile_info in = dir_input_begin(dirfd(d));
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        dir_input_name(&in, de->d_name);
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        char *p = join(ms, dir, de->d_name);
        if (!p) break;
        struct stat st;
        if (lstat(p, &st) != 0) continue;
        if (S_ISLNK(st.st_mode)) linked_mod(ms, p);
        if (!S_ISDIR(st.st_mode)) {
            others++;
            continue;
        }
        if (push(ms, (void **)&subs, &n, &cap, sizeof *subs) != 0) break;
        subs[n++] = p;
    }
    closedir(d);
    if (de == NULL) inp_add(&ms->inputs, LP_INPUT_DIRECTORY, dir, &in);   /* listed whole */
    /* an installed mod (name@version) or a leaf holding files, without a
     * mod file: its resources would vanish without a word */
    const char *base = strrchr(dir, '/');
    base = base ? base + 1 : dir;
    if (depth > 0 && (strchr(base, '@') || (!n && others))) {
        diag(ms, LP_SEV_WARNING, dir, "Dependency mod without mod file",
             "the directory has no mod.pp (or mod.sp); its files are not indexed");
        if (strchr(base, '@')) n = 0;   /* its subdirectories are its content, not mods */
    }
    if (n) qsort(subs, n, sizeof *subs, cmp_str);
    for (uint32_t i = 0; i < n && !ms->oom; i++) walk_mods(ms, mods_root, subs[i], scratch, buf, depth + 1);
    mem_free(subs, (size_t)cap * sizeof *subs);
}

/* ------------------------------------------------------------ versions of one mod */

/* Powerpipe installs every version a dependency tree needs side by side (name@version folders)
 * and its lock file, .mod.cache.json, says which one each mod uses: for each parent (the main
 * mod's name, or a dependency's folder) the folder of each of its dependencies (pipe-fittings
 * BuildModDependencyPath: name@tag, name@vVERSION, name#branch, or a path).  Only that much of
 * the file is read here (src/mods/lock.c reads and writes all of it). */
typedef struct lock_edge {
    const char *parent, *folder;
} lock_edge;

typedef struct jcur {
    const char *p, *end;
    int bad;
} jcur;

static void jws(jcur *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')) j->p++;
}

static int jeat(jcur *j, char c)
{
    jws(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return 1;
    }
    return 0;
}

/* A string into out (cap bytes, cut); escapes other than \" \\ \/ are kept as '?'. */
static int jstr(jcur *j, char *out, size_t cap)
{
    size_t n = 0;
    if (!jeat(j, '"')) return j->bad = 1, -1;
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c == '\\' && j->p < j->end) {
            c = *j->p++;
            if (c == 'u') j->p += j->end - j->p >= 4 ? 4 : j->end - j->p;
            if (c != '"' && c != '\\' && c != '/') c = '?';
        }
        if (n + 1 < cap) out[n++] = c;
    }
    if (j->p >= j->end) return j->bad = 1, -1;
    j->p++;
    out[n] = 0;
    return 0;
}

static void jskip(jcur *j, int depth)
{
    jws(j);
    if (j->p >= j->end || depth > 32) { j->bad = 1; return; }
    char c = *j->p, tmp[8];
    if (c == '"') { jstr(j, tmp, sizeof tmp); return; }
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        if (jeat(j, close)) return;
        do {
            if (c == '{') {
                jstr(j, tmp, sizeof tmp);
                if (!jeat(j, ':')) j->bad = 1;
            }
            jskip(j, depth + 1);
        } while (!j->bad && jeat(j, ','));
        if (!jeat(j, close)) j->bad = 1;
        return;
    }
    while (j->p < j->end && *j->p != ',' && *j->p != '}' && *j->p != ']') j->p++;
}

/* The parent -> folder edges of <dir>/.mod.cache.json (none when absent or not a lock file). */
static lock_edge *read_lock(mod_set *ms, const char *dir, srcbuf *buf, uint32_t *nedges, uint32_t *capp)
{
    *nedges = *capp = 0;
    char *path = join(ms, dir, ".mod.cache.json");
    size_t len;
    srcfile_info info;
    if (!path || srcfile_read(path, buf, &len, &info) != 0) return NULL;
    lock_edge *e = NULL;
    uint32_t n = 0, cap = 0;
    jcur j = { buf->p, buf->p + len, 0 };
    char parent[1024], name[1024], key[64], val[1024], tag[1024], version[256], branch[1024], mpath[1024];
    if (!jeat(&j, '{') || jeat(&j, '}')) return NULL;
    do {
        if (jstr(&j, parent, sizeof parent) || !jeat(&j, ':') || !jeat(&j, '{')) break;
        if (jeat(&j, '}')) continue;
        do {
            if (jstr(&j, name, sizeof name) || !jeat(&j, ':') || !jeat(&j, '{')) break;
            tag[0] = version[0] = branch[0] = mpath[0] = 0;
            if (!jeat(&j, '}')) {
                do {
                    if (jstr(&j, key, sizeof key) || !jeat(&j, ':')) break;
                    jws(&j);
                    char *to = !strcmp(key, "tag") ? tag : !strcmp(key, "version") ? version
                             : !strcmp(key, "branch") ? branch : !strcmp(key, "path") ? mpath : NULL;
                    if (to && j.p < j.end && *j.p == '"') {
                        jstr(&j, val, sizeof val);
                        snprintf(to, to == version ? sizeof version : sizeof val, "%s", val);
                    } else {
                        jskip(&j, 0);
                    }
                } while (!j.bad && jeat(&j, ','));
                if (!jeat(&j, '}')) j.bad = 1;
            }
            if (j.bad) break;
            char folder[2400];
            if (tag[0]) snprintf(folder, sizeof folder, "%s@%s", name, tag);
            else if (version[0]) snprintf(folder, sizeof folder, "%s@v%s", name, version);
            else if (branch[0]) snprintf(folder, sizeof folder, "%s#%s", name, branch);
            else snprintf(folder, sizeof folder, "%s", mpath[0] ? mpath : name);
            if (push(ms, (void **)&e, &n, &cap, sizeof *e) != 0) break;
            e[n].parent = build_strdup(ms->arena, parent, strlen(parent));
            e[n].folder = build_strdup(ms->arena, folder, strlen(folder));
            if (!e[n].parent || !e[n].folder) { ms->oom = 1; break; }
            n++;
        } while (!j.bad && jeat(&j, ','));
        if (!j.bad && !jeat(&j, '}')) j.bad = 1;
    } while (!j.bad && !ms->oom && jeat(&j, ','));
    if (ms->oom) n = 0;
    *nedges = n;
    *capp = cap;
    return e;
}

uint32_t idx_mod_alias(const char *aliases, const char *label, size_t n)
{
    for (const char *p = aliases; p && *p;) {
        const char *eq = strchr(p, '='), *end = eq ? strchr(eq, ';') : NULL;
        if (!end) break;
        if ((size_t)(eq - p) == n && memcmp(p, label, n) == 0) return (uint32_t)strtoul(eq + 1, NULL, 10);
        p = end + 1;
    }
    return UINT32_MAX;
}

static void alias_add(mod_set *ms, uint32_t m, const char *label, uint32_t to)
{
    const char *old = ms->mods[m].aliases ? ms->mods[m].aliases : "";
    if (idx_mod_alias(old, label, strlen(label)) != UINT32_MAX) return;
    size_t n = strlen(old) + strlen(label) + 16;
    char *a = build_alloc(ms->arena, n);
    if (!a) { ms->oom = 1; return; }
    snprintf(a, n, "%s%s=%u;", old, label, to);
    ms->mods[m].aliases = a;
}

/* Index names for two versions of one mod (the same label): the version the main mod reaches
 * first through the lock file's edges (breadth first: its own dependency, then theirs) keeps the
 * label, another is "label@version" (its folder's version), and every mod whose lock entry
 * points at such a version, and that version itself, get an alias for it, so each mod's
 * references reach the version it depends on.  Without a lock entry the first in path order
 * keeps the label and a warning says so. */
static void mod_keys(mod_set *ms, const char *dir, srcbuf *buf)
{
    uint32_t n = ms->nmods, dup = 0;
    for (uint32_t a = 1; a < n && !dup; a++)
        for (uint32_t b = a + 1; b < n && !dup; b++) dup = strcmp(ms->mods[a].name, ms->mods[b].name) == 0;
    if (!dup) return;
    uint32_t nedges, cap_edges;
    lock_edge *edges = read_lock(ms, dir, buf, &nedges, &cap_edges);
    uint32_t *order = build_alloc(ms->arena, (size_t)n * sizeof *order + 1);
    uint8_t *seen = build_alloc(ms->arena, n + 1);
    if (!order || !seen) { ms->oom = 1; goto out; }
    memset(seen, 0, n);
    uint32_t no = 0;
    order[no++] = 0;
    seen[0] = 1;
    for (uint32_t q = 0; q < no; q++) {          /* breadth first from the main mod */
        const char *key = order[q] ? ms->mods[order[q]].folder : ms->mods[0].name;
        for (uint32_t e = 0; e < nedges; e++) {
            if (strcmp(edges[e].parent, key) != 0) continue;
            for (uint32_t d = 1; d < n; d++) {
                if (strcmp(ms->mods[d].folder, edges[e].folder) != 0 || seen[d]) continue;
                seen[d] = 1;
                order[no++] = d;
            }
        }
    }
    int walked = no > 1;
    for (uint32_t d = 1; d < n; d++)
        if (!seen[d]) order[no++] = d;             /* the rest in path order */
    const char **label = build_alloc(ms->arena, (size_t)n * sizeof *label);
    if (!label) { ms->oom = 1; goto out; }
    for (uint32_t d = 0; d < n; d++) label[d] = ms->mods[d].name;
    for (uint32_t i = 1; i < no; i++) {
        uint32_t d = order[i];
        int taken = 0;
        for (uint32_t k = 1; k < i && !taken; k++) taken = strcmp(ms->mods[order[k]].name, label[d]) == 0;
        if (!taken) continue;
        const char *at = strrchr(ms->mods[d].folder, '@');
        const char *ver = at ? at + 1 : ms->mods[d].folder;
        size_t kl = strlen(label[d]) + strlen(ver) + 2;
        char *k = build_alloc(ms->arena, kl);
        if (!k) { ms->oom = 1; goto out; }
        snprintf(k, kl, "%s@%s", label[d], ver);
        ms->mods[d].name = k;
        alias_add(ms, d, label[d], d);
        if (!walked || !seen[d]) {
            char detail[1024];
            snprintf(detail, sizeof detail,
                     "mod %s is installed twice and no lock file entry (.mod.cache.json) says which mods use "
                     "%s; it is indexed as %s, references to %s reach the other version", label[d],
                     ms->mods[d].root, k, label[d]);
            diag(ms, LP_SEV_WARNING, ms->mods[d].root, "Duplicate mod versions detected", detail);
        }
    }
    /* aliases along the lock's edges, to the renamed versions */
    for (uint32_t p = 0; p < n && !ms->oom; p++) {
        const char *key = p ? ms->mods[p].folder : ms->mods[0].name;
        for (uint32_t e = 0; e < nedges; e++) {
            if (strcmp(edges[e].parent, key) != 0) continue;
            for (uint32_t d = 1; d < n; d++)
                if (strcmp(ms->mods[d].folder, edges[e].folder) == 0 && ms->mods[d].name != label[d])
                    alias_add(ms, p, label[d], d);
        }
    }
out:
    mem_free(edges, (size_t)cap_edges * sizeof *edges);
}

int mod_discover(mod_set *ms, const char *dir, ar_arena *scratch, srcbuf *buf)
{
    /* the main mod */
    const char *modfile = mod_file_in(ms, dir, 0);
    const char *name = "local", *title = "local";
    if (modfile && !read_mod_file(ms, modfile, scratch, buf, 1, &name, &title) && !ms->oom)
        diag(ms, LP_SEV_ERROR, modfile, "No mod definition found",
             "the mod file has no labelled mod block; the workspace is the mod `local`");
    if (ms->oom || add_mod(ms, dir, "", name, title) != 0) return -1;

    /* dependency mods */
    char *mods_root = join(ms, dir, ".powerpipe/mods");
    struct stat st;
    if (mods_root && stat(mods_root, &st) == 0 && S_ISDIR(st.st_mode)) {
        walk_mods(ms, mods_root, mods_root, scratch, buf, 0);
    } else if (mods_root) {   /* absent: a `mod install` creating it changes the workspace */
        srcfile_info none = { .err = ENOENT };
        inp_add(&ms->inputs, LP_INPUT_DIRECTORY, mods_root, &none);
    }
    if (!ms->oom) mod_keys(ms, dir, buf);
    if (ms->oom) return -1;
    /* installed: some dependency mod, at any depth, has the required path */
    for (uint32_t r = 0; r < ms->nreqs; r++)
        for (uint32_t m = 1; m < ms->nmods && !ms->reqs[r].installed; m++)
            ms->reqs[r].installed = strcmp(ms->mods[m].path, ms->reqs[r].path) == 0;

    /* files of every mod, mod by mod, each in path order (list_dir) */
    lister L = { .ms = ms };
#ifdef MOD_GETDENTS
    L.dents = mem_malloc(DENTS_SIZE);
    if (!L.dents) ms->oom = 1;
#endif
    for (uint32_t m = 0; m < ms->nmods && !ms->oom; m++) {
        ignore_set ig;
        load_ignore(ms, ms->mods[m].root, buf, &ig);
        L.mod = m;
        L.ig = &ig;
        L.snapshots = m == 0;
        list_dir(&L, ms->mods[m].root, strlen(ms->mods[m].root), 0);
    }
    mem_free(L.ents, (size_t)L.cap_ents * sizeof *L.ents);
#ifdef MOD_GETDENTS
    mem_free(L.dents, DENTS_SIZE);
#endif
    if (ms->oom || ms->diags->oom || ms->inputs.oom) return -1;
    return 0;
}

int mod_requires_from(mod_set *ms, const lp_workspace *p)
{
    if (!p->ix.nreqs) return 0;
    ms->reqs = mem_calloc(p->ix.nreqs, sizeof *ms->reqs);
    if (!ms->reqs) return -1;
    ms->cap_reqs = ms->nreqs = p->ix.nreqs;
    for (uint32_t i = 0; i < p->ix.nreqs; i++) {
        const idx_require *q = &p->ix.reqs[i];
        ms->reqs[i] = (mod_require){ .path = idx_str(p, q->path), .version = idx_str(p, q->version),
                                     .file = idx_str(p, q->file), .line = q->line, .col = q->col,
                                     .installed = (int)q->installed };
    }
    return 0;
}

void mod_set_free(mod_set *ms)
{
    mem_free(ms->mods, (size_t)ms->cap_mods * sizeof *ms->mods);
    mem_free(ms->files, (size_t)ms->cap_files * sizeof *ms->files);
    mem_free(ms->snapshots, (size_t)ms->cap_snapshots * sizeof *ms->snapshots);
    mem_free(ms->reqs, (size_t)ms->cap_reqs * sizeof *ms->reqs);
    ms->mods = NULL;
    ms->files = NULL;
    ms->snapshots = NULL;
    ms->reqs = NULL;
    ms->nmods = ms->nfiles = ms->nsnapshots = ms->nreqs = 0;
}

/* ------------------------------------------------------------ readers */

uint32_t lp_require_count(const lp_workspace *ws) { return ws ? ws->ix.nreqs : 0; }

int lp_require_get(const lp_workspace *ws, uint32_t i, lp_require_info *o)
{
    if (!ws || i >= ws->ix.nreqs || !o) return LP_ERR_ARG;
    const idx_require *q = &ws->ix.reqs[i];
    o->path = idx_str(ws, q->path);
    o->version = idx_str(ws, q->version);
    o->installed = (int)q->installed;
    o->file = idx_str(ws, q->file);
    o->line = q->line;
    o->col = q->col;
    return LP_OK;
}
