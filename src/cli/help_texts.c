/* help_texts.c — the parts of a command's help that differ by command: a flag whose meaning
 * depends on the command (--dry-run lists controls for `benchmark run`, mods for `mod install`),
 * and the examples each `--help` shows, as Powerpipe's mod commands have them (internal/cmd/mod.go's
 * Long texts: "Examples:", a comment line then the command).  Powerpipe's own texts where it has
 * one, with lazypipe's name. */
#include "cli.h"

#include <string.h>

/* A flag's help for one command, where the one of commands.c's cli_flags does not fit it. */
static const struct {
    const char *words;
    int flag;
    const char *help;
} FLAG_TEXTS[] = {
    /* internal/cmd/mod.go */
    { "mod install", F_DRY_RUN,
      "Show which mods would be installed/updated/uninstalled without modifying them" },
    { "mod install", F_FORCE,
      "Install mods even if plugin/cli version requirements are not met (cannot be used with --dry-run): "
      "the mod's require { powerpipe { min_version } } (lazypipe answers as Powerpipe " CLI_POWERPIPE_VERSION
      "; plugin versions are not checked), and a dependency that fails to install" },
    { "mod install", F_PRUNE,
      "Remove unused dependencies after installation is complete (default true; "
      "--prune=false)" },
    { "mod update", F_DRY_RUN, "Show which mods would be updated without modifying them" },
    { "mod update", F_FORCE,
      "Update mods even if plugin/cli version requirements are not met (cannot be used with --dry-run): as "
      "mod install's --force" },
    { "mod update", F_PRUNE,
      "Remove unused dependencies after update is complete (default true; "
      "--prune=false)" },
    { "mod uninstall", F_DRY_RUN, "Show which mods would be uninstalled without modifying them" },
    { "mod uninstall", F_PRUNE,
      "Remove unused dependencies after uninstallation is complete (default true; "
      "--prune=false)" },
    /* internal/cmd/check.go */
    { "benchmark run", F_DRY_RUN, "Show which controls will be run without running them" },
    { "control run", F_DRY_RUN, "Show which controls will be run without running them" },
};

const char *cli_flag_help(const cli_command *c, int flag)
{
    for (size_t i = 0; c && i < sizeof FLAG_TEXTS / sizeof *FLAG_TEXTS; i++)
        if (FLAG_TEXTS[i].flag == flag && strcmp(FLAG_TEXTS[i].words, c->words) == 0)
            return FLAG_TEXTS[i].help;
    return cli_flags[flag].help;
}

/* Each command's examples: "# what it does" then the command line, pairs separated by blank lines. */
static const struct {
    const char *words;
    const char *text;
} EXAMPLES[] = {
    /* Powerpipe's (internal/cmd/mod.go) */
    { "mod init", "  # Initialize the current directory with a mod.pp file\n"
                  "  lazypipe mod init\n" },
    { "mod install", "  # Install a mod(steampipe-mod-aws-compliance)\n"
                     "  lazypipe mod install github.com/turbot/steampipe-mod-aws-compliance\n\n"
                     "  # Install a specific version of a mod\n"
                     "  lazypipe mod install github.com/turbot/steampipe-mod-aws-compliance@0.1\n\n"
                     "  # Install a version of a mod using a semver constraint\n"
                     "  lazypipe mod install github.com/turbot/steampipe-mod-aws-compliance@'^1'\n\n"
                     "  # Install all mods specified in the mod.pp and their dependencies\n"
                     "  lazypipe mod install\n\n"
                     "  # Preview what lazypipe mod install will do, without actually installing anything\n"
                     "  lazypipe mod install --dry-run\n" },
    { "mod update",
      "  # Update a mod to the latest version allowed by its current constraint\n"
      "  lazypipe mod update github.com/turbot/steampipe-mod-aws-compliance\n\n"
      "  # Update all mods specified in the mod.pp and their dependencies to the latest versions "
      "that meet their constraints, and install any that are missing\n"
      "  lazypipe mod update\n" },
    { "mod uninstall", "  # Uninstall a mod\n"
                       "  lazypipe mod uninstall github.com/turbot/steampipe-mod-azure-compliance\n" },
    { "mod list", "  # List installed mods\n"
                  "  lazypipe mod list\n" },
    { "mod show", "  # Show the current mod\n"
                  "  lazypipe mod show mod.my_mod\n\n"
                  "  # Show an installed dependency mod as JSON\n"
                  "  lazypipe mod show aws_compliance --output json\n" },
    /* lazypipe's */
    { "query run", "  # Run a named query of the current mod\n"
                   "  lazypipe query run my_query\n\n"
                   "  # Run SQL on a SQLite file, as JSON\n"
                   "  lazypipe query run \"select 1 as one\" --database sqlite://demo.db --output json\n\n"
                   "  # Pass the query's params\n"
                   "  lazypipe query run my_query --arg region=us-east-1\n" },
    { "benchmark run",
      "  # Run a benchmark against the default database (Steampipe's port 9193)\n"
      "  lazypipe benchmark run aws_compliance.benchmark.cis_v300\n\n"
      "  # Only its controls tagged service = AWS/S3, as CSV\n"
      "  lazypipe benchmark run aws_compliance.benchmark.cis_v300 --tag service=AWS/S3 --output csv\n\n"
      "  # Write the results as JSON and HTML as well\n"
      "  lazypipe benchmark run aws_compliance.benchmark.cis_v300 --export results.json --export html\n" },
    { "control run", "  # Run one control\n"
                     "  lazypipe control run s3_bucket_versioning_enabled\n\n"
                     "  # Show which controls would run\n"
                     "  lazypipe control run s3_bucket_versioning_enabled --dry-run\n" },
    { "dashboard run", "  # Run a dashboard and write its snapshot to a file\n"
                       "  lazypipe dashboard run my_dashboard --export pps\n\n"
                       "  # Give one of its inputs a value\n"
                       "  lazypipe dashboard run my_dashboard --arg region=us-east-1 > snap.pps\n" },
    { "detection run", "  # Run a detection\n"
                       "  lazypipe detection run my_detection\n\n"
                       "  # Run a detection benchmark, as JSON\n"
                       "  lazypipe detection run my_detection_benchmark --output json\n" },
    { "dashboard detection run", "  # Run a detection (as detection run)\n"
                                 "  lazypipe dashboard detection run my_detection\n" },
    { "dashboard detectionbenchmark run",
      "  # Run a detection benchmark (as detection run)\n"
      "  lazypipe dashboard detectionbenchmark run my_detection_benchmark\n" },
    { "server", "  # Serve the current mod's dashboards on http://localhost:9033\n"
                "  lazypipe server\n\n"
                "  # On another port, to the network, with an access token\n"
                "  lazypipe server --port 8080 --listen network --token s3cret\n" },
    { "variable list", "  # List the variables with their values\n"
                       "  lazypipe variable list\n\n"
                       "  # With a value given on the command line\n"
                       "  lazypipe variable list --var region=us-east-1 --output json\n" },
    { "payload", "  # The server's available_dashboards message\n"
                 "  lazypipe payload > available_dashboards.json\n" },
    { "index", "  # The index as a tree\n"
               "  lazypipe index\n" },
    { "cache", "  # Where the index cache is and what it holds\n"
               "  lazypipe cache\n" },
    { "cache prune", "  # Bring the index cache down to 64 MB\n"
                     "  lazypipe cache prune --index-cache-max 64M\n" },
    { "cache clear", "  # Empty the index cache\n"
                     "  lazypipe cache clear\n" },
    { "watch", "  # Follow the workspace's changes, a JSON object per change\n"
               "  lazypipe watch --output json\n" },
    { "parse", "  # hashicorp/hcl's parse of a file, as hcl2json prints it\n"
               "  lazypipe parse mod.pp\n" },
};

/* "dashboard card list" -> "card", "benchmark list" -> "benchmark" (the resource type of a list or
 * show command). */
static void resource_type(const char *words, char *out, size_t n)
{
    const char *w = strncmp(words, "dashboard ", 10) == 0 && strchr(words + 10, ' ') ? words + 10 : words;
    size_t k = strcspn(w, " ");
    if (k >= n) k = n - 1;
    memcpy(out, w, k);
    out[k] = '\0';
}

void cli_help_examples(FILE *f, const cli_command *c)
{
    for (size_t i = 0; i < sizeof EXAMPLES / sizeof *EXAMPLES; i++)
        if (strcmp(EXAMPLES[i].words, c->words) == 0) {
            fprintf(f, "\nExamples:\n\n%s", EXAMPLES[i].text);
            return;
        }
    /* the list and show commands of every resource type, alike */
    size_t wl = strlen(c->words);
    char type[32];
    resource_type(c->words, type, sizeof type);
    if (wl > 5 && strcmp(c->words + wl - 5, " list") == 0)
        fprintf(f,
                "\nExamples:\n\n  # List the %ss of the current mod and its direct dependencies\n  lazypipe "
                "%s\n\n"
                "  # As JSON\n  lazypipe %s --output json\n",
                type, c->words, c->words);
    else if (wl > 5 && strcmp(c->words + wl - 5, " show") == 0)
        fprintf(f,
                "\nExamples:\n\n  # Show a %s of the current mod\n  lazypipe %s my_%s\n\n"
                "  # One of a dependency mod, as JSON\n  lazypipe %s aws_compliance.%s.my_%s --output json\n",
                type, c->words, type, c->words, type, type);
}
