/* interrupt.c — Ctrl-C, SIGTERM and SIGHUP while a run command runs (cli.h).
 *
 * A signal must not leave statements running on the database: Powerpipe's process dies on
 * SIGTERM/SIGHUP (and query run on SIGINT too) and its statements go on server-side until they
 * end.  Here the first of INT, TERM or HUP is only noted; the command's wait loop
 * (cli_run_wait) cancels its run (lp_run_cancel stops each statement on the database's side) and
 * waits, bounded, for the cancels to land.  Then an interrupted check or detection run ends the
 * way Powerpipe's does on Ctrl-C (its partial output, its exit code), and a TERM or HUP, or an INT
 * that Powerpipe does not handle, ends the process by that signal after all
 * (cli_signal_finish), so a parent sees what it would have seen.  A second signal is not caught:
 * the handler puts back the default action of all three, so it ends the process at once. */
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "cli.h"

static atomic_int pending;   /* lock-free: safe in a handler, and between threads */
static const int CAUGHT[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT (sizeof CAUGHT / sizeof *CAUGHT)

static void on_signal(int sig)
{
    int before = atomic_exchange(&pending, sig);
    /* any second signal (of the three) takes its default action at once (sigaction is
     * async-signal-safe); one that another thread caught meanwhile is raised again */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (size_t i = 0; i < NCAUGHT; i++) sigaction(CAUGHT[i], &dfl, NULL);
    if (before) raise(sig);
}

void cli_signals_catch(void)
{
    atomic_store(&pending, 0);
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

void cli_signal_finish(int powerpipe_handles_int)
{
    int sig = atomic_load(&pending);
    cli_signals_release();
    if (!sig || (sig == SIGINT && powerpipe_handles_int)) return;
    raise(sig);   /* the default action: the process ends by the signal, as Powerpipe's would */
}

/* How long a cancelled run may take to stop: PostgreSQL acknowledges a cancel request at once,
 * and a statement stops at its next check; past this the process goes on and its connections
 * close with it. */
#define CANCEL_WAIT_MS 10000

cli_wait_result cli_run_wait(lp_run *run, int64_t timeout_ms)
{
    int64_t left = timeout_ms > 0 ? timeout_ms : -1;
    while (lp_run_wait(run, 100) == LP_ERR_TIMEOUT) {
        if (left > 0) left = left > 100 ? left - 100 : 0;
        if (atomic_load(&pending) || left == 0) {
            lp_run_cancel(run);
            lp_run_wait(run, CANCEL_WAIT_MS);
            return atomic_load(&pending) ? CLI_WAIT_SIGNAL : CLI_WAIT_TIMEOUT;
        }
    }
    return atomic_load(&pending) ? CLI_WAIT_SIGNAL : CLI_WAIT_DONE;
}
