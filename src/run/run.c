/* run.c — a run's tree, its queue of leaves, its workers and its events (run.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/mem.h"
#include "base/thread.h"
#include "db/db.h"
#include "run/run.h"
#include "run/where.h"
#include "workspace/workspace.h"

#define RUN_DEFAULT_PARALLEL 10
#define RUN_DEFAULT_TIMEOUT_MS (300 * 1000)

/* A worker: one thread, one connection at a time (to the database its current leaf names). */
typedef struct run_worker {
    lp_run *run;
    pthread_t thread;
    const lp_driver *driver;
    lp_db_conn *conn;
    char *url;                      /* the connection's address */
    lp_db_conn *busy;               /* the connection a statement runs on, for cancel (run->lock) */
    uint64_t busy_ns;               /* since when busy (run->lock; worker_admitted reads it) */
    struct pool_conn *pooled;       /* conn is the share's pool's, given back after the leaf */
    struct run_collect *coll;       /* rows' scratch, reused from leaf to leaf (rows.c) */
} run_worker;

static const char *const STATUS_NAMES[LP_RES__COUNT] = { "ok", "alarm", "info", "skip", "error" };

const char *lp_result_status_name(lp_result_status s)
{
    return (unsigned)s < LP_RES__COUNT ? STATUS_NAMES[s] : "";
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ------------------------------------------------------------------ tree */

lp_run_node *run_new_node(run_builder *b, lp_node_type type, lp_run_node *parent, const lp_resource *res)
{
    lp_run_node *n = ar_zalloc(&b->run->arena, sizeof *n);
    if (!n) { b->oom = 1; return NULL; }
    n->type = type;
    n->run = b->run;
    n->parent = parent;
    n->res = res;
    n->name = res ? lp_resource_name(res) : "";
    return n;
}

void run_add_leaf(run_builder *b, lp_run_node *n)
{
    lp_run_node **l = mem_room(b->leaves, b->nleaves, &b->cap, sizeof *l, 64);
    if (!l) { b->oom = 1; return; }
    b->leaves = l;
    n->leaf_index = b->nleaves;
    b->leaves[b->nleaves++] = n;
}

/* --tag filters ("key=value", "key!=value": a missing tag passes the latter, as Powerpipe's
 * fixed filter does) over a resource's or an index entry's tags. */
typedef const char *(*tag_get_fn)(const void *src, const char *key);

static const char *resource_tag_get(const void *src, const char *key)
{
    const lp_resource *res = src;
    const char *have = NULL;
    for (uint32_t i = 0; i < lp_resource_tag_count(res); i++) {
        const char *k, *v;
        lp_resource_tag(res, i, &k, &v);
        if (strcmp(k, key) == 0) have = v;
    }
    return have;
}

static const char *entry_tag_get(const void *src, const char *key) { return lp_tags_get(src, key); }

static int tags_selected(const lp_run *run, tag_get_fn get, const void *src)
{
    for (uint32_t i = 0; i < run->opts.ntags; i++) {
        const char *f = run->opts.tags[i];
        const char *ne = strstr(f, "!=");
        const char *eq = ne ? ne : strchr(f, '=');
        char key[256];
        size_t klen = eq ? (size_t)(eq - f) : strlen(f);
        if (klen >= sizeof key) return 0;
        memcpy(key, f, klen);
        key[klen] = '\0';
        const char *want = eq ? eq + (ne ? 2 : 1) : NULL;
        const char *have = get(src, key);
        int ok = !want ? have != NULL
                 : ne  ? !have || strcmp(have, want) != 0
                       : have && strcmp(have, want) == 0;
        if (!ok) return 0;
    }
    return 1;
}

/* A control's show-data field `col` as Powerpipe's FieldValue.ValueString prints it (go-kit's
 * ToString of Control.GetShowData's values: a nil *string "", a nil *int "0", a map "map[k:v ...]"
 * with sorted keys, a nil pointer "<nil>"); 0 when the show data has no such field.  The fields
 * are the index entry's; severity, database, args and params need the control (res, else it is
 * loaded for this).  A set query, args or params prints Go pointers in Powerpipe: here an opaque
 * text that no '=' will equal either. */
static int show_field(const lp_run *run, uint32_t id, const lp_resource *res, const char *col, lp_buf *out)
{
    lp_entry_info info;
    if (lp_entry_get(run->ws, id, &info) != LP_OK) return 0;
    const char *text = NULL;
    if (strcmp(col, "name") == 0) text = info.mod == 0 ? info.short_name : info.name;
    else if (strcmp(col, "mod") == 0) text = info.mod_name;
    else if (strcmp(col, "title") == 0) text = info.title;
    else if (strcmp(col, "description") == 0) text = info.description;
    else if (strcmp(col, "documentation") == 0) text = info.documentation;
    else if (strcmp(col, "display") == 0) text = info.display;
    else if (strcmp(col, "sql") == 0) text = info.sql;
    else if (strcmp(col, "query") == 0) text = info.query_ref[0] ? "&{query}" : "<nil>";
    else if (strcmp(col, "width") == 0) {
        lp_buf_printf(out, "%d", info.has_width ? (int)info.width : 0);
        return 1;
    } else if (strcmp(col, "tags") == 0) {
        lp_buf_puts(out, "map[");
        for (uint32_t i = 0; i < info.tags.n; i++) {
            const char *k, *v;
            lp_tags_at(&info.tags, i, &k, &v);
            lp_buf_printf(out, "%s%s:%s", i ? " " : "", k, v);
        }
        lp_buf_putc(out, ']');
        return 1;
    } else if (strcmp(col, "severity") && strcmp(col, "database") && strcmp(col, "args") &&
               strcmp(col, "params")) {
        return 0;
    }
    if (text) {
        lp_buf_puts(out, text);
        return 1;
    }
    lp_resource *loaded = NULL;
    if (!res) {
        lp_error err = { 0 };
        if (lp_load_entry(run->ws, id, &loaded, &err) != LP_OK) return 0;
        res = loaded;
    }
    if (strcmp(col, "args") == 0) {
        lp_buf json = { 0 };
        int has = lp_resource_attr_json(res, "args", &json) == LP_OK;
        lp_buf_free(&json);
        lp_buf_puts(out, has ? "&{args}" : "<nil>");
    } else if (strcmp(col, "params") == 0) {
        lp_buf_puts(out, lp_resource_block_count(res, "param") ? "[&{param}]" : "[]");
    } else {
        const char *s = lp_resource_str(res, col);
        lp_buf_puts(out, s ? s : "");
    }
    lp_resource_release(loaded);
    return 1;
}

/* --where: the control's field passes (a control without the field never does) */
static int where_selected(const lp_run *run, uint32_t id, const lp_resource *res)
{
    if (!run->where) return 1;
    lp_buf value = { 0 };
    int ok = show_field(run, id, res, run_where_column(run->where), &value) &&
             run_where_match(run->where, value.data ? value.data : "");
    lp_buf_free(&value);
    return ok;
}

/* tags or a where clause drop controls: a group left without one is dropped */
static int filtering(const lp_run *run) { return run->opts.ntags || run->where; }

static int control_selected(const lp_run *run, const lp_resource *res)
{
    return tags_selected(run, resource_tag_get, res) && where_selected(run, lp_resource_entry(res), res);
}

/* The children of a benchmark node, recursively; a control under two benchmarks is two nodes.
 * Groups left without a control by a tag filter are dropped, as Powerpipe drops them. */
void run_add_children(run_builder *b, lp_run_node *group, const lp_resource *res)
{
    uint32_t nc = lp_resource_child_count(res);
    if (!nc || b->depth > 256) return;
    group->children = ar_zalloc(&b->run->arena, nc * sizeof *group->children);
    if (!group->children) { b->oom = 1; return; }
    b->depth++;
    for (uint32_t i = 0; i < nc; i++) {
        const lp_resource *c = lp_resource_child(res, i);
        lp_kind k = lp_resource_kind(c);
        lp_run_node *n = NULL;
        if (k == LP_KIND_CONTROL) {
            if (!control_selected(b->run, c)) continue;
            n = run_new_node(b, LP_NODE_CONTROL, group, c);
            if (n) run_add_leaf(b, n);
        } else if (k == LP_KIND_BENCHMARK) {
            n = run_new_node(b, LP_NODE_BENCHMARK, group, c);
            if (n) {
                run_add_children(b, n, c);
                if (!n->nchildren && filtering(b->run)) n = NULL;
            }
        }
        if (n) group->children[group->nchildren++] = n;
    }
    b->depth--;
}

static int entry_selected(const lp_run *run, uint32_t id, const lp_tags *tags)
{
    return tags_selected(run, entry_tag_get, tags) && where_selected(run, id, NULL);
}

/* A node for index entry id (a benchmark or a control), its fields the index's. */
static lp_run_node *indexed_node(run_builder *b, lp_node_type type, lp_run_node *parent, uint32_t id,
                                 const lp_entry_info *info)
{
    lp_run_node *n = run_new_node(b, type, parent, NULL);
    if (!n) return NULL;
    n->indexed = 1;
    n->entry = id;
    n->name = info->name;
    n->title = info->title;
    n->description = info->description;
    n->documentation = info->documentation;
    n->tags = info->tags;
    return n;
}

/* A benchmark whose `children` is computed (concat(local.x, ...): LP_UNRES_CHILDREN, no children in the
 * index's hierarchy, as Powerpipe's lazy listing): loaded, which evaluates them as Powerpipe's full load
 * does, and held by the run; its children from the loaded tree.  0, or -1 when it cannot be loaded
 * (b->load_err: the first such error, which fails the run). */
static int add_computed_children(run_builder *b, lp_run_node *group, uint32_t id)
{
    lp_resource *r = NULL;
    lp_error err = { 0 };
    if (lp_load_entry(b->run->ws, id, &r, &err) != LP_OK) {
        if (!b->load_err.code) b->load_err = err;
        return -1;
    }
    if (run_hold(b->run, r) != LP_OK) {
        lp_resource_release(r);
        b->oom = 1;
        return -1;
    }
    run_add_children(b, group, r);
    return 0;
}

/* A benchmark's children from the index's hierarchy (source order), recursively; as
 * run_add_children does for a loaded tree, but nothing is loaded until a control runs. */
static void add_children_indexed(run_builder *b, lp_run_node *group, uint32_t id)
{
    lp_workspace *ws = b->run->ws;
    lp_entry_info self;
    if (lp_entry_get(ws, id, &self) == LP_OK && (self.unresolved & LP_UNRES_CHILDREN)) {
        (void)add_computed_children(b, group, id);
        return;
    }
    uint32_t nc = lp_entry_child_count(ws, id);
    if (!nc || b->depth > 256) return;
    group->children = ar_zalloc(&b->run->arena, nc * sizeof *group->children);
    if (!group->children) { b->oom = 1; return; }
    b->depth++;
    for (uint32_t i = 0; i < nc && !b->oom; i++) {
        uint32_t c = lp_entry_child(ws, id, i);
        lp_entry_info info;
        if (lp_entry_get(ws, c, &info) != LP_OK) continue;
        lp_run_node *n = NULL;
        if (info.kind == LP_KIND_CONTROL) {
            if (!entry_selected(b->run, c, &info.tags)) continue;
            n = indexed_node(b, LP_NODE_CONTROL, group, c, &info);
            if (n) run_add_leaf(b, n);
        } else if (info.kind == LP_KIND_BENCHMARK) {
            n = indexed_node(b, LP_NODE_BENCHMARK, group, c, &info);
            if (n) {
                add_children_indexed(b, n, c);
                if (!n->nchildren && filtering(b->run)) n = NULL;
            }
        }
        if (n) group->children[group->nchildren++] = n;
    }
    b->depth--;
}

int run_hold(lp_run *run, lp_resource *r)
{
    lp_resource **h = mem_room(run->held, run->nheld, &run->held_cap, sizeof *h, 16);
    if (!h) return LP_ERR_NOMEM;
    run->held = h;
    run->held[run->nheld++] = r;
    return LP_OK;
}

/* "all": every top-level benchmark, or every control of the main mod, by name. */
static int add_all(lp_run *run, lp_kind kind, run_builder *b, lp_error *err);

static int add_target(lp_run *run, run_builder *b, uint32_t id, lp_error *err)
{
    lp_entry_info info;
    if (run->kind == LP_KIND_BENCHMARK && lp_entry_get(run->ws, id, &info) == LP_OK &&
        info.kind == LP_KIND_BENCHMARK) {
        lp_run_node *g = indexed_node(b, LP_NODE_BENCHMARK, &run->root, id, &info);
        if (g) add_children_indexed(b, g, id);
        if (!g || b->oom) {
            err_set(err, LP_ERR_NOMEM, "out of memory");
            return LP_ERR_NOMEM;
        }
        if (b->load_err.code) {
            if (err) *err = b->load_err;
            return b->load_err.code;
        }
        run->root.children[run->root.nchildren++] = g;
        return LP_OK;
    }
    lp_resource *r = NULL;
    int rc = lp_load_entry(run->ws, id, &r, err);
    if (rc != LP_OK) return rc;
    if (run_hold(run, r) != LP_OK) {
        lp_resource_release(r);
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    lp_kind k = lp_resource_kind(r);
    lp_run_node *n;
    if (k == LP_KIND_BENCHMARK) {
        n = run_new_node(b, LP_NODE_BENCHMARK, &run->root, r);
        if (n) run_add_children(b, n, r);
    } else if (k == LP_KIND_CONTROL) {
        if (!control_selected(run, r)) return LP_OK;
        n = run_new_node(b, LP_NODE_CONTROL, &run->root, r);
        if (n) run_add_leaf(b, n);
    } else {
        n = run_new_node(b, LP_NODE_QUERY, &run->root, r);
        if (n) run_add_leaf(b, n);
    }
    if (n && run->kind == LP_KIND_QUERY) n->type = LP_NODE_QUERY;  /* `query run control.x`: its rows */
    if (!n || b->oom) {
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    run->root.children[run->root.nchildren++] = n;
    return LP_OK;
}

typedef struct named_id {
    const char *name;
    uint32_t id;
} named_id;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const named_id *)a)->name, ((const named_id *)b)->name);
}

static int add_all(lp_run *run, lp_kind kind, run_builder *b, lp_error *err)
{
    (void)b;
    uint32_t n = 0;
    for (uint32_t id = lp_next_of_kind(run->ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(run->ws, kind, id))
        n++;
    named_id *e = mem_calloc(n ? n : 1, sizeof *e);
    if (!e) { err_set(err, LP_ERR_NOMEM, "out of memory"); return LP_ERR_NOMEM; }
    uint32_t m = 0;
    for (uint32_t id = lp_next_of_kind(run->ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(run->ws, kind, id)) {
        lp_entry_info info;
        if (lp_entry_get(run->ws, id, &info) != LP_OK || info.mod != 0) continue;
        /* benchmarks: the top-level ones only */
        if (kind == LP_KIND_BENCHMARK && !info.is_top_level) continue;
        e[m].name = info.name;
        e[m++].id = id;
    }
    qsort(e, m, sizeof *e, cmp_names);
    int rc = LP_OK;
    lp_run_node **grown = ar_zalloc(&run->arena, ((size_t)run->root.nchildren + m + 1) * sizeof *grown);
    if (!grown) rc = LP_ERR_NOMEM;
    else {
        memcpy(grown, run->root.children, run->root.nchildren * sizeof *grown);
        run->root.children = grown;
    }
    for (uint32_t i = 0; i < m && rc == LP_OK; i++) rc = add_target(run, b, e[i].id, err);
    mem_free(e, (n ? n : 1) * sizeof *e);
    return rc;
}

/* ------------------------------------------------------------------ events */

static void node_final(lp_run *run, lp_run_node *n)
{
    if (run->opts.discard_rows && n->type == LP_NODE_CONTROL) run_rows_free(n);
}

/* Deliver every event now due, in tree order; the thread that makes the last leaf final also
 * reports the run complete. */
void run_deliver(lp_run *run)
{
    pthread_mutex_lock(&run->event_lock);
    for (;;) {
        pthread_mutex_lock(&run->lock);
        lp_run_node *n = NULL;
        int finished = 0;
        if (run->is_dash && !run->tree_events) {
            if (run->next_report < run->ndone) n = run->done[run->next_report++];
            else if (run->ndone == run->nleaves && !run->complete) finished = 1;
        } else if (run->next_report < run->nleaves) {
            lp_run_node *c = run->leaves[run->next_report];
            if (c->state == LP_NODE_COMPLETE || c->state == LP_NODE_ERROR || c->state == LP_NODE_BLOCKED) {
                n = c;
                run->next_report++;
            }
        } else if (!run->complete) {
            finished = 1;
        }
        pthread_mutex_unlock(&run->lock);
        if (n) {
            if (run->opts.on_event) {
                lp_run_event ev = { LP_EV_NODE_COMPLETE, n };
                run->opts.on_event(run->opts.user, &ev);
            }
            node_final(run, n);
            continue;
        }
        if (finished) {
            run->end_ms = wall_ms();
            if (run->opts.on_event) {
                lp_run_event ev = { LP_EV_RUN_COMPLETE, &run->root };
                run->opts.on_event(run->opts.user, &ev);
            }
            pthread_mutex_lock(&run->lock);
            run->complete = 1;
            pthread_cond_broadcast(&run->done_cond);
            pthread_mutex_unlock(&run->lock);
        }
        break;
    }
    pthread_mutex_unlock(&run->event_lock);
}

/* run->lock held: n is final (or blocked); a dashboard's waiting workers look again */
static void leaf_final_locked(lp_run *run, lp_run_node *n)
{
    run->nfinal++;
    if (run->is_dash) {
        run->done[run->ndone++] = n;
        pthread_cond_broadcast(&run->sched_cond);
    }
}

static void finish_leaf(lp_run *run, lp_run_node *n, int ok, char *why)
{
    pthread_mutex_lock(&run->lock);
    n->state = ok ? LP_NODE_COMPLETE : LP_NODE_ERROR;
    if (!ok) {
        n->error = why ? why : run_strdup("out of memory");
        if (n->type == LP_NODE_CONTROL) {
            memset(n->summary, 0, sizeof n->summary);
            n->summary[LP_RES_ERROR] = 1;   /* Powerpipe counts an errored control once */
        }
    }
    if (run->is_dash) run->nrunning--;
    leaf_final_locked(run, n);
    pthread_mutex_unlock(&run->lock);
}

/* ------------------------------------------------------------------ workers */

/* The pool's connection back to it (broken: closed) after a leaf. */
static void worker_give_back(run_worker *w, int broken)
{
    if (!w->pooled) return;
    run_pool_give(w->run->opts.share, w->pooled, broken);
    w->pooled = NULL;
    w->conn = NULL;
    w->driver = NULL;
}

static void worker_close(run_worker *w)
{
    if (w->pooled) {
        worker_give_back(w, 1);
        return;
    }
    if (w->conn) {
        w->driver->close(w->conn);
        pthread_mutex_lock(&w->run->lock);
        w->run->nconnected--;
        pthread_mutex_unlock(&w->run->lock);
    }
    w->conn = NULL;
    w->driver = NULL;
    if (w->url) mem_free(w->url, strlen(w->url) + 1);
    w->url = NULL;
}

/* The database refused a connection for its connection limit (PostgreSQL's 53300: "sorry, too
 * many clients already", "remaining connection slots are reserved", "too many connections for
 * role/database"): back-pressure, not a failure of the statement. */
int run_over_connection_limit(const char *msg)
{
    return strstr(msg, "too many clients") || strstr(msg, "too many connections") ||
           strstr(msg, "connection slots are reserved");
}

/* How long a worker retries a connection refused for the limit while no other worker of the run
 * holds one (while one does, the run makes progress and frees connections as it ends: it waits). */
#define CONN_LIMIT_ALONE_MS 30000

int run_statement_timeout_ms(const lp_run *run)
{
    int ms = run->opts.query_timeout_ms;
    return ms == 0 ? RUN_DEFAULT_TIMEOUT_MS : ms < 0 ? 0 : ms;
}

static int run_is_cancelled(lp_run *run)
{
    pthread_mutex_lock(&run->lock);
    int cancelled = run->cancelled;
    pthread_mutex_unlock(&run->lock);
    return cancelled;
}

static int connect_stopped(void *user)
{
    const run_connect_stop *g = user;
    return run_is_cancelled(g->run) || (g->deadline_ns && now_ns() >= g->deadline_ns);
}

void run_connect_guard(run_connect_stop *g, lp_run *run, lp_db_target *t)
{
    int ms = run_statement_timeout_ms(run);
    g->run = run;
    g->deadline_ns = ms ? now_ns() + (uint64_t)ms * 1000000u : 0;
    t->stop = connect_stopped;
    t->stop_user = g;
}

int run_connect_timed_out(const run_connect_stop *g, int rc, lp_error *err)
{
    if (rc != LP_ERR_CANCELLED || !g->deadline_ns || now_ns() < g->deadline_ns || run_is_cancelled(g->run))
        return 0;
    /* the statement's own wording (the drivers'), and where its time went */
    err_set(err, LP_ERR_TIMEOUT, "statement timed out after %d ms (connecting to the database)",
            run_statement_timeout_ms(g->run));
    return 1;
}

/* Connect to t, retrying with backoff while the database is at its connection limit: the run goes
 * on with the connections it has (max_parallel 50 against a server allowing 5 runs 5 at a time),
 * instead of failing the statements it could not start. */
static int connect_within_limit(run_worker *w, const lp_driver *d, const lp_db_target *t, lp_error *err)
{
    lp_run *run = w->run;
    int delay_ms = 20, alone_ms = 0;
    for (;;) {
        int rc = d->connect(t, &w->conn, err);
        if (rc == LP_OK || !run_over_connection_limit(err->message)) return rc;
        pthread_mutex_lock(&run->lock);
        int cancelled = run->cancelled, others = run->nconnected > 0;
        pthread_mutex_unlock(&run->lock);
        if (cancelled || t->stop(t->stop_user) || (!others && alone_ms >= CONN_LIMIT_ALONE_MS)) return rc;
        if (!others) alone_ms += delay_ms;
        struct timespec ts = { delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        if (delay_ms < 500) delay_ms *= 2;
        memset(err, 0, sizeof *err);
    }
}

/* The worker's connection to url, made (or remade) as needed; an error message otherwise. */
static lp_db_conn *worker_conn(run_worker *w, const char *url, char **why)
{
    if (run_pool_enabled(w->run->opts.share)) {
        if (!(w->pooled = run_pool_take(w->run->opts.share, w->run, url, why))) return NULL;
        w->conn = run_pool_conn(w->pooled, &w->driver);
        return w->conn;
    }
    if (w->conn && strcmp(w->url, url) == 0) return w->conn;
    worker_close(w);
    lp_buf store = { 0 };
    lp_db_target t;
    const lp_driver *d;
    lp_error err = { 0 };
    int rc = run_db_parse(url, &t, &store, &d, &err);
    run_connect_stop guard;
    run_connect_guard(&guard, w->run, &t);
    uint64_t t0 = now_ns();
    if (rc == LP_OK) rc = connect_within_limit(w, d, &t, &err);
    if (rc != LP_OK && run_connect_timed_out(&guard, rc, &err)) rc = LP_ERR_TIMEOUT;
    lp_buf_free(&store);
    uint64_t took = now_ns() - t0;
    pthread_mutex_lock(&w->run->lock);
    if (took > w->run->connect_ns) w->run->connect_ns = took;     /* a failed attempt's cost too */
    if (rc == LP_OK) w->run->nconnected++;
    if (rc == LP_OK && w->run->window_pending) {  /* the last worker admitted runs: its window starts */
        w->run->window_pending = 0;
        w->run->window_ns = now_ns();
        w->run->window_final = w->run->nfinal;
    }
    pthread_mutex_unlock(&w->run->lock);
    if (rc != LP_OK) {
        w->conn = NULL;
        *why = run_strdup(err.message[0] ? err.message : "cannot connect to the database");
        return NULL;
    }
    w->driver = d;
    w->url = run_strdup(url);
    if (!w->url) { worker_close(w); *why = run_strdup("out of memory"); return NULL; }
    return w->conn;
}

/* ------------------------------------------------------------------ reuse
 *
 * A leaf's key: everything its rows depend on besides the database's data — its node type (a
 * control's rows are checked and ordered), the connection's key (address and search path), the
 * final SQL and each bound value (with rows, inputs and params are bound, never spliced).  Two
 * leaves with equal keys run the same statement against the same database. */

static uint64_t key_hash(const char *k, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
    return h;
}

/* mem_malloc'd (*len + 1 bytes), NULL on OOM */
static char *leaf_key(const lp_run_node *n, const char *url, const run_stmt *st, size_t *len)
{
    char head[48];
    int hl = snprintf(head, sizeof head, "%d:%u\n", (int)n->type, st->nparams);
    size_t ul = strlen(url) + 1, sl = strlen(st->sql) + 1, size = (size_t)hl + ul + sl;
    for (uint32_t i = 0; i < st->nparams; i++) size += 48 + (st->params[i].text ? st->params[i].len : 0);
    char *k = mem_malloc(size + 1);
    if (!k) return NULL;
    size_t o = 0;
    memcpy(k, head, (size_t)hl);
    o += (size_t)hl;
    memcpy(k + o, url, ul);        /* the NULs keep url, sql and values apart */
    o += ul;
    memcpy(k + o, st->sql, sl);
    o += sl;
    for (uint32_t i = 0; i < st->nparams; i++) {
        const lp_db_param *p = &st->params[i];
        o += (size_t)snprintf(k + o, 48, "%d:%lld:", (int)p->type, p->text ? (long long)p->len : -1LL);
        if (p->text) {
            memcpy(k + o, p->text, p->len);
            o += p->len;
        }
    }
    k[o] = '\0';
    /* the exact length, for mem_free */
    char *exact = mem_realloc(k, size + 1, o + 1);
    if (!exact) { mem_free(k, size + 1); return NULL; }
    *len = o;
    return exact;
}

static run_result **reuse_slot(run_result **tab, uint32_t cap, const char *key, size_t len, uint64_t h)
{
    for (uint32_t i = (uint32_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        run_result *r = tab[i];
        if (!r || (r->hash == h && r->key_len == len && memcmp(r->key, key, len) == 0)) return &tab[i];
    }
}

static int reuse_add(lp_run *run, run_result *r, uint32_t *count)
{
    if ((*count + 1) * 2 > run->reuse_cap) {
        uint32_t ncap = run->reuse_cap ? run->reuse_cap * 2 : 64;
        run_result **t = mem_calloc(ncap, sizeof *t);
        if (!t) return LP_ERR_NOMEM;
        for (uint32_t i = 0; i < run->reuse_cap; i++)
            if (run->reuse[i])
                *reuse_slot(t, ncap, run->reuse[i]->key, run->reuse[i]->key_len, run->reuse[i]->hash) =
                    run->reuse[i];
        mem_free(run->reuse, run->reuse_cap * sizeof *run->reuse);
        run->reuse = t;
        run->reuse_cap = ncap;
    }
    run_result **slot = reuse_slot(run->reuse, run->reuse_cap, r->key, r->key_len, r->hash);
    if (*slot) return LP_OK;        /* an equal result is there already */
    run_result_retain(r);
    *slot = r;
    (*count)++;
    return LP_OK;
}

/* The completed leaves of the runs in opts.reuse, retained into run's table: the runs may be freed
 * once lp_run_start returned.  A run still running gives the leaves already complete (their
 * state and rows are published under its lock). */
static int reuse_load(lp_run *run, const lp_run *const *from, uint32_t nfrom)
{
    uint32_t count = 0;
    int rc = LP_OK;
    for (uint32_t i = 0; i < nfrom && rc == LP_OK; i++) {
        lp_run *o = (lp_run *)from[i];
        if (!o || o == run || o->opts.discard_rows) continue;   /* discarded rows are freed unlocked */
        pthread_mutex_lock(&o->lock);
        for (uint32_t l = 0; l < o->nleaves && rc == LP_OK; l++) {
            const lp_run_node *n = o->leaves[l];
            if (n->state == LP_NODE_COMPLETE && n->rows && n->rows->key) rc = reuse_add(run, n->rows, &count);
        }
        pthread_mutex_unlock(&o->lock);
    }
    return rc;
}

static void reuse_free(lp_run *run)
{
    for (uint32_t i = 0; i < run->reuse_cap; i++) run_result_release(run->reuse[i]);
    mem_free(run->reuse, run->reuse_cap * sizeof *run->reuse);
    run->reuse = NULL;
    run->reuse_cap = 0;
}

static run_result *reuse_find(const lp_run *run, const char *key, size_t len, uint64_t h)
{
    return run->reuse_cap ? *reuse_slot(run->reuse, run->reuse_cap, key, len, h) : NULL;
}

static void *worker_main(void *arg);

/* run->lock held.  One more worker while the leaves not final outnumber the workers started: a run
 * starts one thread and each worker about to wait for a database starts the next, so a run whose
 * leaves are all taken from other runs' results, kept or in flight (N viewers of one dashboard), uses
 * one thread, not max_parallel. */
static void spawn_worker_locked(lp_run *run)
{
    if (run->spawn_failed || run->nstarted >= run->nworkers || run->nleaves - run->nfinal <= run->nstarted)
        return;
    /* a check run's next worker waits to be admitted (worker_admitted): one waiting is enough */
    if (!run->is_dash && !run_pool_enabled(run->opts.share) && run->nstarted > run->nadmitted) return;
    run_worker *w = &run->workers[run->nstarted];
    w->run = run;
    /* a pooled run's workers are detached: a joinable thread that ended keeps its stack until joined,
     * and the server frees a run only when its results are no one's (1,600 ended threads' stacks,
     * 19 MiB, over the viewers bench's waves); lp_run_free waits for them by nexited instead */
    pthread_attr_t attr;
    int detached = run_pool_enabled(run->opts.share);
    if (pthread_attr_init(&attr) != 0) {
        run->spawn_failed = 1;
        return;
    }
    if (detached) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&w->thread, &attr, worker_main, w);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        run->spawn_failed = 1;
        return;
    }
    run->nstarted++;
}

/* An indexed control loaded for its leaf (*loaded, released when the leaf is done); 0: the leaf
 * failed and is final. */
static int leaf_load(lp_run *run, lp_run_node *n, lp_resource **loaded, uint64_t t0)
{
    lp_error lerr = { 0 };
    char *why = NULL;
    if (lp_load_entry_uncached(run->ws, n->entry, loaded, &lerr) != LP_OK) {
        why = run_strdup(lerr.message[0] ? lerr.message : "out of memory");
        n->error_code = lerr.code;
    } else {
        n->res = *loaded;
        const char *sev = lp_resource_str(*loaded, "severity");
        if (!sev || (n->severity = run_strdup(sev))) return 1;
        n->res = NULL;
        lp_resource_release(*loaded);
        why = run_strdup("out of memory");
    }
    n->duration_ns = now_ns() - t0;
    finish_leaf(run, n, 0, why);
    return 0;
}

/* Run st on the worker's connection c into n's rows (or the caller's sink when streamed); the
 * connection is closed when it may not serve another statement.  LP_OK, or the failure with *why. */
static int exec_statement(run_worker *w, lp_run_node *n, lp_db_conn *c, const run_stmt *st, int streamed,
                          char **why)
{
    lp_run *run = w->run;
    int rc;
    lp_db_sink sink = streamed ? run_stream_sink : run_rows_sink;
    sink.user = n;
    int timeout = run_statement_timeout_ms(run);
    pthread_mutex_lock(&run->lock);
    int cancelled = run->cancelled;
    if (!cancelled) {
        w->busy = c;
        w->busy_ns = now_ns();
        run->nqueried++;
    }
    pthread_mutex_unlock(&run->lock);
    lp_error err = { 0 };
    int kept = 0;   /* the connection still works: the statement ran, or the driver's reset */
    if (cancelled) {
        rc = LP_ERR_CANCELLED;
        err_set(&err, rc, "cancelled");
    } else {
        rc = w->driver->exec(c, st->sql, st->params, st->nparams, &sink, timeout, &err);
        /* still busy: a cancel stops a rollback the reset waits for */
        kept = rc == LP_OK || (rc == LP_ERR_DB && w->driver->reset && w->driver->reset(c));
    }
    pthread_mutex_lock(&run->lock);
    w->busy = NULL;
    w->busy_ns = 0;
    /* a cancel is sticky on its connection (lp_driver.cancel), also one that came after the
     * statement ended: such a connection must not serve another run's statement */
    int cancel_sent = run->cancelled && !cancelled;
    pthread_mutex_unlock(&run->lock);
    if (rc == LP_OK) rc = streamed ? run_stream_finish(n) : run_rows_finish(n, why);
    else *why = run_strdup(err.message[0] ? err.message : "the statement failed");
    /* a statement's error is not a lost connection: only a lost one (the driver's reset)
     * is closed, and the next leaf makes a new one (a run of 2,038 statements, 217 failing
     * on their data, made 220 connections); after a timeout or a cancel the statement may
     * still run on the server: closed too */
    if ((rc == LP_ERR_DB && !kept) || rc == LP_ERR_TIMEOUT || rc == LP_ERR_CANCELLED ||
        (cancel_sent && w->pooled))
        worker_close(w);
    return rc;
}

static void run_leaf(run_worker *w, lp_run_node *n)
{
    lp_run *run = w->run;
    uint64_t t0 = now_ns();
    char *why = NULL;
    if (n->composite) {
        int ok = run_dash_composite(n, &why) == LP_OK;
        finish_leaf(run, n, ok, why);
        return;
    }
    lp_resource *loaded = NULL;
    if (n->indexed && !leaf_load(run, n, &loaded, t0)) return;
    run_stmt st;
    int rc = run_args_resolve(run, n, &st, &why);
    /* a panel shows what it ran (a check run's controls do not: none is kept for them) */
    if (rc == LP_OK && n->type != LP_NODE_CONTROL && run_args_keep(n, &st) != LP_OK) {
        rc = LP_ERR_NOMEM;
        why = run_strdup("out of memory");
        run_args_free(&st);
    }
    char *url = rc == LP_OK ? run_database_url(run, n, &why) : NULL;
    if (rc == LP_OK && !url) {
        rc = LP_ERR_ARG;
        run_args_free(&st);
    }
    char *key = NULL;
    size_t key_len = 0;
    uint64_t hash = 0;
    /* rows handed to the caller as they arrive are not kept: nothing to take, nothing to give.  In a
     * dashboard or detection run, a `with` run's rows are read by the panels below it: kept */
    int streamed = (run->opts.on_row || run->opts.on_columns) &&
                   (run->is_dash ? !n->panel_type || strcmp(n->panel_type, "with") != 0
                                 : n->type == LP_NODE_QUERY);
    if (rc == LP_OK && !streamed && (key = leaf_key(n, url, &st, &key_len))) {
        hash = key_hash(key, key_len);
        run_result *hit = reuse_find(run, key, key_len, hash);
        pthread_mutex_lock(&run->lock);
        int cancelled = run->cancelled;
        if (hit && !cancelled) run->nreused++;
        pthread_mutex_unlock(&run->lock);
        if (hit) {
            if (cancelled) why = run_strdup("cancelled");
            else run_rows_share(n, hit);
            rc = cancelled ? LP_ERR_CANCELLED : LP_OK;
            run_args_free(&st);
            mem_free(key, key_len + 1);
            key = NULL;
            goto done;
        }
    }
    /* another run executing the same statement now: wait for its rows rather than run it twice */
    struct share_flight *flight = NULL;
    if (rc == LP_OK && key && run->opts.share) {
        run_result *got = NULL;
        int sr = run_share_enter(run->opts.share, run, key, key_len, hash, &flight, &got);
        if (sr != SHARE_RUN) {
            pthread_mutex_lock(&run->lock);
            if (got) {
                run->nreused++;
                run->nshared++;
            }
            pthread_mutex_unlock(&run->lock);
            if (got) run_rows_share(n, got);
            else why = run_strdup("cancelled");
            run_result_release(got);
            rc = got ? LP_OK : LP_ERR_CANCELLED;
            run_args_free(&st);
            mem_free(key, key_len + 1);
            key = NULL;
            goto done;
        }
    }
    /* this worker waits for a database now: the next one starts — with a pool, once this one has its
     * connection and while the pool has one to give (workers waiting for the pool's connections
     * would be threads doing nothing: 100 runs of a pool of 10 had 1,000, then 488) */
    int pooled = run_pool_enabled(run->opts.share);
    if (rc == LP_OK && !pooled) {
        pthread_mutex_lock(&run->lock);
        spawn_worker_locked(run);
        pthread_mutex_unlock(&run->lock);
    }
    if (rc == LP_OK) {
        lp_db_conn *c = worker_conn(w, url, &why);
        if (c && pooled && !run_pool_full(run->opts.share)) {
            pthread_mutex_lock(&run->lock);
            spawn_worker_locked(run);
            pthread_mutex_unlock(&run->lock);
        }
        if (!c) rc = LP_ERR_DB;
        else if (run_rows_begin(n, &w->coll) != LP_OK) {
            rc = LP_ERR_NOMEM;
            why = run_strdup("out of memory");
        } else
            rc = exec_statement(w, n, c, &st, streamed, &why);
        worker_give_back(w, 0);     /* a pool's: the next statement of any run may take it */
        run_args_free(&st);
    }
    if (rc == LP_OK && n->rows && key) {     /* a later run may take these rows */
        n->rows->key = key;
        n->rows->key_len = key_len;
        n->rows->hash = hash;
        /* the waiters take these rows; on a failure one of them runs the statement itself */
        run_share_leave(run->opts.share, flight, n->rows);
        flight = NULL;
        key = NULL;
    }
    run_share_leave(run->opts.share, flight, NULL);
done:
    if (key) mem_free(key, key_len + 1);
    if (url) mem_free(url, strlen(url) + 1);
    if (rc != LP_OK) run_rows_free(n);
    if (loaded) {
        n->res = NULL;
        /* loaded uncached: a run reads each control once, and keeping 10,000 of them in the
         * workspace's cache would make its memory grow with the benchmark up to the cache's budget */
        lp_resource_release(loaded);
    }
    n->duration_ns = now_ns() - t0;
    n->error_code = rc;
    finish_leaf(run, n, rc == LP_OK, why);
}

/* A dashboard's next leaf whose dependencies are final (run->lock held).  A leaf whose dependency
 * failed fails with its error here; when nothing runs and no leaf can start, the leaves left wait for
 * inputs: blocked.  NULL when no leaf is left to take. */
static lp_run_node *dash_take(lp_run *run)
{
    for (;;) {
        int waiting = 0;
        while (run->next_job < run->nleaves && run->leaves[run->next_job]->state != LP_NODE_READY)
            run->next_job++;
        for (uint32_t i = run->next_job; i < run->nleaves; i++) {
            lp_run_node *n = run->leaves[i];
            if (n->state != LP_NODE_READY) continue;
            int ready = 1;
            lp_run_node *failed = NULL;
            for (uint32_t d = 0; d < n->ndeps; d++) {
                lp_node_state s = n->deps[d]->state;
                if (s == LP_NODE_ERROR && !failed) failed = n->deps[d];
                if (s != LP_NODE_COMPLETE && s != LP_NODE_ERROR) ready = 0;
            }
            if (failed && !n->composite) {
                n->state = LP_NODE_ERROR;
                n->error = run_strdup(failed->error ? failed->error : "a dependency failed");
                n->error_code = failed->error_code;
                leaf_final_locked(run, n);
                continue;
            }
            if (ready && run->cancelled) {
                n->state = LP_NODE_ERROR;
                n->error = run_strdup("cancelled");
                leaf_final_locked(run, n);
                continue;
            }
            if (ready && !run_dash_inputs_ready(run, n)) ready = 0;
            if (ready) {
                n->state = LP_NODE_RUNNING;
                run->nrunning++;
                return n;
            }
            waiting = 1;
        }
        if (!waiting) return NULL;
        if (run->nrunning == 0) {
            /* nothing runs, nothing can start: what is left waits for input values */
            for (uint32_t i = run->next_job; i < run->nleaves; i++)
                if (run->leaves[i]->state == LP_NODE_READY) {
                    run->leaves[i]->state = LP_NODE_BLOCKED;
                    leaf_final_locked(run, run->leaves[i]);
                }
            return NULL;
        }
        pthread_cond_wait(&run->sched_cond, &run->lock);
    }
}

/* How a check run's workers grow.  Each worker has its own connection, and a connection is not free
 * for a database on this machine's CPUs: PostgreSQL's backend start and its cold caches cost it 60 to
 * 90 ms of CPU here, so ten workers doubled the server's CPU of 1,000 short statements and made the run
 * slower than one connection (bench/run_bench.sh PARTS=real; BENCHMARKS.md's history).  The first worker
 * always runs; the next one, started when a worker begins waiting for the database, connects only
 * once one more pays back a connect (the slowest the run's workers made, c):
 *  - a statement has been running longer than c (slow statements, such as Steampipe's API calls, gain
 *    from every worker), or
 *  - one more worker, adding to the rate what the last one added (measured over the window from its
 *    connect, at least c and 8 leaves a worker; a linear share before that is known), would finish
 *    the leaves not yet taken sooner by more than c, with a gain larger than the windows' noise.
 *    A database on a few cores is saturated by a few connections and the gain falls to nothing;
 *    one on many cores across a network is not.
 * Connections that cost less than GROW_CHEAP_NS (a SQLite or DuckDB file) are opened as before, as
 * soon as a worker starts.  1: admitted; 0: no leaf left to take, or the run was cancelled. */
#define GROW_CHEAP_NS 1000000ull
#define GROW_POLL_MIN_NS 1000000ull
#define GROW_POLL_MAX_NS 50000000ull

static int grow_pays_locked(lp_run *run, uint64_t now, uint64_t c, double *rate, uint32_t *rate_final)
{
    for (uint32_t i = 0; i < run->nstarted; i++) {
        uint64_t since = run->workers[i].busy_ns;
        if (since && now - since >= c) return 1;
    }
    if (run->window_pending) return 0;
    uint64_t elapsed = now - run->window_ns;
    uint32_t k = run->nadmitted, done = run->nfinal - run->window_final;
    if (elapsed < c || done < 8 * k) return 0;
    double r = *rate = done * 1e9 / (double)elapsed, left = run->nleaves - run->next_job;
    *rate_final = done;
    /* what the last worker added (unknown: a linear share), expected of the next one too */
    double gain = run->prev_rate > 0 ? r - run->prev_rate : r / k;
    /* A rate counted from n leaves is known to about r/sqrt(n) (statements differ; a new backend's
     * first ones are slow).  A gain the two windows cannot tell from that is taken as none: 5% gains
     * inside it grew 2 workers to 4-6 on a 2-core database, where 2 are fastest and each backend
     * costs the database CPU that c does not show (bench/run_bench.sh PARTS=real; BENCHMARKS.md's
     * history).  The window only grows while it waits, so a real gain is admitted a little later. */
    double noise2 = r * r * (1.0 / done + (run->prev_final ? 1.0 / run->prev_final : 0.0));
    /* squared: the program does not link libm for one sqrt */
    return gain > 0 && gain * gain > noise2 && (left / r - left / (r + gain)) * 1e9 > (double)c;
}

static int worker_admitted(lp_run *run)
{
    pthread_mutex_lock(&run->lock);
    for (;;) {
        if (run->cancelled || run->next_job >= run->nleaves) break;
        uint64_t now = now_ns(), c = run->connect_ns, poll_ns = 5 * GROW_POLL_MIN_NS;
        double rate = 0;
        uint32_t rate_final = 0;
        if (c && (c < GROW_CHEAP_NS || grow_pays_locked(run, now, c, &rate, &rate_final))) {
            run->prev_rate = rate;  /* 0 when admitted before its window was measured: not known */
            run->prev_final = rate_final;
            run->nadmitted++;
            run->window_pending = 1;
            pthread_mutex_unlock(&run->lock);
            return 1;
        }
        if (c) poll_ns = c / 4 < GROW_POLL_MIN_NS ? GROW_POLL_MIN_NS : c / 4 > GROW_POLL_MAX_NS
                         ? GROW_POLL_MAX_NS : c / 4;
        struct timespec ts = thr_deadline(CLOCK_REALTIME, poll_ns);
        pthread_cond_timedwait(&run->grow_cond, &run->lock, &ts);
    }
    pthread_mutex_unlock(&run->lock);
    return 0;
}

/* A dashboard's leaf that starts, to a caller that asked (running_events), one event at a time with
 * the others (event_lock); before its query, so before its LP_EV_NODE_COMPLETE */
static void report_running(lp_run *run, lp_run_node *n)
{
    if (!run->opts.on_event || !run->opts.running_events) return;
    lp_run_event ev = { LP_EV_NODE_RUNNING, n };
    pthread_mutex_lock(&run->event_lock);
    run->opts.on_event(run->opts.user, &ev);
    pthread_mutex_unlock(&run->event_lock);
}

/* The worker's leaves, one after the other, until none is left to take. */
static void worker_loop(run_worker *w)
{
    lp_run *run = w->run;
    while (run->is_dash) {
        pthread_mutex_lock(&run->lock);
        lp_run_node *n = dash_take(run);
        pthread_mutex_unlock(&run->lock);
        if (n) {
            report_running(run, n);
            run_leaf(w, n);
        }
        run_deliver(run);
        if (!n) {
            worker_close(w);
            return;
        }
    }
    if (w != run->workers && !run_pool_enabled(run->opts.share) && !worker_admitted(run)) return;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        lp_run_node *n = NULL;
        if (run->next_job < run->nleaves) {
            n = run->leaves[run->next_job++];
            n->state = LP_NODE_RUNNING;
        }
        int cancelled = run->cancelled;
        pthread_mutex_unlock(&run->lock);
        if (!n) break;
        if (cancelled) finish_leaf(run, n, 0, run_strdup("cancelled"));
        else run_leaf(w, n);
        run_deliver(run);
    }
    worker_close(w);
}

static void *worker_main(void *arg)
{
    run_worker *w = arg;
    lp_run *run = w->run;
    worker_loop(w);
    run_collect_free(w->coll);
    /* an admitted run's last worker gives its place to the next run waiting (share.c): no worker
     * starts once all have ended (a worker starts the next one), so the last is known here */
    pthread_mutex_lock(&run->lock);
    int last = ++run->nending == run->nstarted && run->admit_state == RUN_ADMITTED;
    pthread_mutex_unlock(&run->lock);
    if (last) run_admit_done(run->opts.share, run);
    /* a detached worker's last touch of run: lp_run_free may free it once it sees this */
    pthread_mutex_lock(&run->lock);
    run->nexited++;
    pthread_cond_broadcast(&run->done_cond);
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* ------------------------------------------------------------------ the API */

static int copy_strings(lp_run *run, const char *const **dst, const char *const *src, uint32_t n)
{
    if (!n) { *dst = NULL; return LP_OK; }
    const char **v = ar_zalloc(&run->arena, n * sizeof *v);
    if (!v) return LP_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        v[i] = ar_strndup(&run->arena, src[i], strlen(src[i]));
        if (!v[i]) return LP_ERR_NOMEM;
    }
    *dst = v;
    return LP_OK;
}

static int run_new(lp_workspace *ws, const lp_run_opts *opts, lp_run **out, lp_error *err)
{
    lp_run *run = mem_calloc(1, sizeof *run);
    *out = run;
    if (!run) { err_set(err, LP_ERR_NOMEM, "out of memory"); return LP_ERR_NOMEM; }
    run->ws = ws;
    ws_retain(ws);                  /* the run pins its version: lp_run_free's lp_close drops it */
    ar_init(&run->arena, 16 * 1024);
    if (opts) run->opts = *opts;
    run->root.type = LP_NODE_ROOT;
    run->root.run = run;
    run->root.name = "";
    pthread_mutex_init(&run->lock, NULL);
    pthread_mutex_init(&run->event_lock, NULL);
    pthread_cond_init(&run->done_cond, NULL);
    pthread_cond_init(&run->sched_cond, NULL);
    pthread_cond_init(&run->grow_cond, NULL);
    int rc = copy_strings(run, &run->opts.args, opts ? opts->args : NULL, opts ? opts->nargs : 0);
    if (rc == LP_OK)
        rc = copy_strings(run, &run->opts.tags, opts ? opts->tags : NULL, opts ? opts->ntags : 0);
    /* the workers read the inputs until the run ends; the server frees a session's at its next
     * input_changed, while the run it started may still be ending */
    if (rc == LP_OK)
        rc = copy_strings(run, &run->opts.inputs, opts ? opts->inputs : NULL, opts ? opts->ninputs : 0);
    if (rc == LP_OK && run->opts.database)
        if (!(run->opts.database = ar_strndup(&run->arena, run->opts.database, strlen(run->opts.database))))
            rc = LP_ERR_NOMEM;
    for (int i = 0; i < 2; i++) {
        const char **v = i ? &run->opts.time_to : &run->opts.time_from;
        if (rc == LP_OK && *v && !(*v = ar_strndup(&run->arena, *v, strlen(*v)))) rc = LP_ERR_NOMEM;
    }
    if (rc == LP_OK && run->opts.config_path)
        if (!(run->opts.config_path = ar_strndup(&run->arena, run->opts.config_path,
                                                 strlen(run->opts.config_path))))
            rc = LP_ERR_NOMEM;
    if (rc == LP_OK && opts && opts->nreuse) rc = reuse_load(run, opts->reuse, opts->nreuse);
    run->opts.reuse = NULL;         /* read here only: the caller's array need not outlive the start */
    run->opts.nreuse = 0;
    *out = run;
    if (rc != LP_OK) err_set(err, rc, "out of memory");
    return rc;
}

/* The database must be one a registered driver serves before anything starts. */
static int check_database(lp_run *run, lp_error *err)
{
    if (run->opts.database && !*run->opts.database)   /* not "use the default": say so */
        return err_set(err, LP_ERR_ARG, "the database is empty: give a connection string (postgres://..., "
                       "sqlite://path, duckdb://path) or connection.TYPE.NAME");
    int rc = run_conns_load(run, err);
    if (rc != LP_OK || !run->opts.database) return rc;
    char *why = NULL;
    char *url = run_database_url(run, NULL, &why);
    if (!url) {
        rc = why && strcmp(why, "out of memory") != 0 ? LP_ERR_ARG : LP_ERR_NOMEM;
        err_set(err, rc, "%s", why ? why : "out of memory");
        if (why) mem_free(why, strlen(why) + 1);
        return rc;
    }
    lp_buf store = { 0 };
    lp_db_target t;
    const lp_driver *d;
    rc = run_db_parse(url, &t, &store, &d, err);
    lp_buf_free(&store);
    mem_free(url, strlen(url) + 1);
    return rc;
}

static int run_launch(lp_run *run, run_builder *b, lp_error *err)
{
    run->leaves = b->leaves;
    run->nleaves = b->nleaves;
    run->leaves_cap = b->cap;
    run->start_ms = wall_ms();
    if (run->is_dash && run->nleaves) {
        run->done = mem_calloc(run->nleaves, sizeof *run->done);
        if (!run->done) { err_set(err, LP_ERR_NOMEM, "out of memory"); return LP_ERR_NOMEM; }
    }
    if (run->opts.on_event) {
        lp_run_event ev = { LP_EV_RUN_STARTED, &run->root };
        run->opts.on_event(run->opts.user, &ev);
    }
    if (run->opts.dry_run || run->nleaves == 0) {
        run->end_ms = wall_ms();
        if (run->opts.on_event) {
            lp_run_event ev = { LP_EV_RUN_COMPLETE, &run->root };
            run->opts.on_event(run->opts.user, &ev);
        }
        run->complete = 1;
        return LP_OK;
    }
    uint32_t np = run->opts.max_parallel ? run->opts.max_parallel : RUN_DEFAULT_PARALLEL;
    if (np > run->nleaves) np = run->nleaves;
    run->workers = mem_calloc(np, sizeof *run->workers);
    if (!run->workers) { err_set(err, LP_ERR_NOMEM, "out of memory"); return LP_ERR_NOMEM; }
    run->nworkers = np;
    run->nadmitted = 1;             /* the first worker; the others as worker_admitted says */
    run->window_pending = 1;
    /* with a pool, a run past the share's bound waits for a place with no thread (share.c) */
    lp_run_share *share = run_pool_enabled(run->opts.share) ? run->opts.share : NULL;
    if (share && !run_admit(share, run)) return LP_OK;
    pthread_mutex_lock(&run->lock);
    spawn_worker_locked(run);       /* the others as leaves wait for a database */
    int started = run->nstarted;
    pthread_mutex_unlock(&run->lock);
    if (!started) {
        if (share) run_admit_done(share, run);
        err_set(err, LP_ERR_NOMEM, "cannot start a worker thread");
        return LP_ERR_NOMEM;
    }
    return LP_OK;
}

int run_begin(lp_run *run)
{
    pthread_mutex_lock(&run->lock);
    spawn_worker_locked(run);
    int started = run->nstarted > 0;
    for (uint32_t i = 0; !started && i < run->nleaves; i++) {
        lp_run_node *n = run->leaves[i];
        if (n->state != LP_NODE_READY) continue;
        n->state = LP_NODE_ERROR;
        n->error = run_strdup("cannot start a worker thread");
        n->error_code = LP_ERR_NOMEM;
        if (n->type == LP_NODE_CONTROL) n->summary[LP_RES_ERROR] = 1;
        leaf_final_locked(run, n);
    }
    pthread_mutex_unlock(&run->lock);
    return started;
}

/* The entry a target names for a run of kind; LP_NO_ENTRY when none. */
static uint32_t target_id(lp_workspace *ws, lp_kind kind, const char *target)
{
    lp_kind look = kind == LP_KIND_DETECTION_BENCHMARK ? LP_KIND_BENCHMARK : kind;
    uint32_t id = lp_resolve_target(ws, look, target);
    lp_entry_info info;
    /* a `benchmark` block of type "detection", or a `detection_benchmark` block */
    if (id != LP_NO_ENTRY && kind == LP_KIND_DETECTION_BENCHMARK &&
        (lp_entry_get(ws, id, &info) != LP_OK ||
         (info.kind != LP_KIND_DETECTION_BENCHMARK && strcmp(info.benchmark_type, "detection") != 0)))
        id = LP_NO_ENTRY;
    if (id == LP_NO_ENTRY && kind == LP_KIND_QUERY) id = lp_resolve_target(ws, LP_KIND_CONTROL, target);
    return id;
}

int lp_run_start(lp_workspace *ws, lp_kind kind, const char *const *targets, uint32_t ntargets,
                 const lp_run_opts *opts, lp_run **out, lp_error *err)
{
    if (!ws || !out || (ntargets && !targets)) {
        err_set(err, LP_ERR_ARG, "bad argument");
        return LP_ERR_ARG;
    }
    *out = NULL;
    int tree = kind == LP_KIND_DASHBOARD || kind == LP_KIND_DETECTION || kind == LP_KIND_DETECTION_BENCHMARK;
    if (kind != LP_KIND_QUERY && kind != LP_KIND_CONTROL && kind != LP_KIND_BENCHMARK && !tree) {
        err_set(err, LP_ERR_ARG, "only queries, controls, benchmarks, dashboards and detections run");
        return LP_ERR_ARG;
    }
    if (tree && ntargets != 1) {
        err_set(err, LP_ERR_ARG, "a %s run takes one target", lp_kind_name(kind));
        return LP_ERR_ARG;
    }
    lp_run *run = NULL;
    int rc = run_new(ws, opts, &run, err);
    run_builder b = { .run = run };
    if (rc == LP_OK) rc = check_database(run, err);
    if (rc == LP_OK && opts && opts->where && opts->where[0] &&
        (kind == LP_KIND_CONTROL || kind == LP_KIND_BENCHMARK))
        rc = run_where_parse(opts->where, &run->where, err);
    if (run) run->opts.where = NULL;    /* read here only */
    /* a check run's benchmarks and controls read their titles and tags from the index: resolved */
    if (rc == LP_OK && kind == LP_KIND_BENCHMARK) lp_wait_resolved(ws, -1);
    if (rc == LP_OK) {
        run->kind = kind;
        run->root.children = ar_zalloc(&run->arena, ((size_t)ntargets + 1) * sizeof *run->root.children);
        if (!run->root.children) { rc = LP_ERR_NOMEM; err_set(err, rc, "out of memory"); }
    }
    for (uint32_t i = 0; i < ntargets && rc == LP_OK; i++) {
        if (strcmp(targets[i], "all") == 0 && kind != LP_KIND_QUERY) {
            rc = add_all(run, kind, &b, err);
            continue;
        }
        uint32_t id = target_id(ws, kind, targets[i]);
        if (id == LP_NO_ENTRY) {
            rc = err_set(err, LP_ERR_NOT_FOUND, "%s '%.400s' not found", lp_kind_name(kind), targets[i]);
            break;
        }
        if (tree) rc = run_dash_build(run, &b, id, err);
        else rc = add_target(run, &b, id, err);
    }
    if (rc == LP_OK && b.oom) { rc = LP_ERR_NOMEM; err_set(err, rc, "out of memory"); }
    if (rc == LP_OK) rc = run_launch(run, &b, err);
    else mem_free(b.leaves, b.cap * sizeof *b.leaves);
    if (rc != LP_OK) {
        lp_run_free(run);
        return rc;
    }
    *out = run;
    return LP_OK;
}

int lp_run_tree_fingerprint(lp_workspace *ws, lp_kind kind, const char *target, uint64_t *out,
                            lp_error *err)
{
    if (!ws || !target || !out ||
        (kind != LP_KIND_DASHBOARD && kind != LP_KIND_DETECTION && kind != LP_KIND_DETECTION_BENCHMARK))
        return err_set(err, LP_ERR_ARG, "bad argument");
    lp_run *run = NULL;
    int rc = run_new(ws, NULL, &run, err);
    run_builder b = { .run = run };
    uint32_t id = rc == LP_OK ? target_id(ws, kind, target) : LP_NO_ENTRY;
    if (rc == LP_OK && id == LP_NO_ENTRY)
        rc = err_set(err, LP_ERR_NOT_FOUND, "%s '%.400s' not found", lp_kind_name(kind), target);
    if (rc == LP_OK) {
        run->kind = kind;
        run->root.children = ar_zalloc(&run->arena, 2 * sizeof *run->root.children);
        rc = run->root.children ? run_dash_build(run, &b, id, err)
                                : err_set(err, LP_ERR_NOMEM, "out of memory");
    }
    if (rc == LP_OK && b.oom) rc = err_set(err, LP_ERR_NOMEM, "out of memory");
    if (rc == LP_OK && (rc = lp_run_fingerprint(run, out)) == LP_ERR_STALE)
        err_set(err, rc, "a query the dashboard's leaves name changed since the workspace was indexed");
    mem_free(b.leaves, b.cap * sizeof *b.leaves);
    lp_run_free(run);
    return rc;
}

int lp_run_backend_support(lp_workspace *ws, const char *target, const lp_run_opts *opts, unsigned *out,
                           lp_error *err)
{
    if (!ws || !out) return err_set(err, LP_ERR_ARG, "bad argument");
    *out = 0;
    uint32_t id = target ? lp_lookup(ws, target) : LP_NO_ENTRY;
    if (target && id == LP_NO_ENTRY) return err_set(err, LP_ERR_NOT_FOUND, "'%.400s' not found", target);
    lp_run *run = NULL;
    int rc = run_new(ws, opts, &run, err);
    if (rc == LP_OK) rc = run_conns_load(run, err);
    if (rc == LP_OK) *out = run_backend_support(run, id);
    lp_run_free(run);
    return rc;
}

int lp_run_sql(lp_workspace *ws, const char *sql, const lp_run_opts *opts, lp_run **out, lp_error *err)
{
    if (!ws || !sql || !out) { err_set(err, LP_ERR_ARG, "bad argument"); return LP_ERR_ARG; }
    *out = NULL;
    lp_run *run = NULL;
    int rc = run_new(ws, opts, &run, err);
    run_builder b = { .run = run };
    lp_run_node *n = NULL;
    if (rc == LP_OK) rc = check_database(run, err);
    if (rc == LP_OK) {
        run->kind = LP_KIND_QUERY;
        run->root.children = ar_zalloc(&run->arena, sizeof *run->root.children);
        n = run_new_node(&b, LP_NODE_QUERY, &run->root, NULL);
        if (n) n->sql = ar_strndup(&run->arena, sql, strlen(sql));
        /* Powerpipe makes raw SQL a query resource "<mod>.query.command_line_query"
         * (createQueryResourceForCommandLineQuery), the name its snapshot shows */
        lp_mod_info mi;
        const char *mod = lp_mod_get(ws, 0, &mi) == LP_OK ? mi.name : "local";
        char name[300];
        snprintf(name, sizeof name, "%s.query.command_line_query", mod);
        if (n) n->name = ar_strndup(&run->arena, name, strlen(name));
        if (!run->root.children || !n || !n->sql || !n->name) {
            rc = LP_ERR_NOMEM;
            err_set(err, rc, "out of memory");
        }
    }
    if (rc == LP_OK) {
        run->root.children[run->root.nchildren++] = n;
        run_add_leaf(&b, n);
        if (b.oom) { rc = LP_ERR_NOMEM; err_set(err, rc, "out of memory"); }
    }
    if (rc == LP_OK) rc = run_launch(run, &b, err);
    else mem_free(b.leaves, b.cap * sizeof *b.leaves);
    if (rc != LP_OK) { lp_run_free(run); return rc; }
    *out = run;
    return LP_OK;
}

int lp_run_wait(lp_run *run, int timeout_ms)
{
    if (!run) return LP_ERR_ARG;
    pthread_mutex_lock(&run->lock);
    int rc = LP_OK;
    if (timeout_ms < 0) {
        while (!run->complete) pthread_cond_wait(&run->done_cond, &run->lock);
    } else {
        struct timespec ts = thr_deadline(CLOCK_REALTIME, (uint64_t)timeout_ms * 1000000u);
        while (!run->complete)
            if (pthread_cond_timedwait(&run->done_cond, &run->lock, &ts) != 0) break;
        if (!run->complete) rc = LP_ERR_TIMEOUT;
    }
    pthread_mutex_unlock(&run->lock);
    return rc;
}

void lp_run_cancel(lp_run *run)
{
    if (!run) return;
    pthread_mutex_lock(&run->lock);
    run->cancelled = 1;
    for (uint32_t i = 0; i < run->nworkers; i++)
        if (run->workers[i].busy) run->workers[i].driver->cancel(run->workers[i].busy);
    pthread_cond_broadcast(&run->grow_cond);
    pthread_mutex_unlock(&run->lock);
    run_share_wake(run->opts.share);    /* its leaves waiting for other runs' statements stop */
    /* one waiting for its place starts now, to end its leaves as cancelled */
    if (run_pool_enabled(run->opts.share)) run_admit_cancel(run->opts.share, run);
}

void lp_run_free(lp_run *run)
{
    if (!run) return;
    if (run->nworkers) {
        lp_run_cancel(run);
        pthread_mutex_lock(&run->lock);
        run->spawn_failed = 1;      /* no worker starts another now: nstarted is final */
        uint32_t started = run->nstarted;
        pthread_mutex_unlock(&run->lock);
        if (run_pool_enabled(run->opts.share)) {   /* detached workers (spawn_worker_locked) */
            pthread_mutex_lock(&run->lock);
            while (run->nexited < started) pthread_cond_wait(&run->done_cond, &run->lock);
            pthread_mutex_unlock(&run->lock);
            run_admit_unpinned(run->opts.share, run);
        } else {
            for (uint32_t i = 0; i < started; i++) pthread_join(run->workers[i].thread, NULL);
        }
        mem_free(run->workers, run->nworkers * sizeof *run->workers);
    }
    for (uint32_t i = 0; i < run->nleaves; i++) {
        lp_run_node *n = run->leaves[i];
        run_rows_free(n);
        run_args_forget(n);
        if (n->error) mem_free(n->error, strlen(n->error) + 1);
        if (n->severity) mem_free(n->severity, strlen(n->severity) + 1);
    }
    mem_free(run->leaves, run->leaves_cap * sizeof *run->leaves);
    run_dash_free(run);
    for (uint32_t i = 0; i < run->nheld; i++) lp_resource_release(run->held[i]);
    mem_free(run->held, run->held_cap * sizeof *run->held);
    run_conns_free(run);
    reuse_free(run);
    run_where_free(run->where);
    pthread_mutex_destroy(&run->lock);
    pthread_mutex_destroy(&run->event_lock);
    pthread_cond_destroy(&run->done_cond);
    pthread_cond_destroy(&run->sched_cond);
    pthread_cond_destroy(&run->grow_cond);
    ar_free(&run->arena);
    lp_close(run->ws);              /* frees the version when its owner closed it meanwhile */
    mem_free(run, sizeof *run);
}

void lp_run_get_stats(const lp_run *crun, lp_run_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!crun) return;
    lp_run *run = (lp_run *)crun;   /* the counters are read under its lock */
    pthread_mutex_lock(&run->lock);
    out->leaves = run->nleaves;
    out->reused = run->nreused;
    out->queried = run->nqueried;
    out->shared = run->nshared;
    out->reusable = 0;
    for (uint32_t i = 0; i < run->reuse_cap; i++) out->reusable += run->reuse[i] != NULL;
    pthread_mutex_unlock(&run->lock);
}

int lp_node_reused(const lp_run_node *n) { return n->reused; }

const lp_run_node *lp_run_root(const lp_run *run) { return run ? &run->root : NULL; }
uint64_t lp_run_start_time_ms(const lp_run *run) { return run ? run->start_ms : 0; }
uint64_t lp_run_end_time_ms(const lp_run *run) { return run ? run->end_ms : 0; }

/* ------------------------------------------------------------------ readers */

lp_node_type lp_node_get_type(const lp_run_node *n) { return n->type; }
const char *lp_node_name(const lp_run_node *n) { return n->name; }

const char *lp_node_str(const lp_run_node *n, const char *attr)
{
    if (n->indexed) {
        const char *v = strcmp(attr, "title") == 0 ? n->title
                        : strcmp(attr, "description") == 0 ? n->description
                        : strcmp(attr, "documentation") == 0 ? n->documentation
                        : strcmp(attr, "severity") == 0 ? n->severity : NULL;
        return v && *v ? v : NULL;
    }
    if (!n->res) return (n->sql && strcmp(attr, "sql") == 0) ? n->sql : NULL;
    return lp_resource_str(n->res, attr);
}

uint32_t lp_node_tag_count(const lp_run_node *n)
{
    if (n->indexed) return n->tags.n;
    return n->res ? lp_resource_tag_count(n->res) : 0;
}

void lp_node_tag(const lp_run_node *n, uint32_t i, const char **key, const char **value)
{
    if (n->indexed) lp_tags_at(&n->tags, i, key, value);
    else lp_resource_tag(n->res, i, key, value);
}

void lp_node_tags_json(const lp_run_node *n, lp_buf *out)
{
    uint32_t nt = lp_node_tag_count(n);
    lp_buf_putc(out, '{');
    for (uint32_t i = 0; i < nt; i++) {
        const char *k, *v;
        lp_node_tag(n, i, &k, &v);
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, k);
        lp_buf_putc(out, ':');
        lp_json_cstr(out, v);
    }
    lp_buf_putc(out, '}');
}

const lp_run_node *lp_node_parent(const lp_run_node *n) { return n->parent; }
uint32_t lp_node_child_count(const lp_run_node *n) { return n->nchildren; }

const lp_run_node *lp_node_child(const lp_run_node *n, uint32_t i)
{
    return i < n->nchildren ? n->children[i] : NULL;
}

lp_node_state lp_node_get_state(const lp_run_node *n)
{
    if (n->type == LP_NODE_DASHBOARD || n->type == LP_NODE_CONTAINER ||
        n->type == LP_NODE_DETECTION_BENCHMARK) {
        /* a parent of panels: complete once its children are, failed when one failed */
        lp_node_state st = LP_NODE_COMPLETE;
        for (uint32_t i = 0; i < n->nchildren; i++) {
            if (n->children[i]->hidden) continue;
            lp_node_state s = lp_node_get_state(n->children[i]);
            if (s == LP_NODE_ERROR) return LP_NODE_ERROR;
            if (s == LP_NODE_RUNNING || s == LP_NODE_READY) st = LP_NODE_RUNNING;
            if (s == LP_NODE_BLOCKED && st == LP_NODE_COMPLETE) st = LP_NODE_BLOCKED;
        }
        return st;
    }
    if (n->type == LP_NODE_ROOT || n->type == LP_NODE_BENCHMARK) {
        int any_running = 0, all_final = 1;
        for (uint32_t i = 0; i < n->nchildren; i++) {
            lp_node_state s = lp_node_get_state(n->children[i]);
            if (s == LP_NODE_RUNNING) any_running = 1;
            if (s != LP_NODE_COMPLETE && s != LP_NODE_ERROR) all_final = 0;
        }
        return all_final && n->nchildren ? LP_NODE_COMPLETE : any_running ? LP_NODE_RUNNING
               : n->run->complete ? LP_NODE_COMPLETE : LP_NODE_READY;
    }
    return n->state;
}

const char *lp_node_error(const lp_run_node *n) { return n->state == LP_NODE_ERROR ? n->error : NULL; }
int lp_node_error_code(const lp_run_node *n)
{
    return n->state != LP_NODE_ERROR ? LP_OK : n->error_code ? n->error_code : LP_ERR_EVAL;
}
uint64_t lp_node_duration_ns(const lp_run_node *n) { return n->duration_ns; }

void lp_node_summary(const lp_run_node *n, uint32_t counts[LP_RES__COUNT])
{
    memset(counts, 0, LP_RES__COUNT * sizeof *counts);
    if (n->type == LP_NODE_CONTROL) {
        memcpy(counts, n->summary, LP_RES__COUNT * sizeof *counts);
        return;
    }
    for (uint32_t i = 0; i < n->nchildren; i++) {
        uint32_t c[LP_RES__COUNT];
        lp_node_summary(n->children[i], c);
        for (int k = 0; k < LP_RES__COUNT; k++) counts[k] += c[k];
    }
}

/* A node's rows are read through its result (n->rows), the one block a worker made or took */
uint32_t lp_node_column_count(const lp_run_node *n) { return n->rows && n->rows->cols ? n->rows->ncols : 0; }
const lp_db_col *lp_node_column(const lp_run_node *n, uint32_t i)
{
    return i < lp_node_column_count(n) ? &n->rows->cols[i] : NULL;
}
uint32_t lp_node_row_count(const lp_run_node *n) { return n->rows ? n->rows->nrows : 0; }

const lp_db_cell *lp_node_row(const lp_run_node *n, uint32_t row)
{
    const run_result *r = n->rows;
    return r && row < r->nrows ? &r->cells[(size_t)row * r->ncols] : NULL;
}

lp_result_status lp_node_row_status(const lp_run_node *n, uint32_t row)
{
    const run_result *r = n->rows;
    return r && r->statuses && row < r->nrows ? (lp_result_status)r->statuses[row] : LP_RES_ERROR;
}

int lp_node_column_index(const lp_run_node *n, const char *name)
{
    for (uint32_t i = 0; i < lp_node_column_count(n); i++)
        if (strcmp(n->rows->cols[i].name, name) == 0) return (int)i;
    return -1;
}
