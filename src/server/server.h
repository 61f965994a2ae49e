/* server.h — the pieces of `lazypipe server` (CLI code, built into the
 * lazypipe binary only, never into liblazypipe.a; like src/cli it sees only
 * the public header).
 *
 *   server.c  the libwebsockets loop: HTTP, /ws sessions, queues, pushes
 *   msgs.c    Powerpipe's server messages as Go's encoding/json writes them
 *   request.c the client's {"action":...,"payload":{...}} parsed and checked
 *
 * Threading: everything here runs on the server's one service thread, apart
 * from what server.c says about its watcher and resolver callbacks.  The
 * builders only read the workspace version they are given (pinned by the
 * caller) and append to an lp_buf. */
#ifndef LP_SERVER_H
#define LP_SERVER_H

#include <stddef.h>

#include "lazypipe.h"

/* server_metadata: the mod and its installed mods from the index, our CLI
 * version; no database is attached, so no search path and no support flags. */
void srv_server_metadata(const lp_workspace *ws, lp_buf *out);

/* execution_started for a dashboard or benchmark `root`, loaded whole
 * (lp_load_entry): the layout and panels of Powerpipe's run tree, as its
 * DashboardExecutionTree builds them.  exec_id and start_time as given.
 * 0, or -1 with the load's error (a syntax error, a changed file, ...) in
 * err and nothing appended. */
int srv_execution_started(lp_workspace *ws, uint32_t root, const char *exec_id, const char *start_time,
                          lp_buf *out, char *err, size_t errsize);

void srv_execution_error(const char *error, const char *timestamp, lp_buf *out);
void srv_workspace_error(const char *error, lp_buf *out);
void srv_dashboard_metadata(lp_buf *out);

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

/* The embedded page (src/server/index.html, see page.S). */
extern const char srv_page_html[];
extern const char srv_page_html_end[];

#endif
