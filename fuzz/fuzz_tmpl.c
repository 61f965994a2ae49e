/* fuzz_tmpl.c — libFuzzer target: the Go template engine (src/tmpl, the programs' code, compiled
 * in) on any text as a user's template file, executed over a small tree of every value kind.
 *
 * Input: the template text (a NUL, if any, ends it; what follows is a second file of the same set,
 * as a template directory holds several).  Invariants, checked here:
 *   - parsing and executing never crash, leak or read out of bounds (the sanitizers), and stay
 *     within the bounds given (depth, output, steps: a runaway template ends in an error);
 *   - every failure has a message in Go's form, "template: ..." naming the file;
 *   - an execution that succeeds writes at most the output bound, and executing the same set
 *     again gives the same bytes (execution does not change the set). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int obj_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                      tp_value *out);
static const tp_class OBJ = { "*fuzz.T", obj_lookup, NULL };

static const tp_value LIST_V[] = { { .kind = TP_INT, .u.i = 3 }, { .kind = TP_STRING, .u.s = { "x", 1 } },
                                   { .kind = TP_FLOAT, .u.f = 1.5 }, { .kind = TP_BOOL, .u.b = 1 },
                                   { .kind = TP_NIL } };
static const tp_list LIST = { 5, LIST_V, NULL };
static const char *const MAP_K[] = { "a", "b", "c" };
static const tp_value MAP_V[] = { { .kind = TP_STRING, .u.s = { "va", 2 } },
                                  { .kind = TP_LIST, .u.l = &LIST },
                                  { .kind = TP_DURATION, .u.d = 1500000000 } };
static const tp_map MAP = { 3, MAP_K, MAP_V, 0 };

/* fields: Name, N, List, Map, Self (itself: unbounded chains), When, Nil; method Echo(x) */
static int obj_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                      tp_value *out)
{
    if (!strcmp(name, "Echo")) {
        if (nargs != 1) return tp_fail(x, "wrong number of args for Echo: want 1 got %d", nargs);
        *out = args[0];
        return TP_OK;
    }
    if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
    if (!strcmp(name, "Name")) *out = tp_cstr("fuzz");
    else if (!strcmp(name, "N")) *out = tp_int(42);
    else if (!strcmp(name, "List")) *out = (tp_value){ .kind = TP_LIST, .u.l = &LIST };
    else if (!strcmp(name, "Map")) *out = (tp_value){ .kind = TP_MAP, .u.m = &MAP };
    else if (!strcmp(name, "Self")) *out = tp_obj(&OBJ, self);
    else if (!strcmp(name, "When"))
        *out = (tp_value){ .kind = TP_TIME, .u.t = { 1257894000000000000LL, 3600, "CET" } };
    else if (!strcmp(name, "Nil")) *out = tp_obj(&OBJ, NULL);
    else return TP_NONE;
    return TP_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t first = 0;
    while (first < size && data[first]) first++;
    tp_set *s = tp_set_new(tp_powerpipe_funcs, tp_powerpipe_nfuncs);
    if (!s) return 0;
    lp_buf err = { 0 };
    int parsed = tp_set_parse(s, "a.tmpl", text, first, &err) == 0;
    if (parsed && first < size)
        parsed = tp_set_parse(s, "b.tmpl", text + first + 1, size - first - 1, &err) == 0;
    if (!parsed && (!err.data || strncmp(err.data, "template: ", 10) != 0)) abort();
    if (parsed) {
        int anchor = 0;
        tp_value dot = tp_obj(&OBJ, &anchor);
        tp_opts o = { .max_depth = 64, .max_output = 1 << 20, .max_steps = 200000, .max_memory = 8 << 20 };
        const char *name = tp_set_has(s, "output") ? "output" : "a.tmpl";
        lp_buf out1 = { 0 }, out2 = { 0 }, err2 = { 0 };
        int r1 = tp_set_exec(s, name, &dot, &o, &out1, &err);
        int r2 = tp_set_exec(s, name, &dot, &o, &out2, &err2);
        if (r1 != 0 && (!err.data || strncmp(err.data, "template: ", 10) != 0)) abort();
        if (r1 == 0 && out1.len > o.max_output) abort();
        /* the same set executed twice: the same result (`now` aside, which the seeds avoid) */
        if (r1 != r2 ||
            (r1 == 0 && (out1.len != out2.len || (out1.len && memcmp(out1.data, out2.data, out1.len)))))
            if (!strstr(text, "now")) abort();
        lp_buf_free(&out1);
        lp_buf_free(&out2);
        lp_buf_free(&err2);
    }
    lp_buf_free(&err);
    tp_set_free(s);
    return 0;
}
