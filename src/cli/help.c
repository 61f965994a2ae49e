/* help.c — help texts generated from the tables of commands.c, and "did
 * you mean" suggestions. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Every exit status lazypipe's commands end with (cli.h's CLI_* codes and the server's), with the
 * meaning pipe-fittings' constants/exit_codes.go gives Powerpipe's codes, then where lazypipe uses it
 * (tests/test_cli.c checks that each code in the sources is here). */
static const char EXIT_STATUS[] =
    "Exit status:\n"
    "  0    success\n"
    "  1    the workspace or its inputs have errors (printed as \"error: ...\"), a dependency mod is\n"
    "       not installed, or the output could not be written; control and benchmark run: 1 or more\n"
    "       control alarms, no control errors\n"
    "  2    the command line is wrong (an unknown command, flag or output format, a malformed --var,\n"
    "       a missing or unexpected argument); control and benchmark run: 1 or more control errors\n"
    "  22   snapshot - upload failed: the --snapshot file could not be written\n"
    "  41   query - 1 or more queries failed (query run)\n"
    "  61   mod - init failed (mod init)\n"
    "  62   mod - install failed (mod install, update, uninstall; Powerpipe exits 0)\n"
    "  250  initialization failed: control, benchmark and detection run could run nothing (no\n"
    "       mod.pp, a target not found)\n"
    "  251  port binding failed (server: the port is taken)\n"
    "  253  file system access failed (control and benchmark run: a result file)\n"
    "  254  insufficient or wrong input (control and benchmark run: wrong flags)\n"
    "  255  unknown error: query run of a named query and dashboard run without mod.pp, a detection\n"
    "       run past its --detection-timeout, and other errors Powerpipe reports as unknown\n"
    "(22 and up are Powerpipe's codes, with the meanings of pipe-fittings' constants/exit_codes.go.)\n";

#define HELP_WIDTH 100
#define FLAG_COL 31

/* Text from column `col` on, wrapped at spaces to HELP_WIDTH. */
static void wrapped(FILE *f, const char *text, int col)
{
    int at = col;
    while (*text) {
        size_t word = strcspn(text, " ");
        if (at > col && at + 1 + (int)word > HELP_WIDTH) {
            fprintf(f, "\n%*s", col, "");
            at = col;
        } else if (at > col) {
            fputc(' ', f);
            at++;
        }
        fwrite(text, 1, word, f);
        at += (int)word;
        text += word;
        while (*text == ' ') text++;
    }
    fputc('\n', f);
}

static void print_flag(FILE *f, int id, const cli_command *c)
{
    const cli_flag *fl = &cli_flags[id];
    char left[64];
    char s = fl->short_name;
    snprintf(left, sizeof left, "%c%c%c --%s%s%s", s ? '-' : ' ', s ? s : ' ', s ? ',' : ' ', fl->name,
             fl->arg ? " " : "", fl->arg ? fl->arg : "");
    /* a flag too wide for its column gets its description on the next line, never run into it */
    if ((int)strlen(left) >= FLAG_COL - 3) fprintf(f, "  %s\n%*s", left, FLAG_COL, "");
    else fprintf(f, "  %-*s ", FLAG_COL - 3, left);
    if (id != F_OUTPUT) {
        wrapped(f, cli_flag_help(c, id), FLAG_COL);
        return;
    }
    if (c && !c->formats && c->format_note) {   /* the command's own formats */
        wrapped(f, c->format_note, FLAG_COL);
        return;
    }
    /* --output lists what this command can print */
    char text[256];
    int n = snprintf(text, sizeof text, "output format; one of:");
    int first = 1, dflt = -1;
    for (int k = 0; k < CLI_FMT__COUNT; k++)
        if (c && (c->formats & (1u << k))) {
            n += snprintf(text + n, sizeof text - (size_t)n, "%s %s", first ? "" : ",", cli_format_names[k]);
            if (dflt < 0) dflt = k;
            first = 0;
        }
    /* the running commands print what Powerpipe's do without --output (cmd_query_run.c, cmd_check.c,
     * cmd_dashboard_run.c); the others their first format */
    static const struct {
        const char *words;
        int format;
    } DEFAULTS[] = { { "query run", CLI_FMT_TABLE },
                     { "control run", CLI_FMT_TEXT },
                     { "benchmark run", CLI_FMT_TEXT },
                     { "dashboard run", CLI_FMT_SNAPSHOT },
                     { "detection run", CLI_FMT_TEXT } };
    for (size_t i = 0; c && i < sizeof DEFAULTS / sizeof *DEFAULTS; i++)
        if (strcmp(c->words, DEFAULTS[i].words) == 0) dflt = DEFAULTS[i].format;
    snprintf(text + n, sizeof text - (size_t)n, " (case-insensitive; default %s)",
             dflt >= 0 ? cli_format_names[dflt] : "none");
    wrapped(f, text, FLAG_COL);
}

/* The flags every command takes (c: the command whose help this is, NULL: lazypipe's own). */
static void print_global_flags(FILE *f, const cli_command *c)
{
    print_flag(f, F_HELP, c);
    print_flag(f, F_MOD_LOCATION, c);
    print_flag(f, F_CONFIG_PATH, c);
    print_flag(f, F_INSTALL_DIR, c);
    print_flag(f, F_WORKSPACE, c);
}

/* The first word of a command: its group ("dashboard") or the whole command ("payload"). */
static size_t first_word(const char *words, char *buf, size_t size)
{
    size_t n = strcspn(words, " ");
    if (n >= size) n = size - 1;
    memcpy(buf, words, n);
    buf[n] = '\0';
    return n;
}

void cli_help_root(FILE *f)
{
    fprintf(f, "lazypipe v%s: a Powerpipe workspace (a mod and its dependency mods) from a lazily "
               "built index\n\n"
               "Usage:\n  lazypipe [flags] COMMAND [flags] [args]\n\nCommands:\n",
            LP_VERSION);
    for (size_t i = 0; i < cli_ncommands; i++) {
        char left[64];
        const cli_command *c = &cli_commands[i];
        snprintf(left, sizeof left, "%s%s%s", c->words, c->args ? " " : "", c->args ? c->args : "");
        fprintf(f, "  %-18s ", left);
        wrapped(f, c->summary, 21);
    }
    fprintf(f, "  %-18s %s\n", "help [COMMAND]", "Help for lazypipe or a command (as COMMAND --help)");
    fprintf(f, "\nFlags:\n");
    print_global_flags(f, NULL);
    print_flag(f, F_VERSION, NULL);
    fprintf(f, "\nDiagnostics go to stderr as \"file:line:col: error: message\" (or \"warning:\").\n\n%s\n"
               "Run 'lazypipe COMMAND --help' for the flags of a command.\n",
            EXIT_STATUS);
}

void cli_help_group(FILE *f, const char *group)
{
    fprintf(f, "%s commands\n\nUsage:\n  lazypipe %s COMMAND [flags]\n\nCommands:\n", group, group);
    size_t gl = strlen(group);
    for (size_t i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        if (strncmp(c->words, group, gl) == 0 && c->words[gl] == ' ')
        {
            fprintf(f, "  %-10s ", c->words + gl + 1);
            wrapped(f, c->summary, 13);
        }
    }
    fprintf(f, "\nRun 'lazypipe %s COMMAND --help' for the flags of a command.\n\n%s", group, EXIT_STATUS);
}

void cli_help_command(FILE *f, const cli_command *c)
{
    fprintf(f, "%s\n", c->summary);
    cli_help_examples(f, c);
    fprintf(f, "\nUsage:\n  lazypipe %s [flags]%s%s\n", c->words, c->args ? " " : "", c->args ? c->args : "");
    if (c->flags) {
        fprintf(f, "\nFlags:\n");
        for (int id = 0; id < F__COUNT; id++)
            if ((c->flags & CLI_BIT(id)) && !cli_flags[id].refused) print_flag(f, id, c);
    }
    if (c->format_note && c->formats) fprintf(f, "\n(%s.)\n", c->format_note);
    fprintf(f, "\nGlobal flags:\n");
    print_global_flags(f, c);
    fprintf(f, "\n%s", EXIT_STATUS);
}

const char *cli_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;   /* cobra's default suggestion distance is 2 */
    for (size_t i = 0; i < n; i++) {
        size_t d = lp_edit_distance(word, strlen(word), candidates[i], strlen(candidates[i]), 0);
        if (word[0] && strncmp(candidates[i], word, strlen(word)) == 0) d = d < 1 ? d : 1;
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}

const char *cli_suggest_entry(const lp_workspace *ws, lp_kind kind, const char *name, char *out, size_t size)
{
    /* candidates written as the name was: NAME and TYPE.NAME are the current mod's, MOD.TYPE.NAME
     * any mod's */
    size_t dots = 0;
    for (const char *p = name; *p; p++) dots += *p == '.';
    lp_buf names = { 0 };
    size_t n = 0;
    for (uint32_t id = lp_next_of_kind(ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, kind, id)) {
        lp_entry_info e;
        if (lp_entry_get(ws, id, &e) != LP_OK || (dots < 2 && e.mod != 0)) continue;
        const char *type_dot = strchr(e.name, '.');
        lp_buf_puts(&names, dots >= 2 ? e.name : dots == 1 && type_dot ? type_dot + 1 : e.short_name);
        lp_buf_putc(&names, '\0');
        n++;
    }
    const char **v = n && !names.oom ? malloc(n * sizeof *v) : NULL;
    const char *best = NULL;
    if (v) {
        const char *p = names.data;
        for (size_t i = 0; i < n; i++, p += strlen(p) + 1) v[i] = p;
        best = cli_suggest(name, v, n);
    }
    out[0] = '\0';
    if (best && strcmp(best, name) != 0) snprintf(out, size, "; did you mean \"%s\"?", best);
    free(v);
    lp_buf_free(&names);
    return out;
}

size_t cli_command_groups(const char **out, size_t max)
{
    static char names[32][32];
    size_t n = 0;
    for (size_t i = 0; i < cli_ncommands && n < max && n < 32; i++) {
        char w[32];
        first_word(cli_commands[i].words, w, sizeof w);
        size_t k = 0;
        while (k < n && strcmp(names[k], w) != 0) k++;
        if (k == n) {
            memcpy(names[n], w, sizeof w);
            out[n] = names[n];
            n++;
        }
    }
    return n;
}
