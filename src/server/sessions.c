/* sessions.c — what each session asks for and what it is sent: its selection run (joining a run in
 * flight with the same tree, or starting one that reuses the rows of the runs sessions show), the
 * selections an edit touched run again on the new version (the edit's run superseding the old one,
 * which goes on unseen for the statements they share), the client's requests (handle_message), and
 * the work the other threads posted (run_pending: dashboards pushed, workspace errors, re-runs).
 *
 * Thread: the loop's only. */
#include "serverInt.h"

#include <stdlib.h>
#include <string.h>

/* The current available_dashboards: the live workspace's, which it keeps
 * per version and resolution state (lp_live_payload), in a message of its
 * own (the server keeps no copy and no cache of its own). */
static msg *payload_get(void)
{
    lp_workspace *ws = lp_live_acquire(g.lv);
    lp_payload *p;
    int rc = lp_live_payload(g.lv, ws, &p);
    lp_live_release(g.lv, ws);
    msg *m = rc == LP_OK ? msg_shared(p) : NULL;
    if (rc != LP_OK)
        logf_("available_dashboards could not be built (%s)", rc == LP_ERR_ARG ? "too large" : "no memory");
    return m;
}

/* What a client gets instead of available_dashboards that could not be
 * built (a workspace past the payload's bound, no memory): Powerpipe's
 * workspace_error, so that it does not wait for a reply that never comes. */
static msg *payload_error(void)
{
    lp_buf b;
    msg_buf(&b);
    srv_workspace_error("lazypipe server: the dashboards list (available_dashboards) could not be built: "
                        "the workspace is too large for it, or memory ran out (see the server's log)", &b);
    return msg_take(&b);
}

void session_free(session *s)
{
    run_detach(s);
    shown_release(s);
    queue_free(s);
    wsf_free(&s->rx);
    free(s->selected);
    lp_buf_free(&s->inputs);
    s->selected = NULL;
}

static void send_small(session *s, void (*build)(const char *, const char *, lp_buf *), const char *a,
                       const char *b2)
{
    lp_buf b;
    msg_buf(&b);
    build(a, b2, &b);
    send_buf(s, &b);
}

/* dashboard_metadata goes before every run a session starts or joins: one of a few messages, the
 * same bytes for all, each built once (a thousand viewers of a change built it a thousand times:
 * fresh memory, and its page faults, in the loop's wave).  support: the run's (srun.support). */
static msg *g_dashboard_metadata[4];

/* the server's search path metadata (srv_search_path_json), asked of the database once (the first
 * server_metadata): NULL when it has none */
static char *g_search_path;
static int g_search_path_asked;

static const char *search_path_json(lp_workspace *ws)
{
    if (!g_search_path_asked) {
        g_search_path_asked = 1;
        lp_buf b = { 0 };
        if (srv_search_path_json(ws, &b) == 0) g_search_path = strdup(b.data);
        lp_buf_free(&b);
    }
    return g_search_path;
}

static void dashboard_metadata_to(session *s, unsigned support)
{
    support &= 3;
    if (!g_dashboard_metadata[support]) {
        lp_buf b;
        msg_buf(&b);
        srv_dashboard_metadata(support, &b);
        g_dashboard_metadata[support] = msg_take(&b);
    }
    send_msg(s, g_dashboard_metadata[support]);   /* (NULL, out of memory: nothing sent, as before) */
}

/* What the selection (a full name) lets the page offer, in ws (lp_run_backend_support with the
 * server's database options); 0 when that cannot be told (the run says why). */
static unsigned backend_support(lp_workspace *ws, const char *name)
{
    lp_run_opts ro = { 0 };
    ro.database = R.database;
    ro.search_path = R.search_path;
    ro.search_path_prefix = R.search_path_prefix;
    unsigned f = 0;
    lp_error err;
    return lp_run_backend_support(ws, name, &ro, &f, &err) == LP_OK ? f : 0;
}

/* backend_support, taken from a run of the same selection on the same version when there is one (it
 * pins the version: the pointer is that version's): inputs and ranges change, the tree does not */
static unsigned run_support(lp_workspace *ws, const char *name)
{
    for (int k = 0; k < 2; k++)
        for (const srun *r = k ? R.kept : R.runs; r; r = r->next)
            if (r->ws == ws && r->selected && strcmp(r->selected, name) == 0) return r->support;
    return backend_support(ws, name);
}

/* Shutdown: the shared messages go (every session's reference went with its session). */
void dashboard_metadata_free(void)
{
    for (int i = 0; i < 4; i++) {
        msg_unref(g_dashboard_metadata[i]);
        g_dashboard_metadata[i] = NULL;
    }
    free(g_search_path);
    g_search_path = NULL;
    g_search_path_asked = 0;
}

/* The fingerprint of what a run of name (kind) would show and execute in ws: the run layer's own
 * (lp_run_tree_fingerprint, the tree built as lp_run_start builds it); 0, or -1 when it is not known
 * (*stale: because a file changed since the version was indexed).  Benchmarks and detections are
 * not compared: a refresh that modified something runs them again (their leaves reused when
 * unchanged); nor is what does not build: its run says why. */
/* A tree no other equals: what is not compared. */
static uint64_t unknown_tree(void)
{
    static uint64_t n;
    return ++n;
}

static int tree_fingerprint(lp_workspace *ws, const char *name, int kind, uint64_t *out, int *stale)
{
    lp_error e = { 0 };
    *stale = 0;
    *out = unknown_tree();
    if (kind != LP_KIND_DASHBOARD) return 0;
    int rc = lp_run_tree_fingerprint(ws, LP_KIND_DASHBOARD, name, out, &e);
    if (rc == LP_OK) return 0;
    *stale = is_stale(rc);
    *out = unknown_tree();
    return -1;
}

/* The runs whose rows a new run of s's selection may take: the session's own (the one it shows, and
 * one still running: its complete leaves), and on a new selection (not a refresh: the others run
 * again too) every other completed run of the same dashboard that sessions show.  Key equality
 * decides per leaf (lp_run_opts.reuse), so other inputs only mean fewer leaves taken. */
#define MAX_REUSE 16
static uint32_t reuse_sources(session *s, int refresh, const lp_run **out)
{
    uint32_t n = 0;
    if (s->shown) out[n++] = s->shown->run;
    if (s->run && s->run->run && s->run->selected && strcmp(s->run->selected, s->selected) == 0)
        out[n++] = s->run->run;
    if (refresh) return n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    for (srun *k = R.kept; k && n < MAX_REUSE + 2; k = k->next) {
        if (k == s->shown || !k->selected || strcmp(k->selected, s->selected) != 0) continue;
        /* another client's results are shared only while fresh (--share-results): who opens a
         * dashboard expects today's data, not what a tab left open since the morning shows */
        uint64_t end = lp_run_end_time_ms(k->run);
        if (now < end || now - end > R.share_ms) continue;
        out[n++] = k->run;
    }
    return n;
}

/* s's selection did not load because a file changed after this version was made: not an error of
 * the user's; the refresh that follows (or a retry) runs it. */
static void defer_to_next_version(session *s, const char *name)
{
    logf_("ws#%lu select_dashboard %s: a file changed since the version was made; it runs on the next one",
          s->id, name);
    s->needs_rerun = 1;
    retry_later();
}

/* The kind of what name selects in ws (a detection benchmark told apart), *id its entry; -1 when it is
 * no dashboard, benchmark or detection. */
static int selection_kind(lp_workspace *ws, const char *name, uint32_t *id)
{
    lp_entry_info e;
    *id = lp_lookup(ws, name);
    int kind = *id != LP_NO_ENTRY && lp_entry_get(ws, *id, &e) == LP_OK ? (int)e.kind : -1;
    if (kind != LP_KIND_DASHBOARD && kind != LP_KIND_BENCHMARK && kind != LP_KIND_DETECTION_BENCHMARK &&
        kind != LP_KIND_DETECTION)
        return -1;
    if (kind == LP_KIND_BENCHMARK && e.benchmark_type && strcmp(e.benchmark_type, "detection") == 0)
        kind = LP_KIND_DETECTION_BENCHMARK;
    return kind;
}

/* tree_fingerprint of what name selects in ws */
static int tree_hash(lp_workspace *ws, const char *name, uint64_t *out, int *stale)
{
    uint32_t id;
    int kind = selection_kind(ws, name, &id);
    *stale = 0;
    return kind < 0 ? -1 : tree_fingerprint(ws, name, kind, out, stale);
}

/* A run in flight that s's selection may join: the same selection and inputs, on ws (by_tree == 0),
 * or, a dashboard, with the same tree on another version (by_tree == 1; by_tree == 2: whatever its
 * tree, the runs the fingerprint would be compared with); NULL when none. */
static srun *run_to_join(const session *s, const lp_workspace *ws, int kind, uint64_t tree, int by_tree)
{
    for (srun *r = R.runs; r; r = r->next) {
        if (r->completed || !r->run || !r->nsubs || r->closed || atomic_load(&r->stale) || r->kind != kind ||
            strcmp(r->selected, s->selected) != 0 || r->ninputs != s->ninputs ||
            r->inputs.len != s->inputs.len ||
            (s->inputs.len && memcmp(r->inputs.data, s->inputs.data, s->inputs.len) != 0))
            continue;
        if (by_tree ? kind == LP_KIND_DASHBOARD && (by_tree == 2 || r->tree == tree) : r->ws == ws) return r;
    }
    return NULL;
}

/* s joins r in flight: r's execution_started and dashboard_metadata, then the events r sent so far (the
 * same messages), then the rest with r's other sessions.  A refresh's join lets s's run go on unseen
 * for the statements they share (run_leave). */
static void run_join(session *s, srun *r, int refresh)
{
    if (s->run != r) {
        run_leave(s, refresh ? r->serial : 0);
        if (sub_add(r, s) != 0) {
            char now[64];
            srv_timestamp(now, sizeof now);
            send_small(s, srv_execution_error, "out of memory", now);
            dashboard_metadata_to(s, r->support);
            return;
        }
    }
    send_msg(s, r->started);
    dashboard_metadata_to(s, r->support);
    for (unsigned i = 0; i < r->nsent; i++) send_msg(s, r->sent[i]);
    s->told_error = 0;
    logf_("ws#%lu select_dashboard %s -> joined %s (%u sessions, %u events so far)", s->id, s->selected,
          r->exec_id, r->nsubs, r->nsent);
}

/* s is shown r, a completed run (completed_to_join): its messages as a joiner in flight gets them,
 * then its execution_complete, as if s had joined it just before the end.  No run of s's own: with
 * N viewers opening a dashboard one after another, each would start one, its threads and its
 * messages built, to take every row of the last (10,000 viewers of 100 dashboards started 5,400). */
static void show_completed(session *s, srun *r)
{
    run_detach(s);
    if (s->shown != r) {
        shown_release(s);   /* (not r's last: it is on R.kept for other sessions, or s's own) */
        s->shown = r;
        r->nshown++;
    }
    send_msg(s, r->started);
    dashboard_metadata_to(s, r->support);
    for (unsigned i = 0; i < r->nsent; i++) send_msg(s, r->sent[i]);
    send_msg(s, r->complete);
    s->told_error = 0;
    char err[sizeof g.wserror];
    current_errors(err, sizeof err);
    errors_to(s, err);   /* after it: a UI takes execution_complete as the end of an error */
    logf_("ws#%lu select_dashboard %s -> joined %s, complete (%u sessions show it, %u events)", s->id,
          s->selected, r->exec_id, r->nshown, r->nsent);
}

/* A selection that could not start (Powerpipe's ExecuteDashboard: a tree that cannot be built sends
 * execution_error, no execution_started), or deferred when the reason is a file changed since the
 * version was made. */
static void start_failed(session *s, int refresh, const lp_error *err, const char *now)
{
    if (R.watching && is_stale(err->code)) {
        defer_to_next_version(s, s->selected);
        return;
    }
    if (refresh) run_detach(s);
    logf_("ws#%lu select_dashboard %s: the run did not start: %s", s->id, s->selected, err->message);
    send_small(s, srv_execution_error, err->message[0] ? err->message : "out of memory", now);
    lp_workspace *ws = lp_live_acquire(g.lv);
    unsigned support = ws && s->selected ? backend_support(ws, s->selected) : 0;
    if (ws) lp_live_release(g.lv, ws);
    dashboard_metadata_to(s, support);
}

/* What set_inputs put after s's input values: the time range ("\x01FROM", "TO") and the search path
 * ("\x02PATH", "PREFIX"), each NULL when not there (then *range or *sp points at its '\x01' or '\x02') */
static void run_tail(const session *s, const char **range, const char **sp)
{
    const char *p = s->inputs.data, *end = p ? p + s->inputs.len : NULL;
    *range = *sp = NULL;
    for (uint32_t i = 0; p && i < s->ninputs && p < end; i++) p += strlen(p) + 1;
    if (p && p < end && *p == '\x01') {
        *range = p;
        p += strlen(p) + 1;
        p += p < end ? strlen(p) + 1 : 0;
    }
    if (p && p < end && *p == '\x02') *sp = p;
}

/* A new run of s's selection (id, kind) on ws (the reference is taken over), s its first session. */
static void run_start(session *s, lp_workspace *ws, int kind, uint64_t tree, int refresh)
{
    const lp_run *reuse[MAX_REUSE + 2];
    uint32_t nreuse = reuse_sources(s, refresh, reuse);
    /* what a client asked for (another selection, inputs) drops what it had; an edit's run replaces
     * the session's only once it has started (below) */
    if (!refresh) run_detach(s);
    const char *name = s->selected;
    char now[64];
    srv_timestamp(now, sizeof now);
    srun *r = calloc(1, sizeof *r);
    const char **inputs = NULL, *range, *sp;
    uint32_t ni = 0;
    if (r && s->ninputs && (inputs = calloc(s->ninputs, sizeof *inputs)))
        for (const char *p = s->inputs.data; ni < s->ninputs; p += strlen(p) + 1) inputs[ni++] = p;
    run_tail(s, &range, &sp);
    if (r && s->inputs.len) lp_buf_put(&r->inputs, s->inputs.data, s->inputs.len);
    if (!r || (s->ninputs && !inputs) || r->inputs.oom ||
        (kind == LP_KIND_BENCHMARK && !(r->check_name = strdup(name))) || !(r->selected = strdup(name))) {
        if (r) free(r->check_name), free(r->selected), lp_buf_free(&r->inputs);
        free(r);
        free(inputs);
        lp_live_release(g.lv, ws);
        send_small(s, srv_execution_error, "out of memory", now);
        return;
    }
    r->ws = ws;
    r->support = run_support(ws, name);
    r->tree = tree;
    r->kind = kind;
    r->ninputs = s->ninputs;
    r->benchmark = kind == LP_KIND_BENCHMARK;
    r->serial = ++g.next_exec;
    snprintf(r->exec_id, sizeof r->exec_id, "0x%lx", 0xc000010000ul + 0x100ul * r->serial);
    lp_run_opts ro = { 0 };
    ro.database = R.database;
    ro.max_parallel = R.max_parallel;
    ro.query_timeout_ms = R.query_timeout_ms;
    ro.search_path = R.search_path;
    ro.search_path_prefix = R.search_path_prefix;
    if (sp) {   /* the client's search path replaces the server's, as Powerpipe's WithSearchPathConfig */
        ro.search_path = sp + 1;
        ro.search_path_prefix = sp + strlen(sp) + 1;
    }
    ro.inputs = inputs;
    ro.ninputs = ni;
    if (range && range[1]) ro.time_from = range + 1;
    if (range && range[strlen(range) + 1]) ro.time_to = range + strlen(range) + 1;
    ro.on_event = on_run_event;
    ro.running_events = 1;   /* leaf_node_updated "running", as Powerpipe's server sends it */
    ro.user = r;
    ro.reuse = reuse;       /* read during the start only */
    ro.nreuse = nreuse;
    ro.share = R.share;
    lp_error err = { 0 };
    lp_run *run = NULL;
    int rc = lp_run_start(ws, (lp_kind)kind, &name, 1, &ro, &run, &err);
    free(inputs);   /* the run copies the options' strings */
    if (rc != LP_OK) {
        /* events of a start that failed came before it returned: none is queued for r */
        run_free(r);   /* (on no list; releases ws) */
        start_failed(s, refresh, &err, now);
        return;
    }
    r->run = run;
    uint64_t own;   /* the run's own fingerprint, which a later edit's is compared with */
    if (kind == LP_KIND_DASHBOARD && lp_run_fingerprint(run, &own) == LP_OK) r->tree = own;
    r->next = R.runs;
    R.runs = r;
    /* execution_started, from the run's own tree; its events are queued for the loop, which sends
     * them after this.  One that cannot be written (the selection did not load: a syntax error, a
     * file changed since the index) is answered as a start that failed, and the run is dropped (no
     * session: freed once it ended). */
    lp_buf b;
    msg_buf(&b);
    if (lp_run_started_json(run, r->exec_id, now, &b, &err) != LP_OK || !(r->started = msg_take(&b))) {
        lp_buf_free(&b);
        lp_run_cancel(run);
        start_failed(s, refresh, &err, now);
        return;
    }
    /* an edit's run lets the one it replaces go on for the statements they share (a version in
     * which the selection did not load, a file caught half written, leaves it running) */
    run_leave(s, refresh ? r->serial : 0);
    if (sub_add(r, s) != 0) {
        lp_run_cancel(run);
        err = (lp_error){ LP_ERR_NOMEM, "" };
        start_failed(s, 0, &err, now);
        return;
    }
    send_msg(s, r->started);
    s->told_error = 0;
    if (R.dashboard_timeout_s > 0 && g.ctx)
        lws_sul_schedule(g.ctx, 0, &r->timeout_sul, run_timed_out,
                         (lws_usec_t)R.dashboard_timeout_s * LWS_US_PER_SEC);
    logf_("ws#%lu select_dashboard %s -> execution_started %zu bytes, running %s", s->id, name,
          r->started->len, r->exec_id);
    dashboard_metadata_to(s, r->support);
}

/* The session's selection, run: a run of it in flight is joined (run_join), else one is started
 * (run_start): execution_started (lp_run_started_json: the run's own tree, as Powerpipe's
 * DashboardExecutionTree builds it), then the run's events as they come, then dashboard_metadata.  A
 * selection that does not load, or cannot start, is answered with execution_error and
 * dashboard_metadata, no execution_started (Powerpipe's ExecuteDashboard). */
static void run_selection(session *s, int refresh)
{
    const char *name = s->selected;
    lp_workspace *ws = lp_live_acquire(g.lv);
    uint32_t id;
    int kind = selection_kind(ws, name, &id);
    srun *join = kind < 0 ? NULL : run_to_join(s, ws, kind, 0, 0);
    srun *done = kind == LP_KIND_DASHBOARD && !join && !refresh
                     ? completed_to_join(s->selected, &s->inputs, s->ninputs, ws) : NULL;
    if (done) {
        lp_live_release(g.lv, ws);
        show_completed(s, done);
        return;
    }
    uint64_t tree = unknown_tree();
    int stale = 0;
    /* the tree is built for its fingerprint only when a run on another version could be joined by it:
     * else the run's own build gives it (lp_run_fingerprint, run_start), and a file changed since the
     * version was made fails the start as it would fail the fingerprint (start_failed) */
    if (kind >= 0 && !join && run_to_join(s, ws, kind, 0, 2)) {
        int known = tree_fingerprint(ws, name, kind, &tree, &stale) == 0;
        if (known) join = run_to_join(s, ws, kind, tree, 1);
    }
    if (kind >= 0 && !join && !(stale && R.watching)) {
        run_start(s, ws, kind, tree, refresh);
        return;
    }
    lp_live_release(g.lv, ws);
    if (join) {
        run_join(s, join, refresh);
        return;
    }
    if (!refresh) run_detach(s);   /* what the client asked for replaces what it had */
    if (kind < 0) {
        logf_("ws#%lu select_dashboard %s: no such dashboard, benchmark or detection", s->id, name);
        return;
    }
    /* (the fingerprint loads the queries its leaves name: one could not, it changed since this
     * version was made) a run would fail at that leaf: it runs on the next version */
    defer_to_next_version(s, name);
}

/* After a refresh: a selection whose execution tree the edit changed runs again on the new version
 * (only the leaves whose statements changed query: the others are taken from its last runs, or
 * shared while in flight).  One the edit did not touch is left as it is: its run goes on to the end
 * on the version it started on, and the client sees no new execution.  The trees of the new version
 * are built once per dashboard (a refresh with many clients on one dashboard). */
#define TREE_MEMO 256   /* (1,000 viewers over 100 dashboards: each tree built once) */
static void rerun_selections(void)
{
    struct { const char *name; uint64_t tree; int rc, stale; } memo[TREE_MEMO];
    uint32_t nmemo = 0;
    lp_workspace *ws = lp_live_acquire(g.lv);
    for (session *s = g.sessions; s; s = s->next) {
        if (!s->selected || s->killed) continue;
        srun *cur = s->run ? s->run : s->shown;
        if (cur && !s->needs_rerun && !s->told_error && cur->selected &&
            strcmp(cur->selected, s->selected) == 0) {
            uint32_t k = 0;
            while (k < nmemo && strcmp(memo[k].name, s->selected) != 0) k++;
            if (k == nmemo) {
                if (nmemo == TREE_MEMO) k = --nmemo;
                memo[k].name = s->selected;
                memo[k].rc = tree_hash(ws, s->selected, &memo[k].tree, &memo[k].stale);
                nmemo++;
            }
            if (memo[k].rc == 0 && memo[k].tree == cur->tree) {
                logf_("ws#%lu %s: untouched by the edit, %s", s->id, s->selected,
                      s->run ? "its run goes on" : "its results stand");
                continue;
            }
            if (memo[k].rc != 0 && memo[k].stale && R.watching) {
                /* its files changed again since this version: the next refresh compares */
                logf_("ws#%lu %s: a file changed since version %u; the next one decides", s->id, s->selected,
                      lp_live_version(g.lv));
                continue;
            }
        }
        rerun_session(s);
    }
    lp_live_release(g.lv, ws);
}

void rerun_session(session *s)
{
    s->needs_rerun = 0;
    run_selection(s, 1);
}

/* The sessions whose selection could not run on the version of then: again, every half second
 * until the watcher's refresh brings a version that matches the files (or the file is back). */
static void retry_due(lws_sorted_usec_list_t *sul)
{
    (void)sul;
    char err[sizeof g.wserror];
    current_errors(err, sizeof err);
    if (err[0]) return;   /* the runs wait for the errors to go (stop_runs); that refresh runs them */
    for (session *s = g.sessions; s; s = s->next)
        if (s->needs_rerun && s->selected && !s->killed) rerun_session(s);
}

void retry_later(void)
{
    if (g.ctx) lws_sul_schedule(g.ctx, 0, &R.retry_sul, retry_due, 500 * LWS_US_PER_MS);
}

/* A workspace error: the runs stop (their messages would replace the error in a UI, which
 * then never shows file:line:col); the selections run again once the errors are gone. */
static void stop_runs(void)
{
    for (session *s = g.sessions; s; s = s->next) {
        run_detach(s);
        if (s->selected) s->needs_rerun = 1;
    }
}

static void set_inputs(session *s, const srv_request *rq)
{
    lp_buf_free(&s->inputs);
    s->inputs = (lp_buf){ 0 };
    s->ninputs = 0;
    if (rq->ninputs) {
        lp_buf_put(&s->inputs, rq->inputs.data, rq->inputs.len);
        s->ninputs = s->inputs.oom ? 0 : rq->ninputs;
    }
    if (rq->time_from[0] || rq->time_to[0]) {   /* after the values, which the runs take by count */
        lp_buf_putc(&s->inputs, '\x01');
        lp_buf_put(&s->inputs, rq->time_from, strlen(rq->time_from) + 1);
        lp_buf_put(&s->inputs, rq->time_to, strlen(rq->time_to) + 1);
    }
    if (rq->search_path[0] || rq->search_path_prefix[0]) {   /* then the search path (run_tail) */
        lp_buf_putc(&s->inputs, '\x02');
        lp_buf_put(&s->inputs, rq->search_path, strlen(rq->search_path) + 1);
        lp_buf_put(&s->inputs, rq->search_path_prefix, strlen(rq->search_path_prefix) + 1);
    }
    if (s->inputs.oom) lp_buf_free(&s->inputs), s->inputs = (lp_buf){ 0 }, s->ninputs = 0;
}

void handle_message(session *s, const char *data, size_t len)
{
    srv_request rq = { 0 };
    int prc = srv_parse_request_full(data, len, &rq);
    if (prc < 0) {
        lp_buf_free(&rq.inputs);
        logf_("ws#%lu malformed message ignored (%zu bytes)", s->id, len);
        return;
    }
    if (prc > 0) {   /* a prefix of what was sent must not select a dashboard */
        lp_buf_free(&rq.inputs);
        logf_("ws#%lu message ignored: its action or dashboard name holds a NUL (\\u0000) or is over %d "
              "bytes, and names nothing", s->id, MAX_SELECTION - 1);
        return;
    }
    const char *action = rq.action, *name = rq.full_name;
    if (strcmp(action, "get_available_dashboards") == 0) {
        msg *m = payload_get();
        if (!m) m = payload_error();
        send_msg(s, m);
        logf_("ws#%lu get_available_dashboards -> %zu bytes%s", s->id, m ? m->len : 0,
              m && !m->shared ? " (workspace_error: not built)" : "");
        msg_unref(m);
        char err[sizeof g.wserror];
        current_errors(err, sizeof err);
        errors_to(s, err);   /* after the dashboards, which a UI takes as the end of an error */
    } else if (strcmp(action, "get_server_metadata") == 0) {
        lp_workspace *ws = lp_live_acquire(g.lv);
        lp_buf b;
        msg_buf(&b);
        unsigned support = backend_support(ws, NULL);
        srv_server_metadata(ws, R.ui_version[0] ? R.ui_version : NULL, support,
                            support & LP_SUPPORTS_SEARCH_PATH ? search_path_json(ws) : NULL, &b);
        lp_live_release(g.lv, ws);
        size_t n = b.len;
        send_buf(s, &b);
        logf_("ws#%lu get_server_metadata -> %zu bytes", s->id, n);
    } else if (strcmp(action, "keep_alive") == 0) {
        logf_("ws#%lu keep_alive", s->id);
    } else if (strcmp(action, "select_dashboard") == 0) {
        free(s->selected);
        s->selected = strdup(name);
        set_inputs(s, &rq);
        if (s->selected) run_selection(s, 0);
        run_events();       /* (a thousand selecting at once: the first ones' leaves go out meanwhile) */
    } else if (strcmp(action, "get_dashboard_metadata") == 0) {
        srun *r = s->run ? s->run : s->shown;
        dashboard_metadata_to(s, r ? r->support : 0);
        logf_("ws#%lu get_dashboard_metadata %s", s->id, name);
    } else if (strcmp(action, "input_changed") == 0) {
        /* Powerpipe's OnInputChanged re-executes the dashboard with the new values; the run engine
         * leaves a panel without its input's value blocked, so a new run is the same */
        set_inputs(s, &rq);
        logf_("ws#%lu input_changed %s (%u values)", s->id, rq.changed_input, s->ninputs);
        if (s->selected) run_selection(s, 0);
    } else if (strcmp(action, "select_snapshot") == 0) {
        logf_("ws#%lu %s ignored: snapshots are not served", s->id, action);
    } else if (strcmp(action, "clear_dashboard") == 0) {
        run_detach(s);
        shown_release(s);
        free(s->selected);
        s->selected = NULL;
        set_inputs(s, &(srv_request){ 0 });
        logf_("ws#%lu clear_dashboard", s->id);
    } else {
        logf_("ws#%lu unknown action \"%s\" ignored", s->id, action);
    }
    lp_buf_free(&rq.inputs);
}

/* Work the other threads posted. */
void run_pending(void)
{
    pthread_mutex_lock(&g.lock);
    unsigned p = g.pending;
    g.pending = 0;
    char wserror[sizeof g.wserror];
    memcpy(wserror, g.wserror, sizeof wserror);
    pthread_mutex_unlock(&g.lock);
    if (p & P_STOP) g.stopping = 1;
    if (p & P_DASHBOARDS && g.sessions) {   /* (nobody to tell: the next request takes it) */
        msg *m = payload_get();
        if (!m) m = payload_error();
        for (session *s = g.sessions; s; s = s->next) send_msg(s, m);
        logf_("available_dashboards pushed to %u sessions (%zu bytes, version %u)", g.nsessions,
              m ? m->len : 0, lp_live_version(g.lv));
        msg_unref(m);
        /* (a push of background resolution's while errors stand must not end them in a UI) */
        char err[sizeof g.wserror] = "";
        if (!(p & P_WSERROR)) current_errors(err, sizeof err);
        for (session *s = g.sessions; s; s = s->next) errors_to(s, err);
    }
    /* after the dashboards, which a UI takes as the end of an error */
    if (p & P_WSERROR) {
        stop_runs();
        lp_buf b;
        msg_buf(&b);
        srv_workspace_error(wserror, &b);
        msg *m = msg_take(&b);
        for (session *s = g.sessions; s; s = s->next) {
            send_msg(s, m);
            s->told_error = 1;
        }
        msg_unref(m);
        logf_("workspace_error pushed to %u sessions: %s", g.nsessions, wserror);
    } else if (p & P_RESELECT) {
        rerun_selections();
    }
    run_events();
}
