/* cli.h — shared pieces of the lazypipe command-line tool.
 *
 * The CLI only calls the public header: every command is argument parsing and
 * output formatting around a library call.  Commands and flags are described
 * once, in the tables of commands.c; parsing (lazypipe.c) and help (help.c)
 * are generated from them.  Each command lives in its own cmd_*.c file.
 *
 * Exit statuses (each listed in every --help, help.c):
 *   0  success
 *   1  the workspace or its inputs have errors, or the output could not be written
 *   2  the command line is wrong (unknown command, flag or format; wrong arguments)
 * and Powerpipe's own codes where its commands exit with them (CLI_EXIT_* below).
 */
#ifndef LP_CLI_H
#define LP_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lazypipe.h"
#include "lazypipe_mods.h"

#define CLI_MAX_VARS 256

enum { CLI_OK = 0, CLI_ERRORS = 1, CLI_USAGE = 2 };
/* Powerpipe's own exit codes (pipe-fittings constants/exit_codes.go), where its commands exit with
 * them; every one is listed, with its meaning, in each --help (help.c's EXIT_STATUS, which
 * tests/test_cli.c checks against these).  The server's ExitCodeBindPortUnavailable (251) is
 * src/server/server.c's. */
enum {
    CLI_EXIT_CONTROLS_ALARM = 1,               /* ExitCodeControlsAlarm */
    CLI_EXIT_CONTROLS_ERROR = 2,               /* ExitCodeControlsError */
    CLI_EXIT_SNAPSHOT_UPLOAD_FAILED = 22,      /* ExitCodeSnapshotUploadFailed */
    CLI_EXIT_QUERY_EXECUTION_FAILED = 41,      /* ExitCodeQueryExecutionFailed */
    CLI_EXIT_MOD_INIT_FAILED = 61,             /* ExitCodeModInitFailed */
    CLI_EXIT_MOD_INSTALL_FAILED = 62,          /* ExitCodeModInstallFailed */
    CLI_EXIT_INITIALIZATION_FAILED = 250,      /* ExitCodeInitializationFailed */
    CLI_EXIT_FILE_SYSTEM_ACCESS_FAILURE = 253, /* ExitCodeFileSystemAccessFailure */
    CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS = 254, /* ExitCodeInsufficientOrWrongInputs */
    CLI_EXIT_UNKNOWN_ERROR_PANIC = 255,        /* ExitCodeUnknownErrorPanic */
};

/* Powerpipe's output formats (--output, case-insensitive). */
typedef enum cli_format {
    CLI_FMT_PRETTY, CLI_FMT_PLAIN, CLI_FMT_YAML, CLI_FMT_JSON,
    /* the run commands' (query run: table csv json line snapshot pps none; control and
     * benchmark run: text brief csv json md html nunit3 asff snapshot pps none) */
    CLI_FMT_TABLE, CLI_FMT_CSV, CLI_FMT_LINE, CLI_FMT_TEXT, CLI_FMT_BRIEF, CLI_FMT_MD, CLI_FMT_HTML,
    CLI_FMT_NUNIT3, CLI_FMT_ASFF, CLI_FMT_SNAPSHOT, CLI_FMT_PPS, CLI_FMT_NONE,
    CLI_FMT__COUNT
} cli_format;
extern const char *const cli_format_names[CLI_FMT__COUNT];
struct cli_command;
/* --output's message for a name that is no format of command c; returns CLI_USAGE. */
int cli_format_unknown(const char *value, const struct cli_command *c);

/* Flags, by their index in cli_flags. */
enum {
    F_HELP,
    F_VERSION,
    F_MOD_LOCATION,
    F_OUTPUT,
    F_VAR,
    F_VAR_FILE,
    F_NO_WAIT,
    F_INDEX_CACHE,
    F_NO_INDEX_CACHE,
    F_INDEX_CACHE_MAX,
    F_PORT,
    F_LISTEN,
    F_UI_DIR,
    /* the run commands' */
    F_ARG,
    F_DATABASE,
    F_QUERY_TIMEOUT,
    F_HEADER,
    F_SEPARATOR,
    F_TIMING,
    F_PROGRESS,
    F_TAG,
    F_WHERE,
    F_DRY_RUN,
    F_MAX_PARALLEL,
    F_EXPORT,
    F_BENCHMARK_TIMEOUT,
    F_MOD_INSTALL,
    F_CONFIG_PATH,
    F_TOKEN,
    F_ALLOW_HOST,
    F_SHARE_RESULTS,
    F_DETECTION_TIMEOUT,
    /* the mod commands' */
    F_PULL,
    F_PRUNE,
    F_FORCE,
    /* Powerpipe's configuration flags (config.c resolves them with the environment and profiles) */
    F_WORKSPACE,
    F_INSTALL_DIR,
    F_WATCH,
    F_DASHBOARD_TIMEOUT,
    F_INPUT,
    F_SEARCH_PATH,
    F_SEARCH_PATH_PREFIX,
    F_SNAPSHOT_LOCATION,
    F_PIPES_HOST,
    F_PIPES_TOKEN,
    /* Powerpipe's Turbot Pipes flags: refused with cli_flag.refused */
    F_SHARE,
    F_SNAPSHOT,
    F_SNAPSHOT_TAG,
    F_SNAPSHOT_TITLE,
    F__COUNT
};
#define CLI_BIT(f) (UINT64_C(1) << (f))   /* more than 32 flags: 64 bits */

typedef struct cli_flag {
    const char *name;       /* long name, without "--" */
    char short_name;        /* 0: none (Powerpipe has -h and -v only) */
    const char *arg;        /* the value's name in help, or NULL for a switch */
    const char *help;
    int optional_value;     /* a switch that also takes =true/=false (--progress=false), as Go's bool flags */
    const char *refused;    /* Powerpipe's flag that lazypipe refuses: why (not in help) */
} cli_flag;

struct cli_opts;
typedef struct cli_command {
    const char *words;      /* "dashboard list", "payload" */
    int (*run)(const struct cli_opts *o);
    uint64_t flags;         /* CLI_BIT(F_...) it takes besides the global ones */
    unsigned formats;       /* 1 << cli_format it can print; 0: no --output */
    const char *format_note;/* why other formats are refused */
    const char *args;       /* positional arguments in help ("FILE..."), NULL: none */
    const char *summary;
} cli_command;

extern const cli_flag cli_flags[F__COUNT];
extern const cli_command cli_commands[];
extern const size_t cli_ncommands;
#define CLI_GLOBAL_FLAGS                                                                                     \
    (CLI_BIT(F_HELP) | CLI_BIT(F_MOD_LOCATION) | CLI_BIT(F_CONFIG_PATH) | CLI_BIT(F_WORKSPACE) |             \
     CLI_BIT(F_INSTALL_DIR))

typedef struct cli_opts {
    const cli_command *cmd;
    const char *mod_location;     /* --mod-location DIR (default ".") */
    cli_format format;            /* --output (the command's default when not given) */
    const char *vars[CLI_MAX_VARS];       /* --var name=value, in order */
    int nvars;
    const char *var_files[CLI_MAX_VARS];  /* --var-file PATH, in order */
    int nvar_files;
    int no_wait;                  /* --no-wait */
    const char *index_cache;      /* --index-cache DIR (default: lp_default_index_cache_dir) */
    int no_index_cache;           /* --no-index-cache */
    const char *index_cache_max;  /* --index-cache-max SIZE (default: $LAZYPIPE_CACHE_MAX, else 256M) */
    const char *port;             /* server --port N (default 9033) */
    const char *listen;           /* server --listen local|network (default local) */
    const char *ui_dir;           /* server --ui-dir DIR */
    const char *token;            /* server --token TOKEN (else $LAZYPIPE_TOKEN) */
    const char *allow_hosts[CLI_MAX_VARS];   /* server --allow-host NAME, in order */
    int nallow_hosts;
    /* cli_open_live: passed to the first open as lp_workspace_opts.on_resolved (server) */
    void (*on_resolved)(void *user, lp_workspace *ws);
    void *resolved_user;
    /* the run commands' flags */
    const char *run_args[CLI_MAX_VARS];   /* --arg NAME=VALUE or VALUE, in order */
    int nrun_args;
    const char *tags[CLI_MAX_VARS];       /* --tag KEY=VALUE / KEY!=VALUE */
    int ntags;
    const char *exports[CLI_MAX_VARS];    /* --export FILE|FORMAT */
    int nexports;
    const char *database;         /* --database */
    const char *where;            /* --where */
    const char *separator;        /* --separator (default ",") */
    int query_timeout_s;          /* --query-timeout (0: default) */
    int benchmark_timeout_s;      /* --benchmark-timeout, detection run's --detection-timeout (0: none) */
    int max_parallel;             /* --max-parallel (0: default 10) */
    int share_results_s;          /* server --share-results (-1: default 60) */
    int header;                   /* --header (default 1) */
    int timing;                   /* --timing */
    int progress;                 /* --progress (default 1: only ever drawn on a terminal) */
    int dry_run;                  /* --dry-run */
    const char *pull;             /* mod commands' --pull latest|development|full|minimal */
    int prune;                    /* mod commands' --prune (default 1) */
    int force;                    /* mod commands' --force */
    int mod_install;              /* run commands' --mod-install (default 1) */
    int output_given;             /* --output was on the command line (or a workspace profile) */
    const char *output_template;  /* --output NAME of no built-in format (check and detection runs:
                                   * a custom template's, export_tmpl.h), else NULL */
    int no_mod_needed;            /* cli_open_sql_only: the workspace opened has no mod file */
    /* config.c: the rest of Powerpipe's configuration, resolved by cli_config_resolve */
    const char *flag_values[F__COUNT];   /* single-valued flags as typed (a switch: "true"/"false") */
    const char *workspace;        /* the workspace profile in force ("default") */
    const char *install_dir;      /* --install-dir / POWERPIPE_INSTALL_DIR (default ~/.powerpipe) */
    const char *search_path;      /* --search-path "a,b" (NULL: the connection's) */
    const char *search_path_prefix;
    const char *snapshot_location;
    const char *bad_snapshot_tag;  /* the first --snapshot-tag that is not KEY=VALUE (NULL: none) */
    int dashboard_timeout_s;      /* --dashboard-timeout (0: none) */
    int watch;                    /* server --watch (default 1) */
    int input;                    /* --input (default 1: prompt for missing variables on a terminal) */
    int snapshot;                 /* --snapshot: the run's snapshot to --snapshot-location (local) */
    int reopened;                 /* opened again with prompted values: its index's diagnostics were said */
    int display_width;            /* POWERPIPE_DISPLAY_WIDTH (0: the terminal's) */
    uint64_t cache_budget;        /* POWERPIPE_MEMORY_MAX_MB / 16 (0: the library's default) */
    char **argv;                  /* main's, for `server` (server_exec.c) */
    char **args;                  /* positional arguments after the command words */
    int nargs;
} cli_opts;

/* config.c: Powerpipe's configuration precedence, in one place: each setting from its flag, else
 * (with --workspace / POWERPIPE_WORKSPACE) the named workspace profile, else its environment
 * variable, else the `default` workspace profile, else its default (pipe-fittings BootstrapViper
 * and Powerpipe's config_precedence.bats).  Fills o's fields from o->flag_values; 0, or the exit
 * status after saying what is wrong. */
int cli_config_resolve(cli_opts *o);
/* The config path's connections and profiles as lp_config_load gives them for mod_dir, loaded once
 * per process for every caller that would read the same files (the profiles, the workspace's check
 * and a run: a file of 100,000 blocks takes a second or more) and kept until the process ends.
 * Two spellings of one directory share a load; only the connections' `file` strings, which the
 * commands do not show, would differ.  NULL with *err when a file fails (then nothing is kept). */
const lp_config *cli_config_load(const char *mod_dir, lp_error *err);
/* POWERPIPE_CONFIG_DUMP=config_json: Powerpipe's resolved configuration as its DisplayConfig prints
 * it (a JSON object, one-space indent, keys sorted).  1 when it was printed (the command stops). */
int cli_config_dump(const cli_opts *o);
/* POWERPIPE_DISPLAY_WIDTH as resolved (0: unset, the terminal's width applies). */
int cli_config_display_width(void);
/* s as a whole number in base 10 from lo to hi: 0 with *out, or -1 (*out untouched) when s is
 * empty, not a number, followed by anything, or out of range.  The message is the caller's (each
 * flag, setting and variable words its own, as Powerpipe does): the settings, --share-results, the
 * server's --port and its LAZYPIPE_* numbers. */
int cli_parse_long(const char *s, long lo, long hi, long *out);
/* The directory of the running program (/proc/self/exe's, its file name cut off; "" for one in
 * "/") into out: 0, or -1 when it cannot be read.  The drivers' objects (drivers.c), the server
 * program (server_exec.c) and the page's icons (http.c) are found from it. */
int cli_exe_dir(char *out, size_t size);
/* A duration of ms milliseconds as Go's time.Duration prints it ("0s", "350ms", "1.5s", "2m3.004s"). */
void cli_go_duration_ms(int64_t ms, char *out, size_t size);

/* help.c: the help of lazypipe, of a command group ("dashboard") or of a command. */
void cli_help_root(FILE *f);
void cli_help_group(FILE *f, const char *group);
void cli_help_command(FILE *f, const cli_command *c);
/* help_texts.c: flag's help in c's --help (c NULL: lazypipe's own), and c's "Examples:" section. */
const char *cli_flag_help(const cli_command *c, int flag);
void cli_help_examples(FILE *f, const cli_command *c);
/* The Powerpipe release whose behaviour lazypipe reproduces (lazypipe_mods.h) */
#define CLI_POWERPIPE_VERSION LP_MODS_POWERPIPE_VERSION
/* The distinct first words of the commands ("dashboard", ..., "payload"). */
size_t cli_command_groups(const char **out, size_t max);
/* The candidate closest to `word` (edit distance <= 2, or word a prefix of
 * it), or NULL. */
const char *cli_suggest(const char *word, const char *const *candidates, size_t n);
/* For a resource name not found: `; did you mean "NEAREST"?` (as cli_suggest chooses among the names
 * of kind's entries, written as name is: NAME, TYPE.NAME or MOD.TYPE.NAME) into out, else "".
 * Returns out. */
const char *cli_suggest_entry(const lp_workspace *ws, lp_kind kind, const char *name, char *out, size_t size);

/* output.c */
/* A diagnostic on stderr: "file:line:col: error: summary; detail". */
void cli_print_diag(void *user, const lp_diag *d);
/* cmd_mod.c: a message of mod management (lazypipe_mods.h) as lazypipe prints it: the output on
 * stdout as it is, a notice on its own line of stderr, a warning or error after "Warning: " or
 * "Error: " */
void cli_mods_message(void *ctx, lp_mods_level level, const char *text);
/* A message of the tool itself on stderr: "error: ..." */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a buffer to stdout; returns 0 or 1 on a write error. */
int cli_write_stdout(const char *data, size_t len);
/* Compact JSON (as the library writes it) re-indented as Powerpipe prints
 * --output json: two spaces, "key": value, empty containers as {} and []. */
void cli_json_indent(lp_buf *out, const char *json, size_t len);
/* The same, a document given in pieces (split anywhere): the state starts zeroed, each piece's
 * indented text is appended to out, end closes a bracket the last piece left open. */
typedef struct cli_indent {
    int depth, in_str, esc;
    char open;
} cli_indent;
void cli_json_indent_piece(cli_indent *st, lp_buf *out, const char *json, size_t len);
void cli_json_indent_end(cli_indent *st, lp_buf *out);
/* The same document as YAML (block style, keys in the JSON's order).
 * 0, or -1 on malformed JSON or lack of memory. */
int cli_json_to_yaml(lp_buf *out, const char *json, size_t len);
/* --output yaml written as the JSON comes: begin (NULL: no memory), write
 * pieces (an lp_write_fn; -1 once the JSON is malformed or a write failed),
 * end (frees; 0 when the document was whole and written).  The writer gets
 * YAML in pieces. */
typedef struct cli_yaml cli_yaml;
cli_yaml *cli_yaml_begin(lp_write_fn write, void *user);
int cli_yaml_write(void *y, const char *data, size_t len);
/* Instead of JSON pieces: the document as values, a sequence of the n items
 * (as Powerpipe's printers marshal GetItems()); the items are only read. */
int cli_yaml_items(cli_yaml *y, const lp_value *const *items, size_t n);
int cli_yaml_end(cli_yaml *y);
/* A document streamed to stdout in fmt (json: indented as cli_json_indent;
 * yaml): memory bounded whatever its size (stdout gets 64 KiB pieces).
 * cli_doc_write is an lp_write_fn; end(ok = 0: the producer failed) flushes
 * and frees, 0 when all was written. */
typedef struct cli_doc {
    cli_format fmt;
    lp_buf out;
    cli_indent indent;
    cli_yaml *yaml;
    int failed;
} cli_doc;
int cli_doc_begin(cli_doc *d, cli_format fmt);
int cli_doc_write(void *d, const char *data, size_t len);
int cli_doc_end(cli_doc *d, int ok);
/* Print a JSON document in `fmt` (json: indented; yaml) and free it.
 * rc is the library call's status; returns the exit status part. */
int cli_print_document(int rc, lp_buf *b, cli_format fmt);
/* Print the text an output built into b on stdout (failed: the builder's status, nonzero when it ran
 * out of memory) and free it.  Returns the exit status part, as cli_print_document. */
int cli_print_text(int failed, lp_buf *b);
/* --output yaml of n documents the library gave as values (rc: the calls'
 * status), as a list, as Powerpipe's printers marshal GetItems(); frees the
 * items.  Returns the exit status part, as cli_print_document. */
int cli_print_yaml_items(int rc, lp_value **items, size_t n);

/* table.c: Powerpipe's list table (text/tabwriter with minwidth 1, padding 4,
 * padchar ' '): every column but the last padded to its widest cell plus 4,
 * widths counted in display columns. */
typedef struct cli_table {
    size_t ncols, nrows, cap;
    char **cells;           /* row-major, nrows * ncols, malloc'd */
} cli_table;
int cli_table_init(cli_table *t, size_t ncols, const char *const *header);
/* Append a row (cells copied, tab/CR/LF removed, cut to 100 bytes plus "…"
 * as Powerpipe does).  0, or -1 when memory runs out. */
int cli_table_add(cli_table *t, const char *const *row);
/* Sort the rows after the header with cmp(row a, row b). */
void cli_table_sort(cli_table *t, int (*cmp)(const void *a, const void *b));
void cli_table_render(const cli_table *t, lp_buf *out);
void cli_table_free(cli_table *t);
/* Display columns of a UTF-8 string (wide characters count 2, combining 0). */
size_t cli_display_width(const char *s);

/* workspace.c */
typedef enum cli_open_mode {
    CLI_OPEN_WAIT,      /* wait for background resolution, print its diagnostics */
    CLI_OPEN_NO_WAIT,   /* --no-wait: serve what phase 1 knows */
    CLI_OPEN_PHASE1,    /* the index only: no background resolution at all */
} cli_open_mode;

/* Check --var and --var-file before anything is opened: 0, or the exit
 * status after saying what is wrong. */
int cli_check_var_args(const cli_opts *o);
/* A --var-file that is no regular file (a pipe, as process substitution passes CI secrets; a FIFO;
 * /dev/null) read once, now, into an anonymous file the library can read as often as it needs:
 * /dev/fd/N becomes that file under the same number, any other path is replaced.  0, or the exit
 * status after saying what could not be read. */
int cli_read_var_pipes(cli_opts *o);
/* Ends a command's workspace: its output flushed, then the index image its open deferred written
 * (lp_save_image) by a writer process (image_writer.c: started here, or by cli_exit), then lp_close. */
void cli_close(lp_workspace *ws);
/* The command's end, status its exit status: starts the image writer cli_close left to it, which
 * shares this process's memory, and then ends the process at once (_exit, output flushed);
 * else returns status. */
int cli_exit(int status);
/* Open the mod containing --mod-location (made absolute; the nearest
 * directory at or above it with mod.pp) with --var/--var-file, diagnostics
 * to stderr.  0, or -1 after printing why it could not be opened (no mod
 * definition, a dependency mod not installed...). */
int cli_open_workspace(const cli_opts *o, cli_open_mode mode, lp_workspace **ws);

/* files.c: the user's own paths (never anything under .powerpipe: mod management, lazypipe_mods.h, has its
 * own).  cli_read_file: the whole file into *text (malloc'd, NUL-terminated, "" when empty) and *len: 0, or
 * -1 with errno. The others: 1 when the path (or dir/name) is a directory or a regular file, following links.
 */
int cli_read_file(const char *path, char **text, size_t *len);
int cli_is_dir(const char *path);
int cli_is_dir_in(const char *dir, const char *name);
int cli_is_file_in(const char *dir, const char *name);
/* go-kit's Tildefy, as Powerpipe expands a path the user gave: "~" and "~/x" against the home
 * directory ($HOME, else the password database's, as Go's os/user falls back); anything else as it
 * is.  Into out (cap bytes): 0, or -1 when it does not fit. */
int cli_tildefy(const char *path, char *out, size_t cap);
/* input_prompt.c: --input.  cli_input_wanted: the command takes --input, it is on, stdin is a
 * terminal.  cli_prompt_variables asks for the main mod's variables without a value (Powerpipe's
 * prompt): 0 when there were none to ask for, 1 with got->opts the options to open the workspace
 * again with (the answers as --var), -1 after an error was said (the end of the input).
 * cli_prompted_free frees got. */
typedef struct cli_prompted {
    struct cli_opts *opts;
    char **owned;
    int nowned;
} cli_prompted;
int cli_input_wanted(const cli_opts *o);
int cli_prompt_variables(const cli_opts *o, lp_workspace *ws, cli_prompted *got);
void cli_prompted_free(cli_prompted *got);
/* snapshot_dir.c: --snapshot with a local --snapshot-location.  cli_snapshot_dir: "" in dir without
 * --snapshot, else the directory (~ expanded), checked, before the run: 0, or the exit status after
 * saying why not.  cli_snapshot_path: dir/ROOT.TIME.pps, as Powerpipe names it; cli_snapshot_saved
 * says where it went (with --progress). */
int cli_snapshot_dir(const cli_opts *o, char *dir, size_t n);
void cli_snapshot_path(const char *dir, const char *root, char *out, size_t n);
/* export.GenerateDefaultExportFileName: NAME.<yyyymmddThhmmss>EXT (EXT with its dot), local time */
void cli_export_name(char *out, size_t n, const char *name, const char *ext);
void cli_snapshot_saved(const cli_opts *o, const char *path);
/* export.Target.Export's message for a file written, appended to msgs (one a line): "File exported to
 * PWD/PATH", the working directory joined even to an absolute PATH, as Go's Sprintf("%s/%s") does */
void cli_export_said(lp_buf *msgs, const char *path);
/* Whether there is a mod file at or above --mod-location (1 also when that is no directory: the
 * open says why).  cli_no_mod says that it is missing, as cli_open_workspace does, and returns
 * status: Powerpipe's exit status for it differs by command. */
int cli_mod_found(const cli_opts *o);
int cli_no_mod(const cli_opts *o, int status);
/* Powerpipe's raw-SQL `query run` outside a mod (commandRequiresModfile): an empty workspace of its
 * own, waited for.  0, or -1 after saying why. */
int cli_open_sql_only(const cli_opts *o, lp_workspace **ws);
/* The run options every run command takes from its flags: --database, --arg, --max-parallel and
 * --query-timeout (0: the library's defaults), and the connections cli_config_load loaded for ws.
 * The rest is the caller's. */
lp_run_opts cli_run_opts(const cli_opts *o, const lp_workspace *ws);
/* The same checks and options, as a live handle (`watch`). */
int cli_open_live(const cli_opts *o, lp_live **lv);
/* 1 when opening or (after waiting) resolution reported errors. */
int cli_workspace_errors(const lp_workspace *ws, int waited);
/* A `show NAME` command's start: one NAME given, the workspace opened (waited for) into *ws, *status
 * its errors' part of the exit status (cli_workspace_errors).  0, or the exit status after saying
 * what is wrong. */
int cli_open_for_show(const cli_opts *o, lp_workspace **ws, int *status);

/* Commands: return the process exit status. */
int cmd_parse(const cli_opts *o);
int cmd_mod_install(const cli_opts *o);     /* cmd_mod.c */
int cmd_mod_uninstall(const cli_opts *o);
int cmd_mod_update(const cli_opts *o);
int cmd_mod_init(const cli_opts *o);
/* cmd_list.c: Powerpipe's list table of kind's entries (PrintableHclResource.GetTable over
 * GetListData: MOD, NAME, and TYPE for benchmarks).  0, or -1 when memory runs out. */
int cli_list_table(const lp_workspace *ws, lp_kind kind, lp_buf *out);
/* cmd_show.c: `variable show`'s pretty or plain text of variable entry id: the ShowPrinter
 * over Variable's GetShowData (ModTreeItemImpl's).  LP_OK or an lp_status. */
int cli_show_variable(lp_workspace *ws, uint32_t id, int color, lp_buf *out);
/* The pretty or plain text of a mod's document (lp_mod_value). */
int cli_show_mod(const lp_value *mod, int color, lp_buf *out);
int cmd_dashboard_list(const cli_opts *o);   /* cmd_list.c */
int cmd_benchmark_list(const cli_opts *o);
int cmd_control_list(const cli_opts *o);
int cmd_query_list(const cli_opts *o);
int cmd_detection_list(const cli_opts *o);
int cmd_detection_benchmark_list(const cli_opts *o);   /* the benchmarks of type detection */
int cmd_payload(const cli_opts *o);          /* cmd_payload.c */
int cmd_index(const cli_opts *o);            /* cmd_index.c */
int cmd_cache(const cli_opts *o);            /* cmd_cache.c */
int cmd_cache_prune(const cli_opts *o);
int cmd_cache_clear(const cli_opts *o);
/* The index cache's directory (--index-cache, else lp_default_index_cache_dir)
 * and bound (--index-cache-max, else $LAZYPIPE_CACHE_MAX, else the library's
 * default: 0) as the commands use them.  0, or -1 after saying why. */
int cli_index_cache_dir(const cli_opts *o, char *out, size_t size);
int cli_index_cache_max(const cli_opts *o, uint64_t *out);
int cmd_variable_list(const cli_opts *o);    /* cmd_variable.c */
int cmd_watch(const cli_opts *o);            /* cmd_watch.c */
int cmd_dashboard_show(const cli_opts *o);   /* cmd_show.c */
int cmd_benchmark_show(const cli_opts *o);
int cmd_control_show(const cli_opts *o);
int cmd_query_show(const cli_opts *o);
int cmd_detection_show(const cli_opts *o);
int cmd_card_show(const cli_opts *o);
int cmd_chart_show(const cli_opts *o);
int cmd_container_show(const cli_opts *o);
int cmd_flow_show(const cli_opts *o);
int cmd_graph_show(const cli_opts *o);
int cmd_hierarchy_show(const cli_opts *o);
int cmd_image_show(const cli_opts *o);
int cmd_input_show(const cli_opts *o);
int cmd_table_show(const cli_opts *o);
int cmd_text_show(const cli_opts *o);
int cmd_child_show(const cli_opts *o);       /* `dashboard TYPE show`: the type from the words */
int cmd_child_list(const cli_opts *o);       /* cmd_list.c: `dashboard TYPE list` */
int cmd_variable_show(const cli_opts *o);    /* cmd_variable.c */
int cmd_server(const cli_opts *o);           /* ../server/server.c; server_exec.c in lazypipe */
int cmd_query_run(const cli_opts *o);        /* cmd_query_run.c */
int cmd_mod_list(const cli_opts *o);         /* cmd_mod.c */
int cmd_mod_show(const cli_opts *o);
int cmd_control_run(const cli_opts *o);      /* cmd_check.c */
int cmd_benchmark_run(const cli_opts *o);
int cmd_dashboard_run(const cli_opts *o);    /* cmd_dashboard_run.c */
int cmd_detection_run(const cli_opts *o);    /* cmd_detection_run.c */
/* `benchmark run` of one detection benchmark, as Powerpipe's check hands it to the detection run
 * (snapshot unless --output says otherwise); ws stays open.  The exit status. */
int cli_detection_benchmark_run(const cli_opts *o, lp_workspace *ws, const char *target);
/* drivers.c: the database drivers this program links, registered once. */
void cli_register_drivers(void);

/* escape.c: a value (from the database, so from anyone) written into a document or onto a
 * terminal.  html and xml: text (& < > as references; _attr: " too, for a value quoted with it;
 * xml also puts U+FFFD for what XML 1.0 cannot hold, as for ill-formed UTF-8); cdata: a CDATA
 * section's content;
 * md: Markdown text (references, \| and <br> so a table cell stays one); md_code: a code span with a
 * fence that holds it; terminal: control, C1 and bidi characters shown as ^[ or <U+202E>, ill-formed
 * bytes as <9B> (cli_terminal_safe: whether s needs none of that). */
void cli_put_html(lp_buf *b, const char *s);
void cli_put_html_attr(lp_buf *b, const char *s);
void cli_put_xml(lp_buf *b, const char *s);
void cli_put_xml_attr(lp_buf *b, const char *s);
void cli_put_cdata(lp_buf *b, const char *s);
void cli_put_md(lp_buf *b, const char *s);
void cli_put_md_code(lp_buf *b, const char *s);
void cli_put_terminal(lp_buf *b, const char *s, size_t n);
int cli_terminal_safe(const char *s);

/* interrupt.c: SIGINT, SIGTERM and SIGHUP during a run.  cli_signals_catch notes the first one (a
 * later one only shortens the wait for the cancels, never ends the process before them);
 * cli_run_wait waits for a run, cancelling it (on the database's side, the cancels waited for,
 * bounded) on a signal or past timeout_ms (<= 0: none); cli_signal_finish ends the process by a
 * noted TERM or HUP, or INT unless the command handles it as Powerpipe does (partial output, its
 * exit code), and releases the signals otherwise. */
typedef enum cli_wait_result { CLI_WAIT_DONE, CLI_WAIT_SIGNAL, CLI_WAIT_TIMEOUT } cli_wait_result;
void cli_signals_catch(void);
void cli_signals_release(void);
int cli_signal_pending(void);
/* How many of the signals cli_signals_catch catches came since (a count that only grows): work
 * that a later Ctrl-C must stop, after one the command already handled, compares it. */
int cli_signal_count(void);
cli_wait_result cli_run_wait(lp_run *run, int64_t timeout_ms);
/* cli_run_wait, drawing status (status_line.c; NULL: none) while it waits, cleared at the end */
typedef struct cli_status cli_status;
cli_wait_result cli_run_wait_status(lp_run *run, int64_t timeout_ms, cli_status *status);
void cli_signal_finish(int powerpipe_handles_int);

/* status_line.c: a run's status line on a terminal's stderr (Powerpipe's status spinner).
 * cli_status_start turns it on with --progress when stderr is a terminal; the run's threads count
 * rows (cli_status_rows) and finished nodes (cli_status_node_done, its errors); cli_run_wait_status
 * draws "Running TARGET, N rows returned, E errors" while it waits.  cli_status_draw_text draws any
 * line (cut to the terminal's width), cli_status_clear_text clears it. */
struct cli_status {
    int on, drawn;
    const char *target;
    _Atomic uint64_t rows;
    _Atomic unsigned errors;
};
void cli_status_start(cli_status *s, const cli_opts *o, const char *target);
void cli_status_rows(cli_status *s, uint64_t n);
void cli_status_node_done(cli_status *s, const lp_run_node *n);
void cli_status_draw(cli_status *s);
void cli_status_done(cli_status *s);
void cli_status_draw_text(const char *line);
void cli_status_clear_text(void);

#endif
