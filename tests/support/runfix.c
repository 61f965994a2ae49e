/* runfix.c — the run tests' fixtures (see runfix.h). */
#include "runfix.h"

#include "mt_test.h"   /* Criterion, or its stand-in under TSan */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wsfix.h"

void rf_sqlite(const char *path, const char *sql)
{
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK, "%s", path);
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
    sqlite3_close(h);
}

void rf_sqlite_db(const char *dir, const char *sql, char *url, size_t url_size)
{
    lp_driver_register(lp_driver_sqlite());
    char db[1024];
    snprintf(db, sizeof db, "%s/t.db", dir);
    if (sql) {
        rf_sqlite(db, sql);
    } else {
        FILE *f = fopen(db, "w");
        cr_assert(f, "%s", db);
        fclose(f);
    }
    snprintf(url, url_size, "sqlite://%s", db);
}

lp_workspace *rf_open_sqlite(const char *mod_text, const char *sql, char **dir, char *url, size_t url_size)
{
    lp_workspace *ws = wf_open_text(mod_text, dir);
    rf_sqlite_db(*dir, sql, url, url_size);
    return ws;
}

void rf_benchmark_text(lp_buf *mod, const char *name, const char *type, const char *child_prefix, int n)
{
    lp_buf_printf(mod, "benchmark \"%s\" {\n", name);
    if (type) lp_buf_printf(mod, "  type = \"%s\"\n", type);
    lp_buf_puts(mod, "  children = [");
    for (int i = 0; i < n; i++) lp_buf_printf(mod, "%s%s%d", i ? ", " : "", child_prefix, i);
    lp_buf_puts(mod, "]\n}\n");
}

lp_run *rf_run(lp_workspace *ws, lp_kind kind, const char *target, const lp_run_opts *o)
{
    lp_run *run = NULL;
    lp_error err = { 0 };
    int rc = lp_run_start(ws, kind, &target, 1, o, &run, &err);
    cr_assert_eq(rc, LP_OK, "%s: %s", target, err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    return run;
}

const lp_run_node *rf_find(const lp_run_node *n, const char *name)
{
    if (strcmp(lp_node_name(n), name) == 0) return n;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) {
        const lp_run_node *f = rf_find(lp_node_child(n, i), name);
        if (f) return f;
    }
    return NULL;
}

const lp_run_node *rf_node(const lp_run *run, const char *name)
{
    const lp_run_node *n = rf_find(lp_run_root(run), name);
    cr_assert(n, "no node %s", name);
    return n;
}

void rf_events_init(rf_events *e, int node_type, int read_panels)
{
    memset(e, 0, sizeof *e);
    pthread_mutex_init(&e->lock, NULL);
    e->node_type = node_type;
    e->read_panels = read_panels;
}

void rf_events_done(rf_events *e) { pthread_mutex_destroy(&e->lock); }

void rf_on_event(void *user, const lp_run_event *ev)
{
    rf_events *e = user;
    pthread_mutex_lock(&e->lock);
    if (e->n < RF_EVENTS_MAX) {
        e->types[e->n] = ev->type;
        e->nodes[e->n++] = ev->node;
    }
    if (ev->type == LP_EV_RUN_COMPLETE) e->run_complete++;
    int counted = ev->type == LP_EV_NODE_COMPLETE &&
                  (e->node_type < 0 || (int)lp_node_get_type(ev->node) == e->node_type);
    if (counted) e->node_complete++;
    pthread_mutex_unlock(&e->lock);
    if (counted && e->read_panels) {
        lp_buf b = { 0 };
        int rc = lp_node_panel_json(ev->node, &b);
        lp_buf_free(&b);
        if (rc != LP_OK) {
            pthread_mutex_lock(&e->lock);
            e->panel_failures++;
            pthread_mutex_unlock(&e->lock);
        }
    }
}

const lp_run_node *rf_completed(const rf_events *e, int i)
{
    for (int k = 0; k < e->n; k++)
        if (e->types[k] == LP_EV_NODE_COMPLETE && i-- == 0) return e->nodes[k];
    return NULL;
}

lp_run *rf_job_start(rf_job *j, lp_kind kind, const char *target, lp_run_opts *o, rf_events *ev,
                     int node_type, int read_panels)
{
    rf_events_init(ev, node_type, read_panels);
    o->database = j->url;
    o->on_event = rf_on_event;
    o->user = ev;
    lp_run *run = NULL;
    lp_error err = { 0 };
    if (lp_run_start(j->ws, kind, &target, 1, o, &run, &err) != LP_OK) {
        j->bad++;
        rf_events_done(ev);
        return NULL;
    }
    return run;
}

lp_run *rf_job_run(rf_job *j, lp_kind kind, const char *target, lp_run_opts *o, rf_events *ev, int node_type,
                   int read_panels)
{
    lp_run *run = rf_job_start(j, kind, target, o, ev, node_type, read_panels);
    if (!run) return NULL;
    if (j->cancel) lp_run_cancel(run);
    lp_run_wait(run, -1);
    if (ev->run_complete != 1) j->bad++;
    return run;
}

void *rf_job_end(lp_run *run, rf_events *ev)
{
    lp_run_free(run);
    rf_events_done(ev);
    return NULL;
}

void rf_threads(int n, void *(*fn)(void *), void *jobs, size_t job_size)
{
    pthread_t th[16];
    cr_assert(n > 0 && n <= 16);
    for (int i = 0; i < n; i++)
        cr_assert_eq(pthread_create(&th[i], NULL, fn, (char *)jobs + (size_t)i * job_size), 0);
    for (int i = 0; i < n; i++) pthread_join(th[i], NULL);
}

void rf_race(int n, void *(*fn)(void *), lp_workspace *ws, const char *url)
{
    rf_job jobs[16];
    cr_assert(n > 0 && n <= 16);
    for (int i = 0; i < n; i++) jobs[i] = (rf_job){ ws, url, i % 3 == 2, 0 };
    rf_threads(n, fn, jobs, sizeof jobs[0]);
    for (int i = 0; i < n; i++) cr_assert_eq(jobs[i].bad, 0, "run %d", i);
}
