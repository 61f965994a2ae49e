/* fuzz_lex.c — libFuzzer target for the HCL scanner (src/hcl/hcl_lex.rl).
 *
 * The input is a whole file.  libFuzzer hands over a buffer of exactly `size`
 * bytes, so any read past the end is an ASan report.  Beyond not crashing, the
 * token array must satisfy what the parser relies on; any violation aborts:
 *   - tokens are in order, never overlap, and only spaces and tabs (and a
 *     leading BOM) lie between them; the last one is a zero-width EOF at the end
 *     (or where the input was cut: nesting too deep, too many bad runs);
 *   - no token is empty but EOF, and every type is in range;
 *   - line = 1 + newlines before the token; on an all-ASCII line prefix the
 *     column is the byte distance from the line start (+1);
 *   - lexing the same input again gives the same tokens. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "hcl/hcl_lex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const uint8_t *src, size_t len, const hcl_tokens *t)
{
    if (t->n == 0) abort();
    uint32_t bom = (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    uint32_t pos = bom, line = 1, line_start = 0, scanned = 0;
    int ascii_line = 1;   /* bytes from line_start up to `scanned` are all ASCII */
    for (uint32_t i = 0; i < t->n; i++) {
        const hcl_token *k = &t->v[i];
        if (k->type >= HCL_TOK__COUNT) abort();
        if (k->off < pos || (size_t)k->off + k->len > len) abort();
        for (uint32_t b = pos; b < k->off; b++)
            if (src[b] != ' ' && src[b] != '\t') abort();
        if (k->len == 0 && k->type != HCL_TOK_EOF) abort();
        if ((k->type == HCL_TOK_EOF) != (i + 1 == t->n)) abort();
        /* line and column, recomputed from the bytes before the token */
        for (; scanned < k->off; scanned++) {
            if (src[scanned] == '\n') {
                line++;
                line_start = scanned + 1;
                ascii_line = 1;
            } else if (src[scanned] >= 0x80 && scanned >= bom) {
                ascii_line = 0;
            }
        }
        if (k->line != line) abort();
        if (ascii_line) {
            uint32_t from = line_start < bom ? bom : line_start;
            if (k->col != k->off - from + 1) abort();
        } else if (k->col < 1) {
            abort();
        }
        pos = k->off + k->len;
    }
    /* EOF at the end, or earlier where a too deep input was cut (hcl_tokens.deep) */
    if (t->v[t->n - 1].off != len && !t->deep && !t->bad) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ar_arena a;
    ar_init(&a, 0);
    hcl_tokens t1, t2;
    if (hcl_lex((const char *)data, size, &a, &t1) != 0) abort();
    check(data, size, &t1);
    ar_arena b;
    ar_init(&b, 4096);   /* a small chunk size exercises growth across chunks */
    if (hcl_lex((const char *)data, size, &b, &t2) != 0) abort();
    if (t1.n != t2.n || memcmp(t1.v, t2.v, (size_t)t1.n * sizeof *t1.v) != 0) abort();
    ar_free(&b);
    ar_free(&a);
    return 0;
}
