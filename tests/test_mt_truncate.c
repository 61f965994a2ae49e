/* test_mt_truncate.c — files truncated and rewritten while workspaces open
 * (issue 3 §7): the library reads with read() into its own buffer, so a file
 * that shrinks under it gives fewer bytes (and diagnostics), never SIGBUS.
 * One thread truncates and rewrites every file in a loop while this thread
 * opens the workspace again and again (2 scan threads) and writes its
 * payload and list JSON, which read the files once more.  Also run under
 * ThreadSanitizer (tests/test_mt_*) (support/mt_test.h: Criterion
 * cannot start under TSan, Snaipe/Criterion#274).
 */
#include "support/mt_test.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsfix.h"

#define CHECK(cond, ...) cr_assert(cond, "" __VA_ARGS__)

#define NFILES 6
#define OPENS 40

static char *dir;
static char text[NFILES][8192];
static atomic_int stop;
static atomic_long rewrites;

static void *churn(void *arg)
{
    (void)arg;
    unsigned seed = 12345;
    while (!atomic_load(&stop)) {
        for (int i = 0; i < NFILES && !atomic_load(&stop); i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/f%d.pp", dir, i);
            int fd = open(path, O_WRONLY);
            if (fd < 0) continue;
            size_t n = strlen(text[i]);
            seed = seed * 1103515245u + 12345u;
            /* cut anywhere (mid-token too), then put the full text back */
            if (ftruncate(fd, (off_t)(seed % (n + 1))) != 0) { close(fd); continue; }
            usleep(50);
            if (pwrite(fd, text[i], n, 0) != (ssize_t)n) { close(fd); continue; }
            close(fd);
            atomic_fetch_add(&rewrites, 1);
        }
    }
    return NULL;
}

static void files_truncated_while_workspaces_open(void)
{
    dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n  title = \"M\"\n}\n");
    int full = 0;
    for (int i = 0; i < NFILES; i++) {
        char *t = text[i];
        t[0] = '\0';
        for (int j = 0; j < 20; j++) {
            char blk[512];
            snprintf(blk, sizeof blk,
                     "benchmark \"b%d_%d\" {\n  title = \"B %d %d\"\n  children = [control.c%d_%d]\n}\n"
                     "control \"c%d_%d\" {\n  sql = <<-EOQ\n    select %d\n  EOQ\n}\n",
                     i, j, i, j, i, j, i, j, j);
            strcat(t, blk);
            full += 2;
        }
        char rel[32];
        snprintf(rel, sizeof rel, "f%d.pp", i);
        wf_write(dir, rel, t);
    }
    pthread_t th;
    CHECK((pthread_create(&th, NULL, churn, NULL)) == (0));
    int opened = 0;
    for (int k = 0; k < OPENS; k++) {
        lp_workspace_opts o = { .workers = 2, .no_resolve = 1 };
        lp_workspace *ws = NULL;
        lp_error err;
        int rc = lp_open(dir, &o, &ws, &err);
        CHECK((rc) == (LP_OK), "%s", err.message);
        CHECK(lp_entry_count(ws) <= (uint32_t)full);
        lp_buf b = { 0 }, l = { 0 };
        CHECK((lp_available_dashboards_json(ws, &b)) == (LP_OK));
        CHECK((lp_list_json(ws, LP_KIND_CONTROL, &l)) == (LP_OK));
        lp_buf_free(&b);
        lp_buf_free(&l);
        lp_close(ws);
        opened++;
    }
    atomic_store(&stop, 1);
    pthread_join(th, NULL);
    CHECK((opened) == (OPENS));
    CHECK(atomic_load(&rewrites) > 0, "the files really changed meanwhile");
    /* quiet again: everything is there */
    lp_workspace *ws = wf_open(dir, 2);
    CHECK((lp_entry_count(ws)) == ((uint32_t)full));
    CHECK((lp_diag_count(ws)) == (0));
    lp_close(ws);
    wf_remove(dir);
}

Test(mt_truncate, files_truncated_while_workspaces_open, .timeout = 120)
{
    files_truncated_while_workspaces_open();
}
