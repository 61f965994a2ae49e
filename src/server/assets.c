/* assets.c — the built-in page's files as the server serves them: which file a request's path
 * names, its length and its content type.  The files are src/server/page's, embedded by page.S
 * from the table the Makefile generates (src/server/page_assets.sh): adding a file to the page
 * needs no edit here; the table also holds the gzipped copies the Makefile makes (PAGE_GZ).  Read
 * by the server's service thread only; the table is constant. */
#include "assets.h"

#include <stdio.h>
#include <string.h>

/* page.S: a row per file, then a row of NULLs */
extern const srv_asset srv_page_assets[];

static const srv_asset *asset_named(const char *name, size_t len)
{
    for (const srv_asset *a = srv_page_assets; a->name; a++)
        if (strlen(a->name) == len && memcmp(a->name, name, len) == 0) return a;
    return NULL;
}

const srv_asset *srv_asset_for(const char *uri)
{
    size_t n = strlen(SRV_PAGE_URL);
    if (strncmp(uri, SRV_PAGE_URL, n) != 0) return asset_named("index.html", strlen("index.html"));
    /* a name is looked up as it is: no file of the table is named by "..", "%2e" or a query */
    const char *name = uri + n;
    size_t len = strcspn(name, "?#");
    /* a file's gzipped copy is sent only as its encoding (srv_asset_gzipped), not by a name of its own */
    if (len >= 3 && memcmp(name + len - 3, ".gz", 3) == 0) return NULL;
    return asset_named(name, len);
}

const srv_asset *srv_asset_gzipped(const srv_asset *a)
{
    char name[256];
    int n = snprintf(name, sizeof name, "%s.gz", a->name);
    return n > 0 && (size_t)n < sizeof name ? asset_named(name, (size_t)n) : NULL;
}

size_t srv_asset_len(const srv_asset *a)
{
    return (size_t)(a->end - a->start);
}

const char *srv_asset_type(const srv_asset *a)
{
    static const char *const types[][2] = {
        { ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
    };
    size_t n = strlen(a->name);
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        size_t k = strlen(types[i][0]);
        if (n >= k && strcmp(a->name + n - k, types[i][0]) == 0) return types[i][1];
    }
    return "application/octet-stream";
}
