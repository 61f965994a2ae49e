/* jsontree.h — a small JSON reader for tests.
 *
 * Parses JSON text into a tree so that tests can compare documents the way
 * JavaScript sees them (the oracle is JavaScript): objects as unordered maps
 * where a repeated key keeps its last value, arrays in order, numbers as
 * doubles compared numerically.  Uses plain malloc: it is test code.
 */
#ifndef LP_TEST_JSONTREE_H
#define LP_TEST_JSONTREE_H

#include <stddef.h>

typedef enum jt_kind { JT_NULL, JT_BOOL, JT_NUM, JT_STR, JT_ARR, JT_OBJ } jt_kind;

typedef struct jt {
    jt_kind kind;
    int b;              /* JT_BOOL */
    double num;         /* JT_NUM */
    char *s;            /* JT_STR: UTF-8, NUL-terminated (may contain NULs: see slen) */
    size_t slen;
    size_t n;           /* JT_ARR / JT_OBJ: number of items */
    struct jt **items;  /* values */
    char **keys;        /* JT_OBJ: keys (NUL-terminated) */
    size_t *klens;
} jt;

/* Parse text[0..len) (one JSON value, surrounding white space allowed).
 * Returns NULL on a syntax error and writes a reason into err. */
jt *jt_parse(const char *text, size_t len, char *err, size_t errsz);
void jt_free(jt *v);

/* Value of `key` in an object (the last one if repeated), or NULL. */
const jt *jt_get(const jt *obj, const char *key);

/* 1 if equal (objects unordered, numbers numerically); otherwise 0 and a
 * description of the first difference (a path such as $.a[2].b) in why. */
int jt_equal(const jt *a, const jt *b, char *why, size_t whysz);

/* Compact text of a value, malloc'd (for failure messages). */
char *jt_dump(const jt *v);

/* Read a whole file (malloc'd, NUL-terminated); NULL on error. */
char *jt_read_file(const char *path, size_t *len);

/* The JSON of the line *at starts (a JSON Lines text, modified: the newline ends it), NULL when it
 * does not parse (why in err); *at moved to the next line, NULL after the last. */
jt *jt_next_line(char **at, char *err, size_t errsz);

#endif
