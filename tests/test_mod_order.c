/* test_mod_order.c — the order of the files lp_open lists (POWERPIPE_BEHAVIOR
 * §3.1: the files of each mod, mods in discovery order, each mod's paths in
 * bytewise order).  Trees with names that differ at '.', '/', '_', '-',
 * digits, case, bytes above 0x7F and around the 8th byte are built in
 * temporary directories; the expected list comes from this file's own walk
 * of each mod root (lstat, the listing rules written out by hand) and a
 * strcmp qsort of the full paths — nothing from src/index/mod.c.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/paths.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(mod_order, .fini = done);

/* ------------------------------------------------------------ the expectation */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Hand-written ignore rules of the trees below that have a .powerpipeignore
 * (kept in step with the file's text by the tests that write it). */
typedef struct rules {
    const char *dir_name;        /* directories of this name, at any depth */
    const char *file_suffix;     /* files ending so */
} rules;

/* Every listed file below root: *.pp and *.sp (longer than the extension),
 * regular files or symlinks to one or to nothing; directories entered except
 * hidden ones directly under the root, directory symlinks never. */
static void walk(paths *out, const char *root, const char *rel, const rules *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    cr_assert(d, "opendir %s: %s", path, strerror(errno));
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, "..")) continue;
        if (!rel[0] && nm[0] == '.') continue;
        char sub[4096], full[8200];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", nm);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        cr_assert_eq(lstat(full, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            if (!(r && r->dir_name && !strcmp(nm, r->dir_name))) walk(out, root, sub, r);
            continue;
        }
        if (S_ISLNK(st.st_mode)) {
            struct stat t;
            if (stat(full, &t) == 0 && !S_ISREG(t.st_mode)) continue;   /* to a directory */
        } else if (!S_ISREG(st.st_mode)) {
            continue;
        }
        if (!ends_with(nm, ".pp") && !ends_with(nm, ".sp")) continue;
        if (r && r->file_suffix && ends_with(nm, r->file_suffix)) continue;
        cr_assert_eq(paths_add(out, full), 0);
    }
    closedir(d);
}

/* The files lp_open listed equal, mod by mod, the strcmp-sorted walk of each
 * mod root (the main mod's root as `shown`: "." lists bare relative paths).
 * `r` applies to the main mod only.  Returns the number of files. */
static size_t check_order(const lp_workspace *w, const char *shown_main_root, const rules *r)
{
    size_t at = 0, nfiles = lp_file_count(w);
    for (uint32_t m = 0; m < lp_mod_count(w); m++) {
        lp_mod_info mi;
        cr_assert_eq(lp_mod_get(w, m, &mi), LP_OK);
        paths want = { 0 };
        walk(&want, mi.root, "", m == 0 ? r : NULL);
        if (m == 0 && shown_main_root) {
            /* the paths as listed start with the root as given to lp_open */
            size_t rl = strlen(mi.root);
            for (size_t i = 0; i < want.n; i++) {
                char p[4096];
                if (!strcmp(shown_main_root, "."))
                    snprintf(p, sizeof p, "%s", want.v[i] + rl + 1);
                else
                    snprintf(p, sizeof p, "%s%s", shown_main_root, want.v[i] + rl);
                free(want.v[i]);
                want.v[i] = strdup(p);
            }
        }
        paths_sort(&want);   /* strcmp */
        for (size_t i = 0; i < want.n; i++, at++) {
            cr_assert_lt(at, nfiles, "mod %u: %s is not listed", m, want.v[i]);
            lp_file_info fi;
            cr_assert_eq(lp_file_get(w, (uint32_t)at, &fi), LP_OK);
            cr_assert_str_eq(fi.path, want.v[i], "file %zu (mod %u)", at, m);
            cr_assert_eq(fi.mod, m, "%s", fi.path);
        }
        paths_free(&want);
    }
    cr_assert_eq(at, nfiles, "more files listed than the walk finds");
    return at;
}

/* ------------------------------------------------------------ trees */

static void put(const char *root, const char *rel) { wf_write(root, rel, "# listed\n"); }

static void put_dir(const char *root, const char *rel)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    cr_assert(mkdir(p, 0755) == 0 || errno == EEXIST, "mkdir %s", p);
}

static void link_to(const char *root, const char *rel, const char *target)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    cr_assert_eq(symlink(target, p), 0, "symlink %s", p);
}

/* Names that sort differently as bare names and as paths, and around the
 * 8-byte boundary (a directory's key continues with '/'). */
static const char *const tricky[] = {
    "a.pp", "a/x.pp", "a_b/y.pp", "a-c.pp", "a0.pp", "a0/b.pp", "A.pp", "B/z.pp", "b.pp",
    "a.sp", "a b.pp", "a.d/w.pp", "a.pp.pp", "a/b.pp", "a/b/c/d.pp", "a/b_/e.pp", "a/b-/f.pp",
    "a/b0/g.pp", "a/B/h.pp", "ab/i.pp", "ab.pp", "abcdefg.pp", "abcdefg/j.pp", "abcdefgh.pp",
    "abcdefgh/k.pp", "abcdefgh_x.pp", "abcdefgh-x.pp", "abcdefghi.pp", "abcdefgh0/l.pp",
    "abcdefg_/m.pp", "abcdefgh.pp.d/n.pp", "x/abcdefgh/abcdefgh.pp", "x/abcdefgh.sp",
    "\xc3\xa9.pp", "\xc3\xa9/o.pp", "\xff.pp", "z~.pp", "z/\x7f.pp", "dirlike.pp/p.pp",
    "zz/yy/xx/ww/vv.pp", "zz/yy.pp", "zz/yy-/q.pp", "zz/yy_/r.pp", "abcdefgh\xc3\xa9.pp", "abcdefgha.pp",
    "abcdefgh\xff/s.pp",
};

static void tricky_tree(const char *root)
{
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) put(root, tricky[i]);
    /* not listed */
    put(root, "a.md");
    put(root, "a.ppx");
    put(root, ".pp");
    put(root, "a/.sp");
    put(root, ".hidden/s.pp");
    put(root, ".t.pp");
    put(root, "snap.pps");
    put_dir(root, "empty");
    put_dir(root, "empty.pp");
}

Test(mod_order, tricky_names_in_one_mod)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    tricky_tree(dir);
    put(dir, "a/.hidden_below_root/u.pp");              /* hidden below the root: listed */
    char target[4096];
    snprintf(target, sizeof target, "%s/a.pp", dir);
    link_to(dir, "a/linked.pp", target);                 /* a file symlink is listed */
    snprintf(target, sizeof target, "%s/a", dir);
    link_to(dir, "a/linked_dir", target);                /* a directory symlink is not followed */
    link_to(dir, "a/dangling.pp", "/nonexistent/lp_target.pp");   /* listed, reported when read */
    ws = wf_open(dir, 1);
    size_t n = check_order(ws, NULL, NULL);
    /* by hand: the tricky names, mod.pp and the three below a/ */
    cr_assert_eq(n, sizeof tricky / sizeof *tricky + 1 + 3);
    /* a few orders worked out by hand (0x2E '.' < 0x2F '/' < 0x30 '0' < 0x5F '_') */
    const char *const order[] = { "A.pp", "B/z.pp", "a b.pp", "a-c.pp", "a.d/w.pp", "a.pp", "a.pp.pp", "a.sp",
                                  "a/B/h.pp", "a/b-/f.pp", "a/b.pp", "a/b/c/d.pp", "a/b0/g.pp", "a/b_/e.pp" };
    size_t dl = strlen(dir), k = 0;
    for (uint32_t f = 0; f < lp_file_count(ws) && k < sizeof order / sizeof *order; f++) {
        lp_file_info fi;
        lp_file_get(ws, f, &fi);
        if (!strcmp(fi.path + dl + 1, order[k])) k++;
    }
    cr_assert_eq(k, sizeof order / sizeof *order, "hand order broken at %s", order[k < 14 ? k : 0]);
}

Test(mod_order, dependency_mods_keep_mod_order)
{
    dir = wf_mod_dir("mod \"main\" {\n}\n");
    put(dir, "b.pp");
    put(dir, "zz/q.pp");
    /* '-' (0x2D) sorts before '_' (0x5F): dep-b is found first, then its own
     * dependency, then dep_a */
    const char *deps[][2] = {
        { ".powerpipe/mods/github.com/o/dep_a@v1.0.0", "dep_a" },
        { ".powerpipe/mods/github.com/o/dep-b@v1.0.0", "dep_b" },
        { ".powerpipe/mods/github.com/o/dep-b@v1.0.0/.powerpipe/mods/github.com/o/leaf@v0.1.0", "leaf" },
    };
    for (size_t i = 0; i < sizeof deps / sizeof *deps; i++) {
        char root[4096], rel[4096], text[256];
        snprintf(rel, sizeof rel, "%s/mod.pp", deps[i][0]);
        snprintf(text, sizeof text, "mod \"%s\" {\n}\n", deps[i][1]);
        wf_write(dir, rel, text);
        snprintf(root, sizeof root, "%s/%s", dir, deps[i][0]);
        tricky_tree(root);
    }
    ws = wf_open(dir, 2);
    cr_assert_eq(lp_mod_count(ws), 4);
    const char *names[] = { "main", "dep_b", "leaf", "dep_a" };
    for (uint32_t m = 0; m < 4; m++) {
        lp_mod_info mi;
        lp_mod_get(ws, m, &mi);
        cr_assert_str_eq(mi.name, names[m]);
    }
    size_t n = check_order(ws, NULL, NULL);
    cr_assert_eq(n, 3 + 3 * (sizeof tricky / sizeof *tricky + 1));
    /* the main mod's files come first although ".powerpipe/..." sorts before "b.pp" */
    lp_file_info fi;
    lp_file_get(ws, 0, &fi);
    cr_assert(ends_with(fi.path, "/b.pp"), "%s", fi.path);
}

Test(mod_order, powerpipeignore_and_root_spelled_differently)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    tricky_tree(dir);
    put(dir, "ign/v.pp");
    put(dir, "a/ign/v.pp");
    put(dir, "a/one.skip.pp");
    put(dir, "ign.pp");
    wf_write(dir, ".powerpipeignore", "# hand rules: see `r` below\nign/\n*.skip.pp\n");
    const rules r = { "ign", ".skip.pp" };
    /* the root with a trailing slash: lp_open lists it without */
    char given[4096];
    snprintf(given, sizeof given, "%s/", dir);
    ws = wf_open(given, 1);
    size_t n = check_order(ws, dir, &r);
    cr_assert_eq(n, sizeof tricky / sizeof *tricky + 2);   /* + mod.pp, ign.pp */
    lp_close(ws);
    ws = NULL;
    /* the root as ".": bare relative paths, the same order */
    char cwd[4096];
    cr_assert(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(dir), 0);
    ws = wf_open(".", 1);
    size_t n2 = check_order(ws, ".", &r);
    cr_assert_eq(chdir(cwd), 0);
    cr_assert_eq(n2, n);
    lp_file_info fi;
    lp_file_get(ws, 0, &fi);
    cr_assert_str_eq(fi.path, "A.pp");
}

/* Many generated names from a small alphabet around '/' (fixed seed): each
 * directory large enough that the sort does real work. */
Test(mod_order, generated_names)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    static const char alpha[] = "-.0_Aab\xc3~";
    uint32_t s = 12345;
    for (int i = 0; i < 300; i++) {
        char name[64];
        size_t len = 0;
        s = s * 1103515245u + 12345u;
        size_t want = 1 + (s >> 16) % 11;
        for (size_t j = 0; j < want; j++) {
            s = s * 1103515245u + 12345u;
            name[len++] = alpha[(s >> 16) % (sizeof alpha - 1)];
        }
        name[len] = '\0';
        if (name[0] == '.') name[0] = 'a';             /* not hidden at the root */
        if (!strcmp(name, "..") || !strcmp(name, ".")) continue;
        char rel[256];
        s = s * 1103515245u + 12345u;
        if ((s >> 16) % 3 == 0) snprintf(rel, sizeof rel, "%s/in.pp", name);    /* a directory */
        else snprintf(rel, sizeof rel, "%s.pp", name);                            /* a file */
        /* no clash of a file and a directory: file names end in ".pp", and
         * the alphabet has no 'p' */
        put(dir, rel);
    }
    ws = wf_open(dir, 1);
    size_t n = check_order(ws, NULL, NULL);
    cr_assert_gt(n, 150);
}

/* Directories nested deeper than the listing goes (128 levels below the mod
 * root, mod.c's limit) are reported, one diagnostic per cut-off directory,
 * in path order whatever order the directories were made in. */
Test(mod_order, too_deep_directories_reported_in_path_order)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    const char *tops[] = { "b", "a_", "a" };
    char rel[1024];
    for (size_t t = 0; t < 3; t++) {
        size_t n = (size_t)snprintf(rel, sizeof rel, "%s", tops[t]);
        for (int lvl = 2; lvl <= 128; lvl++) n += (size_t)snprintf(rel + n, sizeof rel - n, "/d");
        snprintf(rel + n, sizeof rel - n, "/kept.pp");          /* in the 128th directory: listed */
        put(dir, rel);
        snprintf(rel + n, sizeof rel - n, "/d/cut.pp");         /* in the 129th: not */
        put(dir, rel);
    }
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_file_count(ws), 4);                          /* mod.pp and the three kept.pp */
    cr_assert_eq(wf_count_diags(ws, "Directory nesting too deep", NULL), 3);
    const char *want[] = { "a", "a_", "b" };
    size_t dl = strlen(dir), k = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        if (!strstr(d->summary, "Directory nesting too deep")) continue;
        cr_assert_eq(strncmp(d->file, dir, dl), 0);
        size_t tl = strlen(want[k]);
        cr_assert(!strncmp(d->file + dl + 1, want[k], tl) && d->file[dl + 1 + tl] == '/', "%s", d->file);
        cr_assert_eq(strlen(d->file), dl + 1 + tl + 128 * 2, "%s", d->file);   /* the 129th directory */
        k++;
    }
}
