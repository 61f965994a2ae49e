/* wsframe.h — a client's WebSocket frames checked as they arrive (RFC 6455 §5, §7.4, §8.1).
 *
 * libwebsockets 4.1 (Debian's) passes an unmasked client frame's payload on as if it were masked,
 * and offers no option to refuse it, so the server reads its WebSocket sockets itself and feeds the
 * bytes here: nothing reaches a handler before its frame's header has been checked.  A broken rule
 * ends the connection with the status RFC 6455 gives it (1002 protocol error, 1007 invalid UTF-8
 * in a text message or a close reason, 1009 a text message over the cap); every byte after a
 * close frame or a failure is ignored.  No extension is negotiated, so every reserved bit must be
 * 0.  Binary messages are not kept (the server ignores them), only checked and counted.
 *
 * Only libc: the module does no I/O, so a test or a fuzz target can drive it with bytes alone. */
#ifndef LP_SERVER_WSFRAME_H
#define LP_SERVER_WSFRAME_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    WSF_MORE,     /* every byte given was taken: more are needed for the next event */
    WSF_TEXT,     /* a whole text message (valid UTF-8): out.data, out.len */
    WSF_BINARY,   /* a whole binary message was read (out.len bytes, not kept) */
    WSF_PING,     /* a ping: out.data, out.len is its payload, for the pong */
    WSF_PONG,     /* a pong (out.data, out.len) */
    WSF_CLOSE,    /* the client's close frame: answer with out.code (1000 when it gave none) */
    WSF_FAIL,     /* a rule was broken: close with out.code, out.why saying which */
} wsf_event;

typedef struct wsf_out {
    const unsigned char *data;   /* valid until the next wsf_feed or wsf_free */
    size_t len;
    unsigned code;
    const char *why;
} wsf_out;

typedef struct wsf_rx {
    size_t max_text;              /* the largest text message taken (set before the first feed) */
    unsigned char hdr[14];        /* the frame header being read */
    unsigned hlen, hneed;         /* its bytes so far, and how many it has (2 until known) */
    int in_payload;               /* the header is whole: payload bytes follow */
    unsigned char opcode, fin, key[4];
    uint64_t left, at;            /* the frame's payload still to come, and read so far */
    unsigned char msg_opcode;     /* the data message a continuation continues; 0: none open */
    uint64_t msg_len;             /* its bytes so far */
    unsigned char utf8_need, utf8_lo, utf8_hi;   /* the text message's UTF-8 check, across frames */
    unsigned char *msg;           /* the text message's bytes (grown as needed up to max_text) */
    size_t msg_cap;
    unsigned char ctl[125];       /* a control frame's payload (125 bytes at most, §5.5) */
    int done;                     /* a close frame was read or a rule broken: nothing more is read */
} wsf_rx;

/* Take bytes from *p up to end (advancing *p) until an event: WSF_MORE once all are taken.  After
 * WSF_CLOSE or WSF_FAIL the rest is skipped.  The caller loops while *p < end. */
wsf_event wsf_feed(wsf_rx *r, const unsigned char **p, const unsigned char *end, wsf_out *out);

/* 1 when a close frame may not carry this status (§7.4: unassigned, reserved or only local). */
int wsf_close_code_invalid(unsigned code);

void wsf_free(wsf_rx *r);

#endif
