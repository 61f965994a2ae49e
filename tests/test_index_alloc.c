/* test_index_alloc.c — allocation calls of an index build grow with the
 * number of files, not with resources or tokens (issue 3 §4): the same 20
 * files holding 10x the resources cost about the same number of allocation
 * calls (geometric buffers, arenas and tables sized once; measured 24 and 33
 * calls for 800 and 8000 entries).  Counts come from the library's counting allocator
 * (lp_workspace_stats.alloc_calls), one scan thread, no resolution.  The
 * bounds leave room for the few doublings that more data needs (log2(10) ~ 3
 * per growing buffer).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static char *make_ws(int files, int per_file)
{
    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\n");
    size_t cap = (size_t)per_file * 600 + 64;
    char *text = malloc(cap);
    for (int f = 0; f < files; f++) {
        size_t n = 0;
        text[0] = '\0';
        for (int r = 0; r < per_file; r++)
            n +=
                (size_t)snprintf(text + n, cap - n,
                                 "benchmark \"b%d_%d\" {\n  title = \"Benchmark %d\"\n"
                                 "  tags = merge(local.t, { service = \"S%d\", n = %d })\n"
                                 "  children = [control.c%d_%d, benchmark.x%d_%d]\n}\n"
                                 "benchmark \"x%d_%d\" {\n  children = [control.c%d_%d]\n}\n"
                                 "control \"c%d_%d\" {\n  title = \"Control %d\"\n  query = query.q%d_%d\n}\n"
                                 "query \"q%d_%d\" {\n  sql = <<-EOQ\n    select %d as n\n  EOQ\n}\n",
                                 f, r, r, r, r, f, r, f, r, f, r, f, r, f, r, r, f, r, f, r, r);
        char rel[32];
        snprintf(rel, sizeof rel, "f%03d.pp", f);
        wf_write(dir, rel, text);
    }
    free(text);
    return dir;
}

static uint64_t build_calls(int files, int per_file, uint32_t *entries)
{
    char *dir = make_ws(files, per_file);
    lp_workspace *ws = wf_open(dir, 1);
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    *entries = s.entries;
    cr_assert_eq(s.errors, 0);
    lp_close(ws);
    wf_remove(dir);
    return s.alloc_calls;
}

Test(alloc, calls_grow_with_files_not_resources)
{
    uint32_t e1, e10, ef;
    uint64_t c1 = build_calls(20, 10, &e1);
    uint64_t c10 = build_calls(20, 100, &e10);
    uint64_t cf = build_calls(200, 10, &ef);
    cr_assert_eq(e1, 20 * 10 * 4);
    cr_assert_eq(e10, 20 * 100 * 4);
    cr_assert_eq(ef, 200 * 10 * 4);
    cr_log_info(
        "alloc calls: 20 files x 40 resources %llu, 20 files x 400 resources %llu, 200 files x 40 %llu",
        (unsigned long long)c1, (unsigned long long)c10, (unsigned long long)cf);
    /* 10x the resources in the same files: a few more doublings at most */
    cr_assert_leq(c10, c1 + 16, "10x resources: %llu calls vs %llu", (unsigned long long)c10,
                  (unsigned long long)c1);
    /* and far fewer calls than resources */
    cr_assert_lt(c10, e10 / 20);
}
