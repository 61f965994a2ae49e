/* test_atomic_file.c — every file lazypipe writes is replaced whole or not at all (lp_atomic_file_*,
 * lazypipe.h).
 *
 * The helper on its own: a commit replaces the target with every byte written and leaves no
 * temporary file; before it, and after an abort or a write that fails midway (a real EFBIG from
 * RLIMIT_FSIZE), the old file is untouched; the old file's mode is kept, a new one's is 0644 less
 * the umask (0600 when private); a link is written through; /dev/null is written, not replaced.
 *
 * The CLI: `query run --export out.{csv,json,pps}` of a long result on SQLite killed with SIGKILL
 * at random instants of its run (four each): out.FMT is then "OLD" as before, or the whole export,
 * byte for byte the csv and json of a completed run, a snapshot that parses with the same panels.
 * Written in place, as before, 12 of 12 kills inside the run left a partial file.  What a kill
 * leaves beside it is only our recognisable temporary file. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

static char *dir;

static void setup(void) { dir = wf_mod_dir("mod \"af\" {\n  title = \"Atomic files\"\n}\n"); }

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(atomic_file, .init = setup, .fini = teardown);

static const char *in_dir(const char *name)
{
    static char p[4][4300];
    static int next;
    char *out = p[next++ % 4];
    snprintf(out, sizeof p[0], "%s/%s", dir, name);
    return out;
}

static char *slurp(const char *path, size_t *len)
{
    char *s = jt_read_file(path, len);
    cr_assert(s, "cannot read %s", path);
    return s;
}

static void expect_text(const char *path, const char *want)
{
    size_t n;
    char *s = slurp(path, &n);
    cr_assert(n == strlen(want) && memcmp(s, want, n) == 0, "%s holds %zu bytes \"%.40s\", not \"%s\"", path,
              n, s, want);
    free(s);
}

/* The names in dir other than . and .. , mod.pp and the keep names (up to 3), joined by spaces
 * into out: what a writer left behind. */
static void others(const char *keep[3], char *out, size_t size)
{
    DIR *d = opendir(dir);
    cr_assert(d);
    struct dirent *de;
    size_t o = 0;
    out[0] = '\0';
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "mod.pp")) continue;
        int kept = 0;
        for (int i = 0; i < 3; i++) kept |= keep[i] && !strcmp(n, keep[i]);
        if (!kept && o + strlen(n) + 2 < size) o += (size_t)snprintf(out + o, size - o, "%s ", n);
    }
    closedir(d);
}

static void expect_only(const char *a, const char *b)
{
    const char *keep[3] = { a, b, NULL };
    char left[2048];
    others(keep, left, sizeof left);
    cr_assert_str_empty(left, "left in the directory: %s", left);
}

Test(atomic_file, commit_replaces_whole_and_leaves_nothing_else)
{
    wf_write(dir, "t.csv", "OLD\n");
    lp_atomic_file *f;
    lp_error err = { 0 };
    cr_assert_eq(lp_atomic_file_open(in_dir("t.csv"), 0, &f, &err), LP_OK, "%s", err.message);
    char chunk[4096];
    memset(chunk, 'x', sizeof chunk);
    for (int i = 0; i < 256; i++) cr_assert_eq(lp_atomic_file_write(f, chunk, sizeof chunk, &err), LP_OK);
    /* before the commit the old file is whole, the new bytes in a file recognisably ours */
    expect_text(in_dir("t.csv"), "OLD\n");
    const char *keep[3] = { "t.csv", NULL, NULL };
    char left[2048], want[64];
    others(keep, left, sizeof left);
    snprintf(want, sizeof want, ".t.csv.lazypipe-tmp-%ld-", (long)getpid());
    cr_assert(strncmp(left, want, strlen(want)) == 0 && !strchr(left, ' ')[1], "the temporary file: %s",
              left);
    cr_assert_eq(lp_atomic_file_commit(f, &err), LP_OK, "%s", err.message);
    struct stat st;
    cr_assert_eq(stat(in_dir("t.csv"), &st), 0);
    cr_assert_eq(st.st_size, 256 * 4096);
    expect_only("t.csv", NULL);
    /* a file not synced (an index image) replaces another by an exchange: the old one goes too */
    int old_fd = open(in_dir("t.csv"), O_RDONLY | O_CLOEXEC);
    cr_assert_geq(old_fd, 0);
    cr_assert_eq(lp_atomic_file_put(in_dir("t.csv"), "NEW\n", 4, LP_ATOMIC_NO_SYNC, &err), LP_OK, "%s",
                 err.message);
    expect_text(in_dir("t.csv"), "NEW\n");
    expect_only("t.csv", NULL);
    struct stat was;
    cr_assert_eq(fstat(old_fd, &was), 0);
    cr_assert_eq(was.st_nlink, 0, "the old file is still linked");
    cr_assert_eq(was.st_size, 256 * 4096, "the old file was changed");
    close(old_fd);
}

Test(atomic_file, abort_keeps_the_old_file_and_creates_none)
{
    wf_write(dir, "t.json", "OLD\n");
    lp_atomic_file *f;
    cr_assert_eq(lp_atomic_file_open(in_dir("t.json"), 0, &f, NULL), LP_OK);
    cr_assert_eq(lp_atomic_file_write(f, "{\"a\":", 5, NULL), LP_OK);
    lp_atomic_file_abort(f);
    expect_text(in_dir("t.json"), "OLD\n");
    cr_assert_eq(lp_atomic_file_open(in_dir("new.json"), 0, &f, NULL), LP_OK);
    cr_assert_eq(lp_atomic_file_write(f, "{}", 2, NULL), LP_OK);
    lp_atomic_file_abort(f);
    expect_only("t.json", NULL);
}

/* A real failure midway: the file size limit (SIGXFSZ ignored, so write says EFBIG) */
Test(atomic_file, a_write_failing_midway_keeps_the_old_file)
{
    wf_write(dir, "t.pps", "OLD\n");
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = { 64 << 10, 64 << 10 };
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    lp_atomic_file *f;
    lp_error err = { 0 };
    cr_assert_eq(lp_atomic_file_open(in_dir("t.pps"), 0, &f, &err), LP_OK);
    FILE *s = lp_atomic_file_stream(f);
    cr_assert(s);
    char chunk[4096];
    memset(chunk, 'y', sizeof chunk);
    for (int i = 0; i < 64; i++) fwrite(chunk, 1, sizeof chunk, s);   /* the stream keeps its error */
    int rc = lp_atomic_file_commit(f, &err);
    cr_assert_eq(rc, LP_ERR_IO, "commit of a failed write: %d", rc);
    cr_assert(strstr(err.message, "t.pps") && strstr(err.message, strerror(EFBIG)), "%s", err.message);
    expect_text(in_dir("t.pps"), "OLD\n");
    expect_only("t.pps", NULL);
    /* the descriptor API the same */
    cr_assert_eq(lp_atomic_file_open(in_dir("t.pps"), 0, &f, &err), LP_OK);
    rc = LP_OK;
    for (int i = 0; i < 64 && rc == LP_OK; i++) rc = lp_atomic_file_write(f, chunk, sizeof chunk, &err);
    cr_assert_eq(rc, LP_ERR_IO);
    cr_assert_eq(lp_atomic_file_commit(f, &err), LP_ERR_IO);
    expect_text(in_dir("t.pps"), "OLD\n");
    expect_only("t.pps", NULL);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s", path);
    return st.st_mode & 07777;
}

Test(atomic_file, the_old_mode_is_kept_a_new_file_follows_the_umask)
{
    wf_write(dir, "kept.csv", "OLD\n");
    cr_assert_eq(chmod(in_dir("kept.csv"), 0751), 0);
    cr_assert_eq(lp_atomic_file_put(in_dir("kept.csv"), "new\n", 4, 0, NULL), LP_OK);
    expect_text(in_dir("kept.csv"), "new\n");
    cr_assert_eq(mode_of(in_dir("kept.csv")), 0751, "mode %o", mode_of(in_dir("kept.csv")));
    umask(027);
    cr_assert_eq(lp_atomic_file_put(in_dir("fresh.csv"), "x", 1, 0, NULL), LP_OK);
    cr_assert_eq(mode_of(in_dir("fresh.csv")), 0640, "mode %o", mode_of(in_dir("fresh.csv")));
    umask(0);
    cr_assert_eq(lp_atomic_file_put(in_dir("open.csv"), "x", 1, 0, NULL), LP_OK);
    cr_assert_eq(mode_of(in_dir("open.csv")), 0644, "mode %o", mode_of(in_dir("open.csv")));
    cr_assert_eq(
        lp_atomic_file_put(in_dir("cache.lpidx"), "x", 1, LP_ATOMIC_PRIVATE | LP_ATOMIC_NO_SYNC, NULL),
        LP_OK);
    cr_assert_eq(mode_of(in_dir("cache.lpidx")), 0600, "mode %o", mode_of(in_dir("cache.lpidx")));
}

/* A private file (a cache's) is this process's and 0600 whatever the old one was: one others may
 * write, one of another user (root gives it away: the tests run as root) and a read-only one of ours
 * are replaced, not kept so; a file not private keeps its owner. */
Test(atomic_file, a_private_file_is_ours_and_0600_whatever_the_old_one_was)
{
    static const char *const names[] = { "open.lpidx", "theirs.lpidx", "readonly.lpidx" };
    wf_write(dir, names[0], "OLD\n");
    cr_assert_eq(chmod(in_dir(names[0]), 0666), 0);
    wf_write(dir, names[1], "OLD\n");
    cr_assert_eq(chown(in_dir(names[1]), 65534, 65534), 0, "needs root: %s", strerror(errno));
    wf_write(dir, names[2], "OLD\n");
    cr_assert_eq(chmod(in_dir(names[2]), 0400), 0);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(lp_atomic_file_put(in_dir(names[i]), "new\n", 4, LP_ATOMIC_PRIVATE | LP_ATOMIC_NO_SYNC,
                                        NULL),
                     LP_OK, "%s", names[i]);
        expect_text(in_dir(names[i]), "new\n");
        struct stat st;
        cr_assert_eq(stat(in_dir(names[i]), &st), 0);
        cr_assert_eq(st.st_mode & 07777, 0600, "%s: mode %o", names[i], st.st_mode & 07777);
        cr_assert_eq(st.st_uid, geteuid(), "%s: owner %u", names[i], (unsigned)st.st_uid);
    }
    wf_write(dir, "shared.csv", "OLD\n");
    cr_assert_eq(chown(in_dir("shared.csv"), 65534, 65534), 0);
    cr_assert_eq(lp_atomic_file_put(in_dir("shared.csv"), "new\n", 4, 0, NULL), LP_OK);
    struct stat st;
    cr_assert_eq(stat(in_dir("shared.csv"), &st), 0);
    cr_assert_eq(st.st_uid, 65534u, "a file not private keeps its owner");
}

Test(atomic_file, a_link_is_written_through_and_a_device_written_not_replaced)
{
    wf_write(dir, "real.csv", "OLD\n");
    cr_assert_eq(symlink("real.csv", in_dir("link.csv")), 0);
    cr_assert_eq(lp_atomic_file_put(in_dir("link.csv"), "new\n", 4, 0, NULL), LP_OK);
    struct stat st;
    cr_assert_eq(lstat(in_dir("link.csv"), &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link was replaced by a file");
    expect_text(in_dir("real.csv"), "new\n");
    expect_only("real.csv", "link.csv");
    cr_assert_eq(lp_atomic_file_put("/dev/null", "x", 1, 0, NULL), LP_OK);
    cr_assert_eq(stat("/dev/null", &st), 0);
    cr_assert(S_ISCHR(st.st_mode));
    /* a name as long as a file name may be: the temporary file's is cut to fit */
    char name[256];
    memset(name, 'n', 255);
    name[255] = '\0';
    cr_assert_eq(lp_atomic_file_put(in_dir(name), "x", 1, 0, NULL), LP_OK);
    expect_text(in_dir(name), "x");
    lp_error err = { 0 };
    cr_assert_eq(lp_atomic_file_put(in_dir("no/such/dir.csv"), "x", 1, 0, &err), LP_ERR_IO);
    cr_assert(strstr(err.message, "no/such/dir.csv") && strstr(err.message, strerror(ENOENT)), "%s",
              err.message);
}

/* ------------------------------------------------------------ kill -9 of an export */

#define ROWS 60000
#define KILLS_PER_FORMAT 4

static pid_t spawn_export(const char *file)
{
    /* no leak check at exit: the kills are to land while the export is written, not after */
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    const char *exe = getenv("LP_CLI");
    cr_assert(exe && *exe, "LP_CLI is not set");
    char db[4300], sql[512];
    snprintf(db, sizeof db, "sqlite://%s/q.db", dir);
    snprintf(sql, sizeof sql,
             "with recursive g(i) as (select 1 union all select i + 1 from g where i < %d) "
             "select i, printf('%%0100d', i) as pad, 'a \"quoted\", text' as q from g", ROWS);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(exe, exe, "--mod-location", dir, "query", "run", "--database", db, "--output", "none",
              "--export", in_dir(file), sql, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* The bytes of file and of any file named ".FILE..." beside it (the export, whether written in
 * place or beside it) */
static long long export_bytes(const char *file)
{
    DIR *d = opendir(dir);
    cr_assert(d);
    long long total = 0;
    struct dirent *de;
    struct stat st;
    size_t fl = strlen(file);
    while ((de = readdir(d)))
        if ((!strcmp(de->d_name, file) || (de->d_name[0] == '.' && !strncmp(de->d_name + 1, file, fl))) &&
            stat(in_dir(de->d_name), &st) == 0)
            total += st.st_size;
    closedir(d);
    return total;
}

/* A completed run of the export to file: its size */
static long long reference_run(const char *file)
{
    int status;
    pid_t pid = spawn_export(file);
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the export to %s failed: %#x", file, status);
    struct stat st;
    cr_assert_eq(stat(in_dir(file), &st), 0);
    return (long long)st.st_size;
}

/* A run of the export to file killed with SIGKILL once its bytes (in place or beside it) reach
 * `at` (polled every 0.2 ms), or once it exits: 1 when the kill landed in the run */
static int kill_at_bytes(const char *file, long long at)
{
    pid_t pid = spawn_export(file);
    int status;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (export_bytes(file) >= at) {
            kill(pid, SIGKILL);
            cr_assert_eq(waitpid(pid, &status, 0), pid);
            return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        }
        usleep(200);
    }
    return 0;
}

/* The panels of a snapshot file (the rest holds its times), or a failed assertion */
static jt *snapshot_panels(const char *path, jt **doc)
{
    size_t n;
    char *s = slurp(path, &n), why[256];
    *doc = jt_parse(s, n, why, sizeof why);
    free(s);
    cr_assert(*doc, "%s does not parse: %s", path, why);
    jt *panels = (jt *)jt_get(*doc, "panels");
    cr_assert(panels, "%s has no panels", path);
    return panels;
}

/* out.FMT after a kill: "OLD\n", or the whole export (the reference's bytes; a snapshot its panels) */
static int check_after_kill(const char *file, const char *ref, int is_snapshot)
{
    size_t n, rn;
    char *s = slurp(in_dir(file), &n);
    int old = n == 4 && memcmp(s, "OLD\n", 4) == 0;
    free(s);
    if (!old && !is_snapshot) {
        char *r = slurp(in_dir(ref), &rn);
        s = slurp(in_dir(file), &n);
        int same = n == rn && memcmp(s, r, n) == 0;
        free(r);
        free(s);
        cr_assert(same, "%s is neither OLD nor the whole export: %zu bytes of %zu", file, n, rn);
    } else if (!old) {
        char why[256];
        jt *doc, *rdoc;
        jt *got = snapshot_panels(in_dir(file), &doc), *want = snapshot_panels(in_dir(ref), &rdoc);
        int same = jt_equal(got, want, why, sizeof why);
        jt_free(doc);
        jt_free(rdoc);
        cr_assert(same, "%s: panels differ from a completed run's: %s", file, why);
    }
    return old;
}

/* Remove what the killed run left beside out.FMT, asserting it is only our temporary file */
static void remove_leftover(const char *file, const char *ref)
{
    const char *keep[3] = { file, ref, "q.db" };
    char left[2048], prefix[300];
    others(keep, left, sizeof left);
    snprintf(prefix, sizeof prefix, ".%s.lazypipe-tmp-", file);
    for (char *name = strtok(left, " "); name; name = strtok(NULL, " ")) {
        cr_assert(strncmp(name, prefix, strlen(prefix)) == 0, "a kill left %s", name);
        cr_assert_eq(unlink(in_dir(name)), 0);
    }
}

Test(atomic_file, a_killed_export_leaves_the_old_file_or_the_whole_new_one, .timeout = 240)
{
    wf_write(dir, "q.db", "");   /* an empty file is an empty SQLite database */
    static const char *const FORMATS[] = { "csv", "json", "pps" };
    uint64_t seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
    cr_log_info("seed %llu", (unsigned long long)seed);
    int inside = 0, kept_old = 0, whole = 0;
    for (int f = 0; f < 3; f++) {
        char file[32], ref[32];
        snprintf(file, sizeof file, "out.%s", FORMATS[f]);
        snprintf(ref, sizeof ref, "ref.%s", FORMATS[f]);
        /* a completed run: the reference, and its size */
        long long size = reference_run(ref);
        if (f < 2) {   /* csv and json: the whole export parses (json) and holds every row */
            size_t n;
            char *s = slurp(in_dir(ref), &n), why[256];
            if (f == 1) {
                jt *doc = jt_parse(s, n, why, sizeof why);
                cr_assert(doc, "ref.json: %s", why);
                jt_free(doc);
            } else {
                size_t lines = 0;
                for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
                cr_assert_eq(lines, ROWS + 1);
            }
            free(s);
        }
        for (int k = 0; k < KILLS_PER_FORMAT; k++) {
            wf_write(dir, file, "OLD\n");
            /* a random instant of the write, by the share of the export's bytes written: 1% to
             * 100% (the last, between the last byte and the exit) */
            long long at = 1 + size * (long long)(10 + wf_rnd(&seed) % 991) / 1000;
            inside += kill_at_bytes(file, at);
            int old = check_after_kill(file, ref, f == 2);
            cr_log_info("%s killed at %lld bytes of %lld: %s", FORMATS[f], at, size,
                        old ? "old" : "whole new");
            kept_old += old;
            whole += !old;
            remove_leftover(file, ref);
        }
        cr_assert_eq(unlink(in_dir(file)), 0);
        cr_assert_eq(unlink(in_dir(ref)), 0);
    }
    cr_log_info("%d kills inside the run: %d left the old file, %d the whole new one", inside, kept_old,
                whole);
    cr_assert_geq(inside, 9, "only %d of %d kills landed inside a run", inside, 3 * KILLS_PER_FORMAT);
}

/* A killed writer's temporary file is removed by the next write of the same target, when its PID
 * runs no more; a running writer's, another target's, someone else's name and a link are left. */
Test(atomic_file, the_next_write_removes_what_a_killed_writer_left)
{
    /* a PID that ran and ended: a child that exited, waited for (its PID free again) */
    pid_t dead = fork();
    cr_assert_geq(dead, 0);
    if (dead == 0) _exit(0);
    cr_assert_eq(waitpid(dead, NULL, 0), dead);
    char stale[256], live[256], other[256], odd[256], link[256];
    snprintf(stale, sizeof stale, ".out.csv.lazypipe-tmp-%ld-0badc0de", (long)dead);
    snprintf(live, sizeof live, ".out.csv.lazypipe-tmp-%ld-12345678", (long)getppid());
    snprintf(other, sizeof other, ".other.csv.lazypipe-tmp-%ld-0badc0de", (long)dead);
    snprintf(odd, sizeof odd, ".out.csv.lazypipe-tmp-%ld-notours", (long)dead);
    snprintf(link, sizeof link, ".out.csv.lazypipe-tmp-%ld-abcdef01", (long)dead);
    wf_write(dir, stale, "partial");
    wf_write(dir, live, "still being written");
    wf_write(dir, other, "another target's");
    wf_write(dir, odd, "not a name we make");
    wf_write(dir, "victim", "kept");
    cr_assert_eq(symlink(in_dir("victim"), in_dir(link)), 0);
    cr_assert_eq(lp_atomic_file_put(in_dir("out.csv"), "new\n", 4, 0, NULL), LP_OK);
    expect_text(in_dir("out.csv"), "new\n");
    struct stat st;
    cr_expect(lstat(in_dir(stale), &st) != 0 && errno == ENOENT, "the dead writer's file stays");
    cr_expect(lstat(in_dir(live), &st) == 0, "a running process's file was removed");
    cr_expect(lstat(in_dir(other), &st) == 0, "another target's file was removed");
    cr_expect(lstat(in_dir(odd), &st) == 0, "a name we do not make was removed");
    cr_expect(lstat(in_dir(link), &st) == 0 && S_ISLNK(st.st_mode), "a link was removed");
    expect_text(in_dir("victim"), "kept");
}
