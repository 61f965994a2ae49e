/* tmpl.h — Go's text/template in C: the engine Powerpipe's custom export templates run on
 * (internal/controldisplay/formatter_template.go), for the CLI and its tests.
 *
 * A tp_set holds named templates, as a Go *template.Template with its associated ones: each parse
 * adds the file's top-level template and every {{define}}/{{block}} in it.  Execution walks a
 * template over a tp_value, Go's reflect.Value as a template sees it: scalars, times and
 * durations, lists, maps with sorted keys, and objects whose fields and methods a tp_class gives
 * on demand (so a caller's data is exposed without being copied into a generic tree first).
 *
 * The semantics are Go's wherever a template can see them (doc.go and exec.go of text/template):
 * trimming, pipelines, variables, if/range/with/define/template/block/break/continue, the builtins,
 * truthiness, "<no value>", and error messages "template: NAME:LINE:COL: executing ...".
 * A template is a user's file: nesting, template calls, output and steps are bounded (tp_limits),
 * and every failure is an error message, never a crash.
 *
 * Not thread-safe per set; sets share nothing. */
#ifndef LP_TMPL_H
#define LP_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

typedef enum tp_kind {
    TP_INVALID,    /* no value: a missing key of a map of interface{} (prints "<no value>") */
    TP_NIL,        /* nil (a nil pointer of class u.o.cls when that is set) */
    TP_BOOL,
    TP_INT,
    TP_FLOAT,
    TP_STRING,
    TP_TIME,       /* time.Time */
    TP_DURATION,   /* time.Duration (nanoseconds) */
    TP_LIST,
    TP_MAP,
    TP_OBJECT
} tp_kind;

typedef struct tp_value tp_value;
typedef struct tp_class tp_class;
typedef struct tp_ctx tp_ctx;

typedef struct tp_list {
    uint32_t n;
    const tp_value *v;
    const char *type;          /* Go's type name, for messages ("[]interface {}" when NULL) */
} tp_list;

typedef struct tp_map {
    uint32_t n;
    const char *const *keys;   /* sorted (strcmp), as Go's range and fmt visit a map */
    const tp_value *v;
    int string_elems;          /* map[string]string: a missing key is "", else <no value> */
} tp_map;

struct tp_value {
    tp_kind kind;
    union {
        int b;
        int64_t i;
        double f;
        struct {
            const char *p;
            size_t n;
        } s;
        struct {
            int64_t unix_ns;
            int32_t offset;    /* seconds east of UTC */
            const char *zone;  /* its abbreviation ("UTC") */
        } t;
        int64_t d;
        const tp_list *l;
        const tp_map *m;
        struct {
            const tp_class *cls;
            const void *self;
        } o;
    } u;
};

/* What lookup returns. */
enum { TP_OK = 0, TP_NONE = 1, TP_FAILED = -1 };

struct tp_class {
    const char *type_name;     /* Go's ("*controlexecute.ResultGroup"), for messages */
    /* Field or method `name` of self, called with args (fields take none: a class fails one given
     * some with tp_args_for_field).  TP_OK and *out; TP_NONE when it has no such name; TP_FAILED
     * after tp_fail. */
    int (*lookup)(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                  tp_value *out);
    /* encoding/json's Marshal of self, compact (NULL: "{}") */
    void (*json)(tp_ctx *x, const void *self, lp_buf *out);
};

/* A function a template may call: Go's FuncMap entry.  nargs is checked against min..max
 * (max < 0: variadic) before fn is called. */
typedef int tp_fn(tp_ctx *x, const tp_value *args, int nargs, tp_value *out);
typedef struct tp_func {
    const char *name;
    tp_fn *fn;
    int min_args, max_args;
} tp_func;

typedef struct tp_opts {
    uint32_t max_depth;        /* nested template calls (Go: 100000); 0: TP_DEFAULT_DEPTH */
    size_t max_output;         /* bytes; 0: TP_DEFAULT_OUTPUT */
    uint64_t max_steps;        /* actions and range iterations; 0: TP_DEFAULT_STEPS */
    size_t max_memory;         /* the values an execution holds at once; 0: twice max_output and 64 MiB */
    const char *csv_separator; /* toCsvCell's (its first character; NULL or "": ",") */
    void *user;                /* what tp_user gives functions and classes */
    /* Streaming: the output handed on as it is made, whenever out holds TP_FLUSH_BYTES or more, and
     * the rest at the end of a successful execution; out is emptied after each call, so it holds a
     * piece at most (and max_output counts every byte made).  0 to go on; -1 fails the execution
     * ("cannot write the output").  NULL: everything stays in out. */
    int (*flush)(void *io, const char *p, size_t n);
    /* Polled every TP_POLL_STEPS steps and before each flush: nonzero stops the execution
     * ("interrupted": a user's Ctrl-C).  NULL: never. */
    int (*interrupted)(void *io);
    void *io;                  /* flush's and interrupted's */
} tp_opts;
#define TP_FLUSH_BYTES ((size_t)64 << 10)
#define TP_POLL_STEPS 1024u
#define TP_DEFAULT_DEPTH 1000u
#define TP_DEFAULT_OUTPUT ((size_t)1 << 30)
#define TP_DEFAULT_STEPS 100000000u

typedef struct tp_set tp_set;

/* A set whose templates may call funcs (besides Go's builtins); funcs must outlive the set.
 * NULL on OOM. */
tp_set *tp_set_new(const tp_func *funcs, size_t nfuncs);
void tp_set_free(tp_set *s);
/* Parse text as template `name` (and what it defines) into s, as template.New(name).Parse does:
 * 0, or -1 with Go's message in *err ("template: NAME:LINE: ..."). */
int tp_set_parse(tp_set *s, const char *name, const char *text, size_t len, lp_buf *err);
int tp_set_has(const tp_set *s, const char *name);
/* ExecuteTemplate(out, name, dot): 0, or -1 with Go's message in *err (out then holds what was
 * written before the error and not yet flushed).  opts may be NULL. */
int tp_set_exec(tp_set *s, const char *name, const tp_value *dot, const tp_opts *opts, lp_buf *out,
                lp_buf *err);

/* ---- for functions and classes, during an execution */
void *tp_user(tp_ctx *x);
void *tp_alloc(tp_ctx *x, size_t n);   /* zeroed; freed when the execution ends; NULL fails it */
/* A string value copied into the execution's memory. */
tp_value tp_str(tp_ctx *x, const char *s, size_t n);
/* A string value pointing at s, which must outlive the execution. */
tp_value tp_cstr(const char *s);
tp_value tp_int(int64_t i);
tp_value tp_float(double f);
tp_value tp_bool(int b);
tp_value tp_obj(const tp_class *cls, const void *self);   /* a nil pointer of cls when self is NULL */
/* Fail the execution with a message (Go's error text); returns TP_FAILED. */
int tp_fail(tp_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* TP_OK when a field lookup got no arguments, else fails as Go does. */
int tp_args_for_field(tp_ctx *x, const char *name, int nargs);
/* fmt.Sprint(v) appended to out (Go's %v). */
void tp_print(tp_ctx *x, const tp_value *v, lp_buf *out);
/* encoding/json's Marshal(v) appended to out; indent != 0: MarshalIndent(v, "", "  "). */
void tp_json(tp_ctx *x, const tp_value *v, int indent, lp_buf *out);
/* json.Indent(src, "", "  ") of valid compact or spaced JSON. */
void tp_json_indent(const char *src, size_t n, lp_buf *out);
/* Go's type name of v, as fmt's %T and the messages show it. */
const char *tp_type_name(const tp_value *v);
/* Go's truth (template's `if`). */
int tp_truth(const tp_value *v);
/* time.Time.Format(layout) */
void tp_time_format(const tp_value *t, const char *layout, size_t n, lp_buf *out);
/* time.Duration.String() */
void tp_duration_string(int64_t ns, lp_buf *out);
/* A time value for unix milliseconds in the local zone (time.Now()'s kind). */
tp_value tp_time_local(int64_t unix_ns);

/* Powerpipe's template functions: sprig's upper, toJson, quote, dict, add, now, toPrettyJson and
 * its own durationInSeconds, toCsvCell (the separator from tp_pp_separator), toSafeJson
 * (template_functions.go).  render_context is the caller's. */
extern const tp_func tp_powerpipe_funcs[];
extern const size_t tp_powerpipe_nfuncs;
/* the execution's toCsvCell separator */
const char *tp_csv_separator(tp_ctx *x);

#endif
