/* serverInt.h — what the rooms of `lazypipe server` share (src/server only; server.h is the
 * messages' and requests' builders).
 *
 *   server.c    settings, start-up, the libwebsockets context and its callback, signals, the thread map
 *   send.c      messages, send queues, WebSocket framing and writes, the stall sweep
 *   stream.c    messages made as they are sent (a benchmark's execution_complete), their threads
 *   runs.c      runs and their subscribers: events to sessions, completion, what sessions show
 *   sessions.c  sessions' selections: joining a run, starting one, an edit superseding a run,
 *               the client's requests, the work other threads post
 *   http.c      who may connect (hosts, token, cookie), the page, ECharts, icons, --ui-dir
 *   rx.c        the sessions' incoming bytes: one epoll set of their sockets, frames checked by wsframe.c
 *
 * Everything here is the loop's (the main thread's) unless a field says "under g.lock" or "atomic";
 * server.c's header has the thread map. */
#ifndef LP_SERVER_INT_H
#define LP_SERVER_INT_H

#include "../cli/cli.h"
#include "assets.h"
#include "server.h"
#include "wsframe.h"

#include <libwebsockets.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

/* messages queued per session: a run sends one per panel or control (thousands for a large
 * benchmark), so the queue grows as needed up to this; the bytes bound is what limits memory */
#define QMAX 65536
/* bytes queued per session past the message being written (shared messages counted in full: a client
 * that does not read may not hold more than this of the server's memory): $LAZYPIPE_SEND_QUEUE_MB */
#define QMAX_BYTES_DEFAULT (16u << 20)
#define CLOSE_SLOW_CLIENT 1008          /* RFC 6455 policy violation: it does not read what it asked for */
#define CHUNK (256u << 10)              /* bytes per WebSocket fragment written */
#define WBUF (CHUNK + 16)               /* a fragment and its frame header */
#define MAX_RX (64u << 10)              /* largest client message */
/* viewers at most: each holds a descriptor (its socket), so the soft descriptor limit (raised to the
 * hard one) may allow fewer: g.max_sessions */
#define MAX_SESSIONS 16384
/* a queue that does not move for this long while bytes wait closes the connection:
 * $LAZYPIPE_SEND_STALL_S */
#define STALL_SECS_DEFAULT 30
#define STALL_SWEEP_US LWS_US_PER_SEC   /* how often the sessions with a queue are looked at for that */
#define MAX_SELECTION 1024              /* longest dashboard name kept for a session */

typedef struct msg {
    unsigned refs;
    size_t len, cap;
    char *data;                    /* the lp_buf's bytes, taken over (no copy of 2.9 MB) */
    lp_payload *shared;            /* or the live workspace's bytes (data), read only */
    struct stream *st;             /* or made as it is sent: len is the bytes made so far (stream_*) */
    unsigned char hdr[10];         /* its frame header as a whole message (not st's): the same bytes */
    unsigned char hlen;            /* for every viewer, made once (write_batch) */
} msg;

/* One connection: a WebSocket session or an HTTP request (lws allocates it
 * zeroed per connection and frees it after LWS_CALLBACK_CLOSED). */
typedef struct session {
    struct lws *wsi;
    struct session *prev, *next;   /* the WebSocket sessions, for broadcasts */
    unsigned long id;
    int is_ws, killed;
    char peer[64];
    msg **q;                       /* a ring of qcap (a power of two), grown as needed */
    unsigned qcap;
    unsigned qhead, qlen;
    size_t qbytes, sent;           /* bytes queued; bytes of q[qhead] written */
    time_t moved;                  /* when its queue last moved or was filled from empty (stall_sweep) */
    wsf_rx rx;                     /* its frames as they arrive, read from its socket by rx.c */
    int rx_fd;                     /* its socket while rx.c watches it, else -1 */
    unsigned char pong[LWS_PRE + 125];   /* a ping's payload, answered at the next writable */
    size_t pong_len;
    int pong_due;
    char *selected;                /* select_dashboard's full name, run again after refreshes */
    lp_buf inputs;                 /* its input values, "name=value" NUL-terminated (srv_request), then,
                                    * with a time range, "\x01FROM" and "TO" (set_inputs): a run joins
                                    * or is shown for the same values and range only */
    uint32_t ninputs;
    struct srun *run;              /* the selection's run, NULL when none (one of its subs) */
    unsigned subix;                /* its index in run->subs */
    struct srun *shown;            /* its last completed run: what the client shows, kept as the rows
                                    * the next runs may reuse (a refresh's, another client's) */
    int needs_rerun;               /* its selection could not run on the current version (a file changed
                                    * since it was indexed): run again at the next refresh or retry */
    int told_error;                /* sent a workspace_error since its selection last started: a UI shows
                                    * it until an execution ends it, so the fix runs the selection again */
    const char *body;              /* HTTP: the embedded page being written */
    size_t body_len, body_sent;
} session;

enum { P_DASHBOARDS = 1, P_RESELECT = 2, P_WSERROR = 4, P_STOP = 8 };

/* The server's state (server.c defines it). */
typedef struct srv_state {
    /* shared with the other threads, under lock */
    pthread_mutex_t lock;
    struct lws_context *ctx;       /* NULL before it exists and once it is being destroyed */
    unsigned pending;
    char wserror[2048];
    /* the loop's own */
    lp_live *lv;
    const char *ui_dir;
    char ui_real[PATH_MAX];        /* --ui-dir's real path: nothing outside it is served */
    char icons_real[PATH_MAX];     /* the icons' directory (find_icons), "" when there is none */
    /* who may connect (access_refused) */
    char **hosts;                  /* Host values allowed ("127.0.0.1:9033", lowercase) */
    size_t nhosts;
    const char *token;             /* --token / $LAZYPIPE_TOKEN, or NULL */
    size_t token_len;
    char cookie[32];               /* the token's cookie name: lazypipe_token_<port> */
    int stopping;
    session *sessions;
    unsigned nsessions;
    unsigned max_sessions;          /* MAX_SESSIONS, or what the descriptor limit allows */
    unsigned long next_id, next_exec;
    size_t qmax_bytes;             /* QMAX_BYTES_DEFAULT, or $LAZYPIPE_SEND_QUEUE_MB */
    int stall_secs;                /* STALL_SECS_DEFAULT, or $LAZYPIPE_SEND_STALL_S */
    unsigned nbusy, busy_peak;     /* sessions with a message queued, and their most since none had */
    struct timespec busy_since;    /* when the first of them had one */
    unsigned char *wbuf;           /* LWS_PRE + WBUF: the page's writes are staged here, and the rest of
                                    * frames the socket did not take (send_frames) */
} srv_state;
extern srv_state g;

typedef struct sevent {
    struct srun *r;
    msg *m;                        /* NULL: the run's last event */
    struct sevent *next;
} sevent;

typedef struct srun {
    lp_run *run;                   /* set by the loop once lp_run_start returned */
    lp_workspace *ws;              /* the version it runs on, pinned until freed */
    session **subs;                /* the sessions it runs for (their `run`; the loop's) */
    unsigned nsubs, subcap;
    unsigned nshown;               /* completed: the sessions whose `shown` it is (the loop's) */
    struct srun *next;             /* R.runs, or R.kept once kept (the loop's) */
    int completed;                 /* its last event arrived (the loop's) */
    int closed;                    /* no session may join it: it could not keep what a joiner needs */
    int kept;                      /* completed and some session's `shown`, on R.kept (the loop's) */
    char *selected;                /* the dashboard or benchmark it runs */
    lp_buf inputs;                 /* the input values it runs with (a session's, srv_request's form) */
    uint32_t ninputs;
    int kind;                      /* lp_kind */
    unsigned support;              /* what its selection lets the page offer (lp_run_backend_support) */
    int benchmark;
    unsigned long serial;          /* its number (g.next_exec), for orphan_of */
    char exec_id[32];
    char *check_name;              /* a benchmark's root, the control events' name */
    srv_progress progress;         /* on_event's (one at a time, under the run's event lock) */
    sevent last;                   /* its last event: queued without an allocation that could fail */
    lws_sorted_usec_list_t timeout_sul;   /* --dashboard-timeout: cancels it (the loop's) */
    uint64_t tree;                 /* its tree's fingerprint (lp_run_fingerprint): what an edit must
                                    * change to make it run again */
    unsigned long orphan_of;       /* superseded by a refresh's run (its serial): it goes on, unseen,
                                    * so that the new run shares its statements in flight, until that
                                    * run completes or is cancelled (0: not an orphan) */
    atomic_int stale;              /* a leaf's load found its file changed since the run's version
                                    * was indexed (on_event's): its error is not the client's */
    msg *started;                  /* its execution_started, and the events sent so far: what a session */
    msg **sent;                    /* joining it is sent first (the loop's; a dashboard's are kept once */
    unsigned nsent, sentcap;       /* it completed, for --share-results, else freed: run_log_free) */
    msg *complete;                 /* a completed dashboard's execution_complete, kept with them */
    atomic_int leaf_failed;        /* a leaf ended in error (on_event's): a joiner would not retry it */
} srun;

/* The runs' state (runs.c defines it; server_settings sets it up). */
typedef struct srv_runs {
    sevent *head, **tail;          /* under g.lock */
    atomic_int queued;             /* head is not NULL (set under g.lock; read by the loop without it) */
    srun *runs;                    /* the loop's: running, or completed and not yet sent */
    srun *kept;                    /* the loop's: the sessions' shown runs */
    const char *database;
    uint32_t max_parallel;
    int query_timeout_ms;
    uint64_t share_ms;             /* --share-results: how old another client's results may be */
    long admit_runs;               /* $LAZYPIPE_ADMIT_RUNS (lp_run_share_set_admit), -1: the default */
    int dashboard_timeout_s;       /* --dashboard-timeout: the longest a run may take (0: none) */
    const char *search_path, *search_path_prefix;   /* --search-path, --search-path-prefix */
    lp_run_share *share;           /* every run's: N sessions running an equal statement run it once */
    int watching;                  /* the watcher runs: a file changed since a version was indexed
                                    * brings a refresh (so its loads' errors wait for it) */
    lws_sorted_usec_list_t retry_sul;   /* the sessions' needs_rerun, tried again (the loop's) */
    char ui_version[64];           /* --ui-dir's version.json version, "" when none */
} srv_runs;
extern srv_runs R;

/* ---- server.c */
void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- send.c: messages and send queues */
void msg_buf(lp_buf *b);
msg *msg_take(lp_buf *b);
msg *msg_shared(lp_payload *p);
void msg_unref(msg *m);
time_t stall_clock(void);
void stall_cancel(void);
void queue_free(session *s);
void queue_pop(session *s);
void kill_session(session *s, int code, const char *why);
void send_msg(session *s, msg *m);
void send_buf(session *s, lp_buf *b);
int sessions_reserve(session ***v, unsigned n, unsigned *cap, unsigned first);
int write_fragment(session *s, const void *p, size_t n, int last);
int write_next(session *s);

/* ---- stream.c: messages made as they are sent */
void stream_free(struct stream *st);
int stream_hold(struct stream *st, session *s);
void stream_leave(struct stream *st, session *s, size_t off);
long stream_write(session *s, msg *m);
msg *stream_start(srun *r);
void stream_poll(void);
void stream_stop_all(void);

/* ---- runs.c: runs and their subscribers */
int is_stale(int code);
void on_run_event(void *user, const lp_run_event *ev);
int sub_add(srun *r, session *s);
void run_leave(session *s, unsigned long superseded_by);
void run_detach(session *s);
void run_timed_out(lws_sorted_usec_list_t *sul);
void run_free(srun *r);
srun *completed_to_join(const char *selected, const lp_buf *inputs, uint32_t ninputs, const lp_workspace *ws);
void runs_expire(void);
void shown_release(session *s);
void current_errors(char *err, size_t size);
void errors_to(session *s, const char *err);
sevent *take_events(void);
void run_events(void);
void events_in_pass(void);

/* ---- sessions.c: selections and requests */
void session_free(session *s);
void rerun_session(session *s);
void retry_later(void);
void handle_message(session *s, const char *data, size_t len);
void run_pending(void);
void dashboard_metadata_free(void);

/* ---- rx.c: the sessions' incoming frames */
#define RX_PROTOCOL "lazypipe-rx"
int rx_open(struct lws_context *ctx, size_t fd_limit);
void rx_close(void);
int rx_watch(session *s);
void rx_unwatch(session *s);
int rx_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len);

/* ---- http.c: who may connect, and what HTTP serves */
int access_settings(const cli_opts *o, long port, int network);
void hosts_free(void);
void find_icons(void);
const char *access_refused(struct lws *wsi, int *via_url);
int refuse(struct lws *wsi, const char *what, const char *why);
/* A request that lacks a Host header (HTTP/1.1 without one, or an HTTP/0.9 line, which has no
 * headers): answered 400, as RFC 9112 section 3.2 says, whatever the token.  0 when it has one; else
 * refuse's result, 400 sent. */
int refuse_without_host(struct lws *wsi, const char *what, int *refused);
int serve_ui_dir(struct lws *wsi, const char *uri, int set_cookie);
int serve_icon(struct lws *wsi, const char *name);
int serve_page(struct lws *wsi, session *s, const srv_asset *a, int set_cookie, int preload_echarts);
int serve_echarts(struct lws *wsi, session *s, const char *uri);
int page_writeable(struct lws *wsi, session *s);

/* searchpath.c: the default database's search path as server_metadata's search_path object
 * (original, resolved, configured, prefix) into out: 0; -1 when it has none (no PostgreSQL) */
int srv_search_path_json(lp_workspace *ws, lp_buf *out);

#endif
