/* distance.c — the edit distance behind "did you mean" suggestions (lp_edit_distance in lazypipe.h):
 * hcl's keyword suggestion counts code points (agext/levenshtein), cobra's command suggestion counts
 * bytes; one Levenshtein serves both over the units decoded first. */
#include <lazypipe.h>

#include <stdint.h>
#include <utf8proc.h>

#define UNITS_MAX 64
#define TOO_FAR 99

/* s's units (bytes, or code points) into u; their count, or -1 past UNITS_MAX or on bad UTF-8 */
static int units(const char *s, size_t n, int code_points, int32_t *u)
{
    int k = 0;
    for (size_t i = 0; i < n; k++) {
        if (k == UNITS_MAX) return -1;
        if (!code_points) {
            u[k] = (unsigned char)s[i++];
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t len =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) return -1;
        u[k] = cp;
        i += (size_t)len;
    }
    return k;
}

size_t lp_edit_distance(const char *a, size_t na, const char *b, size_t nb, int code_points)
{
    int32_t ua[UNITS_MAX], ub[UNITS_MAX];
    int la = units(a, na, code_points, ua), lb = units(b, nb, code_points, ub);
    if (la < 0 || lb < 0) return TOO_FAR;
    size_t row[UNITS_MAX + 1];
    for (int j = 0; j <= lb; j++) row[j] = (size_t)j;
    for (int i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = (size_t)i;
        for (int j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (ua[i - 1] != ub[j - 1]);
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            if (up + 1 < best) best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}
