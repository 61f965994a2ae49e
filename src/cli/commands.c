/* commands.c — the one table of commands and flags: parsing, per-command
 * checks and every help text are generated from it. */
#include "cli.h"

const char *const cli_format_names[CLI_FMT__COUNT] = { "pretty", "plain",    "yaml", "json",
                                                       "table",  "csv",      "line", "text",
                                                       "brief",  "md",       "html", "nunit3",
                                                       "asff",   "snapshot", "pps",  "none" };

/* Powerpipe's root flags: -h/--help and -v/--version are its only short
 * options (--output has none); --mod-location applies to every command. */
const cli_flag cli_flags[F__COUNT] = {
    [F_HELP] = { "help", 'h', NULL, "help for lazypipe, or for the command it follows" },
    [F_VERSION] = { "version", 'v', NULL, "print the version" },
    [F_MOD_LOCATION] = { "mod-location", 0, "DIR",
                         "the mod directory, or a directory inside a mod (the nearest one above with "
                         "mod.pp is used, as Powerpipe does); default: the current directory" },
    [F_OUTPUT] = { "output", 0, "FORMAT", NULL /* per command: see help.c */ },
    [F_VAR] = { "var", 0, "NAME=VALUE", "set a variable, as Powerpipe's --var (repeatable)" },
    [F_VAR_FILE] = { "var-file", 0, "FILE", "read variable values from a .ppvars file (repeatable)" },
    [F_INDEX_CACHE] = { "index-cache", 0, "DIR",
                        "where the persisted index lives (default: $LAZYPIPE_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/lazypipe, else ~/.cache/lazypipe); an unchanged workspace reopens "
                        "from it without parsing" },
    [F_NO_INDEX_CACHE] = { "no-index-cache", 0, NULL, "neither read nor write the persisted index" },
    [F_INDEX_CACHE_MAX] = { "index-cache-max", 0, "SIZE",
                            "the most the index cache's images may take, least recently used removed first "
                            "(bytes, or with K, M, G; default: $LAZYPIPE_CACHE_MAX, else 256M)" },
    [F_PORT] = { "port", 0, "N", "the port to serve HTTP and WebSocket on (default 9033)" },
    [F_LISTEN] = { "listen", 0, "local|network",
                   "local binds 127.0.0.1 only (the default); network binds every interface" },
    [F_UI_DIR] = { "ui-dir", 0, "DIR",
                   "serve this directory (e.g. Powerpipe's dashboard UI build) instead of the built-in "
                   "page" },
    [F_TOKEN] = { "token", 0, "TOKEN",
                  "require this access token (default: $LAZYPIPE_TOKEN): the page URL carries it as "
                  "?token=TOKEN, and the server keeps it in a cookie for the page's WebSocket" },
    [F_ALLOW_HOST] = { "allow-host", 0, "NAME",
                       "with --listen network: one more host name the server is reached by (repeatable; "
                       "the machine's name and addresses are allowed already)" },
    [F_SHARE_RESULTS] = { "share-results", 0, "SECS",
                          "a client opening a dashboard takes another client's results of it when they are "
                          "at most this old, instead of querying again (default 60; 0: never)" },
    [F_NO_WAIT] = { "no-wait", 0, NULL,
                    "print what the index knows at once, without waiting for titles, descriptions and "
                    "tags that need evaluation" },
    [F_ARG] = { "arg", 0, "NAME=VALUE",
                "an argument for the query's params, named or positional (VALUE alone; repeatable)" },
    [F_DATABASE] = { "database", 0, "CONNSTR",
                     "the database to run against: postgres://..., sqlite://path or connection.TYPE.NAME "
                     "(a resource's or dependency mod's own database still wins; default: the mod's, else "
                     "connection.steampipe.default, postgres://steampipe@127.0.0.1:9193/steampipe)" },
    [F_QUERY_TIMEOUT] = { "query-timeout", 0, "SECS", "the longest a statement may run (default 300)" },
    [F_HEADER] = { "header", 0, NULL, "csv: print the header row (default true; --header=false)", 1 },
    [F_SEPARATOR] = { "separator", 0, "CHAR", "csv: the separator (default \",\")" },
    [F_TIMING] = { "timing", 0, NULL, "print the time a query took", 1 },
    [F_PROGRESS] = { "progress", 0, NULL,
                     "show progress on a terminal's stderr (default true; --progress=false)", 1 },
    [F_TAG] = { "tag", 0, "KEY=VALUE",
                "run only controls with this tag (KEY!=VALUE: without it; repeatable)" },
    [F_WHERE] = { "where", 0, "CONDITION",
                  "run only controls whose field compares true: COLUMN = 'v' (!=, like, ilike, not like, "
                  "not ilike, in (...), not in (...)); not with --tag" },
    [F_DRY_RUN] = { "dry-run", 0, NULL, "list the controls that would run, run none", 1 },
    [F_MAX_PARALLEL] = { "max-parallel", 0, "N", "the most statements run at once (default 10)" },
    [F_EXPORT] = { "export", 0, "FILE|FORMAT",
                   "also write the result to FILE, in the format its extension "
                   "names (repeatable)" },
    [F_BENCHMARK_TIMEOUT] = { "benchmark-timeout", 0, "SECS", "the longest the whole run may take" },
    [F_DETECTION_TIMEOUT] = { "detection-timeout", 0, "SECS",
                              "the longest the whole run may take (then it stops, prints nothing and exits "
                              "255, as Powerpipe's)" },
    [F_CONFIG_PATH] = { "config-path", 0, "PATH",
                        "where the connection (.ppc) files are: directories separated by ':', highest "
                        "precedence first (default: $POWERPIPE_CONFIG_PATH, else "
                        ".:$POWERPIPE_INSTALL_DIR/config)" },
    [F_WORKSPACE] = { "workspace", 0, "NAME",
                      "the workspace profile (a `workspace \"NAME\"` block of the config path's .ppc files) "
                      "whose settings apply (default: $POWERPIPE_WORKSPACE, else \"default\")" },
    [F_INSTALL_DIR] = { "install-dir", 0, "DIR",
                        "Powerpipe's installation directory, whose config/ is on the default config path "
                        "(default: $POWERPIPE_INSTALL_DIR, else ~/.powerpipe)" },
    [F_WATCH] = { "watch", 0, NULL,
                  "follow changes to the mod's files and send them to the browsers (default true; "
                  "--watch=false serves the workspace as it was at the start)",
                  1 },
    [F_DASHBOARD_TIMEOUT] = { "dashboard-timeout", 0, "SECS",
                              "the longest a dashboard's run may take (then its unfinished panels fail "
                              "with a timeout error; default 0: none)" },
    [F_INPUT] = { "input", 0, NULL,
                  "enable interactive prompts: on a terminal (stdin), ask for the main mod's variables "
                  "that have no value (default true; --input=false: such a variable is an error)",
                  1 },
    [F_SEARCH_PATH] = { "search-path", 0, "SCHEMAS",
                        "PostgreSQL: the search_path of every connection (comma-separated), instead of "
                        "the connection's; a resource's own search_path still wins" },
    [F_SEARCH_PATH_PREFIX] = { "search-path-prefix", 0, "SCHEMAS",
                               "PostgreSQL: schemas put before the search_path (comma-separated)" },
    [F_SNAPSHOT_LOCATION] = { "snapshot-location", 0, "DIR",
                              "the local directory --snapshot writes to (lazypipe uploads to no Turbot "
                              "Pipes workspace)" },
    [F_PIPES_HOST] = { "pipes-host", 0, "HOST",
                       "accepted for Powerpipe's command lines; lazypipe connects to no Turbot Pipes host" },
    [F_PIPES_TOKEN] = { "pipes-token", 0, "TOKEN",
                        "accepted for Powerpipe's command lines; lazypipe connects to no Turbot Pipes host" },
    [F_SHARE] = { "share", 0, NULL, NULL, 1,
                  "it uploads a snapshot to Turbot Pipes, which lazypipe does not do (use --export pps)" },
    [F_SNAPSHOT] = { "snapshot", 0, NULL,
                     "write the run's snapshot to --snapshot-location DIR as DIR/NAME.TIME.pps (Powerpipe "
                     "uploads it when that names a Turbot Pipes workspace; lazypipe does not)",
                     1 },
    [F_SNAPSHOT_TAG] = { "snapshot-tag", 0, "KEY=VALUE",
                         "a tag of the snapshot Powerpipe uploads (repeatable; checked with --snapshot, "
                         "as Powerpipe does: a local snapshot has no tags)" },
    [F_SNAPSHOT_TITLE] = { "snapshot-title", 0, "TITLE",
                           "the title of a query run's snapshot (its dashboard's: Powerpipe's \"Custom query "
                           "[HASH]\" by default); other snapshots keep their own" },
    [F_MOD_INSTALL] = { "mod-install", 0, NULL,
                        "install required mods that are missing before the run (default true; "
                        "--mod-install=false; query run: never, as Powerpipe)",
                        1 },
    [F_PULL] = { "pull", 0, "MODE",
                 "which installed mods to check for newer versions: latest (newer tags; branches' new "
                 "commits), development (branches' new commits), full (both, and retagged versions), "
                 "minimal (none)" },
    [F_PRUNE] = { "prune", 0, NULL, "remove unused dependency mods afterwards (default true; --prune=false)",
                  1 },
    [F_FORCE] = { "force", 0, NULL,
                  "install even when some dependency fails (what could be installed is kept)", 1 },
};

#define ALL_FORMATS \
    ((1u << CLI_FMT_PRETTY) | (1u << CLI_FMT_PLAIN) | (1u << CLI_FMT_YAML) | (1u << CLI_FMT_JSON))
#define CACHE_FLAGS (CLI_BIT(F_INDEX_CACHE) | CLI_BIT(F_NO_INDEX_CACHE) | CLI_BIT(F_INDEX_CACHE_MAX))
#define QUERY_RUN_FORMATS                                                                                    \
    ((1u << CLI_FMT_TABLE) | (1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_LINE) |             \
     (1u << CLI_FMT_SNAPSHOT) | (1u << CLI_FMT_PPS) | (1u << CLI_FMT_NONE))
/* Powerpipe's Turbot Pipes flags of the run commands: accepted (host, token, location) or refused */
#define PIPES_FLAGS                                                                                          \
    (CLI_BIT(F_PIPES_HOST) | CLI_BIT(F_PIPES_TOKEN) | CLI_BIT(F_SNAPSHOT_LOCATION) | CLI_BIT(F_SHARE) |      \
     CLI_BIT(F_SNAPSHOT) | CLI_BIT(F_SNAPSHOT_TAG) | CLI_BIT(F_SNAPSHOT_TITLE))
#define RUN_FLAGS                                                                                            \
    (CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) | CACHE_FLAGS | CLI_BIT(F_ARG) |               \
     CLI_BIT(F_DATABASE) | CLI_BIT(F_QUERY_TIMEOUT) | CLI_BIT(F_EXPORT) | CLI_BIT(F_PROGRESS) |              \
     CLI_BIT(F_MOD_INSTALL) | CLI_BIT(F_PULL) | CLI_BIT(F_MAX_PARALLEL) | CLI_BIT(F_INPUT) |                 \
     CLI_BIT(F_SEARCH_PATH) | CLI_BIT(F_SEARCH_PATH_PREFIX) | PIPES_FLAGS)
#define CHECK_FORMATS                                                                                        \
    ((1u << CLI_FMT_TEXT) | (1u << CLI_FMT_BRIEF) | (1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON) |             \
     (1u << CLI_FMT_MD) | (1u << CLI_FMT_HTML) | (1u << CLI_FMT_NUNIT3) | (1u << CLI_FMT_ASFF) |             \
     (1u << CLI_FMT_SNAPSHOT) | (1u << CLI_FMT_PPS) | (1u << CLI_FMT_NONE))
#define CHECK_FLAGS                                                                                          \
    (RUN_FLAGS | CLI_BIT(F_HEADER) | CLI_BIT(F_SEPARATOR) | CLI_BIT(F_TAG) | CLI_BIT(F_WHERE) |              \
     CLI_BIT(F_DRY_RUN) | CLI_BIT(F_BENCHMARK_TIMEOUT) | CLI_BIT(F_TIMING))
#define SHOW_FLAGS (CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) | CACHE_FLAGS)
#define LIST_FLAGS                                                                                           \
    (CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) | CLI_BIT(F_NO_WAIT) | CACHE_FLAGS)

const cli_command cli_commands[] = {
    { "dashboard list", cmd_dashboard_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List dashboards from the current mod and its direct dependents" },
    { "benchmark list", cmd_benchmark_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List benchmarks from the current mod and its direct dependents (pretty and plain: top-level only)" },
    { "control list", cmd_control_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List controls from the current mod and its direct dependents" },
    { "query list", cmd_query_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List queries from the current mod and its direct dependents" },
    { "query run", cmd_query_run, RUN_FLAGS | CLI_BIT(F_HEADER) | CLI_BIT(F_SEPARATOR) | CLI_BIT(F_TIMING),
      QUERY_RUN_FORMATS, "query run prints table, csv, json, line, snapshot, pps or none",
      "NAME|SQL [ARG...]", "run a query (by name, or SQL text) and print its rows" },
    { "detection list", cmd_detection_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List detections from the current mod and its direct dependents" },
    { "variable list", cmd_variable_list,
      CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) | CACHE_FLAGS, ALL_FORMATS, NULL, NULL,
      "List variables of the current mod and its dependencies, with their values and sources" },
#define MOD_LIST_FORMATS                                                                                     \
    ((1u << CLI_FMT_PRETTY) | (1u << CLI_FMT_PLAIN) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_YAML))
    { "mod list", cmd_mod_list, CLI_BIT(F_OUTPUT), MOD_LIST_FORMATS, NULL, NULL,
      "List the installed dependency mods of the current mod, under its name (json, yaml: the mods as "
      "resources)" },
    { "mod show", cmd_mod_show, CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE), MOD_LIST_FORMATS,
      NULL, "NAME",
      "Show the details of a mod (its name, mod.NAME, or a dependency's path)" },
    { "payload", cmd_payload, LIST_FLAGS, 1u << CLI_FMT_JSON,
      "payload prints the available_dashboards message, which is JSON, byte for byte as Powerpipe sends it",
      NULL, "Print the available_dashboards message of Powerpipe's server" },
    { "index", cmd_index, CLI_BIT(F_OUTPUT) | CACHE_FLAGS, (1u << CLI_FMT_PRETTY) | (1u << CLI_FMT_PLAIN),
      "index prints a tree for people; for JSON use payload or a list command", NULL,
      "Print the index as a tree, with build figures (no evaluation; with --index-cache DIR: through the "
      "persisted index, saying whether it was reopened, patched or rebuilt, and why)" },
    { "cache prune", cmd_cache_prune, CLI_BIT(F_INDEX_CACHE) | CLI_BIT(F_INDEX_CACHE_MAX), 0, NULL, NULL,
      "Remove the least recently used images until the index cache fits its bound (as git gc)" },
    { "cache clear", cmd_cache_clear, CLI_BIT(F_INDEX_CACHE), 0, NULL, NULL,
      "Remove every image from the index cache (the next command builds its index again)" },
    { "cache", cmd_cache, CLI_BIT(F_INDEX_CACHE) | CLI_BIT(F_INDEX_CACHE_MAX), 0,
      "the cache only saves time: removing it loses nothing (as git's objects are packed by gc, "
      "lazypipe's images are pruned to the bound each time one is written)", NULL,
      "Show the index cache: its directory, its images and the bytes they take against the bound" },
    { "watch", cmd_watch, CLI_BIT(F_OUTPUT) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) | CACHE_FLAGS,
      (1u << CLI_FMT_PRETTY) | (1u << CLI_FMT_PLAIN) | (1u << CLI_FMT_JSON),
      "watch prints a line per change, or with --output json a JSON object per line", NULL,
      "Follow the workspace: a line per change (what changed, counts, time, new diagnostics) until Ctrl-C" },
    { "server", cmd_server,
      CLI_BIT(F_PORT) | CLI_BIT(F_LISTEN) | CLI_BIT(F_UI_DIR) | CLI_BIT(F_VAR) | CLI_BIT(F_VAR_FILE) |
          CLI_BIT(F_TOKEN) | CLI_BIT(F_ALLOW_HOST) | CACHE_FLAGS | CLI_BIT(F_DATABASE) |
          CLI_BIT(F_MAX_PARALLEL) | CLI_BIT(F_QUERY_TIMEOUT) | CLI_BIT(F_SHARE_RESULTS) | CLI_BIT(F_WATCH) |
          CLI_BIT(F_DASHBOARD_TIMEOUT) | CLI_BIT(F_PIPES_HOST) | CLI_BIT(F_PIPES_TOKEN),
      0, NULL, NULL,
      "Serve Powerpipe's dashboard protocol (HTTP and WebSocket at /ws) and a built-in page, live until "
      "Ctrl-C" },
    { "parse", cmd_parse, CLI_BIT(F_OUTPUT), 1u << CLI_FMT_JSON,
      "parse prints hashicorp/hcl's parse of each file as hcl2json's JSON", "FILE...",
      "Print hashicorp/hcl's parse of each file, as hcl2json prints it" },
    { "control run", cmd_control_run, CHECK_FLAGS, CHECK_FORMATS, NULL, "NAME...",
      "Run controls against the database and print their results as Powerpipe does (exit status 0: all "
      "ok, 1: alarms, 2: errors)" },
    { "benchmark run", cmd_benchmark_run, CHECK_FLAGS, CHECK_FORMATS, NULL, "NAME...|all",
      "Run benchmarks against the database and print their results as Powerpipe does (exit status 0: all "
      "ok, 1: alarms, 2: errors)" },
#define MOD_FLAGS (CLI_BIT(F_PULL) | CLI_BIT(F_PRUNE) | CLI_BIT(F_DRY_RUN))
    { "mod init", cmd_mod_init, 0, 0, NULL, NULL, "Initialize the current directory with a mod.pp file" },
    { "mod install", cmd_mod_install, MOD_FLAGS | CLI_BIT(F_FORCE), 0, NULL, "[URL[@VERSION|#BRANCH]|DIR...]",
      "Install one or more mods and their dependencies (git tags satisfying the version constraint)" },
    { "mod update", cmd_mod_update, MOD_FLAGS | CLI_BIT(F_FORCE), 0, NULL, "[URL...]",
      "Update one or more mods and their dependencies to the newest versions their constraints allow" },
    { "mod uninstall", cmd_mod_uninstall, CLI_BIT(F_PRUNE) | CLI_BIT(F_DRY_RUN), 0, NULL, "[URL...]",
      "Uninstall a mod and its dependencies" },
    { "dashboard run", cmd_dashboard_run, RUN_FLAGS | CLI_BIT(F_DASHBOARD_TIMEOUT),
      (1u << CLI_FMT_SNAPSHOT) | (1u << CLI_FMT_PPS) | (1u << CLI_FMT_NONE),
      "dashboard run prints the dashboard's snapshot (snapshot, pps) or nothing (none)", "NAME",
      "Run a dashboard (--arg NAME=VALUE gives an input its value) and print or --export its snapshot" },
#define DETECTION_RUN_FLAGS                                                                                  \
    (RUN_FLAGS | CLI_BIT(F_HEADER) | CLI_BIT(F_SEPARATOR) | CLI_BIT(F_DETECTION_TIMEOUT))
#define DETECTION_RUN_FORMATS                                                                                \
    ((1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_SNAPSHOT) | (1u << CLI_FMT_PPS) |          \
     (1u << CLI_FMT_NONE))
    { "detection run", cmd_detection_run, DETECTION_RUN_FLAGS, DETECTION_RUN_FORMATS,
      "detection run prints text, json, snapshot, pps or none", "NAME",
      "Run a detection or a detection benchmark and print its rows as Powerpipe does (exit status 0 once "
      "printed, 250: nothing could run)" },
    { "dashboard show", cmd_dashboard_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "benchmark show", cmd_benchmark_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "control show", cmd_control_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "query show", cmd_query_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "detection show", cmd_detection_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "card show", cmd_card_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "chart show", cmd_chart_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "container show", cmd_container_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "flow show", cmd_flow_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "graph show", cmd_graph_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "hierarchy show", cmd_hierarchy_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "image show", cmd_image_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "input show", cmd_input_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "table show", cmd_table_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "text show", cmd_text_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Load NAME whole (every attribute evaluated, with its children) and show it" },
    { "variable show", cmd_variable_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Show variable NAME: its default, value and type, as Powerpipe's variable show" },
/* Powerpipe's subcommands of `dashboard` for the resources inside dashboards */
#define DASHBOARD_CHILD(t)                                                                                   \
    { "dashboard " t " list", cmd_child_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,                         \
      "List the " t " resources of the current mod and its direct dependents" },                          \
    { "dashboard " t " show", cmd_child_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",                       \
      "Load " t " NAME whole (every attribute evaluated, with its children) and show it" }
    DASHBOARD_CHILD("card"), DASHBOARD_CHILD("category"), DASHBOARD_CHILD("chart"),
    DASHBOARD_CHILD("container"), DASHBOARD_CHILD("edge"), DASHBOARD_CHILD("flow"),
    DASHBOARD_CHILD("graph"), DASHBOARD_CHILD("hierarchy"), DASHBOARD_CHILD("image"),
    DASHBOARD_CHILD("input"), DASHBOARD_CHILD("node"), DASHBOARD_CHILD("table"), DASHBOARD_CHILD("text"),
#undef DASHBOARD_CHILD
    /* Powerpipe's hidden dashboardChildCommands for detections: the detection commands under
     * `dashboard`, as scripts written for it call them */
    { "dashboard detection list", cmd_detection_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List detections (as detection list)" },
    { "dashboard detection show", cmd_detection_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Show detection NAME (as detection show)" },
    { "dashboard detection run", cmd_detection_run, DETECTION_RUN_FLAGS, DETECTION_RUN_FORMATS,
      "detection run prints text, json, snapshot, pps or none", "NAME",
      "Run a detection or a detection benchmark (as detection run)" },
    { "dashboard detectionbenchmark list", cmd_detection_benchmark_list, LIST_FLAGS, ALL_FORMATS, NULL, NULL,
      "List detection benchmarks" },
    { "dashboard detectionbenchmark show", cmd_benchmark_show, SHOW_FLAGS, ALL_FORMATS, NULL, "NAME",
      "Show detection benchmark NAME (as benchmark show)" },
    { "dashboard detectionbenchmark run", cmd_detection_run, DETECTION_RUN_FLAGS, DETECTION_RUN_FORMATS,
      "detection run prints text, json, snapshot, pps or none", "NAME",
      "Run a detection benchmark (as detection run)" },
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];
