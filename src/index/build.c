/* build.c — small helpers shared by the stages of lp_open (see build.h). */
#include "index/build.h"
#include "base/mem.h"

#include <string.h>

#define CHUNK_MIN (64u * 1024u)
#define CHUNK_MAX (8u * 1024u * 1024u)

/* the next chunk about doubles what the arena holds */
static void grow_policy(ar_arena *a)
{
    size_t want = a->reserved < CHUNK_MIN ? CHUNK_MIN : a->reserved;
    a->chunk_size = want > CHUNK_MAX ? CHUNK_MAX : want;
}

void *build_alloc(ar_arena *a, size_t size)
{
    grow_policy(a);
    return ar_alloc(a, size);
}

char *build_strdup(ar_arena *a, const char *s, size_t n)
{
    grow_policy(a);
    return ar_strndup(a, s, n);
}

int build_diag_add(build_diags *d, ar_arena *a, uint32_t severity, const char *file,
                   uint32_t line, uint32_t col, const char *summary, const char *detail)
{
    if (d->n >= BUILD_MAX_DIAGS) {
        if (!d->nmore++) {
            d->more_at.file = build_strdup(a, file ? file : "", file ? strlen(file) : 0);
            d->more_at.line = d->more_at.end_line = line;
            d->more_at.col = d->more_at.end_col = col;
            if (!d->more_at.file) d->oom = 1;
        }
        d->nmore_err += severity == LP_SEV_ERROR;
        return 0;
    }
    build_diag *v = mem_room(d->v, d->n, &d->cap, sizeof *v, 32);
    if (!v) { d->oom = 1; return 0; }
    d->v = v;
    build_diag *g = &d->v[d->n];
    g->severity = severity;
    g->file = build_strdup(a, file ? file : "", file ? strlen(file) : 0);
    g->line = line;
    g->col = col;
    g->end_line = line;
    g->end_col = col;
    g->summary = build_strdup(a, summary ? summary : "", summary ? strlen(summary) : 0);
    g->detail = build_strdup(a, detail ? detail : "", detail ? strlen(detail) : 0);
    if (!g->file || !g->summary || !g->detail) { d->oom = 1; return 0; }
    d->n++;
    return 1;
}

void build_diags_free(build_diags *d)
{
    mem_free(d->v, (size_t)d->cap * sizeof *d->v);
    memset(d, 0, sizeof *d);
}
