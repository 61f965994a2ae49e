/* server.c — `lazypipe server`: Powerpipe's dashboard server protocol over
 * libwebsockets (HTTP and WebSocket on one port, WebSocket at /ws), on a live
 * workspace that follows its files.
 *
 * Threads: the main thread runs the libwebsockets loop and owns every
 * session, queue and message.  Three other threads only post work to it:
 * the resolver (on_resolved: the first version's titles and tags are in), the
 * watcher (lp_watch_start's callback after a refresh) and the signal thread
 * (SIGINT, SIGTERM, SIGHUP).  They set flags under `g.lock` and wake the loop with
 * lws_cancel_service; the loop builds and sends the messages
 * (LWS_CALLBACK_EVENT_WAIT_CANCELLED).  Workspace versions are pinned with
 * lp_live_acquire for the time a message is built.
 *
 * Memory: a message is built once and shared (reference counted) by every
 * queue it is in.  The 2.9 MB available_dashboards of aws_compliance is the
 * live workspace's own (lp_live_payload: built once per version and
 * resolution state, and after a refresh made from the previous version's),
 * referenced, not copied, however many clients ask.  Each session's
 * queue is bounded in messages and bytes; a client past the bound, or one
 * that takes no bytes for g.stall_secs while some are waiting, is
 * disconnected.  Messages go out in fragments of CHUNK bytes written from
 * the shared message itself (write_next), so libwebsockets never holds more
 * than one fragment per connection.  Incoming messages are bounded by
 * MAX_RX. */
#include "../cli/cli.h"
#include "server.h"
#include "wsframe.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ifaddrs.h>
#include <libwebsockets.h>
#include <netinet/in.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#ifndef LP_SYSTEM_MALLOC
#include <mimalloc.h>
#endif

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
#define MAX_SESSIONS 1024
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
    wsf_rx rx;                     /* its frames as they arrive, read by its reader (read_frames) */
    unsigned char pong[LWS_PRE + 125];   /* a ping's payload, answered at the next writable */
    size_t pong_len;
    int pong_due;
    char *selected;                /* select_dashboard's full name, run again after refreshes */
    lp_buf inputs;                 /* its input values, "name=value" NUL-terminated (srv_request) */
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

static struct {
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
    unsigned long next_id, next_exec;
    size_t qmax_bytes;             /* QMAX_BYTES_DEFAULT, or $LAZYPIPE_SEND_QUEUE_MB */
    int stall_secs;                /* STALL_SECS_DEFAULT, or $LAZYPIPE_SEND_STALL_S */
    unsigned nbusy, busy_peak;     /* sessions with a message queued, and their most since none had */
    struct timespec busy_since;    /* when the first of them had one */
    unsigned char *wbuf;           /* LWS_PRE + WBUF: the page's writes are staged here, and the rest of
                                    * frames the socket did not take (send_frames) */
} g = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* ------------------------------------------------------------ log */

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    char line[1024];
    int n = snprintf(line, sizeof line, "%02d:%02d:%02d.%03ld ", tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line);
}

/* Set while the context is made: a failure to listen is said once, in our words (below). */
static int lws_log_quiet;

static void lws_log(int level, const char *line)
{
    (void)level;
    if (lws_log_quiet) return;
    size_t n = strlen(line);
    while (n && line[n - 1] == '\n') n--;
    fprintf(stderr, "libwebsockets: %.*s\n", (int)n, line);
}

/* ------------------------------------------------------------ messages */

/* A buffer for a message: the builder appends (the frames are written from the bytes as they are,
 * with no headroom: send_frames). */
static void msg_buf(lp_buf *b)
{
    *b = (lp_buf){ 0 };
}

static size_t frame_header(unsigned char *h, size_t len, int first, int last);

/* The buffer's bytes become the message's (b is left empty). */
static msg *msg_take(lp_buf *b)
{
    msg *m = NULL;
    if (!b->oom && b->len && (m = malloc(sizeof *m))) {
        *m = (msg){ .refs = 1, .len = b->len, .cap = b->cap, .data = b->data };
        m->hlen = (unsigned char)frame_header(m->hdr, m->len, 1, 1);
        *b = (lp_buf){ 0 };
    }
    lp_buf_free(b);
    return m;
}

/* A message of the payload's bytes (p's reference is taken over). */
static msg *msg_shared(lp_payload *p)
{
    msg *m = malloc(sizeof *m);
    if (!m) {
        lp_payload_release(p);
        return NULL;
    }
    *m = (msg){ .refs = 1, .shared = p };
    m->data = (char *)lp_payload_bytes(p, &m->len);
    m->hlen = (unsigned char)frame_header(m->hdr, m->len, 1, 1);
    return m;
}

static void stream_free(struct stream *st);

static void msg_unref(msg *m)
{
    if (m && --m->refs == 0) {
        if (m->st) {
            stream_free(m->st);
        } else if (m->shared) {
            lp_payload_release(m->shared);
        } else {
            lp_buf b = { m->data, m->len, m->cap, 0 };
            lp_buf_free(&b);
        }
        free(m);
    }
}

static void post(unsigned what, const char *wserror)
{
    pthread_mutex_lock(&g.lock);
    g.pending |= what;
    if (wserror) snprintf(g.wserror, sizeof g.wserror, "%s", wserror);
    if (g.ctx) lws_cancel_service(g.ctx);
    pthread_mutex_unlock(&g.lock);
}

/* The current available_dashboards: the live workspace's, which it keeps
 * per version and resolution state (lp_live_payload), in a message of its
 * own (the server keeps no copy and no cache of its own). */
static msg *payload_get(void)
{
    lp_workspace *ws = lp_live_acquire(g.lv);
    lp_payload *p;
    int rc = lp_live_payload(g.lv, ws, &p);
    lp_live_release(g.lv, ws);
    msg *m = rc == LP_OK ? msg_shared(p) : NULL;
    if (rc != LP_OK)
        logf_("available_dashboards could not be built (%s)", rc == LP_ERR_ARG ? "too large" : "no memory");
    return m;
}

/* What a client gets instead of available_dashboards that could not be
 * built (a workspace past the payload's bound, no memory): Powerpipe's
 * workspace_error, so that it does not wait for a reply that never comes. */
static msg *payload_error(void)
{
    lp_buf b;
    msg_buf(&b);
    srv_workspace_error("lazypipe server: the dashboards list (available_dashboards) could not be built: "
                        "the workspace is too large for it, or memory ran out (see the server's log)", &b);
    return msg_take(&b);
}

/* ------------------------------------------------------------ sessions */

/* The sessions with messages queued: how long the loop took to send a wave to many (a run's messages
 * to a thousand viewers) is said in the log once they are all sent. */
static void busy_add(void)
{
    if (g.nbusy++ == 0) {
        g.busy_peak = 0;
        clock_gettime(CLOCK_MONOTONIC, &g.busy_since);
    }
    if (g.nbusy > g.busy_peak) g.busy_peak = g.nbusy;
}

static void busy_done(void)
{
    if (--g.nbusy || g.busy_peak < 100) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - g.busy_since.tv_sec) * 1e3 +
                (double)(now.tv_nsec - g.busy_since.tv_nsec) / 1e6;
    logf_("send queues of %u sessions emptied %.1f ms after the first was filled", g.busy_peak, ms);
}

/* Seconds of a coarse monotonic clock: read at each write, it costs no system call. */
static time_t stall_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return t.tv_sec;
}

static lws_sorted_usec_list_t stall_sul;
static int stall_armed;

/* A session whose queue has not moved for g.stall_secs while bytes wait for its client is cut.  One
 * timer for every session, run each STALL_SWEEP_US while some session has a queue: a timer of each
 * session's own, re-armed at each write, was an insertion into libwebsockets' sorted list, linear
 * in the sessions (a thousand viewers: 2.4% of the loop in a wave, issue 34 §4).  A session waiting
 * for the next piece of a message made as it is sent is not stalled; one being closed has its own
 * timer (kill_session). */
static void stall_sweep(lws_sorted_usec_list_t *sul)
{
    time_t now = stall_clock();
    for (session *s = g.sessions; s; s = s->next) {
        if (!s->qlen || s->killed || now - s->moved < g.stall_secs) continue;
        const msg *head = s->q[s->qhead];
        if (head->st && s->sent == head->len) continue;
        logf_("ws#%lu %s cut: its send queue did not move for %d s (LAZYPIPE_SEND_STALL_S)", s->id, s->peer,
              g.stall_secs);
        s->moved = now;   /* (said once: it is closed at the loop's next turn) */
        lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
    }
    stall_armed = g.nbusy && g.ctx && !g.stopping;
    if (stall_armed) lws_sul_schedule(g.ctx, 0, sul, stall_sweep, STALL_SWEEP_US);
}

/* s's queue was filled from empty: the stall clock starts, and the sweep runs. */
static void stall_start(session *s)
{
    s->moved = stall_clock();
    if (stall_armed || !g.ctx) return;
    stall_armed = 1;
    lws_sul_schedule(g.ctx, 0, &stall_sul, stall_sweep, STALL_SWEEP_US);
}

/* keep: the message being written, which must end before a close frame can go */
static void stream_leave(struct stream *st, session *s, size_t off);

static void queue_drop(session *s, int keep_head)
{
    /* a message made as it is sent need not end first: a close frame may come between fragments */
    if (keep_head && s->qlen && s->sent && !s->q[s->qhead]->st) {
        while (s->qlen > 1) {
            unsigned last = (s->qhead + s->qlen - 1) & (s->qcap - 1);
            s->qbytes -= s->q[last]->len;
            if (s->q[last]->st) stream_leave(s->q[last]->st, s, 0);
            msg_unref(s->q[last]);
            s->qlen--;
        }
        return;
    }
    if (s->qlen) busy_done();
    for (unsigned i = 0; i < s->qlen; i++) {
        msg *m = s->q[(s->qhead + i) & (s->qcap - 1)];
        if (m->st) stream_leave(m->st, s, i ? 0 : s->sent);
    }
    while (s->qlen) {
        msg_unref(s->q[s->qhead]);
        s->qhead = (s->qhead + 1) & (s->qcap - 1);
        s->qlen--;
    }
    free(s->q);
    s->q = NULL;
    s->qcap = 0;
    s->qbytes = s->sent = 0;
}

static void queue_free(session *s)
{
    queue_drop(s, 0);
}

static void run_detach(session *s);

/* The session goes: its queue is freed now but for the message being written (a client that stopped
 * reading holds no more memory), and the close frame with code and why goes out once that message
 * ended (SERVER_WRITEABLE returns -1); a client that never reads again is cut g.stall_secs later. */
static void kill_session(session *s, int code, const char *why)
{
    if (s->killed) return;
    s->killed = 1;
    logf_("ws#%lu %s closing (%d): %s", s->id, s->peer, code, why);
    queue_drop(s, 1);
    run_detach(s);   /* it reads nothing more: its run goes on for the others, or is cancelled */
    size_t len = strlen(why) < 120 ? strlen(why) : 120;     /* a close frame's payload is 125 at most */
    lws_close_reason(s->wsi, (enum lws_close_status)code, (unsigned char *)why, len);
    lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, g.stall_secs);
    lws_callback_on_writable(s->wsi);
}

static int stream_hold(struct stream *st, session *s);

/* Queue m (a reference is taken) for s; over the bounds the session goes. */
static void send_msg(session *s, msg *m)
{
    if (!m || s->killed) return;
    if (s->qlen == QMAX || (s->qlen && s->qbytes + m->len > g.qmax_bytes)) {
        char why[120];
        snprintf(why, sizeof why, "send queue over %zu bytes: the client is not reading "
                 "(LAZYPIPE_SEND_QUEUE_MB)", g.qmax_bytes);
        kill_session(s, CLOSE_SLOW_CLIENT, why);
        return;
    }
    if (s->qlen == s->qcap) {   /* grow the ring, its messages in order from 0 */
        unsigned cap = s->qcap ? s->qcap * 2 : 16;
        msg **q = malloc(cap * sizeof *q);
        if (!q) {
            kill_session(s, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION, "out of memory for its send queue");
            return;
        }
        for (unsigned i = 0; i < s->qlen; i++) q[i] = s->q[(s->qhead + i) & (s->qcap - 1)];
        free(s->q);
        s->q = q;
        s->qcap = cap;
        s->qhead = 0;
    }
    if (m->st && stream_hold(m->st, s) != 0) {
        kill_session(s, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION, "out of memory for its send queue");
        return;
    }
    m->refs++;
    s->q[(s->qhead + s->qlen++) & (s->qcap - 1)] = m;
    s->qbytes += m->len;
    if (s->qlen == 1) {
        stall_start(s);
        busy_add();
    }
    lws_callback_on_writable(s->wsi);
}

static void send_buf(session *s, lp_buf *b)
{
    msg *m = msg_take(b);
    send_msg(s, m);
    msg_unref(m);
}

/* Room in a growing array of sessions for one more (n in it, *cap allocated; first: the first
 * capacity); -1 out of memory. */
static int sessions_reserve(session ***v, unsigned n, unsigned *cap, unsigned first)
{
    if (n < *cap) return 0;
    unsigned c = *cap ? *cap * 2 : first;
    session **grown = realloc(*v, c * sizeof *grown);
    if (!grown) return -1;
    *v = grown;
    *cap = c;
    return 0;
}

/* The queue's head, sent whole: gone from the queue. */
static void queue_pop(session *s)
{
    msg *m = s->q[s->qhead];
    s->qhead = (s->qhead + 1) & (s->qcap - 1);
    s->qlen--;
    s->qbytes -= m->len;
    s->sent = 0;
    msg_unref(m);
    if (!s->qlen) busy_done();
}

/* The frames in iov (total bytes: whole frames, a frame's header and payload in two) to s's socket,
 * from where they are: the bytes of a message shared by every viewer are not copied per viewer (a
 * wave to a thousand viewers was 39 MB of copies into one write buffer, issue 34 §4).  Written by
 * the loop, not lws_write, which would want LWS_PRE writable bytes before them for its own header;
 * the server has no TLS (listen_on), so the socket carries the frames as they are.  What the
 * socket does not take now is copied to libwebsockets (at most WBUF: a batch or one fragment),
 * which sends it before anything of its own (lws_handle_POLLOUT_event drains it before a pong or
 * the close frame, and before our next SERVER_WRITEABLE), so frames never interleave.  -1: the
 * socket failed. */
static int send_frames(session *s, struct iovec *iov, int niov, size_t total)
{
    ssize_t w = 0;
    if (!lws_partial_buffered(s->wsi)) {   /* (else the bytes go after libwebsockets' rest) */
        struct msghdr mh = { .msg_iov = iov, .msg_iovlen = (size_t)niov };
        w = sendmsg(lws_get_socket_fd(s->wsi), &mh, MSG_NOSIGNAL);
        if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
        if (w < 0) w = 0;
    }
    if ((size_t)w == total) return 0;
    unsigned char *out = g.wbuf + LWS_PRE;
    size_t skip = (size_t)w, n = 0;
    for (int i = 0; i < niov; i++) {
        size_t len = iov[i].iov_len;
        if (skip >= len) {
            skip -= len;
            continue;
        }
        memcpy(out + n, (const char *)iov[i].iov_base + skip, len - skip);
        n += len - skip;
        skip = 0;
    }
    return lws_write(s->wsi, out, n, LWS_WRITE_RAW) < (int)n ? -1 : 0;
}

/* n bytes at p as the next fragment of the message s is sending (its first when s->sent is 0;
 * last: the message's end).  -1: the socket failed. */
static int write_fragment(session *s, const void *p, size_t n, int last)
{
    unsigned char h[10];
    size_t hl = frame_header(h, n, s->sent == 0, last);
    struct iovec iov[2] = { { h, hl }, { (void *)p, n } };
    return send_frames(s, iov, 2, hl + n);
}

/* ------------------------------------------------------------ messages made as they are sent
 *
 * A benchmark's execution_complete (2.7 MB at 5,000 controls) is not built whole: a thread writes it
 * (lp_run_snapshot_write, in pieces of about 64 KiB) into the pieces of one message, sent as
 * WebSocket fragments as they come.  Pull, not build-all-then-send: the thread waits while it is
 * STREAM_AHEAD bytes ahead of the fastest of the sessions it is queued to (its holders), so with
 * one viewer, or several reading as fast, the server holds about that much of it.  A slower holder
 * keeps the pieces it has not sent, shared (at most the whole message, and at most its send queue's
 * bound: past it, it is dropped as a slow client); a piece is freed once every holder sent it. */

#define STREAM_AHEAD (256u << 10)

typedef struct piece {
    struct piece *next;
    size_t off, len;               /* its place in the message */
    unsigned refs;                 /* the holders that have not sent it */
    unsigned char bytes[];         /* its len */
} piece;

typedef struct stream {
    /* shared with its thread, under g.lock */
    piece *made, **made_tail;      /* pieces the thread made that the loop did not take yet */
    size_t made_len;               /* the message's bytes made so far (the prefix included) */
    size_t fastest;                /* the most bytes of it a holder sent */
    int done, rc, stop;            /* the thread ended, with lp_run_snapshot_write's rc; asked to stop */
    pthread_cond_t more;           /* fastest moved, or stop */
    /* the loop's */
    msg *m;                        /* its message: len is the bytes taken from made */
    piece *head, *tail;            /* the pieces some holder has not sent, in order */
    session **holders;             /* the sessions it is queued to, until each sent it or dropped it */
    unsigned nholders, holdcap;
    int complete;                  /* every piece is in, the suffix too: the last one ends the message */
    int started, joined;           /* its thread */
    pthread_t thread;
    struct srun *r;                /* its run, kept (nshown) while the thread reads it */
    struct stream *next;           /* g_streams, while its thread runs or is not joined */
    char suffix[64];               /* ,"execution_id":"…"} after the snapshot */
    size_t suffix_len;
} stream;

static stream *g_streams;

static piece *piece_new(const void *data, size_t len, size_t off)
{
    piece *p = malloc(sizeof *p + len);
    if (!p) return NULL;
    *p = (piece){ .off = off, .len = len };
    memcpy(p->bytes, data, len);
    return p;
}

/* the pieces every holder sent */
static void stream_trim(stream *st)
{
    while (st->head && st->head->refs == 0) {
        piece *p = st->head;
        st->head = p->next;
        if (!st->head) st->tail = NULL;
        free(p);
    }
}

static void stream_free(stream *st)
{
    while (st->head) {
        piece *p = st->head;
        st->head = p->next;
        free(p);
    }
    if (st->started) pthread_cond_destroy(&st->more);   /* (its thread is joined: stream_end) */
    free(st->holders);
    free(st);
}

static int stream_hold(stream *st, session *s)
{
    if (sessions_reserve(&st->holders, st->nholders, &st->holdcap, 16) != 0) return -1;
    st->holders[st->nholders++] = s;
    for (piece *p = st->head; p; p = p->next) p->refs++;
    return 0;
}

/* s is no longer one of st's holders. */
static void stream_unhold(stream *st, session *s)
{
    for (unsigned i = 0; i < st->nholders; i++)
        if (st->holders[i] == s) {
            st->holders[i] = st->holders[--st->nholders];
            return;
        }
}

/* s drops st having sent off bytes of it: the pieces it did not send are one holder fewer; the
 * thread stops once no holder is left. */
static void stream_leave(stream *st, session *s, size_t off)
{
    for (piece *p = st->head; p; p = p->next)
        if (p->off + p->len > off) p->refs--;
    stream_unhold(st, s);
    if (!st->nholders && !st->complete) {
        pthread_mutex_lock(&g.lock);
        st->stop = 1;
        pthread_cond_signal(&st->more);
        pthread_mutex_unlock(&g.lock);
    }
    stream_trim(st);
}

/* The next fragment of st's message (the head of s's queue) from the piece at s->sent: the bytes
 * written, 0 when that piece is not made yet, -1 on error. */
static long stream_write(session *s, msg *m)
{
    stream *st = m->st;
    if (s->sent == m->len) return 0;
    piece *p = st->head;
    while (p->off + p->len <= s->sent) p = p->next;
    size_t at = s->sent - p->off, n = p->len - at < CHUNK ? p->len - at : CHUNK;
    int last = st->complete && s->sent + n == m->len;
    if (write_fragment(s, p->bytes + at, n, last) != 0) return -1;
    s->sent += n;
    if (s->sent == p->off + p->len) p->refs--;
    if (s->sent > st->fastest) {   /* the thread may make more */
        pthread_mutex_lock(&g.lock);
        st->fastest = s->sent;
        pthread_cond_signal(&st->more);
        pthread_mutex_unlock(&g.lock);
    }
    stream_trim(st);
    if (last) {
        stream_unhold(st, s);
        queue_pop(s);   /* (not the last reference: the loop's is dropped once the thread is joined) */
    }
    return (long)n;
}

/* A WebSocket frame header (RFC 6455 5.2) of a text message's fragment of len bytes sent by the
 * server (unmasked: the same bytes for every client) at h: its first (a text frame, else a
 * continuation), its last (FIN); its length (2, 4 or 10). */
static size_t frame_header(unsigned char *h, size_t len, int first, int last)
{
    h[0] = (unsigned char)((last ? 0x80 : 0) | (first ? 0x1 : 0x0));
    if (len < 126) {
        h[1] = (unsigned char)len;
        return 2;
    }
    if (len < 65536) {
        h[1] = 126;
        h[2] = (unsigned char)(len >> 8);
        h[3] = (unsigned char)len;
        return 4;
    }
    h[1] = 127;
    for (int i = 0; i < 8; i++) h[2 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
    return 10;
}

#define BATCH_MAX 64   /* messages per write_batch: two iovecs each */

/* The queue's first messages, whole, with their frame headers (made once per message), in one
 * sendmsg while they fit in CHUNK: one system call for a run's many small events (a thousand viewers
 * of a wave of leaves were a send() per event each: issue 34 §4), from the shared bytes themselves
 * (send_frames).  Plain RFC 6455 frames (libwebsockets negotiates no extension), between whole
 * messages only.  Returns the bytes written, 0 when fewer than two messages fit (write_next sends
 * the head alone), -1 on error. */
static long write_batch(session *s)
{
    if (s->sent || s->qlen < 2) return 0;
    struct iovec iov[2 * BATCH_MAX];
    size_t n = 0;
    unsigned k = 0;
    for (; k < s->qlen && k < BATCH_MAX; k++) {
        msg *m = s->q[(s->qhead + k) & (s->qcap - 1)];
        if (m->st || n + m->hlen + m->len > CHUNK) break;
        iov[2 * k] = (struct iovec){ m->hdr, m->hlen };
        iov[2 * k + 1] = (struct iovec){ m->data, m->len };
        n += m->hlen + m->len;
    }
    if (k < 2) return 0;
    if (send_frames(s, iov, (int)(2 * k), n) != 0) return -1;
    while (k--) queue_pop(s);
    return (long)n;
}

/* Fragments of the queue's head while the socket takes them (libwebsockets
 * buffers at most the unsent part of the last one: lws_partial_buffered),
 * each written from the message itself (send_frames), the live workspace's
 * payload too.  Small messages go several to a write (write_batch). */
static long stream_write(session *s, msg *m);

static int write_next(session *s)
{
    /* up to CHUNK bytes per call while the kernel takes each write whole: lws_partial_buffered costs
     * no system call, where lws_send_pipe_choked polls the socket once per message (half the loop's
     * system calls with 1,000 viewers of a run: bench/viewers_bench.js) */
    size_t wrote_here = 0;
    for (int k = 0; k < 64 && s->qlen && wrote_here < CHUNK; k++) {
        if (k && lws_partial_buffered(s->wsi)) break;
        long batch = write_batch(s);
        if (batch < 0) return -1;
        if (batch) {
            wrote_here += (size_t)batch;
            continue;
        }
        msg *m = s->q[s->qhead];
        if (m->st) {
            long w = stream_write(s, m);
            if (w < 0) return -1;
            if (w == 0) break;   /* the next piece is not made yet: stream_poll asks again */
            wrote_here += (size_t)w;
            continue;
        }
        size_t n = m->len - s->sent < CHUNK ? m->len - s->sent : CHUNK;
        if (write_fragment(s, m->data + s->sent, n, s->sent + n == m->len) != 0) return -1;
        s->sent += n;
        wrote_here += n;
        if (s->sent == m->len) queue_pop(s);
    }
    /* progress restarts the stall clock (stall_sweep); a session being closed has a timer of its
     * own.  A queue waiting for its head's next piece needs no write (stream_poll asks for one when
     * it comes). */
    if (wrote_here) s->moved = stall_clock();
    if (wrote_here && s->killed) lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, g.stall_secs);
    int starved = s->qlen && s->q[s->qhead]->st && s->sent == s->q[s->qhead]->len;
    if ((s->qlen && !starved) || s->killed) lws_callback_on_writable(s->wsi);   /* (killed: its close) */
    return 0;
}

/* ------------------------------------------------------------ runs
 *
 * A selection runs on the run engine's threads (lp_run_start), pinned to the workspace version it
 * was loaded from.  The run's on_event (a worker thread, one event at a time) builds each message
 * from the final node and queues it under g.lock with lws_cancel_service; the loop sends it
 * (run_events).  Nothing of libwebsockets and no session is touched off the loop.
 *
 * One run per (selection, inputs, tree): every session that selects a dashboard with the same
 * inputs while a run of it is in flight on the same version (or on another whose tree is equal)
 * joins that run (its subscribers).  Each message is built once and queued, the same reference
 * counted bytes, to every subscriber; a joiner is sent the run's execution_started and the events
 * sent so far, then the rest as they come (issue 34 §4: a thousand viewers, one run).  A session
 * leaving (clear_dashboard, a new selection, input_changed, its end, a workspace error) only
 * unsubscribes; the last one leaving cancels the run (lp_run_cancel): its remaining events are
 * discarded, and the loop frees it once its last event (LP_EV_RUN_COMPLETE) arrived.
 *
 * A run that completed stays as its sessions' `shown` (their results, what the clients show) until
 * each has a newer one, cleared or ended.  A new run takes from those runs the rows of every leaf
 * whose statement is the same (lp_run_opts.reuse): after a file edit the session's own, on a
 * selection also every other session's of the same dashboard, so only the leaves whose SQL, args,
 * inputs or dependencies changed query.  Every run is also given R.share (lp_run_opts.share): runs
 * executing an equal statement at the same time run it once. */

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
    int benchmark;
    unsigned long serial;          /* its number (g.next_exec), for orphan_of */
    char exec_id[32];
    char *check_name;              /* a benchmark's root, the control events' name */
    srv_progress progress;         /* on_event's (one at a time, under the run's event lock) */
    sevent last;                   /* its last event: queued without an allocation that could fail */
    lws_sorted_usec_list_t timeout_sul;   /* --dashboard-timeout: cancels it (the loop's) */
    uint64_t tree;                 /* its execution tree's hash (tree_hash): what an edit must change to
                                    * make it run again */
    unsigned long orphan_of;       /* superseded by a refresh's run (its serial): it goes on, unseen,
                                    * so that the new run shares its statements in flight, until that
                                    * run completes or is cancelled (0: not an orphan) */
    atomic_int stale;              /* a leaf's load found its file changed since the run's version
                                    * was indexed (on_event's): its error is not the client's */
    msg *started;                  /* its execution_started, and the events sent so far: what a session */
    msg **sent;                    /* joining it in flight is sent first (the loop's; freed once it */
    unsigned nsent, sentcap;       /* completed) */
} srun;

static struct {
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
} R;

/* An error of a load that read a file changed (or gone) since the version was indexed (load.c): not
 * the user's to fix, a refresh makes a version that matches the file. */
static int is_stale(int code)
{
    return code == LP_ERR_STALE;
}

static void on_run_event(void *user, const lp_run_event *ev)
{
    srun *r = user;
    msg *m = NULL;
    sevent *e = &r->last;
    if (ev->type == LP_EV_NODE_COMPLETE && R.watching && lp_node_get_state(ev->node) == LP_NODE_ERROR &&
        is_stale(lp_node_error_code(ev->node))) {
        /* the run's version is older than its files: a refresh is coming, and its run shows the leaf */
        if (!atomic_exchange(&r->stale, 1)) logf_("%s: %s", r->exec_id, lp_node_error(ev->node));
        return;
    }
    if (ev->type == LP_EV_NODE_COMPLETE) {
        char now[64];
        srv_timestamp(now, sizeof now);
        lp_buf b;
        msg_buf(&b);
        if (r->benchmark && lp_node_get_type(ev->node) == LP_NODE_CONTROL) {
            if (!r->progress.total) {   /* the tree is fixed once the run started */
                const lp_run_node *top = ev->node;
                while (lp_node_parent(top)) top = lp_node_parent(top);
                r->progress.total = srv_control_count(top);
            }
            uint32_t c[LP_RES__COUNT];
            lp_node_summary(ev->node, c);
            if (lp_node_get_state(ev->node) == LP_NODE_ERROR) r->progress.error++;
            else r->progress.complete++;
            for (int i = 0; i < LP_RES__COUNT; i++) r->progress.summary[i] += c[i];
            srv_control_event(ev->node, r->check_name, &r->progress, r->exec_id, now, &b);
        } else if (!r->benchmark) {
            srv_leaf_node_updated(ev->node, r->exec_id, now, &b);
        }
        m = msg_take(&b);
        if (!m || !(e = malloc(sizeof *e))) {   /* out of memory: that update is lost */
            msg_unref(m);
            return;
        }
    } else if (ev->type != LP_EV_RUN_COMPLETE) {
        return;
    }
    *e = (sevent){ r, m, NULL };
    pthread_mutex_lock(&g.lock);
    *R.tail = e;
    R.tail = &e->next;
    atomic_store_explicit(&R.queued, 1, memory_order_relaxed);
    if (g.ctx) lws_cancel_service(g.ctx);
    pthread_mutex_unlock(&g.lock);
}

/* s becomes one of r's subscribers (s->run = r); -1 out of memory. */
static int sub_add(srun *r, session *s)
{
    if (sessions_reserve(&r->subs, r->nsubs, &r->subcap, 4) != 0) return -1;
    s->subix = r->nsubs;
    r->subs[r->nsubs++] = s;
    s->run = r;
    return 0;
}

static void sub_remove(srun *r, session *s)
{
    session *last = r->subs[--r->nsubs];
    r->subs[s->subix] = last;
    last->subix = s->subix;
    s->run = NULL;
}

/* The runs a refresh superseded for r (orphans, and theirs) are cancelled: r completed (it needs
 * their statements no more), or nobody wants r any more. */
static void orphans_cancel(unsigned long serial)
{
    for (srun *r = R.runs; r; r = r->next)
        if (r->orphan_of == serial) {
            r->orphan_of = 0;
            if (!r->completed && r->run) lp_run_cancel(r->run);
            orphans_cancel(r->serial);
        }
}

/* s leaves its run; the last subscriber leaving cancels it, unless superseded_by (a refresh's run
 * that replaces it: it goes on unseen, so that the new one shares its statements in flight instead of
 * running them again, and is cancelled once that one completes: orphans_cancel). */
static void run_leave(session *s, unsigned long superseded_by)
{
    srun *r = s->run;
    if (!r) return;
    sub_remove(r, s);
    if (r->nsubs) return;   /* the others' run goes on */
    if (superseded_by) {
        r->orphan_of = superseded_by;
        return;
    }
    if (r->run && !r->completed) lp_run_cancel(r->run);
    orphans_cancel(r->serial);
}

/* The session wants the run's results no more. */
static void run_detach(session *s)
{
    run_leave(s, 0);
}

static void rerun_session(session *s);
static void retry_later(void);

/* --dashboard-timeout: a run still going is cancelled (its unfinished panels end in error) */
static void run_timed_out(lws_sorted_usec_list_t *sul)
{
    srun *r = lws_container_of(sul, srun, timeout_sul);
    if (r->completed || !r->run) return;
    r->closed = 1;   /* (a session selecting it now wants a run, not this one's errors) */
    logf_("%s: cancelled after --dashboard-timeout %d s", r->exec_id, R.dashboard_timeout_s);
    lp_run_cancel(r->run);
}

/* What only a run in flight needs: what a joiner is sent first. */
static void run_log_free(srun *r)
{
    msg_unref(r->started);
    r->started = NULL;
    for (unsigned i = 0; i < r->nsent; i++) msg_unref(r->sent[i]);
    free(r->sent);
    r->sent = NULL;
    r->nsent = r->sentcap = 0;
}

static void run_free(srun *r)
{
    for (srun **p = r->kept ? &R.kept : &R.runs; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    if (r->nsubs || r->nshown)   /* (the server stopping with sessions still open) */
        for (session *s = g.sessions; s; s = s->next) {
            if (s->run == r) s->run = NULL;
            if (s->shown == r) s->shown = NULL;
        }
    lws_sul_cancel(&r->timeout_sul);
    if (r->run) lp_run_free(r->run);
    lp_live_release(g.lv, r->ws);
    run_log_free(r);
    lp_buf_free(&r->inputs);
    free(r->subs);
    free(r->check_name);
    free(r->selected);
    free(r);
}

/* The session's results are no one's any more (clear_dashboard, its end, a newer run's) */
static void shown_release(session *s)
{
    srun *r = s->shown;
    s->shown = NULL;
    if (r && --r->nshown == 0) run_free(r);
}

/* The workspace's errors now ("" when none): the first diagnostic, with a count of the others. */
static void current_errors(char *err, size_t size)
{
    lp_workspace *ws = lp_live_acquire(g.lv);
    srv_workspace_errors(ws, err, size);
    lp_live_release(g.lv, ws);
}

/* err (current_errors), unless "", to s alone: the push after a refresh reached only the sessions
 * of then, and a page opened (or reloaded, or whose selection ran) since would not show the
 * file:line:col that a user must fix. */
static void errors_to(session *s, const char *err)
{
    if (!err[0]) return;
    lp_buf b;
    msg_buf(&b);
    srv_workspace_error(err, &b);
    send_buf(s, &b);
    s->told_error = 1;
    logf_("ws#%lu workspace_error: %s", s->id, err);
}

/* The events the runs queued so far, oldest first; the queue is empty after. */
static sevent *take_events(void)
{
    pthread_mutex_lock(&g.lock);
    sevent *e = R.head;
    R.head = NULL;
    R.tail = &R.head;
    atomic_store_explicit(&R.queued, 0, memory_order_relaxed);
    pthread_mutex_unlock(&g.lock);
    return e;
}

/* An event of r to its subscribers, kept for the sessions that join it later. */
static void run_publish(srun *r, msg *m)
{
    if (!r->nsubs) return;   /* (cancelled, or an orphan: nobody can join it) */
    /* backwards: a session send_msg drops leaves subs (sub_remove moves the last, sent, into its place) */
    for (unsigned i = r->nsubs; i-- > 0;) send_msg(r->subs[i], m);
    if (r->nsent == r->sentcap) {
        unsigned cap = r->sentcap ? r->sentcap * 2 : 32;
        msg **v = realloc(r->sent, cap * sizeof *v);
        if (!v) {   /* out of memory: a session joining later would miss events, so none may */
            r->closed = 1;
            return;
        }
        r->sent = v;
        r->sentcap = cap;
    }
    m->refs++;
    r->sent[r->nsent++] = m;
}

/* A leaf of r could not load: its file changed after the run's version was made.  Its sessions get
 * no error: a run on a version that matches the file shows that leaf (at once when the refresh is
 * in, else when it comes), taking this one's complete leaves.  r is freed. */
static void run_ended_stale(srun *r)
{
    lp_workspace *now_ws = lp_live_acquire(g.lv);
    int newer = now_ws != r->ws;
    lp_live_release(g.lv, now_ws);
    logf_("%s: a file changed under the run; its %u sessions run again on the next version", r->exec_id,
          r->nsubs);
    while (r->nsubs) {
        session *s = r->subs[r->nsubs - 1];
        s->needs_rerun = 1;
        if (newer) {
            rerun_session(s);   /* leaves r (the first starts the new run, the others join it) */
            if (s->run == r) run_leave(s, 0);
        } else {
            run_leave(s, 0);
        }
    }
    if (!newer) retry_later();
    run_free(r);
}

/* The thread's (stream_main): each piece of the snapshot to the loop; it waits while it is
 * STREAM_AHEAD bytes ahead of the fastest holder.  Nonzero: stop (no holder is left, the server
 * stops, or no memory). */
static int stream_put(void *user, const char *data, size_t len)
{
    stream *st = user;
    piece *p = piece_new(data, len, 0);
    pthread_mutex_lock(&g.lock);
    int stop = st->stop || !p;
    if (!stop) {
        p->off = st->made_len;
        st->made_len += len;
        *st->made_tail = p;
        st->made_tail = &p->next;
        p = NULL;
        if (g.ctx) lws_cancel_service(g.ctx);
        while (!st->stop && st->made_len - st->fastest >= STREAM_AHEAD) pthread_cond_wait(&st->more, &g.lock);
        stop = st->stop;
    }
    pthread_mutex_unlock(&g.lock);
    free(p);
    return stop;
}

static void *stream_main(void *arg)
{
    stream *st = arg;
    lp_snapshot_opts o = { .form = LP_SNAPSHOT_SERVER, .write = stream_put, .user = st };
    int rc = lp_run_snapshot_write(st->r->run, &o);
    pthread_mutex_lock(&g.lock);
    st->done = 1;
    st->rc = rc;
    if (g.ctx) lws_cancel_service(g.ctx);
    pthread_mutex_unlock(&g.lock);
    return NULL;
}

/* r's execution_complete as a message made as it is sent (its prefix now, the snapshot by a thread,
 * the suffix once that ended); NULL when it cannot start (the caller builds it whole). */
static msg *stream_start(srun *r)
{
    lp_buf head, tail = { 0 };
    msg_buf(&head);
    srv_execution_complete_head(&head);
    srv_execution_complete_tail(r->exec_id, &tail);
    msg *m = malloc(sizeof *m);
    stream *st = calloc(1, sizeof *st);
    piece *p = head.oom ? NULL : piece_new(head.data, head.len, 0);
    if (!m || !st || !p || tail.oom || tail.len > sizeof st->suffix) {
        free(m);
        free(st);
        free(p);
        lp_buf_free(&head);
        lp_buf_free(&tail);
        return NULL;
    }
    *m = (msg){ .refs = 1, .st = st, .len = p->len };   /* the caller's */
    st->m = m;
    st->head = st->tail = p;
    st->made_tail = &st->made;
    st->made_len = st->fastest = 0;
    st->made_len = p->len;
    st->r = r;
    memcpy(st->suffix, tail.data, tail.len);
    st->suffix_len = tail.len;
    lp_buf_free(&head);
    lp_buf_free(&tail);
    pthread_cond_init(&st->more, NULL);
    if (pthread_create(&st->thread, NULL, stream_main, st) != 0) {
        pthread_cond_destroy(&st->more);
        msg_unref(m);
        return NULL;
    }
    st->started = 1;
    m->refs++;     /* the loop's, until the thread is joined (stream_end) */
    r->nshown++;   /* the thread reads the run: it stays until stream_poll joined it */
    st->next = g_streams;
    g_streams = st;
    return m;
}

/* st's thread ended and is joined: the run and the loop's reference go */
static void stream_end(stream **sp)
{
    stream *st = *sp;
    *sp = st->next;
    srun *r = st->r;
    st->r = NULL;
    if (--r->nshown == 0) run_free(r);
    msg_unref(st->m);   /* (the last reference when no holder is left: st goes with it) */
}

/* The pieces the threads made, to their messages; their holders asked to write.  A thread that
 * ended is joined, and its message's suffix ends it (or, out of memory, its holders are dropped:
 * a message cut short cannot be sent). */
static void stream_poll(void)
{
    for (stream **sp = &g_streams; *sp;) {
        stream *st = *sp;
        pthread_mutex_lock(&g.lock);
        piece *p = st->made;
        st->made = NULL;
        st->made_tail = &st->made;
        int done = st->done, rc = st->rc;
        pthread_mutex_unlock(&g.lock);
        size_t added = 0;
        if (done) {
            pthread_join(st->thread, NULL);
            piece *end = rc == LP_OK ? piece_new(st->suffix, st->suffix_len, 0) : NULL;
            if (rc == LP_OK && !end) rc = LP_ERR_NOMEM;
            piece **t = &p;
            while (*t) t = &(*t)->next;
            *t = end;
        }
        while (p) {
            piece *next = p->next;
            p->next = NULL;
            p->off = st->m->len;
            p->refs = st->nholders;
            if (st->tail) st->tail->next = p;
            else st->head = p;
            st->tail = p;
            st->m->len += p->len;
            added += p->len;
            p = next;
        }
        if (done && rc == LP_OK) st->complete = 1;
        for (unsigned i = st->nholders; i-- > 0;) {   /* (a session dropped leaves holders: backwards) */
            session *h = st->holders[i];
            h->qbytes += added;
            if (done && rc != LP_OK) {
                kill_session(h, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION,
                             "out of memory for execution_complete");
            } else if (h->qbytes - h->sent > g.qmax_bytes) {
                char why[120];
                snprintf(why, sizeof why, "send queue over %zu bytes: the client is not reading "
                         "(LAZYPIPE_SEND_QUEUE_MB)", g.qmax_bytes);
                kill_session(h, CLOSE_SLOW_CLIENT, why);
            } else if (added) {
                lws_callback_on_writable(h->wsi);
                h->moved = stall_clock();
            }
        }
        stream_trim(st);
        if (!done) {
            sp = &st->next;
            continue;
        }
        if (rc == LP_OK) logf_("%s -> execution_complete %zu bytes, streamed", st->r->exec_id, st->m->len);
        else logf_("%s -> execution_complete stopped after %zu bytes: %s", st->r->exec_id, st->m->len,
                   rc == LP_ERR_IO ? "no session is left to send it to" : "out of memory");
        stream_end(sp);
    }
}

/* Shutdown: every thread stopped and joined before the runs they read are freed. */
static void stream_stop_all(void)
{
    pthread_mutex_lock(&g.lock);
    for (stream *st = g_streams; st; st = st->next) {
        st->stop = 1;
        pthread_cond_signal(&st->more);
    }
    pthread_mutex_unlock(&g.lock);
    while (g_streams) {
        stream *st = g_streams;
        pthread_join(st->thread, NULL);
        while (st->made) {
            piece *p = st->made;
            st->made = p->next;
            free(p);
        }
        stream_end(&g_streams);
    }
}

/* r completed with sessions: its execution_complete (built here, once: the snapshot needs the run,
 * which lp_run_start returns only after its first events) to each, and r becomes what they show. */
static void run_ended(srun *r, uint64_t ms, const lp_run_stats *st)
{
    run_log_free(r);   /* no session joins a completed run: its events go before its largest message */
    /* a benchmark's (megabytes at thousands of controls) is made as it is sent */
    msg *m = r->benchmark ? stream_start(r) : NULL;
    if (!m) {
        lp_buf b;
        msg_buf(&b);
        srv_execution_complete(r->run, r->exec_id, &b);
        m = msg_take(&b);
    }
    char err[sizeof g.wserror];
    current_errors(err, sizeof err);
    for (unsigned i = r->nsubs; i-- > 0;) {   /* backwards, as run_publish */
        session *s = r->subs[i];
        send_msg(s, m);
        errors_to(s, err);   /* after it: a UI takes execution_complete as the end of an error */
    }
    logf_("%s -> execution_complete %zu bytes%s to %u sessions after %llu ms (%u reused, %u queried), %u of "
          "them from statements in flight", r->exec_id, m ? m->len : 0, m && m->st ? " so far" : "", r->nsubs,
          (unsigned long long)ms, st->reused, st->queried, st->shared);
    msg_unref(m);
    /* its results are what the clients show now: kept for the next runs to reuse */
    for (srun **p = &R.runs; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    r->next = R.kept;
    R.kept = r;
    r->kept = 1;
    while (r->nsubs) {
        session *s = r->subs[r->nsubs - 1];
        sub_remove(r, s);
        shown_release(s);   /* on R.kept: the caller's next stays valid */
        s->shown = r;
        r->nshown++;
    }
    orphans_cancel(r->serial);
}

/* The queued events, to their runs' sessions; a run whose last event came is complete: its
 * execution_complete, and it is kept while some session shows it, else freed. */
static void run_events(void)
{
    sevent *e = take_events();
    while (e) {
        sevent *next = e->next;
        srun *r = e->r;
        if (e->m) {
            run_publish(r, e->m);
            msg_unref(e->m);
            free(e);
        } else {
            r->completed = 1;   /* e is r->last */
        }
        e = next;
    }
    for (srun *r = R.runs, *next; r; r = next) {
        next = r->next;
        if (!r->completed || !r->run) continue;
        lp_run_wait(r->run, -1);   /* the worker that reported the end is returning */
        uint64_t ms = lp_run_end_time_ms(r->run) - lp_run_start_time_ms(r->run);
        lp_run_stats st;
        lp_run_get_stats(r->run, &st);
        if (!r->nsubs) {
            logf_("%s: run ended after %llu ms (%s), %u reused, %u queried", r->exec_id,
                  (unsigned long long)ms, r->orphan_of ? "superseded by an edit" : "cancelled", st.reused,
                  st.queried);
            orphans_cancel(r->serial);
            run_free(r);
        } else if (atomic_load(&r->stale)) {
            run_ended_stale(r);
            next = R.runs;   /* (its sessions' new runs were put first; the completed ones come again) */
        } else {
            run_ended(r, ms, &st);
        }
    }
}

/* Events the runs queued while the loop goes through its writable sessions (a wave of leaves to a
 * thousand viewers: the leaves come while it writes the first ones), published before the next
 * write: the sessions not yet written in this pass take them in the same write, where they waited
 * for the next pass over every session (the wave of the latest leaf took up to two passes, issue
 * 34 §4).  Only when nothing else was posted: a refresh's work goes first, at the loop's turn
 * (run_pending), as it always did. */
static void events_in_pass(void)
{
    if (!atomic_load_explicit(&R.queued, memory_order_relaxed)) return;
    pthread_mutex_lock(&g.lock);
    unsigned other = g.pending;
    pthread_mutex_unlock(&g.lock);
    if (!other) run_events();
}

static void session_free(session *s)
{
    run_detach(s);
    shown_release(s);
    queue_free(s);
    wsf_free(&s->rx);
    free(s->selected);
    lp_buf_free(&s->inputs);
    s->selected = NULL;
}

static void send_small(session *s, void (*build)(const char *, const char *, lp_buf *), const char *a,
                       const char *b2)
{
    lp_buf b;
    msg_buf(&b);
    build(a, b2, &b);
    send_buf(s, &b);
}

/* dashboard_metadata goes before every run a session starts or joins: the same bytes for all,
 * built once (a thousand viewers of a change built it a thousand times: fresh memory, and its page
 * faults, in the loop's wave) */
static msg *g_dashboard_metadata;

static void dashboard_metadata_to(session *s)
{
    if (!g_dashboard_metadata) {
        lp_buf b;
        msg_buf(&b);
        srv_dashboard_metadata(&b);
        g_dashboard_metadata = msg_take(&b);
    }
    send_msg(s, g_dashboard_metadata);   /* (NULL, out of memory: nothing sent, as before) */
}

static uint64_t runs_hash(lp_workspace *ws, uint32_t id, int kind, int *stale);

/* The hash of what name's run would be in ws (runs_hash); 0, or -1 when it does not load (*stale: a
 * query its leaves name changed since the workspace was indexed). */
static int tree_hash(lp_workspace *ws, const char *name, uint64_t *out, int *stale)
{
    uint32_t id = lp_lookup(ws, name);
    lp_entry_info e;
    *stale = 0;
    if (id == LP_NO_ENTRY || lp_entry_get(ws, id, &e) != LP_OK) return -1;
    *out = runs_hash(ws, id, (int)e.kind, stale);
    return *stale ? -1 : 0;
}

/* FNV-1a, continued over n more bytes (and a separator, so that "ab","c" and "a","bc" differ). */
static uint64_t hash_more(uint64_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return (h ^ 0xff) * 1099511628211ull;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    return s ? hash_more(h, s, strlen(s)) : hash_more(h, "", 0) * 31;
}

/* What a dashboard's runs show and execute: every resource's text and properties (what its
 * execution_started panel says), statement, query, args (their values), params, database and search
 * paths, its withs', nodes' and edges' text and SQL, and the same of each query a leaf names,
 * recursively over the tree.  The queries are loaded into the
 * version's cache on the way: a run loads them when its leaf starts, which may be after an edit
 * rewrote their file (the load then fails: the version is older than the file) though nothing the
 * run does changed.  Benchmarks are not walked: their controls load as they run, by design. */
static uint64_t walk_hash(lp_workspace *ws, const lp_resource *r, uint64_t h, int depth, int *stale)
{
    static const char *const attrs[] = { "sql", "query", "args", "database", "search_path",
                                         "search_path_prefix" };
    static const char *const blocks[] = { "with", "node", "edge" };
    lp_buf b = { 0 };
    h = hash_str(h, lp_resource_name(r));
    h = hash_str(h, lp_resource_source(r));
    if (lp_resource_properties_json(r, &b) == LP_OK) h = hash_more(h, b.data ? b.data : "", b.len);
    for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
        b.len = 0;
        if (lp_resource_attr_json(r, attrs[i], &b) == LP_OK) h = hash_more(h, b.data ? b.data : "", b.len);
        else h = hash_more(h, "-", 1);
    }
    lp_buf_free(&b);
    for (uint32_t i = 0; i < lp_resource_arg_count(r); i++) {
        const char *name, *value;
        lp_resource_arg(r, i, &name, &value);
        h = hash_str(hash_str(h, name), value);
    }
    for (uint32_t i = 0; i < lp_resource_param_count(r); i++) {
        const char *name, *description, *def;
        lp_resource_param(r, i, &name, &description, &def);
        h = hash_str(hash_str(h, name), def);
    }
    for (size_t t = 0; t < sizeof blocks / sizeof *blocks; t++)
        for (uint32_t i = 0; i < lp_resource_block_count(r, blocks[t]); i++) {
            h = hash_str(h, lp_resource_block_source(r, blocks[t], i));
            h = hash_str(h, lp_resource_block_str(r, blocks[t], i, "sql"));
            h = hash_str(h, lp_resource_block_str(r, blocks[t], i, "query"));
        }
    const char *q = lp_resource_kind(r) != LP_KIND_QUERY ? lp_resource_str(r, "query") : NULL;
    lp_resource *loaded;
    lp_error e;
    if (q && depth < 64 && lp_load(ws, q, &loaded, &e) == LP_OK) {
        h = walk_hash(ws, loaded, h, depth + 1, stale);
        lp_resource_release(loaded);
    } else if (q) {
        h = hash_str(h, "(not loaded)");
        if (is_stale(e.code)) *stale = 1;   /* what the leaf runs is not known in this version */
    }
    for (uint32_t i = 0; depth < 64 && i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        if (c && lp_resource_kind(c) != LP_KIND_BENCHMARK && lp_resource_kind(c) != LP_KIND_CONTROL)
            h = walk_hash(ws, c, h, depth + 1, stale);
    }
    return h;
}

/* The hash of what the selection id shows and runs in ws: the walk of a dashboard, and the variables
 * its execution_started lists; a benchmark's or detection's runs again after every refresh that modified
 * something (its leaves reused when unchanged).  *stale: a query could not load, its file changed
 * since the version was made (the hash says nothing then). */
static uint64_t runs_hash(lp_workspace *ws, uint32_t id, int kind, int *stale)
{
    static uint64_t always;
    lp_resource *root;
    lp_error e;
    if (kind != LP_KIND_DASHBOARD || lp_load_entry(ws, id, &root, &e) != LP_OK) return ++always;
    uint64_t h = walk_hash(ws, root, 1469598103934665603ull, 0, stale);
    lp_buf vars = { 0 };   /* the variables execution_started lists */
    if (lp_resource_variables_json(ws, root, &vars) == LP_OK)
        h = hash_more(h, vars.data ? vars.data : "", vars.len);
    lp_buf_free(&vars);
    lp_resource_release(root);
    return h;
}

/* The runs whose rows a new run of s's selection may take: the session's own (the one it shows, and
 * one still running: its complete leaves), and on a new selection (not a refresh: the others run
 * again too) every other completed run of the same dashboard that sessions show.  Key equality
 * decides per leaf (lp_run_opts.reuse), so other inputs only mean fewer leaves taken. */
#define MAX_REUSE 16
static uint32_t reuse_sources(session *s, int refresh, const lp_run **out)
{
    uint32_t n = 0;
    if (s->shown) out[n++] = s->shown->run;
    if (s->run && s->run->run && s->run->selected && strcmp(s->run->selected, s->selected) == 0)
        out[n++] = s->run->run;
    if (refresh) return n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    for (srun *k = R.kept; k && n < MAX_REUSE + 2; k = k->next) {
        if (k == s->shown || !k->selected || strcmp(k->selected, s->selected) != 0) continue;
        /* another client's results are shared only while fresh (--share-results): who opens a
         * dashboard expects today's data, not what a tab left open since the morning shows */
        uint64_t end = lp_run_end_time_ms(k->run);
        if (now < end || now - end > R.share_ms) continue;
        out[n++] = k->run;
    }
    return n;
}

/* s's selection did not load because a file changed after this version was made: not an error of
 * the user's; the refresh that follows (or a retry) runs it. */
static void defer_to_next_version(session *s, const char *name)
{
    logf_("ws#%lu select_dashboard %s: a file changed since the version was made; it runs on the next one",
          s->id, name);
    s->needs_rerun = 1;
    retry_later();
}

/* The kind of what name selects in ws (a detection benchmark told apart), *id its entry; -1 when it is
 * no dashboard, benchmark or detection. */
static int selection_kind(lp_workspace *ws, const char *name, uint32_t *id)
{
    lp_entry_info e;
    *id = lp_lookup(ws, name);
    int kind = *id != LP_NO_ENTRY && lp_entry_get(ws, *id, &e) == LP_OK ? (int)e.kind : -1;
    if (kind != LP_KIND_DASHBOARD && kind != LP_KIND_BENCHMARK && kind != LP_KIND_DETECTION_BENCHMARK &&
        kind != LP_KIND_DETECTION)
        return -1;
    if (kind == LP_KIND_BENCHMARK && e.benchmark_type && strcmp(e.benchmark_type, "detection") == 0)
        kind = LP_KIND_DETECTION_BENCHMARK;
    return kind;
}

/* A run in flight that s's selection may join: the same selection and inputs, on ws (by_tree == 0),
 * or, a dashboard, with the same tree on another version; NULL when none. */
static srun *run_to_join(const session *s, const lp_workspace *ws, int kind, uint64_t tree, int by_tree)
{
    for (srun *r = R.runs; r; r = r->next) {
        if (r->completed || !r->run || !r->nsubs || r->closed || atomic_load(&r->stale) || r->kind != kind ||
            strcmp(r->selected, s->selected) != 0 || r->ninputs != s->ninputs ||
            r->inputs.len != s->inputs.len ||
            (s->inputs.len && memcmp(r->inputs.data, s->inputs.data, s->inputs.len) != 0))
            continue;
        if (by_tree ? kind == LP_KIND_DASHBOARD && r->tree == tree : r->ws == ws) return r;
    }
    return NULL;
}

/* s joins r in flight: r's execution_started and dashboard_metadata, then the events r sent so far (the
 * same messages), then the rest with r's other sessions.  A refresh's join lets s's run go on unseen
 * for the statements they share (run_leave). */
static void run_join(session *s, srun *r, int refresh)
{
    if (s->run != r) {
        run_leave(s, refresh ? r->serial : 0);
        if (sub_add(r, s) != 0) {
            char now[64];
            srv_timestamp(now, sizeof now);
            send_small(s, srv_execution_error, "out of memory", now);
            dashboard_metadata_to(s);
            return;
        }
    }
    send_msg(s, r->started);
    dashboard_metadata_to(s);
    for (unsigned i = 0; i < r->nsent; i++) send_msg(s, r->sent[i]);
    s->told_error = 0;
    logf_("ws#%lu select_dashboard %s -> joined %s (%u sessions, %u events so far)", s->id, s->selected,
          r->exec_id, r->nsubs, r->nsent);
}

/* A selection that could not start (Powerpipe's ExecuteDashboard: a tree that cannot be built sends
 * execution_error, no execution_started), or deferred when the reason is a file changed since the
 * version was made. */
static void start_failed(session *s, int refresh, const lp_error *err, const char *now)
{
    if (R.watching && is_stale(err->code)) {
        defer_to_next_version(s, s->selected);
        return;
    }
    if (refresh) run_detach(s);
    logf_("ws#%lu select_dashboard %s: the run did not start: %s", s->id, s->selected, err->message);
    send_small(s, srv_execution_error, err->message[0] ? err->message : "out of memory", now);
    dashboard_metadata_to(s);
}

/* A new run of s's selection (id, kind) on ws (the reference is taken over), s its first session. */
static void run_start(session *s, lp_workspace *ws, int kind, uint64_t tree, int refresh)
{
    const lp_run *reuse[MAX_REUSE + 2];
    uint32_t nreuse = reuse_sources(s, refresh, reuse);
    /* what a client asked for (another selection, inputs) drops what it had; an edit's run replaces
     * the session's only once it has started (below) */
    if (!refresh) run_detach(s);
    const char *name = s->selected;
    char now[64];
    srv_timestamp(now, sizeof now);
    srun *r = calloc(1, sizeof *r);
    const char **inputs = NULL;
    uint32_t ni = 0;
    if (r && s->ninputs && (inputs = calloc(s->ninputs, sizeof *inputs)))
        for (const char *p = s->inputs.data; ni < s->ninputs; p += strlen(p) + 1) inputs[ni++] = p;
    if (r && s->inputs.len) lp_buf_put(&r->inputs, s->inputs.data, s->inputs.len);
    if (!r || (s->ninputs && !inputs) || r->inputs.oom ||
        (kind == LP_KIND_BENCHMARK && !(r->check_name = strdup(name))) || !(r->selected = strdup(name))) {
        if (r) free(r->check_name), free(r->selected), lp_buf_free(&r->inputs);
        free(r);
        free(inputs);
        lp_live_release(g.lv, ws);
        send_small(s, srv_execution_error, "out of memory", now);
        return;
    }
    r->ws = ws;
    r->tree = tree;
    r->kind = kind;
    r->ninputs = s->ninputs;
    r->benchmark = kind == LP_KIND_BENCHMARK;
    r->serial = ++g.next_exec;
    snprintf(r->exec_id, sizeof r->exec_id, "0x%lx", 0xc000010000ul + 0x100ul * r->serial);
    lp_run_opts ro = { 0 };
    ro.database = R.database;
    ro.max_parallel = R.max_parallel;
    ro.query_timeout_ms = R.query_timeout_ms;
    ro.search_path = R.search_path;
    ro.search_path_prefix = R.search_path_prefix;
    ro.inputs = inputs;
    ro.ninputs = ni;
    ro.on_event = on_run_event;
    ro.user = r;
    ro.reuse = reuse;       /* read during the start only */
    ro.nreuse = nreuse;
    ro.share = R.share;
    lp_error err = { 0 };
    lp_run *run = NULL;
    int rc = lp_run_start(ws, (lp_kind)kind, &name, 1, &ro, &run, &err);
    free(inputs);   /* the run copies the options' strings */
    if (rc != LP_OK) {
        /* events of a start that failed came before it returned: none is queued for r */
        run_free(r);   /* (on no list; releases ws) */
        start_failed(s, refresh, &err, now);
        return;
    }
    r->run = run;
    r->next = R.runs;
    R.runs = r;
    /* execution_started, from the run's own tree; its events are queued for the loop, which sends
     * them after this.  One that cannot be written (the selection did not load: a syntax error, a
     * file changed since the index) is answered as a start that failed, and the run is dropped (no
     * session: freed once it ended). */
    lp_buf b;
    msg_buf(&b);
    if (lp_run_started_json(run, r->exec_id, now, &b, &err) != LP_OK || !(r->started = msg_take(&b))) {
        lp_buf_free(&b);
        lp_run_cancel(run);
        start_failed(s, refresh, &err, now);
        return;
    }
    /* an edit's run lets the one it replaces go on for the statements they share (a version in
     * which the selection did not load, a file caught half written, leaves it running) */
    run_leave(s, refresh ? r->serial : 0);
    if (sub_add(r, s) != 0) {
        lp_run_cancel(run);
        err = (lp_error){ LP_ERR_NOMEM, "" };
        start_failed(s, 0, &err, now);
        return;
    }
    send_msg(s, r->started);
    s->told_error = 0;
    if (R.dashboard_timeout_s > 0 && g.ctx)
        lws_sul_schedule(g.ctx, 0, &r->timeout_sul, run_timed_out,
                         (lws_usec_t)R.dashboard_timeout_s * LWS_US_PER_SEC);
    logf_("ws#%lu select_dashboard %s -> execution_started %zu bytes, running %s", s->id, name,
          r->started->len, r->exec_id);
    dashboard_metadata_to(s);
}

/* The session's selection, run: a run of it in flight is joined (run_join), else one is started
 * (run_start): execution_started (lp_run_started_json: the run's own tree, as Powerpipe's
 * DashboardExecutionTree builds it), then the run's events as they come, then dashboard_metadata.  A
 * selection that does not load, or cannot start, is answered with execution_error and
 * dashboard_metadata, no execution_started (Powerpipe's ExecuteDashboard). */
static void run_selection(session *s, int refresh)
{
    const char *name = s->selected;
    lp_workspace *ws = lp_live_acquire(g.lv);
    uint32_t id;
    int kind = selection_kind(ws, name, &id);
    srun *join = kind < 0 ? NULL : run_to_join(s, ws, kind, 0, 0);
    uint64_t tree = 0;
    int stale = 0;
    if (kind >= 0 && !join) {
        tree = runs_hash(ws, id, kind, &stale);
        if (!stale) join = run_to_join(s, ws, kind, tree, 1);
    }
    if (kind >= 0 && !join && !(stale && R.watching)) {
        run_start(s, ws, kind, tree, refresh);
        return;
    }
    lp_live_release(g.lv, ws);
    if (join) {
        run_join(s, join, refresh);
        return;
    }
    if (!refresh) run_detach(s);   /* what the client asked for replaces what it had */
    if (kind < 0) {
        logf_("ws#%lu select_dashboard %s: no such dashboard, benchmark or detection", s->id, name);
        return;
    }
    /* (the walk loads the queries its leaves name: one could not, it changed since this version was
     * made) a run would fail at that leaf: it runs on the next version */
    defer_to_next_version(s, name);
}

/* After a refresh: a selection whose execution tree the edit changed runs again on the new version
 * (only the leaves whose statements changed query: the others are taken from its last runs, or
 * shared while in flight).  One the edit did not touch is left as it is: its run goes on to the end
 * on the version it started on, and the client sees no new execution.  The trees of the new version
 * are built once per dashboard (a refresh with many clients on one dashboard). */
#define TREE_MEMO 256   /* (1,000 viewers over 100 dashboards: each tree built once) */
static void rerun_selections(void)
{
    struct { const char *name; uint64_t tree; int rc, stale; } memo[TREE_MEMO];
    uint32_t nmemo = 0;
    lp_workspace *ws = lp_live_acquire(g.lv);
    for (session *s = g.sessions; s; s = s->next) {
        if (!s->selected || s->killed) continue;
        srun *cur = s->run ? s->run : s->shown;
        if (cur && !s->needs_rerun && !s->told_error && cur->selected &&
            strcmp(cur->selected, s->selected) == 0) {
            uint32_t k = 0;
            while (k < nmemo && strcmp(memo[k].name, s->selected) != 0) k++;
            if (k == nmemo) {
                if (nmemo == TREE_MEMO) k = --nmemo;
                memo[k].name = s->selected;
                memo[k].rc = tree_hash(ws, s->selected, &memo[k].tree, &memo[k].stale);
                nmemo++;
            }
            if (memo[k].rc == 0 && memo[k].tree == cur->tree) {
                logf_("ws#%lu %s: untouched by the edit, %s", s->id, s->selected,
                      s->run ? "its run goes on" : "its results stand");
                continue;
            }
            if (memo[k].rc != 0 && memo[k].stale && R.watching) {
                /* its files changed again since this version: the next refresh compares */
                logf_("ws#%lu %s: a file changed since version %u; the next one decides", s->id, s->selected,
                      lp_live_version(g.lv));
                continue;
            }
        }
        rerun_session(s);
    }
    lp_live_release(g.lv, ws);
}

static void rerun_session(session *s)
{
    s->needs_rerun = 0;
    run_selection(s, 1);
}

/* The sessions whose selection could not run on the version of then: again, every half second
 * until the watcher's refresh brings a version that matches the files (or the file is back). */
static void retry_due(lws_sorted_usec_list_t *sul)
{
    (void)sul;
    char err[sizeof g.wserror];
    current_errors(err, sizeof err);
    if (err[0]) return;   /* the runs wait for the errors to go (stop_runs); that refresh runs them */
    for (session *s = g.sessions; s; s = s->next)
        if (s->needs_rerun && s->selected && !s->killed) rerun_session(s);
}

static void retry_later(void)
{
    if (g.ctx) lws_sul_schedule(g.ctx, 0, &R.retry_sul, retry_due, 500 * LWS_US_PER_MS);
}

/* A workspace error: the runs stop (their messages would replace the error in a UI, which
 * then never shows file:line:col); the selections run again once the errors are gone. */
static void stop_runs(void)
{
    for (session *s = g.sessions; s; s = s->next) {
        run_detach(s);
        if (s->selected) s->needs_rerun = 1;
    }
}

static void set_inputs(session *s, const srv_request *rq)
{
    lp_buf_free(&s->inputs);
    s->inputs = (lp_buf){ 0 };
    s->ninputs = 0;
    if (rq->ninputs) {
        lp_buf_put(&s->inputs, rq->inputs.data, rq->inputs.len);
        s->ninputs = s->inputs.oom ? 0 : rq->ninputs;
    }
}

static void handle_message(session *s, const char *data, size_t len)
{
    srv_request rq = { 0 };
    int prc = srv_parse_request_full(data, len, &rq);
    if (prc < 0) {
        lp_buf_free(&rq.inputs);
        logf_("ws#%lu malformed message ignored (%zu bytes)", s->id, len);
        return;
    }
    if (prc > 0) {   /* a prefix of what was sent must not select a dashboard */
        lp_buf_free(&rq.inputs);
        logf_("ws#%lu message ignored: its action or dashboard name holds a NUL (\\u0000) or is over %d "
              "bytes, and names nothing", s->id, MAX_SELECTION - 1);
        return;
    }
    const char *action = rq.action, *name = rq.full_name;
    if (strcmp(action, "get_available_dashboards") == 0) {
        msg *m = payload_get();
        if (!m) m = payload_error();
        send_msg(s, m);
        logf_("ws#%lu get_available_dashboards -> %zu bytes%s", s->id, m ? m->len : 0,
              m && !m->shared ? " (workspace_error: not built)" : "");
        msg_unref(m);
        char err[sizeof g.wserror];
        current_errors(err, sizeof err);
        errors_to(s, err);   /* after the dashboards, which a UI takes as the end of an error */
    } else if (strcmp(action, "get_server_metadata") == 0) {
        lp_workspace *ws = lp_live_acquire(g.lv);
        lp_buf b;
        msg_buf(&b);
        srv_server_metadata(ws, R.ui_version[0] ? R.ui_version : NULL, &b);
        lp_live_release(g.lv, ws);
        size_t n = b.len;
        send_buf(s, &b);
        logf_("ws#%lu get_server_metadata -> %zu bytes", s->id, n);
    } else if (strcmp(action, "keep_alive") == 0) {
        logf_("ws#%lu keep_alive", s->id);
    } else if (strcmp(action, "select_dashboard") == 0) {
        free(s->selected);
        s->selected = strdup(name);
        set_inputs(s, &rq);
        if (s->selected) run_selection(s, 0);
        run_events();       /* (a thousand selecting at once: the first ones' leaves go out meanwhile) */
    } else if (strcmp(action, "get_dashboard_metadata") == 0) {
        dashboard_metadata_to(s);
        logf_("ws#%lu get_dashboard_metadata %s", s->id, name);
    } else if (strcmp(action, "input_changed") == 0) {
        /* Powerpipe's OnInputChanged re-executes the dashboard with the new values; the run engine
         * leaves a panel without its input's value blocked, so a new run is the same */
        set_inputs(s, &rq);
        logf_("ws#%lu input_changed %s (%u values)", s->id, rq.changed_input, s->ninputs);
        if (s->selected) run_selection(s, 0);
    } else if (strcmp(action, "select_snapshot") == 0) {
        logf_("ws#%lu %s ignored: snapshots are not served", s->id, action);
    } else if (strcmp(action, "clear_dashboard") == 0) {
        run_detach(s);
        shown_release(s);
        free(s->selected);
        s->selected = NULL;
        set_inputs(s, &(srv_request){ 0 });
        logf_("ws#%lu clear_dashboard", s->id);
    } else {
        logf_("ws#%lu unknown action \"%s\" ignored", s->id, action);
    }
    lp_buf_free(&rq.inputs);
}

/* Work the other threads posted. */
static void run_pending(void)
{
    pthread_mutex_lock(&g.lock);
    unsigned p = g.pending;
    g.pending = 0;
    char wserror[sizeof g.wserror];
    memcpy(wserror, g.wserror, sizeof wserror);
    pthread_mutex_unlock(&g.lock);
    if (p & P_STOP) g.stopping = 1;
    if (p & P_DASHBOARDS && g.sessions) {   /* (nobody to tell: the next request takes it) */
        msg *m = payload_get();
        if (!m) m = payload_error();
        for (session *s = g.sessions; s; s = s->next) send_msg(s, m);
        logf_("available_dashboards pushed to %u sessions (%zu bytes, version %u)", g.nsessions,
              m ? m->len : 0, lp_live_version(g.lv));
        msg_unref(m);
        /* (a push of background resolution's while errors stand must not end them in a UI) */
        char err[sizeof g.wserror] = "";
        if (!(p & P_WSERROR)) current_errors(err, sizeof err);
        for (session *s = g.sessions; s; s = s->next) errors_to(s, err);
    }
    /* after the dashboards, which a UI takes as the end of an error */
    if (p & P_WSERROR) {
        stop_runs();
        lp_buf b;
        msg_buf(&b);
        srv_workspace_error(wserror, &b);
        msg *m = msg_take(&b);
        for (session *s = g.sessions; s; s = s->next) {
            send_msg(s, m);
            s->told_error = 1;
        }
        msg_unref(m);
        logf_("workspace_error pushed to %u sessions: %s", g.nsessions, wserror);
    } else if (p & P_RESELECT) {
        rerun_selections();
    }
    run_events();
}

/* ------------------------------------------------------------ who may connect */

/* A browser sends every request with the Host it was addressed to and, for a
 * WebSocket or a cross-origin request, the Origin of the page that made it.
 * A page on another site that opens ws://127.0.0.1:9033/ws sends its own
 * Origin (cross-site WebSocket hijacking); one that had its name resolve to
 * 127.0.0.1 (DNS rebinding) sends its own name as Host.  So a request is
 * served only when its Host is one the server is reached by (the loopback
 * names with the port; with --listen network also the machine's name and
 * addresses, and --allow-host names) and its Origin, when it has one, is
 * that same http://Host (not "null": sandboxed frames and file: pages).
 * A client that sends neither (curl, a script) is served.  With a token,
 * every request must also carry it: ?token= on the URL, or the cookie a page
 * load with ?token= set (Powerpipe's UI opens ws://HOST/ws with no query of
 * its own, but a browser sends the cookie along); a request with the right
 * token may use any Host (only who was given the URL has it). */

/* name with the port, and name alone: a browser sends the port unless it is
 * 80, so a Host without one reaches a browser's victim only on port 80, and
 * the name is one of ours either way. */
static int add_host(const char *name, long port)
{
    char buf[300];
    int n = snprintf(buf, sizeof buf, "%s:%ld", name, port);
    if (n < 0 || (size_t)n >= sizeof buf) return 0;
    for (char *c = buf; *c; c++) *c = (char)tolower((unsigned char)*c);
    for (int pass = 0; pass < 2; pass++) {
        if (pass) buf[strlen(name)] = '\0';
        char **v = realloc(g.hosts, (g.nhosts + 1) * sizeof *v);
        if (!v) return -1;
        g.hosts = v;
        if (!(g.hosts[g.nhosts] = strdup(buf))) return -1;
        g.nhosts++;
    }
    return 0;
}

static int allowed_hosts(long port, int network, const cli_opts *o)
{
    static const char *const loopback[] = { "127.0.0.1", "localhost", "[::1]" };
    for (size_t i = 0; i < 3; i++)
        if (add_host(loopback[i], port) != 0) return -1;
    for (int i = 0; i < o->nallow_hosts; i++)
        if (add_host(o->allow_hosts[i], port) != 0) return -1;
    if (!network) return 0;
    char name[256];
    if (gethostname(name, sizeof name) == 0) {
        name[sizeof name - 1] = '\0';
        if (add_host(name, port) != 0) return -1;
    }
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) != 0) return 0;
    int rc = 0;
    for (struct ifaddrs *i = ifs; i && rc == 0; i = i->ifa_next) {
        char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN + 2];
        if (!i->ifa_addr) continue;
        if (i->ifa_addr->sa_family == AF_INET &&
            inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, a, sizeof a))
            rc = add_host(a, port);
        else if (i->ifa_addr->sa_family == AF_INET6 &&
                 inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr, a, sizeof a)) {
            snprintf(b, sizeof b, "[%s]", a);
            rc = add_host(b, port);
        }
    }
    freeifaddrs(ifs);
    return rc;
}

static void hosts_free(void)
{
    for (size_t i = 0; i < g.nhosts; i++) free(g.hosts[i]);
    free(g.hosts);
    g.hosts = NULL;
    g.nhosts = 0;
}

/* The header's value into buf: its length, 0 when absent, -1 when too long. */
static int header(struct lws *wsi, enum lws_token_indexes h, char *buf, int size)
{
    buf[0] = '\0';
    int n = lws_hdr_total_length(wsi, h);
    if (n <= 0) return 0;
    if (n >= size || lws_hdr_copy(wsi, buf, size, h) < 0) return -1;
    return n;
}

/* Equal to the token, in a time that depends on the token's length only. */
static int token_equal(const char *given)
{
    size_t n = strlen(given);
    unsigned diff = n != g.token_len;
    for (size_t i = 0; i < g.token_len; i++)
        diff |= (unsigned char)g.token[i] ^ (unsigned char)(i < n ? given[i] : 0);
    return diff == 0;
}

/* The token the request carries and whether it came as ?token=: 1 (URL),
 * 2 (cookie), 0 (none or wrong). */
static int token_given(struct lws *wsi)
{
    char buf[600];
    const char *v = lws_get_urlarg_by_name(wsi, "token=", buf, sizeof buf);
    if (v && token_equal(v)) return 1;
    char cookies[2048];
    if (header(wsi, WSI_TOKEN_HTTP_COOKIE, cookies, sizeof cookies) <= 0) return 0;
    size_t cl = strlen(g.cookie);
    for (char *c = cookies, *next; c; c = next) {
        next = strchr(c, ';');
        if (next) *next++ = '\0';
        while (*c == ' ') c++;
        if (strncmp(c, g.cookie, cl) == 0 && c[cl] == '=' && token_equal(c + cl + 1)) return 2;
    }
    return 0;
}

/* NULL when the request may be served, else why not.  *via_url: the token
 * came as ?token= (the response sets the cookie). */
static const char *access_refused(struct lws *wsi, int *via_url)
{
    char host[300], origin[320];
    int hn = header(wsi, WSI_TOKEN_HOST, host, sizeof host);
    int on = header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof origin);
    *via_url = 0;
    if (hn < 0 || on < 0) return "a Host or Origin header too long";
    for (char *c = host; *c; c++) *c = (char)tolower((unsigned char)*c);
    int tok = g.token ? token_given(wsi) : 0;
    if (g.token && !tok) return "no access token, or a wrong one (the URL the server printed has it)";
    *via_url = tok == 1;
    if (hn > 0 && !tok) {
        size_t i = 0;
        while (i < g.nhosts && strcmp(g.hosts[i], host) != 0) i++;
        if (i == g.nhosts) return "Host is not a name this server is reached by (DNS rebinding?)";
    }
    if (on > 0) {
        if (strcmp(origin, "null") == 0) return "Origin: null (a sandboxed or file: page)";
        if (hn <= 0 || strncasecmp(origin, "http://", 7) != 0 || strcasecmp(origin + 7, host) != 0)
            return "Origin is another site (cross-site request)";
    }
    return NULL;
}

/* 403 with why; 0, or -1 when even that could not be sent. */
static int refuse(struct lws *wsi, const char *what, const char *why)
{
    char peer[64];
    lws_get_peer_simple(wsi, peer, sizeof peer);
    logf_("%s %s refused (403): %s", what, peer, why);
    return lws_return_http_status(wsi, HTTP_STATUS_FORBIDDEN, why) ? -1 : 0;
}

/* The Set-Cookie that keeps a ?token= for the page's later requests and its WebSocket. */
static int token_cookie(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    char v[700];
    snprintf(v, sizeof v, "%s=%s; Path=/; HttpOnly; SameSite=Strict", g.cookie, g.token);
    return lws_add_http_header_by_name(wsi, (const unsigned char *)"set-cookie:", (const unsigned char *)v,
                                       (int)strlen(v), p, end);
}

/* ------------------------------------------------------------ HTTP */

static const char *mime_of(const char *path)
{
    static const char *const map[][2] = {
        { ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript" }, { ".mjs", "text/javascript" },
        { ".css", "text/css" }, { ".json", "application/json" }, { ".svg", "image/svg+xml" },
        { ".png", "image/png" }, { ".ico", "image/x-icon" }, { ".woff2", "font/woff2" },
        { ".woff", "font/woff" },
        { ".map", "application/json" }, { ".txt", "text/plain" }, { ".jpg", "image/jpeg" },
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(dot, map[i][0]) == 0) return map[i][1];
    return "application/octet-stream";
}

/* Powerpipe serves index.html for every path it has no file for, uncached. */
static int no_cache_headers(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    static const char *const h[][2] = {
        { "cache-control:", "no-cache, no-store, must-revalidate" }, { "pragma:", "no-cache" },
        { "expires:", "0" },
    };
    for (size_t i = 0; i < 3; i++)
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[i][0], (const unsigned char *)h[i][1],
                                        (int)strlen(h[i][1]), p, end))
            return -1;
    return 0;
}

/* path, resolved (symbolic links followed), into real when it is a regular
 * file inside --ui-dir: 1; 0 otherwise. */
static int confined(const char *path, char *real)
{
    struct stat st;
    size_t n = strlen(g.ui_real);
    if (!realpath(path, real) || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return strncmp(real, g.ui_real, n) == 0 && (real[n] == '/' || (n == 1 && g.ui_real[0] == '/'));
}

static int serve_ui_dir(struct lws *wsi, const char *uri, int set_cookie)
{
    char path[PATH_MAX], real[PATH_MAX];
    /* no way out of the directory: no ".." component, no backslash tricks, and
     * what the path resolves to (a symbolic link is followed) must be inside it */
    int bad = strstr(uri, "/..") != NULL || strchr(uri, '\\') != NULL;
    int n = snprintf(path, sizeof path, "%s%s%s", g.ui_real, uri[0] == '/' ? "" : "/", uri);
    int is_file = !bad && n > 0 && (size_t)n < sizeof path && confined(path, real);
    unsigned char hdr[1024], *p = hdr, *end = hdr + sizeof hdr;
    if (set_cookie && token_cookie(wsi, &p, end)) return -1;
    if (!is_file) {
        int k = snprintf(path, sizeof path, "%s/index.html", g.ui_real);
        if (k < 0 || (size_t)k >= sizeof path || !confined(path, real)) {
            logf_("--ui-dir: %s is no file inside %s", uri, g.ui_real);
            return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
        }
        if (no_cache_headers(wsi, &p, end)) return -1;
    }
    int rc = lws_serve_http_file(wsi, real, mime_of(real), (const char *)hdr, (int)(p - hdr));
    if (rc < 0) return -1;
    if (rc > 0 && lws_http_transaction_completed(wsi)) return -1;
    return 0;
}

/* The built-in page's icons: the Material Symbols and Heroicons SVG files .ci/bootstrap.sh puts
 * in .deps/icons (make install: <prefix>/share/lazypipe/icons).  First found: $LAZYPIPE_ICONS_DIR
 * (only it, when set), <exe dir>/../share/lazypipe/icons, <exe dir>/../.deps/icons (a build tree).
 * Without one the page shows its text icons only. */
static void find_icons(void)
{
    const char *env = getenv("LAZYPIPE_ICONS_DIR");
    char exe[PATH_MAX], path[PATH_MAX + 32];
    g.icons_real[0] = 0;
    if (env) {
        if (*env && !realpath(env, g.icons_real)) g.icons_real[0] = 0;
        return;
    }
    if (cli_exe_dir(exe, sizeof exe) != 0) return;
    const char *const rel[] = { "../share/lazypipe/icons", "../.deps/icons" };
    for (size_t i = 0; i < sizeof rel / sizeof *rel && !g.icons_real[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", exe, rel[i]);
        if (!realpath(path, g.icons_real)) g.icons_real[0] = 0;
    }
}

/* An icon of the page by Powerpipe's names (DashboardIcon, Icon, useDashboardIcons):
 * "materialsymbols-outline:NAME" and a bare NAME are Material Symbols (rounded, weight 300, as
 * Powerpipe's UI bundles them: NAME.svg), "materialsymbols-solid:NAME" its filled one
 * (NAME-fill.svg), "heroicons-outline:NAME" and "heroicons-solid:NAME" Heroicons' 24 px ones; a
 * bare NAME that is no Material Symbol is a Heroicon outline, as Powerpipe's Icon falls back.  A
 * Heroicons version 1 name (srv_heroicon_v2) under either heroicons prefix, or bare and no Material
 * Symbol, is its version 2 icon's outline, as Powerpipe's heroIcons.ts maps it.  A
 * name is 1 to 80 of [a-z0-9_-], so a path cannot leave the directory.  Served with a day's cache
 * and a policy under which an SVG opened on its own runs nothing; 404 for anything else. */
static int serve_icon(struct lws *wsi, const char *name)
{
    static const struct { const char *prefix, *dir, *suffix; } sets[] = {
        { "materialsymbols-outline:", "material", "" }, { "materialsymbols-solid:", "material", "-fill" },
        { "heroicons-outline:", "heroicons/outline", "" }, { "heroicons-solid:", "heroicons/solid", "" },
        { "", "material", "" }, { "", "heroicons/outline", "" },   /* a bare name: either */
    };
    static const char *const h[][2] = {
        { "cache-control:", "public, max-age=86400" }, { "x-content-type-options:", "nosniff" },
        { "content-security-policy:", "default-src 'none'; style-src 'unsafe-inline'" },
    };
    char path[PATH_MAX];
    struct stat st;
    for (size_t i = 0; g.icons_real[0] && i < sizeof sets / sizeof *sets; i++) {
        size_t np = strlen(sets[i].prefix), n;
        if (strncmp(name, sets[i].prefix, np) != 0) continue;
        const char *base = name + np;
        n = strspn(base, "abcdefghijklmnopqrstuvwxyz0123456789_-");
        /* a name of the outline set is not its filled one */
        if (n == 0 || n > 80 || base[n] || (n > 5 && strcmp(base + n - 5, "-fill") == 0)) break;
        const char *v2 = strncmp(sets[i].dir, "heroicons/", 10) == 0 ? srv_heroicon_v2(base, n) : NULL;
        int k = v2 ? snprintf(path, sizeof path, "%s/heroicons/outline/%s.svg", g.icons_real, v2)
                   : snprintf(path, sizeof path, "%s/%s/%s%s.svg", g.icons_real, sets[i].dir, base,
                              sets[i].suffix);
        if (k < 0 || (size_t)k >= sizeof path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        unsigned char hdr[512], *p = hdr, *end = hdr + sizeof hdr;
        for (size_t j = 0; j < sizeof h / sizeof *h; j++)
            if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[j][0],
                                            (const unsigned char *)h[j][1], (int)strlen(h[j][1]), &p, end))
                return -1;
        int rc = lws_serve_http_file(wsi, path, "image/svg+xml", (const char *)hdr, (int)(p - hdr));
        if (rc < 0) return -1;
        return rc > 0 && lws_http_transaction_completed(wsi) ? -1 : 0;
    }
    return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
}

static int serve_page(struct lws *wsi, session *s, int set_cookie)
{
    unsigned char hdr[LWS_PRE + 1024], *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof hdr - 1;
    s->body = srv_page_html;
    s->body_len = (size_t)(srv_page_html_end - srv_page_html);
    s->body_sent = 0;
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, "text/html; charset=utf-8", s->body_len, &p, end) ||
        no_cache_headers(wsi, &p, end) || (set_cookie && token_cookie(wsi, &p, end)) ||
        lws_finalize_write_http_header(wsi, start, &p, end))
        return -1;
    lws_callback_on_writable(wsi);
    return 0;
}

/* ECharts for the built-in page, gzipped as embedded: to a client that takes gzip (every browser;
 * a request without Accept-Encoding takes any coding), with a year-long cache (the URL names the
 * version); 406 to one that refuses gzip.  Written out by page_writeable, as the page is. */
static int serve_echarts(struct lws *wsi, session *s)
{
    static const char *const h[][2] = {
        { "content-encoding:", "gzip" }, { "cache-control:", "public, max-age=31536000, immutable" },
        { "vary:", "Accept-Encoding" },
    };
    char accept[256];
    int n = header(wsi, WSI_TOKEN_HTTP_ACCEPT_ENCODING, accept, sizeof accept);
    if (n != 0 && (n < 0 || !strstr(accept, "gzip")))
        return lws_return_http_status(wsi, HTTP_STATUS_NOT_ACCEPTABLE, "gzip only") ? -1 : 0;
    unsigned char hdr[LWS_PRE + 1024], *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof hdr - 1;
    s->body = srv_echarts_gz;
    s->body_len = (size_t)(srv_echarts_gz_end - srv_echarts_gz);
    s->body_sent = 0;
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, "text/javascript", s->body_len, &p, end)) return -1;
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++)
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[i][0], (const unsigned char *)h[i][1],
                                        (int)strlen(h[i][1]), &p, end))
            return -1;
    if (lws_finalize_write_http_header(wsi, start, &p, end)) return -1;
    lws_callback_on_writable(wsi);
    return 0;
}

static int page_writeable(struct lws *wsi, session *s)
{
    if (!s->body) return 0;
    size_t n = s->body_len - s->body_sent < CHUNK ? s->body_len - s->body_sent : CHUNK;
    int last = s->body_sent + n == s->body_len;
    memcpy(g.wbuf + LWS_PRE, s->body + s->body_sent, n);
    if (lws_write(wsi, g.wbuf + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) < (int)n) return -1;
    s->body_sent += n;
    if (!last) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    s->body = NULL;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

/* ------------------------------------------------------------ the protocol */

#define READER_PROTOCOL "lazypipe-reader"

/* The session's socket is read by its reader, a second descriptor of it polled by libwebsockets as a
 * raw file (the session's child: closed with it), and each frame is checked by wsframe.c before it is
 * handled: libwebsockets 4.1 takes an unmasked client frame as a masked one (RFC 6455 §5.1: 1002)
 * and has no option to refuse it.  libwebsockets reads the socket no more (its rx flow is off until
 * the close) but writes to it as before. */
static int reader_start(session *s)
{
    s->rx.max_text = MAX_RX;
    lws_sock_file_fd_type d;
    d.filefd = dup(lws_get_socket_fd(s->wsi));
    if (d.filefd < 0) return -1;
    if (lws_rx_flow_control(s->wsi, 0) < 0) {
        close(d.filefd);
        return -1;
    }
    /* a failed adoption may have closed the descriptor (lws 4.1 does once it is bound to the wsi), or
     * not: it is left alone, as closing it twice could close another connection's */
    if (!lws_adopt_descriptor_vhost(lws_get_vhost(s->wsi), LWS_ADOPT_RAW_FILE_DESC, d, READER_PROTOCOL,
                                    s->wsi))
        return -1;
    return 0;
}

/* The frames in buf, as they complete. */
static void read_frames(session *s, const unsigned char *buf, size_t n)
{
    const unsigned char *p = buf, *end = buf + n;
    while (p < end && !s->killed) {
        wsf_out o;
        switch (wsf_feed(&s->rx, &p, end, &o)) {
        case WSF_MORE:
        case WSF_PONG:
            break;
        case WSF_TEXT:
            handle_message(s, (const char *)o.data, o.len);
            break;
        case WSF_BINARY:
            logf_("ws#%lu binary message ignored", s->id);
            break;
        case WSF_PING:   /* one pong due at a time: a newer ping's payload replaces an older's */
            memcpy(s->pong + LWS_PRE, o.data, o.len);
            s->pong_len = o.len;
            s->pong_due = 1;
            lws_callback_on_writable(s->wsi);
            break;
        case WSF_CLOSE:
            kill_session(s, (int)o.code, "");
            break;
        case WSF_FAIL:
            if (o.code == LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE)
                logf_("ws#%lu %s: a message over %u bytes", s->id, s->peer, MAX_RX);
            kill_session(s, (int)o.code, o.why);
            break;
        }
    }
}

static int reader_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                           size_t len)
{
    (void)user;
    (void)in;
    (void)len;
    if (reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION) return 1;   /* no client asks for it */
    if (reason != LWS_CALLBACK_RAW_RX_FILE) return 0;
    struct lws *parent = lws_get_parent(wsi);
    session *s = parent ? lws_wsi_user(parent) : NULL;
    if (!s || !s->is_ws) return -1;
    static unsigned char buf[64u << 10];   /* the loop's: one reader reads at a time */
    ssize_t n = read(lws_get_socket_fd(wsi), buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
    if (n <= 0) {   /* the client hung up (or the socket failed): the session goes now */
        lws_set_timeout(parent, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return -1;
    }
    if (!s->killed) read_frames(s, buf, (size_t)n);   /* (after a close: skipped until the hang-up) */
    return 0;
}

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
        int via_url;
        const char *why = access_refused(wsi, &via_url);
        if (why) return refuse(wsi, "WebSocket", why) ? -1 : 1;
        return 0;
    }
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char uri[64];
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) < 0 || strcmp(uri, "/ws") != 0) return 1;
        if (g.nsessions >= MAX_SESSIONS) {
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
        return reader_start(s);
    case LWS_CALLBACK_CLOSED:
        if (!s || !s->is_ws) return 0;
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
         * (RFC 6455 §4.1: a client waits for it), from before the reader took the socket over */
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
        int via_url;
        const char *why = access_refused(wsi, &via_url);
        if (why) return refuse(wsi, "http", why) ? -1 : (lws_http_transaction_completed(wsi) ? -1 : 0);
        if (g.ui_dir) return serve_ui_dir(wsi, uri, via_url);
        if (strcmp(uri, SRV_ECHARTS_URL) == 0) return serve_echarts(wsi, s);
        if (strncmp(uri, SRV_ICONS_URL, strlen(SRV_ICONS_URL)) == 0)
            return serve_icon(wsi, uri + strlen(SRV_ICONS_URL));
        return serve_page(wsi, s, via_url);
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
 * abandoned segments, which only a collection returns: the server kept its peak, issue 34 §4). */
#define HOUSEKEEPING_US (5 * LWS_US_PER_SEC)
#define POOL_IDLE_MS 30000
static lws_sorted_usec_list_t housekeeping_sul;
static int collected;              /* nothing changed since the last collection */

static void housekeeping(lws_sorted_usec_list_t *sul)
{
    lp_run_share_stats before, after;
    lp_run_share_get_stats(R.share, &before);
    lp_run_share_trim(R.share, POOL_IDLE_MS);
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

/* Who may connect: the access token and the Host names (access_refused). */
static int access_settings(const cli_opts *o, long port, int network)
{
    g.token = o->token ? o->token : getenv("LAZYPIPE_TOKEN");
    if (g.token && !*g.token) g.token = NULL;
    if (g.token) {
        g.token_len = strlen(g.token);
        int ok = g.token_len <= 256;
        for (const char *c = g.token; *c && ok; c++) ok = isalnum((unsigned char)*c) || strchr("-._~", *c);
        if (!ok) {
            cli_error("the access token must be 1 to 256 letters, digits or -._~ (it goes into a URL)");
            return CLI_USAGE;
        }
    }
    snprintf(g.cookie, sizeof g.cookie, "lazypipe_token_%ld", port);
    if (allowed_hosts(port, network, o) != 0) {
        hosts_free();
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    if (network)
        cli_warning("--listen network: anyone who can reach port %ld on this machine's addresses can read "
                    "every dashboard, benchmark, query and variable of this workspace%s", port,
                    g.token ? "; the access token is required" :
                    "; require an access token with --token or LAZYPIPE_TOKEN");
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
 * up to the hard one, as Go's runtime does for Powerpipe since Go 1.19; where it cannot, the server
 * runs with what it has. */
static void raise_fd_limit(void)
{
    struct rlimit l;
    if (getrlimit(RLIMIT_NOFILE, &l) != 0 || l.rlim_cur >= l.rlim_max) return;
    l.rlim_cur = l.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &l);
}

/* The libwebsockets context listening on port; NULL after saying why it cannot. */
/* Powerpipe's words (its ShowError's two lines) */
#define PORT_BUSY                                                                                            \
    "Port %ld is not available - is another instance of 'lazypipe server' running?\n"                       \
    "       Set a different port using the --port argument"

static struct lws_context *listen_on(long port, int network)
{
    raise_fd_limit();
    lws_set_log_level(LLL_ERR | LLL_WARN, lws_log);
    static const struct lws_protocols protocols[] = {
        /* rx 4 KiB at a time; tx: without tx_packet_size libwebsockets sends rx_buffer_size per
         * send(), 700 rounds of the event loop for the 2.9 MB payload */
        { "lazypipe", callback, sizeof(session), 4096, 0, NULL, CHUNK },
        { READER_PROTOCOL, reader_callback, 0, 0, 0, NULL, 0 },
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
    /* lws sizes its tables by this, not by ulimit -n: a session holds two of their slots, its socket and
     * its reader's descriptor of it (reader_start) */
    info.fd_limit_per_thread = 2 * MAX_SESSIONS + 64;
    info.options = LWS_SERVER_OPTION_VALIDATE_UTF8 | (network ? 0 : LWS_SERVER_OPTION_DISABLE_IPV6);
    lws_log_quiet = 1;
    struct lws_context *ctx = g.wbuf ? lws_create_context(&info) : NULL;
    lws_log_quiet = 0;
    if (ctx) return ctx;
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
    while (!g.stopping)
        if (lws_service(ctx, 0) < 0) break;
    logf_("lazypipe server: shutting down (%u sessions)", g.nsessions);
    lws_sul_cancel(&housekeeping_sul);
    lws_sul_cancel(&stall_sul);
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
    if (have_sigth) {
        atomic_store(&signals_done, 1);
        pthread_kill(sigth, SIGTERM);   /* still in sigwait: it waits for every signal until now */
        pthread_join(sigth, NULL);
    }
    free(g.wbuf);
    msg_unref(g_dashboard_metadata);   /* (every session's reference went with it) */
    g_dashboard_metadata = NULL;
    hosts_free();
    if (!runs_left) {   /* (else the runs still use the workspace and the share) */
        lp_live_close(g.lv);
        lp_run_share_free(R.share);    /* every run was freed by stop_all_runs */
        R.share = NULL;
    }
    if (atomic_load(&stop_signal) == SIGHUP) end_by_hangup();
    return rc;
}
