/* runfix.h — the run tests' fixtures: a mod over a real SQLite file, a run started and waited
 * for, its nodes found by name, its events collected, runs racing in threads. */
#ifndef LP_TEST_RUNFIX_H
#define LP_TEST_RUNFIX_H

#include <pthread.h>
#include <stddef.h>

#include "lazypipe.h"

/* The SQLite file at path made (or changed) by sql, run by SQLite itself; asserts it worked. */
void rf_sqlite(const char *path, const char *sql);

/* The SQLite driver registered and dir/t.db made with sql (NULL: an empty file, which SQLite reads
 * as an empty database); its URL (sqlite://DIR/t.db) written into url. */
void rf_sqlite_db(const char *dir, const char *sql, char *url, size_t url_size);

/* The SQLite driver registered, `mod "t" {}` and a.pp = mod_text written into a fresh directory
 * (*dir: free with wf_done / wf_remove) and opened, dir/t.db made with sql and its URL
 * (sqlite://DIR/t.db) written into url. */
lp_workspace *rf_open_sqlite(const char *mod_text, const char *sql, char **dir, char *url, size_t url_size);

/* `benchmark "name"` (of type type: "detection", or NULL) whose children are child_prefix followed by
 * 0 .. n-1 ("control.c": control.c0, control.c1 ...), appended to mod. */
void rf_benchmark_text(lp_buf *mod, const char *name, const char *type, const char *child_prefix, int n);

/* lp_run_start of one target with o, asserted to start, then lp_run_wait (30 s), asserted. */
lp_run *rf_run(lp_workspace *ws, lp_kind kind, const char *target, const lp_run_opts *o);

/* The node named name at or below n, or NULL. */
const lp_run_node *rf_find(const lp_run_node *n, const char *name);
/* The node named name in run's tree; asserts it is there. */
const lp_run_node *rf_node(const lp_run *run, const char *name);

/* One run's events, in order (the first RF_EVENTS_MAX), for opts.on_event = rf_on_event and
 * opts.user = the rf_events (rf_events_init first, rf_events_done after).  Counted: the
 * LP_EV_NODE_COMPLETE of nodes of lp_node_type node_type (any type when node_type < 0) and the
 * LP_EV_RUN_COMPLETE; with read_panels, each counted node's panel is written (lp_node_panel_json)
 * when it is reported, as the server does while the others run, and a failure counted.  lock
 * guards what a test reads while the run goes on. */
#define RF_EVENTS_MAX 128
typedef struct rf_events {
    pthread_mutex_t lock;
    int node_type, read_panels;
    int types[RF_EVENTS_MAX];
    const lp_run_node *nodes[RF_EVENTS_MAX];
    int n, node_complete, run_complete, panel_failures;
} rf_events;
void rf_events_init(rf_events *e, int node_type, int read_panels);
void rf_events_done(rf_events *e);
void rf_on_event(void *user, const lp_run_event *ev);
/* The i-th LP_EV_NODE_COMPLETE's node (any type), or NULL. */
const lp_run_node *rf_completed(const rf_events *e, int i);

/* One of several runs racing on one workspace (test_mt_*); bad counts what went wrong in it. */
typedef struct rf_job {
    lp_workspace *ws;
    const char *url;
    int cancel;
    int bad;
} rf_job;
/* lp_run_start of target with o, its database j->url and its events into ev (rf_events_init with
 * node_type and read_panels); when it does not start, j->bad counted, ev done and NULL returned.
 * The caller cancels it (j->cancel), waits and checks it; rf_job_end frees it and ev (NULL, for the
 * thread's return). */
lp_run *rf_job_start(rf_job *j, lp_kind kind, const char *target, lp_run_opts *o, rf_events *ev,
                     int node_type, int read_panels);
void *rf_job_end(lp_run *run, rf_events *ev);
/* rf_job_start, then the run cancelled when j->cancel says so and waited for; a run that does not
 * report its completion exactly once is counted bad.  NULL when it did not start. */
lp_run *rf_job_run(rf_job *j, lp_kind kind, const char *target, lp_run_opts *o, rf_events *ev, int node_type,
                   int read_panels);

/* fn(jobs + i * job_size) in n threads at once (n <= 16), all joined before it returns. */
void rf_threads(int n, void *(*fn)(void *), void *jobs, size_t job_size);
/* n runs of fn (an rf_job each, on ws and url, every third cancelled) racing in threads; asserts that
 * none counted anything bad. */
void rf_race(int n, void *(*fn)(void *), lp_workspace *ws, const char *url);

#endif
