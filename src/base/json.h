/* json.h — streaming JSON writer into an lp_buf (no DOM).
 *
 * Strings are escaped as Go's encoding/json does by default, because the
 * payloads must be byte-identical to Powerpipe's: '"' '\\' and control
 * characters escaped (\n \r \t short forms, others \u00XX), '<' '>' '&' and
 * U+2028/U+2029 as \u003c-style escapes, invalid UTF-8 replaced by U+FFFD,
 * other non-ASCII written raw.
 */
#ifndef LP_JSON_H
#define LP_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

int  js_reserve(lp_buf *b, size_t extra);  /* 0, or -1 (and b->oom) on OOM */
/* lp_buf_put/puts/putc/printf and lp_json_str/cstr are public: lazypipe.h */
void js_bool(lp_buf *b, int v);
void js_null(lp_buf *b);
/* Code point c (at most U+10FFFF) as UTF-8 into o[0..4); its length. */
size_t js_utf8(char *o, uint32_t c);
/* The four hex digits of a \uXXXX escape: s[0..4) (either case) into *out; 0, or -1 when one is not
 * a hex digit (s must hold 4 bytes).  The library's JSON readers' (the apps have lp_json_read_str). */
int js_hex4(const char *s, unsigned *out);
/* 1 when s[0..n) is one JSON value (RFC 8259, nesting to 512), else 0: a text that only looks like
 * JSON is not written into a document as if it were. */
int js_valid(const char *s, size_t n);

#endif
