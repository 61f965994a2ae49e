/* test_wsframe.c — src/server/wsframe.c over RFC 6455 §5.7's own example frames, fed whole and one
 * byte at a time (a frame's header and payload split across reads must give the same events). */
#include <criterion/criterion.h>
#include <string.h>

#include "../src/server/wsframe.c"

typedef struct seen {
    wsf_event ev[16];
    char data[16][64];
    unsigned code[16];
    int n;
} seen;

/* Feed bytes in pieces of `step` bytes (0: all at once); every event recorded. */
static seen feed(const unsigned char *bytes, size_t len, size_t step)
{
    seen s = { .n = 0 };
    wsf_rx r = { .max_text = 1024 };
    for (size_t at = 0; at < len;) {
        size_t k = step && step < len - at ? step : len - at;
        const unsigned char *p = bytes + at, *end = p + k;
        while (p < end) {
            wsf_out o;
            wsf_event e = wsf_feed(&r, &p, end, &o);
            if (e == WSF_MORE) continue;
            cr_assert_lt(s.n, 16);
            s.ev[s.n] = e;
            s.code[s.n] = o.code;
            if (e != WSF_FAIL && e != WSF_CLOSE && e != WSF_BINARY && o.len < 64) {
                memcpy(s.data[s.n], o.data, o.len);
                s.data[s.n][o.len] = '\0';
            }
            s.n++;
        }
        at += k;
    }
    wsf_free(&r);
    return s;
}

static void both_ways(const unsigned char *bytes, size_t len, seen *out)
{
    seen whole = feed(bytes, len, 0), bytewise = feed(bytes, len, 1);
    cr_assert_eq(whole.n, bytewise.n, "as many events fed whole as byte by byte");
    for (int i = 0; i < whole.n; i++) {
        cr_assert_eq(whole.ev[i], bytewise.ev[i]);
        cr_assert_eq(whole.code[i], bytewise.code[i]);
        cr_assert_str_eq(whole.data[i], bytewise.data[i]);
    }
    *out = whole;
}

/* §5.7: "A single-frame masked text message" and "a masked Pong" (both "Hello"), then a masked
 * fragmented "Hello" with a masked ping amid it, and a close 1000 */
Test(wsframe, rfc_examples_masked)
{
    static const unsigned char b[] = {
        0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
        0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
        0x01, 0x83, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d,
        0x89, 0x82, 0, 0, 0, 0, 'p', 'i',
        0x80, 0x82, 0x37, 0xfa, 0x21, 0x3d, 'l' ^ 0x37, 'o' ^ 0xfa,
        0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xe8 ^ 2,
        0x81, 0x05, 'i', 'g', 'n', 'o', 'r',   /* after the close: ignored */
    };
    seen s;
    both_ways(b, sizeof b, &s);
    cr_assert_eq(s.n, 5);
    cr_assert_eq(s.ev[0], WSF_TEXT);
    cr_assert_str_eq(s.data[0], "Hello");
    cr_assert_eq(s.ev[1], WSF_PONG);
    cr_assert_str_eq(s.data[1], "Hello");
    cr_assert_eq(s.ev[2], WSF_PING);
    cr_assert_str_eq(s.data[2], "pi");
    cr_assert_eq(s.ev[3], WSF_TEXT);
    cr_assert_str_eq(s.data[3], "Hello");
    cr_assert_eq(s.ev[4], WSF_CLOSE);
    cr_assert_eq(s.code[4], 1000);
}

/* §5.7's unmasked examples (a text message, a fragmented one, a ping) are what a server sends: from a
 * client each is a 1002 at its second byte, before any payload */
Test(wsframe, rfc_examples_unmasked_from_a_client)
{
    static const unsigned char text[] = { 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f };
    static const unsigned char frag[] = { 0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f };
    static const unsigned char ping[] = { 0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f };
    const unsigned char *cases[] = { text, frag, ping };
    size_t lens[] = { sizeof text, sizeof frag, sizeof ping };
    for (int i = 0; i < 3; i++) {
        seen s;
        both_ways(cases[i], lens[i], &s);
        cr_assert_eq(s.n, 1, "case %d: one event", i);
        cr_assert_eq(s.ev[0], WSF_FAIL);
        cr_assert_eq(s.code[0], 1002);
        wsf_rx r = { .max_text = 1024 };
        const unsigned char *p = cases[i];
        wsf_out o;
        cr_assert_eq(wsf_feed(&r, &p, cases[i] + lens[i], &o), WSF_FAIL);
        cr_assert_eq(p, cases[i] + 2, "case %d: refused at the header's second byte", i);
        wsf_free(&r);
    }
}
