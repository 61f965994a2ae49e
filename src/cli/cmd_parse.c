/* cmd_parse.c — `lazypipe parse [--output json] FILE...`
 *
 * One file: its hcl2json document on stdout.  Several files: one line per
 * file in hcl-oracle's own format, {"file":…,"ok":true,"json":…} or
 * {"file":…,"ok":false,"error":…,"stage":"parse"|"convert"|"read"}, where a
 * parse error message is hcl2json's "parse config: [FILE:L,C-EC: S; D …]".
 * Syntax errors also go to stderr as file:line:col: error: message.  Exit status 0
 * when every file converted, 1 otherwise, 2 for a usage error.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Collects hcl2json's rendering of the error list while printing each one. */
typedef struct diag_sink {
    lp_buf msg;
    int n;
} diag_sink;

static void sink_diag(void *user, const lp_diag *d)
{
    diag_sink *s = user;
    cli_print_diag(NULL, d);
    if (d->severity != LP_SEV_ERROR) return;
    if (s->n++) lp_buf_putc(&s->msg, ' ');
    if (d->line == d->end_line)
        lp_buf_printf(&s->msg, "%s:%u,%u-%u: %s; %s", d->file, d->line, d->col, d->end_col, d->summary,
                      d->detail);
    else
        lp_buf_printf(&s->msg, "%s:%u,%u-%u,%u: %s; %s", d->file, d->line, d->col, d->end_line, d->end_col,
                      d->summary, d->detail);
}

static void put_line(lp_buf *line, const char *file, int ok, const char *json, size_t jlen, const char *error,
                     const char *stage)
{
    lp_buf_puts(line, "{\"file\":");
    lp_json_cstr(line, file);
    if (ok) {
        lp_buf_puts(line, ",\"ok\":true,\"json\":");
        lp_buf_put(line, json, jlen);
    } else {
        lp_buf_puts(line, ",\"ok\":false,\"error\":");
        lp_json_cstr(line, error);
        lp_buf_puts(line, ",\"stage\":");
        lp_json_cstr(line, stage);
    }
    lp_buf_puts(line, "}\n");
}

int cmd_parse(const cli_opts *o)
{
    int status = 0;
    for (int i = 0; i < o->nargs; i++) {
        const char *path = o->args[i];
        lp_buf json = { 0 };
        diag_sink sink = { { 0 }, 0 };
        lp_error err = { 0, "" };
        int rc = lp_hcl_file_to_json(path, &json, sink_diag, &sink, &err);
        if (rc != LP_OK) status = 1;
        if (rc == LP_ERR_NOMEM) {
            cli_error("%s", err.message);
            lp_buf_free(&json);
            lp_buf_free(&sink.msg);
            return 1;
        }
        if (o->nargs == 1) {
            if (rc == LP_OK) {
                lp_buf_putc(&json, '\n');
                if (cli_write_stdout(json.data, json.len)) status = 1;
            } else if (rc == LP_ERR_CONVERT) {
                fprintf(stderr, "%s: error: %s\n", path, err.message);
            } else if (rc != LP_ERR_SYNTAX) {
                cli_error("%s", err.message);
            }
        } else {
            lp_buf line = { 0 };
            if (rc == LP_OK) {
                put_line(&line, path, 1, json.data, json.len, NULL, NULL);
            } else if (rc == LP_ERR_SYNTAX) {
                lp_buf m = { 0 };
                lp_buf_puts(&m, "parse config: [");
                if (sink.msg.len) lp_buf_put(&m, sink.msg.data, sink.msg.len);
                lp_buf_puts(&m, "]");
                put_line(&line, path, 0, NULL, 0, m.data, "parse");
                lp_buf_free(&m);
            } else {
                if (rc != LP_ERR_CONVERT) cli_error("%s", err.message);
                put_line(&line, path, 0, NULL, 0, err.message, rc == LP_ERR_CONVERT ? "convert" : "read");
            }
            if (line.oom || cli_write_stdout(line.data, line.len)) status = 1;
            lp_buf_free(&line);
        }
        lp_buf_free(&json);
        lp_buf_free(&sink.msg);
    }
    return status;
}
