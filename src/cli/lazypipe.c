/* lazypipe.c — command-line entry: flags (getopt_long over the table in
 * commands.c), the command they name, and the checks every command shares.
 * Flags may come before or after the command words, as with Powerpipe. */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Commands a Powerpipe or Steampipe user may type that lazypipe does not have: said why, rather
 * than called unknown words. */
static const struct {
    const char *word, *why;
} NOT_PROVIDED[] = {
    { "login", "\"login\" is Powerpipe's login to Turbot Pipes (a browser sign-in whose token lets "
               "--share and --snapshot upload to a Pipes workspace); lazypipe talks to no Turbot Pipes "
               "host, so it has no login: --snapshot --snapshot-location DIR or --export pps keeps a "
               "run's snapshot in a local file instead" },
    { "check", "\"check\" is Steampipe's command for running controls; Powerpipe's, which lazypipe has, "
               "are 'benchmark run' and 'control run'" },
};

static int usage_error(const char *help_for)
{
    fprintf(stderr, "Run 'lazypipe %s--help' for usage.\n", help_for);
    return CLI_USAGE;
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0) return 1;
    return 0;
}

static const cli_command *find_command(const char *words)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].words, words) == 0) return &cli_commands[i];
    return NULL;
}

/* Words "a" or "a b" naming a command or a group: *cmd and the number of
 * words used, or a usage error printed (return CLI_USAGE).  Only a group:
 * *cmd NULL, *group set. */
static int resolve(char **pos, int npos, const cli_command **cmd, const char **group, int *used)
{
    const char *groups[32];
    size_t ng = cli_command_groups(groups, 32);
    *cmd = NULL;
    *group = NULL;
    char two[128];
    /* "cache clear" before "cache": a command may also lead a group */
    if (npos >= 2 && (size_t)snprintf(two, sizeof two, "%s %s", pos[0], pos[1]) < sizeof two &&
        (*cmd = find_command(two))) {
        *used = 2;
        return 0;
    }
    if ((*cmd = find_command(pos[0]))) {
        *used = 1;
        return 0;
    }
    if (!in_list(pos[0], groups, ng)) {
        for (size_t i = 0; i < sizeof NOT_PROVIDED / sizeof *NOT_PROVIDED; i++)
            if (strcmp(pos[0], NOT_PROVIDED[i].word) == 0) {
                cli_error("%s", NOT_PROVIDED[i].why);
                return usage_error("");
            }
        const char *s = cli_suggest(pos[0], groups, ng);
        if (s) cli_error("unknown command \"%s\" for \"lazypipe\"; did you mean \"%s\"?", pos[0], s);
        else cli_error("unknown command \"%s\" for \"lazypipe\"", pos[0]);
        return usage_error("");
    }
    *group = pos[0];
    *used = 1;
    if (npos < 2) return 0;
    char words[128];
    snprintf(words, sizeof words, "%s %s", pos[0], pos[1]);
    if ((*cmd = find_command(words))) {
        *used = 2;
        return 0;
    }
    if (npos >= 3) {   /* "dashboard card show" */
        char three[192];
        snprintf(three, sizeof three, "%s %s", words, pos[2]);
        if ((*cmd = find_command(three))) {
            *used = 3;
            return 0;
        }
    }
    const char *verbs[16];
    size_t nv = 0, gl = strlen(pos[0]);
    for (size_t i = 0; i < cli_ncommands && nv < 16; i++)
        if (strncmp(cli_commands[i].words, pos[0], gl) == 0 && cli_commands[i].words[gl] == ' ')
            verbs[nv++] = cli_commands[i].words + gl + 1;
    const char *s = cli_suggest(pos[1], verbs, nv);
    if (s) cli_error("unknown command \"%s\" for \"lazypipe %s\"; did you mean \"%s\"?", pos[1], pos[0], s);
    else cli_error("unknown command \"%s\" for \"lazypipe %s\"", pos[1], pos[0]);
    return usage_error("");
}

/* 0 and *out for a format the command prints; 1 for no format's name; CLI_USAGE (said) for
 * another command's format. */
static int lookup_format(const char *value, const cli_command *c, cli_format *out)
{
    for (int k = 0; k < CLI_FMT__COUNT; k++)
        if (strcasecmp(value, cli_format_names[k]) == 0) {
            if (!(c->formats & (1u << k))) {
                cli_error("\"lazypipe %s\" cannot print --output %s: %s", c->words, cli_format_names[k],
                          c->format_note ? c->format_note : "not supported");
                return CLI_USAGE;
            }
            *out = (cli_format)k;
            return 0;
        }
    return 1;
}

int cli_format_unknown(const char *value, const cli_command *c)
{
    char lower[32];
    size_t n = strlen(value) < sizeof lower - 1 ? strlen(value) : sizeof lower - 1;
    for (size_t i = 0; i < n; i++) lower[i] = (char)tolower((unsigned char)value[i]);
    lower[n] = '\0';
    const char *names[CLI_FMT__COUNT];
    size_t nn = 0;
    char list[256];
    size_t ll = 0;
    list[0] = '\0';
    for (int k = 0; k < CLI_FMT__COUNT; k++)
        if (c->formats & (1u << k)) {
            names[nn++] = cli_format_names[k];
            ll += (size_t)snprintf(list + ll, sizeof list - ll, "%s%s", ll ? ", " : "", cli_format_names[k]);
        }
    const char *s = cli_suggest(lower, names, nn);
    cli_error("invalid argument \"%s\" for \"--output\": one of %s%s%s%s", value, list,
              s ? "; did you mean \"" : "", s ? s : "", s ? "\"?" : "");
    return CLI_USAGE;
}

static int parse_format(const char *value, cli_opts *o, const cli_command *c, cli_format *out)
{
    int rc = lookup_format(value, c, out);
    if (rc != 1) return rc;
    /* check and detection runs also print a custom template's format (export_tmpl.h): theirs to
     * resolve against the install dir's templates */
    if (c->formats & (1u << CLI_FMT_TEXT)) {
        o->output_template = value;
        return 0;
    }
    return cli_format_unknown(value, c);
}

/* The long option the user typed, for messages: "--name" from "--name=value". */
static void typed_flag(const char *arg, char *buf, size_t size)
{
    size_t n = strcspn(arg, "=");
    if (n >= size) n = size - 1;
    memcpy(buf, arg, n);
    buf[n] = '\0';
}

static int unknown_flag(const char *arg, int short_opt)
{
    if (short_opt) {
        cli_error("unknown shorthand flag: '%c' in -%c%s", short_opt, short_opt,
                  short_opt == 'o' ? " (--output has no short form, as in Powerpipe)" : "");
        return usage_error("");
    }
    char name[128];
    typed_flag(arg, name, sizeof name);
    const char *names[F__COUNT];
    for (int i = 0; i < F__COUNT; i++) names[i] = cli_flags[i].name;
    const char *s = name[0] == '-' && name[1] == '-' ? cli_suggest(name + 2, names, F__COUNT) : NULL;
    if (s) cli_error("unknown flag: %s; did you mean \"--%s\"?", name, s);
    else cli_error("unknown flag: %s", name);
    return usage_error("");
}

/* The options before any flag: Powerpipe's defaults. */
static void default_opts(cli_opts *o)
{
    o->mod_location = ".";
    o->header = 1;
    o->progress = 1;
    o->share_results_s = -1;
    o->prune = 1;
    o->mod_install = 1;
}

/* cobra takes a long flag by its exact name only; getopt_long would take a unique prefix
 * (--share for --share-results), so every long flag is checked first: 0, or a usage error. */
static int check_exact_flags(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) break;
        if (a[0] != '-' || a[1] != '-') continue;
        size_t n = strcspn(a + 2, "=");
        int found = -1;
        for (int f = 0; f < F__COUNT && found < 0; f++)
            if (strlen(cli_flags[f].name) == n && strncmp(cli_flags[f].name, a + 2, n) == 0) found = f;
        if (found < 0) return unknown_flag(a, 0);
        if (cli_flags[found].arg && !a[2 + n]) i++;   /* its value is the next word */
    }
    return 0;
}

/* One more value of a repeatable flag (--var, --arg, ...) into list[*n]: 0 or CLI_USAGE. */
static int append_value(const char **list, int *n, int id, const char *value)
{
    if (*n == CLI_MAX_VARS) {
        cli_error("too many --%s flags", cli_flags[id].name);
        return CLI_USAGE;
    }
    list[(*n)++] = value;
    return 0;
}

/* A boolean flag's optional value (--prune=false): 1 or 0, or -1 after a usage error. */
static int bool_value(int id, const char *value)
{
    if (!value || strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0) return 1;
    if (strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0) return 0;
    cli_error("invalid argument \"%s\" for \"--%s\": true or false is expected", value, cli_flags[id].name);
    usage_error("");
    return -1;
}

/* Flag id with its value (NULL when it takes none) into o: 0 or CLI_USAGE. */
static int set_flag(cli_opts *o, int id, const char *value)
{
    switch (id) {
    case F_NO_WAIT: o->no_wait = 1; return 0;
    case F_INDEX_CACHE: o->index_cache = value; return 0;
    case F_NO_INDEX_CACHE: o->no_index_cache = 1; return 0;
    case F_INDEX_CACHE_MAX: o->index_cache_max = value; return 0;
    case F_UI_DIR: o->ui_dir = value; return 0;
    case F_TOKEN: o->token = value; return 0;
    case F_WHERE: o->where = value; return 0;
    case F_PULL: o->pull = value; return 0;
    case F_ALLOW_HOST: return append_value(o->allow_hosts, &o->nallow_hosts, id, value);
    case F_VAR: return append_value(o->vars, &o->nvars, id, value);
    case F_VAR_FILE: return append_value(o->var_files, &o->nvar_files, id, value);
    case F_ARG: return append_value(o->run_args, &o->nrun_args, id, value);
    case F_TAG: return append_value(o->tags, &o->ntags, id, value);
    case F_EXPORT: return append_value(o->exports, &o->nexports, id, value);
    case F_SNAPSHOT_TAG: {   /* validateSnapshotTags: KEY=VALUE, one '=' (checked with --snapshot) */
        const char *eq = strchr(value, '=');
        if ((!eq || strchr(eq + 1, '=')) && !o->bad_snapshot_tag) o->bad_snapshot_tag = value;
        return 0;
    }
    case F_SHARE_RESULTS: {
        long v;
        if (cli_parse_long(value, 0, 1000000, &v) != 0) {
            cli_error("invalid argument \"%s\" for \"--%s\": a whole number is expected", value,
                      cli_flags[id].name);
            return usage_error("");
        }
        o->share_results_s = (int)v;
        o->flag_values[id] = value;
        return 0;
    }
    case F_SNAPSHOT:
    case F_DRY_RUN:
    case F_PRUNE:
    case F_FORCE:
    case F_MOD_INSTALL: {
        int v = bool_value(id, value);
        if (v < 0) return CLI_USAGE;
        if (id == F_SNAPSHOT) o->snapshot = v;
        else if (id == F_DRY_RUN) o->dry_run = v;
        else if (id == F_PRUNE) o->prune = v;
        else if (id == F_FORCE) o->force = v;
        else o->mod_install = v;
        return 0;
    }
    /* the settings: resolved with the environment and the workspace profiles (config.c) */
    default: o->flag_values[id] = value ? value : cli_flags[id].optional_value ? "true" : ""; return 0;
    }
}

/* Every flag of argv into o (--output's value into *output), the flags given into *seen: 0 or
 * CLI_USAGE.  optind is then the first command word. */
static int parse_flags(int argc, char **argv, cli_opts *o, uint64_t *seen, const char **output)
{
    int rc = check_exact_flags(argc, argv);
    if (rc != 0) return rc;
    struct option longopts[F__COUNT + 1];
    for (int i = 0; i < F__COUNT; i++)
        longopts[i] = (struct option){ cli_flags[i].name,
                                       cli_flags[i].arg ? required_argument
                                       : cli_flags[i].optional_value ? optional_argument : no_argument,
                                       NULL, 256 + i };
    longopts[F__COUNT] = (struct option){ 0, 0, 0, 0 };
    opterr = 0;   /* our own messages, with suggestions */
    int c;
    while ((c = getopt_long(argc, argv, ":hv", longopts, NULL)) != -1) {
        int id = c == 'h' ? F_HELP : c == 'v' ? F_VERSION : c >= 256 ? c - 256 : -1;
        if (c == ':') {
            char name[128];
            typed_flag(argv[optind - 1], name, sizeof name);
            cli_error("flag needs an argument: %s", name);
            return usage_error("");
        }
        if (id < 0) return unknown_flag(argv[optind - 1], optopt);
        *seen |= CLI_BIT(id);
        if (cli_flags[id].refused) {
            cli_error("lazypipe does not support --%s: %s", cli_flags[id].name, cli_flags[id].refused);
            return usage_error("");
        }
        if (id == F_OUTPUT) *output = optarg;
        else if ((rc = set_flag(o, id, optarg)) != 0) return rc;
    }
    return 0;
}

/* `lazypipe` with flags and no command: --version, or the root help, or a usage error. */
static int no_command(uint64_t seen)
{
    if (seen & CLI_BIT(F_VERSION) && !(seen & CLI_BIT(F_HELP))) {
        printf("lazypipe v%s\n", LP_VERSION);
        return 0;
    }
    if (seen & ~(CLI_BIT(F_HELP) | CLI_BIT(F_VERSION) | CLI_GLOBAL_FLAGS)) {
        cli_error("no command given");
        return usage_error("");
    }
    cli_help_root(stdout);
    return 0;
}

/* The command's flags, --output and arguments checked into o (its args after the command's
 * words): 0 or CLI_USAGE. */
static int check_command(cli_opts *o, const cli_command *cmd, uint64_t seen, const char *output, char **args,
                         int nargs)
{
    char help_for[160];
    snprintf(help_for, sizeof help_for, "%s ", cmd->words);
    uint64_t extra = seen & ~(CLI_GLOBAL_FLAGS | cmd->flags);
    for (int id = 0; id < F__COUNT; id++)
        if (extra & CLI_BIT(id)) {
            cli_error("unknown flag: --%s for \"lazypipe %s\"", cli_flags[id].name, cmd->words);
            return usage_error(help_for);
        }
    o->cmd = cmd;
    for (int k = 0; k < CLI_FMT__COUNT; k++)
        if (cmd->formats & (1u << k)) {
            o->format = (cli_format)k;
            break;
        }
    if (output && parse_format(output, o, cmd, &o->format) != 0) return usage_error(help_for);
    o->output_given = output != NULL;
    o->args = args;
    o->nargs = nargs;
    if (!cmd->args && o->nargs > 0) {
        cli_error("\"lazypipe %s\" takes no arguments; got \"%s\"", cmd->words, o->args[0]);
        return usage_error(help_for);
    }
    if (cmd->args && cmd->args[0] != '[' && o->nargs == 0) {   /* "[MOD...]": optional */
        cli_error("\"lazypipe %s\" needs %s", cmd->words, cmd->args);
        return usage_error(help_for);
    }
    return 0;
}

int main(int argc, char **argv)
{
    static cli_opts o;
    /* stdout's buffer in our data rather than the heap, where mimalloc readies four 4 KiB blocks at
     * once for it: four page faults, 0.1-0.3 ms of every command on the bench machine */
    static char out_buf[BUFSIZ];
    setvbuf(stdout, out_buf, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, sizeof out_buf);
    default_opts(&o);
    /* a file size limit (ulimit -f) is an error on the write past it (EFBIG: "the output could not
     * be written"), not the end of the process; the library writes no image past it either */
    signal(SIGXFSZ, SIG_IGN);
    uint64_t seen = 0;
    const char *output = NULL;
    int rc = parse_flags(argc, argv, &o, &seen, &output);
    if (rc != 0) return rc;
    char **pos = argv + optind;
    int npos = argc - optind;
    if (npos > 0 && strcmp(pos[0], "help") == 0) {
        pos++;
        npos--;
        seen |= CLI_BIT(F_HELP);
    }
    if (npos == 0) return no_command(seen);
    const cli_command *cmd;
    const char *group;
    int used;
    if (resolve(pos, npos, &cmd, &group, &used) != 0) return CLI_USAGE;
    if (!cmd) {
        /* a group alone shows its commands, as Powerpipe does */
        cli_help_group(stdout, group);
        return 0;
    }
    if (seen & CLI_BIT(F_HELP)) {
        cli_help_command(stdout, cmd);
        return 0;
    }
    o.argv = argv;
    if ((rc = check_command(&o, cmd, seen, output, pos + used, npos - used)) != 0) return rc;
    if ((rc = cli_config_resolve(&o)) != 0) return rc;
    /* Powerpipe's run commands and server print their configuration and stop */
    if ((strstr(cmd->words, " run") || strcmp(cmd->words, "server") == 0) && cli_config_dump(&o)) return 0;
    if ((rc = cli_read_var_pipes(&o)) != 0 || (rc = cli_check_var_args(&o)) != 0) return rc;
    return cli_exit(cmd->run(&o));
}
