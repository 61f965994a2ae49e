/* interrupt.c — Ctrl-C, SIGTERM and SIGHUP while a run command runs (cli.h).
 *
 * A signal must not leave statements running on the database: Powerpipe's process dies on
 * SIGTERM/SIGHUP (and query run on SIGINT too) and its statements go on server-side until they
 * end.  Here the first of INT, TERM or HUP is only noted; the command's wait loop
 * (cli_run_wait) cancels its run (lp_run_cancel stops each statement on the database's side) and
 * waits, bounded, for the cancels to land.  Then an interrupted check or detection run ends the
 * way Powerpipe's does on Ctrl-C (its partial output, its exit code), and a TERM or HUP, or an INT
 * that Powerpipe does not handle, ends the process by that signal after all
 * (cli_signal_finish), so a parent sees what it would have seen.  Later signals are caught too,
 * never left to their default action: timeout(1) signals the process and then its group, and a
 * second Ctrl-C is a user's impatience; either may shorten the wait for the cancels
 * (CANCEL_HURRY_MS), neither may end the process before the cancels are asked for. */
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "cli.h"

static atomic_int pending;   /* the first signal; lock-free: safe in a handler, and between threads */
static atomic_int repeated;  /* signals after it */
static const int CAUGHT[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT (sizeof CAUGHT / sizeof *CAUGHT)

static void on_signal(int sig)
{
    int none = 0;
    if (!atomic_compare_exchange_strong(&pending, &none, sig)) atomic_fetch_add(&repeated, 1);
}

void cli_signals_catch(void)
{
    atomic_store(&pending, 0);
    atomic_store(&repeated, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NCAUGHT; i++) sigaddset(&sa.sa_mask, CAUGHT[i]);   /* one handler at a time */
    for (size_t i = 0; i < NCAUGHT; i++) sigaction(CAUGHT[i], &sa, NULL);
}

void cli_signals_release(void)
{
    for (size_t i = 0; i < NCAUGHT; i++) signal(CAUGHT[i], SIG_DFL);
}

int cli_signal_pending(void)
{
    return atomic_load(&pending);
}

int cli_signal_count(void)
{
    return (atomic_load(&pending) != 0) + atomic_load(&repeated);
}

void cli_signal_finish(int powerpipe_handles_int)
{
    int sig = atomic_load(&pending);
    cli_signals_release();
    if (!sig || (sig == SIGINT && powerpipe_handles_int)) return;
    raise(sig);   /* the default action: the process ends by the signal, as Powerpipe's would */
}

/* How long a cancelled run may take to stop: PostgreSQL acknowledges a cancel request at once,
 * and a statement stops at its next check; past this the process goes on and its connections
 * close with it.  After a further signal the wait is cut to CANCEL_HURRY_MS: the cancels were
 * asked for before it, and a request reaches a database that answers in milliseconds. */
#define CANCEL_WAIT_MS 10000
#define CANCEL_HURRY_MS 2000
#define WAIT_SLICE_MS 100

/* Wait for a cancelled run to end, CANCEL_WAIT_MS at most, less once another signal came. */
static void wait_cancelled(lp_run *run)
{
    int64_t left = CANCEL_WAIT_MS;
    while (left > 0 && lp_run_wait(run, WAIT_SLICE_MS) == LP_ERR_TIMEOUT) {
        left -= WAIT_SLICE_MS;
        if (atomic_load(&repeated) && left > CANCEL_HURRY_MS) left = CANCEL_HURRY_MS;
    }
}

cli_wait_result cli_run_wait_status(lp_run *run, int64_t timeout_ms, cli_status *status)
{
    int64_t left = timeout_ms > 0 ? timeout_ms : -1;
    while (lp_run_wait(run, WAIT_SLICE_MS) == LP_ERR_TIMEOUT) {
        if (left > 0) left = left > WAIT_SLICE_MS ? left - WAIT_SLICE_MS : 0;
        if (atomic_load(&pending) || left == 0) {
            cli_status_done(status);
            lp_run_cancel(run);
            wait_cancelled(run);
            return atomic_load(&pending) ? CLI_WAIT_SIGNAL : CLI_WAIT_TIMEOUT;
        }
        cli_status_draw(status);
    }
    cli_status_done(status);
    return atomic_load(&pending) ? CLI_WAIT_SIGNAL : CLI_WAIT_DONE;
}

cli_wait_result cli_run_wait(lp_run *run, int64_t timeout_ms)
{
    return cli_run_wait_status(run, timeout_ms, NULL);
}
