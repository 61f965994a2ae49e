/* cli.h — shared pieces of the lazypipe command-line tool.
 *
 * The CLI only calls the public header: every command is argument parsing and
 * output formatting around a library call.  Each command lives in its own
 * cmd_*.c file and is listed in the table in lazypipe.c.
 */
#ifndef LP_CLI_H
#define LP_CLI_H

#include <stddef.h>

#include "lazypipe.h"

#define CLI_MAX_VARS 256

typedef struct cli_opts {
    const char *mod_location;     /* --mod-location DIR (default ".") */
    const char *output;           /* --output FORMAT (NULL: the command's default) */
    const char *vars[CLI_MAX_VARS];       /* --var name=value, in order */
    int nvars;
    const char *var_files[CLI_MAX_VARS];  /* --var-file PATH, in order */
    int nvar_files;
    int no_wait;                  /* --no-wait */
    char **args;                  /* positional arguments after the command words */
    int nargs;
} cli_opts;

/* Print a diagnostic to stderr as "file:line:col: message". */
void cli_print_diag(void *user, const lp_diag *d);

typedef enum cli_open_mode {
    CLI_OPEN_WAIT,      /* wait for background resolution, print its diagnostics */
    CLI_OPEN_NO_WAIT,   /* --no-wait: serve what phase 1 knows */
    CLI_OPEN_PHASE1,    /* the index only: no background resolution at all */
} cli_open_mode;

/* Open --mod-location (made absolute) with --var/--var-file, diagnostics to
 * stderr.  0, or -1 after printing why it could not be opened. */
int cli_open_workspace(const cli_opts *o, cli_open_mode mode, lp_workspace **ws);

/* Commands that take no positional argument: 1 (after saying so) if one was given. */
int cli_reject_args(const cli_opts *o);

/* Write a buffer to stdout; returns 0 or 1 on a write error. */
int cli_write_stdout(const char *data, size_t len);

/* Commands: return the process exit status. */
int cmd_parse(const cli_opts *o);
int cmd_dashboard_list(const cli_opts *o);   /* cmd_list.c */
int cmd_benchmark_list(const cli_opts *o);
int cmd_control_list(const cli_opts *o);
int cmd_query_list(const cli_opts *o);
int cmd_detection_list(const cli_opts *o);
int cmd_payload(const cli_opts *o);
int cmd_index(const cli_opts *o);            /* cmd_index.c */
int cmd_variable_list(const cli_opts *o);   /* cmd_variable.c */

#endif
