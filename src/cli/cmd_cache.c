/* cmd_cache.c — `lazypipe cache`, `cache prune`, `cache clear`: the index
 * cache directory seen and cleaned, after git's conventions:
 * `cache` reports as `git count-objects -v` does, `cache prune` applies the
 * bound now as `git gc` does (every image write applies it too, as git's
 * auto gc), `cache clear` removes every image.  The bound: --index-cache-max,
 * else $LAZYPIPE_CACHE_MAX, else 256M. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* "123", "64K", "256M", "1G" (also KiB, MiB, GiB; powers of 1024); 0 (none) is refused */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-') return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (shift && (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0)) end += strlen(end);
    if (*end || v == 0 || v > (UINT64_MAX >> shift)) return -1;
    *out = (uint64_t)v << shift;
    return 0;
}

int cli_index_cache_max(const cli_opts *o, uint64_t *out)
{
    const char *env = getenv("LAZYPIPE_CACHE_MAX");
    const char *s = o->index_cache_max ? o->index_cache_max : env && *env ? env : NULL;
    *out = 0;
    if (!s) return 0;
    if (parse_size(s, out) == 0) return 0;
    cli_error("%s \"%s\": expected a size such as 256M (bytes, or with K, M or G)",
              o->index_cache_max ? "--index-cache-max" : "LAZYPIPE_CACHE_MAX", s);
    return -1;
}

int cli_index_cache_dir(const cli_opts *o, char *out, size_t size)
{
    char dir[4096], why[4096 + 200];
    if (o->index_cache) {
        if ((size_t)snprintf(dir, sizeof dir, "%s", o->index_cache) >= sizeof dir) {
            cli_error("--index-cache: the path is too long");
            return -1;
        }
    } else if (lp_default_index_cache_dir(dir, sizeof dir) != LP_OK) {
        cli_error("no index cache directory: set LAZYPIPE_CACHE_DIR, XDG_CACHE_HOME or HOME, or use "
                  "--index-cache");
        return -1;
    }
    /* the directory the commands use: a private one inside a directory others may write */
    int rc = lp_index_cache_private(dir, out, size, why, sizeof why);
    if (why[0]) cli_warning("%s", why);
    if (rc == LP_OK) return 0;
    if (!why[0]) cli_error("cannot read %s", dir);
    return -1;
}

static void mib(char *buf, size_t n, uint64_t bytes)
{
    snprintf(buf, n, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

static void when(char *buf, size_t n, int64_t ns)
{
    time_t t = (time_t)(ns / 1000000000);
    struct tm tm;
    if (!ns || !localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm)) snprintf(buf, n, "-");
}

int cmd_cache(const cli_opts *o)
{
    char dir[4096], a[64], b[64], c[64];
    uint64_t max;
    if (cli_index_cache_dir(o, dir, sizeof dir) != 0 || cli_index_cache_max(o, &max) != 0) return CLI_ERRORS;
    if (!max) max = LP_INDEX_CACHE_MAX_DEFAULT;
    lp_index_cache_info in;
    int rc = lp_index_cache_info_get(dir, &in);
    if (rc == LP_ERR_NOT_FOUND) memset(&in, 0, sizeof in);
    else if (rc != LP_OK) {
        cli_error("cannot read %s: %s", dir, strerror(errno));
        return CLI_ERRORS;
    }
    mib(a, sizeof a, in.image_bytes);
    mib(b, sizeof b, max);
    mib(c, sizeof c, in.bytes - in.image_bytes);
    printf("directory:   %s\n", dir);
    printf("images:      %u, %s (bound %s: least recently used removed first)\n", in.images, a, b);
    printf("other files: %s (records of images found clean, writers' temporary files)\n", c);
    when(a, sizeof a, in.newest_use_ns);
    when(b, sizeof b, in.oldest_use_ns);
    printf("last used:   %s (newest), %s (oldest)\n", a, b);
    return fflush(stdout) == 0 ? 0 : CLI_ERRORS;
}

static int remove_images(const cli_opts *o, int all)
{
    char dir[4096];
    uint64_t max = 0;
    if (cli_index_cache_dir(o, dir, sizeof dir) != 0 || (!all && cli_index_cache_max(o, &max) != 0))
        return CLI_ERRORS;
    uint32_t removed = 0;
    int rc = all ? lp_index_cache_clear(dir, &removed) : lp_index_cache_prune(dir, max, &removed);
    if (rc != LP_OK && rc != LP_ERR_NOT_FOUND) {
        cli_error("%s: some files could not be removed", dir);
        return CLI_ERRORS;
    }
    printf("removed %u image%s from %s\n", removed, removed == 1 ? "" : "s", dir);
    return fflush(stdout) == 0 ? 0 : CLI_ERRORS;
}

int cmd_cache_prune(const cli_opts *o) { return remove_images(o, 0); }
int cmd_cache_clear(const cli_opts *o) { return remove_images(o, 1); }
