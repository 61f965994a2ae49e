/* fuzz_wsframe.c — libFuzzer target: the server's WebSocket frame checker (src/server/wsframe.c) on
 * any bytes a client could send, cut into reads anywhere.
 *
 * Input: byte 0 picks the text cap (bits 0-2: an index into caps[]) and how many read sizes follow
 * (bits 3-7); each of those bytes is a read size less one, used in turn; the rest is the stream.
 * The stream is fed whole, in those reads, and one byte at a time; every feed must give the same
 * events at the same stream offsets, with the same payloads.  Each read is copied into a buffer of
 * exactly its size, so a read past a piece's end is an ASan report.  The events must also keep
 * wsframe.h's promises, checked here independently of its code:
 *   - every call takes at least one byte when given some, and never goes past the end;
 *   - a text message is valid UTF-8 (decoded here by code point) and within the cap;
 *   - a ping or pong carries 125 bytes at most; a close's status is 1000 when it has no payload,
 *     else its first two bytes, and a close carries 0 or 2..125 bytes;
 *   - a failure has a status RFC 6455 gives (1002, 1007, 1009, 1011) and a reason;
 *   - nothing follows a close or a failure, and the rest of the stream is taken. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/server/wsframe.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the server's cap (64 KiB) and small ones, so that a fuzzed message can pass them */
static const size_t caps[8] = { 0, 1, 2, 5, 125, 256, 4097, 64u << 10 };

typedef struct event {
    wsf_event kind;
    unsigned code;
    size_t len, at;   /* its payload's length; the stream offset just past its last byte */
    uint64_t hash;    /* of its payload */
} event;

typedef struct feed_state {
    wsf_rx rx;
    size_t at;        /* stream bytes taken so far */
    int ended;        /* a close or a failure was seen */
    event *ev;        /* the whole feed's events (recording), or those to match (replaying) */
    size_t nev, cap;
    int recording;
} feed_state;

static uint64_t fnv1a(const unsigned char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211u;
    return h;
}

/* RFC 3629 by decoding each code point: its length from the lead byte, then its value's range. */
static int utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
        if (!k || k > n - i) return 0;
        uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1Fu : k == 3 ? c & 0x0Fu : c & 0x07u;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (cp < least[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k;
    }
    return 1;
}

static void check_event(const feed_state *f, wsf_event e, const wsf_out *o)
{
    if (f->ended) __builtin_trap();   /* nothing after a close or a failure */
    switch (e) {
    case WSF_TEXT:
        if (!o->data || o->len > f->rx.max_text || !utf8_ok(o->data, o->len)) __builtin_trap();
        break;
    case WSF_PING:
    case WSF_PONG:
        if (!o->data || o->len > 125) __builtin_trap();
        break;
    case WSF_CLOSE:
        if (o->len == 1 || o->len > 125) __builtin_trap();
        if (o->code != (o->len ? (unsigned)o->data[0] << 8 | o->data[1] : 1000u)) __builtin_trap();
        break;
    case WSF_FAIL:
        if ((o->code != 1002 && o->code != 1007 && o->code != 1009 && o->code != 1011) || !o->why)
            __builtin_trap();
        break;
    case WSF_BINARY:
        break;
    default:
        __builtin_trap();
    }
}

/* Feed one read of the stream (`piece`, exactly n bytes) until it is all taken. */
static void feed_piece(feed_state *f, const unsigned char *piece, size_t n)
{
    const unsigned char *p = piece, *end = piece + n;
    while (p < end) {
        const unsigned char *before = p;
        wsf_out o;
        wsf_event e = wsf_feed(&f->rx, &p, end, &o);
        if (p <= before || p > end) __builtin_trap();   /* no progress, or past the read */
        f->at += (size_t)(p - before);
        if (e == WSF_MORE) continue;
        check_event(f, e, &o);
        int with_data = e == WSF_TEXT || e == WSF_PING || e == WSF_PONG || e == WSF_CLOSE;
        event got = { e, e == WSF_CLOSE || e == WSF_FAIL ? o.code : 0, o.len, f->at,
                      with_data ? fnv1a(o.data, o.len) : 0 };
        if (f->recording) {
            if (f->nev == f->cap) {
                size_t cap = f->cap ? f->cap * 2 : 16;
                event *ev = realloc(f->ev, cap * sizeof *ev);
                if (!ev) __builtin_trap();
                f->ev = ev;
                f->cap = cap;
            }
            f->ev[f->nev++] = got;
        } else {
            if (f->nev >= f->cap) __builtin_trap();   /* more events than the whole feed gave */
            const event *want = &f->ev[f->nev++];
            if (want->kind != got.kind || want->code != got.code || want->len != got.len ||
                want->at != got.at || want->hash != got.hash)
                __builtin_trap();
        }
        if (e == WSF_CLOSE || e == WSF_FAIL) f->ended = 1;
    }
}

/* The stream fed in reads of sizes[i % nsizes] bytes (nsizes 0: all at once), each its own buffer. */
static void feed_all(feed_state *f, const unsigned char *s, size_t n, const uint8_t *sizes, size_t nsizes)
{
    for (size_t at = 0, i = 0; at < n; i++) {
        size_t k = nsizes ? (size_t)sizes[i % nsizes] + 1 : n;
        if (k > n - at) k = n - at;
        unsigned char *piece = malloc(k);
        if (!piece) __builtin_trap();
        memcpy(piece, s + at, k);
        feed_piece(f, piece, k);
        free(piece);
        at += k;
    }
    if (f->at != n) __builtin_trap();   /* every byte taken, those after the end skipped too */
    wsf_free(&f->rx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t max_text = caps[data[0] & 7], nsizes = data[0] >> 3;
    if (nsizes > size - 1) nsizes = size - 1;
    const uint8_t *sizes = data + 1;
    const unsigned char *stream = data + 1 + nsizes;
    size_t n = size - 1 - nsizes;

    feed_state whole = { .rx = { .max_text = max_text }, .recording = 1 };
    feed_all(&whole, stream, n, NULL, 0);

    static const uint8_t one_byte[1] = { 0 };
    const uint8_t *cuts[2] = { sizes, one_byte };
    size_t ncuts[2] = { nsizes, 1 };
    for (int c = 0; c < 2; c++) {
        if (!ncuts[c]) continue;   /* no read sizes given: the stream is read whole, as above */
        feed_state split = { .rx = { .max_text = max_text }, .ev = whole.ev, .cap = whole.nev };
        feed_all(&split, stream, n, cuts[c], ncuts[c]);
        if (split.nev != whole.nev) __builtin_trap();   /* fewer events than the whole feed gave */
    }
    free(whole.ev);
    return 0;
}
