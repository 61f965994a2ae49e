/* test_cli_watch.c — `lazypipe watch` as a user runs it: the first line says
 * what was opened, an edit prints one JSON object naming what changed, and
 * Ctrl-C (SIGINT) ends it with status 0.  The sanitized CLI (LP_CLI). */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/wsfix.h"
#include "support/clirun.h"

Test(cli_watch, prints_a_line_per_change_and_ends_on_ctrl_c)
{
    const char *cli = getenv("LP_CLI") ? getenv("LP_CLI") : "build/san/lazypipe";
    char *dir = wf_mod_dir("mod \"m\" {}\n");
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"one\"\n}\n");
    const char *argv[] = { cli, "--mod-location", dir, "--no-index-cache", "watch", "--output", "json", NULL };
    int out;
    int pid = cl_spawn_out(argv, &out);
    char line[4096];
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":1") && strstr(line, "\"entries\":1"), "first line: %s", line);
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"two\"\n}\ncontrol \"b\" {\n  title = \"new\"\n}\n");
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":2"), "after the edit: %s", line);
    cr_assert(strstr(line, "\"added\":[\"m.control.b\"]") && strstr(line, "\"modified\":[\"m.control.a\"]"),
              "after the edit: %s", line);
    int status = cl_interrupt(pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    close(out);
    wf_remove(dir);
}
