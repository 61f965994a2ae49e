/* fuzz_where.c — libFuzzer target: a --where clause (run_where_parse, pipe-fittings' filter
 * grammar).  The input's first line is the clause, the rest a field text it is matched against.
 * A clause parses to a column and matches without fault, or fails with Powerpipe's message;
 * a crash, leak, sanitizer report or unbounded work is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "run/where.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *nl = memchr(text, '\n', size);
    const char *value = "";
    if (nl) {
        *nl = '\0';
        value = nl + 1;
    }
    run_where *w = NULL;
    lp_error err = { 0 };
    int rc = run_where_parse(text, &w, &err);
    if (rc == LP_OK) {
        CHECK(w && run_where_column(w));
        (void)run_where_match(w, value);
        (void)run_where_match(w, run_where_column(w));
        run_where_free(w);
    } else {
        CHECK(!w && err.message[0]);
        CHECK(strncmp(err.message, "failed to ", 10) == 0 || rc == LP_ERR_NOMEM);
    }
    free(text);
    return 0;
}
