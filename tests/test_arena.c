/* test_arena.c — bump arenas and the counting allocation layer. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/inputs.h"
#include "base/mem.h"
#include "lazypipe.h"
#include "lazypipe_test.h"

Test(arena, allocations_are_aligned_distinct_and_writable)
{
    ar_arena a;
    ar_init(&a, 256);
    char *prev = NULL;
    for (int i = 1; i < 200; i++) {
        char *p = ar_alloc(&a, (size_t)i);
        cr_assert_not_null(p);
        cr_assert_eq((uintptr_t)p % 8, 0, "allocation %d not 8-aligned", i);
        memset(p, 'x', (size_t)i);
        cr_assert_neq(p, prev);
        prev = p;
    }
    cr_assert_gt(a.chunks, 1, "256-byte chunks must have been refilled");
    ar_free(&a);
    cr_assert_eq(a.chunks, 0);
}

Test(arena, reset_reuses_chunks_without_allocating)
{
    ar_arena a;
    ar_init(&a, 1024);
    for (int i = 0; i < 100; i++) cr_assert_not_null(ar_alloc(&a, 100));
    uint32_t chunks = a.chunks;
    lp_alloc_stats before, after;
    lp_alloc_stats_get(&before);
    for (int round = 0; round < 10; round++) {
        ar_reset(&a);
        for (int i = 0; i < 100; i++) cr_assert_not_null(ar_alloc(&a, 100));
    }
    lp_alloc_stats_get(&after);
    cr_assert_eq(after.calls, before.calls, "a reset arena refills from its own chunks");
    cr_assert_eq(a.chunks, chunks);
    ar_free(&a);
}

Test(arena, grow_extends_last_allocation_in_place)
{
    ar_arena a;
    ar_init(&a, 4096);
    char *p = ar_alloc(&a, 16);
    memcpy(p, "0123456789abcdef", 16);
    char *q = ar_grow(&a, p, 16, 64);
    cr_assert_eq(p, q);
    char *r = ar_alloc(&a, 8);
    char *s = ar_grow(&a, q, 64, 128);   /* not the last any more: copied */
    cr_assert_neq(s, q);
    cr_assert_neq(s, r);
    cr_assert_eq(memcmp(s, "0123456789abcdef", 16), 0);
    char *big = ar_grow(&a, s, 128, 100000);  /* larger than a chunk */
    cr_assert_not_null(big);
    cr_assert_eq(memcmp(big, "0123456789abcdef", 16), 0);
    ar_free(&a);
}

Test(alloc, counts_calls_and_live_bytes)
{
    lp_alloc_stats s0, s1, s2;
    lp_alloc_stats_get(&s0);
    ar_arena a;
    ar_init(&a, 1000);
    ar_alloc(&a, 10);
    lp_alloc_stats_get(&s1);
    cr_assert_eq(s1.calls, s0.calls + 1);
    cr_assert_geq(s1.live, s0.live + 1000);
    cr_assert_geq(s1.peak, s1.live);
    ar_free(&a);
    lp_alloc_stats_get(&s2);
    cr_assert_eq(s2.live, s0.live);
    cr_assert_eq(s2.frees, s0.frees + 1);
}

/* A large mem_zeroed array reads as zeros, is counted, and holds no page of memory until one is
 * written (mincore: resident pages), where mimalloc's calloc writes every page; a small one is a
 * calloc'd block, freed as one. */
Test(alloc, a_large_zeroed_array_takes_memory_only_where_written)
{
    size_t n = 4u << 20, pg = (size_t)sysconf(_SC_PAGESIZE);
    lp_alloc_stats s0, s1, s2;
    lp_alloc_stats_get(&s0);
    unsigned char *p = mem_zeroed(n / 8, 8);
    cr_assert_not_null(p);
    lp_alloc_stats_get(&s1);
    cr_assert_eq(s1.live, s0.live + n);
    unsigned char *res = malloc(n / pg + 1);
    cr_assert_eq(mincore(p, n, res), 0);
    size_t resident = 0;
    for (size_t i = 0; i < n / pg; i++) resident += res[i] & 1;
    cr_assert_eq(resident, 0, "%zu pages resident before any write", resident);
    p[5 * pg + 3] = 7;
    cr_assert_eq(mincore(p, n, res), 0);
    resident = 0;
    for (size_t i = 0; i < n / pg; i++) resident += res[i] & 1;
    cr_assert_eq(resident, 1, "%zu pages resident after one write", resident);
    for (size_t i = 0; i < n; i += 4096 + 1) cr_assert_eq(p[i], i == 5 * pg + 3 ? 7 : 0);
    mem_zeroed_free(p, n / 8, 8);
    free(res);
    unsigned char *q = mem_zeroed(100, 4);
    cr_assert(q && !q[0] && !q[399]);
    mem_zeroed_free(q, 100, 4);
    lp_alloc_stats_get(&s2);
    cr_assert_eq(s2.live, s0.live);
}

Test(arena, rewind_forgets_what_came_after_the_mark)
{
    ar_arena a;
    ar_init(&a, 256);
    char *keep = ar_alloc(&a, 16);
    memcpy(keep, "kept", 5);
    ar_mark m;
    ar_mark_get(&a, &m);
    size_t used = a.used;
    char *first = ar_alloc(&a, 32);
    for (int i = 0; i < 20; i++) cr_assert_not_null(ar_alloc(&a, 100));   /* into later chunks */
    uint32_t chunks = a.chunks;
    ar_rewind(&a, &m);
    cr_assert_eq(a.used, used);
    cr_assert_eq(ar_alloc(&a, 32), first, "the space after the mark is reused");
    for (int i = 0; i < 20; i++) cr_assert_not_null(ar_alloc(&a, 100));
    cr_assert_eq(a.chunks, chunks, "so are the chunks");
    cr_assert_str_eq(keep, "kept");
    ar_mark_get(&a, &m);
    ar_reset(&a);
    ar_mark empty;
    ar_mark_get(&a, &empty);
    ar_rewind(&a, &empty);
    cr_assert_eq(a.used, 0);
    ar_free(&a);
}

Test(alloc, mem_room_grows_only_when_full_and_keeps_the_array_on_failure)
{
    uint32_t cap = 0, n = 0;
    int *v = mem_room(NULL, n, &cap, sizeof *v, 4);
    cr_assert_not_null(v);
    cr_assert_eq(cap, 4, "an empty array takes the first capacity");
    for (; n < 4; n++) v[n] = (int)n;
    cr_assert_eq(mem_room(v, 3, &cap, sizeof *v, 4), v, "room left: the same array");
    cr_assert_eq(cap, 4);
    lp_alloc_fail_nth(0);
    cr_assert_null(mem_room(v, n, &cap, sizeof *v, 4), "a failed growth says so");
    cr_assert_eq(cap, 4, "and leaves the capacity");
    lp_alloc_fail_nth(UINT64_MAX);
    int *g = mem_room(v, n, &cap, sizeof *v, 4);
    cr_assert_not_null(g);
    cr_assert_eq(cap, 8, "a full array doubles");
    for (uint32_t i = 0; i < n; i++) cr_assert_eq(g[i], (int)i, "its elements kept");
    mem_free(g, cap * sizeof *g);
}

/* ar_reserve: the allocations it was asked room for come from the one chunk it made (or found), and
 * what is left of the current chunk is not reused after it.  (Redzones under ASan take room too:
 * asked for with room for them, as inp_reserve does.) */
Test(arena, reserve_makes_room_for_a_known_total_in_one_chunk)
{
    ar_arena a;
    ar_init(&a, 256);
    cr_assert_not_null(ar_alloc(&a, 100));
    uint32_t chunks = a.chunks;
    cr_assert_eq(ar_reserve(&a, 64), 0, "room left in the current chunk: nothing to do");
    cr_assert_eq(a.chunks, chunks);
    cr_assert_eq(ar_reserve(&a, 100 * 64), 0);
    cr_assert_eq(a.chunks, chunks + 1, "one chunk for the whole total");
    char *first = NULL, *last = NULL;
    for (int i = 0; i < 100; i++) {
        char *p = ar_alloc(&a, 24);   /* 24 bytes + a redzone of 16 under ASan: within 64 */
        cr_assert_not_null(p);
        memset(p, 'x', 24);
        if (!first) first = p;
        last = p;
    }
    cr_assert_eq(a.chunks, chunks + 1, "the reserved allocations took no other chunk");
    cr_assert_lt((size_t)(last - first), 100 * 64, "all in the reserved chunk, in order");
    ar_free(&a);
}

/* inp_reserve: a table grown by n records and their paths after it takes no other allocation of
 * the records' array, and the records keep what was in the table before. */
Test(arena, input_table_reserve_sizes_the_records_and_paths_at_once)
{
    ar_arena a;
    ar_init(&a, 1024);
    inp_table t;
    inp_init(&t, &a);
    srcfile_info info = { .size = 1, .mtime_ns = 2, .dev = 3, .ino = 4, .hash = 5 };
    inp_add(&t, LP_INPUT_FILE_FN, "first/path", &info);
    char path[64];
    size_t bytes = 0;
    for (int i = 0; i < 500; i++) bytes += (size_t)snprintf(path, sizeof path, "some/dir/file_%d.md", i) + 1;
    inp_reserve(&t, 500, bytes + 500 * 16);
    cr_assert(!t.oom);
    cr_assert_geq(t.cap, 501);
    inp_rec *v = t.v;
    uint32_t chunks = a.chunks;
    for (int i = 0; i < 500; i++) {
        snprintf(path, sizeof path, "some/dir/file_%d.md", i);
        inp_add(&t, LP_INPUT_FILE_FN, path, &info);
    }
    cr_assert(!t.oom);
    cr_assert_eq(t.n, 501);
    cr_assert_eq(t.v, v, "the records' array was not grown again");
    cr_assert_eq(a.chunks, chunks, "the paths went into the reserved chunk");
    cr_assert_str_eq(t.v[0].path, "first/path");
    cr_assert_eq(t.v[0].hash, 5);
    cr_assert_str_eq(t.v[500].path, "some/dir/file_499.md");
    ar_free(&a);
}
