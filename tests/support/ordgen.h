/* ordgen.h — random workspaces whose values depend on one another only through their
 * references, with the values each must have, for the order-free resolution tests
 * (test_resolve_order) and fuzz target (fuzz_order).
 *
 * A model is a graph of locals (strings, maps of strings, lists of controls), variables,
 * controls (title, tags) and benchmarks (title, tags, `children`), every node reading only
 * nodes made before it: chains, diamonds, lists and maps of references, concat/merge,
 * conditionals, string templates, a control's title read by a local, a local of controls read
 * by a benchmark.  The generator evaluates the model itself, so the expected titles, tags and
 * children are facts found without the library.  og_write lays a model out under a layout
 * seed: the locals get random names (consistently), one `locals` block each or several
 * together, every block shuffled and split over files of random names.  No name sorts like the
 * order of evaluation, so a resolution that depends on names or order gives another answer
 * under some layout. */
#ifndef LP_TEST_ORDGEN_H
#define LP_TEST_ORDGEN_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

typedef struct og_model og_model;

/* A model drawn from the bytes (a fuzz input; a seed's splitmix64 stream for the tests):
 * NULL on no memory. */
og_model *og_make(const uint8_t *data, size_t n);
/* The same from a seed. */
og_model *og_make_seeded(uint64_t seed);
void og_free(og_model *m);

/* Write the model into dir (which exists): mod.pp and the files of the layout; the .pp files
 * another layout wrote there are removed first.  0, or -1. */
int og_write(const og_model *m, const char *dir, uint64_t layout);

/* Does ws (resolved) give every control's title and tags, every benchmark's title, tags and
 * children (loaded: lp_load_entry), as the model says, with no error diagnostic?  0, or -1
 * with the first difference in msg. */
int og_check(const og_model *m, lp_workspace *ws, char *msg, size_t cap);

/* The model in words (its nodes and expressions, in order), for a failure's message. */
void og_describe(const og_model *m, char *out, size_t cap);

#endif
