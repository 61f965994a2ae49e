/* cmd_index.c — `lazypipe [--mod-location DIR] index [--output pretty|plain]`: the phase-1 index as a
 * tree, for people: mods, then every top-level dashboard and benchmark with
 * its children below it (nested panels with their generated names,
 * benchmark children; a child already on the path is marked, not
 * followed), then the entries nobody lists as a child, then build figures.
 * No background resolution (--no-wait is implied): it shows what the scan
 * alone knows, with `*` after a field still waiting for evaluation.  With
 * --index-cache DIR it opens through the persisted index (resolution
 * completes, fields are resolved) and its last line says whether the image
 * was reopened, patched (how many files scanned, what changed, whether the
 * stale image is kept) or rebuilt, and why. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void line(const lp_workspace *ws, uint32_t id, int depth, const char *mark)
{
    lp_entry_info e;
    lp_entry_get(ws, id, &e);
    const char *file = strrchr(e.file_name, '/');
    file = file ? file + 1 : e.file_name;
    printf("%*s%-10s %s", depth * 2, "", lp_kind_name(e.kind), e.name);
    if (e.title[0] || (e.unresolved & LP_UNRES_TITLE))
        printf("  \"%s\"%s", e.title, (e.unresolved & LP_UNRES_TITLE) ? "*" : "");
    if (e.tags.n || (e.unresolved & LP_UNRES_TAGS)) {
        printf("  {");
        for (uint32_t i = 0; i < e.tags.n; i++) {
            const char *k, *v;
            lp_tags_at(&e.tags, i, &k, &v);
            printf("%s%s=%s", i ? ", " : "", k, v);
        }
        printf("}%s", (e.unresolved & LP_UNRES_TAGS) ? "*" : "");
    }
    printf("  %s:%u-%u%s\n", file, e.start_line, e.end_line, mark);
}

/* path[0..depth) holds the entries above id */
static void tree(const lp_workspace *ws, uint32_t id, int depth, uint32_t *path)
{
    for (int i = 0; i < depth; i++)
        if (path[i] == id) {
            line(ws, id, depth + 1, "  (cycle)");
            return;
        }
    line(ws, id, depth + 1, "");
    if (depth >= 64) return;
    path[depth] = id;
    uint32_t n = lp_entry_child_name_count(ws, id);
    for (uint32_t i = 0, k = 0; i < n; i++) {
        uint32_t c = LP_NO_ENTRY;
        /* the i-th child name is the k-th existing child when it exists */
        const char *name = lp_entry_child_name(ws, id, i);
        if (k < lp_entry_child_count(ws, id)) {
            lp_entry_info ce;
            lp_entry_get(ws, lp_entry_child(ws, id, k), &ce);
            if (strcmp(ce.name, name) == 0) c = lp_entry_child(ws, id, k++);
        }
        if (c == LP_NO_ENTRY) printf("%*s%-10s %s  (missing)\n", (depth + 2) * 2, "", "?", name);
        else tree(ws, c, depth + 1, path);
    }
}

int cmd_index(const cli_opts *o)
{
    lp_workspace *ws;
    /* with --index-cache DIR the persisted index is used (and resolution
     * completes, so that an image is written): the tree then shows resolved
     * fields; without it, phase 1 alone as always */
    int cached = o->index_cache && !o->no_index_cache;
    if (cli_open_workspace(o, cached ? CLI_OPEN_WAIT : CLI_OPEN_PHASE1, &ws) != 0) return CLI_ERRORS;
    for (uint32_t m = 0; m < lp_mod_count(ws); m++) {
        lp_mod_info mi;
        lp_mod_get(ws, m, &mi);
        printf("%s %s \"%s\"  %s%s%s\n", m ? "dependency" : "mod", mi.full_name, mi.title, mi.root,
               mi.path[0] ? "  " : "", mi.path);
    }
    uint32_t *path = calloc(65, sizeof *path);
    printf("\ntop level:\n");
    for (uint32_t id = lp_next_top_level(ws, LP_NO_ENTRY); id != LP_NO_ENTRY; id = lp_next_top_level(ws, id))
        tree(ws, id, 0, path);
    printf("\nnot listed as a child:\n");
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (!e.is_top_level && lp_entry_parent_count(ws, id) == 0) tree(ws, id, 0, path);
    }
    free(path);
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    printf("\n%u mods, %u files (%llu bytes), %u entries, %u child links, %u diagnostics\n", s.mods, s.files,
           (unsigned long long)s.source_bytes, s.entries, s.child_edges, s.diagnostics);
    printf("index %llu bytes (%.1f per entry) + %u strings in %llu bytes; %llu allocation calls; "
           "built in %.2f ms on %u thread%s\n",
           (unsigned long long)s.index_bytes, s.entries ? (double)s.index_bytes / s.entries : 0.0, s.strings,
           (unsigned long long)s.string_bytes, (unsigned long long)s.alloc_calls, s.build_ns / 1e6, s.workers,
           s.workers == 1 ? "" : "s");
    /* what the index cache did, and why */
    if (!cached)
        printf("index cache: not used (phase 1 only; --index-cache DIR reopens or patches)\n");
    else if (s.reopened)
        printf("index cache: reopened (every input unchanged)\n");
    else if (s.patched) {
        lp_resolve_stats rs;
        lp_resolve_stats_get(ws, &rs);
        /* (a small edit's patch keeps the stale image, which each open patches again: workspace.c) */
        printf("index cache: %s; %u entries evaluated, %u carried over; %u of the image's file scans read; "
               "%s\n", s.index_cache_note, rs.evaluated, rs.carried, s.segments_read,
               lp_save_image_due(ws) ? "the image written anew" : "the stale image kept");
    }
    else
        printf("index cache: rebuilt (%s)\n", s.index_cache_note[0] ? s.index_cache_note : "no reason given");
    int rc = s.errors ? 1 : 0;
    cli_close(ws);
    fflush(stdout);
    return rc;
}
