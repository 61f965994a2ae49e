/* test_refresh_reads.c — the first refresh of a live workspace reopened
 * from its index image reads only what changed.
 *
 * A generated mod (a variable, locals, controls whose documentation is a
 * file() of docs/, a query they reference, a benchmark tree) is opened once
 * with an index cache, which writes its image; a live workspace then
 * reopens it from the image.  inotify watches (IN_OPEN | IN_ACCESS) on every
 * directory of the mod observe the files the process opens, independently
 * of the library: a title edit in the benchmarks' file must open that file
 * alone (the image's records say what every other entry read, so their
 * docs are not read again), and the next edit, of one file() target, must
 * open that target alone.  After each refresh the version equals a fresh
 * open of the same tree (tests/support/wsdump.c).  Every file's mtime is
 * set seconds into the past, so that no check hashes a racily clean file
 * (inputs.h, INP_RACY_NS): an open is then a read resolution did.
 *
 * The watcher reads the image's segments while its debounce waits
 * (lv_prepare_paths): the image file's IN_ACCESS events, watched on the
 * cache directory, show that it reads them once an input really changed,
 * not for events that change nothing (a refresh then builds no version),
 * and that the refresh then does not read them again.  What else the refresh
 * decodes from the image whatever changed is prepared then too (the strings
 * in blocks of their own, resolution's scope and records), not for events
 * that change nothing, and the refresh's version shares those blocks.
 *
 * The image also keeps what loading variables and locals read: a title edit
 * after a reopen opens neither a .ppvars file nor a locals' file() target
 * (the image's scope is shared), an edit of either gives the fresh open's
 * values, and a record of loading that is damaged or says something else
 * is not trusted (variables and locals are loaded again).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "index/index.h"
#include "live/live.h"
#include "support/imgbytes.h"
#include "support/jsontree.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

#define NCTL 6                   /* controls per file */
#define NFILES 4                 /* control files */

/* path's mtime set `ago` seconds before now (its ctime cannot be: not racy by mtime alone) */
static void age(const char *dir, const char *rel, int ago)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= ago;
    t[1] = t[0];
    cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0, "utimensat %s: %s", path, strerror(errno));
}

static void put(const char *dir, const char *rel, const char *text, int ago)
{
    wf_write(dir, rel, text);
    age(dir, rel, ago);
}

static const char bench_pp[] =
    "benchmark \"top\" {\n  title = \"Top %s\"\n  children = [benchmark.b0, benchmark.b1]\n}\n"
    "benchmark \"b0\" {\n  title = \"B0 ${var.region}\"\n  children = [control.c0_0, control.c1_0]\n}\n"
    "benchmark \"b1\" {\n  title = \"B1\"\n  children = [control.c2_0, control.c3_0]\n}\n";

/* The mod: mod.pp (a variable, locals reading it), q.pp (a query), c<f>.pp
 * (controls: docs by file(), titles by the variable, tags by a local, sql by
 * the query), bench.pp (the benchmarks); docs/ their documentation. */
static char *make_mod(void)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp",
        "mod \"reads\" {\n  title = \"Reads\"\n}\n"
        "variable \"region\" {\n  type = string\n  default = \"eu\"\n}\n"
        "locals {\n  common = { service = \"svc\", region = var.region }\n}\n",
        60);
    put(dir, "q.pp", "query \"q\" {\n  sql = \"select 1 as ok\"\n  title = \"Q ${var.region}\"\n}\n", 60);
    for (int f = 0; f < NFILES; f++) {
        char text[8192] = "", rel[64];
        size_t n = 0;
        for (int c = 0; c < NCTL; c++) {
            n += (size_t)snprintf(text + n, sizeof text - n,
                                  "control \"c%d_%d\" {\n  title = \"C%d.%d ${var.region}\"\n"
                                  "  documentation = file(\"./docs/c%d_%d.md\")\n  tags = local.common\n"
                                  "  sql = query.q.sql\n}\n",
                                  f, c, f, c, f, c);
            char doc[64];
            snprintf(rel, sizeof rel, "docs/c%d_%d.md", f, c);
            snprintf(doc, sizeof doc, "# Control %d.%d\n", f, c);
            put(dir, rel, doc, 60);
        }
        snprintf(rel, sizeof rel, "c%d.pp", f);
        put(dir, rel, text, 60);
    }
    char b[1024];
    snprintf(b, sizeof b, bench_pp, "v1");
    put(dir, "bench.pp", b, 60);
    age(dir, "docs", 60);
    age(dir, ".", 60);
    return dir;
}

/* The names of the files opened under the watched directories since the
 * last call (directories opened for listing left out), as "a, b, ". */
static void opened(int fd, char *out, size_t size)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    out[0] = '\0';
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            p += sizeof *ev + ev->len;
            if (!(ev->mask & (IN_OPEN | IN_ACCESS)) || (ev->mask & IN_ISDIR) || !ev->len) continue;
            char item[300];
            snprintf(item, sizeof item, "%s, ", ev->name);
            if (!strstr(out, item) && strlen(out) + strlen(item) < size) strcat(out, item);
        }
    }
}

static void assert_fresh(lp_live *lv, const char *dir, const char *label)
{
    lp_buf fresh = { 0 }, got = { 0 };
    lp_workspace *ws = lp_live_acquire(lv);
    lp_wait_resolved(ws, -1);
    wsd_dump(ws, 0, &got);
    lp_resolve_stats live_rs, fresh_rs;
    lp_resolve_stats_get(ws, &live_rs);
    lp_live_release(lv, ws);
    lp_error err;
    lp_workspace_opts plain = { .no_background = 1 };
    cr_assert_eq(lp_open(dir, &plain, &ws, &err), LP_OK, "%s", err.message);
    lp_wait_resolved(ws, -1);
    wsd_dump(ws, 0, &fresh);
    lp_resolve_stats_get(ws, &fresh_rs);
    lp_close(ws);
    /* the carried records' counts are their own (an image's: the fields its record evaluated) */
    cr_assert_eq(live_rs.fields_resolved, fresh_rs.fields_resolved, "%s: fields resolved %u, fresh %u", label,
                 live_rs.fields_resolved, fresh_rs.fields_resolved);
    cr_assert_eq(live_rs.fields_unresolved, fresh_rs.fields_unresolved, "%s", label);
    cr_assert_eq(live_rs.published, fresh_rs.published, "%s", label);
    char msg[2048];
    cr_assert(!wsd_diff(fresh.data, fresh.len, got.data, got.len, msg, sizeof msg), "%s: != fresh open: %s",
              label, msg);
    lp_buf_free(&fresh);
    lp_buf_free(&got);
}

static const char *title_of(lp_live *lv, const char *name, char *out, size_t size)
{
    lp_workspace *ws = lp_live_acquire(lv);
    lp_entry_info e = wf_get(ws, name);
    snprintf(out, size, "%s", e.title ? e.title : "");
    lp_live_release(lv, ws);
    return out;
}

/* dir opened once with the index cache, which writes its image (the one file in cache, written
 * anew): its path. */
static void write_image(const char *dir, const char *cache, char *path, size_t size)
{
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -f %s/*.lpidx", cache);
    cr_assert_eq(system(cmd), 0);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    cr_assert(rs.image_written, "no image: %s", rs.image_note);
    lp_close(ws);
    snprintf(cmd, sizeof cmd, "ls %s/*.lpidx", cache);
    FILE *p = popen(cmd, "r");
    cr_assert(p && fgets(path, (int)size, p), "no image in %s", cache);
    path[strcspn(path, "\n")] = '\0';
    pclose(p);
}

static lp_live *reopen_live(const char *dir, const char *cache)
{
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    lp_live *lv;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &cached, &lv, &err), LP_OK, "%s", err.message);
    lp_workspace *ws = lp_live_acquire(lv);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.reopened, "not reopened from the image: %s", st.index_cache_note);
    lp_live_release(lv, ws);
    return lv;
}

Test(refresh_reads, first_refresh_after_a_reopen_reads_only_the_changed_files)
{
    char *dir = make_mod(), *cache = wf_tmpdir(), image[4200];
    write_image(dir, cache, image, sizeof image);
    lp_live *lv = reopen_live(dir, cache);

    /* the observer: every directory of the mod */
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert_geq(in, 0);
    char docs[4200];
    snprintf(docs, sizeof docs, "%s/docs", dir);
    cr_assert_geq(inotify_add_watch(in, dir, IN_OPEN | IN_ACCESS), 0);
    cr_assert_geq(inotify_add_watch(in, docs, IN_OPEN | IN_ACCESS), 0);
    char seen[4096];
    opened(in, seen, sizeof seen);

    /* a benchmark's title: bench.pp is read, no doc, no other .pp */
    char b[1024];
    snprintf(b, sizeof b, bench_pp, "v2");
    put(dir, "bench.pp", b, 30);
    lp_changes c;
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.files_scanned, 1, "scanned %u files", c.files_scanned);
    uint32_t evaluated = c.entries_evaluated, reused = c.entries_reused;
    lp_changes_free(&c);
    opened(in, seen, sizeof seen);
    cr_assert_str_eq(seen, "bench.pp, ", "the first refresh after the reopen opened: %s", seen);
    /* the benchmarks' file was scanned again, but what its entries evaluate is the same text in the
     * same place (b0's title reads the variable; the others, the edited title too, are literals):
     * none is evaluated, every record carried over */
    cr_assert_eq(evaluated, 0, "evaluated %u entries (reused %u)", evaluated, reused);
    cr_assert_eq(reused, 2 + NFILES * NCTL, "reused %u entries", reused);
    char t[256];
    cr_assert_str_eq(title_of(lv, "reads.benchmark.top", t, sizeof t), "Top v2");
    assert_fresh(lv, dir, "after the title edit");
    opened(in, seen, sizeof seen);   /* (the fresh open's reads) */

    /* one file() target: that file alone is read, by the one control that reads it */
    put(dir, "docs/c2_3.md", "# Control 2.3, edited\n", 20);
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.files_scanned, 0);
    evaluated = c.entries_evaluated;
    lp_changes_free(&c);
    opened(in, seen, sizeof seen);
    cr_assert_str_eq(seen, "c2_3.md, ", "the refresh after a doc edit opened: %s", seen);
    cr_assert_eq(evaluated, 1, "evaluated %u entries", evaluated);
    lp_workspace *ws = lp_live_acquire(lv);
    lp_entry_info e = wf_get(ws, "reads.control.c2_3");
    cr_assert(e.documentation && strstr(e.documentation, "edited"), "%s", e.documentation);
    lp_live_release(lv, ws);
    assert_fresh(lv, dir, "after the doc edit");

    close(in);
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* The input of the live workspace whose path ends in "/name" (the form the watcher names). */
static void input_path(lp_live *lv, const char *name, char *out, size_t size)
{
    lp_workspace *ws = lp_live_acquire(lv);
    out[0] = '\0';
    for (uint32_t i = 0; i < lp_input_count(ws); i++) {
        lp_input_info in;
        size_t n = strlen(name), l;
        if (lp_input_get(ws, i, &in) == LP_OK && (l = strlen(in.path)) > n && in.path[l - n - 1] == '/' &&
            strcmp(in.path + l - n, name) == 0)
            snprintf(out, size, "%s", in.path);
    }
    lp_live_release(lv, ws);
    cr_assert(out[0], "no input %s", name);
}

Test(refresh_reads, the_image_segments_read_while_the_debounce_waits_once_an_input_changed)
{
    char *dir = make_mod(), *cache = wf_tmpdir(), image[4200];
    write_image(dir, cache, image, sizeof image);
    lp_live *lv = reopen_live(dir, cache);

    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert_geq(in, 0);
    cr_assert_geq(inotify_add_watch(in, cache, IN_OPEN | IN_ACCESS), 0);
    char seen[4096], bench[4200], swp[4200];
    input_path(lv, "bench.pp", bench, sizeof bench);
    snprintf(swp, sizeof swp, "%s/.bench.pp.swp", dir);

    /* a temporary file come and gone (the directory lists the same names) and an input touched,
     * same bytes: the image is not read (nor would a refresh build a version) */
    put(dir, ".bench.pp.swp", "swap", 0);
    cr_assert_eq(unlink(swp), 0);
    char b[1024];
    snprintf(b, sizeof b, bench_pp, "v1");
    put(dir, "bench.pp", b, 30);
    const char *nothing[] = { swp, bench, dir };
    lv_prepare_paths(lv, nothing, 3);
    opened(in, seen, sizeof seen);
    cr_assert_str_eq(seen, "", "events that change nothing read the image: %s", seen);
    lp_workspace *reopened = lp_live_acquire(lv);   /* (held: compared with the refresh's version) */
    cr_assert(!idx_resolve_part(reopened)->prep && !idx_image_part_of(reopened)->strings_own.nblocks,
              "events that change nothing decoded the image");
    lp_changes c;
    cr_assert_eq(lv_refresh_paths(lv, nothing, 3, &c), LP_OK);
    cr_assert(!c.changed, "a version built for %s", c.reason);
    lp_changes_free(&c);

    /* bench.pp edited: its first event reads the image's segments (their heads: each is read whole
     * when something needs it), the refresh does not open it again */
    snprintf(b, sizeof b, bench_pp, "v2");
    put(dir, "bench.pp", b, 20);
    const char *edited[] = { swp, bench };
    lv_prepare_paths(lv, edited, 2);
    opened(in, seen, sizeof seen);
    cr_assert(strstr(seen, ".lpidx"), "the edit's first event did not read the image: '%s'", seen);
    const si_table *own = &idx_image_part_of(reopened)->strings_own;
    cr_assert(idx_resolve_part(reopened)->prep && own->nblocks, "the edit's first event prepared nothing");
    lv_prepare_paths(lv, edited, 2);   /* a later event of the burst: read once */
    opened(in, seen, sizeof seen);
    cr_assert_str_eq(seen, "", "read again: %s", seen);
    /* the refresh reads what it needs of the segments (the edited file's, to compare its entries'
     * text) through the descriptor the prepared version holds: the image is not opened again */
    int op = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert(op >= 0 && inotify_add_watch(op, cache, IN_OPEN) >= 0);
    cr_assert_eq(lv_refresh_paths(lv, edited, 2, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.files_scanned, 1, "scanned %u files", c.files_scanned);
    cr_assert_eq(c.entries_evaluated, 0, "evaluated %u entries", c.entries_evaluated);   /* (as above) */
    lp_changes_free(&c);
    opened(op, seen, sizeof seen);
    cr_assert_str_eq(seen, "", "the refresh opened the image again: %s", seen);
    close(op);
    opened(in, seen, sizeof seen);
    lp_workspace *next = lp_live_acquire(lv);
    cr_assert_neq(next, reopened);
    cr_assert(idx_strings(next)->nblocks > own->nblocks && idx_strings(next)->block[0] == own->block[0],
              "the refresh's version does not share the prepared strings");
    lp_live_release(lv, next);
    lp_live_release(lv, reopened);
    char t[256];
    cr_assert_str_eq(title_of(lv, "reads.benchmark.top", t, sizeof t), "Top v2");
    assert_fresh(lv, dir, "after the edit prepared for");

    close(in);
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* ---- variables and locals after a reopen */

/* make_mod's mod with its variable set by powerpipe.ppvars (and described, typed) and a local
 * reading a file() target, which the query's description shows. */
static char *make_vars_mod(void)
{
    char *dir = make_mod();
    put(dir, "mod.pp",
        "mod \"reads\" {\n  title = \"Reads\"\n}\n"
        "variable \"region\" {\n  type = string\n  description = \"The region.\"\n  default = \"eu\"\n}\n"
        "locals {\n  common = { service = \"svc\", region = var.region }\n"
        "  banner = trimspace(file(\"./banner.txt\"))\n}\n",
        60);
    put(dir, "powerpipe.ppvars", "region = \"us\"\n", 60);
    put(dir, "banner.txt", "Banner one\n", 60);
    put(dir, "q.pp",
        "query \"q\" {\n  sql = \"select 1 as ok\"\n  title = \"Q ${var.region}\"\n"
        "  description = local.banner\n}\n",
        60);
    age(dir, ".", 60);
    return dir;
}

static const char *description_of(lp_live *lv, const char *name, char *out, size_t size)
{
    lp_workspace *ws = lp_live_acquire(lv);
    lp_entry_info e = wf_get(ws, name);
    snprintf(out, size, "%s", e.description ? e.description : "");
    lp_live_release(lv, ws);
    return out;
}

static int watch_mod(const char *dir)
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert_geq(in, 0);
    char docs[4200];
    snprintf(docs, sizeof docs, "%s/docs", dir);
    cr_assert_geq(inotify_add_watch(in, dir, IN_OPEN | IN_ACCESS), 0);
    cr_assert_geq(inotify_add_watch(in, docs, IN_OPEN | IN_ACCESS), 0);
    return in;
}

/* bench.pp's title edited (to `v`) and refreshed, after the watcher's preparation for its event
 * when `prepare`: what the refresh opened into seen. */
static void edit_title_as(lp_live *lv, const char *dir, int in, const char *v, char *seen, size_t size,
                          int prepare)
{
    char b[1024];
    opened(in, seen, size);
    snprintf(b, sizeof b, bench_pp, v);
    put(dir, "bench.pp", b, 30);
    if (prepare) {
        char bench[4200];
        input_path(lv, "bench.pp", bench, sizeof bench);
        const char *named[] = { bench };
        lv_prepare_paths(lv, named, 1);
    }
    lp_changes c;
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.files_scanned, 1, "scanned %u files", c.files_scanned);
    lp_changes_free(&c);
    opened(in, seen, size);
    char t[256], want[64];
    snprintf(want, sizeof want, "Top %s", v);
    cr_assert_str_eq(title_of(lv, "reads.benchmark.top", t, sizeof t), want);
}

static void edit_title(lp_live *lv, const char *dir, int in, const char *v, char *seen, size_t size)
{
    edit_title_as(lv, dir, in, v, seen, size, 0);
}

static void refresh_changed(lp_live *lv)
{
    lp_changes c;
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    lp_changes_free(&c);
}

/* The image keeps what loading variables and locals read: the first refresh after a reopen shares
 * the image's scope when none of it changed (it opens neither the .ppvars file nor the locals'
 * file() target: it did before, 1.3 ms of aws_compliance's first edit), and the next one shares
 * that refresh's, until a .ppvars edit loads them again. */
Test(refresh_reads, a_title_edit_after_a_reopen_loads_no_variables_or_locals_again)
{
    char *dir = make_vars_mod(), *cache = wf_tmpdir();
    char img[8300], seen[4096], t[256];
    write_image(dir, cache, img, sizeof img);
    lp_live *lv = reopen_live(dir, cache);
    int in = watch_mod(dir);
    edit_title_as(lv, dir, in, "v2", seen, sizeof seen, 1);   /* (the image's scope decoded ahead) */
    cr_assert_str_eq(seen, "bench.pp, ", "the first refresh after the reopen opened: %s", seen);
    cr_assert_str_eq(title_of(lv, "reads.query.q", t, sizeof t), "Q us");
    cr_assert_str_eq(description_of(lv, "reads.query.q", t, sizeof t), "Banner one");
    assert_fresh(lv, dir, "a title edit after the reopen");
    edit_title(lv, dir, in, "v3", seen, sizeof seen);
    cr_assert_str_eq(seen, "bench.pp, ", "the second refresh opened: %s", seen);
    assert_fresh(lv, dir, "the next title edit");
    /* the variable file edited: loaded again, the fresh open's values */
    opened(in, seen, sizeof seen);
    put(dir, "powerpipe.ppvars", "region = \"ap\"\n", 20);
    refresh_changed(lv);
    opened(in, seen, sizeof seen);
    cr_assert(strstr(seen, "powerpipe.ppvars"), "the .ppvars edit did not load it again: %s", seen);
    cr_assert_str_eq(title_of(lv, "reads.query.q", t, sizeof t), "Q ap");
    assert_fresh(lv, dir, "a .ppvars edit after shared scopes");
    close(in);
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* The first refresh after a reopen edits a .ppvars file, after the next reopen (of the image the
 * live close wrote, whose scope the refresh loaded) the locals' file() target: each gives the
 * fresh open's values. */
Test(refresh_reads, a_ppvars_or_file_target_edit_after_a_reopen_gives_the_fresh_values)
{
    char *dir = make_vars_mod(), *cache = wf_tmpdir();
    char img[8300], t[256];
    write_image(dir, cache, img, sizeof img);
    lp_live *lv = reopen_live(dir, cache);
    put(dir, "powerpipe.ppvars", "region = \"ap\"\n", 20);
    refresh_changed(lv);
    cr_assert_str_eq(title_of(lv, "reads.query.q", t, sizeof t), "Q ap");
    assert_fresh(lv, dir, "a .ppvars edit after the reopen");
    lp_live_close(lv);   /* (writes the image of its version) */

    lv = reopen_live(dir, cache);
    put(dir, "banner.txt", "Banner two\n", 10);
    refresh_changed(lv);
    cr_assert_str_eq(description_of(lv, "reads.query.q", t, sizeof t), "Banner two");
    cr_assert_str_eq(title_of(lv, "reads.query.q", t, sizeof t), "Q ap");
    assert_fresh(lv, dir, "a file() target's edit after the reopen");
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* Section `back` places before the table's end (persist.c's enum: S_LOAD 8, S_LFILES 7, S_LENV 5):
 * its bytes, their count and record size. */
static char *section_of(char *img, size_t n, int back, uint32_t *count, uint32_t *elem)
{
    uint64_t off = img_section(img, n, (unsigned)back, count, elem);
    cr_assert(off < n, "no section %d from the end", back);
    return img + off;
}

/* A record of loading that is malformed (a file index out of range) or says something other than
 * what is there (another hash of the environment), well-formed past every checksum: that refresh
 * loads variables and locals again (it opens the .ppvars file and the file() target), and equals
 * a fresh open; so too after the watcher prepared it (cases 2, 3). */
Test(refresh_reads, a_damaged_record_of_loading_loads_again)
{
    char *dir = make_vars_mod(), *cache = wf_tmpdir();
    char img[8300], seen[4096];
    for (int k = 0; k < 4; k++) {
        write_image(dir, cache, img, sizeof img);
        size_t n;
        char *bytes = jt_read_file(img, &n);
        cr_assert(bytes && n > 4096);
        uint32_t count, elem;
        if (k % 2 == 0) {
            char *files = section_of(bytes, n, 7, &count, &elem);
            cr_assert(elem == 4 && count >= 1, "S_LFILES not where the test looks: %u of %u", count, elem);
            memset(files, 0xFF, 4);
        } else {
            char *load = section_of(bytes, n, 8, &count, &elem);
            cr_assert(elem == 24 && count == 1, "S_LOAD not where the test looks: %u of %u", count, elem);
            load[0] ^= 1;   /* env_hash */
        }
        img_fix_checksums(bytes, n);
        FILE *f = fopen(img, "wb");
        cr_assert(f && fwrite(bytes, 1, n, f) == n && fclose(f) == 0);
        free(bytes);
        lp_live *lv = reopen_live(dir, cache);
        int in = watch_mod(dir);
        const char *v[] = { "d0", "d1", "d2", "d3" };
        edit_title_as(lv, dir, in, v[k], seen, sizeof seen, k >= 2);
        cr_assert(strstr(seen, "powerpipe.ppvars") && strstr(seen, "banner.txt"),
                  "case %d: variables and locals not loaded again: %s", k, seen);
        assert_fresh(lv, dir, k % 2 ? "a record of another environment" : "a malformed record");
        close(in);
        lp_live_close(lv);
    }
    wf_remove(cache);
    wf_remove(dir);
}
