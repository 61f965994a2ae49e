/* run.h — the run layer: executing what a workspace holds (lp_run_* in lazypipe.h).
 *
 * A run is a job with its own state (Redis's bio.c, not flags on the workspace): it owns an
 * arena for its tree of nodes, the loaded resources those nodes read (pinned until
 * lp_run_free), a queue of leaves (controls, queries) in tree order, up to max_parallel worker
 * threads each with its own database connection, and the results.  With a share's pool, a run may
 * first wait for a place (share.c's admission) with no thread.  Nothing of it lives on
 * struct lp_workspace: the workspace is only read (lp_load, which is thread-safe).
 *
 * Stages, one file each:
 *   run.c    the tree (targets, benchmarks, tag filters), the queue, workers, events, readers
 *   args.c   a leaf's SQL and bound values, by Powerpipe's rules (ResolveArgs)
 *   rows.c   a statement's rows collected into a node, a control's statuses, validation
 *   share.c  statements in flight shared between concurrent runs (lp_run_share)
 *   fingerprint.c  a dashboard tree's fingerprint: what it shows and executes (lp_run_fingerprint)
 *
 * Error model: one for the layer.  Anything that fails while a leaf runs (its arguments, the
 * connection, the statement, a bad status, memory) becomes that node's LP_NODE_ERROR with a
 * message; lp_run_start fails only when nothing can run.  Out of memory is the same: the node
 * errs with "out of memory", the others run.
 *
 * Threads: the node fields written by a worker (state, error, rows, summary) are published
 * under run->lock; readers read a node once its completion was reported (events are
 * delivered in tree order under run->event_lock, one at a time).
 */
#ifndef LP_RUN_H
#define LP_RUN_H

#include <pthread.h>
#include <stdint.h>

#include "base/arena.h"
#include "lazypipe.h"

/* One cell while rows arrive: its text is at off in the node's text buffer, which may move. */
typedef struct run_cellrec {
    uint32_t type;
    uint32_t len;
    size_t off;
} run_cellrec;

struct lp_run_node {
    lp_node_type type;
    struct lp_run *run;
    const char *name;
    const lp_resource *res;         /* NULL for the root and raw SQL */
    const char *sql;                /* a raw SQL query's */
    struct lp_run_node *parent;
    struct lp_run_node **children;
    uint32_t nchildren;
    uint32_t leaf_index;            /* position in run->leaves (leaves only) */

    /* a check run's benchmarks and controls come from the index, not a loaded tree: a control is
     * loaded when a worker runs it and released when it is done, so a run holds its nodes, never
     * the resources of the whole benchmark (res is the loaded control meanwhile) */
    uint8_t indexed;
    uint32_t entry;
    const char *title, *description, *documentation;   /* the index's (live as the workspace) */
    lp_tags tags;
    char *severity;                 /* a control's, copied while it is loaded (mem_malloc'd) */

    /* written by a worker, read once the node is final */
    lp_node_state state;
    char *error;
    int error_code;                 /* its lp_status (0: not known) */
    uint64_t duration_ns;
    uint32_t summary[LP_RES__COUNT];   /* its own: it stays when the rows go (discard_rows) */
    struct run_result *rows;        /* its result, read through it (lp_node_row...): columns, cells,
                                     * statuses and their text, one block shared with other runs;
                                     * NULL until it has columns, or once discarded */
    uint8_t reused;                 /* its rows came from an earlier run's equal leaf (no query) */
    struct run_collect *coll;       /* while rows arrive: the worker's scratch (rows.c) */

    /* dashboard runs (dash.c) */
    const char *panel_type;         /* "card", "with", "container"...; NULL: a query or check node */
    const struct ld_block *block;   /* a with, node or edge run: its block (of res) */
    struct lp_run_node **deps;      /* must be final first: the withs its args read; a graph's nodes */
    uint32_t ndeps;
    const char **inputs;            /* the inputs its args read (short names) */
    uint32_t ninputs;
    uint8_t composite;              /* its data is its children's (a graph of node and edge blocks) */
    uint8_t hidden;                 /* not in the layout (with, node, edge runs) */
    /* a panel's statement and bound values as its snapshot shows them (LeafRun's sql, and args as a
     * JSON array); mem_malloc'd, NULL: none */
    char *shown_sql, *shown_args;
};

/* A leaf's results as one immutable block, shared between runs (reference counted, atomically): the
 * header, then columns, cells, statuses and their text.  key names what produced them (run_leaf_key);
 * a block with a key may be taken by a later run whose leaf has the same key (lp_run_opts.reuse). */
typedef struct run_result {
    _Atomic uint32_t refs;
    size_t size;                    /* the whole allocation */
    char *key;                      /* mem_malloc'd (key_len + 1), NULL: not reusable */
    size_t key_len;
    uint64_t hash;                  /* of key */
    lp_db_col *cols;
    lp_db_cell *cells;
    uint8_t *statuses;
    uint32_t ncols, nrows;
    int reason_col, resource_col;
    uint32_t summary[LP_RES__COUNT];
} run_result;

struct lp_run {
    lp_workspace *ws;
    ar_arena arena;                 /* nodes, names, copies of the options' strings */
    lp_run_opts opts;
    struct run_where *where;        /* the parsed --where of a check run, or NULL */
    lp_kind kind;

    lp_run_node root;
    lp_run_node **leaves;           /* controls and queries, in tree order */
    uint32_t nleaves, leaves_cap;
    lp_resource **held;             /* loaded resources, released by lp_run_free */
    uint32_t nheld, held_cap;

    pthread_mutex_t lock;
    pthread_cond_t done_cond;
    uint32_t next_job;              /* the next leaf a worker takes */
    uint32_t nfinal;                /* leaves final */
    int cancelled;
    int complete;                   /* every event delivered */
    struct run_worker *workers;
    uint32_t nworkers;              /* slots; started on demand (run.c: spawn_worker_locked) */
    uint32_t nstarted;              /* workers[0..nstarted) run (run->lock) */
    uint32_t nending, nexited;      /* of them, ending and ended (run->lock; done_cond) */
    /* admission with a pool (share.c, run_admit): RUN_QUEUED runs wait in the share's FIFO (linked by
     * admit_next) with no worker; set under the share's lock, before any worker of the run starts */
    uint8_t admit_state;
    uint8_t admit_pinned;           /* another thread delivers its events (share.c) */
    uint64_t admit_ms;              /* when it was admitted (share.c's monotonic ms) */
    struct lp_run *admit_next;      /* the share's FIFO while queued, its admitted list while counted */
    int spawn_failed;               /* pthread_create failed: the workers started take every leaf */
    uint32_t nconnected;            /* workers holding a connection (run.c: the connection limit) */
    /* run.c's growth of a check run's workers (worker_admitted): a worker past the first opens its
     * connection only when one more pays back what the connection costs (run->lock) */
    pthread_cond_t grow_cond;       /* a cancel: a waiting worker looks again */
    uint64_t connect_ns;            /* the slowest connect of the run's workers so far; 0: none yet */
    uint32_t nadmitted;             /* workers admitted (the first always is) */
    uint64_t window_ns;             /* when the last one admitted connected: the rate's window starts */
    int window_pending;             /* it has not connected yet */
    uint32_t window_final;          /* nfinal then */
    double prev_rate;               /* leaves/s with one worker fewer (its window's), 0: not known */
    uint32_t prev_final;            /* the leaves that window counted (its rate's precision) */

    pthread_mutex_t event_lock;     /* one event at a time, in tree order */
    uint32_t next_report;

    /* dashboard runs: leaves are taken when their dependencies are final, reported as they finish */
    int is_dash;
    int tree_events;                /* a detection run: reported in tree order instead (leaves' order) */
    pthread_cond_t sched_cond;      /* a leaf became final (run->lock) */
    uint32_t nrunning;
    lp_run_node **done;             /* final leaves in the order they finished */
    uint32_t ndone;
    lp_run_node **panels;           /* every node of the dashboard tree, in creation order */
    uint32_t npanels, panels_cap;
    const char **input_names, **input_values;   /* the run's inputs, short names */
    uint32_t ninput_values;
    uint64_t fingerprint;           /* what the tree shows and executes (fingerprint.c) */
    int fingerprint_rc;             /* LP_OK, or LP_ERR_STALE: a query it names could not load */

    uint64_t start_ms, end_ms;
    struct run_conns *conns;        /* conn.c: the connections of the config path */

    /* results the run may take instead of querying (opts.reuse, read at the start): an open-addressing
     * table of blocks by key, each retained; immutable while workers read it */
    run_result **reuse;
    uint32_t reuse_cap;             /* a power of two, or 0 */
    uint32_t nreused, nqueried;     /* leaves (run->lock) */
    uint32_t nshared;               /* of nreused: taken from another run's statement in flight */
};

/* args.c: the statement a leaf runs and its bound values, or an error message (allocated with
 * mem_malloc) in *why.  params and their texts live until run_args_free. */
typedef struct run_stmt {
    const char *sql;
    char *sql_copy;                 /* a value's bytes as the statement, NUL-terminated (mem_malloc) */
    size_t sql_copy_size;
    lp_db_param *params;
    uint32_t nparams;
    char *store;                    /* the params' texts */
    char **owned;                   /* run-time args' values (mem_malloc'd), freed with it */
    uint32_t nowned;
    uint8_t *json;                  /* per arg: the value is JSON (a run-time list or object) */
    lp_resource *held;              /* the query whose params these are, released with it */
} run_stmt;
int run_args_resolve(lp_run *run, lp_run_node *n, run_stmt *out, char **why);
/* The values alone (sql may be NULL): what a node's params are, for the nodes and edges below it. */
int run_args_values(lp_run *run, lp_run_node *n, run_stmt *out, char **why);
void run_args_free(run_stmt *s);
/* The statement and its values kept on n for its panel (shown_sql, shown_args): LP_OK, LP_ERR_NOMEM */
int run_args_keep(lp_run_node *n, const run_stmt *s);
void run_args_forget(lp_run_node *n);

/* conn.c: the connections a run may use (the config path's *.ppc files) and every mod's `database`,
 * loaded once at its start (run_conns_load fails the start on a bad config file or mod database), and
 * the database a leaf runs against by Powerpipe's precedence: the resource's `database` (its query's,
 * its parent benchmark's), a dependency mod's, --database, the main mod's, steampipe.default.
 * run_database_url gives the connection's key (mem_malloc'd): its connection string, followed by
 * "\n" search_path "\n" search_path_prefix when the connection sets either, which a worker compares
 * to reuse its connection and run_db_parse turns into a target (lp_db_parse plus the search paths,
 * their strings in store); NULL with the reason in *why (e.g. "connection 'connection.x.y' not
 * found").  Workers only read what run_conns_load decided (n may be NULL: the run's default). */
int run_conns_load(lp_run *run, lp_error *err);
void run_conns_free(lp_run *run);
char *run_database_url(lp_run *run, const lp_run_node *n, char **why);
int run_db_parse(const char *key, lp_db_target *t, lp_buf *store, const lp_driver **d, lp_error *err);
/* What entry id's tree lets the page offer (LP_SUPPORTS_*, lp_run_backend_support), the run's
 * connections loaded. */
unsigned run_backend_support(lp_run *run, uint32_t id);

/* dash.c: the dashboard tree (its leaves in b_leaves order), the workspace checks Powerpipe's parse
 * makes, and a run-time arg's value (its expression evaluated with the run's inputs, withs, params),
 * mem_malloc'd text as Powerpipe passes an arg (a string as it is, else JSON), or NULL with *why. */
struct run_builder;
int run_dash_build(lp_run *run, struct run_builder *b, uint32_t id, lp_error *err);
char *run_dash_arg(lp_run *run, const lp_run_node *n, const char *expr, int *is_json, char **why);
const char *run_dash_input(const lp_run *run, const char *name, size_t len);   /* NULL: no value */
/* the inputs of n all have a value (run->lock held) */
int run_dash_inputs_ready(const lp_run *run, const lp_run_node *n);
/* a graph of node and edge blocks: final with its children, failed when one failed */
int run_dash_composite(lp_run_node *n, char **why);
void run_dash_free(lp_run *run);
/* fingerprint.c: run->fingerprint of the tree run_dash_build made (every node in run->panels) */
void run_fingerprint(lp_run *run);

/* run.c's tree builder, shared with dash.c */
typedef struct run_builder {
    lp_run *run;
    lp_run_node **leaves;
    uint32_t nleaves, cap;
    int oom;
    int depth;
    lp_error load_err;            /* the first benchmark whose computed children could not be loaded */
} run_builder;
lp_run_node *run_new_node(run_builder *b, lp_node_type type, lp_run_node *parent, const lp_resource *res);
void run_add_leaf(run_builder *b, lp_run_node *n);
void run_add_children(run_builder *b, lp_run_node *group, const lp_resource *res);
int run_hold(lp_run *run, lp_resource *r);

/* rows.c: a worker collects a leaf's rows in its scratch (*scratch, made on first use, kept from
 * leaf to leaf, run_collect_free at the worker's end); run_rows_finish moves them into the node. */
int run_rows_begin(lp_run_node *n, struct run_collect **scratch);
void run_collect_free(struct run_collect *c);
extern const lp_db_sink run_rows_sink;          /* user: the lp_run_node */
int run_rows_finish(lp_run_node *n, char **why); /* order, statuses, pointers; LP_OK or an error */
/* A query run's rows to the caller as they arrive (lp_run_opts.on_row), user: the node; then
 * run_stream_finish instead of run_rows_finish: the node keeps its columns, no rows. */
extern const lp_db_sink run_stream_sink;
int run_stream_finish(lp_run_node *n);
void run_rows_free(lp_run_node *n);             /* drops the node's reference to its block */
void run_rows_share(lp_run_node *n, run_result *r);   /* n takes a reference to r and reads it */
void run_result_retain(run_result *r);
void run_result_release(run_result *r);

/* share.c: statements in flight shared between runs (lp_run_opts.share).  Just before a worker
 * executes a leaf of key (run.c's leaf_key), run_share_enter: SHARE_RUN, execute it (*own: the
 * flight others wait on, NULL when this run already executes an equal key or on OOM; key must live
 * until run_share_leave); SHARE_TAKEN, another run executed it: *got is its rows, retained;
 * SHARE_CANCELLED, this run was cancelled while waiting.  run_share_leave right after the statement
 * (result: the rows, NULL when it failed: a waiter then executes it).  run_share_wake: a run was
 * cancelled, its waiters stop waiting. */
enum { SHARE_RUN, SHARE_TAKEN, SHARE_CANCELLED };
struct share_flight;
int run_share_enter(lp_run_share *s, lp_run *run, const char *key, size_t key_len, uint64_t hash,
                    struct share_flight **own, run_result **got);
void run_share_leave(lp_run_share *s, struct share_flight *f, run_result *result);
void run_share_wake(lp_run_share *s);
/* share.c's connection pool (lp_run_share_set_pool): run_pool_take gives a connection to key
 * (run_database_url's), an idle one or a new one, waiting while pool_max are taken; NULL with *why
 * (mem_malloc'd) when it cannot connect or run is cancelled.  run_pool_give after the statement
 * (broken: it failed, was cancelled or timed out: closed instead of kept). */
struct pool_conn;
int run_pool_enabled(const lp_run_share *s);
/* share.c's admission of whole runs (lp_run_share_set_admit), for runs with a pool: run_admit at the
 * start, 1: start its workers now, 0: queued (RUN_QUEUED), started later by run_begin from the thread
 * of the run that ends (its last worker calls run_admit_done; run NULL: only admit those waiting);
 * run_admit_cancel from lp_run_cancel starts a queued run at once; lp_run_free calls
 * run_admit_unpinned after joining its workers.  run.c: run_begin starts a run's first worker (0: no
 * thread, its leaves failed; run_deliver then reports them), under the share's lock. */
enum { RUN_NOT_ADMITTED, RUN_QUEUED, RUN_ADMITTED };
int run_admit(lp_run_share *s, lp_run *run);
void run_admit_done(lp_run_share *s, lp_run *run);
void run_admit_cancel(lp_run_share *s, lp_run *run);
void run_admit_unpinned(lp_run_share *s, lp_run *run);
int run_begin(lp_run *run);
void run_deliver(lp_run *run);
/* 1: no connection idle and none may be opened now (another worker would only wait for one) */
int run_pool_full(lp_run_share *s);
struct pool_conn *run_pool_take(lp_run_share *s, lp_run *run, const char *key, char **why);
void run_pool_give(lp_run_share *s, struct pool_conn *c, int broken);
lp_db_conn *run_pool_conn(const struct pool_conn *c, const lp_driver **driver);
/* PostgreSQL's refusal for its connection limit (53300): back-pressure, not a failure */
int run_over_connection_limit(const char *msg);
/* A connect made for run: run_connect_guard sets t's stop so that the driver gives up as soon as
 * the run is cancelled or the statement timeout (--query-timeout) has passed since the guard was
 * set, so that the timeout bounds connection set-up as well as the statement (its own clock
 * starts when the statement is sent, as Powerpipe's does); a driver's own connect timeout still
 * ends it sooner.  run_connect_timed_out: 1 when the timeout, not a cancel, stopped the connect,
 * and then err says so (LP_ERR_TIMEOUT). */
typedef struct run_connect_stop {
    lp_run *run;
    uint64_t deadline_ns;    /* 0: none */
} run_connect_stop;
void run_connect_guard(run_connect_stop *g, lp_run *run, lp_db_target *t);
int run_connect_timed_out(const run_connect_stop *g, int rc, lp_error *err);
/* The statement timeout of run's leaves in ms (0: none). */
int run_statement_timeout_ms(const lp_run *run);

/* started.c: a layout object as Powerpipe's panels' layouts are written: {"name":...,
 * "children":[...] (run_layout_child before each child), "panel_type":...} */
void run_layout_open(lp_buf *l, const char *name);
void run_layout_child(lp_buf *l, int *n);
void run_layout_close(lp_buf *l, int nchildren, const char *panel_type);

/* snapshot.c: a snapshot being written into out, handed to write (when set) as it grows past a
 * piece's size (run_snap_flush); rows: where rows the run did not keep are read (or NULL). */
typedef struct run_snap {
    lp_buf *out;
    lp_write_fn write;
    void *user;
    const lp_rows_source *rows;
    int failed;                     /* write refused a piece: nothing more is written */
    int strip;                      /* StripSnapshot's panels: no sql, source_definition, documentation */
} run_snap;
void run_snap_flush(run_snap *w, int all);     /* all: whatever is pending; else once a piece is full */
uint32_t run_snap_column_count(const run_snap *w, const lp_run_node *n);
const lp_db_col *run_snap_column(const run_snap *w, const lp_run_node *n, uint32_t i);
int run_snap_each_row(const run_snap *w, const lp_run_node *n, lp_row_emit_fn emit, void *ctx);

/* checksnap.c: a benchmark run's snapshot (lp_run_snapshot_write of a check run) in either form */
int run_check_snapshot(const lp_run *run, const lp_snapshot_opts *o, run_snap *w);

char *run_strdup(const char *s);                /* mem_malloc'd copy, NULL on OOM */
char *run_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
