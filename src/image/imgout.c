/* imgout.c — bytes on their way to an image file (see imgout.h). */
#include "image/imgout.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

#define OUT_CHUNK (128u * 1024u)

void out_init(out_stream *o, int fd, uint64_t at, uint64_t limit, int hashed)
{
    o->fd = fd;
    o->cap = OUT_CHUNK;
    o->len = 0;
    o->at = at;
    o->limit = limit;
    o->hashed = hashed;
    XXH3_64bits_reset(&o->sum);
    o->buf = mem_malloc(o->cap);
    o->err = o->buf ? 0 : ENOMEM;
}

void out_free(out_stream *o)
{
    mem_free(o->buf, o->buf ? o->cap : 0);
    o->buf = NULL;
}

/* n bytes at p to the file at o->at, hashed; nothing past the limit. */
static void out_write(out_stream *o, const char *p, size_t n)
{
    if (o->err) return;
    if (n > o->limit || o->at > o->limit - n) {
        o->err = EFBIG;
        return;
    }
    if (o->hashed) XXH3_64bits_update(&o->sum, p, n);
    for (uint64_t off = o->at; n;) {
        ssize_t k = pwrite(o->fd, p, n, (off_t)off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            o->err = k < 0 ? errno : EIO;
            return;
        }
        p += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
}

void out_flush(out_stream *o)
{
    out_write(o, o->buf, o->len);
    o->at += o->len;
    o->len = 0;
}

void out_put(out_stream *o, const void *p, size_t n)
{
    if (o->err) return;
    if (o->len + n > o->cap) out_flush(o);
    if (n >= o->cap) {   /* large: from where it is */
        out_write(o, p, n);
        o->at += n;
        return;
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

void out_pad(out_stream *o, uint64_t to)
{
    static const char zero[64];
    while (!o->err && out_pos(o) < to) {
        uint64_t n = to - out_pos(o);
        out_put(o, zero, n < sizeof zero ? (size_t)n : sizeof zero);
    }
}

char *out_room(out_stream *o, size_t n)
{
    if (o->err || n > o->cap) return NULL;
    if (o->len + n > o->cap) out_flush(o);
    return o->err ? NULL : o->buf + o->len;
}

void out_hash_back(out_stream *o, uint64_t n)
{
    out_flush(o);
    while (!o->err && n) {
        size_t want = n < o->cap ? (size_t)n : o->cap;
        ssize_t k = pread(o->fd, o->buf, want, (off_t)o->at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {   /* (0: the file is shorter than what was written to it) */
            o->err = k < 0 ? errno : EIO;
            return;
        }
        if (o->hashed) XXH3_64bits_update(&o->sum, o->buf, (size_t)k);
        o->at += (uint64_t)k;
        n -= (uint64_t)k;
    }
}
