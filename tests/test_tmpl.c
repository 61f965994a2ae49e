/* test_tmpl.c — the Go text/template engine (src/tmpl, compiled in here) against Go's own facts:
 * the execTests and cmpTests tables of Go's src/text/template/exec_test.go (their inputs and
 * expected outputs, over a C model of its tVal), the messages TestExecError and
 * TestUnterminatedStringError expect, text/template's doc.go (trimming, comments, variables,
 * break/continue), fmt's and encoding/json's documented output, and time.Format's reference
 * layout.  Hostile templates (unbounded template recursion, huge ranges and output, deep nesting,
 * bad syntax) end in a message with the place, never a crash. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/tmpl.h"

/* ------------------------------------------------------------------ a model of exec_test.go's tVal */

typedef struct tobj {
    const char *type;
    const tp_map *fields;
} tobj;

static int tobj_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                       tp_value *out);
static const tp_class TOBJ = { "*template.T", tobj_lookup, NULL };

#define S(str_) { .kind = TP_STRING, .u.s = { str_, sizeof str_ - 1 } }
#define I(n_) { .kind = TP_INT, .u.i = n_ }
#define B(b_) { .kind = TP_BOOL, .u.b = b_ }
#define L(list_) { .kind = TP_LIST, .u.l = &list_ }
#define M(map_) { .kind = TP_MAP, .u.m = &map_ }

static const tp_value si_v[] = { I(3), I(4), I(5) }, psi_v[] = { I(21), I(22), I(23) },
                      sb_v[] = { B(1), B(0) };
static const tp_value empty3_v[] = { I(7), I(8) };
static const tp_list SI = { 3, si_v, "[]int" }, SIEMPTY = { 0, si_v, "[]int" }, PSI = { 3, psi_v, "[]int" };
static const tp_list SB = { 2, sb_v, "[]bool" }, EMPTY3 = { 2, empty3_v, "[]int" };
static const char *const msi_k[] = { "one", "three", "two" };
static const tp_value msi_v[] = { I(1), I(3), I(2) };
static const tp_map MSI = { 3, msi_k, msi_v, 0 }, MSIONE = { 1, msi_k, msi_v, 0 },
                    MSIEMPTY = { 0, msi_k, msi_v, 0 };
static const char *const smsi0_k[] = { "one", "two" }, *const smsi1_k[] = { "eleven", "twelve" };
static const tp_value smsi0_v[] = { I(1), I(2) }, smsi1_v[] = { I(11), I(12) };
static const tp_map SMSI0 = { 2, smsi0_k, smsi0_v, 0 }, SMSI1 = { 2, smsi1_k, smsi1_v, 0 };
static const tp_value smsi_v[] = { M(SMSI0), M(SMSI1) };
static const tp_list SMSI = { 2, smsi_v, "[]map[string]int" };
static const char *const u_k[] = { "V" };
static const tp_value u_v[] = { S("v") };
static const tp_map U_FIELDS = { 1, u_k, u_v, 0 };
static const tobj U = { "*template.U", &U_FIELDS };
static const char *const mxi_k[] = { "one" };
static const tp_value mxi_v[] = { I(1) };
static const tp_map MXI = { 1, mxi_k, mxi_v, 0 };

/* sorted keys */
static const char *const t_k[] = { "Empty0", "Empty3", "FloatZero", "I",       "MSI", "MSIEmpty", "MSIone",
                                   "MXI",    "PSI",    "SB",        "SI",      "SIEmpty", "SMSI", "True",
                                   "U",      "X",      "Three",     "NegOne" };
static tp_value t_v[18];
static tp_map T_FIELDS = { 18, t_k, t_v, 0 };
static const tobj TVAL = { "*template.T", &T_FIELDS };

static void init_tval(void)
{
    tp_value v[] = { { .kind = TP_INVALID },
                     L(EMPTY3),
                     { .kind = TP_FLOAT, .u.f = 0 },
                     I(17),
                     M(MSI),
                     M(MSIEMPTY),
                     M(MSIONE),
                     M(MXI),
                     L(PSI),
                     L(SB),
                     L(SI),
                     L(SIEMPTY),
                     L(SMSI),
                     B(1),
                     { .kind = TP_OBJECT, .u.o = { &TOBJ, &U } },
                     S("x"),
                     I(3),
                     I(-1) };
    memcpy(t_v, v, sizeof v);
}

static int tobj_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                       tp_value *out)
{
    const tobj *o = self;
    for (uint32_t i = 0; i < o->fields->n; i++)
        if (strcmp(o->fields->keys[i], name) == 0) {
            if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
            *out = o->fields->v[i];
            return TP_OK;
        }
    if (o != &TVAL) return TP_NONE;
    /* exec_test.go's methods of *T */
    if (strcmp(name, "Method0") == 0 && nargs == 0) return *out = tp_cstr("M0"), TP_OK;
    if (strcmp(name, "Method1") == 0 && nargs == 1 && args[0].kind == TP_INT) return *out = args[0], TP_OK;
    if (strcmp(name, "Method2") == 0 && nargs == 2) {
        char b[128];
        snprintf(b, sizeof b, "Method2: %lld %.*s", (long long)args[0].u.i, (int)args[1].u.s.n,
                 args[1].u.s.p);
        *out = tp_str(x, b, strlen(b));
        return TP_OK;
    }
    if (strcmp(name, "MAdd") == 0 && nargs == 2) {   /* MAdd(a int, b []int) []int */
        tp_list *l = tp_alloc(x, sizeof *l);
        tp_value *v = tp_alloc(x, args[1].u.l->n * sizeof *v);
        for (uint32_t i = 0; i < args[1].u.l->n; i++) v[i] = tp_int(args[0].u.i + args[1].u.l->v[i].u.i);
        l->n = args[1].u.l->n;
        l->v = v;
        *out = (tp_value){ .kind = TP_LIST, .u.l = l };
        return TP_OK;
    }
    if (strcmp(name, "GetU") == 0) return *out = tp_obj(&TOBJ, &U), TP_OK;
    if (strcmp(name, "Copy") == 0) return *out = tp_obj(&TOBJ, &TVAL), TP_OK;
    if (strcmp(name, "MyError") == 0 && nargs == 1) {
        if (args[0].u.b) return tp_fail(x, "error calling MyError: my error");
        return *out = tp_bool(0), TP_OK;
    }
    if (strcmp(name, "TrueFalse") == 0 && nargs == 1)
        return *out = tp_cstr(args[0].u.b ? "true" : "false"), TP_OK;
    return TP_NONE;
}

/* exec_test.go's FuncMap entries the cases use */
static int fn_zero_args(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x, (void)a, (void)n;
    *out = tp_cstr("zeroArgs");
    return TP_OK;
}
static int fn_one_arg(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    if (a[0].kind != TP_STRING)
        return tp_fail(x, "wrong type for value; expected string; got %s", tp_type_name(&a[0]));
    char b[64];
    snprintf(b, sizeof b, "oneArg=%.*s", (int)a[0].u.s.n, a[0].u.s.p);
    *out = tp_str(x, b, strlen(b));
    return TP_OK;
}
static int fn_echo(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x, (void)n;
    *out = a[0];
    return TP_OK;
}
static int fn_test_add(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++) {
        if (a[i].kind != TP_INT)
            return tp_fail(x, "wrong type for value; expected int; got %s", tp_type_name(&a[i]));
        s += a[i].u.i;
    }
    *out = tp_int(s);
    return TP_OK;
}
static int fn_makemap(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    /* map[string]string of the pairs, keys sorted */
    tp_map *m = tp_alloc(x, sizeof *m);
    const char **k = tp_alloc(x, (size_t)(n / 2 + 1) * sizeof *k);
    tp_value *v = tp_alloc(x, (size_t)(n / 2 + 1) * sizeof *v);
    for (int i = 0; i + 1 < n; i += 2) {
        uint32_t j = m->n++;
        while (j > 0 && strcmp(k[j - 1], a[i].u.s.p) > 0) k[j] = k[j - 1], v[j] = v[j - 1], j--;
        k[j] = a[i].u.s.p;
        v[j] = a[i + 1];
    }
    m->keys = k;
    m->v = v;
    m->string_elems = 1;
    *out = (tp_value){ .kind = TP_MAP, .u.m = m };
    return TP_OK;
}
static const char *const three_k[] = { "three" };
static const tp_value three_v[] = { I(3) };
static const tp_map THREE = { 1, three_k, three_v, 0 };
static int fn_map_of_three(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x, (void)a, (void)n;
    *out = (tp_value){ .kind = TP_MAP, .u.m = &THREE };
    return TP_OK;
}
static const tp_func TEST_FUNCS[] = {
    { "zeroArgs", fn_zero_args, 0, 0 }, { "oneArg", fn_one_arg, 1, 1 },
    { "echo", fn_echo, 1, 1 },          { "add", fn_test_add, 0, -1 },
    { "makemap", fn_makemap, 0, -1 },   { "mapOfThree", fn_map_of_three, 0, 0 },
};

/* Parse and run text over dot; the output, or "ERROR: <message>". */
static char *run_with(const char *text, const tp_value *dot, const tp_func *funcs, size_t nfuncs,
                      const tp_opts *o)
{
    tp_set *s = tp_set_new(funcs, nfuncs);
    lp_buf out = { 0 }, err = { 0 };
    char *r;
    if (tp_set_parse(s, "test", text, strlen(text), &err) != 0 ||
        tp_set_exec(s, "test", dot, o, &out, &err) != 0) {
        r = malloc(err.len + 8);
        snprintf(r, err.len + 8, "ERROR: %s", err.data ? err.data : "");
    } else {
        r = strndup(out.data ? out.data : "", out.len);
    }
    lp_buf_free(&out);
    lp_buf_free(&err);
    tp_set_free(s);
    return r;
}

static char *run(const char *text)
{
    init_tval();
    tp_value dot = tp_obj(&TOBJ, &TVAL);
    return run_with(text, &dot, TEST_FUNCS, sizeof TEST_FUNCS / sizeof *TEST_FUNCS, NULL);
}

typedef struct tcase {
    const char *name, *input, *output;
    int ok;
} tcase;

/* exec_test.go's execTests (those whose data the model above has), with its names and outputs */
static const tcase EXEC_TESTS[] = {
    { "empty", "", "", 1 },
    { "text", "some text", "some text", 1 },
    { ".X", "-{{.X}}-", "-x-", 1 },
    { ".U.V", "-{{.U.V}}-", "-v-", 1 },
    { "map .one", "{{.MSI.one}}", "1", 1 },
    { "map .two", "{{.MSI.two}}", "2", 1 },
    { "map .NO", "{{.MSI.NO}}", "<no value>", 1 },
    { "map .one interface", "{{.MXI.one}}", "1", 1 },
    { "map .WRONG args", "{{.MSI.one 1}}", "", 0 },
    { "$.I", "{{$.I}}", "17", 1 },
    { "$.U.V", "{{$.U.V}}", "v", 1 },
    { "declare in action", "{{$x := $.U.V}}{{$x}}", "v", 1 },
    { "simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}", "3", 1 },
    { "nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3", 1 },
    { "nested assignment changes the last declaration",
      "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}", "1", 1 },
    { "V{6666}.String()", "-{{.V0}}-", "", 0 },
    { "empty nil", "{{.Empty0}}", "<no value>", 1 },
    { "empty with slice", "{{.Empty3}}", "[7 8]", 1 },
    { ".Method0", "-{{.Method0}}-", "-M0-", 1 },
    { ".Method1(1234)", "-{{.Method1 1234}}-", "-1234-", 1 },
    { ".Method1(.I)", "-{{.Method1 .I}}-", "-17-", 1 },
    { ".Method2(3, .X)", "-{{.Method2 3 .X}}-", "-Method2: 3 x-", 1 },
    { "method on var", "{{if $x := .}}-{{$x.Method2 3 $x.X}}{{end}}-", "-Method2: 3 x-", 1 },
    { "method on chained var",
      "{{range .MSIone}}{{if $.U.V}}{{$.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}", "true", 1 },
    { "chained method", "{{range .MSIone}}{{if $.GetU.V}}{{$.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}",
      "true", 1 },
    { "call nil", "{{call nil}}", "", 0 },
    { "pipeline", "-{{.Method0 | .Method2 3}}-", "-Method2: 3 M0-", 1 },
    { "parens in pipeline", "{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}", "1 5 15", 1 },
    { "parens: $ in paren", "{{($).X}}", "x", 1 },
    { "parens: $.GetU in paren", "{{($.GetU).V}}", "v", 1 },
    { "parens: $ in paren in pipe", "{{($ | echo).X}}", "x", 1 },
    { "parens: spaces and args", "{{(makemap \"up\" \"down\" \"left\" \"right\").left}}", "right", 1 },
    { "if true", "{{if true}}TRUE{{end}}", "TRUE", 1 },
    { "if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE", 1 },
    { "if nil", "{{if nil}}TRUE{{end}}", "", 0 },
    { "if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", 1 },
    { "if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", 1 },
    { "if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", 1 },
    { "if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", 1 },
    { "if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", 1 },
    { "if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", 1 },
    { "if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", 1 },
    { "if map unset", "{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", 1 },
    { "if map not unset", "{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO", 1 },
    { "if $x with $y int", "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}", "true,17", 1 },
    { "if $x with $x int", "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}", "17,true", 1 },
    { "if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE", 1 },
    { "if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3", 1 },
    { "print", "{{print \"hello, print\"}}", "hello, print", 1 },
    { "print 123", "{{print 1 2 3}}", "1 2 3", 1 },
    { "print nil", "{{print nil}}", "<nil>", 1 },
    { "println", "{{println 1 2 3}}", "1 2 3\n", 1 },
    { "printf int", "{{printf \"%04x\" 127}}", "007f", 1 },
    { "printf float", "{{printf \"%g\" 3.5}}", "3.5", 1 },
    { "printf string", "{{printf \"%s\" \"hello\"}}", "hello", 1 },
    { "printf function", "{{printf \"%#v\" zeroArgs}}", "\"zeroArgs\"", 1 },
    { "printf field", "{{printf \"%s\" .U.V}}", "v", 1 },
    { "printf method", "{{printf \"%s\" .Method0}}", "M0", 1 },
    { "printf dot", "{{with .I}}{{printf \"%d\" .}}{{end}}", "17", 1 },
    { "printf var", "{{with $x := .I}}{{printf \"%d\" $x}}{{end}}", "17", 1 },
    { "html", "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}",
      "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", 1 },
    { "html pipeline", "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}",
      "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", 1 },
    { "js", "{{js `It'd be nice.`}}", "It\\'d be nice.", 1 },
    /* text/template's JSEscape and HTMLEscape (funcs.go): every byte they replace */
    { "js every escape", "{{js \"\\\\'\\\"<>&=\\t\\x00\\x1f\"}}",
      "\\\\\\'\\\"\\u003C\\u003E\\u0026\\u003D\\u0009\\u0000\\u001F", 1 },
    { "html every escape", "{{html \"\\\"'&<>\\x00=\\t\"}}", "&#34;&#39;&amp;&lt;&gt;\xEF\xBF\xBD=\t", 1 },
    { "urlquery", "{{\"http://www.example.org/\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F", 1 },
    { "not", "{{not true}} {{not false}}", "false true", 1 },
    { "and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1", 1 },
    { "or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1", 1 },
    { "boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE", 1 },
    { "boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE", 1 },
    { "slice[0]", "{{index .SI 0}}", "3", 1 },
    { "slice[1]", "{{index .SI 1}}", "4", 1 },
    { "slice[HUGE]", "{{index .SI 10}}", "", 0 },
    { "slice[WRONG]", "{{index .SI `hello`}}", "", 0 },
    { "slice[nil]", "{{index .SI nil}}", "", 0 },
    { "map[one]", "{{index .MSI `one`}}", "1", 1 },
    { "map[nil]", "{{index .MSI nil}}", "", 0 },
    { "map[WRONG]", "{{index .MSI 10}}", "", 0 },
    { "double index", "{{index .SMSI 1 `eleven`}}", "11", 1 },
    { "nil[1]", "{{index nil 1}}", "", 0 },
    { "len slice", "{{len .SI}}", "3", 1 },
    { "len map", "{{len .MSI }}", "3", 1 },
    { "len of int", "{{len 3}}", "", 0 },
    { "len of nothing", "{{len .Empty0}}", "", 0 },
    { "with true", "{{with true}}{{.}}{{end}}", "true", 1 },
    { "with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE", 1 },
    { "with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1", 1 },
    { "with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO", 1 },
    { "with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5", 1 },
    { "with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}", "ZERO", 1 },
    { "with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty", 1 },
    { "with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]", 1 },
    { "with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]", 1 },
    { "with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17", 1 },
    { "with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v", 1 },
    { "with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v", 1 },
    { "with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", "true", 1 },
    { "range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-", 1 },
    { "range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", "", 1 },
    { "range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-", 1 },
    { "range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-", 1 },
    { "range []int method", "{{range .SI | .MAdd .I}}-{{.}}-{{end}}", "-20--21--22-", 1 },
    { "range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-", 1 },
    { "range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", "", 1 },
    { "range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}", "-1--3--2-", 1 },
    { "range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", 1 },
    { "range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}", "-7--8-", 1 },
    { "range empty nil", "{{range .Empty0}}-{{.}}-{{end}}", "", 1 },
    { "range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>", 1 },
    { "range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}", "<0=3><1=4><2=5>", 1 },
    { "range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>", 1 },
    { "range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}", "<one=1>", 1 },
    { "range $x PSI", "{{range $x := .PSI}}<{{$x}}>{{end}}", "<21><22><23>", 1 },
    { "declare in range", "{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}", "<21><22><23>", 1 },
    { "range int", "{{range 3}}{{.}}{{end}}", "012", 1 },
    { "range $i int", "{{range $i := 3}}{{$i}}{{end}}", "012", 1 },
    { "range quick break", "{{range .SI}}{{break}}{{.}}{{end}}", "", 1 },
    { "range break after two", "{{range $i, $x := .SI}}{{if ge $i 2}}{{break}}{{end}}{{.}}{{end}}", "34", 1 },
    { "range continue", "{{range .SI}}{{continue}}{{.}}{{end}}", "", 1 },
    { "range continue condition", "{{range .SI}}{{if eq . 3 }}{{continue}}{{end}}{{.}}{{end}}", "45", 1 },
    { "or as if true", "{{or .SI \"slice is empty\"}}", "[3 4 5]", 1 },
    { "or as if false", "{{or .SIEmpty \"slice is empty\"}}", "slice is empty", 1 },
    { "error method, error", "{{.MyError true}}", "", 0 },
    { "error method, no error", "{{.MyError false}}", "false", 1 },
    { "bug0", "{{range .MSIone}}{{if $.Method1 .}}X{{end}}{{end}}", "X", 1 },
    { "bug3", "{{with $}}{{.Method0}}{{end}}", "M0", 1 },
    { "bug4", "{{if .Empty0}}non-nil{{else}}nil{{end}}", "nil", 1 },
    { "bug7a", "{{3 2}}", "", 0 },
    { "bug7b", "{{$x := 1}}{{$x 2}}", "", 0 },
    { "bug7c", "{{$x := 1}}{{3 | $x}}", "", 0 },
    { "bug8a", "{{3|oneArg}}", "", 0 },
    { "bug10", "{{mapOfThree.three}}-{{(mapOfThree).three}}", "3-3", 1 },
    { "bug12xe", "{{printf `%T` 0xef}}", "int", 1 },
    { "bug12XE", "{{printf `%T` 0XEE}}", "int", 1 },
    { "bug13", "{{print (.Copy).I}}", "17", 1 },
    { "bug14a", "{{(nil).True}}", "", 0 },
    { "bug14b", "{{$x := nil}}{{$x.anything}}", "", 0 },
    { "bug14c", "{{$x := (1.0)}}{{$y := (\"hello\")}}{{$x.anything}}{{$y.true}}", "", 0 },
    { "bug16a", "{{true|printf}}", "", 0 },
    { "bug16b", "{{1|printf}}", "", 0 },
    { "bug16c", "{{1.1|printf}}", "", 0 },
    { "bug16d", "{{'x'|printf}}", "", 0 },
    { "bug16h", "{{1|oneArg}}", "", 0 },
    { "bug16i", "{{\"aaa\"|oneArg}}", "oneArg=aaa", 1 },
    { "bug16k", "{{\"aaa\"|printf }}", "aaa", 1 },
    /* doc.go: trim markers and comments */
    { "trim", "{{23 -}} < {{- 45}}", "23<45", 1 },
    { "comment", "a{{/* a comment */}}b", "ab", 1 },
    { "trimmed comment", "a  {{- /* c */ -}}  b", "ab", 1 },
    { "field on missing", "{{.MXI.none.deeper}}", "<no value>", 1 },
    { "missing field of struct", "{{.Nope}}", "", 0 },
};

Test(tmpl, exec_tests_of_go)
{
    for (size_t i = 0; i < sizeof EXEC_TESTS / sizeof *EXEC_TESTS; i++) {
        const tcase *t = &EXEC_TESTS[i];
        char *r = run(t->input);
        int failed = strncmp(r, "ERROR: ", 7) == 0;
        if (t->ok)
            cr_expect(!failed && strcmp(r, t->output) == 0, "%s: %s: want %s got %s", t->name, t->input,
                      t->output, r);
        else cr_expect(failed, "%s: %s: want an error, got %s", t->name, t->input, r);
        free(r);
    }
}

/* execTests' "dot int" and "$ int": other data than tVal */
Test(tmpl, dot_of_other_data)
{
    tp_value v = tp_int(17);
    char *r = run_with("<{{.}}>", &v, NULL, 0, NULL);
    cr_expect_str_eq(r, "<17>");
    free(r);
    v = tp_int(123);
    r = run_with("{{$}}", &v, NULL, 0, NULL);
    cr_expect_str_eq(r, "123");
    free(r);
    r = run_with("{{.}}", NULL, NULL, 0, NULL);
    cr_expect_str_eq(r, "<no value>");
    free(r);
}

/* exec_test.go's cmpTests, as TestComparison runs them: {{if EXPR}}true{{else}}false{{end}} */
static const struct {
    const char *expr, *truth;
    int ok;
} CMP_TESTS[] = {
    { "eq true true", "true", 1 },
    { "eq true false", "false", 1 },
    { "eq 1.5 1.5", "true", 1 },
    { "eq 1.5 2.5", "false", 1 },
    { "eq 1 1", "true", 1 },
    { "eq 1 2", "false", 1 },
    { "eq `xy` `xy`", "true", 1 },
    { "eq `xy` `xyz`", "false", 1 },
    { "eq 3 4 5 6 3", "true", 1 },
    { "eq 3 4 5 6 7", "false", 1 },
    { "ne true true", "false", 1 },
    { "ne 1.5 2.5", "true", 1 },
    { "ne `xy` `xyz`", "true", 1 },
    { "lt 1.5 1.5", "false", 1 },
    { "lt 1.5 2.5", "true", 1 },
    { "lt 1 1", "false", 1 },
    { "lt 1 2", "true", 1 },
    { "lt `xy` `xyz`", "true", 1 },
    { "le 1.5 1.5", "true", 1 },
    { "le 2.5 1.5", "false", 1 },
    { "le `xyz` `xy`", "false", 1 },
    { "gt 1.5 1.5", "false", 1 },
    { "gt 2 1", "true", 1 },
    { "gt `xy` `xyz`", "false", 1 },
    { "ge 1.5 2.5", "false", 1 },
    { "ge 2 1", "true", 1 },
    { "ge `xyz` `xy`", "true", 1 },
    { "eq .Three .Three", "true", 1 },
    { "lt .NegOne .Three", "true", 1 },
    { "gt .NegOne .Three", "false", 1 },
    { "eq (index `x` 0) 'x'", "true", 1 },
    { "eq (index `x` 0) 'y'", "false", 1 },
    { "eq `xy` 1", "", 0 },
    { "eq 2 2.0", "", 0 },
    { "lt true true", "", 0 },
};

Test(tmpl, cmp_tests_of_go)
{
    for (size_t i = 0; i < sizeof CMP_TESTS / sizeof *CMP_TESTS; i++) {
        char text[200];
        snprintf(text, sizeof text, "{{if %s}}true{{else}}false{{end}}", CMP_TESTS[i].expr);
        char *r = run(text);
        if (CMP_TESTS[i].ok) cr_expect_str_eq(r, CMP_TESTS[i].truth, "%s", CMP_TESTS[i].expr);
        else cr_expect(strncmp(r, "ERROR: ", 7) == 0, "%s: want an error, got %s", CMP_TESTS[i].expr, r);
        free(r);
    }
}

/* TestExecError's exact message: the place is the nested template's, line:col in the file */
Test(tmpl, exec_error_names_the_place)
{
    const char *text =
        "line 1\nline 2\nline 3\n{{template \"one\" .}}\n{{define \"one\"}}{{template \"two\" .}}{{end}}\n"
        "{{define \"two\"}}{{template \"three\" .}}{{end}}\n"
        "{{define \"three\"}}{{index \"hi\" $}}{{end}}";
    tp_set *s = tp_set_new(NULL, 0);
    lp_buf out = { 0 }, err = { 0 };
    cr_assert_eq(tp_set_parse(s, "top", text, strlen(text), &err), 0, "%s", err.data);
    tp_value five = tp_int(5);
    cr_assert_eq(tp_set_exec(s, "top", &five, NULL, &out, &err), -1);
    cr_expect_str_eq(err.data,
                     "template: top:7:20: executing \"three\" at <index \"hi\" $>: error calling index: "
                     "index out of range: 5");
    lp_buf_free(&out);
    lp_buf_free(&err);
    tp_set_free(s);
}

/* parse errors: Go's "template: NAME:LINE: ..." */
Test(tmpl, parse_errors_as_go)
{
    static const struct {
        const char *text, *want;
    } P[] = {
        { "hello\n\n{{`unterminated\n\n\n\n}}\n some more\n\n",
          "template: test:3: unterminated raw quoted string" },
        { "{{.X", "template: test:1: unclosed action" },
        { "{{nosuch 1}}", "template: test:1: function \"nosuch\" not defined" },
        { "\n{{$x}}", "template: test:2: undefined variable \"$x\"" },
        { "{{if true}}x", "template: test:1: unexpected EOF" },
        { "{{end}}", "template: test:1: unexpected {{end}}" },
        { "{{break}}", "template: test:1: {{break}} outside {{range}}" },
        { "{{range .}}{{else}}{{else}}{{end}}", "template: test:1: expected end; found {{else}}" },
        { "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
          "template: test:1: template: multiple definition of template \"a\"" },
        { "{{3 | 4}}", "template: test:1: non executable command in pipeline stage 2" },
        { "{{/* x */ .}}", "template: test:1: comment ends before closing delimiter" },
        { "{{.X!}}", "template: test:1: bad character U+0021 '!'" },
        { "{{3k}}", "template: test:1: bad number syntax: \"3k\"" },
        { "{{#}}", "template: test:1: unexpected \"#\" in command" },
        { "{{\x01}}", "template: test:1: unrecognized character in action: U+0001" },
    };
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        char *r = run(P[i].text);
        cr_expect(strncmp(r, "ERROR: ", 7) == 0 && strcmp(r + 7, P[i].want) == 0, "%s: want %s got %s",
                  P[i].text, P[i].want, r);
        free(r);
    }
}

/* fmt's documented verbs, as printf prints them */
Test(tmpl, printf_verbs)
{
    static const struct {
        const char *text, *want;
    } F[] = {
        { "{{printf \"%d|%5d|%-5d|%05d\" 42 42 42 -42}}", "42|   42|42   |-0042" },
        { "{{printf \"%s|%q|%v|%10s|%-4s|\" \"a\" \"b\\n\" \"c\" \"right\" \"l\"}}",
          "a|\"b\\n\"|c|     right|l   |" },
        { "{{printf \"%f|%.2f|%.0f|%e|%g\" 3.14159 3.14159 2.5 1234.5678 0.000012}}",
          "3.141590|3.14|2|1.234568e+03|1.2e-05" },
        { "{{printf \"%t|%x|%X|%x\" true 255 255 \"hi\"}}", "true|ff|FF|6869" },
        { "{{printf \"%d\" \"s\"}}", "%!d(string=s)" },
        { "{{printf \"%d %d\" 1}}", "1 %!d(MISSING)" },
        { "{{printf \"%d\" 1 2}}", "1%!(EXTRA int=2)" },
        { "{{printf \"%v %v %v\" 1.0 100000000.0 0.5}}", "1 1e+08 0.5" },
        { "{{printf \"%%|%c|%q\" 65 66}}", "%|A|'B'" },
        { "{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3" },
    };
    for (size_t i = 0; i < sizeof F / sizeof *F; i++) {
        char *r = run(F[i].text);
        cr_expect_str_eq(r, F[i].want, "%s", F[i].text);
        free(r);
    }
}

/* time.Format's reference layout and Duration.String, on a fixed instant in UTC and at +05:30 */
Test(tmpl, time_and_duration)
{
    tp_set *s = tp_set_new(tp_powerpipe_funcs, tp_powerpipe_nfuncs);
    lp_buf out = { 0 }, err = { 0 };
    const char *text =
        "{{.T.Format \"2006-01-02 15:04:05\"}}|{{.T.Format \"Mon Jan _2 3:04PM MST -07:00 Z07:00 .000\"}}|"
        "{{.D}}|{{.Ms}}|{{.D.Seconds}}|{{.D | durationInSeconds}}|{{.T.Year}}|{{.Z.Format \"Z07:00\"}}";
    cr_assert_eq(tp_set_parse(s, "t", text, strlen(text), &err), 0, "%s", err.data);
    /* 2009-11-10 23:00:00.123 UTC shown at +05:30 (IST): 2009-11-11 04:30:00.123 */
    tp_value t = { .kind = TP_TIME, .u.t = { 1257894000123000000LL, 19800, "IST" } };
    tp_value z = { .kind = TP_TIME, .u.t = { 0, 0, "UTC" } };
    tp_value d = { .kind = TP_DURATION, .u.d = 3723500000000LL },
             ms = { .kind = TP_DURATION, .u.d = 1500000 };
    const char *k[] = { "D", "Ms", "T", "Z" };
    tp_value v[] = { d, ms, t, z };
    tp_map m = { 4, k, v, 0 };
    tp_value dot = { .kind = TP_MAP, .u.m = &m };
    cr_assert_eq(tp_set_exec(s, "t", &dot, NULL, &out, &err), 0, "%s", err.data);
    cr_expect_str_eq(out.data,
                     "2009-11-11 04:30:00|Wed Nov 11 4:30AM IST +05:30 +05:30 .123|1h2m3.5s|1.5ms|3723.5|"
                     "3723.5|2009|Z");
    lp_buf_free(&out);
    lp_buf_free(&err);
    tp_set_free(s);
}

/* Powerpipe's FuncMap: sprig's functions and its own, as template_functions.go defines them */
Test(tmpl, powerpipe_functions)
{
    static const struct {
        const char *text, *want;
    } F[] = {
        { "{{upper \"warning\"}}", "WARNING" },
        { "{{toJson \"a<b>&\\n\"}}", "\"a\\u003cb\\u003e\\u0026\\n\"" },
        /* Go >= 1.22's encoding/json: \b and \f short, other controls \u00XX, a bad byte \ufffd */
        { "{{toJson \"\\b\\f\\x01\\xff\"}}", "\"\\b\\f\\u0001\\ufffd\"" },
        { "{{toJson (dict \"b\" 1 \"a\" \"x\")}}", "{\"a\":\"x\",\"b\":1}" },
        { "{{toPrettyJson (dict \"b\" 1 \"a\" (dict))}}", "{\n  \"a\": {},\n  \"b\": 1\n}" },
        { "{{quote \"a\" 1 nil}}", "\"a\" \"1\"" },
        { "{{add 1 \"2\" 3}}", "6" },
        { "{{(dict \"idx\" 3 \"row\" \"r\").idx}}", "3" },
        { "{{toCsvCell \"a,b\"}}|{{toCsvCell \"plain\"}}|{{toCsvCell \"q\\\"x\"}}|{{toCsvCell \" lead\"}}",
          "\"a,b\"|plain|\"q\"\"x\"|\" lead\"" },
        { "{{toSafeJson \"line\\nbreak\\ttab\"}}", "\"line break tab\"" },
        { "{{toSafeJson nil}}", "null" },
        { "{{with now}}{{if .Year}}ok{{end}}{{end}}", "ok" },
    };
    for (size_t i = 0; i < sizeof F / sizeof *F; i++) {
        char *r = run_with(F[i].text, NULL, tp_powerpipe_funcs, tp_powerpipe_nfuncs, NULL);
        cr_expect_str_eq(r, F[i].want, "%s", F[i].text);
        free(r);
    }
}

/* What a range iteration makes is freed after it (a million iterations fit in a pool bound far below
 * what they make together), unless a variable from outside the iteration keeps some of it. */
Test(tmpl, range_iterations_free_what_they_make)
{
    tp_opts o = { .max_output = 1 << 20 };   /* the pool's bound: twice this and 64 MiB */
    char *r = run_with("{{range 1200000}}{{$s := printf \"%0100d\" .}}{{end}}done", NULL, NULL, 0, &o);
    cr_expect_str_eq(r, "done");
    free(r);
    r = run_with(
        "{{$keep := \"\"}}{{range $i := 3}}{{$keep = printf \"v%d\" $i}}{{$junk := printf \"xx%d\" $i}}"
        "{{end}}{{$keep}}",
        NULL, NULL, 0, &o);
    cr_expect_str_eq(r, "v2");
    free(r);
}

/* Hostile templates end with a message naming the place; bounds are set small to be quick. */
Test(tmpl, hostile_templates_fail_cleanly)
{
    tp_opts o = { .max_depth = 50, .max_output = 1000, .max_steps = 100000 };
    char *r = run_with("{{define \"x\"}}{{template \"x\" .}}{{end}}{{template \"x\" .}}", NULL, NULL, 0, &o);
    cr_expect(strstr(r, "exceeded maximum template depth (50)") != NULL, "%s", r);
    /* at the template node (its name), as Go's TemplateNode.String() prints it */
    cr_expect(strstr(r, "template: test:1:25: executing \"x\" at <{{template \"x\" .}}>: exceeded maximum "
                        "template depth (50)") != NULL,
              "%s", r);
    free(r);
    r = run_with("{{range 100000000}}{{end}}", NULL, NULL, 0, &o);
    cr_expect(strstr(r, "exceeded maximum steps") != NULL, "%s", r);
    free(r);
    r = run_with("{{range 100000}}xxxxxxxxxx{{end}}", NULL, NULL, 0, &o);
    cr_expect(strstr(r, "output exceeds 1000 bytes") != NULL, "%s", r);
    free(r);
    /* nesting deeper than the parser's bound */
    size_t n = 5000;
    char *deep = malloc(n * 13 + 1), *p = deep;
    for (size_t i = 0; i < n; i++) p += sprintf(p, "{{if true}}");
    *p = '\0';
    r = run_with(deep, NULL, NULL, 0, &o);
    cr_expect(strstr(r, "max expression depth exceeded") != NULL, "%s", r);
    free(r);
    p = deep;
    for (size_t i = 0; i < n; i++) *p++ = '(';
    strcpy(p, "1");
    char *paren = malloc(n + 10);
    snprintf(paren, n + 10, "{{%s}}", deep);
    r = run_with(paren, NULL, NULL, 0, &o);
    cr_expect(strstr(r, "max expression depth exceeded") != NULL, "%s", r);
    free(r);
    free(paren);
    free(deep);
    /* nesting inside a recursive template: its depth times the nesting bounds the stack */
    char *nested = malloc(1000 * 24 + 200);
    p = nested + sprintf(nested, "{{define \"x\"}}");
    for (int i = 0; i < 900; i++) p += sprintf(p, "{{if true}}");
    p += sprintf(p, "{{template \"x\" .}}");
    for (int i = 0; i < 900; i++) p += sprintf(p, "{{end}}");
    sprintf(p, "{{end}}{{template \"x\" .}}");
    tp_opts deep_calls = { .max_depth = 1000 };
    r = run_with(nested, NULL, NULL, 0, &deep_calls);
    cr_expect(strstr(r, "exceeded maximum nesting depth") != NULL ||
                  strstr(r, "exceeded maximum template depth"),
              "%.300s", r);
    free(r);
    free(nested);
}

/* A streamed execution: what flush was handed, and when interrupted says stop */
typedef struct sink_state {
    size_t got, calls, most;   /* bytes handed, flushes, the largest piece */
    int polls, stop_after;     /* interrupted: nonzero once polled stop_after times (0: never) */
} sink_state;

static int sink_flush(void *io, const char *p, size_t n)
{
    sink_state *s = io;
    (void)p;
    s->got += n;
    s->calls++;
    if (n > s->most) s->most = n;
    return 0;
}

static int sink_interrupted(void *io)
{
    sink_state *s = io;
    return s->stop_after && ++s->polls >= s->stop_after;
}

static int exec_streamed(const char *text, tp_opts *o, sink_state *st, lp_buf *out, lp_buf *err)
{
    tp_set *s = tp_set_new(NULL, 0);
    cr_assert(s && tp_set_parse(s, "test", text, strlen(text), err) == 0);
    o->flush = sink_flush;
    o->interrupted = sink_interrupted;
    o->io = st;
    int rc = tp_set_exec(s, "test", NULL, o, out, err);
    tp_set_free(s);
    return rc;
}

/* Streamed, the output is handed on in pieces (the buffer never holds much more than one) and the
 * output bound counts every byte made, not what the buffer holds; an interruption stops it. */
Test(tmpl, streamed_output_is_bounded_by_what_was_made)
{
    static const char EXP[] = "{{define \"a0\"}}xxxxxxxxxxxxxxxx{{end}}"
                              "{{define \"a1\"}}{{template \"a0\"}}{{template \"a0\"}}{{end}}"
                              "{{define \"a2\"}}{{template \"a1\"}}{{template \"a1\"}}{{end}}"
                              "{{define \"a3\"}}{{template \"a2\"}}{{template \"a2\"}}{{end}}"
                              "{{define \"a4\"}}{{template \"a3\"}}{{template \"a3\"}}{{end}}"
                              "{{range 20000}}{{template \"a4\"}}{{.}}{{end}}";   /* 256 bytes + the number */
    lp_buf out = { 0 }, err = { 0 };
    sink_state st = { 0 };
    tp_opts o = { .max_output = (size_t)1 << 30 };
    cr_assert_eq(exec_streamed(EXP, &o, &st, &out, &err), 0, "%s", err.data ? err.data : "");
    size_t want = 20000 * 256;
    for (int i = 0; i < 20000; i++) want += (size_t)snprintf(NULL, 0, "%d", i);
    cr_expect_eq(st.got, want);
    cr_expect_eq(out.len, 0, "all of it handed on");
    cr_expect_gt(st.calls, 50);
    cr_expect_lt(st.most, TP_FLUSH_BYTES + 300, "%zu", st.most);
    /* the bound: 1 MiB made in all, though no piece comes near it */
    st = (sink_state){ 0 };
    out.len = err.len = 0;
    o.max_output = (size_t)1 << 20;
    cr_assert_neq(exec_streamed(EXP, &o, &st, &out, &err), 0);
    cr_expect(err.data && strstr(err.data, "output exceeds 1048576 bytes"), "%s", err.data ? err.data : "");
    cr_expect_leq(st.got + out.len, (size_t)1 << 20);
    cr_expect_gt(st.got + out.len, ((size_t)1 << 20) - 300);
    /* interrupted: stopped at the poll that said so, "interrupted" named at its place */
    st = (sink_state){ .stop_after = 3 };
    out.len = err.len = 0;
    o.max_output = (size_t)1 << 30;
    cr_assert_neq(exec_streamed(EXP, &o, &st, &out, &err), 0);
    cr_expect(err.data && strstr(err.data, ": interrupted"), "%s", err.data ? err.data : "");
    cr_expect_eq(st.polls, 3);
    cr_expect_lt(st.got, want / 2);
    lp_buf_free(&out);
    lp_buf_free(&err);
}
