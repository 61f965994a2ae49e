/* input_prompt.c — `--input` (the run commands' default): the main mod's variables that have no
 * value are asked for on the terminal, then the workspace is opened again with the answers, as
 * Powerpipe's LoadWorkspacePromptingForVariables does (pipe-fittings workspace/load_workspace.go,
 * promptForMissingVariables; the prompt is inputvars.UIInput's, colours and all).  Not with
 * --input=false, nor when stdin is no terminal (a script's missing variable stays the error it
 * was, rather than reading the script's input); not for a dependency's variable, which Powerpipe
 * does not prompt for either.  Powerpipe writes the prompt to stdout; here it goes to stderr when
 * stdout is no terminal, so that a redirected output holds only the output. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_input_wanted(const cli_opts *o)
{
    return o->input && (o->cmd->flags & CLI_BIT(F_INPUT)) && isatty(STDIN_FILENO);
}

/* colorstring's [reset] and [bold], which UIInput's Colorize writes (its colours are not disabled) */
#define RESET "\033[0m"
#define BOLD "\033[1m"

/* One variable asked for on out: UIInput.Input's text; its answer, right-trimmed, in *line (malloc'd;
 * "" for an empty line, UIInput's empty default).  0, or -1 at the end of the input. */
static int ask(FILE *out, const char *name, const char *description, char **line)
{
    fprintf(out, RESET BOLD "%s" RESET "\n", name);
    if (description && *description) {
        for (const char *s = description; *s;) {   /* each line indented, as bufio.Scanner splits it */
            size_t n = strcspn(s, "\n");
            size_t m = n && s[n - 1] == '\r' ? n - 1 : n;
            fprintf(out, "  %.*s\n", (int)m, s);
            s += n + (s[n] == '\n');
        }
        fputc('\n', out);
    }
    fputs("  " BOLD "Enter a value:" RESET " ", out);
    fflush(out);
    size_t cap = 0;
    *line = NULL;
    ssize_t len = getline(line, &cap, stdin);
    if (len < 0) {
        free(*line);
        *line = NULL;
        return -1;
    }
    while (len > 0 && strchr(" \t\r\n\v\f", (*line)[len - 1])) (*line)[--len] = '\0';
    fputc('\n', out);
    fflush(out);
    return 0;
}

int cli_prompt_variables(const cli_opts *o, lp_workspace *ws, cli_prompted *got)
{
    memset(got, 0, sizeof *got);
    lp_mod_info main_mod;
    if (lp_mod_get(ws, 0, &main_mod) != LP_OK) return 0;
    /* the main mod's variables without a value; none asked for when a dependency's lacks one too */
    uint32_t missing[CLI_MAX_VARS];
    int nmissing = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_VARIABLE, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_VARIABLE, id)) {
        lp_value *v = NULL;
        if (lp_variable_value(ws, id, &v) != LP_OK) continue;
        int unset = lp_value_type_of(lp_value_get(v, "value")) == LP_VALUE_NULL &&
                    lp_value_type_of(lp_value_get(v, "value_default")) == LP_VALUE_NULL;
        const char *mod = lp_value_str(lp_value_get(v, "mod_name"), NULL);
        int ours = mod && strcmp(mod, main_mod.name) == 0;
        lp_value_free(v);
        if (unset && !ours) return 0;
        if (unset && nmissing < CLI_MAX_VARS) missing[nmissing++] = id;
    }
    if (!nmissing) return 0;
    if (o->nvars + nmissing > CLI_MAX_VARS) return 0;   /* no room: the error stays */
    FILE *out = isatty(STDOUT_FILENO) ? stdout : stderr;
    fputs("\nVariables defined with no value set.\n", out);
    got->opts = malloc(sizeof *got->opts);
    got->owned = calloc((size_t)nmissing, sizeof *got->owned);
    if (!got->opts || !got->owned) {
        cli_prompted_free(got);
        cli_error("out of memory");
        return -1;
    }
    *got->opts = *o;
    got->opts->input = 0;   /* asked once: the second open says what is still missing */
    got->opts->reopened = 1;
    for (int i = 0; i < nmissing; i++) {
        lp_value *v = NULL;
        if (lp_variable_value(ws, missing[i], &v) != LP_OK) continue;
        const char *name = lp_value_str(lp_value_get(v, "resource_name"), NULL);
        const char *description = lp_value_str(lp_value_get(v, "description"), NULL);
        char shown[512], *line = NULL;
        snprintf(shown, sizeof shown, "var.%s", name ? name : "");
        int rc = ask(out, shown, description, &line);
        if (rc == 0) {
            size_t n = strlen(shown) + strlen(line) + 2;
            char *arg = malloc(n);
            if (arg) {
                snprintf(arg, n, "%s=%s", shown + 4, line);
                got->owned[got->nowned++] = arg;
                got->opts->vars[got->opts->nvars++] = arg;
            }
        }
        free(line);
        lp_value_free(v);
        if (rc != 0) {   /* UIInput returns the read's error: Powerpipe shows it and fails */
            fputc('\n', out);
            cli_error("EOF");
            cli_prompted_free(got);
            return -1;
        }
    }
    return 1;
}

void cli_prompted_free(cli_prompted *got)
{
    for (int i = 0; i < got->nowned; i++) free(got->owned[i]);
    free(got->owned);
    free(got->opts);
    memset(got, 0, sizeof *got);
}
