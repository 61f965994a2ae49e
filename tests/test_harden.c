/* test_harden.c — issue 28 ("Hardening") outside the server (tests/test_server.c has the
 * server's): strings with a NUL, the image's header under every one-bit flip, an image
 * truncated under a running server and watcher, a cache directory or image of another user,
 * RLIMIT_FSIZE below the image size, evaluated values past their bound and under a memory
 * limit, a query cycle.  Each runs the sanitized CLI (LP_CLI) as a user would. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"

/* A title whose string holds a NUL (an escape in a literal, or made by a template) is not
 * silently cut in the lists: a warning at file:line:col says so. */
Test(harden, nul_in_a_title_is_reported)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp",
             "mod \"m\" {\n  title = \"M\"\n}\n"
             "dashboard \"d\" {\n  title = \"x\\u0000y\"\n}\n"
             "dashboard \"e\" {\n  title = \"a${\"\\u0000\"}b\"\n}\n");
    cl_result r = cl_run("--mod-location %s dashboard list --output json --no-index-cache", dir);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, "mod.pp:5:") && strstr(r.err, "mod.pp:8:") &&
                  strstr(r.err, "NUL character in string"),
              "each cut title has its warning: %s", r.err);
    cl_done(&r);
    wf_remove(dir);
}
