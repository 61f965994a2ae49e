/* http.c — who may connect and what plain HTTP serves: the allowed Host names, the access token
 * and its cookie (access_refused, for HTTP and WebSocket alike), the built-in page and its ECharts
 * (written out by page_writeable), the page's icons, and --ui-dir's files.
 *
 * Thread: the loop's only (access_settings and find_icons at start-up, before the loop runs). */
#include "serverInt.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* A browser sends every request with the Host it was addressed to and, for a
 * WebSocket or a cross-origin request, the Origin of the page that made it.
 * A page on another site that opens ws://127.0.0.1:9033/ws sends its own
 * Origin (cross-site WebSocket hijacking); one that had its name resolve to
 * 127.0.0.1 (DNS rebinding) sends its own name as Host.  So a request is
 * served only when its Host is one the server is reached by (the loopback
 * names with the port; with --listen network also the machine's name and
 * addresses, and --allow-host names) and its Origin, when it has one, is
 * that same http://Host (not "null": sandboxed frames and file: pages).
 * A client that sends neither (curl, a script) is served.  With a token,
 * every request must also carry it: ?token= on the URL, or the cookie a page
 * load with ?token= set (Powerpipe's UI opens ws://HOST/ws with no query of
 * its own, but a browser sends the cookie along); a request with the right
 * token may use any Host (only who was given the URL has it). */

/* name with the port, and name alone: a browser sends the port unless it is
 * 80, so a Host without one reaches a browser's victim only on port 80, and
 * the name is one of ours either way. */
static int add_host(const char *name, long port)
{
    char buf[300];
    int n = snprintf(buf, sizeof buf, "%s:%ld", name, port);
    if (n < 0 || (size_t)n >= sizeof buf) return 0;
    for (char *c = buf; *c; c++) *c = (char)tolower((unsigned char)*c);
    for (int pass = 0; pass < 2; pass++) {
        if (pass) buf[strlen(name)] = '\0';
        char **v = realloc(g.hosts, (g.nhosts + 1) * sizeof *v);
        if (!v) return -1;
        g.hosts = v;
        if (!(g.hosts[g.nhosts] = strdup(buf))) return -1;
        g.nhosts++;
    }
    return 0;
}

static int allowed_hosts(long port, int network, const cli_opts *o)
{
    static const char *const loopback[] = { "127.0.0.1", "localhost", "[::1]" };
    for (size_t i = 0; i < 3; i++)
        if (add_host(loopback[i], port) != 0) return -1;
    for (int i = 0; i < o->nallow_hosts; i++)
        if (add_host(o->allow_hosts[i], port) != 0) return -1;
    if (!network) return 0;
    char name[256];
    if (gethostname(name, sizeof name) == 0) {
        name[sizeof name - 1] = '\0';
        if (add_host(name, port) != 0) return -1;
    }
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) != 0) return 0;
    int rc = 0;
    for (struct ifaddrs *i = ifs; i && rc == 0; i = i->ifa_next) {
        char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN + 2];
        if (!i->ifa_addr) continue;
        if (i->ifa_addr->sa_family == AF_INET &&
            inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, a, sizeof a))
            rc = add_host(a, port);
        else if (i->ifa_addr->sa_family == AF_INET6 &&
                 inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr, a, sizeof a)) {
            snprintf(b, sizeof b, "[%s]", a);
            rc = add_host(b, port);
        }
    }
    freeifaddrs(ifs);
    return rc;
}

void hosts_free(void)
{
    for (size_t i = 0; i < g.nhosts; i++) free(g.hosts[i]);
    free(g.hosts);
    g.hosts = NULL;
    g.nhosts = 0;
}

/* The header's value into buf: its length, 0 when absent, -1 when too long. */
static int header(struct lws *wsi, enum lws_token_indexes h, char *buf, int size)
{
    buf[0] = '\0';
    int n = lws_hdr_total_length(wsi, h);
    if (n <= 0) return 0;
    if (n >= size || lws_hdr_copy(wsi, buf, size, h) < 0) return -1;
    return n;
}

/* Equal to the token, in a time that depends on the token's length only. */
static int token_equal(const char *given)
{
    size_t n = strlen(given);
    unsigned diff = n != g.token_len;
    for (size_t i = 0; i < g.token_len; i++)
        diff |= (unsigned char)g.token[i] ^ (unsigned char)(i < n ? given[i] : 0);
    return diff == 0;
}

/* The token the request carries and whether it came as ?token=: 1 (URL),
 * 2 (cookie), 0 (none or wrong). */
static int token_given(struct lws *wsi)
{
    char buf[600];
    const char *v = lws_get_urlarg_by_name(wsi, "token=", buf, sizeof buf);
    if (v && token_equal(v)) return 1;
    char cookies[2048];
    if (header(wsi, WSI_TOKEN_HTTP_COOKIE, cookies, sizeof cookies) <= 0) return 0;
    size_t cl = strlen(g.cookie);
    for (char *c = cookies, *next; c; c = next) {
        next = strchr(c, ';');
        if (next) *next++ = '\0';
        while (*c == ' ') c++;
        if (strncmp(c, g.cookie, cl) == 0 && c[cl] == '=' && token_equal(c + cl + 1)) return 2;
    }
    return 0;
}

/* NULL when the request may be served, else why not.  *via_url: the token
 * came as ?token= (the response sets the cookie). */
const char *access_refused(struct lws *wsi, int *via_url)
{
    char host[300], origin[320];
    int hn = header(wsi, WSI_TOKEN_HOST, host, sizeof host);
    int on = header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof origin);
    *via_url = 0;
    if (hn < 0 || on < 0) return "a Host or Origin header too long";
    for (char *c = host; *c; c++) *c = (char)tolower((unsigned char)*c);
    int tok = g.token ? token_given(wsi) : 0;
    if (g.token && !tok) return "no access token, or a wrong one (the URL the server printed has it)";
    *via_url = tok == 1;
    if (hn > 0 && !tok) {
        size_t i = 0;
        while (i < g.nhosts && strcmp(g.hosts[i], host) != 0) i++;
        if (i == g.nhosts) return "Host is not a name this server is reached by (DNS rebinding?)";
    }
    if (on > 0) {
        if (strcmp(origin, "null") == 0) return "Origin: null (a sandboxed or file: page)";
        if (hn <= 0 || strncasecmp(origin, "http://", 7) != 0 || strcasecmp(origin + 7, host) != 0)
            return "Origin is another site (cross-site request)";
    }
    return NULL;
}

/* 403 with why; 0, or -1 when even that could not be sent. */
int refuse(struct lws *wsi, const char *what, const char *why)
{
    char peer[64];
    lws_get_peer_simple(wsi, peer, sizeof peer);
    logf_("%s %s refused (403): %s", what, peer, why);
    return lws_return_http_status(wsi, HTTP_STATUS_FORBIDDEN, why) ? -1 : 0;
}

int refuse_without_host(struct lws *wsi, const char *what, int *refused)
{
    *refused = lws_hdr_total_length(wsi, WSI_TOKEN_HOST) <= 0;
    if (!*refused) return 0;
    char peer[64];
    lws_get_peer_simple(wsi, peer, sizeof peer);
    logf_("%s %s refused (400): no Host header", what, peer);
    return lws_return_http_status(wsi, HTTP_STATUS_BAD_REQUEST, "a request needs a Host header (RFC 9112)")
               ? -1
               : 0;
}

/* The Set-Cookie that keeps a ?token= for the page's later requests and its WebSocket. */
static int token_cookie(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    char v[700];
    snprintf(v, sizeof v, "%s=%s; Path=/; HttpOnly; SameSite=Strict", g.cookie, g.token);
    return lws_add_http_header_by_name(wsi, (const unsigned char *)"set-cookie:", (const unsigned char *)v,
                                       (int)strlen(v), p, end);
}

/* Who may connect: the access token and the Host names (access_refused). */
int access_settings(const cli_opts *o, long port, int network)
{
    g.token = o->token ? o->token : getenv("LAZYPIPE_TOKEN");
    if (g.token && !*g.token) g.token = NULL;
    if (g.token) {
        g.token_len = strlen(g.token);
        int ok = g.token_len <= 256;
        for (const char *c = g.token; *c && ok; c++) ok = isalnum((unsigned char)*c) || strchr("-._~", *c);
        if (!ok) {
            cli_error("the access token must be 1 to 256 letters, digits or -._~ (it goes into a URL)");
            return CLI_USAGE;
        }
    }
    snprintf(g.cookie, sizeof g.cookie, "lazypipe_token_%ld", port);
    if (allowed_hosts(port, network, o) != 0) {
        hosts_free();
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    if (network)
        cli_warning("--listen network: anyone who can reach port %ld on this machine's addresses can read "
                    "every dashboard, benchmark, query and variable of this workspace%s", port,
                    g.token ? "; the access token is required" :
                    "; require an access token with --token or LAZYPIPE_TOKEN");
    return CLI_OK;
}

static const char *mime_of(const char *path)
{
    static const char *const map[][2] = {
        { ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript" }, { ".mjs", "text/javascript" },
        { ".css", "text/css" }, { ".json", "application/json" }, { ".svg", "image/svg+xml" },
        { ".png", "image/png" }, { ".ico", "image/x-icon" }, { ".woff2", "font/woff2" },
        { ".woff", "font/woff" },
        { ".map", "application/json" }, { ".txt", "text/plain" }, { ".jpg", "image/jpeg" },
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(dot, map[i][0]) == 0) return map[i][1];
    return "application/octet-stream";
}

/* Powerpipe serves index.html for every path it has no file for, uncached. */
static int no_cache_headers(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    static const char *const h[][2] = {
        { "cache-control:", "no-cache, no-store, must-revalidate" }, { "pragma:", "no-cache" },
        { "expires:", "0" },
    };
    for (size_t i = 0; i < 3; i++)
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[i][0], (const unsigned char *)h[i][1],
                                        (int)strlen(h[i][1]), p, end))
            return -1;
    return 0;
}

/* path, resolved (symbolic links followed), into real when it is a regular
 * file inside --ui-dir: 1; 0 otherwise. */
static int confined(const char *path, char *real)
{
    struct stat st;
    size_t n = strlen(g.ui_real);
    if (!realpath(path, real) || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return strncmp(real, g.ui_real, n) == 0 && (real[n] == '/' || (n == 1 && g.ui_real[0] == '/'));
}

int serve_ui_dir(struct lws *wsi, const char *uri, int set_cookie)
{
    char path[PATH_MAX], real[PATH_MAX];
    /* no way out of the directory: no ".." component, no backslash tricks, and
     * what the path resolves to (a symbolic link is followed) must be inside it */
    int bad = strstr(uri, "/..") != NULL || strchr(uri, '\\') != NULL;
    int n = snprintf(path, sizeof path, "%s%s%s", g.ui_real, uri[0] == '/' ? "" : "/", uri);
    int is_file = !bad && n > 0 && (size_t)n < sizeof path && confined(path, real);
    unsigned char hdr[1024], *p = hdr, *end = hdr + sizeof hdr;
    if (set_cookie && token_cookie(wsi, &p, end)) return -1;
    if (!is_file) {
        int k = snprintf(path, sizeof path, "%s/index.html", g.ui_real);
        if (k < 0 || (size_t)k >= sizeof path || !confined(path, real)) {
            logf_("--ui-dir: %s is no file inside %s", uri, g.ui_real);
            return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
        }
        if (no_cache_headers(wsi, &p, end)) return -1;
    }
    int rc = lws_serve_http_file(wsi, real, mime_of(real), (const char *)hdr, (int)(p - hdr));
    if (rc < 0) return -1;
    if (rc > 0 && lws_http_transaction_completed(wsi)) return -1;
    return 0;
}

/* The built-in page's icons: the Material Symbols and Heroicons SVG files .ci/bootstrap.sh puts
 * in .deps/icons (make install: <prefix>/share/lazypipe/icons).  First found: $LAZYPIPE_ICONS_DIR
 * (only it, when set), <exe dir>/../share/lazypipe/icons, <exe dir>/../.deps/icons (a build tree).
 * Without one the page shows its text icons only. */
void find_icons(void)
{
    const char *env = getenv("LAZYPIPE_ICONS_DIR");
    char exe[PATH_MAX], path[PATH_MAX + 32];
    g.icons_real[0] = 0;
    if (env) {
        if (*env && !realpath(env, g.icons_real)) g.icons_real[0] = 0;
        return;
    }
    if (cli_exe_dir(exe, sizeof exe) != 0) return;
    const char *const rel[] = { "../share/lazypipe/icons", "../.deps/icons" };
    for (size_t i = 0; i < sizeof rel / sizeof *rel && !g.icons_real[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", exe, rel[i]);
        if (!realpath(path, g.icons_real)) g.icons_real[0] = 0;
    }
}

/* An icon of the page by Powerpipe's names (DashboardIcon, Icon, useDashboardIcons):
 * "materialsymbols-outline:NAME" and a bare NAME are Material Symbols (rounded, weight 300, as
 * Powerpipe's UI bundles them: NAME.svg), "materialsymbols-solid:NAME" its filled one
 * (NAME-fill.svg), "heroicons-outline:NAME" and "heroicons-solid:NAME" Heroicons' 24 px ones; a
 * bare NAME that is no Material Symbol is a Heroicon outline, as Powerpipe's Icon falls back.  A
 * Heroicons version 1 name (srv_heroicon_v2) under either heroicons prefix, or bare and no Material
 * Symbol, is its version 2 icon's outline, as Powerpipe's heroIcons.ts maps it.  A
 * name is 1 to 80 of [a-z0-9_-], so a path cannot leave the directory.  Served with a day's cache
 * and a policy under which an SVG opened on its own runs nothing; 404 for anything else. */
int serve_icon(struct lws *wsi, const char *name)
{
    static const struct { const char *prefix, *dir, *suffix; } sets[] = {
        { "materialsymbols-outline:", "material", "" }, { "materialsymbols-solid:", "material", "-fill" },
        { "heroicons-outline:", "heroicons/outline", "" }, { "heroicons-solid:", "heroicons/solid", "" },
        { "", "material", "" }, { "", "heroicons/outline", "" },   /* a bare name: either */
    };
    static const char *const h[][2] = {
        { "cache-control:", "public, max-age=86400" }, { "x-content-type-options:", "nosniff" },
        { "content-security-policy:", "default-src 'none'; style-src 'unsafe-inline'" },
    };
    char path[PATH_MAX];
    struct stat st;
    for (size_t i = 0; g.icons_real[0] && i < sizeof sets / sizeof *sets; i++) {
        size_t np = strlen(sets[i].prefix), n;
        if (strncmp(name, sets[i].prefix, np) != 0) continue;
        const char *base = name + np;
        n = strspn(base, "abcdefghijklmnopqrstuvwxyz0123456789_-");
        /* a name of the outline set is not its filled one */
        if (n == 0 || n > 80 || base[n] || (n > 5 && strcmp(base + n - 5, "-fill") == 0)) break;
        const char *v2 = strncmp(sets[i].dir, "heroicons/", 10) == 0 ? srv_heroicon_v2(base, n) : NULL;
        int k = v2 ? snprintf(path, sizeof path, "%s/heroicons/outline/%s.svg", g.icons_real, v2)
                   : snprintf(path, sizeof path, "%s/%s/%s%s.svg", g.icons_real, sets[i].dir, base,
                              sets[i].suffix);
        if (k < 0 || (size_t)k >= sizeof path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        unsigned char hdr[512], *p = hdr, *end = hdr + sizeof hdr;
        for (size_t j = 0; j < sizeof h / sizeof *h; j++)
            if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[j][0],
                                            (const unsigned char *)h[j][1], (int)strlen(h[j][1]), &p, end))
                return -1;
        int rc = lws_serve_http_file(wsi, path, "image/svg+xml", (const char *)hdr, (int)(p - hdr));
        if (rc < 0) return -1;
        return rc > 0 && lws_http_transaction_completed(wsi) ? -1 : 0;
    }
    return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
}

/* Whether the request's Accept-Encoding names gzip: 1 it does, 0 it does not (or is too long to
 * read), -1 the request has none. */
static int gzip_accepted(struct lws *wsi)
{
    char accept[256];
    int n = header(wsi, WSI_TOKEN_HTTP_ACCEPT_ENCODING, accept, sizeof accept);
    return n == 0 ? -1 : n > 0 && strstr(accept, "gzip") != NULL;
}

/* A response's encoding headers: gzip when gz, and Vary either way (the page's files have both) */
static int encoding_headers(struct lws *wsi, int gz, unsigned char **p, unsigned char *end)
{
    static const char vary[] = "Accept-Encoding", gzip[] = "gzip";
    return (gz && lws_add_http_header_by_name(wsi, (const unsigned char *)"content-encoding:",
                                              (const unsigned char *)gzip, (int)sizeof gzip - 1, p, end)) ||
           lws_add_http_header_by_name(wsi, (const unsigned char *)"vary:", (const unsigned char *)vary,
                                       (int)sizeof vary - 1, p, end);
}

/* A file of the built-in page (assets.c): uncached, as Powerpipe serves its index.html, so that a new
 * binary's page is never mixed with an old one's modules; 404 for a page file that is not there.
 * The files a load takes (and the SQL formatter) are sent gzipped to a client that takes it (made at
 * build time): each load asks for them again. */
int serve_page(struct lws *wsi, session *s, const srv_asset *a, int set_cookie, int preload_echarts)
{
    static const char preload[] = "<" SRV_ECHARTS_URL ">; rel=modulepreload, <" SRV_ECHARTS_CORE_URL
                                  ">; rel=modulepreload, <" SRV_ECHARTS_ZRENDER_URL ">; rel=modulepreload";
    unsigned char hdr[LWS_PRE + 1024], *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof hdr - 1;
    if (!a) return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
    const srv_asset *gz = srv_asset_gzipped(a), *sent = gz && gzip_accepted(wsi) == 1 ? gz : a;
    s->body = sent->start;
    s->body_len = srv_asset_len(sent);
    s->body_sent = 0;
    /* preload_echarts: the browser fetches ECharts with the page's own files, not after its
     * script has run and the layout has come (docs/page.md) */
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, srv_asset_type(a), s->body_len, &p, end) ||
        no_cache_headers(wsi, &p, end) || (set_cookie && token_cookie(wsi, &p, end)) ||
        (gz && encoding_headers(wsi, sent == gz, &p, end)) ||
        (preload_echarts && lws_add_http_header_by_name(wsi, (const unsigned char *)"link:",
                                                        (const unsigned char *)preload,
                                                        (int)sizeof preload - 1, &p, end)) ||
        lws_finalize_write_http_header(wsi, start, &p, end))
        return -1;
    lws_callback_on_writable(wsi);
    return 0;
}

/* ECharts for the built-in page (the module at uri: SRV_ECHARTS_URL or one it imports; 404 for any
 * other), gzipped as embedded: to a client that takes gzip (every browser; a request without
 * Accept-Encoding takes any coding), with a year-long cache (the URL names the version); 406 to one
 * that refuses gzip.  Written out by page_writeable, as the page is. */
int serve_echarts(struct lws *wsi, session *s, const char *uri)
{
    static const struct {
        const char *url, *start, *end;
    } files[] = {
        { SRV_ECHARTS_URL, srv_echarts_gz, srv_echarts_gz_end },
        { SRV_ECHARTS_CORE_URL, srv_echarts_core_gz, srv_echarts_core_gz_end },
        { SRV_ECHARTS_ZRENDER_URL, srv_echarts_zrender_gz, srv_echarts_zrender_gz_end },
    };
    size_t f = 0;
    while (f < sizeof files / sizeof *files && strcmp(uri, files[f].url) != 0) f++;
    if (f == sizeof files / sizeof *files)
        return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ? -1 : 0;
    static const char immutable[] = "public, max-age=31536000, immutable";
    if (gzip_accepted(wsi) == 0)
        return lws_return_http_status(wsi, HTTP_STATUS_NOT_ACCEPTABLE, "gzip only") ? -1 : 0;
    unsigned char hdr[LWS_PRE + 1024], *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof hdr - 1;
    s->body = files[f].start;
    s->body_len = (size_t)(files[f].end - files[f].start);
    s->body_sent = 0;
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, "text/javascript", s->body_len, &p, end) ||
        encoding_headers(wsi, 1, &p, end) ||
        lws_add_http_header_by_name(wsi, (const unsigned char *)"cache-control:",
                                    (const unsigned char *)immutable, (int)sizeof immutable - 1, &p, end))
        return -1;
    if (lws_finalize_write_http_header(wsi, start, &p, end)) return -1;
    lws_callback_on_writable(wsi);
    return 0;
}

int page_writeable(struct lws *wsi, session *s)
{
    if (!s->body) return 0;
    size_t n = s->body_len - s->body_sent < CHUNK ? s->body_len - s->body_sent : CHUNK;
    int last = s->body_sent + n == s->body_len;
    memcpy(g.wbuf + LWS_PRE, s->body + s->body_sent, n);
    if (lws_write(wsi, g.wbuf + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) < (int)n) return -1;
    s->body_sent += n;
    if (!last) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    s->body = NULL;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}
