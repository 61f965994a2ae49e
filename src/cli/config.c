/* config.c — Powerpipe's configuration precedence, owned here and nowhere else.
 *
 * Every setting a user's scripts pass in (a flag, a POWERPIPE_* variable, an attribute of a
 * workspace profile) is one row of SETTINGS.  pipe-fittings' BootstrapViper gives the order,
 * lowest first: the default, the `default` workspace profile, the environment, the profile named
 * by --workspace / POWERPIPE_WORKSPACE, the flag (Powerpipe's config_precedence.bats checks the
 * same).  A value from the environment that does not parse is ignored with a warning (Powerpipe
 * ignores it silently); a bad flag or profile value is an error. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { K_STR, K_INT, K_BOOL, K_LIST };

typedef struct setting {
    const char *key;        /* Powerpipe's viper key (its flag's name) */
    int flag;               /* F_..., or -1: no flag in lazypipe */
    const char *env;        /* its variable, or NULL */
    const char *profile;    /* its workspace profile attribute, or NULL */
    int kind;
    const char *dflt;       /* Powerpipe's default, or NULL: unset */
    size_t to;              /* TO(field): the cli_opts field it sets, offset + 1 (0: none or set apart) */
    int to_int;             /* that field is an int (as int_of or bool_of give it), else a string */
} setting;

/* a setting's field in cli_opts, its type read from its declaration; NO_FIELD: none, or set apart */
#define TO(field) offsetof(cli_opts, field) + 1, _Generic(((cli_opts *)0)->field, int: 1, const char *: 0)
#define NO_FIELD 0, 0

/* The settings Powerpipe's viper holds for the commands lazypipe has (internal/cmd/ files,
 * cmdconfig/mappings.go, workspace_profile_powerpipe.go). */
static const setting SETTINGS[] = {
    { "benchmark-timeout", F_BENCHMARK_TIMEOUT, "POWERPIPE_BENCHMARK_TIMEOUT", "benchmark_timeout", K_INT,
      "0", NO_FIELD },
    { "cache-max-ttl", -1, "POWERPIPE_CACHE_MAX_TTL", NULL, K_INT, NULL, NO_FIELD },
    { "cache-ttl", -1, "POWERPIPE_CACHE_TTL", NULL, K_INT, NULL, NO_FIELD },
    /* POWERPIPE_CACHE (pipe-fittings EnvCacheEnabled) sets both keys, as its envMappings do */
    { "client-cache-enabled", -1, "POWERPIPE_CACHE", NULL, K_BOOL, NULL, NO_FIELD },
    { "config-path", F_CONFIG_PATH, "POWERPIPE_CONFIG_PATH", NULL, K_STR, NULL, NO_FIELD },
    { "dashboard-timeout", F_DASHBOARD_TIMEOUT, "POWERPIPE_DASHBOARD_TIMEOUT", "dashboard_timeout", K_INT,
      "0", TO(dashboard_timeout_s) },
    { "database", F_DATABASE, "POWERPIPE_DATABASE", "database", K_STR, NULL, TO(database) },
    { "detection-timeout", F_DETECTION_TIMEOUT, NULL, NULL, K_INT, "0", NO_FIELD },
    { "display-width", -1, "POWERPIPE_DISPLAY_WIDTH", NULL, K_INT, NULL, TO(display_width) },
    { "header", F_HEADER, NULL, "header", K_BOOL, "true", TO(header) },
    { "host", -1, NULL, "host", K_STR, NULL, NO_FIELD },
    { "input", F_INPUT, NULL, "input", K_BOOL, "true", TO(input) },
    { "install-dir", F_INSTALL_DIR, "POWERPIPE_INSTALL_DIR", "install_dir", K_STR, "~/.powerpipe",
      TO(install_dir) },
    { "listen", F_LISTEN, "POWERPIPE_LISTEN", "listen", K_STR, "local", TO(listen) },
    { "log-level", -1, "POWERPIPE_LOG_LEVEL", "log_level", K_STR, NULL, NO_FIELD },
    { "max-parallel", F_MAX_PARALLEL, "POWERPIPE_MAX_PARALLEL", "max_parallel", K_INT, "10",
      TO(max_parallel) },
    { "memory-max-mb", -1, "POWERPIPE_MEMORY_MAX_MB", "memory_max_mb", K_INT, "1024", NO_FIELD },
    { "mod-location", F_MOD_LOCATION, "POWERPIPE_MOD_LOCATION", "mod_location", K_STR, NULL, NO_FIELD },
    { "output", F_OUTPUT, NULL, "output", K_STR, NULL, NO_FIELD },
    { "pipes-host", F_PIPES_HOST, "PIPES_HOST", "pipes_host", K_STR, "pipes.turbot.com", NO_FIELD },
    { "pipes-token", F_PIPES_TOKEN, "PIPES_TOKEN", "pipes_token", K_STR, NULL, NO_FIELD },
    { "port", F_PORT, "POWERPIPE_PORT", "port", K_INT, "9033", TO(port) },
    { "progress", F_PROGRESS, NULL, "progress", K_BOOL, "true", TO(progress) },
    { "query-timeout", F_QUERY_TIMEOUT, "POWERPIPE_QUERY_TIMEOUT", "query_timeout", K_INT, "300",
      TO(query_timeout_s) },
    { "search-path", F_SEARCH_PATH, NULL, "search_path", K_LIST, NULL, TO(search_path) },
    { "search-path-prefix", F_SEARCH_PATH_PREFIX, NULL, "search_path_prefix", K_LIST, NULL,
      TO(search_path_prefix) },
    { "separator", F_SEPARATOR, NULL, "separator", K_STR, ",", TO(separator) },
    { "service-cache-enabled", -1, "POWERPIPE_CACHE", NULL, K_BOOL, NULL, NO_FIELD },
    { "snapshot-location", F_SNAPSHOT_LOCATION, "POWERPIPE_SNAPSHOT_LOCATION", "snapshot_location", K_STR,
      NULL, TO(snapshot_location) },
    { "telemetry", -1, "POWERPIPE_TELEMETRY", "telemetry", K_STR, "info", NO_FIELD },
    { "timing", F_TIMING, NULL, "timing", K_BOOL, "false", TO(timing) },
    { "update-check", -1, "POWERPIPE_UPDATE_CHECK", "update_check", K_BOOL, "true", NO_FIELD },
    { "watch", F_WATCH, NULL, "watch", K_BOOL, "true", TO(watch) },
    { "workspace", F_WORKSPACE, "POWERPIPE_WORKSPACE", NULL, K_STR, "default", TO(workspace) },
};
#define NSETTINGS (sizeof SETTINGS / sizeof SETTINGS[0])

/* Where a setting's value came from (for messages). */
enum { SRC_DEFAULT, SRC_DEFAULT_PROFILE, SRC_ENV, SRC_PROFILE, SRC_FLAG };

typedef struct resolved {
    const char *value[NSETTINGS];
    int source[NSETTINGS];
} resolved;

/* The dump reads the last resolution (one per process). */
static resolved last;

static int setting_index(const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(SETTINGS[i].key, key) == 0) return (int)i;
    return -1;
}

static int source_of(const resolved *r, const char *key)
{
    int i = setting_index(key);
    return i >= 0 ? r->source[i] : SRC_DEFAULT;
}

static const char *get(const resolved *r, const char *key)
{
    int i = setting_index(key);
    return i >= 0 ? r->value[i] : NULL;
}

/* Go's strconv.ParseBool, as cobra's bool flags and go-kit's ToBool take them. */
static int parse_bool(const char *s, int *out)
{
    static const char *const T[] = { "1", "t", "T", "true", "TRUE", "True" };
    static const char *const F[] = { "0", "f", "F", "false", "FALSE", "False" };
    for (size_t i = 0; i < 6; i++) {
        if (strcmp(s, T[i]) == 0) return *out = 1, 0;
        if (strcmp(s, F[i]) == 0) return *out = 0, 0;
    }
    return -1;
}

int cli_exe_dir(char *out, size_t size)
{
    ssize_t n = size > 1 ? readlink("/proc/self/exe", out, size - 1) : -1;
    if (n <= 0) return -1;
    out[n] = 0;
    char *slash = strrchr(out, '/');
    if (!slash) return -1;
    *slash = 0;
    return 0;
}

int cli_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || errno || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* a K_INT setting's value: a whole number from 0 to a billion */
static int parse_int(const char *s, long *out) { return cli_parse_long(s, 0, 1000000000, out); }

static int valid(int kind, const char *v)
{
    long l;
    int b;
    return kind == K_INT ? parse_int(v, &l) == 0 : kind == K_BOOL ? parse_bool(v, &b) == 0 : 1;
}

static const char *source_name(int src, const char *profile)
{
    static char buf[300];
    if (src == SRC_FLAG) return "flag";
    if (src == SRC_ENV) return "environment variable";
    snprintf(buf, sizeof buf, "workspace \"%s\"", profile);
    return buf;
}

/* A whole number setting's value (0 when unset). */
static int int_of(const resolved *r, const char *key)
{
    long v = 0;
    const char *s = get(r, key);
    if (s) parse_int(s, &v);
    return (int)v;
}

static int bool_of(const resolved *r, const char *key)
{
    int v = 0;
    const char *s = get(r, key);
    if (s) parse_bool(s, &v);
    return v;
}

/* Every config loaded, kept until the process ends: settings point into the profiles, and a run
 * reads the connections. */
static struct loaded_config {
    struct loaded_config *next;
    char *key;
    lp_config *cfg;
} *loaded_configs;

/* What lp_config_load's result for mod_dir depends on: the directory "." names, the current
 * directory (relative entries) and the variables giving the config path and "~".  NULL: out of
 * memory. */
static char *config_key(const char *mod_dir)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    const char *dir = realpath(mod_dir, real) ? real : mod_dir;
    static const char *const vars[] = { "POWERPIPE_CONFIG_PATH", "POWERPIPE_INSTALL_DIR", "HOME" };
    lp_buf b = { 0 };
    lp_buf_printf(&b, "%s\n%s", dir, getcwd(cwd, sizeof cwd) ? cwd : "");
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        lp_buf_printf(&b, "\n%s", getenv(vars[i]) ? getenv(vars[i]) : "");
    char *key = b.oom ? NULL : strdup(b.data);
    lp_buf_free(&b);
    return key;
}

const lp_config *cli_config_load(const char *mod_dir, lp_error *err)
{
    char *key = config_key(mod_dir);
    for (struct loaded_config *l = loaded_configs; key && l; l = l->next)
        if (strcmp(l->key, key) == 0) {
            free(key);
            return l->cfg;
        }
    lp_config *cfg = NULL;
    struct loaded_config *l = key ? malloc(sizeof *l) : NULL;
    int rc = lp_config_load(NULL, mod_dir, &cfg, err);
    if (rc != LP_OK || !l) {
        if (rc == LP_OK) {
            lp_config_free(cfg);
            err->code = LP_ERR_NOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        free(key);
        free(l);
        return NULL;
    }
    *l = (struct loaded_config){ loaded_configs, key, cfg };
    loaded_configs = l;
    return cfg;
}

static void apply_profile(resolved *r, const lp_workspace_profile *p, int src)
{
    for (size_t i = 0; p && i < NSETTINGS; i++) {
        const char *v = SETTINGS[i].profile ? lp_profile_get(p, SETTINGS[i].profile) : NULL;
        if (v) {
            r->value[i] = v;
            r->source[i] = src;
        }
    }
}

int cli_config_resolve(cli_opts *o)
{
    resolved *r = &last;
    memset(r, 0, sizeof *r);
    /* 1. defaults */
    for (size_t i = 0; i < NSETTINGS; i++) r->value[i] = SETTINGS[i].dflt;
    /* the install dir and config path come first: the profiles live on the config path */
    int ii = setting_index("install-dir"), ci = setting_index("config-path");
    const char *inst = o->flag_values[F_INSTALL_DIR] ? o->flag_values[F_INSTALL_DIR]
                                                     : getenv("POWERPIPE_INSTALL_DIR");
    if (inst && *inst && ii >= 0) {
        r->value[ii] = inst;
        /* the library reads the config path's default from the variable */
        setenv("POWERPIPE_INSTALL_DIR", inst, 1);
    }
    if (o->flag_values[F_CONFIG_PATH]) setenv("POWERPIPE_CONFIG_PATH", o->flag_values[F_CONFIG_PATH], 1);
    if (ci >= 0) r->value[ci] = getenv("POWERPIPE_CONFIG_PATH");
    /* 2. the profiles: the `default` one, and the one named by --workspace or the variable */
    const char *mod_dir = o->flag_values[F_MOD_LOCATION] ? o->flag_values[F_MOD_LOCATION]
                          : getenv("POWERPIPE_MOD_LOCATION") ? getenv("POWERPIPE_MOD_LOCATION")
                                                             : ".";
    const char *named = o->flag_values[F_WORKSPACE] ? o->flag_values[F_WORKSPACE]
                                                    : getenv("POWERPIPE_WORKSPACE");
    if (named && !*named) named = NULL;
    lp_error err;
    const lp_config *cfg = cli_config_load(mod_dir, &err);
    if (!cfg) {
        /* the commands that read the config path report it (cli_open_workspace); a named profile
         * cannot be had without it */
        if (named) {
            cli_error("%s", err.message);
            return CLI_ERRORS;
        }
    }
    const lp_workspace_profile *dp = lp_config_profile_find(cfg, "default"), *np = NULL;
    if (named) {
        np = lp_config_profile_find(cfg, named);
        if (!np && strcmp(named, "default") != 0) {
            const char *cp = getenv("POWERPIPE_CONFIG_PATH");
            cli_error("workspace '%s' not found in config path %s", named,
                      cp && *cp ? cp : ". and the install directory's config");
            return CLI_ERRORS;
        }
    }
    apply_profile(r, dp, SRC_DEFAULT_PROFILE);
    /* 3. the environment; POWERPIPE_CACHE_ENABLED, which lazypipe read before POWERPIPE_CACHE, still
     * counts when POWERPIPE_CACHE is not set (deprecated) */
    const char *cache_alias = getenv("POWERPIPE_CACHE") ? NULL : getenv("POWERPIPE_CACHE_ENABLED");
    if (cache_alias)
        cli_warning("POWERPIPE_CACHE_ENABLED is deprecated: Powerpipe reads POWERPIPE_CACHE");
    for (size_t i = 0; i < NSETTINGS; i++) {
        const char *v = SETTINGS[i].env ? getenv(SETTINGS[i].env) : NULL;
        if (!v && cache_alias && SETTINGS[i].env && strcmp(SETTINGS[i].env, "POWERPIPE_CACHE") == 0)
            v = cache_alias;
        if (!v || (int)i == ii || (int)i == ci) continue;
        if (!valid(SETTINGS[i].kind, v)) {
            cli_warning("ignoring %s=\"%s\": %s is expected", SETTINGS[i].env, v,
                        SETTINGS[i].kind == K_INT ? "a whole number" : "true or false");
            continue;
        }
        r->value[i] = v;
        r->source[i] = SRC_ENV;
    }
    /* 4. the named profile */
    apply_profile(r, np, SRC_PROFILE);
    /* 5. the flags */
    for (size_t i = 0; i < NSETTINGS; i++)
        if (SETTINGS[i].flag >= 0 && o->flag_values[SETTINGS[i].flag]) {
            r->value[i] = o->flag_values[SETTINGS[i].flag];
            r->source[i] = SRC_FLAG;
        }
    /* every value checked, wherever it came from */
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (!r->value[i] || valid(SETTINGS[i].kind, r->value[i])) continue;
        if (r->source[i] == SRC_FLAG)
            cli_error("invalid argument \"%s\" for \"--%s\": %s is expected", r->value[i], SETTINGS[i].key,
                      SETTINGS[i].kind == K_INT ? "a whole number" : "true or false");
        else
            cli_error("invalid value \"%s\" for %s of %s: %s is expected", r->value[i], SETTINGS[i].profile,
                      source_name(r->source[i], r->source[i] == SRC_PROFILE ? named : "default"),
                      SETTINGS[i].kind == K_INT ? "a whole number" : "true or false");
        return CLI_USAGE;
    }
    for (size_t i = 0; i < NSETTINGS; i++) {   /* the options the commands read */
        if (!SETTINGS[i].to) continue;
        void *field = (char *)o + SETTINGS[i].to - 1;
        if (!SETTINGS[i].to_int) *(const char **)field = r->value[i];
        else if (SETTINGS[i].kind == K_BOOL) *(int *)field = bool_of(r, SETTINGS[i].key);
        else *(int *)field = int_of(r, SETTINGS[i].key);
    }
    if (get(r, "mod-location")) o->mod_location = get(r, "mod-location");
    o->benchmark_timeout_s = int_of(r, o->flag_values[F_DETECTION_TIMEOUT] ? "detection-timeout"
                                                                            : "benchmark-timeout");
    /* Powerpipe's memory limit bounds lazypipe's cache of loaded resources: 1/16 of it, so that
     * Powerpipe's default 1024 MB is the library's default 64 MiB */
    if (source_of(r, "memory-max-mb") != SRC_DEFAULT)
        o->cache_budget = (uint64_t)int_of(r, "memory-max-mb") * 1024 * 1024 / 16;
    /* Powerpipe's query cache is lazypipe's sharing of results between a server's clients:
     * disabled, none; its TTL (at most the max TTL), how old a shared result may be */
    if (!o->flag_values[F_SHARE_RESULTS]) {
        if (get(r, "client-cache-enabled") && !bool_of(r, "client-cache-enabled")) o->share_results_s = 0;
        else if (get(r, "cache-ttl")) {
            int ttl = int_of(r, "cache-ttl"), max = int_of(r, "cache-max-ttl");
            o->share_results_s = get(r, "cache-max-ttl") && ttl > max ? max : ttl;
        }
    }
    /* a profile's output: a format the command prints (the flag's own was checked by the caller) */
    const char *out = get(r, "output");
    int osrc = source_of(r, "output");
    if (out && osrc != SRC_FLAG && o->cmd && o->cmd->formats) {
        for (int k = 0; k < CLI_FMT__COUNT; k++)
            if (strcasecmp(out, cli_format_names[k]) == 0 && (o->cmd->formats & (1u << k))) {
                o->format = (cli_format)k;
                o->output_given = 1;
            }
    }
    return 0;
}

static void json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') printf("\\%c", *p);
        else if (*p < 0x20) printf("\\u%04x", *p);
        else if (*p == '<' || *p == '>' || *p == '&') printf("\\u%04x", *p);   /* Go's HTML-safe JSON */
        else putchar(*p);
    }
    putchar('"');
}

int cli_config_dump(const cli_opts *o)
{
    const char *mode = getenv("POWERPIPE_CONFIG_DUMP");
    if (!mode) return 0;
    if (strcasecmp(mode, "config_json") != 0 && strcasecmp(mode, "config") != 0) {
        cli_warning("invalid value for POWERPIPE_CONFIG_DUMP, expected values: config,config_json");
        return 0;
    }
    const resolved *r = &last;
    int json = strcasecmp(mode, "config_json") == 0;
    size_t width = 0;
    for (size_t i = 0; i < NSETTINGS; i++)
        if (r->value[i] && strlen(SETTINGS[i].key) > width) width = strlen(SETTINGS[i].key);
    if (json) printf("{");
    else printf("\n================\nSteampipe Config\n================\n\n");
    int first = 1;
    /* SETTINGS is sorted by key, as Go's encoding/json writes a map */
    for (size_t i = 0; i < NSETTINGS; i++) {
        const char *v = r->value[i];
        const char *key = SETTINGS[i].key;
        char cwd[PATH_MAX];
        if (strcmp(key, "output") == 0 && !v && o->cmd && o->cmd->formats) v = cli_format_names[o->format];
        if (strcmp(key, "mod-location") == 0 && !v && getcwd(cwd, sizeof cwd)) v = cwd;
        if (!v) continue;
        if (!json) {
            printf("%-*s: %s\n", (int)width, key, v);
            continue;
        }
        printf("%s\n \"%s\": ", first ? "" : ",", key);
        first = 0;
        int b;
        long l;
        if (SETTINGS[i].kind == K_INT && parse_int(v, &l) == 0) printf("%ld", l);
        else if (SETTINGS[i].kind == K_BOOL && parse_bool(v, &b) == 0) printf("%s", b ? "true" : "false");
        else if (SETTINGS[i].kind == K_LIST) {
            printf("[");
            const char *p = v;
            int n = 0;
            for (;;) {
                size_t len = strcspn(p, ",");
                char item[512];
                const char *s = p, *e = p + len;
                while (s < e && (*s == ' ' || *s == '\t')) s++;
                while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
                snprintf(item, sizeof item, "%.*s", (int)(e - s), s);
                printf("%s\n  ", n++ ? "," : "");
                json_string(item);
                if (!p[len]) break;
                p += len + 1;
            }
            printf("\n ]");
        } else json_string(v);
    }
    printf(json ? "\n}\n" : "\n");
    return 1;
}

int cli_config_display_width(void)
{
    return int_of(&last, "display-width");
}

void cli_go_duration_ms(int64_t ms, char *out, size_t size)
{
    if (ms <= 0) {
        snprintf(out, size, "0s");
        return;
    }
    if (ms < 1000) {
        snprintf(out, size, "%lldms", (long long)ms);
        return;
    }
    int64_t h = ms / 3600000, m = ms / 60000 % 60, sec = ms / 1000 % 60, frac = ms % 1000;
    char hm[48] = "";
    if (h) snprintf(hm, sizeof hm, "%lldh%lldm", (long long)h, (long long)m);
    else if (m) snprintf(hm, sizeof hm, "%lldm", (long long)m);
    char f[8] = "";
    if (frac) {
        snprintf(f, sizeof f, ".%03lld", (long long)frac);
        for (size_t n = strlen(f); f[n - 1] == '0'; n--) f[n - 1] = 0;   /* Go drops trailing zeros */
    }
    snprintf(out, size, "%s%lld%ss", hm, (long long)sec, f);
}
