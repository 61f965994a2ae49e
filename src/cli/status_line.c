/* status_line.c — the one-line status a run shows on a terminal's stderr while it works, as
 * Powerpipe's status spinner does (pipe-fittings statushooks): the check's control counts
 * (cmd_check.c) and, for `dashboard run` and `detection run`, SnapshotProgressReporter's
 * "Running NAME, N rows returned, E errors".  The counts are bumped from the run's threads (rows
 * from several workers at once, events one at a time); the line is drawn by the thread waiting for
 * the run (cli_run_wait_status), every WAIT_SLICE_MS, so a run shorter than that draws nothing. */
#include "cli.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void cli_status_draw_text(const char *line)
{
    int n = (int)strlen(line);
    /* within the terminal's width: a wrapped line would not be cleared by the next \r */
    struct winsize w;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 1 && n >= w.ws_col) n = w.ws_col - 1;
    fprintf(stderr, "\r\033[K%.*s", n, line);
    fflush(stderr);
}

void cli_status_clear_text(void)
{
    fputs("\r\033[K", stderr);
    fflush(stderr);
}

void cli_status_start(cli_status *s, const cli_opts *o, const char *target)
{
    s->on = o->progress && isatty(STDERR_FILENO);
    s->target = target;
    s->drawn = 0;
    atomic_init(&s->rows, 0);
    atomic_init(&s->errors, 0);
}

void cli_status_rows(cli_status *s, uint64_t n)
{
    if (s && s->on) atomic_fetch_add_explicit(&s->rows, n, memory_order_relaxed);
}

void cli_status_node_done(cli_status *s, const lp_run_node *n)
{
    /* pipe-fittings counts an error per leaf run that fails (SnapshotError in setError), not the
     * containers above it */
    if (s && s->on && lp_node_child_count(n) == 0 && lp_node_get_state(n) == LP_NODE_ERROR)
        atomic_fetch_add_explicit(&s->errors, 1, memory_order_relaxed);
}

void cli_status_draw(cli_status *s)
{
    if (!s || !s->on) return;
    uint64_t rows = atomic_load_explicit(&s->rows, memory_order_relaxed);
    unsigned errors = atomic_load_explicit(&s->errors, memory_order_relaxed);
    char line[512];
    int n = snprintf(line, sizeof line, "Running %s", s->target);
    if (rows && n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ", %llu row%s returned", (unsigned long long)rows,
                      rows == 1 ? "" : "s");
    if (errors && n < (int)sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, ", %u error%s", errors, errors == 1 ? "" : "s");
    cli_status_draw_text(line);
    s->drawn = 1;
}

void cli_status_done(cli_status *s)
{
    if (s && s->drawn) cli_status_clear_text();
    if (s) s->drawn = 0;
}
