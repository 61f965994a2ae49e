/* test_readme_tour.c — the README's five-minute tour runs as written: every command of its sh blocks
 * is run by /bin/sh from a directory laid out as the repository's root (build/ and tests/ linked), with
 * build/demo.db made as `make demo` makes it; a benchmark run ends 1 (its alarms, as the README says),
 * every other command 0, and each prints what the tour shows.  `make pg-start` is what make check has
 * done already; the server is started on a free port instead of 9033 (another test may hold it) and
 * the page the README says to open is fetched from it.  docs/mods.md's offline quick start (which the
 * README points to) runs as written too, from the bare repositories of ../shared/testdata/git. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/jsontree.h"
#include "support/shared.h"
#include "support/wsfix.h"

#define MAX_CMDS 16

typedef struct {
    char *cmds[MAX_CMDS];
    int n;
} tour_block;

/* The README's "## A five-minute tour" section, its ```sh blocks in order, each command one string
 * (a line ending in a backslash joined with the next). */
static int tour_blocks(tour_block *blocks, int max)
{
    size_t len;
    char *readme = jt_read_file("README.md", &len);
    cr_assert(readme, "README.md not found (run from the repository root)");
    char *sec = strstr(readme, "\n## A five-minute tour\n");
    cr_assert(sec, "README.md has no \"## A five-minute tour\" section");
    char *end = strstr(sec + 1, "\n## ");
    if (end) *end = 0;
    int nb = 0;
    for (char *p = sec; (p = strstr(p, "\n```sh\n")) && nb < max; nb++) {
        p += 7;
        char *close = strstr(p, "\n```");
        cr_assert(close, "an unclosed sh block in the tour");
        *close = 0;
        tour_block *b = &blocks[nb];
        b->n = 0;
        char cmd[4096] = "";
        for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n")) {
            size_t l = strlen(line), have = strlen(cmd);
            int more = l > 0 && line[l - 1] == '\\';
            cr_assert_lt(have + l + 1, sizeof cmd);
            memcpy(cmd + have, line, l - (size_t)more);
            cmd[have + l - (size_t)more] = 0;
            if (more) continue;
            cr_assert_lt(b->n, MAX_CMDS);
            b->cmds[b->n++] = strdup(cmd);
            cmd[0] = 0;
        }
        p = close + 1;
    }
    free(readme);
    return nb;
}

/* A directory laid out as the repository's root, one per test (the tests of a file run two at a
 * time): tests/ is the repository's, build/ holds a link to each of the repository's build/ entries
 * but demo.db, so the binaries and the sample mod are there and what the tour writes (build/demo.db,
 * s3.json) is the test's own. */
static char *tour_root(void)
{
    char *dir = wf_tmpdir(), cwd[4096], from[4400], to[4400];
    cr_assert(getcwd(cwd, sizeof cwd));
    snprintf(from, sizeof from, "%s/tests", cwd);
    snprintf(to, sizeof to, "%s/tests", dir);
    cr_assert_eq(symlink(from, to), 0, "symlink %s: %s", to, strerror(errno));
    snprintf(to, sizeof to, "%s/build", dir);
    cr_assert_eq(mkdir(to, 0755), 0);
    DIR *d = opendir("build");
    cr_assert(d, "no build/ in the repository");
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "demo.db") == 0) continue;
        snprintf(from, sizeof from, "%s/build/%s", cwd, e->d_name);
        snprintf(to, sizeof to, "%s/build/%s", dir, e->d_name);
        cr_assert_eq(symlink(from, to), 0, "symlink %s: %s", to, strerror(errno));
    }
    closedir(d);
    return dir;
}

/* Runs CMD with /bin/sh in DIR; its stdout and stderr into *out (caller frees); the exit status. */
static int sh_in(const char *dir, const char *cmd, char **out)
{
    char *line = NULL;
    size_t cap = 0;
    if (asprintf(&line, "cd '%s' && { %s\n} 2>&1", dir, cmd) < 0) cr_assert_fail("asprintf");
    FILE *p = popen(line, "r");
    cr_assert(p, "popen: %s", strerror(errno));
    char *buf = NULL;
    size_t n = 0, k;
    char chunk[4096];
    while ((k = fread(chunk, 1, sizeof chunk, p)) > 0) {
        if (n + k + 1 > cap) {
            cap = (n + k + 1) * 2;
            buf = realloc(buf, cap);
            cr_assert(buf);
        }
        memcpy(buf + n, chunk, k);
        n += k;
    }
    if (!buf) buf = calloc(1, 1);
    buf[n] = 0;
    int st = pclose(p);
    free(line);
    *out = buf;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* Runs every command of one block as written: "make pg-start" is make check's own, and is the only
 * make line the tour may have; a benchmark run ends 1 (its alarms), the rest 0.  Returns the
 * block's output, commands and outputs one after the other. */
static char *run_block(const char *dir, const tour_block *b)
{
    char *all = strdup("");
    for (int i = 0; i < b->n; i++) {
        const char *cmd = b->cmds[i];
        if (strncmp(cmd, "make ", 5) == 0) {
            cr_expect_str_eq(cmd, "make pg-start", "a make line in the tour that the test does not know");
            continue;
        }
        char *out;
        int st = sh_in(dir, cmd, &out), want = strstr(cmd, " benchmark run ") ? 1 : 0;
        cr_expect_eq(st, want, "`%s`: exit %d, not %d:\n%s", cmd, st, want, out);
        char *joined;
        if (asprintf(&joined, "%s$ %s\n%s", all, cmd, out) < 0) cr_assert_fail("asprintf");
        free(all);
        free(out);
        all = joined;
    }
    return all;
}

static tour_block blocks[8];
static int nblocks;
static char *root;

static void setup(void)
{
    nblocks = tour_blocks(blocks, 8);
    cr_assert_eq(nblocks, 4, "the tour has 4 sh blocks (index, SQLite, PostgreSQL, server), not %d", nblocks);
    root = tour_root();
    char *out;
    /* build/demo.db as make demo makes it */
    cr_assert_eq(sh_in(root, "rm -f build/demo.db && sqlite3 build/demo.db < tests/data/demo.sql", &out), 0,
                 "%s", out);
    free(out);
}

static void teardown(void)
{
    for (int i = 0; i < nblocks; i++)
        for (int k = 0; k < blocks[i].n; k++) free(blocks[i].cmds[k]);
    wf_remove(root);
}

TestSuite(tour, .init = setup, .fini = teardown, .timeout = 60);

Test(tour, the_index_and_sqlite_blocks_run_as_written)
{
    char *out = run_block(root, &blocks[0]);
    cr_expect(strstr(out, "s3") && strstr(out, "s3_versioning"), "the index block printed:\n%s", out);
    free(out);
    out = run_block(root, &blocks[1]);
    /* the SQLite rows of tests/data/demo.sql: one bucket public, two unversioned */
    cr_expect(strstr(out, "ALARM") && strstr(out, "website-assets") && strstr(out, "\"one\": 1"),
              "the SQLite block printed:\n%s", out);
    free(out);
}

Test(tour, the_postgres_block_runs_as_written)
{
    if (strcmp(ts_pg_url(), "postgres://steampipe@127.0.0.1:9193/steampipe") != 0)
        ts_skip("the tour names the tests' PostgreSQL at 127.0.0.1:9193; LP_PG_URL is %s", ts_pg_url());
    char *out = run_block(root, &blocks[2]);
    cr_expect(strstr(out, "website-assets is publicly readable."), "the PostgreSQL block printed:\n%s", out);
    char path[4200];
    snprintf(path, sizeof path, "%s/s3.json", root);
    size_t len;
    char *json = jt_read_file(path, &len), err[200];
    cr_assert(json, "the tour's --export s3.json wrote nothing");
    jt *doc = jt_parse(json, len, err, sizeof err);
    cr_assert(doc, "s3.json: %s", err);
    const jt *id = jt_get(doc, "group_id");
    cr_expect(id && id->kind == JT_STR && strcmp(id->s, "root_result_group") == 0, "s3.json: %s", json);
    jt_free(doc);
    free(json);
    free(out);
    sh_in(root, "psql -q postgres://steampipe@127.0.0.1:9193/steampipe -c 'drop schema tour cascade'", &out);
    free(out);
}

Test(tour, the_server_block_serves_the_page_it_names)
{
    cr_assert_eq(blocks[3].n, 1);
    size_t len;
    char *readme = jt_read_file("README.md", &len);
    cr_assert(readme);
    const char *url = strstr(readme, "<http://localhost:9033/");
    cr_assert(url, "the tour names no page of the server on localhost:9033");
    char page[256];
    cr_assert_eq(sscanf(url + 23, "%255[^>]", page), 1);
    free(readme);
    int port = ts_free_port();
    char *cmd;
    if (asprintf(&cmd, "cd '%s' && exec %s --port %d >server.log 2>&1", root, blocks[3].cmds[0], port) < 0)
        cr_assert_fail("asprintf");
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    free(cmd);
    char *fetch, *out = NULL;
    if (asprintf(&fetch, "curl -s -o page.html -w '%%{http_code}' http://localhost:%d/%s", port, page) < 0)
        cr_assert_fail("asprintf");
    int ok = 0;
    for (int i = 0; i < 100 && !ok; i++) {
        free(out);
        sh_in(root, fetch, &out);
        ok = strcmp(out, "200") == 0;
        if (!ok) usleep(100 * 1000);
    }
    cr_expect(ok, "GET /%s on the tour's server: %s", page, out);
    free(out);
    free(fetch);
    sh_in(root, "grep -c '<html' page.html", &out);
    cr_expect_neq(atoi(out), 0, "the page is no HTML document");
    free(out);
    cr_assert_eq(kill(pid, SIGINT), 0);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the server's Ctrl-C: status %#x", st);
}

/* ---------------------------------------------------------- docs/mods.md's offline quick start */

/* The sh block of docs/mods.md after "The same offline", "make pg-start" (make check's own) left out,
 * as one script: its lines export and cd for the ones after them.  malloc'd. */
static char *offline_block(void)
{
    size_t len;
    char *doc = jt_read_file("docs/mods.md", &len);
    cr_assert(doc, "docs/mods.md not found (run from the repository root)");
    char *at = strstr(doc, "The same offline");
    cr_assert(at, "docs/mods.md has no offline quick start");
    char *open = strstr(at, "\n```sh\n");
    cr_assert(open);
    open += 7;
    char *close = strstr(open, "\n```");
    cr_assert(close);
    *close = 0;
    char *script = calloc(1, strlen(open) + 2), *o = script;
    for (char *line = strtok(open, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "make ", 5) == 0) {
            cr_expect_str_eq(line, "make pg-start",
                             "a make line in the quick start that the test does not know");
            continue;
        }
        o += sprintf(o, "%s\n", line);
    }
    free(doc);
    return script;
}

/* A repository root beside a shared/ that is $LP_SHARED (the quick start reads ../shared): tests/
 * linked, build/ holding a link to each of the repository's build/ entries but what the quick start
 * writes (offline-git, my-mod). */
static char *quick_start_root(const char *shared)
{
    char *dir = wf_tmpdir(), cwd[4096], from[4400], to[4400];
    cr_assert(getcwd(cwd, sizeof cwd));
    snprintf(to, sizeof to, "%s/shared", dir);
    cr_assert_eq(symlink(shared, to), 0, "symlink %s: %s", to, strerror(errno));
    snprintf(to, sizeof to, "%s/repo", dir);
    cr_assert_eq(mkdir(to, 0755), 0);
    snprintf(from, sizeof from, "%s/tests", cwd);
    snprintf(to, sizeof to, "%s/repo/tests", dir);
    cr_assert_eq(symlink(from, to), 0, "symlink %s: %s", to, strerror(errno));
    snprintf(to, sizeof to, "%s/repo/build", dir);
    cr_assert_eq(mkdir(to, 0755), 0);
    DIR *d = opendir("build");
    cr_assert(d, "no build/ in the repository");
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "offline-git") || !strcmp(e->d_name, "my-mod"))
            continue;
        snprintf(from, sizeof from, "%s/build/%s", cwd, e->d_name);
        snprintf(to, sizeof to, "%s/repo/build/%s", dir, e->d_name);
        cr_assert_eq(symlink(from, to), 0, "symlink %s: %s", to, strerror(errno));
    }
    closedir(d);
    return dir;
}

Test(tour, the_offline_quick_start_runs_as_written)
{
    const char *git = ts_shared("testdata/git");
    if (strcmp(ts_pg_url(), "postgres://steampipe@127.0.0.1:9193/steampipe") != 0)
        ts_skip("the installed mod's database is 127.0.0.1:9193, the tests' PostgreSQL; LP_PG_URL is %s",
                ts_pg_url());
    char shared[4096], *out;
    cr_assert(realpath(git, shared), "%s", git);
    *strstr(shared, "/testdata/git") = 0;
    char *qs = quick_start_root(shared), repo[4200];
    snprintf(repo, sizeof repo, "%s/repo", qs);
    /* the newest release of the mod, from its repository's tags (what `mod install` must pick; the
     * stored copy has its refs in packed-refs only, which git will not read without a refs/ folder) */
    char *cmd;
    if (asprintf(&cmd, "sed -n 's|.*refs/tags/\\(v[0-9.]*\\)$|\\1|p' "
                       "'%s/testdata/git/github.com/turbot/steampipe-mod-aws-compliance.git/packed-refs' | "
                       "sort -V | tail -1 | tr -d '\\n'", shared) < 0 ||
        sh_in(repo, cmd, &out) != 0)
        cr_assert_fail("git tag: %s", out);
    free(cmd);
    char newest[64];
    snprintf(newest, sizeof newest, "%s", out);
    free(out);
    cr_assert(newest[0] == 'v', "no release tag: %s", newest);

    char *script = offline_block();
    int st = sh_in(repo, script, &out);
    /* every control in error (the tests' PostgreSQL has no AWS tables): ExitCodeControlsError */
    cr_expect_eq(st, 2, "the quick start's last command exits %d, not 2:\n%s\n%s", st, script, out);
    char want[4400], real[4096];
    cr_assert(realpath(repo, real));
    snprintf(want, sizeof want, "Created mod definition file '%s/build/my-mod/mod.pp'\n", real);
    cr_expect(strstr(out, want), "no \"%s\" in:\n%s", want, out);
    snprintf(want, sizeof want,
             "Installed 1 mod:\n\nlocal\n└── github.com/turbot/steampipe-mod-aws-compliance@%s\n"
             "All targeted mods are up to date\n", newest);
    cr_expect(strstr(out, want), "no \"%s\" in:\n%s", want, out);
    /* the comment the document shows is that version */
    snprintf(want, sizeof want, "# Installed 1 mod: ... @%s\n", newest);
    cr_expect(strstr(script, want), "docs/mods.md's comment names another version than %s", newest);
    /* as the document says: every control ends in error, none ok or in alarm */
    const char *total = strstr(out, "\nTOTAL "), *error = strstr(out, "\nERROR ");
    int n = 0, of = 0, errors = -1;
    cr_assert(total && error, "no brief summary:\n%s", out);
    cr_expect_eq(sscanf(total, "\nTOTAL %d / %d", &n, &of), 2);
    cr_expect_eq(sscanf(error + strcspn(error, "0123456789"), "%d", &errors), 1);
    cr_expect(n > 0 && n == of && errors == n, "%d of %d controls ran, %d in error:\n%s", n, of, errors, out);
    cr_expect(strstr(out, "ERROR: relation"), "%s", out);
    free(out);
    free(script);
    wf_remove(qs);
}
