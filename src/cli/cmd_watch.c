/* cmd_watch.c — `lazypipe watch`: open the workspace, then print one line
 * (--output json: one JSON object a line) per refresh that published a new
 * version: what changed, the new counts, the time it took (refresh_ms: from
 * the debounce's end to the version published; prepared_ms: the version's
 * build ahead while the debounce waited, 0 when none was used) and the new
 * diagnostics.  Ctrl-C (SIGINT) or SIGTERM ends it cleanly, exit status 0. */
#include "cli.h"

#include <signal.h>
#include <time.h>

typedef struct watch_out {
    cli_format fmt;
    lp_live *lv;
} watch_out;

static void counts(lp_live *lv, uint32_t *entries, uint32_t *diags)
{
    lp_workspace *ws = lp_live_acquire(lv);
    *entries = lp_entry_count(ws);
    *diags = lp_diag_count(ws) + lp_resolve_diag_count(ws);
    lp_live_release(lv, ws);
}

static void json_list(lp_buf *b, const char *key, const char *const *v, uint32_t n)
{
    lp_buf_printf(b, ",\"%s\":[", key);
    for (uint32_t i = 0; i < n; i++) {
        if (i) lp_buf_putc(b, ',');
        lp_json_cstr(b, v[i]);
    }
    lp_buf_putc(b, ']');
}

static void print_names(const char *what, const char *const *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) printf("  %s %s\n", what, v[i]);
}

static void on_change(void *user, const lp_changes *c)
{
    const watch_out *w = user;
    uint32_t entries, diags;
    counts(w->lv, &entries, &diags);
    if (w->fmt == CLI_FMT_JSON) {
        lp_buf b = { 0 };
        lp_buf_printf(&b, "{\"version\":%u,\"reason\":", c->version);
        lp_json_cstr(&b, c->reason ? c->reason : "");
        json_list(&b, "added", c->added, c->nadded);
        json_list(&b, "removed", c->removed, c->nremoved);
        json_list(&b, "modified", c->modified, c->nmodified);
        lp_buf_printf(&b, ",\"payload_changed\":%s,\"entries\":%u,\"diagnostics\":%u",
                      c->payload_changed ? "true" : "false", entries, diags);
        json_list(&b, "diagnostics_added", c->diags_added, c->ndiags_added);
        lp_buf_printf(&b,
                      ",\"diagnostics_cleared\":%u,\"check_ms\":%.3f,\"refresh_ms\":%.3f,"
                      "\"prepared_ms\":%.3f}\n",
                      c->ndiags_cleared, c->check_ns / 1e6, c->total_ns / 1e6, c->prepared_ns / 1e6);
        if (!b.oom) cli_write_stdout(b.data, b.len);
        lp_buf_free(&b);
    } else {
        time_t t = time(NULL);
        struct tm tm;
        char when[16];
        strftime(when, sizeof when, "%H:%M:%S", localtime_r(&t, &tm));
        char ahead[48] = "";
        if (c->prepared_ns) snprintf(ahead, sizeof ahead, "; built ahead in %.1f ms", c->prepared_ns / 1e6);
        printf("%s version %u: %s changed: %u added, %u removed, %u modified%s; %u entries, %u diagnostics; "
               "%.1f ms (check %.1f ms%s)\n",
               when, c->version, c->reason ? c->reason : "an input", c->nadded, c->nremoved, c->nmodified,
               c->payload_changed ? "; dashboards payload changed" : "", entries, diags, c->total_ns / 1e6,
               c->check_ns / 1e6, ahead);
        print_names("+", c->added, c->nadded);
        print_names("-", c->removed, c->nremoved);
        print_names("~", c->modified, c->nmodified);
        for (uint32_t i = 0; i < c->ndiags_added; i++) printf("  new: %s\n", c->diags_added[i]);
        if (c->ndiags_cleared) printf("  %u diagnostic(s) cleared\n", c->ndiags_cleared);
    }
    fflush(stdout);
}

int cmd_watch(const cli_opts *o)
{
    /* the signals wait for sigwait below: blocked before any thread starts */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    lp_live *lv;
    if (cli_open_live(o, &lv) != 0) return CLI_ERRORS;
    lp_workspace *ws = lp_live_acquire(lv);
    lp_wait_resolved(ws, -1);
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++) cli_print_diag(NULL, lp_resolve_diag_at(ws, i));
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    uint32_t entries = lp_entry_count(ws), diags = lp_diag_count(ws) + lp_resolve_diag_count(ws);
    if (o->format == CLI_FMT_JSON) {
        lp_buf b = { 0 };
        lp_buf_printf(&b, "{\"version\":1,\"dir\":");
        lp_json_cstr(&b, lp_workspace_dir(ws));
        lp_buf_printf(&b, ",\"entries\":%u,\"diagnostics\":%u,\"reopened\":%s,\"open_ms\":%.3f}\n", entries,
                      diags, st.reopened ? "true" : "false", st.build_ns / 1e6);
        if (!b.oom) cli_write_stdout(b.data, b.len);
        lp_buf_free(&b);
    } else {
        printf("watching %s: version 1, %u entries, %u diagnostics (%s in %.1f ms); Ctrl-C to stop\n",
               lp_workspace_dir(ws), entries, diags, st.reopened ? "reopened from the index cache" : "built",
               st.build_ns / 1e6);
    }
    fflush(stdout);
    lp_live_release(lv, ws);
    watch_out w = { o->format, lv };
    lp_error err;
    if (lp_watch_start(lv, on_change, &w, &err) != LP_OK) {
        cli_error("%s", err.message);
        lp_live_close(lv);
        return CLI_ERRORS;
    }
    if (*lp_watch_warning(lv)) cli_warning("%s", lp_watch_warning(lv));
    int sig = 0;
    sigwait(&sigs, &sig);
    lp_live_close(lv);   /* stops the watcher first */
    return 0;
}
