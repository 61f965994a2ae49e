/* fuzz_ppc.c — libFuzzer target: the config path's text.  The input is parsed as a .ppc file
 * (lp_config_parse: connection blocks, their attributes evaluated); every connection it yields
 * must be whole and findable by its name, and its connection string must parse or fail cleanly
 * (lp_db_parse, run_db_parse with a search path).  The input's first line is also tried as a
 * connection string and as a run's connection key ("url\nsearch_path\nprefix").  Errors are
 * fine; a crash, leak, sanitizer report or unbounded work is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "run/run.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_url(const char *url)
{
    lp_buf store = { 0 };
    lp_db_target t;
    lp_error err = { 0 };
    int rc = lp_db_parse(url, &t, &store, NULL, &err);
    if (rc == LP_OK || rc == LP_ERR_NOT_FOUND) CHECK(t.url && t.scheme);
    else CHECK(err.message[0]);
    lp_buf_free(&store);
}

static void try_key(const char *key)
{
    lp_buf store = { 0 };
    lp_db_target t;
    lp_error err = { 0 };
    const lp_driver *d;
    int rc = run_db_parse(key, &t, &store, &d, &err);
    if (rc == LP_OK || rc == LP_ERR_NOT_FOUND) CHECK(t.url && t.scheme);
    lp_buf_free(&store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lp_config *cfg = lp_config_new();
    if (!cfg) return 0;
    lp_error err;
    int rc = lp_config_parse(cfg, "fuzz.ppc", (const char *)data, size, &err);
    CHECK(rc == LP_OK || rc == LP_ERR_SYNTAX || rc == LP_ERR_NOMEM);
    if (rc != LP_OK) CHECK(err.message[0]);
    for (uint32_t i = 0; i < lp_config_connection_count(cfg); i++) {
        const lp_connection *k = lp_config_connection_at(cfg, i);
        CHECK(k && k->type && k->name && k->url && k->file);
        char ref[600];
        snprintf(ref, sizeof ref, "connection.%s.%s", k->type, k->name);
        if (strlen(k->name) < 500) CHECK(lp_config_find(cfg, ref) == k);
        try_url(k->url);
    }
    lp_config_free(cfg);

    /* the first line (at most 4 KiB, no NUL) as a connection string and as a key */
    size_t n = 0;
    while (n < size && n < 4096 && data[n] && data[n] != '\n') n++;
    char *line = malloc(size < 4096 ? size + 1 : 4097);
    if (!line) return 0;
    memcpy(line, data, n);
    line[n] = 0;
    try_url(line);
    size_t m = n;
    while (m < size && m < 4096 && data[m]) m++;   /* up to 4 KiB with its newlines */
    memcpy(line, data, m);
    line[m] = 0;
    try_key(line);
    free(line);
    return 0;
}
