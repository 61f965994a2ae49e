/* lazypipe.c — command-line entry: global options and command dispatch. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *words;            /* "parse", "dashboard list", ... */
    int (*run)(const cli_opts *o);
    const char *help;
} command;

static const command commands[] = {
    { "parse", cmd_parse, "parse [--output json] FILE...   print hcl2json's JSON for each file" },
    { "dashboard list", cmd_dashboard_list, "dashboard list [--output pretty|json]   dashboards of the workspace" },
    { "benchmark list", cmd_benchmark_list, "benchmark list [--output pretty|json]   benchmarks (pretty: top-level only)" },
    { "control list", cmd_control_list, "control list [--output pretty|json]     controls" },
    { "query list", cmd_query_list, "query list [--output pretty|json]       queries" },
    { "detection list", cmd_detection_list, "detection list [--output pretty|json]   detections" },
    { "variable list", cmd_variable_list, "variable list [--output json]           variables with their values and sources" },
    { "payload", cmd_payload, "payload                                 the available_dashboards message (JSON)" },
    { "index", cmd_index, "index                                   the index as a tree, with build figures" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: lazypipe [--mod-location DIR] [--output FMT] [--var n=v] [--var-file F] "
               "[--no-wait] COMMAND\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %s\n", commands[i].help);
}

void cli_print_diag(void *user, const lp_diag *d)
{
    (void)user;
    char line[2048];
    size_t n = lp_diag_format(d, line, sizeof line);
    if (n < sizeof line || n > INT_MAX) {
        fprintf(stderr, "%s\n", line);
        return;
    }
    /* a long path (or detail) must not cut off the message itself: format
     * again into a buffer of the length it wanted */
    lp_buf b = { 0 };
    lp_buf_printf(&b, "%*s", (int)n, "");
    if (!b.oom && b.len == n) lp_diag_format(d, b.data, n + 1);
    fprintf(stderr, "%s\n", b.oom || b.len != n ? line : b.data);
    lp_buf_free(&b);
}

int cli_write_stdout(const char *data, size_t len)
{
    if (len && fwrite(data, 1, len, stdout) != len) return 1;
    return fflush(stdout) != 0;
}

/* Options may appear anywhere; `--opt value` and `--opt=value` are both accepted. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] != '\0') return NULL;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

int main(int argc, char **argv)
{
    static char *positional[4096];
    cli_opts o = { .mod_location = ".", .args = positional };
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--no-wait") == 0) {
            o.no_wait = 1;
        } else if ((v = opt_value(argc, argv, &i, "--mod-location"))) {
            o.mod_location = v;
        } else if ((v = opt_value(argc, argv, &i, "--output"))) {
            o.output = v;
        } else if ((v = opt_value(argc, argv, &i, "--var-file"))) {
            if (o.nvar_files == CLI_MAX_VARS) { fprintf(stderr, "lazypipe: too many --var-file\n"); return 2; }
            o.var_files[o.nvar_files++] = v;
        } else if ((v = opt_value(argc, argv, &i, "--var"))) {
            if (o.nvars == CLI_MAX_VARS) { fprintf(stderr, "lazypipe: too many --var\n"); return 2; }
            o.vars[o.nvars++] = v;
        } else if (strncmp(argv[i], "--", 2) == 0 && argv[i][2] != '\0') {
            fprintf(stderr, "lazypipe: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        } else {
            if (npos == (int)(sizeof positional / sizeof positional[0])) {
                fprintf(stderr, "lazypipe: too many arguments\n");
                return 2;
            }
            positional[npos++] = argv[i];
        }
    }
    /* Match the longest command whose words start the positional arguments. */
    const command *best = NULL;
    int best_words = 0;
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        char words[64];
        snprintf(words, sizeof words, "%s", commands[c].words);
        int k = 0, ok = 1;
        for (char *w = strtok(words, " "); w; w = strtok(NULL, " "), k++)
            if (k >= npos || strcmp(positional[k], w) != 0) { ok = 0; break; }
        if (ok && k > best_words) { best = &commands[c]; best_words = k; }
    }
    if (!best) {
        usage(stderr);
        return 2;
    }
    o.args = positional + best_words;
    o.nargs = npos - best_words;
    return best->run(&o);
}
