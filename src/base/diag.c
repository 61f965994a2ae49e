/* diag.c — formatting of diagnostics (the one shape every tool prints). */
#include "lazypipe.h"

#include <stdio.h>

size_t lp_diag_format(const lp_diag *d, char *buf, size_t size)
{
    const char *file = d->file ? d->file : "";
    const char *detail = d->detail ? d->detail : "";
    const char *sep = detail[0] ? "; " : "";
    int n;
    if (d->line)
        n = snprintf(buf, size, "%s:%u:%u: %s%s%s", file, d->line, d->col, d->summary, sep, detail);
    else if (file[0])
        n = snprintf(buf, size, "%s: %s%s%s", file, d->summary, sep, detail);
    else
        n = snprintf(buf, size, "%s%s%s", d->summary, sep, detail);
    return n < 0 ? 0 : (size_t)n;
}
