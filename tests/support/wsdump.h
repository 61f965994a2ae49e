/* wsdump.h — everything a user can read of an open workspace, as text, so
 * that two ways of opening the same directory can be compared byte for byte
 * (tests/test_index_fast.c and fuzz/fuzz_workspace.c: the default phase-1
 * path against lp_open_full_parse).
 *
 * One fact per line, each line starting with what it is about (an entry's
 * id and full name, a file, a diagnostic's number), so that the first
 * differing line says where the two sides part.  Strings are written as JSON
 * string literals: control bytes, newlines and non-ASCII stay readable.
 *
 * Only the library's API (lazypipe.h, lazypipe_test.h) and libc: the fuzz and replay builds
 * compile this file into the target directly, without Criterion.
 */
#ifndef LP_TEST_WSDUMP_H
#define LP_TEST_WSDUMP_H

#include <stddef.h>

#include "lazypipe.h"

/* Append the dump of ws to out: mods, required mods, files, entries (every lp_entry_info
 * field, tags, children, child names, parents, lookup by name), top-level
 * entries, diagnostics, counts, the available_dashboards payload, and the
 * dashboard and benchmark lists when `lists` is set.  When the workspace
 * resolves (no no_resolve), waits for it and adds the resolution's
 * diagnostics, counts and the variables JSON; entries are then read in their
 * resolved version. */
void wsd_dump(lp_workspace *ws, int lists, lp_buf *out);

/* lp_open(dir, *base) (lp_open_full_parse when full_parse), then wsd_dump, and
 * lp_close.  The diagnostics passed to the callback are dumped too.  A
 * failed open dumps its status and message.  Returns lp_open's status. */
int wsd_open_dump(const char *dir, const lp_workspace_opts *base, int full_parse, int lists, lp_buf *out);

/* Compare two dumps, a of the default open and b of the full_parse one: 0
 * when they are equal; otherwise 1 and msg (always NUL-terminated) says which
 * line differs first, with both lines cut to a window around the first
 * differing byte (and the line's head, which names the entry). */
int wsd_diff(const char *a, size_t alen, const char *b, size_t blen, char *msg, size_t size);

/* The current version of lv against a fresh lp_open(dir, o), both dumped (wsd_dump, lists): 0 when
 * they read alike; 1 when not, msg saying where (wsd_diff, the fresh open's side first); -1 when
 * the open failed or a dump ran out of memory, msg saying which. */
int wsd_live_vs_open(lp_live *lv, const char *dir, const lp_workspace_opts *o, int lists, char *msg,
                     size_t size);

#endif
