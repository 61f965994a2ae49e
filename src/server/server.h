/* server.h — the pieces of `lazypipe server` (CLI code, built into the
 * lazypipe binary only, never into liblazypipe.a; like src/cli it sees only
 * the public header).
 *
 *   server.c  start-up and the libwebsockets loop; with send.c, stream.c, runs.c,
 *             sessions.c and http.c (their shared state: serverInt.h)
 *   msgs.c    Powerpipe's server messages as Go's encoding/json writes them
 *   request.c the client's {"action":...,"payload":{...}} parsed and checked
 *
 * Threading: everything here runs on the server's one service thread, apart
 * from what server.c's thread map says (the run workers build the run messages).  The
 * builders only read the workspace version they are given (pinned by the
 * caller) and append to an lp_buf. */
#ifndef LP_SERVER_H
#define LP_SERVER_H

#include <stddef.h>

#include "lazypipe.h"

/* server_metadata: the mod and its installed mods from the index, the CLI
 * version (cli_version: the --ui-dir build's version.json version, which a
 * release UI compares with its own and reloads on a difference, as Powerpipe
 * reports its assets' version; NULL: our version); support: lp_run_backend_support's flags for
 * the default database; search_path: its search path's metadata as JSON (srv_search_path_json),
 * NULL when it has none. */
void srv_server_metadata(const lp_workspace *ws, const char *cli_version, unsigned support,
                         const char *search_path, lp_buf *out);

/* The messages of a run (the run engine's nodes, read through lazypipe.h; the panels are the
 * library's JSON, spliced in).  Each may be built on a run's worker thread: they read only final
 * nodes and their arguments. */
void srv_leaf_node_updated(const lp_run_node *n, const char *exec_id, const char *timestamp, lp_buf *out);
/* control_complete / control_error for a control node of a benchmark run; progress counts as
 * Powerpipe's ControlProgress */
typedef struct srv_progress {
    uint32_t total, complete, error;
    uint32_t summary[LP_RES__COUNT];
} srv_progress;
void srv_control_event(const lp_run_node *n, const char *check_name, const srv_progress *pr,
                       const char *exec_id, const char *timestamp, lp_buf *out);
/* execution_complete with the run's snapshot (a dashboard's or a detection run's: lp_run_snapshot_json;
 * a benchmark's:
 * CheckRun, ResultGroups and ControlRuns with their results).  After the run completed. */
void srv_execution_complete(const lp_run *lr, const char *exec_id, lp_buf *out);
/* its bytes before the snapshot and after it (the server streams a benchmark's snapshot between) */
void srv_execution_complete_head(lp_buf *out);
void srv_execution_complete_tail(const char *exec_id, lp_buf *out);
/* The controls of a benchmark run, for its progress. */
uint32_t srv_control_count(const lp_run_node *n);

void srv_execution_error(const char *error, const char *timestamp, lp_buf *out);
void srv_workspace_error(const char *error, lp_buf *out);
/* dashboard_metadata: support is lp_run_backend_support's flags for the selection. */
void srv_dashboard_metadata(unsigned support, lp_buf *out);

/* Now as Go's time.Time marshals (RFC 3339 with nanoseconds, trailing
 * zeros dropped), in UTC. */
void srv_timestamp(char *buf, size_t size);

/* The first error diagnostic of ws (opening or resolution), formatted, with
 * a count of the others; "" when there is none. */
void srv_workspace_errors(const lp_workspace *ws, char *buf, size_t size);

/* A client request.  Returns 0 when `json` is one valid JSON object (what
 * Go's json.Unmarshal into ClientRequest accepts: action a string, payload an
 * object, dashboard.full_name a string, each when present); -1 otherwise;
 * 1 when it is valid but action or full_name holds a NUL (\u0000) or does
 * not fit its buffer: as a C string it would name a prefix of what was sent,
 * so it names nothing.  action and full_name are copied, cut to their sizes
 * at the first NUL or the buffer's end ("" when absent). */
int srv_parse_request(const char *json, size_t len, char *action, size_t asize, char *full_name,
                      size_t fsize);

/* A client request with what a run needs: the input values of payload.inputs as "name=value"
 * strings, each NUL-terminated, in inputs (an "input." prefix dropped; a string's text, another
 * value's JSON; a null is left out), payload.changed_input, and payload.datetime_range's from and to
 * (Powerpipe's dashboard time range; "" when absent or null), payload.search_path and
 * search_path_prefix (schema names joined with ','; "" when absent, null or []).  0, -1 or 1 as
 * srv_parse_request. */
typedef struct srv_request {
    char action[64];
    char full_name[1024];
    char changed_input[256];
    char time_from[64], time_to[64];
    char search_path[1024], search_path_prefix[1024];
    lp_buf inputs;
    uint32_t ninputs;
} srv_request;
int srv_parse_request_full(const char *json, size_t len, srv_request *req);

/* ECharts for the page's charts (third_party/echarts: three ES modules, gzipped; page.S): the page
 * loads SRV_ECHARTS_URL, which imports the other two by these URLs (relative to its own), so that
 * the browser compiles the three side by side.  The version is in the URLs, so that a year-long
 * cache never keeps an old one. */
#define SRV_ECHARTS_URL "/static/echarts-5.6.0-page.min.js"
#define SRV_ECHARTS_CORE_URL "/static/echarts-5.6.0-page-core.min.js"
#define SRV_ECHARTS_ZRENDER_URL "/static/echarts-5.6.0-page-zrender.min.js"
/* a dashboard's URL (/<mod>.dashboard.<name>): its page is sent with a preload of ECharts */
#define SRV_DASHBOARD_PATH ".dashboard."
/* the built-in page's icons: SRV_ICONS_URL followed by Powerpipe's icon name (serve_icon) */
#define SRV_ICONS_URL "/static/icons/"
/* The Heroicon (version 2, outline) that Powerpipe's UI draws for a version 1 name (name, len bytes:
 * "cash" is "banknotes"), or NULL for any other name; a static string (icon_names.c). */
const char *srv_heroicon_v2(const char *name, size_t len);
extern const char srv_echarts_gz[], srv_echarts_gz_end[];
extern const char srv_echarts_core_gz[], srv_echarts_core_gz_end[];
extern const char srv_echarts_zrender_gz[], srv_echarts_zrender_gz_end[];

#endif
