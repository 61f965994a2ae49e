/* stream.c — messages made as they are sent.
 *
 * A benchmark's execution_complete (2.7 MB at 5,000 controls) is not built whole: a thread writes it
 * (lp_run_snapshot_write, in pieces of about 64 KiB) into the pieces of one message, sent as
 * WebSocket fragments as they come.  Pull, not build-all-then-send: the thread waits while it is
 * STREAM_AHEAD bytes ahead of the fastest of the sessions it is queued to (its holders), so with
 * one viewer, or several reading as fast, the server holds about that much of it.  A slower holder
 * keeps the pieces it has not sent, shared (at most the whole message, and at most its send queue's
 * bound: past it, it is dropped as a slow client); a piece is freed once every holder sent it, or
 * kept for the thread's next pieces (spare): the message then streams through the same few pieces'
 * memory, where each new piece was fresh pages until the allocator gave the sent ones back to the
 * thread (ASan's: the server's peak grew by 0.9-1.2 MB while a 1.1 MB message streamed).
 *
 * Threads: one snapshot-streaming thread per such message (stream_main, stream_put), which touches
 * only the stream's fields marked "under g.lock"; everything else is the loop's. */
#include "serverInt.h"

#include <stdlib.h>
#include <string.h>

#define STREAM_AHEAD (256u << 10)
/* a piece's room, at least: the snapshot's pieces are about 64 KiB (SNAP_PIECE) and a row more */
#define PIECE_ROOM (80u << 10)
#define SPARE_MAX (STREAM_AHEAD / PIECE_ROOM + 2)

typedef struct piece {
    struct piece *next;
    size_t off, len;               /* its place in the message */
    size_t room;                   /* the bytes it can hold */
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
    piece *spare;                  /* sent pieces kept for the next ones */
    unsigned nspare;
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

static piece *piece_fill(piece *p, const void *data, size_t len, size_t off)
{
    if (!p) return NULL;
    p->next = NULL;
    p->off = off;
    p->len = len;
    p->refs = 0;
    memcpy(p->bytes, data, len);
    return p;
}

static piece *piece_alloc(size_t room)
{
    piece *p = malloc(sizeof *p + room);
    if (p) p->room = room;
    return p;
}

static piece *piece_new(const void *data, size_t len, size_t off)
{
    return piece_fill(piece_alloc(len), data, len, off);
}

static void pieces_free(piece *p)
{
    while (p) {
        piece *next = p->next;
        free(p);
        p = next;
    }
}

/* the pieces every holder sent: kept for the thread while it makes more, else freed */
static void stream_trim(stream *st)
{
    while (st->head && st->head->refs == 0) {
        piece *p = st->head;
        st->head = p->next;
        if (!st->head) st->tail = NULL;
        pthread_mutex_lock(&g.lock);
        int keep = !st->done && p->room >= PIECE_ROOM && st->nspare < SPARE_MAX;
        if (keep) {
            p->next = st->spare;
            st->spare = p;
            st->nspare++;
        }
        pthread_mutex_unlock(&g.lock);
        if (!keep) free(p);
    }
}

void stream_free(stream *st)
{
    pieces_free(st->head);
    pieces_free(st->spare);
    if (st->started) pthread_cond_destroy(&st->more);   /* (its thread is joined: stream_end) */
    free(st->holders);
    free(st);
}

int stream_hold(stream *st, session *s)
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
void stream_leave(stream *st, session *s, size_t off)
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
long stream_write(session *s, msg *m)
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

/* The thread's (stream_main): each piece of the snapshot to the loop; it waits while it is
 * STREAM_AHEAD bytes ahead of the fastest holder.  Nonzero: stop (no holder is left, the server
 * stops, or no memory). */
static int stream_put(void *user, const char *data, size_t len)
{
    stream *st = user;
    pthread_mutex_lock(&g.lock);
    piece *p = st->spare && st->spare->room >= len ? st->spare : NULL;
    if (p) {
        st->spare = p->next;
        st->nspare--;
    }
    pthread_mutex_unlock(&g.lock);
    p = piece_fill(p ? p : piece_alloc(len > PIECE_ROOM ? len : PIECE_ROOM), data, len, 0);
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
msg *stream_start(srun *r)
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
void stream_poll(void)
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
            pieces_free(st->spare);   /* (no piece is made any more: stream_trim frees them now) */
            st->spare = NULL;
            st->nspare = 0;
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
void stream_stop_all(void)
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
