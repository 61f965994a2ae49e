/* test_intern.c — the string interner (src/base/intern.h) and its hash.
 *
 * The scan hashes strings on its threads and the merge interns them with that
 * hash (si_add_hashed), so the two ways in must give the same ids.
 * The hash is XXH3 truncated to 32 bits; that the truncation and the way the
 * table uses it keep it close to a random function is checked against what
 * one gives, by counting — for n keys and 2^32 values the
 * expected number of colliding pairs is n(n-1)/2^33 (116 for a million), and
 * into 2^21 buckets the fullest holds about 8.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/intern.h"

static si_table in;

static void setup(void) { cr_assert_eq(si_init(&in, 0, 0), 0); }
static void teardown(void) { si_free(&in); }

TestSuite(intern, .init = setup, .fini = teardown);

Test(intern, equal_strings_share_an_id)
{
    uint32_t a = si_add(&in, "aws_compliance.control.x", 24);
    uint32_t b = si_add(&in, "aws_compliance.control.y", 24);
    uint32_t c = si_add(&in, "aws_compliance.control.x", 24);
    cr_assert_neq(a, b);
    cr_assert_eq(a, c);
    cr_assert_str_eq(si_str(&in, a), "aws_compliance.control.x");
    cr_assert_eq(si_len(&in, b), 24);
    cr_assert_eq(si_find(&in, "aws_compliance.control.y", 24), b);
    cr_assert_eq(si_find(&in, "aws_compliance.control.z", 24), LP_STR_NONE);
    cr_assert_eq(si_find(&in, "aws_compliance.control.x", 23), LP_STR_NONE);   /* a prefix */
}

Test(intern, bytes_not_c_strings)
{
    uint32_t a = si_add(&in, "a\0b", 3);
    uint32_t b = si_add(&in, "a\0c", 3);
    uint32_t e = si_add(&in, "", 0);
    cr_assert_neq(a, b);
    cr_assert_eq(si_len(&in, a), 3);
    cr_assert_eq(memcmp(si_str(&in, b), "a\0c", 4), 0);   /* NUL-terminated after its bytes */
    cr_assert_neq(e, LP_STR_NONE);
    cr_assert_str_eq(si_str(&in, e), "");
}

/* The merge's way in (hash computed elsewhere) and the plain one agree, for
 * every length the hash reads differently (0-3, 4-7, 8-16, 17-48, longer). */
Test(intern, hashed_add_is_add)
{
    char s[200];
    for (int i = 0; i < 200; i++) s[i] = (char)('a' + i % 26);
    uint32_t ids[200];
    for (size_t n = 0; n < 200; n++) ids[n] = si_add_hashed(&in, s, n, si_hash(s, n));
    for (size_t n = 0; n < 200; n++) {
        cr_assert_eq(si_add(&in, s, n), ids[n], "length %zu", n);
        cr_assert_eq(si_hash_of(&in, ids[n]), si_hash(s, n));
    }
    cr_assert_eq(in.count, 200);
}

/* Ids stay valid while the heap and the table grow many times. */
Test(intern, ids_survive_growth)
{
    enum { N = 50000 };
    uint32_t *ids = malloc(N * sizeof *ids);
    char buf[64];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "mod.control.c_%d", i);
        ids[i] = si_add(&in, buf, (size_t)n);
        cr_assert_neq(ids[i], LP_INTERN_OOM);
    }
    for (int i = 0; i < N; i += 7) {
        int n = snprintf(buf, sizeof buf, "mod.control.c_%d", i);
        cr_assert_eq(si_find(&in, buf, (size_t)n), ids[i]);
        cr_assert_str_eq(si_str(&in, ids[i]), buf);
    }
    free(ids);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A million keys of one shape: colliding pairs of 32-bit hashes and the
 * fullest bucket by low bits (the interner's table) and by high bits (the
 * name table's multiply-shift), against a random function's 116 and ~8. */
static void check_spread(const char *fmt)
{
    enum { N = 1000000, BUCKETS = 1 << 21 };
    uint32_t *h = malloc(N * sizeof *h);
    uint16_t *lo = calloc(BUCKETS, sizeof *lo), *hi = calloc(BUCKETS, sizeof *hi);
    char buf[160];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, fmt, i);
        h[i] = si_hash(buf, (size_t)n);
        lo[h[i] & (BUCKETS - 1)]++;
        hi[(uint32_t)(((uint64_t)h[i] * BUCKETS) >> 32)]++;
    }
    qsort(h, N, sizeof *h, cmp_u32);
    int pairs = 0;
    for (int i = 1; i < N; i++) pairs += h[i] == h[i - 1];
    unsigned most_lo = 0, most_hi = 0;
    for (int i = 0; i < BUCKETS; i++) {
        if (lo[i] > most_lo) most_lo = lo[i];
        if (hi[i] > most_hi) most_hi = hi[i];
    }
    cr_log_info("%s: %d colliding pairs, fullest buckets %u / %u", fmt, pairs, most_lo, most_hi);
    cr_expect_lt(pairs, 3 * 116, "%s: %d colliding pairs", fmt, pairs);
    cr_expect_leq(most_lo, 12, "%s: low-bits bucket of %u", fmt, most_lo);
    cr_expect_leq(most_hi, 12, "%s: high-bits bucket of %u", fmt, most_hi);
    free(h);
    free(lo);
    free(hi);
}

Test(intern, hash_spreads_numbers) { check_spread("%d"); }
Test(intern, hash_spreads_short_names) { check_spread("x%dy"); }
Test(intern, hash_spreads_qualified_names) { check_spread("aws_compliance.control.ec2_instance_%d"); }
Test(intern, hash_spreads_long_strings)
{
    check_spread(
        "%08d: a description long enough to take the hash's loop over sixteen-byte blocks twice over");
}

/* Ids are block << 24 | offset: strings past the first 16 MiB block, and
 * strings of 16 MiB and more (a block of their own), keep their ids, bytes
 * and owner words while later blocks are added. */
Test(intern, strings_across_blocks_and_bigger_than_a_block)
{
    const size_t big = ((size_t)1 << 24) + 4097;          /* more than one block's offsets */
    char *a = malloc(big), *b = malloc(big);
    cr_assert(a && b);
    memset(a, 'a', big);
    memcpy(b, a, big);
    b[big - 1] = 'b';                                       /* differs in its last byte only */
    uint32_t ia = si_add(&in, a, big);
    uint32_t small[4096];
    char name[64];
    for (uint32_t i = 0; i < 4096; i++) {                   /* ~200 KiB after a 16 MiB string */
        int n = snprintf(name, sizeof name, "aws_compliance.control.c%u_%032u", i, i * 7u);
        small[i] = si_add(&in, name, (size_t)n);
        si_set_val(&in, small[i], i + 1);
    }
    uint32_t ib = si_add(&in, b, big);
    cr_assert_neq(ia, LP_STR_NONE);
    cr_assert_neq(ib, LP_STR_NONE);
    cr_assert_neq(ia, ib);
    cr_assert_eq(si_add(&in, a, big), ia);
    cr_assert_eq(si_find(&in, b, big), ib);
    cr_assert_eq(si_len(&in, ia), big);
    cr_assert_eq(si_str(&in, ib)[big - 1], 'b');
    cr_assert_eq(si_str(&in, ib)[big], '\0');
    cr_assert_eq(memcmp(si_str(&in, ia), a, big), 0);
    for (uint32_t i = 0; i < 4096; i++) {
        int n = snprintf(name, sizeof name, "aws_compliance.control.c%u_%032u", i, i * 7u);
        cr_assert_eq(si_find(&in, name, (size_t)n), small[i]);
        cr_assert_eq(si_len(&in, small[i]), (uint32_t)n);
        cr_assert_eq(si_val(&in, small[i]), i + 1);
        cr_assert_str_eq(si_str(&in, small[i]), name);
    }
    free(a);
    free(b);
}

enum { NAMES = 3000 };

/* The name of control i (more of them than one block holds). */
static void name_of(char *s, size_t n, int i)
{
    snprintf(s, n, "aws_compliance.control.c%d_%0*d", i, 20, i);
}

static void add_names(uint32_t ids[NAMES])
{
    char s[64];
    for (int i = 0; i < NAMES; i++) {
        name_of(s, sizeof s, i);
        ids[i] = si_add(&in, s, strlen(s));
    }
}

/* A clone (index_update's) shares its source's blocks: the same ids for the
 * same strings, new strings in a block of its own that the source never
 * sees, and either table freed first (ASan reads every string after). */
Test(intern, a_clone_shares_blocks_and_outlives_its_source)
{
    char s[64];
    uint32_t ids[NAMES];
    add_names(ids);
    si_table a, b;
    cr_assert_eq(si_clone(&a, &in, 100, 4), 0);
    cr_assert_eq(a.nblocks, in.nblocks);
    cr_assert_eq(a.block[0], in.block[0], "block 0 copied, not shared");
    uint32_t na = si_add(&a, "only in a", 9);
    cr_assert_eq(si_find(&in, "only in a", 9), LP_STR_NONE, "the source sees the clone's string");
    cr_assert_eq(a.nblocks, in.nblocks + 1, "the clone wrote into a shared block");
    cr_assert_eq(si_clone(&b, &a, 100, 4), 0);
    si_free(&in);      /* the source first: its blocks live on in the clones */
    uint32_t nb = si_add(&b, "only in b", 9);
    cr_assert_eq(si_find(&a, "only in b", 9), LP_STR_NONE);
    cr_assert_eq(si_find(&b, "only in a", 9), na);
    si_free(&a);
    for (int i = 0; i < NAMES; i++) {
        name_of(s, sizeof s, i);
        cr_assert_eq(si_find(&b, s, strlen(s)), ids[i]);
        cr_assert_str_eq(si_str(&b, ids[i]), s);
    }
    cr_assert_str_eq(si_str(&b, nb), "only in b");
    si_free(&b);
    cr_assert_eq(si_init(&in, 0, 0), 0);   /* (teardown frees it) */
}

/* A table over memory not its own (an image's) is copied, not shared. */
Test(intern, a_clone_of_an_uncounted_table_copies)
{
    uint32_t x = si_add(&in, "x", 1);
    si_table view = in, a;
    view.counted = 0;
    cr_assert_eq(si_clone(&a, &view, 10, 1), 0);
    cr_assert_neq(a.block[0], in.block[0]);
    cr_assert_str_eq(si_str(&a, x), "x");
    si_free(&a);
}

/* Borrowed, a table over memory not its own (an image's mapping, read-only) is shared: the clone
 * adds its strings in a block of its own, never writes the borrowed memory nor frees it, and a
 * clone of the clone copies what it borrowed (that memory is its owner's to keep), unless it
 * borrows too (its owner holding the same memory: a live version refreshed from a patched one),
 * when it shares the borrowed blocks and the clone's own one alike. */
Test(intern, a_borrowing_clone_shares_memory_not_its_own_and_never_writes_it)
{
    char s[64];
    uint32_t ids[NAMES];
    add_names(ids);
    cr_assert_gt(in.nblocks, 1);
    si_table view = in, a, b;
    view.counted = 0;
    char *before[LP_INTERN_BLOCKS];   /* each block with the 16 bytes before it (a count's place) */
    for (uint32_t k = 0; k < in.nblocks; k++) {
        cr_assert(before[k] = malloc(si_block_used(&in, k) + 16));
        memcpy(before[k], in.block[k] - 16, si_block_used(&in, k) + 16);
    }
    cr_assert_eq(si_clone_borrowing(&a, &view, 100, 4), 0);
    cr_assert_eq(a.borrowed, in.nblocks);
    for (uint32_t k = 0; k < in.nblocks; k++) cr_assert_eq(a.block[k], in.block[k], "block %u copied", k);
    uint32_t na = si_add(&a, "only in a", 9);
    cr_assert_eq(si_find(&in, "only in a", 9), LP_STR_NONE);
    cr_assert_eq(a.nblocks, in.nblocks + 1, "the clone wrote into a borrowed block");
    cr_assert_eq(si_clone(&b, &a, 100, 4), 0);
    cr_assert_neq(b.block[0], in.block[0], "a clone of the clone shares what is not its own");
    cr_assert_eq(b.block[in.nblocks], a.block[in.nblocks], "the clone's own block not shared");
    si_table c;
    cr_assert_eq(si_clone_borrowing(&c, &a, 100, 4), 0);
    cr_assert_eq(c.borrowed, in.nblocks);
    for (uint32_t k = 0; k <= in.nblocks; k++) cr_assert_eq(c.block[k], a.block[k], "block %u copied", k);
    uint32_t nc = si_add(&c, "only in c", 9);
    cr_assert_eq(si_find(&a, "only in c", 9), LP_STR_NONE);
    cr_assert_eq(c.nblocks, in.nblocks + 2, "the clone of the clone wrote into a shared block");
    si_free(&a);   /* frees only its own block (c still holds it) */
    cr_assert_str_eq(si_str(&c, na), "only in a");
    cr_assert_str_eq(si_str(&c, nc), "only in c");
    cr_assert_eq(si_find(&c, "only in a", 9), na);
    si_free(&c);
    for (int i = 0; i < NAMES; i += 7) {
        name_of(s, sizeof s, i);
        cr_assert_eq(si_find(&b, s, strlen(s)), ids[i]);
        cr_assert_str_eq(si_str(&in, ids[i]), s);
    }
    cr_assert_str_eq(si_str(&b, na), "only in a");
    si_free(&b);
    for (uint32_t k = 0; k < in.nblocks; k++) {
        size_t n = si_block_used(&in, k) + 16;
        cr_assert_eq(memcmp(before[k], in.block[k] - 16, n), 0, "block %u written", k);
        free(before[k]);
    }
}
