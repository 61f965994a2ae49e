/* cmd_dashboard_run.c — `lazypipe dashboard run NAME [--arg name=value]... [--input name=value]...
 * [--output snapshot|pps|none] [--export FILE.pps|pps|snapshot]...`
 *
 * Powerpipe's `dashboard run` (internal/cmd/dashboard.go): the dashboard's execution tree run to
 * completion (lp_run_start with LP_KIND_DASHBOARD), then its snapshot (lp_run_snapshot_json)
 * printed indented (snapshot, pps) and written to each --export file.  --arg name=value gives an
 * input its value, as Powerpipe's does (the name may be written input.name); --input is the same.
 * An export that names a format (pps, snapshot, sps) goes to "<dashboard>.<time>.pps" in the
 * current directory.  Exit status 0 once the snapshot is out (a panel's error is in it, as in
 * Powerpipe's); 1 when the dashboard cannot run (unknown, cannot be loaded, a workspace error
 * Powerpipe's parse would report, no driver for the database) or a file cannot be written; 2 for a
 * wrong command line.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

static int write_file(const char *path, const lp_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        cli_error("failed to export snapshot: %s: %s", path, strerror(errno));
        return CLI_ERRORS;
    }
    int bad = fwrite(b->data, 1, b->len, f) != b->len;
    bad |= fclose(f) != 0;
    if (bad) {
        cli_error("failed to export snapshot: %s: write error", path);
        return CLI_ERRORS;
    }
    return CLI_OK;
}

/* An --export: a file name, or a format naming the file after the dashboard and the time. */
static int export_one(const char *arg, const char *dashboard, const lp_buf *doc, int progress)
{
    char path[4096];
    if (strcmp(arg, "pps") == 0 || strcmp(arg, "snapshot") == 0) {
        const char *dot = strrchr(dashboard, '.');
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        snprintf(path, sizeof path, "%s.%04d%02d%02dT%02d%02d%02d.pps", dot ? dot + 1 : dashboard,
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    } else {
        snprintf(path, sizeof path, "%s", arg);
    }
    int rc = write_file(path, doc);
    if (rc == CLI_OK && progress) printf("\nFile exported to %s\n", path);
    return rc;
}

/* Powerpipe's ExitCodeUnknownErrorPanic: what its dashboard run exits with on an error it shows */
enum { DASH_UNKNOWN_ERROR = 255 };

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
    cli_register_drivers();
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    /* the workspace's diagnostics are on stderr; one outside the dashboard does not stop it (our
     * index reports a nested block named as one in another dashboard, which Powerpipe runs), one in
     * it fails its load below */
    (void)cli_workspace_errors(ws, 1);
    lp_run_opts ro = cli_run_opts(o);
    const char *target = o->args[0];
    lp_run *run = NULL;
    lp_error err = { 0 };
    /* Ctrl-C: Powerpipe's GenerateSnapshot returns "context canceled", shown instead of the snapshot
     * (its unknown-error exit); TERM and HUP end the process by the signal, its statements cancelled */
    cli_signals_catch();
    if (lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &ro, &run, &err) != LP_OK) {
        cli_signals_release();
        cli_error("%s", err.message);
        lp_close(ws);
        return CLI_ERRORS;
    }
    cli_wait_result waited = cli_run_wait(run, (int64_t)o->dashboard_timeout_s * 1000);
    if (waited == CLI_WAIT_SIGNAL) {
        cli_error("context canceled");
        lp_run_free(run);
        lp_close(ws);
        cli_signal_finish(1);
        return DASH_UNKNOWN_ERROR;
    }
    cli_signals_release();
    if (waited == CLI_WAIT_TIMEOUT)   /* --dashboard-timeout: what had not finished is cancelled */
        cli_warning("the dashboard did not finish within --dashboard-timeout %d s", o->dashboard_timeout_s);
    lp_run_wait(run, -1);
    lp_buf doc = { 0 };
    if (lp_run_snapshot_json(run, &doc) != LP_OK) {
        cli_error("out of memory writing the snapshot");
        rc = CLI_ERRORS;
    }
    const char *dashboard = lp_node_name(lp_node_child(lp_run_root(run), 0));
    lp_buf pretty = { 0 };
    if (rc == CLI_OK) {
        cli_json_indent(&pretty, doc.data, doc.len);
        lp_buf_putc(&pretty, '\n');
        if (pretty.oom) {
            cli_error("out of memory writing the snapshot");
            rc = CLI_ERRORS;
        }
    }
    if (rc == CLI_OK && (o->format == CLI_FMT_SNAPSHOT || o->format == CLI_FMT_PPS))
        if (cli_write_stdout(pretty.data, pretty.len)) rc = CLI_ERRORS;
    for (int i = 0; i < o->nexports && rc == CLI_OK; i++)
        rc = export_one(o->exports[i], dashboard, &pretty, o->progress);
    lp_buf_free(&pretty);
    lp_buf_free(&doc);
    lp_run_free(run);
    lp_close(ws);
    return rc;
}
