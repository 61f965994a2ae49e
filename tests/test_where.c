/* test_where.c — the --where clause (src/run/where.c): parsed by pipe-fittings' filter grammar
 * (filter/filter.peg) and judged by resource_filter.go's single-comparison predicate.  Each
 * case gives a clause, the column Powerpipe takes (CodeNode.Value of the first value: unquoted
 * identifiers lower-cased, '' and "" unescaped), and field texts that pass or fail; or the
 * error Powerpipe gives.  Expected values are read off the grammar and the Go source, not
 * off lazypipe. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "run/where.h"

/* the cases leave out what they do not need */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

typedef struct where_case {
    const char *clause;
    const char *column;             /* NULL: an error */
    const char *pass[4];            /* field texts that match */
    const char *fail[4];            /* and that do not */
    const char *error;              /* the error's start */
} where_case;

static const where_case CASES[] = {
    /* each operator of evaluate() */
    { "name = 'c1'", "name", { "c1" }, { "c2", "C1", "" } },
    { "name != 'c1'", "name", { "c2", "" }, { "c1" } },
    { "title like 'Con%'", "title", { "Control 1", "Con" }, { "control 1", "xCon" } },
    { "title ~~ 'x'", NULL, { 0 }, { 0 }, "failed to parse 'where' property: " },   /* not in the grammar */
    { "title not like 'Con%'", "title", { "control" }, { "Con 2" } },
    { "title ilike 'con_rol%'", "title", { "CONTROL 2", "conXrol" }, { "conrol" } },
    { "title NOT ILIKE 'con%'", "title", { "x" }, { "CON" } },
    { "title notlike 'a%'", "title", { "b" }, { "a" } },      /* _ may be empty */
    { "name in ('a', 'b','a')", "name", { "a", "b" }, { "c", "" } },
    { "name NOT IN ('a')", "name", { "b" }, { "a" } },
    { "name in (a, 1, true)", "name", { "a", "1", "true" }, { "A" } },
    /* the other compare operators parse, and evaluate() matches nothing */
    { "name < 'x'", "name", { 0 }, { "a", "x", "z" } },
    { "name <> 'x'", "name", { 0 }, { "a", "x" } },
    { "name >= 'x'", "name", { 0 }, { "x" } },
    /* quoting and values */
    { "title = 'Two''s'", "title", { "Two's" }, { "Two''s" } },
    { "title = ''''''", "title", { "''" }, { "'" } },
    { "Title = 'x'", "title", { "x" } },
    { "\"Title\" = 'x'", "Title", { "x" } },
    { "\"a\"\"b\" = 'x'", "a\"b", { "x" } },
    { "'name' = 'c1'", "name", { "c1" } },
    { "name = other", "name", { "other" }, { "OTHER" } },
    { "name = OTHER", "name", { "other" } },
    { "width = 12", "width", { "12" } },
    { "width = -1.5e3", "width", { "-1.5e3" } },
    { "flag = TRUE", "flag", { "true" } },
    { "at = now()", "at", { "now()" } },
    { "at = NOW() - interval '1 day'", "at", { "now() - interval '1 day'" } },
    { "tags->>'service' = 'map[]'", "tags", { "map[]" } },    /* a jsonb selector keeps the column */
    { "  (( name = 'c1' ))  ", "name", { "c1" } },
    { "\n\nname\n=\n'c1'\n", "name", { "c1" } },
    { "name like '100\\%'", "name", { "100*" }, { "100%", "1000" } },  /* SqlLike turns \% into \* */
    { "name like 'a*'", "name", { "abc" } },                   /* fnmatch's own wildcards stay */
    /* conversion errors */
    { "name = 'a' and title = 'b'", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },
    { "name = 'a' OR name = 'b'", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },
    { "not name = 'a'", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },
    { "nothing = 'a'", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },   /* Not, then "hing" */
    { "flag is not null", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },
    { "name", NULL, { 0 }, { 0 }, "failed to convert 'where' arg to qual" },
    { "name in ()", NULL, { 0 }, { 0 }, "failed to parse cn" },
    /* syntax errors: pigeon's position (line:column (offset)) */
    { "name = ", NULL, { 0 }, { 0 }, "failed to parse 'where' property: 1:8 (7): no match found" },
    { "name = 'open", NULL, { 0 }, { 0 }, "failed to parse 'where' property: 1:13 (12): no match found" },
    { "", NULL, { 0 }, { 0 }, "failed to parse 'where' property: 1:1 (0): no match found" },
    { "trueish = 'x'", NULL, { 0 }, { 0 }, "failed to parse 'where' property: " },   /* Bool, then no op */
    { "(name) = 'x'", NULL, { 0 }, { 0 }, "failed to parse 'where' property: " },    /* no backtracking */
    { "name = 'x' junk", NULL, { 0 }, { 0 }, "failed to parse 'where' property: " },
    { "name like x", NULL, { 0 }, { 0 }, "failed to parse 'where' property: " },     /* like takes a string */
    { "n\xc3\xa4me = 'x' !", NULL, { 0 }, { 0 }, "failed to parse 'where' property: 1:2 (1): " },
    { "name = '\xff'", NULL, { 0 }, { 0 }, "failed to parse 'where' property: 1:9 (8): invalid encoding" },
};

Test(where, cases_as_data)
{
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const where_case *c = &CASES[i];
        run_where *w = NULL;
        lp_error err = { 0 };
        int rc = run_where_parse(c->clause, &w, &err);
        if (!c->column) {
            cr_expect_eq(rc, LP_ERR_ARG, "[%s] should fail", c->clause);
            cr_expect(strncmp(err.message, c->error, strlen(c->error)) == 0, "[%s] error \"%s\", want \"%s\"",
                      c->clause, err.message, c->error);
            cr_expect_null(w);
            continue;
        }
        cr_assert_eq(rc, LP_OK, "[%s] failed: %s", c->clause, err.message);
        cr_expect_str_eq(run_where_column(w), c->column, "[%s]", c->clause);
        for (int k = 0; k < 4 && c->pass[k]; k++)
            cr_expect(run_where_match(w, c->pass[k]), "[%s] should pass \"%s\"", c->clause, c->pass[k]);
        for (int k = 0; k < 4 && c->fail[k]; k++)
            cr_expect(!run_where_match(w, c->fail[k]), "[%s] should not pass \"%s\"", c->clause, c->fail[k]);
        run_where_free(w);
    }
}

/* Deep brackets: pigeon's parser has no memo and is exponential in them; here a bounded error. */
Test(where, deep_nesting_is_an_error_not_a_hang)
{
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 1000; i++) text[n++] = '(';
    memcpy(text + n, "name = 'x'", 10);
    n += 10;
    for (int i = 0; i < 1000; i++) text[n++] = ')';
    text[n] = '\0';
    run_where *w = NULL;
    lp_error err = { 0 };
    cr_assert_eq(run_where_parse(text, &w, &err), LP_ERR_ARG);
    cr_assert(strstr(err.message, "failed to parse 'where' property: "), "%s", err.message);
    /* a few levels are fine */
    cr_assert_eq(run_where_parse("((((name = 'x'))))", &w, &err), LP_OK, "%s", err.message);
    run_where_free(w);
}

/* A long in-list keeps every value. */
Test(where, long_in_list)
{
    static char text[200000];
    size_t n = (size_t)snprintf(text, sizeof text, "name in (");
    for (int i = 0; i < 10000; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s'v%d'", i ? "," : "", i);
    snprintf(text + n, sizeof text - n, ")");
    run_where *w = NULL;
    lp_error err = { 0 };
    cr_assert_eq(run_where_parse(text, &w, &err), LP_OK, "%s", err.message);
    cr_assert(run_where_match(w, "v0") && run_where_match(w, "v9999") && !run_where_match(w, "v10000"));
    run_where_free(w);
}
