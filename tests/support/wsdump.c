/* wsdump.c — see wsdump.h. */
#include "wsdump.h"
#include "lazypipe_test.h"

#include <stdio.h>
#include <string.h>

static void put_str(lp_buf *b, const char *s) { lp_json_cstr(b, s ? s : "(null)"); }

static void put_id(lp_buf *b, const lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    if (id == LP_NO_ENTRY) {
        lp_buf_puts(b, "-");
        return;
    }
    if (lp_entry_get(ws, id, &e) != LP_OK) {
        lp_buf_printf(b, "%u (no such entry)", id);
        return;
    }
    lp_buf_printf(b, "%u %s", id, e.name);
}

static void put_diag(lp_buf *b, const char *what, uint32_t i, const lp_diag *d)
{
    lp_buf_printf(b, "%s %u: %s ", what, i,
                  d->severity == LP_SEV_ERROR     ? "error"
                  : d->severity == LP_SEV_WARNING ? "warning"
                                                  : "severity?");
    put_str(b, d->file);
    lp_buf_printf(b, " %u:%u-%u:%u ", d->line, d->col, d->end_line, d->end_col);
    put_str(b, d->summary);
    lp_buf_puts(b, " | ");
    put_str(b, d->detail);
    lp_buf_putc(b, '\n');
}

static void dump_entry(lp_buf *b, const lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    if (lp_entry_get(ws, id, &e) != LP_OK) {
        lp_buf_printf(b, "e%u: lp_entry_get fails\n", id);
        return;
    }
    /* every line names the entry: the first difference shows whose it is */
    char who[512];
    snprintf(who, sizeof who, "e%u %s:", id, e.name);
    lp_buf_printf(b, "%s kind=%s short=", who, lp_kind_name(e.kind));
    put_str(b, e.short_name);
    lp_buf_printf(b, " lookup=%u\n", lp_lookup(ws, e.name));
    lp_buf_printf(b, "%s mod=%u ", who, e.mod);
    put_str(b, e.mod_name);
    lp_buf_putc(b, ' ');
    put_str(b, e.mod_full_name);
    lp_buf_printf(b, " file=%u ", e.file);
    put_str(b, e.file_name);
    lp_buf_putc(b, '\n');
    lp_buf_printf(b, "%s lines %u-%u bytes %u+%u parent=", who, e.start_line, e.end_line, e.byte_offset,
                  e.byte_length);
    put_id(b, ws, e.parent);
    lp_buf_printf(b, " top=%d nested=%d anonymous=%d unresolved=0x%x\n", e.is_top_level, e.is_nested,
                  e.is_anonymous, e.unresolved);
    const struct {
        const char *name, *val;
    } fields[] = {
        { "title", e.title },       { "description", e.description },   { "category", e.category },
        { "documentation", e.documentation }, { "display", e.display }, { "sql", e.sql },
        { "query_ref", e.query_ref }, { "benchmark_type", e.benchmark_type },
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        lp_buf_printf(b, "%s %s=", who, fields[i].name);
        put_str(b, fields[i].val);
        lp_buf_putc(b, '\n');
    }
    lp_buf_printf(b, "%s has_tags=%d has_sql=%d has_width=%d", who, e.has_tags, e.has_sql, e.has_width);
    if (e.has_width) lp_buf_printf(b, " width=%d", (int)e.width);   /* unspecified without has_width */
    lp_buf_printf(b, " ntags=%u\n", e.tags.n);
    for (uint32_t i = 0; i < e.tags.n; i++) {
        const char *k = NULL, *v = NULL;
        lp_tags_at(&e.tags, i, &k, &v);
        lp_buf_printf(b, "%s tag ", who);
        put_str(b, k);
        lp_buf_puts(b, " = ");
        put_str(b, v);
        lp_buf_puts(b, " get=");
        put_str(b, k ? lp_tags_get(&e.tags, k) : NULL);
        lp_buf_putc(b, '\n');
    }
    uint32_t n = lp_entry_child_count(ws, id);
    lp_buf_printf(b, "%s children=%u\n", who, n);
    for (uint32_t i = 0; i < n; i++) {
        lp_buf_printf(b, "%s child %u = ", who, i);
        put_id(b, ws, lp_entry_child(ws, id, i));
        lp_buf_putc(b, '\n');
    }
    n = lp_entry_child_name_count(ws, id);
    lp_buf_printf(b, "%s child_names=%u\n", who, n);
    for (uint32_t i = 0; i < n; i++) {
        lp_buf_printf(b, "%s child_name %u = ", who, i);
        put_str(b, lp_entry_child_name(ws, id, i));
        lp_buf_putc(b, '\n');
    }
    n = lp_entry_parent_count(ws, id);
    lp_buf_printf(b, "%s parents=%u\n", who, n);
    for (uint32_t i = 0; i < n; i++) {
        lp_buf_printf(b, "%s parent %u = ", who, i);
        put_id(b, ws, lp_entry_parent(ws, id, i));
        lp_buf_putc(b, '\n');
    }
}

static void dump_json(lp_buf *b, const char *what, int rc, const lp_buf *j)
{
    lp_buf_printf(b, "%s rc=%d ", what, rc);
    lp_buf_put(b, j->data ? j->data : "", j->len);
    lp_buf_putc(b, '\n');
}

void wsd_dump(lp_workspace *ws, int lists, lp_buf *b)
{
    const lp_workspace_opts *o = lp_workspace_options(ws);
    int resolves = !(o && o->no_resolve);
    if (resolves) lp_wait_resolved(ws, -1);
    lp_buf_printf(b, "resolved=%d\n", lp_is_resolved(ws));

    uint32_t n = lp_mod_count(ws);
    lp_buf_printf(b, "mods=%u\n", n);
    for (uint32_t m = 0; m < n; m++) {
        lp_mod_info mi;
        if (lp_mod_get(ws, m, &mi) != LP_OK) {
            lp_buf_printf(b, "mod %u: lp_mod_get fails\n", m);
            continue;
        }
        lp_buf_printf(b, "mod %u: ", m);
        put_str(b, mi.name);
        lp_buf_putc(b, ' ');
        put_str(b, mi.full_name);
        lp_buf_puts(b, " title=");
        put_str(b, mi.title);
        lp_buf_puts(b, " root=");
        put_str(b, mi.root);
        lp_buf_puts(b, " path=");
        put_str(b, mi.path);
        lp_buf_putc(b, '\n');
    }
    n = lp_require_count(ws);
    lp_buf_printf(b, "requires=%u\n", n);
    for (uint32_t i = 0; i < n; i++) {
        lp_require_info q;
        if (lp_require_get(ws, i, &q) != LP_OK) {
            lp_buf_printf(b, "require %u: lp_require_get fails\n", i);
            continue;
        }
        lp_buf_printf(b, "require %u: ", i);
        put_str(b, q.path);
        lp_buf_puts(b, " version=");
        put_str(b, q.version);
        lp_buf_printf(b, " installed=%d at ", q.installed);
        put_str(b, q.file);
        lp_buf_printf(b, ":%u:%u\n", q.line, q.col);
    }

    n = lp_file_count(ws);
    lp_buf_printf(b, "files=%u\n", n);
    for (uint32_t f = 0; f < n; f++) {
        lp_file_info fi;
        if (lp_file_get(ws, f, &fi) != LP_OK) {
            lp_buf_printf(b, "file %u: lp_file_get fails\n", f);
            continue;
        }
        lp_buf_printf(b, "file %u: ", f);
        put_str(b, fi.path);
        lp_buf_printf(b, " size=%llu mtime=%lld mod=%u entries=%u+%u status=%d\n",
                      (unsigned long long)fi.size, (long long)fi.mtime_ns, fi.mod, fi.first_entry,
                      fi.entry_count, fi.status);
    }

    n = lp_entry_count(ws);
    lp_buf_printf(b, "entries=%u\n", n);
    for (uint32_t id = 0; id < n; id++) dump_entry(b, ws, id);

    for (uint32_t id = lp_next_top_level(ws, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_top_level(ws, id)) {
        lp_buf_puts(b, "top_level ");
        put_id(b, ws, id);
        lp_buf_putc(b, '\n');
    }
    for (int k = 0; k < LP_KIND__COUNT; k++) {
        lp_buf_printf(b, "of_kind %s:", lp_kind_name((lp_kind)k));
        for (uint32_t id = lp_next_of_kind(ws, (lp_kind)k, LP_NO_ENTRY); id != LP_NO_ENTRY;
             id = lp_next_of_kind(ws, (lp_kind)k, id))
            lp_buf_printf(b, " %u", id);
        lp_buf_putc(b, '\n');
    }

    n = lp_diag_count(ws);
    lp_buf_printf(b, "diags=%u\n", n);
    for (uint32_t i = 0; i < n; i++) put_diag(b, "diag", i, lp_diag_at(ws, i));

    /* counts only: sizes of arenas and tables, times and allocation calls are
     * how the index was built, not what it holds */
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    lp_buf_printf(b,
                  "stats: mods=%u files=%u files_failed=%u entries=%u top_level=%u child_edges=%u "
                  "diagnostics=%u errors=%u source_bytes=%llu kinds",
                  st.mods, st.files, st.files_failed, st.entries, st.top_level, st.child_edges,
                  st.diagnostics, st.errors, (unsigned long long)st.source_bytes);
    for (int k = 0; k < LP_KIND__COUNT; k++) lp_buf_printf(b, " %u", st.kind_counts[k]);
    lp_buf_putc(b, '\n');

    lp_buf j = { 0 };
    int rc = lp_available_dashboards_json(ws, &j);
    dump_json(b, "available_dashboards", rc, &j);
    lp_buf_free(&j);
    if (lists) {
        static const lp_kind kinds[] = { LP_KIND_DASHBOARD, LP_KIND_BENCHMARK, LP_KIND_CONTROL, LP_KIND_QUERY,
                                         LP_KIND_DETECTION };
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            char what[64];
            lp_buf l = { 0 };
            rc = lp_list_json(ws, kinds[k], &l);
            snprintf(what, sizeof what, "list %s", lp_kind_name(kinds[k]));
            dump_json(b, what, rc, &l);
            lp_buf_free(&l);
        }
    }

    if (!resolves) return;
    n = lp_resolve_diag_count(ws);
    lp_buf_printf(b, "resolve_diags=%u\n", n);
    for (uint32_t i = 0; i < n; i++) put_diag(b, "resolve_diag", i, lp_resolve_diag_at(ws, i));
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    lp_buf_printf(
        b, "resolve_stats: published=%u fields_resolved=%u fields_unresolved=%u variables=%u locals=%u\n",
        rs.published, rs.fields_resolved, rs.fields_unresolved, rs.variables, rs.locals);
    lp_buf v = { 0 };
    rc = lp_variables_json(ws, &v);
    dump_json(b, "variables", rc, &v);
    lp_buf_free(&v);
    lp_buf t = { 0 };
    rc = lp_variables_text(ws, &t);
    dump_json(b, "variables_text", rc, &t);
    lp_buf_free(&t);
    /* every input, phase 2's too now that resolution is done */
    n = lp_input_count(ws);
    lp_buf_printf(b, "inputs=%u\n", n);
    for (uint32_t i = 0; i < n; i++) {
        lp_input_info in;
        if (lp_input_get(ws, i, &in) != LP_OK) {
            lp_buf_printf(b, "input %u: unreadable\n", i);
            continue;
        }
        lp_buf_printf(b, "input %u: kind=%d present=%d err=%d size=%llu hash=%016llx ", i, (int)in.kind,
                      in.present, in.err, (unsigned long long)in.size, (unsigned long long)in.hash);
        put_str(b, in.path);
        lp_buf_putc(b, '\n');
    }
}

typedef struct cb_ctx {
    lp_buf *out;
    uint32_t n;
} cb_ctx;

static void on_diag(void *user, const lp_diag *d)
{
    cb_ctx *c = user;
    put_diag(c->out, "callback", c->n++, d);
}

int wsd_open_dump(const char *dir, const lp_workspace_opts *base, int full_parse, int lists, lp_buf *out)
{
    lp_workspace_opts o = { 0 };
    if (base) o = *base;
    cb_ctx c = { out, 0 };
    o.diag = on_diag;
    o.diag_user = &c;
    lp_workspace *ws = NULL;
    lp_error err;
    memset(&err, 0, sizeof err);
    int rc = (full_parse ? lp_open_full_parse : lp_open)(dir, &o, &ws, &err);
    lp_buf_printf(out, "lp_open rc=%d", rc);
    if (rc != LP_OK) {
        lp_buf_printf(out, " code=%d message=", err.code);
        put_str(out, err.message);
        lp_buf_putc(out, '\n');
        return rc;
    }
    lp_buf_putc(out, '\n');
    wsd_dump(ws, lists, out);
    lp_close(ws);
    return rc;
}

/* up to `width` bytes of line[0..len) around byte `at`, as a C string; a
 * window that does not start the line keeps the line's head (whose it is) */
static void window(char *dst, size_t size, const char *line, size_t len, size_t at, size_t width)
{
    size_t from = at > width / 2 ? at - width / 2 : 0;
    size_t to = from + width < len ? from + width : len;
    size_t head = from > 100 ? 100 : from;
    const char *colon = memchr(line, ':', head);
    if (colon) head = (size_t)(colon - line) + 1;
    snprintf(dst, size, "%.*s%s%.*s%s", (int)head, line, from > head ? " ..." : "", (int)(to - from),
             line + from, to < len ? "..." : "");
}

int wsd_diff(const char *a, size_t alen, const char *b, size_t blen, char *msg, size_t size)
{
    if (size) msg[0] = '\0';
    if (alen == blen && memcmp(a, b, alen) == 0) return 0;
    size_t i = 0, line_start = 0;
    unsigned line = 1;
    while (i < alen && i < blen && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            line_start = i + 1;
        }
        i++;
    }
    const char *ae = memchr(a + line_start, '\n', alen - line_start);
    const char *be = memchr(b + line_start, '\n', blen - line_start);
    size_t al = ae ? (size_t)(ae - a) - line_start : alen - line_start;
    size_t bl = be ? (size_t)(be - b) - line_start : blen - line_start;
    char wa[600], wb[600];
    window(wa, sizeof wa, a + line_start, al, i - line_start, 240);
    window(wb, sizeof wb, b + line_start, bl, i - line_start, 240);
    snprintf(msg, size, "first difference at dump line %u, byte %zu of the line:\n  default:    %s%s\n"
                        "  full_parse: %s%s",
             line, i - line_start, wa, i >= alen ? " (dump ends)" : "", wb, i >= blen ? " (dump ends)" : "");
    return 1;
}

int wsd_live_vs_open(lp_live *lv, const char *dir, const lp_workspace_opts *o, int lists, char *msg,
                     size_t size)
{
    lp_buf live = { 0 }, fresh = { 0 };
    lp_workspace *ws = lp_live_acquire(lv);
    wsd_dump(ws, lists, &live);
    lp_live_release(lv, ws);
    lp_error err;
    int rc = -1;
    if (lp_open(dir, o, &ws, &err) != LP_OK) {
        snprintf(msg, size, "the fresh open failed: %s", err.message);
    } else {
        wsd_dump(ws, lists, &fresh);
        lp_close(ws);
        if (live.oom || fresh.oom) snprintf(msg, size, "out of memory dumping them");
        else rc = wsd_diff(fresh.data, fresh.len, live.data, live.len, msg, size);
    }
    lp_buf_free(&live);
    lp_buf_free(&fresh);
    return rc;
}
