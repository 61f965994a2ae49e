/* numlit.h — HCL number literals printed the way cty prints them.
 *
 * hclsyntax parses a number literal into a 512-bit big.Float, and converting
 * that number to a string (a tag value, a title, "${n}") prints the shortest
 * decimal that reads back to the same value, never in exponent form:
 * `10` -> "10", `1.50` -> "1.5", `1e3` -> "1000", `007` -> "7", `1.e5` ->
 * "100000", `2.5e-3` -> "0.0025".  For a literal with at most 153 significant
 * digits that decimal is the literal's own exact value (10^153 < 2^511, so two
 * such decimals never share a 512-bit float), which this module prints with
 * plain digit arithmetic.  Longer literals, or ones whose expansion would not
 * fit the caller's buffer, are reported so the caller can leave them to the
 * evaluator, which reads them as Go does with num_go_parse.  (Go's read
 * rounds twice only with a decimal exponent beyond 5^248, where its 576-bit
 * power of five is inexact, and then differs from one rounding only next to
 * a tie.)
 */
#ifndef LP_NUMLIT_H
#define LP_NUMLIT_H

#include <stddef.h>
#include <stdint.h>

#include <mpfr.h>

#define LP_NUMLIT_INVALID (-1)   /* not an HCL number literal */
#define LP_NUMLIT_INEXACT (-2)   /* valid, but not printable exactly here (digits or size) */
#define LP_NUMLIT_NOMEM (-3)

/* Print text[0..n) into out[0..cap) (NUL-terminated).  Returns the length, or
 * LP_NUMLIT_INVALID / LP_NUMLIT_INEXACT. */
int num_format(const char *text, size_t n, char *out, size_t cap);

/* The literal as an int32 when it is a whole number in range (0), else -1. */
int num_int32(const char *text, size_t n, int32_t *out);

/* x = s[0..n) read as Go's big.ParseFloat(s, 10, prec(x), ToNearestEven)
 * reads it (cty.ParseNumberVal at 512 bits), double rounding included: an
 * unsigned decimal, [digits] ['.' [digits]] [e [sign] digits].  0,
 * LP_NUMLIT_INVALID, or LP_NUMLIT_NOMEM.  Beyond MPFR's exponent range the
 * result is MPFR's overflow or underflow. */
int num_go_parse(const char *s, size_t n, mpfr_ptr x);

/* log(x), log2(x) and pow(x, y) on doubles, as C's (C99 Annex F's special values), correctly
 * rounded by MPFR: the library needs no libm, so that its programs map one shared library fewer
 * at start-up. */
double num_log(double x);
double num_log2(double x);
double num_pow(double x, double y);

#endif
