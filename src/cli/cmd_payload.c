/* cmd_payload.c — `lazypipe payload`: Powerpipe's available_dashboards
 * message, compact and byte for byte as its server sends it (so no other
 * --output than json).  Exit status 0, or 1 when the workspace could not be
 * opened or has error diagnostics (the message is still printed). */
#include "cli.h"

int cmd_payload(const cli_opts *o)
{
    lp_workspace *ws;
    if (cli_open_workspace(o, o->no_wait ? CLI_OPEN_NO_WAIT : CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = cli_workspace_errors(ws, !o->no_wait);
    lp_buf b = { 0 };
    int lrc = lp_available_dashboards_json(ws, &b);
    if (lrc != LP_OK || b.oom) {
        cli_error("%s", lrc == LP_ERR_ARG ? "hierarchy too large to expand" : "out of memory");
        rc = CLI_ERRORS;
    } else {
        lp_buf_putc(&b, '\n');
        if (b.oom || cli_write_stdout(b.data, b.len)) rc = CLI_ERRORS;
    }
    lp_buf_free(&b);
    cli_close(ws);
    return rc;
}
