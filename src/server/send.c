/* send.c — the server's messages and each session's send queue: a message built once and shared
 * (reference counted) by every queue it is in, the queue's bounds (QMAX messages, g.qmax_bytes), the
 * WebSocket frames written from the shared bytes themselves (write_next, write_batch, send_frames),
 * and the stall sweep that cuts a client whose queue does not move.
 *
 * Thread: the loop's (the main thread) only; the messages that runs' workers build reach it through
 * runs.c's event queue. */
#include "serverInt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

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

/* A buffer for a message: the builder appends (the frames are written from the bytes as they are,
 * with no headroom: send_frames). */
void msg_buf(lp_buf *b)
{
    *b = (lp_buf){ 0 };
}

/* The buffer's bytes become the message's (b is left empty). */
msg *msg_take(lp_buf *b)
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
msg *msg_shared(lp_payload *p)
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

void msg_unref(msg *m)
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
time_t stall_clock(void)
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
 * in the sessions (a thousand viewers: 2.4% of the loop in a wave).  A session waiting
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

/* Shutdown: the sweep's timer goes. */
void stall_cancel(void)
{
    lws_sul_cancel(&stall_sul);
}

/* s's queue was filled from empty: the stall clock starts, and the sweep runs. */
static void stall_start(session *s)
{
    s->moved = stall_clock();
    if (stall_armed || !g.ctx) return;
    stall_armed = 1;
    lws_sul_schedule(g.ctx, 0, &stall_sul, stall_sweep, STALL_SWEEP_US);
}

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

void queue_free(session *s)
{
    queue_drop(s, 0);
}

/* The session goes: its queue is freed now but for the message being written (a client that stopped
 * reading holds no more memory), and the close frame with code and why goes out once that message
 * ended (SERVER_WRITEABLE returns -1); a client that never reads again is cut g.stall_secs later. */
void kill_session(session *s, int code, const char *why)
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

/* Queue m (a reference is taken) for s; over the bounds the session goes. */
void send_msg(session *s, msg *m)
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

void send_buf(session *s, lp_buf *b)
{
    msg *m = msg_take(b);
    send_msg(s, m);
    msg_unref(m);
}

/* Room in a growing array of sessions for one more (n in it, *cap allocated; first: the first
 * capacity); -1 out of memory. */
int sessions_reserve(session ***v, unsigned n, unsigned *cap, unsigned first)
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
void queue_pop(session *s)
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
 * wave to a thousand viewers was 39 MB of copies into one write buffer).  Written by
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
int write_fragment(session *s, const void *p, size_t n, int last)
{
    unsigned char h[10];
    size_t hl = frame_header(h, n, s->sent == 0, last);
    struct iovec iov[2] = { { h, hl }, { (void *)p, n } };
    return send_frames(s, iov, 2, hl + n);
}

#define BATCH_MAX 64   /* messages per write_batch: two iovecs each */

/* The queue's first messages, whole, with their frame headers (made once per message), in one
 * sendmsg while they fit in CHUNK: one system call for a run's many small events (a thousand viewers
 * of a wave of leaves were a send() per event each), from the shared bytes themselves
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

int write_next(session *s)
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
