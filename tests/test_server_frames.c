/* test_server_frames.c — `lazypipe server` and RFC 6455 §5's framing rules for what a client sends,
 * over raw TCP connections that send hand-built frames after a real handshake.  For each broken rule:
 * the status of the server's close frame (§7.4.1: 1002 protocol error, 1007 invalid data, 1009 too
 * big), and that the request in the offending frame, or sent after it, is never answered.  A
 * valid client is served all along.  The rules are RFC 6455's, not the server's code: an unmasked
 * client frame (§5.1), reserved bits without an extension (§5.2), an unknown opcode (§5.2), a
 * fragmented or longer than 125 bytes control frame (§5.5), a continuation with nothing to
 * continue and a new message inside a fragmented one (§5.4), a text message that is not UTF-8
 * (§8.1), a close frame of one byte or with a status no peer may send (§5.5.1, §7.4), a ping answered
 * by a pong with its payload (§5.5.2), a control frame amid a fragmented message (§5.4), a message
 * over the server's 64 KiB cap (1009). */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/jsontree.h"
#include "support/srvfix.h"
#include "support/wsfix.h"

static const char metadata_req[] = "{\"action\":\"get_server_metadata\"}";
static const char select_req[] =
    "{\"action\":\"select_dashboard\",\"payload\":{\"dashboard\":{\"full_name\":\"srvtest.dashboard.d\"}}}";

typedef sf_server server;

static void start(server *s, const char *dir)
{
    sf_start(s, dir, NULL, NULL, NULL);
}

static int stop(server *s)
{
    return sf_stop_with(s, SIGTERM);
}

enum { MASKED = 1, UNMASKED = 0 };

/* A client frame into out: b0 (FIN, RSV, opcode) as given, the payload's length in its shortest
 * form (or len64 with the 8-byte form when nonzero), masked with a key that changes every byte when
 * mask.  Its size. */
static size_t frame(unsigned char *out, unsigned b0, const void *payload, size_t len, int mask)
{
    static const unsigned char key[4] = { 0x5a, 0xc3, 0x17, 0xe9 };
    size_t k = 0;
    out[k++] = (unsigned char)b0;
    unsigned char m = mask ? 0x80 : 0;
    if (len < 126) out[k++] = (unsigned char)(m | len);
    else if (len < 65536) {
        out[k++] = m | 126;
        out[k++] = (unsigned char)(len >> 8);
        out[k++] = (unsigned char)len;
    } else {
        out[k++] = m | 127;
        for (int i = 7; i >= 0; i--) out[k++] = (unsigned char)((uint64_t)len >> (8 * i));
    }
    if (mask) {
        memcpy(out + k, key, 4);
        k += 4;
    }
    const unsigned char *in = payload;
    for (size_t i = 0; i < len; i++) out[k + i] = in[i] ^ (mask ? key[i & 3] : 0);
    return k + len;
}

#define FIN 0x80u
#define TEXT 0x1u
#define CONT 0x0u
#define BINARY 0x2u
#define CLOSE 0x8u
#define PING 0x9u

typedef struct answer {
    int close_code;      /* the server's close frame's status; 1005: none given; -1: no close frame */
    int replied;         /* a text frame answered a request (server_metadata or execution_started) */
    char pong[126];      /* the last pong's payload */
    int pong_len;        /* -1: no pong */
} answer;

static int read_full(int fd, unsigned char *p, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t k = read(fd, p + got, n - got);
        if (k <= 0) return -1;
        got += (size_t)k;
    }
    return 0;
}

/* The server's frames until its close frame, the end of the connection or 5 s of silence; stops
 * after want_replies replies when want_replies > 0 (the connection is kept). */
static answer read_answer(int fd, int want_replies)
{
    answer a = { .close_code = -1, .pong_len = -1 };
    unsigned char h[10], *payload = NULL;
    while (read_full(fd, h, 2) == 0) {
        uint64_t len = h[1] & 0x7F;
        if (len == 126 && read_full(fd, h + 2, 2) == 0) len = (uint64_t)h[2] << 8 | h[3];
        else if (len == 127 && read_full(fd, h + 2, 8) == 0)
            for (int i = 2; i < 10; i++) len = len << 8 | h[i];
        cr_assert(!(h[1] & 0x80), "a server frame is never masked");
        cr_assert_lt(len, 64u << 20);
        payload = realloc(payload, (size_t)len + 1);
        if (read_full(fd, payload, (size_t)len) < 0) break;
        payload[len] = '\0';
        unsigned op = h[0] & 0x0F;
        if (op == CLOSE) {
            a.close_code = len >= 2 ? payload[0] << 8 | payload[1] : 1005;
            break;
        }
        if (op == 0xA) {
            a.pong_len = (int)len;
            memcpy(a.pong, payload, len < sizeof a.pong ? len : sizeof a.pong);
        }
        if ((op == TEXT || op == CONT) && (strstr((char *)payload, "\"server_metadata\"") ||
                                            strstr((char *)payload, "\"execution_started\"")))
            if (++a.replied == want_replies) break;
    }
    free(payload);
    return a;
}

static void send_all(int fd, const void *p, size_t n)
{
    cr_assert_eq(send(fd, p, n, MSG_NOSIGNAL), (ssize_t)n);
}

/* One hostile case: its bytes sent on a fresh connection, then a valid masked request (which must
 * go unanswered after a close too); the close status expected. */
static void refused(const server *s, const char *what, const unsigned char *bytes, size_t n, int code)
{
    int fd = sf_ws_connect(s->port);
    unsigned char after[128];
    send_all(fd, bytes, n);
    /* (the server may have closed already: no SIGPIPE, and what it did not take is not sent) */
    size_t n_after = frame(after, FIN | TEXT, metadata_req, strlen(metadata_req), MASKED);
    (void)!send(fd, after, n_after, MSG_NOSIGNAL);
    answer a = read_answer(fd, 0);
    close(fd);
    cr_expect_eq(a.close_code, code, "%s: the server closed with %d, not %d", what, a.close_code, code);
    cr_expect_eq(a.replied, 0, "%s: a request was answered", what);
}

/* The server still serves a valid client: a masked request answered. */
static void still_serves(const server *s, const char *after)
{
    int fd = sf_ws_connect(s->port);
    unsigned char b[128];
    send_all(fd, b, frame(b, FIN | TEXT, metadata_req, strlen(metadata_req), MASKED));
    answer a = read_answer(fd, 1);
    close(fd);
    cr_assert_eq(a.replied, 1, "after %s, a valid client is not served", after);
}

static char *frames_mod(void)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"srvtest\" {\n  title = \"Frames\"\n}\n");
    wf_write(dir, "dash.pp", "dashboard \"d\" {\n  text {\n    value = \"hi\"\n  }\n}\n");
    return dir;
}

/* §5.1: "The server MUST close the connection upon receiving a frame that is not masked ... MAY send
 * a Close frame with a status code of 1002"; and the message in it is never acted on. */
Test(server_frames, unmasked_client_frame_is_refused_with_1002)
{
    char *dir = frames_mod();
    server s;
    start(&s, dir);
    unsigned char b[256];
    refused(&s, "unmasked get_server_metadata", b,
            frame(b, FIN | TEXT, metadata_req, strlen(metadata_req), UNMASKED), 1002);
    refused(&s, "unmasked select_dashboard", b,
            frame(b, FIN | TEXT, select_req, strlen(select_req), UNMASKED), 1002);
    /* an unmasked continuation of a masked start: the message is not handled either */
    size_t half = strlen(metadata_req) / 2, n = frame(b, TEXT, metadata_req, half, MASKED);
    n += frame(b + n, FIN | CONT, metadata_req + half, strlen(metadata_req) - half, UNMASKED);
    refused(&s, "unmasked continuation", b, n, 1002);
    refused(&s, "unmasked ping", b, frame(b, FIN | PING, "x", 1, UNMASKED), 1002);
    still_serves(&s, "unmasked frames");
    cr_assert_eq(stop(&s), 0, "server exit status");
    unlink(s.log);
    wf_remove(dir);
}

Test(server_frames, every_other_framing_rule)
{
    char *dir = frames_mod();
    server s;
    start(&s, dir);
    unsigned char b[70100];
    size_t req = strlen(metadata_req), half = req / 2, n;

    refused(&s, "RSV1 without an extension", b, frame(b, FIN | 0x40 | TEXT, metadata_req, req, MASKED), 1002);
    refused(&s, "RSV3 without an extension", b, frame(b, FIN | 0x10 | TEXT, metadata_req, req, MASKED), 1002);
    refused(&s, "opcode 3", b, frame(b, FIN | 0x3, "", 0, MASKED), 1002);
    refused(&s, "opcode 0xB", b, frame(b, FIN | 0xB, "", 0, MASKED), 1002);
    refused(&s, "fragmented ping", b, frame(b, PING, "x", 1, MASKED), 1002);
    char big[126];
    memset(big, 'p', sizeof big);
    refused(&s, "ping of 126 bytes", b, frame(b, FIN | PING, big, sizeof big, MASKED), 1002);
    refused(&s, "continuation with no message", b, frame(b, FIN | CONT, metadata_req, req, MASKED), 1002);
    n = frame(b, TEXT, metadata_req, half, MASKED);
    n += frame(b + n, FIN | TEXT, metadata_req, req, MASKED);
    refused(&s, "a new text frame inside a fragmented message", b, n, 1002);
    refused(&s, "text not UTF-8", b, frame(b, FIN | TEXT, "{\"a\":\"\xff\"}", 9, MASKED), 1007);
    refused(&s, "text with a UTF-16 surrogate", b, frame(b, FIN | TEXT, "\xed\xa0\x80", 3, MASKED), 1007);
    n = frame(b, TEXT, "\xe2\x82", 2, MASKED);   /* a character cut by the message's end */
    n += frame(b + n, FIN | CONT, "", 0, MASKED);
    refused(&s, "text ending inside a character", b, n, 1007);
    refused(&s, "close of 1 byte", b, frame(b, FIN | CLOSE, "\x03", 1, MASKED), 1002);
    static const unsigned bad_codes[] = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535 };
    for (size_t i = 0; i < sizeof bad_codes / sizeof *bad_codes; i++) {
        char what[64], p[2] = { (char)(bad_codes[i] >> 8), (char)bad_codes[i] };
        snprintf(what, sizeof what, "close with status %u", bad_codes[i]);
        refused(&s, what, b, frame(b, FIN | CLOSE, p, 2, MASKED), 1002);
    }
    refused(&s, "close reason not UTF-8", b, frame(b, FIN | CLOSE, "\x03\xe8\xc0\xaf", 4, MASKED), 1007);
    refused(&s, "close 1000, then a request", b, frame(b, FIN | CLOSE, "\x03\xe8" "bye", 5, MASKED), 1000);
    refused(&s, "close 4000", b, frame(b, FIN | CLOSE, "\x0f\xa0", 2, MASKED), 4000);
    static char huge[70000];   /* past the server's 64 KiB cap: 1009 */
    memset(huge, ' ', sizeof huge);
    refused(&s, "a 70,000-byte text message", b, frame(b, FIN | TEXT, huge, sizeof huge, MASKED), 1009);
    n = frame(b, TEXT, huge, 40000, MASKED);   /* the cap is the message's, not a frame's */
    n += frame(b + n, FIN | CONT, huge, 30000, MASKED);
    refused(&s, "a 70,000-byte text message in two frames", b, n, 1009);
    n = frame(b, FIN | TEXT, "", 0, MASKED);   /* a 64-bit length with its top bit set */
    b[1] = 0x80 | 127;
    memcpy(b + 2, "\x80\0\0\0\0\0\0\x01" "abcd", 12);
    refused(&s, "64-bit length with its top bit set", b, 14, 1002);

    /* §5.5.2: a pong with the ping's payload; §5.4: a control frame amid a fragmented message;
     * a binary message ignored, the connection kept */
    int fd = sf_ws_connect(s.port);
    n = frame(b, FIN | PING, "ping-payload", 12, MASKED);
    n += frame(b + n, TEXT, metadata_req, half, MASKED);
    n += frame(b + n, FIN | PING, "amid", 4, MASKED);
    send_all(fd, b, n);
    answer a = read_answer(fd, 0);   /* (5 s of silence: the message is not whole yet) */
    cr_assert_eq(a.close_code, -1, "a valid connection closed (%d)", a.close_code);
    cr_assert_eq(a.replied, 0);
    cr_assert_eq(a.pong_len, 4, "the pong to the last ping");
    cr_assert(memcmp(a.pong, "amid", 4) == 0, "the pong carries the ping's payload");
    n = frame(b, FIN | CONT, metadata_req + half, req - half, MASKED);
    n += frame(b + n, FIN | BINARY, "\0\1\2", 3, MASKED);   /* ignored */
    n += frame(b + n, FIN | TEXT, metadata_req, req, MASKED);
    send_all(fd, b, n);
    a = read_answer(fd, 2);
    cr_assert_eq(a.replied, 2, "the fragmented request (a ping amid it) and the one after a binary message "
                 "are answered");
    close(fd);
    still_serves(&s, "the hostile frames");
    cr_assert_eq(stop(&s), 0, "server exit status");
    unlink(s.log);
    wf_remove(dir);
}

/* Each viewer holds one descriptor, its socket; with a descriptor limit of 300 (soft and hard: the
 * server cannot raise it) 256 are kept for the pool, the watcher and files, so 300 - 256 = 44 viewers
 * are served, the log says so, the 45th handshake gets no 101 and a viewer that leaves makes room. */
Test(server_frames, viewers_are_bounded_by_the_descriptor_limit)
{
    struct rlimit l = { 300, 300 };
    cr_assert_eq(setrlimit(RLIMIT_NOFILE, &l), 0, "setrlimit: %s", strerror(errno)); /* this test's process */
    char *dir = frames_mod();
    server s;
    start(&s, dir);
    int fds[44];
    for (int i = 0; i < 44; i++) fds[i] = sf_ws_connect(s.port);
    int extra = sf_connect(s.port, 5);
    char req[512], head[512];
    int n = snprintf(req, sizeof req,
                     "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     s.port);
    cr_assert_eq(write(extra, req, (size_t)n), n);
    ssize_t got = read(extra, head, sizeof head - 1);
    head[got > 0 ? got : 0] = '\0';
    cr_assert(got <= 0 || strncmp(head, "HTTP/1.1 101", 12) != 0, "a 45th viewer was accepted: %s", head);
    close(extra);
    close(fds[0]);
    usleep(300 * 1000);
    fds[0] = sf_ws_connect(s.port);   /* room again */
    for (int i = 0; i < 44; i++) close(fds[i]);
    cr_assert_eq(stop(&s), 0, "server exit status");
    size_t len;
    char *log = jt_read_file(s.log, &len);
    cr_assert(log && strstr(log, "at most 44 viewers: the descriptor limit is 300"), "log: %s",
              log ? log : "");
    free(log);
    unlink(s.log);
    wf_remove(dir);
}
