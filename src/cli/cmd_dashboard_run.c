/* cmd_dashboard_run.c — `lazypipe dashboard run NAME [--arg name=value]... [--input name=value]...
 * [--output snapshot|pps|none] [--export FILE.pps|pps|snapshot]...`
 *
 * Powerpipe's `dashboard run` (internal/cmd/dashboard.go): the dashboard's execution tree run to
 * completion (lp_run_start with LP_KIND_DASHBOARD), then its snapshot (lp_run_snapshot_json)
 * printed indented (snapshot, pps) and written to each --export file as Powerpipe's exporter writes
 * it (compact, without the panels' sql, source_definition and documentation).  --arg name=value gives an
 * input its value, as Powerpipe's does (the name may be written input.name); --input is the same.
 * An export that names a format (pps, snapshot, sps) goes to "<dashboard>.<time>.pps" in the
 * current directory, <dashboard> its full name ("mod.dashboard.name": GenerateSnapshot's FileNameRoot,
 * the root resource's Name()).  Exit status 0 once the snapshot is out (a panel's error is in it, as
 * in Powerpipe's); 1 when the dashboard cannot run (unknown, cannot be loaded, a workspace error
 * Powerpipe's parse would report, no driver for the database) or a file cannot be written; 2 for a
 * wrong command line.
 *
 * Memory: the panels' rows are not kept by the run (lp_run_opts.on_row) but appended to an
 * unlinked temporary file as they arrive, and the snapshot is written a piece at a time
 * (lp_run_snapshot_write), reading them back; so a 1M-row table costs what a chunk of its rows
 * costs, not the rows and two copies of the document.
 */
#include "cli.h"
#include "spool.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ the rows' spool */

/* The panels' rows in the CLI's spool (spool.h), a record per panel, read back a chunk at a time. */
typedef struct dash_spool {
    pthread_mutex_t lock;           /* the run's workers hand rows of several panels at once */
    cli_spool *sp;
    cli_status status;              /* the terminal's status line counts the rows as they come */
} dash_spool;

static int spool_row(void *user, const lp_run_node *n, const lp_db_cell *cells, uint32_t ncols)
{
    dash_spool *s = user;
    cli_status_rows(&s->status, 1);
    pthread_mutex_lock(&s->lock);
    cli_spool_put_row(s->sp, n, cells, ncols);
    int failed = cli_spool_failed(s->sp);
    pthread_mutex_unlock(&s->lock);
    return failed;
}

static void spool_event(void *user, const lp_run_event *ev)
{
    dash_spool *s = user;
    if (ev->type != LP_EV_NODE_COMPLETE) return;
    cli_status_node_done(&s->status, ev->node);
    pthread_mutex_lock(&s->lock);
    cli_spool_wrote(s->sp, ev->node, 1);
    pthread_mutex_unlock(&s->lock);
}

/* lp_rows_source.each_row: the panel's chunks read back one at a time, a row at a time */
static int spool_each_row(void *user, const lp_run_node *n, lp_row_emit_fn emit, void *ctx)
{
    dash_spool *s = user;
    if (!cli_spool_has(s->sp, n)) {   /* a `with` run's rows were kept (the panels below read them) */
        uint32_t nr = lp_node_row_count(n);
        for (uint32_t r = 0; r < nr; r++) {
            int rc = emit(ctx, lp_node_row(n, r), LP_RES_OK);
            if (rc) return rc;
        }
        return 0;
    }
    return cli_spool_each_row(s->sp, n, lp_node_column_count(n), emit, ctx);
}

static void spool_free(dash_spool *s)
{
    cli_spool_free(s->sp);
    pthread_mutex_destroy(&s->lock);
}

/* ------------------------------------------------------------------ the snapshot's writer */

/* The document indented (as cli_json_indent), or as written (compact), into a FILE, 64 KiB at a time */
typedef struct file_doc {
    FILE *f;
    lp_buf out;
    cli_indent indent;
    int compact;
    int failed;
} file_doc;

static int doc_flush(file_doc *d, int all)
{
    if (d->out.oom) d->failed = 1;
    if (!d->failed && d->out.len && (all || d->out.len >= (64u << 10))) {
        if (fwrite(d->out.data, 1, d->out.len, d->f) != d->out.len) d->failed = 1;
        d->out.len = 0;
    }
    return d->failed;
}

static int doc_piece(void *user, const char *data, size_t len)
{
    file_doc *d = user;
    if (d->compact) lp_buf_put(&d->out, data, len);
    else cli_json_indent_piece(&d->indent, &d->out, data, len);
    return doc_flush(d, 0);
}

/* The snapshot to f: indented (--output), or (an export) as Powerpipe's SnapshotExporter writes it,
 * AsStrippedJson(false): compact, its panels stripped.  LP_OK, the writer's error, or LP_ERR_IO (a
 * write failed) */
static int write_snapshot(lp_run *run, dash_spool *spool, FILE *f, int export)
{
    file_doc d = { .f = f, .compact = export };
    lp_rows_source rows = { .each_row = spool_each_row, .user = spool };
    lp_snapshot_opts so = { .form = LP_SNAPSHOT_SERVER, .rows = &rows, .write = doc_piece, .user = &d,
                            .strip = export };
    int rc = lp_run_snapshot_write(run, &so);
    if (rc == LP_OK) {
        if (!export) cli_json_indent_end(&d.indent, &d.out);
        lp_buf_putc(&d.out, '\n');
        if (doc_flush(&d, 1) || fflush(f) != 0) rc = LP_ERR_IO;
    }
    if (rc == LP_OK && cli_spool_failed(spool->sp)) rc = LP_ERR_IO;
    lp_buf_free(&d.out);
    return rc;
}

static int check_inputs(const cli_opts *o)
{
    for (int i = 0; i < o->nrun_args; i++) {
        const char *eq = strchr(o->run_args[i], '=');
        if (!eq || eq == o->run_args[i]) {
            cli_error(
                "the --arg argument '%s' is not correctly specified. It must be an input name and value "
                "separated an equals sign: --arg key=value",
                o->run_args[i]);
            return CLI_USAGE;
        }
        for (int j = 0; j < i; j++) {
            const char *eq2 = strchr(o->run_args[j], '=');
            if (eq2 - o->run_args[j] == eq - o->run_args[i] &&
                memcmp(o->run_args[j], o->run_args[i], (size_t)(eq - o->run_args[i])) == 0) {
                cli_error("the arg option '%.*s' is provided more than once", (int)(eq - o->run_args[i]),
                          o->run_args[i]);
                return CLI_USAGE;
            }
        }
    }
    return CLI_OK;
}

static int write_file(const char *path, lp_run *run, dash_spool *spool)
{
    lp_atomic_file *af;
    FILE *f = NULL;
    if (lp_atomic_file_open(path, 0, &af, NULL) != LP_OK || !(f = lp_atomic_file_stream(af))) {
        lp_atomic_file_abort(af);   /* NULL when it did not open */
        cli_error("failed to export snapshot: %s: %s", path, strerror(errno));
        return CLI_ERRORS;
    }
    int rc = write_snapshot(run, spool, f, 1);
    int bad = 0;
    if (rc == LP_OK) bad = lp_atomic_file_commit(af, NULL) != LP_OK;
    else lp_atomic_file_abort(af);   /* the previous file stays, not a partial one */
    if (rc == LP_ERR_NOMEM) {
        cli_error("out of memory writing the snapshot");
        return CLI_ERRORS;
    }
    if (rc != LP_OK || bad) {
        cli_error("failed to export snapshot: %s: write error", path);
        return CLI_ERRORS;
    }
    return CLI_OK;
}

/* An --export: a file name, or a format naming the file after the dashboard (its full name) and the
 * time. */
static int export_one(const char *arg, const char *dashboard, lp_run *run, dash_spool *spool, lp_buf *msgs)
{
    char path[4096];
    if (strcmp(arg, "pps") == 0 || strcmp(arg, "snapshot") == 0) {
        cli_export_name(path, sizeof path, dashboard, ".pps");
    } else {
        snprintf(path, sizeof path, "%s", arg);
    }
    int rc = write_file(path, run, spool);
    if (rc == CLI_OK) cli_export_said(msgs, path);
    return rc;
}

/* Powerpipe's ExitCodeUnknownErrorPanic: what its dashboard run exits with on an error it shows */

int cmd_dashboard_run(const cli_opts *o)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe dashboard run\" takes one NAME");
        return CLI_USAGE;
    }
    int rc = check_inputs(o);
    if (rc != CLI_OK) return rc;
    /* Powerpipe's dashboard exporter is the snapshot's only (dashboardExporters): its name, its
     * alias pps, or a file named *.pps; anything else is refused before running */
    int named = 0, unnamed = 0;
    for (int i = 0; i < o->nexports; i++) {
        const char *a = o->exports[i], *dot = strrchr(a, '.'), *slash = strrchr(a, '/');
        if (strcmp(a, "pps") == 0 || strcmp(a, "snapshot") == 0) unnamed = 1;
        else if (dot && (!slash || dot > slash) && strcmp(dot, ".pps") == 0) named = 1;
        else {
            cli_error("invalid export format: '%s' (dashboard run exports its snapshot: pps, or a file "
                      "named *.pps)", a);
            return CLI_USAGE;
        }
    }
    if (named && unnamed) {
        cli_error("combination of named and unnamed exports is not supported");
        return CLI_USAGE;
    }
    char snap_dir[4096];
    if ((rc = cli_snapshot_dir(o, snap_dir, sizeof snap_dir)) != 0) return rc;
    cli_register_drivers();
    lp_workspace *ws;
    /* without a mod: Powerpipe's no-mod error is not the one setExitCodeForDashboardError looks for */
    if (!cli_mod_found(o)) return cli_no_mod(o, CLI_EXIT_UNKNOWN_ERROR_PANIC);
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    /* the workspace's diagnostics are on stderr; one outside the dashboard does not stop it (our
     * index reports a nested block named as one in another dashboard, which Powerpipe runs), one in
     * it fails its load below */
    (void)cli_workspace_errors(ws, 1);
    lp_run_opts ro = cli_run_opts(o, ws);
    dash_spool spool = { .lock = PTHREAD_MUTEX_INITIALIZER };
    if (!(spool.sp = cli_spool_new())) {
        cli_error("could not create a temporary file for the rows: %s", strerror(errno));
        cli_close(ws);
        return CLI_ERRORS;
    }
    ro.on_row = spool_row;
    ro.on_event = spool_event;
    ro.user = &spool;
    const char *target = o->args[0];
    cli_status_start(&spool.status, o, target);   /* named as given, as Powerpipe's reporter */
    lp_run *run = NULL;
    lp_error err = { 0 };
    /* Ctrl-C: Powerpipe's GenerateSnapshot returns "context canceled", shown instead of the snapshot
     * (its unknown-error exit); TERM and HUP end the process by the signal, its statements cancelled */
    cli_signals_catch();
    if (lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &ro, &run, &err) != LP_OK) {
        cli_signals_release();
        cli_error("%s", err.message);
        spool_free(&spool);
        cli_close(ws);
        return CLI_ERRORS;
    }
    cli_wait_result waited = cli_run_wait_status(run, (int64_t)o->dashboard_timeout_s * 1000, &spool.status);
    if (waited == CLI_WAIT_SIGNAL) {
        cli_error("context canceled");
        lp_run_free(run);
        spool_free(&spool);
        cli_close(ws);
        cli_signal_finish(1);
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    cli_signals_release();
    if (waited == CLI_WAIT_TIMEOUT)   /* --dashboard-timeout: what had not finished is cancelled */
        cli_warning("the dashboard did not finish within --dashboard-timeout %d s", o->dashboard_timeout_s);
    lp_run_wait(run, -1);
    cli_spool_flush_all(spool.sp);
    const char *dashboard = lp_node_name(lp_node_child(lp_run_root(run), 0));
    if (o->format == CLI_FMT_SNAPSHOT || o->format == CLI_FMT_PPS) {
        int wrc = write_snapshot(run, &spool, stdout, 0);
        if (wrc != LP_OK) {
            cli_error(wrc == LP_ERR_NOMEM           ? "out of memory writing the snapshot"
                      : cli_spool_failed(spool.sp) ? "out of memory or temporary file space for the rows"
                                                   : "could not write the snapshot");
            rc = CLI_ERRORS;
        }
    }
    if (snap_dir[0] && rc == CLI_OK) {   /* publishSnapshotIfNeeded: after the output, before exports */
        char path[8192];
        cli_snapshot_path(snap_dir, dashboard, path, sizeof path);
        if (write_file(path, run, &spool) == CLI_OK) cli_snapshot_saved(o, path);
        else
            rc = CLI_EXIT_SNAPSHOT_UPLOAD_FAILED; /* publishSnapshotIfNeeded failed:
                                                     ExitCodeSnapshotUploadFailed */
    }
    lp_buf msgs = { 0 };   /* said once every export is written (dashboard.go: after DoExport) */
    for (int i = 0; i < o->nexports && rc == CLI_OK; i++)
        rc = export_one(o->exports[i], dashboard, run, &spool, &msgs);
    if (rc == CLI_OK && msgs.len && o->progress) printf("\n%s\n", msgs.data);
    lp_buf_free(&msgs);
    lp_run_free(run);
    spool_free(&spool);
    cli_close(ws);
    return rc;
}
