/* server.c — `lazypipe server`: Powerpipe's dashboard server protocol over libwebsockets (HTTP and
 * WebSocket on one port, WebSocket at /ws), on a live workspace that follows its files.  This file
 * is its start: the flags and environment (server_settings), the workspace and its watcher, the
 * libwebsockets context and its callback (each connection's events; rx.c reads their frames), the
 * signals, the loop, and the shutdown.  The other rooms are listed in serverInt.h.
 *
 * Threads (the complete map: nothing else runs server code):
 *   - the main thread: start-up, then the libwebsockets loop (serve), which owns every session,
 *     queue, message and run record; all of libwebsockets is called from it, apart from
 *     lws_cancel_service.  Shutdown too (stop_all_runs, cmd_server).
 *   - the resolver (lp_live's background resolution, src/resolve; and its helper): calls
 *     on_resolved once the first version's titles and tags are in.
 *   - the watcher (lp_watch_start, src/live/watch.c): refreshes the workspace and calls on_change.
 *   - the signal thread (signal_thread): SIGINT, SIGTERM, SIGHUP, all blocked elsewhere.
 *   - the run workers (lp_run_start's, src/run; a duckdb statement's watchdog under them): call
 *     on_run_event (runs.c) with each final node, one event at a time per run.
 *   - the snapshot-streaming threads (stream_main, stream.c): one per benchmark execution_complete
 *     being made as it is sent.
 *   - the index's scan workers (src/workspace) run only inside cli_open_live and a refresh, on the
 *     thread that called them; they call no server code.
 * The other threads only post work to the loop: they set flags, queue events or pieces under
 * `g.lock` and wake it with lws_cancel_service; the loop builds and sends the messages
 * (LWS_CALLBACK_EVENT_WAIT_CANCELLED).  Workspace versions are pinned with lp_live_acquire for the
 * time a message is built, and for a run's life.
 *
 * Memory: a message is built once and shared (reference counted) by every queue it is in.  The 2.9
 * MB available_dashboards of aws_compliance is the live workspace's own (lp_live_payload: built once
 * per version and resolution state, and after a refresh made from the previous version's),
 * referenced, not copied, however many clients ask.  Each session's queue is bounded in messages
 * and bytes; a client past the bound, or one that takes no bytes for g.stall_secs while some are
 * waiting, is disconnected.  Messages go out in fragments of CHUNK bytes written from the shared
 * message itself (write_next, send.c), so libwebsockets never holds more than one fragment per
 * connection.  Incoming messages are bounded by MAX_RX. */
#include "serverInt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef LP_SYSTEM_MALLOC
#include <mimalloc.h>
#endif

srv_state g = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* ------------------------------------------------------------ log */

/* The loop's lines are kept and written together once per turn of the loop (log_flush, after each
 * lws_service): a thousand viewers selecting, or a change re-running their selections, were a
 * write(2) per line each, a thousand a wave, half the loop's system calls in a change wave.  The
 * other threads' lines are written at once, after the kept ones, so the file keeps the lines'
 * order. */
#define LOG_KEPT (64u << 10)
static struct {
    pthread_mutex_t lock;
    int on;                        /* the loop's lines are kept (log_keep) */
    pthread_t loop;                /* the thread whose lines are */
    size_t len;
    char buf[LOG_KEPT];
} L = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void log_write_kept(void)   /* (under L.lock) */
{
    if (L.len) fwrite(L.buf, 1, L.len, stderr);
    L.len = 0;
}

/* n bytes of a line, its newline included */
static void log_line(const char *line, size_t n)
{
    pthread_mutex_lock(&L.lock);
    int keep = L.on && pthread_equal(pthread_self(), L.loop);
    if (!keep || L.len + n > sizeof L.buf) log_write_kept();
    if (keep && n <= sizeof L.buf) {
        memcpy(L.buf + L.len, line, n);
        L.len += n;
    } else {
        fwrite(line, 1, n, stderr);
    }
    pthread_mutex_unlock(&L.lock);
}

/* The calling thread's lines are kept until log_flush (on), or written at once again (off: the kept
 * ones go first). */
static void log_keep(int on)
{
    pthread_mutex_lock(&L.lock);
    L.on = on;
    L.loop = pthread_self();
    if (!on) log_write_kept();
    pthread_mutex_unlock(&L.lock);
}

static void log_flush(void)
{
    pthread_mutex_lock(&L.lock);
    log_write_kept();
    pthread_mutex_unlock(&L.lock);
}

void logf_(const char *fmt, ...)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    char line[1025];   /* 1,023 bytes at most, and the newline */
    int n = snprintf(line, 1024, "%02d:%02d:%02d.%03ld ", tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, 1024 - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    line[len++] = '\n';
    log_line(line, len);
}

/* Set while the context is made: a failure to listen is said once, in our words (below). */
static int lws_log_quiet;

static void lws_log(int level, const char *line)
{
    (void)level;
    if (lws_log_quiet) return;
    size_t n = strlen(line);
    while (n && line[n - 1] == '\n') n--;
    char out[1025];
    int len = snprintf(out, 1024, "libwebsockets: %.*s", (int)n, line);
    size_t k = len < 0 ? 0 : (size_t)len < 1024 ? (size_t)len : 1023;
    out[k++] = '\n';
    log_line(out, k);
}

static void post(unsigned what, const char *wserror)
{
    pthread_mutex_lock(&g.lock);
    g.pending |= what;
    if (wserror) snprintf(g.wserror, sizeof g.wserror, "%s", wserror);
    if (g.ctx) lws_cancel_service(g.ctx);
    pthread_mutex_unlock(&g.lock);
}

/* ------------------------------------------------------------ the protocol */

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
    session *s = user;
    switch (reason) {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        stream_poll();
        run_pending();
        return 0;
    case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE: {
        /* before the handshake: a refusal is an HTTP answer (>0), not a hang-up */
        int via_url, no_host, rc = refuse_without_host(wsi, "WebSocket", &no_host);
        if (no_host) return rc ? -1 : 1;
        const char *why = access_refused(wsi, &via_url);
        if (why) return refuse(wsi, "WebSocket", why) ? -1 : 1;
        return 0;
    }
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char uri[64];
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) < 0 || strcmp(uri, "/ws") != 0) return 1;
        if (g.nsessions >= g.max_sessions) {
            logf_("WebSocket refused: %u sessions already", g.nsessions);
            return 1;
        }
        return 0;
    }
    case LWS_CALLBACK_ESTABLISHED:
        memset(s, 0, sizeof *s);
        s->wsi = wsi;
        s->is_ws = 1;
        s->id = ++g.next_id;
        lws_get_peer_simple(wsi, s->peer, sizeof s->peer);
        s->next = g.sessions;
        if (g.sessions) g.sessions->prev = s;
        g.sessions = s;
        g.nsessions++;
        logf_("ws#%lu %s connected (%u sessions)", s->id, s->peer, g.nsessions);
        s->rx_fd = -1;
        return rx_watch(s);
    case LWS_CALLBACK_CLOSED:
        if (!s || !s->is_ws) return 0;
        rx_unwatch(s);
        if (s->prev) s->prev->next = s->next;
        else g.sessions = s->next;
        if (s->next) s->next->prev = s->prev;
        g.nsessions--;
        logf_("ws#%lu %s disconnected (%u sessions)", s->id, s->peer, g.nsessions);
        session_free(s);
        s->is_ws = 0;
        return 0;
    case LWS_CALLBACK_RECEIVE:
        /* libwebsockets parsed a frame itself: one that came with the handshake, before its answer
         * (RFC 6455 §4.1: a client waits for it), from before rx.c took the socket over */
        kill_session(s, LWS_CLOSE_STATUS_PROTOCOL_ERR, "a frame sent before the handshake's answer");
        return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE:
        events_in_pass();
        if (s->killed && !s->qlen) {   /* the close frame (kill_session's reason) */
            lws_rx_flow_control(wsi, 1);   /* libwebsockets reads the client's answer to it */
            return -1;
        }
        if (s->pong_due) {   /* between two whole frames: a control frame may go amid a message's */
            s->pong_due = 0;
            if (lws_write(wsi, s->pong + LWS_PRE, s->pong_len, LWS_WRITE_PONG) < (int)s->pong_len) return -1;
            lws_callback_on_writable(wsi);
            return 0;
        }
        return write_next(s);
    case LWS_CALLBACK_HTTP: {
        const char *uri = in ? (const char *)in : "/";
        char peer[64];
        lws_get_peer_simple(wsi, peer, sizeof peer);
        logf_("http %s GET %s", peer, uri);
        memset(s, 0, sizeof *s);
        int via_url, no_host, rc = refuse_without_host(wsi, "http", &no_host);
        if (no_host) return rc ? -1 : (lws_http_transaction_completed(wsi) ? -1 : 0);
        const char *why = access_refused(wsi, &via_url);
        if (why) return refuse(wsi, "http", why) ? -1 : (lws_http_transaction_completed(wsi) ? -1 : 0);
        if (g.ui_dir) return serve_ui_dir(wsi, uri, via_url);
        if (strncmp(uri, "/static/echarts-", strlen("/static/echarts-")) == 0)
            return serve_echarts(wsi, s, uri);
        if (strncmp(uri, SRV_ICONS_URL, strlen(SRV_ICONS_URL)) == 0)
            return serve_icon(wsi, uri + strlen(SRV_ICONS_URL));
        const srv_asset *a = srv_asset_for(uri);
        /* a dashboard's page: most have charts, and ECharts is most of their first paint's wait */
        int dashboard = a && strcmp(a->name, "index.html") == 0 && strstr(uri, SRV_DASHBOARD_PATH);
        return serve_page(wsi, s, a, via_url, dashboard);
    }
    case LWS_CALLBACK_HTTP_WRITEABLE:
        return page_writeable(wsi, s);
    case LWS_CALLBACK_HTTP_FILE_COMPLETION:
        return lws_http_transaction_completed(wsi) ? -1 : 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

/* ------------------------------------------------------------ threads posting work */

static void on_resolved(void *user, lp_workspace *ws)
{
    (void)user, (void)ws;
    post(P_DASHBOARDS, NULL);
}

/* Whether the last version had errors: set before the watcher starts (the errors the workspace
 * opened with), then only by the watcher's thread. */
static int watch_had_errors;

static void on_change(void *user, const lp_changes *c)
{
    (void)user;
    unsigned what = 0;
    if (c->payload_changed) what |= P_DASHBOARDS;
    if (c->nadded || c->nremoved || c->nmodified) what |= P_RESELECT;
    lp_workspace *ws = lp_live_acquire(g.lv);
    char err[sizeof g.wserror];
    srv_workspace_errors(ws, err, sizeof err);
    lp_live_release(g.lv, ws);
    if (err[0]) what |= P_WSERROR;
    /* errors gone: the dashboards again, which is what clears a UI's error, and every selection
     * runs again: the error stopped the runs, also when no resource changed (an error in mod.pp),
     * and a panel they left running would spin forever */
    if (!err[0] && watch_had_errors) what |= P_DASHBOARDS | P_RESELECT;
    watch_had_errors = err[0] != 0;
    logf_("workspace version %u: %s changed; %u added, %u removed, %u modified%s", c->version,
          c->reason ? c->reason : "an input", c->nadded, c->nremoved, c->nmodified,
          c->payload_changed ? "; dashboards payload changed" : "");
    if (what) post(what, err[0] ? err : NULL);
}

/* The first INT, TERM or HUP stops the server; the signals after it are waited for too, never left
 * to their default action (timeout(1) signals the process and then its group, a user presses
 * Ctrl-C twice): they only cut stop_all_runs' wait for the cancels.  cmd_server ends the thread
 * with a SIGTERM of its own once signals_done is set. */
static atomic_int stop_signal, signals_after, signals_done;

static void *signal_thread(void *arg)
{
    sigset_t *sigs = arg;
    int sig = 0;
    while (sigwait(sigs, &sig) == 0 && !atomic_load(&signals_done)) {
        int none = 0;
        if (atomic_compare_exchange_strong(&stop_signal, &none, sig)) post(P_STOP, NULL);
        else atomic_fetch_add(&signals_after, 1);
    }
    return NULL;
}

/* ------------------------------------------------------------ the command */

/* A release build of Powerpipe's UI has a version.json ({"version":"1.2.3",...}); it reloads
 * itself while server_metadata's cli.version differs from it (useDashboardVersionCheck), so
 * that version is reported, as Powerpipe reports its assets' version. */
static void read_ui_version(const char *dir)
{
    char path[PATH_MAX], text[4096];
    snprintf(path, sizeof path, "%s/version.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f) return;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *k = strstr(text, "\"version\"");
    if (!k) return;
    k += 9;
    while (*k == ' ' || *k == '\t' || *k == '\n' || *k == '\r') k++;
    if (*k++ != ':') return;
    while (*k == ' ' || *k == '\t' || *k == '\n' || *k == '\r') k++;
    if (*k++ != '"') return;
    size_t len = strcspn(k, "\"\\");
    if (k[len] != '"' || len >= sizeof R.ui_version) return;
    memcpy(R.ui_version, k, len);
    R.ui_version[len] = '\0';
}

/* Every HOUSEKEEPING_US on the loop: shared results past --share-results are dropped, pooled
 * connections idle for POOL_IDLE_MS closed, and, once nothing runs and no client is left, the
 * freed memory given back to the system (mimalloc keeps freed pages of threads that ended in
 * abandoned segments, which only a collection returns: the server kept its peak). */
#define HOUSEKEEPING_US (5 * LWS_US_PER_SEC)
#define POOL_IDLE_MS 30000
static lws_sorted_usec_list_t housekeeping_sul;
static int collected;              /* nothing changed since the last collection */

static void housekeeping(lws_sorted_usec_list_t *sul)
{
    lp_run_share_stats before, after;
    lp_run_share_get_stats(R.share, &before);
    lp_run_share_trim(R.share, POOL_IDLE_MS);
    runs_expire();
    lp_run_share_get_stats(R.share, &after);
    int quiet = !R.runs && !g.sessions;
    if (after.open != before.open || after.kept != before.kept) {
        logf_("housekeeping: %u results kept (%u dropped), %u connections open (%u closed)", after.kept,
              before.kept - after.kept, after.open, before.open - after.open);
        collected = 0;
    }
    if (!quiet) collected = 0;
    else if (!collected) {
#ifndef LP_SYSTEM_MALLOC
        mi_collect(true);
#endif
        collected = 1;
        /* what an idle server still holds: the loaded resources, up to the cache's budget */
        lp_cache_stats cs;
        lp_workspace *ws = lp_live_acquire(g.lv);
        lp_cache_stats_get(ws, &cs);
        lp_live_release(g.lv, ws);
        logf_("housekeeping: no client and nothing running: memory given back; %llu resources loaded "
              "(%.1f MiB of %.0f MiB of cache)", (unsigned long long)cs.entries, (double)cs.bytes / 1048576,
              (double)cs.budget / 1048576);
    }
    if (g.ctx) lws_sul_schedule(g.ctx, 0, sul, housekeeping, HOUSEKEEPING_US);   /* (the loop set it) */
}

/* How long the runs may take to stop once cancelled: PostgreSQL acknowledges a cancel request at
 * once, and a statement stops at its next check.  After a further signal the wait is cut to
 * CANCEL_HURRY_MS (the cancels were asked for before it), as for the run commands. */
#define CANCEL_WAIT_MS 10000
#define CANCEL_HURRY_MS 2000
#define WAIT_SLICE_MS 100

/* Shutdown: every run cancelled and waited for (CANCEL_WAIT_MS at most), its events dropped, before
 * the sessions go.  -1 when some run did not stop in time: the runs are left as they are (freeing
 * one joins its workers) to end with the process, their connections closed with it. */
static int stop_all_runs(void)
{
    stream_stop_all();
    for (srun *r = R.runs; r; r = r->next) lp_run_cancel(r->run);
    int64_t left = CANCEL_WAIT_MS;
    srun *waiting = R.runs;
    while (waiting && left > 0) {
        if (lp_run_wait(waiting->run, WAIT_SLICE_MS) != LP_ERR_TIMEOUT) {
            waiting = waiting->next;
            continue;
        }
        left -= WAIT_SLICE_MS;
        if (atomic_load(&signals_after) && left > CANCEL_HURRY_MS) left = CANCEL_HURRY_MS;
    }
    if (waiting) {
        logf_("lazypipe server: runs still going after their cancels; left to end with the process");
        return -1;
    }
    sevent *e = take_events();
    while (e) {
        sevent *next = e->next;
        if (e->m) {
            msg_unref(e->m);
            free(e);
        }
        e = next;
    }
    while (R.runs) run_free(R.runs);   /* after the queue: it may hold their last events */
    while (R.kept) run_free(R.kept);
    return 0;
}

/* $name, when set and not empty, as a number from lo to hi into *out; -1 after saying it must be
 * `what` (else *out is left as it is) */
static int env_number(const char *name, long lo, long hi, const char *what, long *out)
{
    const char *text = getenv(name);
    if (!text || !*text) return 0;
    if (cli_parse_long(text, lo, hi, out) != 0) {
        cli_error("%s must be %s: %s", name, what, text);
        return -1;
    }
    return 0;
}

/* The flags and the environment into g and R: CLI_OK, or the exit code after saying why. */
static int server_settings(const cli_opts *o, long *port, int *network)
{
    *port = 9033;
    if (o->port && cli_parse_long(o->port, 1, 65535, port) != 0) {
        cli_error("invalid port - must be within range (1:65535): %s", o->port);
        return CLI_USAGE;
    }
    *network = 0;
    if (o->listen) {
        if (strcmp(o->listen, "network") == 0) *network = 1;
        else if (strcmp(o->listen, "local") != 0) {
            cli_error("invalid listen type: %s. Must be one of 'network' or 'local'", o->listen);
            return CLI_USAGE;
        }
    }
    struct stat st;
    if (o->ui_dir &&
        (stat(o->ui_dir, &st) != 0 || !S_ISDIR(st.st_mode) || !realpath(o->ui_dir, g.ui_real))) {
        cli_error("--ui-dir %s: not a directory", o->ui_dir);
        return CLI_ERRORS;
    }
    g.ui_dir = o->ui_dir;
    if (o->ui_dir) read_ui_version(o->ui_dir);
    else find_icons();
    R.tail = &R.head;
    R.database = o->database;
    long qmb = QMAX_BYTES_DEFAULT >> 20, stall = STALL_SECS_DEFAULT;
    R.admit_runs = -1;
    if (env_number("LAZYPIPE_SEND_QUEUE_MB", 1, 4096, "a number of MiB from 1 to 4096", &qmb) != 0 ||
        env_number("LAZYPIPE_SEND_STALL_S", 1, 3600, "a number of seconds from 1 to 3600", &stall) != 0 ||
        env_number("LAZYPIPE_ADMIT_RUNS", 0, 100000, "a number of runs from 0 (no bound) to 100000",
                   &R.admit_runs) != 0)
        return CLI_USAGE;
    g.qmax_bytes = (size_t)qmb << 20;
    g.stall_secs = (int)stall;
    /* a run per session with a selection: fewer connections each than a lone dashboard run */
    R.max_parallel = o->max_parallel > 0 ? (uint32_t)o->max_parallel : 5;
    R.query_timeout_ms = o->query_timeout_s > 0 ? o->query_timeout_s * 1000 : 0;
    R.share_ms = (uint64_t)(o->share_results_s >= 0 ? o->share_results_s : 60) * 1000;
    R.dashboard_timeout_s = o->dashboard_timeout_s;
    R.search_path = o->search_path;
    R.search_path_prefix = o->search_path_prefix;
    return CLI_OK;
}

/* The live workspace, watched when --watch, and the runs' one share and pool. */
static int open_workspace(const cli_opts *o)
{
    cli_opts lo = *o;
    lo.on_resolved = on_resolved;
    if (cli_open_live(&lo, &g.lv) != 0) return CLI_ERRORS;
#ifndef LP_SYSTEM_MALLOC
    /* cli_open_live gives freed pages back at once (flat RSS over refreshes), but the server's run
     * threads free and exit by the thousand with many clients: a madvise per freed page, each a TLB
     * shootdown on every core, took a third of its time with 200 viewers (bench/viewers_bench.js).
     * Given back after 50 ms instead, and all of it by housekeeping once no client is left. */
    mi_option_set(mi_option_decommit_delay, 50);
#endif
    char opened_with[sizeof g.wserror];
    current_errors(opened_with, sizeof opened_with);
    watch_had_errors = opened_with[0] != 0;   /* (before the watcher's thread exists) */
    lp_error err;
    if (!o->watch)
        logf_("--watch=false: the workspace is served as it was at the start");
    else if ((R.watching = 1) && lp_watch_start(g.lv, on_change, NULL, &err) != LP_OK) {
        R.watching = 0;   /* (no run started yet: no thread reads it) */
        cli_warning("the workspace is not watched: %s", err.message);
    }
    else if (lp_watch_warning(g.lv)[0])
        cli_warning("%s", lp_watch_warning(g.lv));

    R.share = lp_run_share_new();  /* NULL (out of memory): runs just don't share */
    /* one pool of --max-parallel connections for every session's runs (Powerpipe's one database
     * client), not max_parallel per run: 1,024 sessions would open 5,120 connections */
    lp_run_share_set_pool(R.share, R.max_parallel);
    /* how many runs have started their workers at once (default: a third of the pool's connections) */
    if (R.admit_runs >= 0) lp_run_share_set_admit(R.share, (uint32_t)R.admit_runs);
    /* a statement's rows serve every session selecting the same dashboard for --share-results, also
     * one whose run started just after the statement ended: N viewers, one statement per leaf */
    lp_run_share_set_keep(R.share, (uint32_t)(R.share_ms > UINT32_MAX ? UINT32_MAX : R.share_ms));
    return CLI_OK;
}

/* A viewer is a socket: MAX_SESSIONS of them, the pool's connections and the watched directories
 * need more descriptors than a soft limit of 1024 (Debian's default) allows.  The soft limit goes
 * up to the hard one, as Go's runtime does for Powerpipe since Go 1.19, but no higher than
 * MAX_SESSIONS and the reserve need (and down to that when it was higher): libwebsockets sizes its
 * tables by it, and told a smaller number than the limit (fd_limit_per_thread) it finds a socket's
 * connection by a scan of its whole table on every event, 16% of the loop's time sending a wave to
 * 10,000 viewers (perf, make bench-viewers).  Where it cannot be set, the server runs with what it
 * has.  Returns the soft limit (g.max_sessions set from it). */
#define FD_RESERVE 256

static rlim_t set_fd_limit(void)
{
    struct rlimit l;
    g.max_sessions = MAX_SESSIONS;
    if (getrlimit(RLIMIT_NOFILE, &l) != 0) return (rlim_t)MAX_SESSIONS + FD_RESERVE;
    rlim_t want = (rlim_t)MAX_SESSIONS + FD_RESERVE;
    if (l.rlim_max != RLIM_INFINITY && l.rlim_max < want) want = l.rlim_max;
    if (l.rlim_cur != want) {
        l.rlim_cur = want;
        if (setrlimit(RLIMIT_NOFILE, &l) != 0) (void)getrlimit(RLIMIT_NOFILE, &l);
    }
    if (l.rlim_cur == RLIM_INFINITY || l.rlim_cur > (rlim_t)INT_MAX) return (rlim_t)MAX_SESSIONS + FD_RESERVE;
    /* one per viewer (its socket: rx.c reads it through one epoll set for all), and a reserve for the
     * pool's connections, the watcher, files, the listener and the epoll set */
    if (l.rlim_cur < (rlim_t)MAX_SESSIONS + FD_RESERVE) {
        g.max_sessions = l.rlim_cur > FD_RESERVE ? (unsigned)(l.rlim_cur - FD_RESERVE) : 1;
        logf_("at most %u viewers: the descriptor limit is %llu (ulimit -n; a descriptor a viewer)",
              g.max_sessions, (unsigned long long)l.rlim_cur);
    }
    return l.rlim_cur;
}

/* The libwebsockets context listening on port; NULL after saying why it cannot. */
/* Powerpipe's words (its ShowError's two lines) */
#define PORT_BUSY                                                                                            \
    "Port %ld is not available - is another instance of 'lazypipe server' running?\n"                       \
    "       Set a different port using the --port argument"

static struct lws_context *listen_on(long port, int network)
{
    rlim_t fd_limit = set_fd_limit();
    lws_set_log_level(LLL_ERR | LLL_WARN, lws_log);
    static const struct lws_protocols protocols[] = {
        /* rx 4 KiB at a time; tx: without tx_packet_size libwebsockets sends rx_buffer_size per
         * send(), 700 rounds of the event loop for the 2.9 MB payload */
        { "lazypipe", callback, sizeof(session), 4096, 0, NULL, CHUNK },
        { RX_PROTOCOL, rx_callback, 0, 0, 0, NULL, 0 },
        { NULL, NULL, 0, 0, 0, NULL, 0 },
    };
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = (int)port;
    info.iface = network ? NULL : "127.0.0.1";
    info.protocols = protocols;
    info.gid = -1;
    info.uid = -1;
    info.timeout_secs = 10;
    info.max_http_header_data = 4096;
    /* the service thread's one buffer: --ui-dir files go out this much per write (default 4 KiB;
     * Powerpipe's UI bundle is megabytes) */
    info.pt_serv_buf_size = 64u << 10;
    info.vhost_name = "localhost";
    /* the limit itself (set_fd_limit): lws's tables as large, and a socket found by its number */
    info.fd_limit_per_thread = (unsigned)fd_limit;
    info.options = LWS_SERVER_OPTION_VALIDATE_UTF8 | (network ? 0 : LWS_SERVER_OPTION_DISABLE_IPV6);
    lws_log_quiet = 1;
    struct lws_context *ctx = g.wbuf ? lws_create_context(&info) : NULL;
    lws_log_quiet = 0;
    if (ctx && rx_open(ctx, info.fd_limit_per_thread) == 0) return ctx;
    if (ctx) {
        lws_context_destroy(ctx);
        rx_close();
        cli_error("cannot read the WebSocket sessions: %s", strerror(errno));
        return NULL;
    }
    /* why: bind the address ourselves (lws says it only in its log) */
    int why = 0, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0) {
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        sa.sin_addr.s_addr = htonl(network ? INADDR_ANY : INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) why = errno;
        close(fd);
    }
    if (why == EADDRINUSE) cli_error(PORT_BUSY, port);
    else if (why == EACCES) cli_error("not allowed to listen on port %ld", port);
    else cli_error("cannot serve on %s:%ld", network ? "*" : "127.0.0.1", port);
    return NULL;
}

/* The loop, until SIGINT, SIGTERM or SIGHUP: what it serves said first, every run stopped after
 * (stop_all_runs: -1 when some did not stop in time). */
static int serve(struct lws_context *ctx, long port, int network)
{
    lp_workspace *ws = lp_live_acquire(g.lv);
    lp_workspace_stats wst;
    lp_workspace_stats_get(ws, &wst);
    lp_mod_info mi;
    lp_mod_get(ws, 0, &mi);
    logf_("lazypipe server: listening on http://%s:%ld (WebSocket /ws) for %s: %u dashboards, "
          "%u benchmarks; index %s in %.1f ms%s",
          network ? "0.0.0.0" : "127.0.0.1", port, mi.full_name, wst.kind_counts[LP_KIND_DASHBOARD],
          wst.kind_counts[LP_KIND_BENCHMARK] + wst.kind_counts[LP_KIND_DETECTION_BENCHMARK],
          wst.reopened ? "reopened from its image" : "built", wst.build_ns / 1e6,
          g.ui_dir ? "; serving --ui-dir" : "");
    char errs[sizeof g.wserror];
    srv_workspace_errors(ws, errs, sizeof errs);
    lp_live_release(g.lv, ws);
    if (errs[0]) logf_("the workspace has errors: %s", errs);
    char name[256] = "127.0.0.1";
    if (network && gethostname(name, sizeof name) != 0) snprintf(name, sizeof name, "127.0.0.1");
    name[sizeof name - 1] = '\0';
    if (g.token)
        logf_("open http://%s:%ld/?token=%s (the access token; the page keeps it in a cookie)", name,
              port, g.token);
    pthread_mutex_lock(&g.lock);
    g.ctx = ctx;
    lws_cancel_service(ctx);   /* whatever was posted before the context existed */
    pthread_mutex_unlock(&g.lock);
    lws_sul_schedule(ctx, 0, &housekeeping_sul, housekeeping, HOUSEKEEPING_US);
    log_keep(1);
    while (!g.stopping) {
        int rc = lws_service(ctx, 0);
        log_flush();   /* the lines of this turn, before the loop waits again */
        if (rc < 0) break;
    }
    log_keep(0);
    logf_("lazypipe server: shutting down (%u sessions)", g.nsessions);
    lws_sul_cancel(&housekeeping_sul);
    stall_cancel();
    lws_sul_cancel(&R.retry_sul);
    return stop_all_runs();
}

/* Powerpipe's server handles SIGINT alone (signal.NotifyContext(ctx, os.Interrupt) in
 * internal/cmd/server.go): a HUP (or a TERM) ends its Go process by the signal's default action,
 * with its statements still running.  A HUP here first stops every run as a TERM does, and then
 * ends the process by that default action all the same, so a parent sees what Powerpipe's shows it.
 * (A TERM keeps the server's exit status 0, the clean end README documents and the sanitized build's
 * leak check needs.) */
static void end_by_hangup(void)
{
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    signal(SIGHUP, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &hup, NULL);
    raise(SIGHUP);
}

/* Powerpipe's server refuses a port it cannot bind before opening the workspace (IsPortBindable on
 * every address), with ExitCodeBindPortUnavailable */
enum { EXIT_BIND_PORT_UNAVAILABLE = 251 };

static int port_in_use(long port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), busy = 0;
    if (fd < 0) return 0;   /* the listen says what is wrong */
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    busy = bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno == EADDRINUSE;
    close(fd);
    return busy;
}

int cmd_server(const cli_opts *o)
{
    long port;
    int network;
    int rc = server_settings(o, &port, &network);
    if (rc != CLI_OK) return rc;
    if (port_in_use(port)) {
        cli_error(PORT_BUSY, port);
        return EXIT_BIND_PORT_UNAVAILABLE;
    }
    cli_register_drivers();
    if ((rc = access_settings(o, port, network)) != CLI_OK) return rc;

    /* the signals wait for the signal thread: blocked before any thread starts */
    static sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (open_workspace(o) != CLI_OK) {
        hosts_free();
        return CLI_ERRORS;
    }
    pthread_t sigth;
    int have_sigth = pthread_create(&sigth, NULL, signal_thread, &sigs) == 0;
    g.wbuf = malloc(LWS_PRE + WBUF);
    struct lws_context *ctx = listen_on(port, network);
    int runs_left = 0;
    if (ctx) runs_left = serve(ctx, port, network) != 0;
    else rc = CLI_ERRORS;
    /* no thread posts once the watcher is stopped and the context is gone */
    lp_watch_stop(g.lv);
    pthread_mutex_lock(&g.lock);
    g.ctx = NULL;
    pthread_mutex_unlock(&g.lock);
    if (ctx) lws_context_destroy(ctx);
    rx_close();
    if (have_sigth) {
        atomic_store(&signals_done, 1);
        pthread_kill(sigth, SIGTERM);   /* still in sigwait: it waits for every signal until now */
        pthread_join(sigth, NULL);
    }
    free(g.wbuf);
    dashboard_metadata_free();
    hosts_free();
    if (!runs_left) {   /* (else the runs still use the workspace and the share) */
        lp_live_close(g.lv);
        lp_run_share_free(R.share);    /* every run was freed by stop_all_runs */
        R.share = NULL;
    }
    if (atomic_load(&stop_signal) == SIGHUP) end_by_hangup();
    return rc;
}
