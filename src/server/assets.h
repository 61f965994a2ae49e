/* assets.h — the built-in page's files, embedded in the server (src/server/assets.c). */
#ifndef LP_SERVER_ASSETS_H
#define LP_SERVER_ASSETS_H

#include <stddef.h>

/* The URL under which the page's files are served: SRV_PAGE_URL followed by the file's name under
 * src/server/page ("main.js", "logic/chart.js"); its index.html is served at every other path. */
#define SRV_PAGE_URL "/static/page/"

/* A file of the page: its name under src/server/page, its bytes [start, end) (page.S). */
typedef struct {
    const char *name;
    const char *start;
    const char *end;
} srv_asset;

/* The file a request's path names: the page's file under SRV_PAGE_URL (NULL: none of that name),
 * index.html for any other path (Powerpipe's routes are the page's: /<full name>, /); a gzipped
 * copy is not served by its name (NULL). */
const srv_asset *srv_asset_for(const char *uri);
/* The same file gzipped at build time (the Makefile's PAGE_GZ: those a load takes), or NULL. */
const srv_asset *srv_asset_gzipped(const srv_asset *a);
/* Its length in bytes, and its Content-Type by its name's extension. */
size_t srv_asset_len(const srv_asset *a);
const char *srv_asset_type(const srv_asset *a);

#endif
