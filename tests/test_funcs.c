/* test_funcs.c — every library function, against the results Terraform's and
 * cty's documentation give for the same calls (examples transcribed by hand),
 * and well-known digests (RFC 1321 / FIPS 180 test vectors). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "eval/eval.h"
#include "support/eval_harness.h"

static ar_arena A;
static char OUT[16384];

static int read_file_cb(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                        const char **err)
{
    (void)user; (void)a;
    if (len == 13 && memcmp(path, "./docs/doc.md", 13) == 0) {
        *data = "# Title\n\nBody.\n";
        *n = 15;
        return 0;
    }
    if (len == 7 && memcmp(path, "bin.dat", 7) == 0) { *data = "\xff\xfe"; *n = 2; return 0; }
    *err = "no such file or directory";
    return -1;
}

static int exists_cb(void *user, const char *path, size_t len)
{
    (void)user;
    return len == 13 && memcmp(path, "./docs/doc.md", 13) == 0;
}

static const char *getenv_cb(void *user, const char *name)
{
    (void)user;
    return strcmp(name, "LP_FUNC_TEST") == 0 ? "set" : NULL;
}

static ev_scope SCOPE = { NULL, NULL, read_file_cb, exists_cb, getenv_cb };

static void setup(void) { ar_init(&A, 0); }
static void teardown(void) { ar_free(&A); }

#define EQ(expr, want) do { const char *got_ = th_eval(&A, &SCOPE, expr, OUT, sizeof OUT); \
        cr_expect_str_eq(got_, want, "%s -> %s", expr, got_); } while (0)
#define ERR(expr, frag)                                                                                      \
    do {                                                                                                     \
        const char *got_ = th_eval(&A, &SCOPE, expr, OUT, sizeof OUT);                                       \
        cr_expect(strncmp(got_, "ERR:", 4) == 0 && strstr(got_, frag), "%s -> %s (want error with %s)",      \
                  expr, got_, frag);                                                                         \
    } while (0)

TestSuite(funcs, .init = setup, .fini = teardown);

Test(funcs, corpus_functions)
{
    /* merge: later keys win, nulls skipped, objects stay objects */
    EQ("merge({a = \"1\", b = \"2\"}, {b = \"3\"}, null, {c = \"4\"})",
       "{\"a\":\"1\",\"b\":\"3\",\"c\":\"4\"}");
    EQ("merge()", "{}");
    ERR("merge({a = 1}, [1])", "arguments must be maps or objects");
    /* large objects whose keys interleave (sorted by merging, not by insertion):
     * the second's keys win, keys in byte order ("k1" < "k10" < "k100") */
    /* (range() stops at 1,024 values: setproduct makes the 20,000) */
#define KEYS(a, b, sign) "{for p in setproduct(range(" #a ", " #b "), range(100)): " \
    "\"k${p[0] * 100 + p[1]}\" => " sign "(p[0] * 100 + p[1])}"
#define BIG "merge(" KEYS(0, 200, "") ", " KEYS(100, 300, "-") ")"
    EQ("length(" BIG ")", "30000");
    EQ(BIG "[\"k15000\"]", "-15000");
    EQ(BIG "[\"k9999\"]", "9999");
    EQ("slice(keys(" BIG "), 0, 4)", "[\"k0\",\"k1\",\"k10\",\"k100\"]");
    EQ("keys(" BIG ")[29999]", "\"k9999\"");
#undef BIG
#undef KEYS
    /* replace: every occurrence; /re/ form with Go template expansion */
    EQ("replace(\"1 + 2 + 3\", \"+\", \"-\")", "\"1 - 2 - 3\"");
    EQ("replace(\"hello world\", \"/w.*d/\", \"everybody\")", "\"hello everybody\"");
    EQ("replace(\"a-b-c\", \"/(\\\\w)-/\", \"$${1}_\")", "\"a_b_c\"");
    EQ("replace(\"a-b-c\", \"/(\\\\w)-/\", \"$1_\")", "\"c\"");   /* Go reads $1_ as group "1_" */
    EQ("replace(\"abc\", \"/(?P<x>b)/\", \"[$${x}]\")", "\"a[b]c\"");
    EQ("replace(\"abc\", \"/b/\", \"$$\")", "\"a$c\"");
    EQ("replace(\"abc\", \"/x*/\", \"-\")", "\"-a-b-c-\"");
    EQ("replace(\"say \\\"hi\\\"\", \"\\\"\", \"\\\"\\\"\")", "\"say \\\"\\\"hi\\\"\\\"\"");
    EQ("replace(\"__Q__x\", \"__Q__\", \"\")", "\"x\"");
    ERR("replace(\"a\", \"/(/\", \"\")", "invalid regular expression");
    /* contains */
    EQ("contains([\"a\", \"b\"], \"b\")", "true");
    EQ("contains([\"a\", \"b\"], \"c\")", "false");
    EQ("contains([1, 2], \"1\")", "false");
    /* file: relative to the mod root through the callback */
    EQ("file(\"./docs/doc.md\")", "\"# Title\\n\\nBody.\\n\"");
    ERR("file(\"./docs/missing.md\")", "no such file");
    ERR("file(\"bin.dat\")", "not valid UTF-8");
    EQ("fileexists(\"./docs/doc.md\")", "true");
    EQ("fileexists(\"nope\")", "false");
    EQ("filebase64(\"bin.dat\")", "\"//4=\"");
}

Test(funcs, strings)
{
    EQ("format(\"Hello, %s!\", \"Ander\")", "\"Hello, Ander!\"");
    EQ("format(\"There are %d lights\", 4)", "\"There are 4 lights\"");
    EQ("format(\"%-5s|\", \"ab\")", "\"ab   |\"");
    EQ("format(\"%5.2f\", 3.14159)", "\" 3.14\"");
    EQ("format(\"%03d\", 7)", "\"007\"");
    EQ("format(\"%x %X %o %b\", 255, 255, 8, 5)", "\"ff FF 10 101\"");
    EQ("format(\"%v %v %v\", \"s\", 1.5, true)", "\"s 1.5 true\"");
    EQ("format(\"%v\", 1000000)", "\"1e+06\"");
    EQ("format(\"%#v\", \"s\")", "\"\\\"s\\\"\"");
    EQ("format(\"%v\", [1, 2])", "\"[1,2]\"");
    EQ("format(\"%q\", \"a\")", "\"\\\"a\\\"\"");
    EQ("format(\"%t\", true)", "\"true\"");
    EQ("format(\"%e\", 1234.5678)", "\"1.234568e+03\"");
    EQ("format(\"%[2]s %[1]s\", \"a\", \"b\")", "\"b a\"");
    EQ("format(\"100%%\")", "\"100%\"");
    ERR("format(\"%d\", 1.5)", "an integer is required");
    ERR("format(\"%s\")", "not enough arguments");
    ERR("format(\"%z\", 1)", "unsupported format verb");
    EQ("formatlist(\"Hello, %s!\", [\"Valentina\", \"Ander\"])", "[\"Hello, Valentina!\",\"Hello, Ander!\"]");
    EQ("formatlist(\"%s, %s\", \"x\", [\"a\", \"b\"])", "[\"x, a\",\"x, b\"]");
    ERR("formatlist(\"%s%s\", [\"a\"], [\"b\", \"c\"])", "inconsistent");
    EQ("join(\", \", [\"foo\", \"bar\", \"baz\"])", "\"foo, bar, baz\"");
    EQ("join(\"-\", [\"a\"], [\"b\", 1])", "\"a-b-1\"");
    EQ("split(\",\", \"foo,bar,baz\")", "[\"foo\",\"bar\",\"baz\"]");
    EQ("split(\",\", \"\")", "[\"\"]");
    EQ("lower(\"HELLO\")", "\"hello\"");
    EQ("upper(\"hello\")", "\"HELLO\"");
    EQ("upper(\"алло!\")", "\"АЛЛО!\"");
    EQ("title(\"hello world\")", "\"Hello World\"");
    EQ("trim(\"?!hello?!\", \"!?\")", "\"hello\"");
    EQ("trimprefix(\"helloworld\", \"hello\")", "\"world\"");
    EQ("trimsuffix(\"helloworld\", \"world\")", "\"hello\"");
    EQ("trimspace(\"  hello\\n\\n\")", "\"hello\"");
    EQ("chomp(\"hello\\r\\n\\n\")", "\"hello\"");
    EQ("indent(2, \"[\\n  foo,\\n]\")", "\"[\\n    foo,\\n  ]\"");
    EQ("strrev(\"hello\")", "\"olleh\"");
    EQ("strrev(\"a☃b\")", "\"b☃a\"");
    EQ("substr(\"hello world\", 1, 4)", "\"ello\"");
    EQ("substr(\"hello world\", -5, -1)", "\"world\"");
    EQ("substr(\"🤔🤷\", 0, 1)", "\"🤔\"");
    EQ("startswith(\"hello world\", \"hello\")", "true");
    EQ("endswith(\"hello world\", \"world\")", "true");
    EQ("strcontains(\"hello world\", \"wor\")", "true");
    EQ("strcontains(\"hello world\", \"wod\")", "false");
}

Test(funcs, regex)
{
    EQ("regex(\"[a-z]+\", \"53453453.345345aaabbbccc23454\")", "\"aaabbbccc\"");
    EQ("regex(\"(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)\", \"2019-02-01\")",
       "[\"2019\",\"02\",\"01\"]");
    EQ("regex(\"^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?\", \"https://terraform.io/docs/\")",
       "{\"authority\":\"terraform.io\",\"scheme\":\"https\"}");
    ERR("regex(\"[a-z]+\", \"123\")", "did not match");
    EQ("regexall(\"[a-z]+\", \"1234abcd5678efgh9\")", "[\"abcd\",\"efgh\"]");
    EQ("length(regexall(\"[a-z]+\", \"1234abcd5678efgh9\"))", "2");
    EQ("regexall(\"(?i)X\", \"axbX\")", "[\"x\",\"X\"]");
}

Test(funcs, collections)
{
    EQ("length([])", "0");
    EQ("length([\"a\", \"b\"])", "2");
    EQ("length({\"a\" = \"b\"})", "1");
    EQ("length(\"hello\")", "5");
    EQ("length(\"👾🕹️\")", "2");
    EQ("concat([\"a\", \"\"], [\"b\", \"c\"])", "[\"a\",\"\",\"b\",\"c\"]");
    EQ("lookup({a = \"ay\", b = \"bee\"}, \"a\", \"what?\")", "\"ay\"");
    EQ("lookup({a = \"ay\", b = \"bee\"}, \"c\", \"what?\")", "\"what?\"");
    ERR("lookup({a = 1}, \"c\")", "lookup failed to find key");
    EQ("element([\"a\", \"b\", \"c\"], 1)", "\"b\"");
    EQ("element([\"a\", \"b\", \"c\"], 3)", "\"a\"");
    ERR("element([], 0)", "empty list");
    EQ("index([\"a\", \"b\", \"c\"], \"b\")", "1");
    ERR("index([\"a\"], \"z\")", "item not found");
    EQ("keys({a = 1, c = 2, d = 3})", "[\"a\",\"c\",\"d\"]");
    EQ("values({a = 3, c = 2, d = 1})", "[3,2,1]");
    EQ("coalesce(\"a\", \"b\")", "\"a\"");
    EQ("coalesce(\"\", \"b\")", "\"b\"");
    EQ("coalesce(1, 2)", "1");
    EQ("coalesce(null, \"x\")", "\"x\"");
    ERR("coalesce(null, \"\")", "no non-null");
    EQ("coalescelist([\"a\", \"b\"], [\"c\", \"d\"])", "[\"a\",\"b\"]");
    EQ("coalescelist([], [\"c\", \"d\"])", "[\"c\",\"d\"]");
    EQ("compact([\"a\", \"\", \"b\", null, \"c\"])", "[\"a\",\"b\",\"c\"]");
    EQ("distinct([\"a\", \"b\", \"a\", \"c\", \"d\", \"b\"])", "[\"a\",\"b\",\"c\",\"d\"]");
    EQ("flatten([[\"a\", \"b\"], [], [\"c\"]])", "[\"a\",\"b\",\"c\"]");
    EQ("flatten([[[\"a\", \"b\"], []], [\"c\"]])", "[\"a\",\"b\",\"c\"]");
    EQ("reverse([1, 2, 3])", "[3,2,1]");
    EQ("slice([\"a\", \"b\", \"c\", \"d\"], 1, 3)", "[\"b\",\"c\"]");
    ERR("slice([\"a\"], 0, 2)", "end index");
    EQ("sort([\"e\", \"d\", \"a\", \"x\"])", "[\"a\",\"d\",\"e\",\"x\"]");
    EQ("range(3)", "[0,1,2]");
    EQ("range(1, 4)", "[1,2,3]");
    EQ("range(1, 8, 2)", "[1,3,5,7]");
    EQ("range(4, 1)", "[4,3,2]");
    EQ("range(0, 1, 0.25)", "[0,0.25,0.5,0.75]");
    ERR("range(1, 4, 0)", "step must not be zero");
    EQ("zipmap([\"a\", \"b\"], [1, 2])", "{\"a\":1,\"b\":2}");
    EQ("chunklist([\"a\", \"b\", \"c\", \"d\", \"e\"], 2)", "[[\"a\",\"b\"],[\"c\",\"d\"],[\"e\"]]");
    EQ("chunklist([\"a\", \"b\"], 0)", "[[\"a\",\"b\"]]");
    EQ("transpose({a = [\"1\", \"2\"], b = [\"2\", \"3\"]})",
       "{\"1\":[\"a\"],\"2\":[\"a\",\"b\"],\"3\":[\"b\"]}");
    EQ("alltrue([\"true\", true])", "true");
    EQ("alltrue([true, false])", "false");
    EQ("alltrue([])", "true");
    EQ("anytrue([\"true\"])", "true");
    EQ("anytrue([])", "false");
    EQ("one([])", "null");
    EQ("one([\"hello\"])", "\"hello\"");
    ERR("one([\"a\", \"b\"])", "either zero or one");
    EQ("sum([10, 13, 6, 4.5])", "33.5");
    ERR("sum([])", "empty list");
    EQ("setunion([\"a\", \"b\"], [\"b\", \"c\"], [\"d\"])", "[\"a\",\"b\",\"c\",\"d\"]");
    EQ("setintersection([\"a\", \"b\"], [\"b\", \"c\"], [\"b\", \"d\"])", "[\"b\"]");
    EQ("setsubtract([\"a\", \"b\", \"c\"], [\"a\", \"c\"])", "[\"b\"]");
    EQ("setproduct([\"development\", \"staging\"], [\"app1\", \"app2\"])",
       "[[\"development\",\"app1\"],[\"development\",\"app2\"],[\"staging\",\"app1\"],[\"staging\",\"app2\"]"
       "]");
    EQ("toset([\"c\", \"b\", \"b\"])", "[\"b\",\"c\"]");
}

Test(funcs, numbers)
{
    EQ("abs(-12.4)", "12.4");
    EQ("abs(0)", "0");
    EQ("ceil(5.1)", "6");
    EQ("ceil(5)", "5");
    EQ("floor(4.9)", "4");
    EQ("floor(-4.1)", "-5");
    EQ("log(16, 2)", "4");
    EQ("log(50, 10) > 1.698", "true");
    EQ("pow(3, 2)", "9");
    EQ("pow(4, 0)", "1");
    EQ("signum(-13)", "-1");
    EQ("signum(0)", "0");
    EQ("signum(344)", "1");
    EQ("max(12, 54, 3)", "54");
    EQ("min(12, 54, 3)", "3");
    EQ("parseint(\"100\", 10)", "100");
    EQ("parseint(\"FF\", 16)", "255");
    EQ("parseint(\"-10\", 16)", "-16");
    EQ("parseint(\"11111111\", 2)", "255");
    EQ("parseint(\"aA\", 62)", "656");
    ERR("parseint(\"12\", 2)", "cannot parse");
    EQ("parseint(\"ffffffffffffffffffffffff\", 16)", "79228162514264337593543950335");
}

Test(funcs, conversions)
{
    EQ("tonumber(\"1\")", "1");
    EQ("tonumber(\"1.5e2\")", "150");
    EQ("tonumber(null)", "null");
    ERR("tonumber(\"no\")", "cannot convert");
    EQ("tostring(1)", "\"1\"");
    EQ("tostring(true)", "\"true\"");
    EQ("tostring(null)", "null");
    ERR("tostring([])", "cannot convert");
    EQ("tobool(\"true\")", "true");
    ERR("tobool(\"no\")", "cannot convert");
    EQ("tolist([\"a\", \"b\", 3])", "[\"a\",\"b\",\"3\"]");
    EQ("tomap({a = 1, b = \"x\"})", "{\"a\":\"1\",\"b\":\"x\"}");
    EQ("sensitive(\"x\")", "\"x\"");
    EQ("nonsensitive(\"x\")", "\"x\"");
}

Test(funcs, encoding_and_hashes)
{
    EQ("jsonencode({hello = \"world\"})", "\"{\\\"hello\\\":\\\"world\\\"}\"");
    EQ("jsonencode([1, 1.5, true, null, \"<\"])", "\"[1,1.5,true,null,\\\"\\\\u003c\\\"]\"");
    EQ("jsondecode(\"{\\\"hello\\\": \\\"world\\\"}\")", "{\"hello\":\"world\"}");
    EQ("jsondecode(\"true\")", "true");
    EQ("jsondecode(\"[1, 2.5, \\\"\\\\u00e9\\\"]\")", "[1,2.5,\"é\"]");
    ERR("jsondecode(\"{\")", "Invalid value for \"str\" parameter");
    EQ("base64encode(\"Hello World\")", "\"SGVsbG8gV29ybGQ=\"");
    EQ("base64decode(\"SGVsbG8gV29ybGQ=\")", "\"Hello World\"");
    ERR("base64decode(\"/w==\")", "not valid UTF-8");
    EQ("urlencode(\"Hello World!\")", "\"Hello+World%21\"");
    EQ("urlencode(\"☃\")", "\"%E2%98%83\"");
    EQ("md5(\"abc\")", "\"900150983cd24fb0d6963f7d28e17f72\"");
    EQ("sha1(\"abc\")", "\"a9993e364706816aba3e25717850c26c9cd0d89d\"");
    EQ("sha256(\"abc\")", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
    EQ("sha512(\"abc\")",
       "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
       "454d4423643ce80e2a9ac94fa54ca49f\"");
    EQ("base64sha256(\"hello world\")", "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\"");
    EQ("md5(\"\")", "\"d41d8cd98f00b204e9800998ecf8427e\"");
    EQ("base64sha512(\"hello world\")",
       "\"MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==\"");
    /* the file* digests hash the file's bytes (python3 hashlib of "# Title\n\nBody.\n") */
    EQ("filemd5(\"./docs/doc.md\")", "\"01cfbade2862fef6d32134343ddc0557\"");
    EQ("filesha1(\"./docs/doc.md\")", "\"7a3d067ac990656a2584feda7221cc7d8e25fb7e\"");
    EQ("filesha256(\"./docs/doc.md\")",
       "\"22e4e5179a8a13b1b016a3bc9ab6e1c6e1c2eb9fc0215785ba75323fb5b4addc\"");
    EQ("filesha512(\"./docs/doc.md\")",
       "\"f8474c00743421abb386b33b6de3ddfd86ea3f502b10456cbee3f11c6aae584789bbb9772c1898b05910d082c311fbd"
       "2753861fbcbf46499f9284be823ce1fba\"");
    EQ("filebase64sha256(\"./docs/doc.md\")", "\"IuTlF5qKE7GwFqO8mrbhxuHC65/AIVeFunUyP7W0rdw=\"");
    EQ("filebase64sha512(\"./docs/doc.md\")",
       "\"+EdMAHQ0IauzhrM7bePd/YbqP1ArEEVsvuPxHGquWEeJu7l3LBiYsFkQ0ILDEfvSdThh+8v0ZJn5KEvoI84fug==\"");
    EQ("filemd5(\"bin.dat\")", "\"f3b25701fe362ec84616a93a45ce9998\"");
    ERR("filesha1(\"./docs/missing.md\")", "no such file");
}

Test(funcs, try_can_env_paths)
{
    EQ("try(tonumber(\"x\"), 5)", "5");
    EQ("try(1, 2)", "1");
    ERR("try(tonumber(\"x\"), tonumber(\"y\"))", "no expression succeeded");
    EQ("can(tonumber(\"x\"))", "false");
    EQ("can(tonumber(\"1\"))", "true");
    EQ("env(\"LP_FUNC_TEST\")", "\"set\"");
    EQ("env(\"LP_FUNC_UNSET\")", "\"\"");
    EQ("basename(\"foo/bar/baz.txt\")", "\"baz.txt\"");
    EQ("dirname(\"foo/bar/baz.txt\")", "\"foo/bar\"");
    EQ("dirname(\"baz.txt\")", "\".\"");
}

Test(funcs, table_is_sorted_and_complete)
{
    size_t n;
    const fn_def *t = fn_table(&n);
    for (size_t i = 1; i < n; i++) cr_expect(strcmp(t[i - 1].name, t[i].name) < 0, "%s", t[i].name);
    /* the four the corpora call (HCL_SYNTAX.md §12) and the §13 list the brief asks for */
    const char *want[] = { "merge",
                           "file",
                           "replace",
                           "contains",
                           "format",
                           "formatlist",
                           "join",
                           "split",
                           "lower",
                           "upper",
                           "title",
                           "trim",
                           "trimprefix",
                           "trimsuffix",
                           "trimspace",
                           "chomp",
                           "indent",
                           "strrev",
                           "substr",
                           "startswith",
                           "endswith",
                           "strcontains",
                           "regex",
                           "regexall",
                           "concat",
                           "length",
                           "lookup",
                           "element",
                           "index",
                           "keys",
                           "values",
                           "coalesce",
                           "coalescelist",
                           "compact",
                           "distinct",
                           "flatten",
                           "reverse",
                           "slice",
                           "sort",
                           "range",
                           "zipmap",
                           "setunion",
                           "setintersection",
                           "setsubtract",
                           "setproduct",
                           "chunklist",
                           "transpose",
                           "alltrue",
                           "anytrue",
                           "one",
                           "sum",
                           "min",
                           "max",
                           "abs",
                           "ceil",
                           "floor",
                           "log",
                           "pow",
                           "signum",
                           "parseint",
                           "tonumber",
                           "tostring",
                           "tobool",
                           "tolist",
                           "tomap",
                           "toset",
                           "jsonencode",
                           "jsondecode",
                           "base64encode",
                           "base64decode",
                           "urlencode",
                           "md5",
                           "sha1",
                           "sha256",
                           "sha512",
                           "try",
                           "can",
                           "fileexists",
                           "env" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_expect(fn_lookup(want[i], strlen(want[i])) != NULL, "missing %s", want[i]);
    cr_expect(fn_lookup("timestamp", 9) == NULL);
}

/* PCRE2's memory goes through the library's counting layer: each regex call
 * allocates and frees its five PCRE2 objects there (and nothing stays live). */
Test(funcs, regex_memory_is_counted)
{
    EQ("regex(\"[a-z]+\", \"123abc\")", "\"abc\"");   /* warm the arena */
    lp_alloc_stats a, b;
    lp_alloc_stats_get(&a);
    EQ("regex(\"[a-z]+\", \"123abc\")", "\"abc\"");
    lp_alloc_stats_get(&b);
    cr_expect_geq(b.frees - a.frees, 5, "PCRE2 blocks freed through mem_free: %llu",
                  (unsigned long long)(b.frees - a.frees));
    cr_expect_eq(b.calls - a.calls, b.frees - a.frees, "every counted PCRE2 block is freed");
}

/* Expected values from Terraform's docs and its funcs tests
 * (internal/lang/funcs/collection_test.go, encoding_test.go) and cty's
 * stdlib csv_test.go. */
Test(funcs, matchkeys_and_text_encodings)
{
    EQ("matchkeys([\"i-123\", \"i-abc\", \"i-def\"], [\"us-west\", \"us-east\", \"us-east\"], [\"us-east\"])",
       "[\"i-abc\",\"i-def\"]");
    EQ("matchkeys([\"a\", \"b\", \"c\"], [\"ref1\", \"ref2\", \"ref3\"], [\"ref1\", \"ref3\"])",
       "[\"a\",\"c\"]");
    EQ("matchkeys([\"a\", \"b\", \"c\"], [\"ref1\", \"ref2\", \"ref3\"], [\"ref4\"])", "[]");
    EQ("matchkeys([\"a\"], [1], [\"1\"])", "[\"a\"]");
    ERR("matchkeys([\"a\", \"b\"], [\"ref1\"], [\"ref1\"])", "length of keys and values should be equal");
    EQ("textencodebase64(\"Hello World\", \"UTF-16LE\")", "\"SABlAGwAbABvACAAVwBvAHIAbABkAA==\"");
    EQ("textencodebase64(\"abc123!?$*&()'-=@~\", \"UTF-8\")", "\"YWJjMTIzIT8kKiYoKSctPUB+\"");
    EQ("textencodebase64(\"abc123!?$*&()'-=@~\", \"UTF-16LE\")",
       "\"YQBiAGMAMQAyADMAIQA/ACQAKgAmACgAKQAnAC0APQBAAH4A\"");
    EQ("textencodebase64(\"abc123!?$*&()'-=@~\", \"Shift_JIS\")", "\"YWJjMTIzIT8kKiYoKSctPUB+\"");
    ERR("textencodebase64(\"🤔\", \"cp437\")", "contains characters that cannot be represented in");
    ERR("textencodebase64(\"x\", \"NOT-EXISTS\")",
        "\"NOT-EXISTS\" is not a supported IANA encoding name or alias in this Terraform version");
    EQ("textdecodebase64(\"SABlAGwAbABvACAAVwBvAHIAbABkAA==\", \"UTF-16LE\")", "\"Hello World\"");
    EQ("textdecodebase64(\"YWJjMTIzIT8kKiYoKSctPUB+\", \"UTF-8\")", "\"abc123!?$*\\u0026()'-=@~\"");
    ERR("textdecodebase64(\"<invalid base64>\", \"cp437\")", "invalid base64 symbol at offset 0");
    ERR("textdecodebase64(\"gQ==\", \"windows-1250\")", "contains symbols that are not defined for");
    ERR("textdecodebase64(\"x\", \"NOT-EXISTS\")", "is not a supported IANA encoding name");
    EQ("base64gzip(\"test\")", "\"H4sIAAAAAAAA/ypJLS4BAAAA//8BAAD//wx+f9gEAAAA\"");
    EQ("base64gzip(\"helloworld\")", "\"H4sIAAAAAAAA/8pIzcnJL88vykkBAAAA//8BAAD//60g6/kKAAAA\"");
}

Test(funcs, csvdecode)
{
    EQ("csvdecode(\"a,b,c\\n1,2,3\\n4,5,6\")",
       "[{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},{\"a\":\"4\",\"b\":\"5\",\"c\":\"6\"}]");
    EQ("csvdecode(\"a,b\\n\\\"x,\\\"\\\"y\\\"\\\"\\\",z\\r\\n\")", "[{\"a\":\"x,\\\"y\\\"\",\"b\":\"z\"}]");
    EQ("csvdecode(\"a,b\\n\")", "[]");
    /* a field's end: CR LF, a quoted field at the end of the text, a lone CR at the end */
    EQ("csvdecode(\"a,b\\r\\n1,\\\"2\\\"\")", "[{\"a\":\"1\",\"b\":\"2\"}]");
    EQ("csvdecode(\"a\\r\\n1\\r\")", "[{\"a\":\"1\"}]");
    ERR("csvdecode(\"\")", "missing header line");
    ERR("csvdecode(\"a,b,c\\n1,2\")", "CSV parse error on line 2: wrong number of fields");
    ERR("csvdecode(\"a,b\\n1,2\\n\\n3\")", "CSV parse error on line 4: wrong number of fields");
    ERR("csvdecode(\"a,b\\n1,x\\\"y\")", "CSV parse error on line 2: bare \" in non-quoted-field");
    ERR("csvdecode(\"a,b\\n\\\"1\\\"x,2\")",
        "CSV parse error on line 2: extraneous or missing \" in quoted-field");
    ERR("csvdecode(\"a,a\\n1,2\")", "duplicate column name \"a\"");
}

/* formatdate: cty's stdlib/datetime_test.go (its timestamp is
 * 2006-01-02T15:04:05Z) and Terraform's formatdate docs; timeadd and timecmp:
 * Terraform's docs and internal/lang/funcs/datetime_test.go. */
#define TS "\"2006-01-02T15:04:05Z\""
Test(funcs, time)
{
    EQ("formatdate(\"\", " TS ")", "\"\"");
    EQ("formatdate(\"YYYY-MM-DD\", " TS ")", "\"2006-01-02\"");
    EQ("formatdate(\"EEE, MMM D ''YY\", " TS ")", "\"Mon, Jan 2 '06\"");
    EQ("formatdate(\"hh:mm:ss\", " TS ")", "\"15:04:05\"");
    EQ("formatdate(\"H 'o''clock' AA\", " TS ")", "\"3 o'clock PM\"");
    EQ("formatdate(\"H 'o''clock'\", " TS ")", "\"3 o'clock\"");
    EQ("formatdate(\"hh:mm:ssZZZZ\", " TS ")", "\"15:04:05+0000\"");
    EQ("formatdate(\"hh:mm:ssZZZZZ\", " TS ")", "\"15:04:05+00:00\"");
    EQ("formatdate(\"MMMM\", " TS ")", "\"January\"");
    EQ("formatdate(\"EEEE\", " TS ")", "\"Monday\"");
    EQ("formatdate(\"aa\", " TS ")", "\"pm\"");
    EQ("formatdate(\"YYYY-MM-DD'T'hh:mm:ssZ\", " TS ")", "\"2006-01-02T15:04:05Z\"");
    EQ("formatdate(\"DD MMM YYYY hh:mm ZZZ\", " TS ")", "\"02 Jan 2006 15:04 UTC\"");
    EQ("formatdate(\"EEEE, DD-MMM-YY hh:mm:ss ZZZ\", " TS ")", "\"Monday, 02-Jan-06 15:04:05 UTC\"");
    ERR("formatdate(\"Y\", " TS ")",
        "invalid date format verb \"Y\": year must either be \"YY\" or \"YYYY\"");
    ERR("formatdate(\"YYYYY\", " TS ")",
        "invalid date format verb \"YYYYY\": year must either be \"YY\" or \"YYYY\"");
    /* the numeric verbs, one or two letters (numeric_verb) */
    EQ("formatdate(\"D/h/m/s HH\", " TS ")", "\"2/15/4/5 03\"");
    ERR("formatdate(\"DDD\", " TS ")",
        "invalid date format verb \"DDD\": day of month must either be \"D\" or \"DD\"");
    ERR("formatdate(\"hhh\", " TS ")",
        "invalid date format verb \"hhh\": 24-hour must either be \"h\" or \"hh\"");
    ERR("formatdate(\"HHH\", " TS ")",
        "invalid date format verb \"HHH\": 12-hour must either be \"H\" or \"HH\"");
    ERR("formatdate(\"mmm\", " TS ")",
        "invalid date format verb \"mmm\": minute must either be \"m\" or \"mm\"");
    ERR("formatdate(\"ssss\", " TS ")",
        "invalid date format verb \"ssss\": second must either be \"s\" or \"ss\"");
    ERR("formatdate(\"A\", " TS ")", "invalid date format verb \"A\": must be \"AA\"");
    ERR("formatdate(\"a\", " TS ")", "invalid date format verb \"a\": must be \"aa\"");
    ERR("formatdate(\"'blah blah\", " TS ")", "unterminated literal '");
    ERR("formatdate(\"'\", " TS ")", "unterminated literal '");
    EQ("formatdate(\"DD MMM YYYY hh:mm ZZZ\", \"2018-01-02T23:12:01Z\")", "\"02 Jan 2018 23:12 UTC\"");
    EQ("formatdate(\"EEEE, DD-MMM-YY hh:mm:ss ZZZ\", \"2018-01-02T23:12:01Z\")",
       "\"Tuesday, 02-Jan-18 23:12:01 UTC\"");
    EQ("formatdate(\"EEE, DD MMM YYYY hh:mm:ss ZZZ\", \"2018-01-02T23:12:01-08:00\")",
       "\"Tue, 02 Jan 2018 23:12:01 -0800\"");
    EQ("formatdate(\"MMM DD, YYYY\", \"2018-01-02T23:12:01Z\")", "\"Jan 02, 2018\"");
    EQ("formatdate(\"HH:mmaa\", \"2018-01-02T23:12:01Z\")", "\"11:12pm\"");
    /* parse errors, as cty rewords Go's */
    ERR("formatdate(\"\", \"\")", "not a valid RFC3339 timestamp: end of string before year");
    ERR("formatdate(\"\", \"2017-01-02\")",
        "not a valid RFC3339 timestamp: missing required time introducer 'T'");
    ERR("formatdate(\"\", \"2017-12-02t00:00:00Z\")", "missing required time introducer 'T'");
    ERR("formatdate(\"\", \"2017:01:02\")",
        "not a valid RFC3339 timestamp: found \":01:02\" where \"-\" is expected");
    ERR("formatdate(\"\", \"2017\")", "not a valid RFC3339 timestamp: end of string where \"-\" is expected");
    ERR("formatdate(\"\", \"2017-01-02T\")", "not a valid RFC3339 timestamp: end of string before hour");
    ERR("formatdate(\"\", \"2017-01-02T00\")",
        "not a valid RFC3339 timestamp: end of string where \":\" is expected");
    ERR("formatdate(\"\", \"2017-01-02T00:00:00\")",
        "not a valid RFC3339 timestamp: end of string before UTC offset");
    ERR("formatdate(\"\", \"2017-01-02T26:00:00Z\")",
        "not a valid RFC3339 timestamp: cannot use \":00:00Z\" as hour");
    ERR("formatdate(\"\", \"2017-13-02T00:00:00Z\")",
        "not a valid RFC3339 timestamp: cannot use \"-02T00:00:00Z\" as month");
    ERR("formatdate(\"\", \"2017-02-31T00:00:00Z\")", "not a valid RFC3339 timestamp: day out of range");
    ERR("formatdate(\"\", \"\\\"2017-12-02T00:00:00Z\\\"\")",
        "not a valid RFC3339 timestamp: cannot use \"\\\"2017-12-02T00:00:00Z\\\"\" as year");
    ERR("formatdate(\"\", \"2-12-02T00:00:00Z\")",
        "not a valid RFC3339 timestamp: cannot use \"-02T00:00:00Z\" as year");

    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"10m\")", "\"2017-11-22T00:10:00Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"1s\")", "\"2017-11-22T00:00:01Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"10m1s\")", "\"2017-11-22T00:10:01Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"-1h\")", "\"2017-11-21T23:00:00Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"-1h30m\")", "\"2017-11-21T22:30:00Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00Z\", \"1.5h\")", "\"2017-11-22T01:30:00Z\"");
    EQ("timeadd(\"2017-11-22T00:00:00+05:30\", \"1h\")", "\"2017-11-22T01:00:00+05:30\"");
    EQ("timeadd(\"2016-02-28T23:00:00Z\", \"2h\")", "\"2016-02-29T01:00:00Z\"");
    ERR("timeadd(\"2017-11-22 00:00:00Z\", \"1s\")", "missing required time introducer 'T'");
    ERR("timeadd(\"2017-11-22T00:00:00Z\", \"1\")", "time: missing unit in duration \"1\"");
    ERR("timeadd(\"2017-11-22T00:00:00Z\", \"1d\")", "time: unknown unit \"d\" in duration \"1d\"");
    ERR("timeadd(\"2017-11-22T00:00:00Z\", \"\")", "time: invalid duration \"\"");

    EQ("timecmp(\"2017-11-22T00:00:00Z\", \"2017-11-22T00:00:00Z\")", "0");
    EQ("timecmp(\"2017-11-22T00:00:00Z\", \"2017-11-22T01:00:00Z\")", "-1");
    EQ("timecmp(\"2017-11-22T01:00:00Z\", \"2017-11-22T00:00:00Z\")", "1");
    EQ("timecmp(\"2017-11-22T01:00:00Z\", \"2017-11-22T00:00:00-01:00\")", "0");
    ERR("timecmp(\"2017-11-22T01:00:00Z\", \"bloop\")",
        "Invalid value for \"timestamp_b\" parameter: not a valid RFC3339 timestamp");
}
#undef TS

/* Terraform's cidrhost/cidrnetmask/cidrsubnet/cidrsubnets docs and
 * internal/lang/funcs/cidr_test.go. */
Test(funcs, network)
{
    EQ("cidrhost(\"10.12.112.0/20\", 16)", "\"10.12.112.16\"");
    EQ("cidrhost(\"10.12.112.0/20\", 268)", "\"10.12.113.12\"");
    EQ("cidrhost(\"fd00:fd12:3456:7890:00a2::/72\", 34)", "\"fd00:fd12:3456:7890::22\"");
    EQ("cidrhost(\"192.168.1.0/24\", 5)", "\"192.168.1.5\"");
    EQ("cidrhost(\"192.168.1.0/24\", -5)", "\"192.168.1.251\"");
    EQ("cidrhost(\"192.168.1.0/24\", -256)", "\"192.168.1.0\"");
    EQ("cidrhost(\"010.001.0.0/24\", 6)", "\"10.1.0.6\"");
    ERR("cidrhost(\"192.168.1.0/30\", 255)", "prefix of 30 does not accommodate a host numbered 255");
    ERR("cidrhost(\"1.2.3.4\", 1)", "invalid CIDR expression: invalid CIDR address: 1.2.3.4");
    ERR("cidrhost(\"not-a-cidr\", 6)", "invalid CIDR expression");
    ERR("cidrhost(\"10.256.0.0/8\", 6)", "invalid CIDR expression");
    EQ("cidrnetmask(\"172.16.0.0/12\")", "\"255.240.0.0\"");
    EQ("cidrnetmask(\"192.168.1.0/24\")", "\"255.255.255.0\"");
    EQ("cidrnetmask(\"0.0.0.0/0\")", "\"0.0.0.0\"");
    ERR("cidrnetmask(\"1.2.3.4\")", "invalid CIDR expression");
    ERR("cidrnetmask(\"::/1\")", "IPv6 addresses cannot have a netmask: ::/1");
    EQ("cidrsubnet(\"172.16.0.0/12\", 4, 2)", "\"172.18.0.0/16\"");
    EQ("cidrsubnet(\"10.1.2.0/24\", 4, 15)", "\"10.1.2.240/28\"");
    EQ("cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162)", "\"fd00:fd12:3456:7800:a200::/72\"");
    EQ("cidrsubnet(\"192.168.2.0/20\", 4, 6)", "\"192.168.6.0/24\"");
    EQ("cidrsubnet(\"fe80::/48\", 16, 6)", "\"fe80:0:0:6::/64\"");
    ERR("cidrsubnet(\"192.168.2.0/20\", 13, 0)", "insufficient address space to extend prefix of 20 by 13");
    ERR("cidrsubnet(\"192.168.0.0/30\", 1, 2)",
        "prefix extension of 1 does not accommodate a subnet numbered 2");
    ERR("cidrsubnet(\"10.256.0.0/8\", 8, 2)", "invalid CIDR expression");
    EQ("cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)",
       "[\"10.1.0.0/20\",\"10.1.16.0/20\",\"10.1.32.0/24\",\"10.1.48.0/20\"]");
    EQ("cidrsubnets(\"fd00:fd12:3456:7890::/56\", 16, 16, 16, 32)",
       "[\"fd00:fd12:3456:7800::/72\",\"fd00:fd12:3456:7800:100::/72\",\"fd00:fd12:3456:7800:200::/"
       "72\",\"fd00:fd12:3456:7800:300::/88\"]");
    EQ("cidrsubnets(\"10.0.0.0/8\")", "[]");
    ERR("cidrsubnets(\"10.0.0.0/30\", 1, 1, 1)",
        "not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31");
    ERR("cidrsubnets(\"10.0.0.0/8\", 1, 0)", "must extend prefix by at least one bit");
    ERR("cidrsubnets(\"10.0.0.0/8\", 1, 25)",
        "would extend prefix to 33 bits, which is too long for an IPv4 address");
    ERR("cidrsubnets(\"10.0.0.0/8\", 1, 33)", "may not extend prefix by more than 32 bits");
    /* hcl's FunctionCallExpr converts every argument to its parameter's type, in order, and calls
     * the function only when all converted: a type error comes before the function's own checks */
    ERR("cidrsubnets(\"abc\", \"x\")", "Invalid value for \"newbits\" parameter: a number is required");
    ERR("cidrsubnets(\"abc\", 1.5)", "invalid CIDR address: abc");
    ERR("cidrhost([1], \"x\")", "Invalid value for \"prefix\" parameter: string required");
    ERR("join(\",\", [null], \"x\")",
        "Invalid value for \"lists\" parameter: list of any single type required");
}

/* yamlencode: go-cty-yaml's encode_test.go and Terraform's yamlencode docs. */
Test(funcs, yamlencode)
{
    EQ("yamlencode(true)", "\"true\\n...\\n\"");
    EQ("yamlencode(\"\")", "\"\\\"\\\"\\n\"");
    EQ("yamlencode(\"hello\")", "\"\\\"hello\\\"\\n\"");
    EQ("yamlencode(0)", "\"0\\n...\\n\"");
    EQ("yamlencode({})", "\"{}\\n\"");
    EQ("yamlencode({a = \"b\"})", "\"\\\"a\\\": \\\"b\\\"\\n\"");
    EQ("yamlencode([])", "\"[]\\n\"");
    EQ("yamlencode([\"b\"])", "\"- \\\"b\\\"\\n\"");
    EQ("yamlencode(null)", "\"null\\n...\\n\"");
    EQ("yamlencode({\"a\":\"b\", \"c\":\"d\"})", "\"\\\"a\\\": \\\"b\\\"\\n\\\"c\\\": \\\"d\\\"\\n\"");
    EQ("yamlencode({\"foo\":[1, 2, 3], \"bar\": \"baz\"})",
       "\"\\\"bar\\\": \\\"baz\\\"\\n\\\"foo\\\":\\n- 1\\n- 2\\n- 3\\n\"");
    EQ("yamlencode({\"foo\":[1, {\"a\":\"b\",\"c\":\"d\"}, 3], \"bar\": \"baz\"})",
       "\"\\\"bar\\\": \\\"baz\\\"\\n\\\"foo\\\":\\n- 1\\n- \\\"a\\\": \\\"b\\\"\\n  \\\"c\\\": "
       "\\\"d\\\"\\n- 3\\n\"");
}

/* Multi-line strings: go-cty-yaml asks for the literal style; the chomping
 * indicator follows the YAML spec (clip "|", strip "|-", keep "|+"). */
Test(funcs, yamlencode_multiline)
{
    EQ("yamlencode({a = \"x\\ny\\n\"})", "\"\\\"a\\\": |\\n  x\\n  y\\n\"");
    EQ("yamlencode({a = \"x\\ny\"})", "\"\\\"a\\\": |-\\n  x\\n  y\\n\"");
    EQ("yamlencode(1.5)", "\"1.5\\n...\\n\"");
}

/* yamldecode: Terraform's yamldecode docs, go-cty-yaml's cty_funcs_test.go and
 * decode_test.go, and its resolve.go rules (quoted scalars stay strings, "_"
 * in numbers, 0b integers, YAML timestamps become RFC 3339 strings). */
Test(funcs, yamldecode)
{
    EQ("yamldecode(\"hello: world\")", "{\"hello\":\"world\"}");
    EQ("yamldecode(\"true\")", "true");
    EQ("yamldecode(\"{a: &foo [1, 2, 3], b: *foo}\")", "{\"a\":[1,2,3],\"b\":[1,2,3]}");
    ERR("yamldecode(\"{a: &foo [1, *foo, 3]}\")",
        "cannot refer to anchor \"foo\" from inside its own definition");
    ERR("yamldecode(\"{a: [2, *foo, 3]}\")", "reference to undefined anchor \"foo\"");
    EQ("yamldecode(\"- 1\\n- 2\")", "[1,2]");
    EQ("yamldecode(\"\")", "null");
    EQ("yamldecode(\"~\")", "null");
    EQ("yamldecode(\"\\\"true\\\"\")", "\"true\"");
    EQ("yamldecode(\"'1'\")", "\"1\"");
    EQ("yamldecode(\"a: 1_000\")", "{\"a\":1000}");
    EQ("yamldecode(\"a: 0b101\")", "{\"a\":5}");
    EQ("yamldecode(\"a: !!int 0x1F\")", "{\"a\":31}");
    EQ("yamldecode(\"a: 0x1F\")", "{\"a\":\"0x1F\"}");
    EQ("yamldecode(\"a: yes\")", "{\"a\":true}");
    EQ("yamldecode(\"a: 1.5e3\")", "{\"a\":1500}");
    EQ("yamldecode(\"a: 2001-12-14\")", "{\"a\":\"2001-12-14T00:00:00Z\"}");
    EQ("yamldecode(\"a: 2001-12-14t21:59:43.10-05:00\")", "{\"a\":\"2001-12-14T21:59:43-05:00\"}");
    EQ("yamldecode(\"a: !!str 2001-12-14\")", "{\"a\":\"2001-12-14\"}");
    EQ("yamldecode(\"base: &b {p: 1, q: 2}\\nderived:\\n  <<: *b\\n  q: 3\")",
       "{\"base\":{\"p\":1,\"q\":2},\"derived\":{\"p\":1,\"q\":3}}");
    /* YAML 1.1 booleans resolve before a key becomes a string */
    EQ("yamldecode(\"y: 1\")", "{\"true\":1}");
    ERR("yamldecode(\"a: .nan\")", "floating point NaN is not supported");
    ERR("yamldecode(\"a: !!foo x\")", "unsupported tag \"tag:yaml.org,2002:foo\"");
    /* the implicit end of the first document comes first */
    ERR("yamldecode(\"a: 1\\n---\\nb: 2\")", "unexpected extra content after value");
    ERR("yamldecode(\"? [1]\\n: 2\")", "only strings are allowed as mapping keys");
    ERR("yamldecode(\"a: b: c\")", "mapping values are not allowed in this context");
}

/* uuidv5: Terraform's uuidv5 docs (RFC 4122 name-based UUIDs). */
Test(funcs, uuidv5)
{
    EQ("uuidv5(\"dns\", \"www.terraform.io\")", "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\"");
    EQ("uuidv5(\"url\", \"https://www.terraform.io/\")", "\"9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5\"");
    EQ("uuidv5(\"oid\", \"1.3.6.1.4\")", "\"af9d40a5-7a36-5c07-b23a-851cd99fbfa5\"");
    EQ("uuidv5(\"x500\", \"CN=Example,C=GB\")", "\"84e09961-4aa4-57f8-95b7-03edb1073253\"");
    EQ("uuidv5(\"6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"www.terraform.io\")",
       "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\"");
    ERR("uuidv5(\"tada\", \"www.terraform.io\")", "uuidv5() doesn't support namespace tada");
}

/* Powerpipe's whole function table: the keys of the map ContextFunctions returns, in
 * turbot/pipe-fittings funcs/context_functions.go at commit dd8db75bcbf526463469ed4ab76767cebdd6c019
 * (develop, 2024-10-22; Powerpipe 1.5 pins pipe-fittings/v2 v2.9.1, whose table this is not checked
 * against), copied in the Go file's order.  Every name must resolve here but the ones in
 * NOT_PROVIDED (funcs.c's header says why), which must not: a change either way fails. */
static const char *const POWERPIPE_FUNCS[] = {
    "abs", "abspath", "alltrue", "anytrue", "basename", "base64decode", "base64encode", "base64gzip",
    "base64sha256", "base64sha512", "bcrypt", "can", "ceil", "chomp", "cidrhost", "cidrnetmask",
    "cidrsubnet", "cidrsubnets", "coalesce", "coalescelist", "compact", "concat", "contains", "csvdecode",
    "dirname", "distinct", "element", "endswith", "chunklist", "file", "fileexists", "fileset", "filebase64",
    "filebase64sha256", "filebase64sha512", "filemd5", "filesha1", "filesha256", "filesha512", "flatten",
    "floor", "format", "formatdate", "formatlist", "indent", "index", "join", "jsondecode", "jsonencode",
    "keys", "length", "list", "log", "lookup", "lower", "map", "matchkeys", "max", "md5", "merge", "min",
    "one", "parseint", "pathexpand", "pow", "range", "regex", "regexall", "replace", "reverse",
    "rsadecrypt", "sensitive", "nonsensitive", "setintersection", "setproduct", "setsubtract", "setunion",
    "sha1", "sha256", "sha512", "signum", "slice", "sort", "split", "startswith", "strcontains", "strrev",
    "substr", "sum", "textdecodebase64", "textencodebase64", "timestamp", "timeadd", "timecmp", "title",
    "tostring", "tonumber", "tobool", "toset", "tolist", "tomap", "transpose", "trim", "trimprefix",
    "trimspace", "trimsuffix", "try", "upper", "urlencode", "uuid", "uuidv5", "values", "yamldecode",
    "yamlencode", "zipmap", "is_error", "error_message", "env",
};
static const char *const NOT_PROVIDED[] = { "abspath", "bcrypt", "fileset", "pathexpand", "rsadecrypt",
                                            "timestamp", "uuid" };

Test(funcs, powerpipe_table)
{
    size_t npp = sizeof POWERPIPE_FUNCS / sizeof POWERPIPE_FUNCS[0], nours;
    cr_expect_eq(npp, 118, "the Go table has 118 entries");
    fn_table(&nours);
    size_t found = 0;
    for (size_t i = 0; i < npp; i++) {
        const char *f = POWERPIPE_FUNCS[i];
        int excluded = 0;
        for (size_t k = 0; k < sizeof NOT_PROVIDED / sizeof NOT_PROVIDED[0]; k++)
            excluded |= strcmp(NOT_PROVIDED[k], f) == 0;
        int here = fn_lookup(f, strlen(f)) != NULL;
        cr_expect_eq(here, !excluded, "%s: %s", f, here ? "provided but listed as not" : "missing");
        found += here;
    }
    /* and nothing beyond Powerpipe's table */
    cr_expect_eq(nours, found, "lazypipe has %zu functions, %zu of them Powerpipe's", nours, found);
}

/* list() and map() fail whatever they are given (terraform-components lang/funcs/collection.go
 * ListFunc, MapFunc: the Type function returns the error), as an "Error in function call"
 * (hcl FunctionCallExpr: a non-argument error); in a conditional only the taken branch's error
 * counts (hcl ConditionalExpr). */
Test(funcs, list_and_map_are_registered_and_fail)
{
    const char *lmsg = "Call to function \"list\" failed: the \"list\" function was deprecated in "
                       "Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a "
                       "literal list.";
    const char *mmsg = "Call to function \"map\" failed: the \"map\" function was deprecated in Terraform "
                       "v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map.";
    ERR("list([])", lmsg);
    ERR("list()", lmsg);
    ERR("list(\"a\", \"b\")", lmsg);
    ERR("list(null)", lmsg);
    ERR("map(\"k\", \"v\")", mmsg);
    ERR("map()", mmsg);
    ERR("false ? [1] : list([])", "Error in function call");
    EQ("true ? [\"a\"] : list([])", "[\"a\"]");
    EQ("concat(true ? [\"a\"] : list([]), false ? list([]) : [\"b\"])", "[\"a\",\"b\"]");
    EQ("length(true ? {k = 1} : map())", "1");
    EQ("can(list([]))", "false");
}

/* is_error and error_message (pipe-fittings funcs/is_error.go, error_message.go): a step's
 * value with a non-empty `errors` list is an error; the message is the first error's
 * error.detail, "" when there is none. */
Test(funcs, is_error_and_error_message)
{
    EQ("is_error({errors = [{error = {detail = \"boom\"}}]})", "true");
    EQ("is_error({errors = []})", "false");
    EQ("is_error({errors = null})", "false");
    EQ("is_error({output = 1})", "false");
    EQ("is_error(null)", "false");
    EQ("is_error(\"text\")", "false");
    EQ("is_error([1])", "false");
    EQ("is_error(tomap({errors = {a = 1}}))", "true");
    ERR("is_error({errors = \"x\"})", "panic in function implementation");
    EQ("error_message({errors = [{error = {detail = \"boom\"}}, {error = {detail = \"2nd\"}}]})", "\"boom\"");
    EQ("error_message({errors = []})", "\"\"");
    EQ("error_message({output = 1})", "\"\"");
    EQ("error_message({errors = [{other = 1}]})", "\"\"");
    EQ("error_message({errors = [{error = null}]})", "\"\"");
    EQ("error_message({})", "\"\"");
    EQ("error_message([])", "\"\"");
    ERR("error_message(null)", "panic in function implementation");
    ERR("error_message(\"text\")", "panic in function implementation");
    ERR("error_message({errors = [{error = {code = 1}}]})", "does not conform");
}
