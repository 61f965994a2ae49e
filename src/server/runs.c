/* runs.c — runs and their subscribers.
 *
 * A selection runs on the run engine's threads (lp_run_start), pinned to the workspace version it
 * was loaded from.  The run's on_event (a worker thread, one event at a time) builds each message
 * from the final node and queues it under g.lock with lws_cancel_service; the loop sends it
 * (run_events).  Nothing of libwebsockets and no session is touched off the loop.
 *
 * One run per (selection, inputs, tree): every session that selects a dashboard with the same
 * inputs while a run of it is in flight on the same version (or on another whose tree is equal)
 * joins that run (its subscribers).  Each message is built once and queued, the same reference
 * counted bytes, to every subscriber; a joiner is sent the run's execution_started and the events
 * sent so far, then the rest as they come (a thousand viewers, one run).  A dashboard's run that
 * completed with every leaf is joined so too while --share-results allows its rows (a new run would
 * take all of them): its messages are kept until then (completed_to_join, runs_expire).  A session
 * leaving (clear_dashboard, a new selection, input_changed, its end, a workspace error) only
 * unsubscribes; the last one leaving cancels the run (lp_run_cancel): its remaining events are
 * discarded, and the loop frees it once its last event (LP_EV_RUN_COMPLETE) arrived.
 *
 * A run that completed stays as its sessions' `shown` (their results, what the clients show) until
 * each has a newer one, cleared or ended.  A new run takes from those runs the rows of every leaf
 * whose statement is the same (lp_run_opts.reuse): after a file edit the session's own, on a
 * selection also every other session's of the same dashboard, so only the leaves whose SQL, args,
 * inputs or dependencies changed query.  Every run is also given R.share (lp_run_opts.share): runs
 * executing an equal statement at the same time run it once.  How a session starts or joins a run,
 * and how an edit's run supersedes one, is sessions.c's.
 *
 * Threads: on_run_event on a run's worker threads (it reads the run's final node and queues under
 * g.lock); everything else on the loop. */
#include "serverInt.h"

#include <stdlib.h>
#include <string.h>

srv_runs R;

/* An error of a load that read a file changed (or gone) since the version was indexed (load.c): not
 * the user's to fix, a refresh makes a version that matches the file. */
int is_stale(int code)
{
    return code == LP_ERR_STALE;
}

void on_run_event(void *user, const lp_run_event *ev)
{
    srun *r = user;
    msg *m = NULL;
    sevent *e = &r->last;
    if (ev->type == LP_EV_NODE_COMPLETE && R.watching && lp_node_get_state(ev->node) == LP_NODE_ERROR &&
        is_stale(lp_node_error_code(ev->node))) {
        /* the run's version is older than its files: a refresh is coming, and its run shows the leaf */
        if (!atomic_exchange(&r->stale, 1)) logf_("%s: %s", r->exec_id, lp_node_error(ev->node));
        return;
    }
    if (ev->type == LP_EV_NODE_COMPLETE) {
        if (lp_node_get_state(ev->node) == LP_NODE_ERROR) atomic_store(&r->leaf_failed, 1);
        char now[64];
        srv_timestamp(now, sizeof now);
        lp_buf b;
        msg_buf(&b);
        if (r->benchmark && lp_node_get_type(ev->node) == LP_NODE_CONTROL) {
            if (!r->progress.total) {   /* the tree is fixed once the run started */
                const lp_run_node *top = ev->node;
                while (lp_node_parent(top)) top = lp_node_parent(top);
                r->progress.total = srv_control_count(top);
            }
            uint32_t c[LP_RES__COUNT];
            lp_node_summary(ev->node, c);
            if (lp_node_get_state(ev->node) == LP_NODE_ERROR) r->progress.error++;
            else r->progress.complete++;
            for (int i = 0; i < LP_RES__COUNT; i++) r->progress.summary[i] += c[i];
            srv_control_event(ev->node, r->check_name, &r->progress, r->exec_id, now, &b);
        } else if (!r->benchmark) {
            srv_leaf_node_updated(ev->node, r->exec_id, now, &b);
        }
        m = msg_take(&b);
        if (!m || !(e = malloc(sizeof *e))) {   /* out of memory: that update is lost */
            msg_unref(m);
            return;
        }
    } else if (ev->type == LP_EV_NODE_RUNNING) {
        /* Powerpipe's LeafRun.setRunning: the panel, status "running", before its query */
        if (r->benchmark) return;
        char now[64];
        srv_timestamp(now, sizeof now);
        lp_buf b;
        msg_buf(&b);
        srv_leaf_node_updated(ev->node, r->exec_id, now, &b);
        if (!(m = msg_take(&b)) || !(e = malloc(sizeof *e))) {
            msg_unref(m);
            return;
        }
    } else if (ev->type != LP_EV_RUN_COMPLETE) {
        return;
    }
    *e = (sevent){ r, m, NULL };
    pthread_mutex_lock(&g.lock);
    *R.tail = e;
    R.tail = &e->next;
    atomic_store_explicit(&R.queued, 1, memory_order_relaxed);
    if (g.ctx) lws_cancel_service(g.ctx);
    pthread_mutex_unlock(&g.lock);
}

/* s becomes one of r's subscribers (s->run = r); -1 out of memory. */
int sub_add(srun *r, session *s)
{
    if (sessions_reserve(&r->subs, r->nsubs, &r->subcap, 4) != 0) return -1;
    s->subix = r->nsubs;
    r->subs[r->nsubs++] = s;
    s->run = r;
    return 0;
}

static void sub_remove(srun *r, session *s)
{
    session *last = r->subs[--r->nsubs];
    r->subs[s->subix] = last;
    last->subix = s->subix;
    s->run = NULL;
}

/* The runs a refresh superseded for r (orphans, and theirs) are cancelled: r completed (it needs
 * their statements no more), or nobody wants r any more. */
static void orphans_cancel(unsigned long serial)
{
    for (srun *r = R.runs; r; r = r->next)
        if (r->orphan_of == serial) {
            r->orphan_of = 0;
            if (!r->completed && r->run) lp_run_cancel(r->run);
            orphans_cancel(r->serial);
        }
}

/* s leaves its run; the last subscriber leaving cancels it, unless superseded_by (a refresh's run
 * that replaces it: it goes on unseen, so that the new one shares its statements in flight instead of
 * running them again, and is cancelled once that one completes: orphans_cancel). */
void run_leave(session *s, unsigned long superseded_by)
{
    srun *r = s->run;
    if (!r) return;
    sub_remove(r, s);
    if (r->nsubs) return;   /* the others' run goes on */
    if (superseded_by) {
        r->orphan_of = superseded_by;
        return;
    }
    if (r->run && !r->completed) lp_run_cancel(r->run);
    orphans_cancel(r->serial);
}

/* The session wants the run's results no more. */
void run_detach(session *s)
{
    run_leave(s, 0);
}

/* --dashboard-timeout: a run still going is cancelled (its unfinished panels end in error) */
void run_timed_out(lws_sorted_usec_list_t *sul)
{
    srun *r = lws_container_of(sul, srun, timeout_sul);
    if (r->completed || !r->run) return;
    r->closed = 1;   /* (a session selecting it now wants a run, not this one's errors) */
    logf_("%s: cancelled after --dashboard-timeout %d s", r->exec_id, R.dashboard_timeout_s);
    lp_run_cancel(r->run);
}

/* What a joiner is sent: a run's messages so far (its execution_complete once it completed). */
static void run_log_free(srun *r)
{
    msg_unref(r->started);
    msg_unref(r->complete);
    r->started = r->complete = NULL;
    for (unsigned i = 0; i < r->nsent; i++) msg_unref(r->sent[i]);
    free(r->sent);
    r->sent = NULL;
    r->nsent = r->sentcap = 0;
}

void run_free(srun *r)
{
    for (srun **p = r->kept ? &R.kept : &R.runs; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    if (r->nsubs || r->nshown)   /* (the server stopping with sessions still open) */
        for (session *s = g.sessions; s; s = s->next) {
            if (s->run == r) s->run = NULL;
            if (s->shown == r) s->shown = NULL;
        }
    lws_sul_cancel(&r->timeout_sul);
    if (r->run) lp_run_free(r->run);
    lp_live_release(g.lv, r->ws);
    run_log_free(r);
    lp_buf_free(&r->inputs);
    free(r->subs);
    free(r->check_name);
    free(r->selected);
    free(r);
}

/* A completed run that a new selection of `selected` with these inputs on ws may be shown instead of
 * a run of its own: a dashboard's, on the same version, every leaf complete, ended within
 * --share-results (a new run would take all its rows: lp_run_opts.reuse); NULL when none. */
srun *completed_to_join(const char *selected, const lp_buf *inputs, uint32_t ninputs, const lp_workspace *ws)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    for (srun *k = R.kept; k; k = k->next) {
        if (!k->complete || k->ws != ws || strcmp(k->selected, selected) != 0 || k->ninputs != ninputs ||
            k->inputs.len != inputs->len ||
            (inputs->len && memcmp(k->inputs.data, inputs->data, inputs->len) != 0))
            continue;
        uint64_t end = lp_run_end_time_ms(k->run);
        if (now >= end && now - end <= R.share_ms) return k;
    }
    return NULL;
}

/* housekeeping's: the kept runs' messages past --share-results go (no selection joins them now) */
void runs_expire(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    for (srun *k = R.kept; k; k = k->next) {
        uint64_t end = k->complete ? lp_run_end_time_ms(k->run) : 0;
        if (k->complete && (now < end || now - end > R.share_ms)) run_log_free(k);
    }
}

/* The session's results are no one's any more (clear_dashboard, its end, a newer run's) */
void shown_release(session *s)
{
    srun *r = s->shown;
    s->shown = NULL;
    if (r && --r->nshown == 0) run_free(r);
}

/* The workspace's errors now ("" when none): the first diagnostic, with a count of the others. */
void current_errors(char *err, size_t size)
{
    lp_workspace *ws = lp_live_acquire(g.lv);
    srv_workspace_errors(ws, err, size);
    lp_live_release(g.lv, ws);
}

/* err (current_errors), unless "", to s alone: the push after a refresh reached only the sessions
 * of then, and a page opened (or reloaded, or whose selection ran) since would not show the
 * file:line:col that a user must fix. */
void errors_to(session *s, const char *err)
{
    if (!err[0]) return;
    lp_buf b;
    msg_buf(&b);
    srv_workspace_error(err, &b);
    send_buf(s, &b);
    s->told_error = 1;
    logf_("ws#%lu workspace_error: %s", s->id, err);
}

/* The events the runs queued so far, oldest first; the queue is empty after. */
sevent *take_events(void)
{
    pthread_mutex_lock(&g.lock);
    sevent *e = R.head;
    R.head = NULL;
    R.tail = &R.head;
    atomic_store_explicit(&R.queued, 0, memory_order_relaxed);
    pthread_mutex_unlock(&g.lock);
    return e;
}

/* An event of r to its subscribers, kept for the sessions that join it later. */
static void run_publish(srun *r, msg *m)
{
    if (!r->nsubs) return;   /* (cancelled, or an orphan: nobody can join it) */
    /* backwards: a session send_msg drops leaves subs (sub_remove moves the last, sent, into its place) */
    for (unsigned i = r->nsubs; i-- > 0;) send_msg(r->subs[i], m);
    if (r->nsent == r->sentcap) {
        unsigned cap = r->sentcap ? r->sentcap * 2 : 32;
        msg **v = realloc(r->sent, cap * sizeof *v);
        if (!v) {   /* out of memory: a session joining later would miss events, so none may */
            r->closed = 1;
            return;
        }
        r->sent = v;
        r->sentcap = cap;
    }
    m->refs++;
    r->sent[r->nsent++] = m;
}

/* A leaf of r could not load: its file changed after the run's version was made.  Its sessions get
 * no error: a run on a version that matches the file shows that leaf (at once when the refresh is
 * in, else when it comes), taking this one's complete leaves.  r is freed. */
static void run_ended_stale(srun *r)
{
    lp_workspace *now_ws = lp_live_acquire(g.lv);
    int newer = now_ws != r->ws;
    lp_live_release(g.lv, now_ws);
    logf_("%s: a file changed under the run; its %u sessions run again on the next version", r->exec_id,
          r->nsubs);
    while (r->nsubs) {
        session *s = r->subs[r->nsubs - 1];
        s->needs_rerun = 1;
        if (newer) {
            rerun_session(s);   /* leaves r (the first starts the new run, the others join it) */
            if (s->run == r) run_leave(s, 0);
        } else {
            run_leave(s, 0);
        }
    }
    if (!newer) retry_later();
    run_free(r);
}

/* r completed with sessions: its execution_complete (built here, once: the snapshot needs the run,
 * which lp_run_start returns only after its first events) to each, and r becomes what they show. */
static void run_ended(srun *r, uint64_t ms, const lp_run_stats *st)
{
    /* a dashboard whose every leaf completed is joined for --share-results as it was in flight (its
     * messages kept: completed_to_join); the others' go before their largest message */
    int joinable = r->kind == LP_KIND_DASHBOARD && !r->closed && !atomic_load(&r->leaf_failed) &&
                   R.share_ms > 0 && r->started;
    if (!joinable) run_log_free(r);
    /* a benchmark's (megabytes at thousands of controls) is made as it is sent */
    msg *m = r->benchmark ? stream_start(r) : NULL;
    if (!m) {
        lp_buf b;
        msg_buf(&b);
        srv_execution_complete(r->run, r->exec_id, &b);
        m = msg_take(&b);
    }
    char err[sizeof g.wserror];
    current_errors(err, sizeof err);
    for (unsigned i = r->nsubs; i-- > 0;) {   /* backwards, as run_publish */
        session *s = r->subs[i];
        send_msg(s, m);
        errors_to(s, err);   /* after it: a UI takes execution_complete as the end of an error */
    }
    logf_("%s -> execution_complete %zu bytes%s to %u sessions after %llu ms (%u reused, %u queried), %u of "
          "them from statements in flight", r->exec_id, m ? m->len : 0, m && m->st ? " so far" : "", r->nsubs,
          (unsigned long long)ms, st->reused, st->queried, st->shared);
    if (joinable && m && !m->st) r->complete = m;   /* (the reference kept) */
    else {
        run_log_free(r);
        msg_unref(m);
    }
    /* its results are what the clients show now: kept for the next runs to reuse */
    for (srun **p = &R.runs; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    r->next = R.kept;
    R.kept = r;
    r->kept = 1;
    while (r->nsubs) {
        session *s = r->subs[r->nsubs - 1];
        sub_remove(r, s);
        shown_release(s);   /* on R.kept: the caller's next stays valid */
        s->shown = r;
        r->nshown++;
    }
    orphans_cancel(r->serial);
}

/* The queued events, to their runs' sessions; a run whose last event came is complete: its
 * execution_complete, and it is kept while some session shows it, else freed. */
void run_events(void)
{
    sevent *e = take_events();
    while (e) {
        sevent *next = e->next;
        srun *r = e->r;
        if (e->m) {
            run_publish(r, e->m);
            msg_unref(e->m);
            free(e);
        } else {
            r->completed = 1;   /* e is r->last */
        }
        e = next;
    }
    for (srun *r = R.runs, *next; r; r = next) {
        next = r->next;
        if (!r->completed || !r->run) continue;
        lp_run_wait(r->run, -1);   /* the worker that reported the end is returning */
        uint64_t ms = lp_run_end_time_ms(r->run) - lp_run_start_time_ms(r->run);
        lp_run_stats st;
        lp_run_get_stats(r->run, &st);
        if (!r->nsubs) {
            logf_("%s: run ended after %llu ms (%s), %u reused, %u queried", r->exec_id,
                  (unsigned long long)ms, r->orphan_of ? "superseded by an edit" : "cancelled", st.reused,
                  st.queried);
            orphans_cancel(r->serial);
            run_free(r);
        } else if (atomic_load(&r->stale)) {
            run_ended_stale(r);
            next = R.runs;   /* (its sessions' new runs were put first; the completed ones come again) */
        } else {
            run_ended(r, ms, &st);
        }
    }
}

/* Events the runs queued while the loop goes through its writable sessions (a wave of leaves to a
 * thousand viewers: the leaves come while it writes the first ones), published before the next
 * write: the sessions not yet written in this pass take them in the same write, where they waited
 * for the next pass over every session (the wave of the latest leaf took up to two passes, issue
 * 34 §4).  Only when nothing else was posted: a refresh's work goes first, at the loop's turn
 * (run_pending), as it always did. */
void events_in_pass(void)
{
    if (!atomic_load_explicit(&R.queued, memory_order_relaxed)) return;
    pthread_mutex_lock(&g.lock);
    unsigned other = g.pending;
    pthread_mutex_unlock(&g.lock);
    if (!other) run_events();
}
