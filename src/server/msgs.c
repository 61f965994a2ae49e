/* msgs.c — Powerpipe's dashboard server messages, compact and in Go
 * encoding/json's form (struct fields in declaration order, map keys sorted,
 * omitempty honoured), built from one pinned workspace version.
 *
 * execution_started is the library's (lp_run_started_json: written from the
 * run's own nodes); the run's events and execution_complete are built here
 * from its nodes. */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void srv_timestamp(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char frac[16] = "";
    if (ts.tv_nsec) {
        snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
        size_t n = strlen(frac);
        while (frac[n - 1] == '0') frac[--n] = '\0';
    }
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

static void mod_metadata(lp_buf *b, const lp_mod_info *m)
{
    lp_buf_putc(b, '{');
    if (m->title[0]) {
        lp_buf_puts(b, "\"title\":");
        lp_json_cstr(b, m->title);
        lp_buf_putc(b, ',');
    }
    lp_buf_puts(b, "\"full_name\":");
    lp_json_cstr(b, m->full_name);
    lp_buf_puts(b, ",\"short_name\":");
    lp_json_cstr(b, m->name);
    lp_buf_putc(b, '}');
}

/* Powerpipe's backend support flags (lp_run_backend_support).  supports_search_path stays false:
 * a client's search_path_prefix is not taken (the server's --search-path-prefix is), and a UI told
 * true shows a search path control that would change nothing. */
static void support_flags(lp_buf *out, unsigned support)
{
    lp_buf_puts(out, "\"supports_search_path\":");
    lp_buf_puts(out, support & LP_SUPPORTS_SEARCH_PATH ? "true" : "false");
    lp_buf_puts(out, ",\"supports_time_range\":");
    lp_buf_puts(out, support & LP_SUPPORTS_TIME_RANGE ? "true" : "false");
}

static int cmp_mod(const void *a, const void *b)
{
    return strcmp(((const lp_mod_info *)a)->full_name, ((const lp_mod_info *)b)->full_name);
}

void srv_server_metadata(const lp_workspace *ws, const char *cli_version, unsigned support,
                         const char *search_path, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"server_metadata\",\"metadata\":{");
    lp_mod_info main;
    uint32_t nmods = lp_mod_count(ws);
    if (nmods && lp_mod_get(ws, 0, &main) == LP_OK) {
        lp_buf_puts(out, "\"mod\":");
        mod_metadata(out, &main);
        lp_buf_putc(out, ',');
    }
    /* installed_mods: every other mod of the workspace's resources (the direct dependencies,
     * lp_mod_listed), keyed (sorted) by full name; omitted when none */
    lp_mod_info *deps = nmods > 1 ? calloc(nmods - 1, sizeof *deps) : NULL;
    uint32_t nd = 0;
    for (uint32_t m = 1; deps && m < nmods; m++)
        if (lp_mod_listed(ws, m) && lp_mod_get(ws, m, &deps[nd]) == LP_OK &&
            strcmp(deps[nd].full_name, main.full_name) != 0)
            nd++;
    if (nd) {
        qsort(deps, nd, sizeof *deps, cmp_mod);
        lp_buf_puts(out, "\"installed_mods\":{");
        for (uint32_t i = 0; i < nd; i++) {
            if (i && strcmp(deps[i].full_name, deps[i - 1].full_name) == 0) continue;
            if (i) lp_buf_putc(out, ',');
            lp_json_cstr(out, deps[i].full_name);
            lp_buf_putc(out, ':');
            mod_metadata(out, &deps[i]);
        }
        lp_buf_puts(out, "},");
    }
    free(deps);
    /* no telemetry, so no cloud */
    lp_buf_puts(out, "\"cli\":{\"version\":");
    lp_json_cstr(out, cli_version ? cli_version : LP_VERSION);
    lp_buf_puts(out, "},\"telemetry\":\"none\",\"search_path\":");
    lp_buf_puts(out, search_path ? search_path : "null");
    lp_buf_putc(out, ',');
    support_flags(out, support);
    lp_buf_puts(out, "}}");
}

void srv_execution_error(const char *error, const char *timestamp, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"execution_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

void srv_workspace_error(const char *error, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"workspace_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_putc(out, '}');
}

void srv_dashboard_metadata(unsigned support, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"dashboard_metadata\",\"metadata\":{");
    support_flags(out, support);
    lp_buf_puts(out, "}}");
}

static void count_errors(const lp_diag *d, const lp_diag **first, uint32_t *n)
{
    if (d->severity != LP_SEV_ERROR) return;
    if (!*first) *first = d;
    (*n)++;
}

void srv_workspace_errors(const lp_workspace *ws, char *buf, size_t size)
{
    const lp_diag *first = NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) count_errors(lp_diag_at(ws, i), &first, &n);
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++)
        count_errors(lp_resolve_diag_at(ws, i), &first, &n);
    buf[0] = '\0';
    if (!first) return;
    size_t len = lp_diag_format(first, buf, size);
    if (n > 1 && len < size) snprintf(buf + len, size - len, " (and %u more errors)", n - 1);
}

/* ------------------------------------------------------------ a run's messages */

/* LeafNodeUpdatedPayload: the panel as the run has it now (the library's snapshot panel) */
void srv_leaf_node_updated(const lp_run_node *n, const char *exec_id, const char *timestamp, lp_buf *out)
{
    lp_buf_puts(out, "{\"schema_version\":\"20240607\",\"action\":\"leaf_node_updated\",\"dashboard_node\":");
    if (lp_node_panel_json(n, out) != LP_OK) out->oom = 1;
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

void srv_control_event(const lp_run_node *n, const char *check_name, const srv_progress *pr,
                       const char *exec_id, const char *timestamp, lp_buf *out)
{
    int err = lp_node_get_state(n) == LP_NODE_ERROR;
    lp_buf_printf(out, "{\"action\":\"%s\",\"control\":", err ? "control_error" : "control_complete");
    if (lp_node_control_json(n, out) != LP_OK) out->oom = 1;
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, check_name);
    /* ControlProgress in its declaration order */
    lp_buf_printf(out, ",\"progress\":{\"total\":%u,\"pending\":%u,\"complete\":%u,\"error\":%u,"
                       "\"executing\":0,\"summary\":{\"alarm\":%u,\"ok\":%u,\"info\":%u,\"skip\":%u,"
                       "\"error\":%u}}",
                  pr->total, pr->total - pr->complete - pr->error, pr->complete, pr->error,
                  pr->summary[LP_RES_ALARM], pr->summary[LP_RES_OK], pr->summary[LP_RES_INFO],
                  pr->summary[LP_RES_SKIP], pr->summary[LP_RES_ERROR]);
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

uint32_t srv_control_count(const lp_run_node *n)
{
    uint32_t k = lp_node_get_type(n) == LP_NODE_CONTROL;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) k += srv_control_count(lp_node_child(n, i));
    return k;
}

void srv_execution_complete_head(lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"execution_complete\",\"schema_version\":\"20240607\",\"snapshot\":");
}

void srv_execution_complete_tail(const char *exec_id, lp_buf *out)
{
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_putc(out, '}');
}

void srv_execution_complete(const lp_run *lr, const char *exec_id, lp_buf *out)
{
    srv_execution_complete_head(out);
    if (lp_run_snapshot_json(lr, out) != LP_OK) out->oom = 1;
    srv_execution_complete_tail(exec_id, out);
}
