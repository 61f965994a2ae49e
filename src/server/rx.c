/* rx.c — the WebSocket sessions' incoming bytes, read by the server itself: libwebsockets 4.1
 * takes an unmasked client frame as a masked one (RFC 6455 §5.1 wants 1002) and has no option to
 * refuse it, so every frame is checked by wsframe.c before it is handled.
 *
 * One epoll set holds every session's socket (level-triggered, EPOLLIN); its one descriptor is polled
 * by libwebsockets as a raw file, so a readable socket wakes the loop, which recv()s it here.  A
 * session's socket stays libwebsockets' for everything else (writes, the close), with its rx flow off
 * so that libwebsockets never reads it: one descriptor per viewer, not a second one to read it by.
 *
 * Thread: the loop's alone (the main thread); nothing here is touched by another. */
#include "serverInt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define RX_EVENTS 512              /* sockets read per wake of the loop (the rest: at the next) */

static int epfd = -1;              /* the epoll set; libwebsockets' raw file once adopted (it closes it) */
static session **by_fd;            /* each watched socket's session, by descriptor */
static size_t nby_fd;

int rx_open(struct lws_context *ctx, size_t fd_limit)
{
    struct lws_vhost *vh = lws_get_vhost_by_name(ctx, "localhost");
    if (!vh || !(by_fd = calloc(fd_limit, sizeof *by_fd))) return -1;
    nby_fd = fd_limit;
    lws_sock_file_fd_type d;
    d.filefd = epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) return -1;
    /* a failed adoption may have closed the descriptor (lws 4.1 does once it is bound to a wsi), or
     * not: it is left alone, as closing it twice could close another one */
    if (!lws_adopt_descriptor_vhost(vh, LWS_ADOPT_RAW_FILE_DESC, d, RX_PROTOCOL, NULL)) {
        epfd = -1;
        return -1;
    }
    return 0;
}

void rx_close(void)
{
    epfd = -1;   /* (closed with the context: its wsi's) */
    free(by_fd);
    by_fd = NULL;
    nby_fd = 0;
}

int rx_watch(session *s)
{
    s->rx.max_text = MAX_RX;
    int fd = lws_get_socket_fd(s->wsi);
    if (epfd < 0 || fd < 0 || (size_t)fd >= nby_fd) return -1;
    if (lws_rx_flow_control(s->wsi, 0) < 0) return -1;
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) return -1;
    by_fd[fd] = s;
    s->rx_fd = fd;
    return 0;
}

void rx_unwatch(session *s)
{
    if (s->rx_fd < 0) return;
    /* before libwebsockets closes the socket (the set would forget it then too, as no other
     * descriptor shares its file, but a number reused at once must not find this session) */
    if (epfd >= 0) (void)epoll_ctl(epfd, EPOLL_CTL_DEL, s->rx_fd, NULL);
    if ((size_t)s->rx_fd < nby_fd && by_fd[s->rx_fd] == s) by_fd[s->rx_fd] = NULL;
    s->rx_fd = -1;
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

/* One recv of a readable socket, its frames handled. */
static void read_socket(session *s)
{
    static unsigned char buf[64u << 10];   /* the loop's: one socket is read at a time */
    ssize_t n = recv(s->rx_fd, buf, sizeof buf, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) {   /* the client hung up (or the socket failed): the session goes now */
        rx_unwatch(s);   /* (the set would report its end again and again until the close) */
        lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    if (!s->killed) read_frames(s, buf, (size_t)n);   /* (after a close: skipped until the hang-up) */
}

int rx_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
    (void)wsi;
    (void)user;
    (void)in;
    (void)len;
    if (reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION) return 1;   /* no client asks for it */
    if (reason == LWS_CALLBACK_RAW_CLOSE_FILE) epfd = -1;   /* (at the context's end) */
    if (reason != LWS_CALLBACK_RAW_RX_FILE || epfd < 0) return 0;
    struct epoll_event ev[RX_EVENTS];
    int n = epoll_wait(epfd, ev, RX_EVENTS, 0);
    /* no session closes while these are read (a hang-up's close is asynchronous), but one read may
     * unwatch its own socket: each is looked up again */
    for (int i = 0; i < n; i++) {
        int fd = ev[i].data.fd;
        session *s = fd >= 0 && (size_t)fd < nby_fd ? by_fd[fd] : NULL;
        if (s && s->is_ws) read_socket(s);
    }
    return 0;
}
