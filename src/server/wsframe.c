/* wsframe.c — a client's WebSocket frames checked as they arrive (see wsframe.h). */
#include "wsframe.h"

#include <stdlib.h>
#include <string.h>

enum { OP_CONT = 0, OP_TEXT = 1, OP_BINARY = 2, OP_CLOSE = 8, OP_PING = 9, OP_PONG = 10 };
enum { CLOSE_PROTOCOL = 1002, CLOSE_INVALID_DATA = 1007, CLOSE_TOO_BIG = 1009 };

int wsf_close_code_invalid(unsigned code)
{
    /* what Autobahn's case 7.7 and libwebsockets accept from a peer */
    int registered = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011);
    return !(registered || (code >= 3000 && code <= 4999));
}

static wsf_event fail(wsf_rx *r, wsf_out *out, unsigned code, const char *why)
{
    r->done = 1;
    out->code = code;
    out->why = why;
    return WSF_FAIL;
}

/* One byte of UTF-8 (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF): -1 when
 * it cannot come next.  *need, *lo, *hi: the continuation bytes still due and the next one's range. */
static int utf8_step(unsigned char *need, unsigned char *lo, unsigned char *hi, unsigned char c)
{
    if (*need) {
        if (c < *lo || c > *hi) return -1;
        (*need)--;
        *lo = 0x80;
        *hi = 0xBF;
        return 0;
    }
    if (c < 0x80) return 0;
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) *need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        *need = 2;
        if (c == 0xE0) *lo = 0xA0;        /* overlong */
        else if (c == 0xED) *hi = 0x9F;   /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        *need = 3;
        if (c == 0xF0) *lo = 0x90;        /* overlong */
        else if (c == 0xF4) *hi = 0x8F;   /* past U+10FFFF */
    } else return -1;
    return 0;
}

static int utf8_valid(const unsigned char *s, size_t n)
{
    unsigned char need = 0, lo = 0x80, hi = 0xBF;
    for (size_t i = 0; i < n; i++)
        if (utf8_step(&need, &lo, &hi, s[i]) < 0) return 0;
    return need == 0;
}

/* The first two bytes of a header: the rules they decide alone (§5.2, §5.4, §5.5, §5.1). */
static wsf_event check_start(wsf_rx *r, wsf_out *out)
{
    unsigned char b0 = r->hdr[0], b1 = r->hdr[1], op = b0 & 0x0F;
    if (b0 & 0x70) return fail(r, out, CLOSE_PROTOCOL, "reserved bits set with no extension");
    if ((op >= 3 && op <= 7) || op > OP_PONG) return fail(r, out, CLOSE_PROTOCOL, "unknown opcode");
    if (op & 8) {
        if (!(b0 & 0x80)) return fail(r, out, CLOSE_PROTOCOL, "fragmented control frame");
        if ((b1 & 0x7F) > 125) return fail(r, out, CLOSE_PROTOCOL, "control frame over 125 bytes");
    } else if (op == OP_CONT && !r->msg_opcode) {
        return fail(r, out, CLOSE_PROTOCOL, "continuation frame with no message to continue");
    } else if (op != OP_CONT && r->msg_opcode) {
        return fail(r, out, CLOSE_PROTOCOL, "new data frame inside a fragmented message");
    }
    if (!(b1 & 0x80)) return fail(r, out, CLOSE_PROTOCOL, "client frame not masked");
    r->opcode = op;
    r->fin = b0 >> 7;
    unsigned len7 = b1 & 0x7F;
    r->hneed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
    return WSF_MORE;
}

/* The whole header read: its length and key, and the message's bounds. */
static wsf_event header_done(wsf_rx *r, wsf_out *out)
{
    unsigned len7 = r->hdr[1] & 0x7F, k = 2;
    uint64_t len = len7;
    if (len7 == 126) {
        len = (uint64_t)r->hdr[2] << 8 | r->hdr[3];
        k = 4;
    } else if (len7 == 127) {
        len = 0;
        for (unsigned i = 2; i < 10; i++) len = len << 8 | r->hdr[i];
        if (len >> 63) return fail(r, out, CLOSE_PROTOCOL, "payload length with its top bit set");
        k = 10;
    }
    memcpy(r->key, r->hdr + k, 4);
    r->left = len;
    r->at = 0;
    r->in_payload = 1;
    if (r->opcode == OP_TEXT || r->opcode == OP_BINARY) {
        r->msg_opcode = r->opcode;
        r->msg_len = 0;
        r->utf8_need = 0;
        if (r->msg_cap > 4096) {   /* a small message keeps no large buffer from an earlier one */
            free(r->msg);
            r->msg = NULL;
            r->msg_cap = 0;
        }
    }
    if (!(r->opcode & 8) && r->msg_opcode == OP_TEXT && len > r->max_text - r->msg_len)
        return fail(r, out, CLOSE_TOO_BIG, "message too large");
    if (!(r->opcode & 8) && r->msg_opcode == OP_TEXT && r->msg_len + len > r->msg_cap) {
        size_t cap = r->msg_cap ? r->msg_cap : 256;
        while (cap < r->msg_len + len) cap *= 2;
        if (cap > r->max_text) cap = r->max_text;
        unsigned char *m = realloc(r->msg, cap ? cap : 1);
        if (!m) return fail(r, out, 1011, "out of memory for the message");
        r->msg = m;
        r->msg_cap = cap;
    }
    return WSF_MORE;
}

/* The frame's last payload byte read: its event. */
static wsf_event frame_done(wsf_rx *r, wsf_out *out)
{
    r->in_payload = 0;
    r->hlen = 0;
    size_t n = (size_t)r->at;
    out->data = r->ctl;
    out->len = n;
    switch (r->opcode) {
    case OP_PING: return WSF_PING;
    case OP_PONG: return WSF_PONG;
    case OP_CLOSE:
        r->done = 1;
        if (n == 1) return fail(r, out, CLOSE_PROTOCOL, "close frame with a 1-byte payload");
        out->code = n ? (unsigned)r->ctl[0] << 8 | r->ctl[1] : 1000;
        if (n && wsf_close_code_invalid(out->code))
            return fail(r, out, CLOSE_PROTOCOL, "close frame with an invalid status");
        if (n > 2 && !utf8_valid(r->ctl + 2, n - 2))
            return fail(r, out, CLOSE_INVALID_DATA, "close reason not UTF-8");
        return WSF_CLOSE;
    default:
        if (!r->fin) return WSF_MORE;
        unsigned char op = r->msg_opcode;
        r->msg_opcode = 0;
        out->len = (size_t)r->msg_len;
        if (op == OP_BINARY) return WSF_BINARY;
        if (r->utf8_need) return fail(r, out, CLOSE_INVALID_DATA, "text message ends inside a character");
        out->data = r->msg ? r->msg : r->ctl;   /* (an empty message: never NULL) */
        return WSF_TEXT;
    }
}

wsf_event wsf_feed(wsf_rx *r, const unsigned char **p, const unsigned char *end, wsf_out *out)
{
    memset(out, 0, sizeof *out);
    while (*p < end) {
        if (r->done) {
            *p = end;
            break;
        }
        if (!r->in_payload) {
            if (r->hlen == 0) r->hneed = 2;
            r->hdr[r->hlen++] = *(*p)++;
            wsf_event e = WSF_MORE;
            if (r->hlen == 2) e = check_start(r, out);
            if (e == WSF_MORE && r->hlen == r->hneed) e = header_done(r, out);
            if (e != WSF_MORE) return e;
            if (r->in_payload && !r->left) return frame_done(r, out);
            continue;
        }
        size_t n = (size_t)(end - *p);
        if (n > r->left) n = (size_t)r->left;
        int text = !(r->opcode & 8) && r->msg_opcode == OP_TEXT;
        unsigned char *to = r->opcode & 8 ? r->ctl + r->at : text ? r->msg + r->msg_len : NULL;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (*p)[i] ^ r->key[(r->at + i) & 3];
            if (text && utf8_step(&r->utf8_need, &r->utf8_lo, &r->utf8_hi, c) < 0) {
                *p += i + 1;
                return fail(r, out, CLOSE_INVALID_DATA, "text message not UTF-8");
            }
            if (to) to[i] = c;
        }
        *p += n;
        r->at += n;
        r->left -= n;
        if (!(r->opcode & 8)) r->msg_len += n;
        if (!r->left) return frame_done(r, out);
    }
    return WSF_MORE;
}

void wsf_free(wsf_rx *r)
{
    free(r->msg);
    r->msg = NULL;
    r->msg_cap = 0;
}
