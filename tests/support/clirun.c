/* clirun.c — see clirun.h. */
#include "clirun.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsontree.h"

cl_result cl_run(const char *fmt, ...)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli, "LP_CLI is not set");
    static char args[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char outf[] = "/tmp/lp_cli_out_XXXXXX", errf[] = "/tmp/lp_cli_err_XXXXXX";
    int fo = mkstemp(outf), fe = mkstemp(errf);
    cr_assert(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    char cmd[20000];
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", cli, args, outf, errf);
    int st = system(cmd);
    cl_result r = { WIFEXITED(st) ? WEXITSTATUS(st) : -1, NULL, NULL };
    size_t n;
    r.out = jt_read_file(outf, &n);
    r.err = jt_read_file(errf, &n);
    remove(outf);
    remove(errf);
    cr_assert(r.out && r.err);
    return r;
}

void cl_done(cl_result *r)
{
    free(r->out);
    free(r->err);
}
