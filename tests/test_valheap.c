/* test_valheap.c — an image's values' heap written to the file as it is made (src/image/valheap.h).
 *
 * The heap must be the bytes an si_table made by si_init, sized for every value ahead (an upper
 * bound), and si_add lays out: the ids the image's other sections hold, the records, the blocks
 * and where each starts in the section (8-aligned after the one before), so that the same
 * workspace still makes the same image.  Each case adds the same strings both ways (equal ones at
 * other addresses among them: a string is found again by its contents) and compares ids, block
 * table and every byte of the file against the table's blocks: a workspace's few kilobytes, and
 * values past one 16 MiB block, one of them bigger than a block (a block of its own).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image/valheap.h"

#define BASE 40u   /* the section's offset in the file: past a header, 8-aligned */

/* h over an unlinked temporary file (its descriptor returned, for the caller to close), its table
 * made for `expect` values */
static int heap_on_temp_file(vh_heap *h, uint32_t expect)
{
    char path[] = "/tmp/lp-valheap-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    unlink(path);
    cr_assert_eq(vh_init(h, fd, BASE, (uint64_t)1 << 40, expect), 0);
    return fd;
}

/* Adds strs[0..n) to an si_table and to a vh_heap over a temporary file (its table made for
 * `expect` values); asserts the same ids, blocks and bytes. */
static void same_as_si_table_expecting(char **strs, size_t n, uint32_t expect)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += strlen(strs[i]) + LP_INTERN_OVERHEAD;
    si_table ref;
    cr_assert_eq(si_init(&ref, bytes, (uint32_t)n), 0);
    vh_heap h;
    int fd = heap_on_temp_file(&h, expect);
    for (size_t i = 0; i < n; i++) {
        uint32_t want = si_add(&ref, strs[i], strlen(strs[i]));
        uint32_t got = vh_add(&h, strs[i], strlen(strs[i]));
        cr_assert_eq(got, want, "string %zu (%zu bytes): id %u, the table's %u", i, strlen(strs[i]), got,
                     want);
    }
    uint64_t size;
    cr_assert_eq(vh_finish(&h, &size), 0);
    cr_assert_eq(h.nblocks, ref.nblocks);
    cr_assert_eq(h.count, ref.count);
    uint64_t at = 0;
    for (uint32_t b = 0; b < ref.nblocks; b++) {
        at = (at + 7) & ~(uint64_t)7;
        size_t used = si_block_used(&ref, b);
        cr_assert_eq(h.bstart[b], at, "block %u at %llu, not %llu", b, (unsigned long long)h.bstart[b],
                     (unsigned long long)at);
        cr_assert_eq(h.bused[b], used, "block %u: %zu bytes used, the table's %zu", b, h.bused[b], used);
        char *file = malloc(used ? used : 1);
        cr_assert_eq(pread(fd, file, used, (off_t)(BASE + at)), (ssize_t)used);
        cr_assert(memcmp(file, ref.block[b], used) == 0, "block %u's bytes differ", b);
        free(file);
        at += used;
    }
    cr_assert_eq(size, at);
    vh_free(&h);
    close(fd);
    si_free(&ref);
}

/* ... with a table grown from its smallest size, and with one made for them at once */
static void same_as_si_table(char **strs, size_t n)
{
    same_as_si_table_expecting(strs, n, 0);
    same_as_si_table_expecting(strs, n, (uint32_t)n);
}

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    cr_assert(s);
    memset(s, c, n);
    s[n] = 0;
    return s;
}

static const char pad[] = "instance_ec2_ebs_volume_encrypted_at_rest_and_in_transit_with_kms_customer_managed"
                          "_keys_rotated_yearly_by_policy";

Test(valheap, a_workspaces_values_are_the_tables_bytes)
{
    enum { N = 3000 };
    char *strs[N];
    for (size_t i = 0; i < N; i++) {
        char buf[160];
        /* every third one equal to an earlier one (another copy); lengths 0 to ~130 */
        size_t k = i % 3 == 2 ? i / 2 : i;
        snprintf(buf, sizeof buf, "select %zu from aws_%.*s", k, (int)(k * 7 % (sizeof pad - 1)), pad);
        strs[i] = strdup(i % 97 == 0 ? "" : buf);
    }
    same_as_si_table(strs, N);
    for (size_t i = 0; i < N; i++) free(strs[i]);
}

/* Past 16 MiB: the first block full, then blocks as si_insert adds them (one of a string bigger
 * than a block), small strings between and after. */
Test(valheap, values_past_a_block_are_the_tables_blocks)
{
    size_t mib = (size_t)1 << 20;
    char *strs[] = { strdup("a"),          repeat('x', 9 * mib),      strdup("b"), repeat('y', 9 * mib),
                     strdup("a"),          repeat('z', 17 * mib),     strdup("c"), repeat('x', 9 * mib),
                     repeat('w', 3 * mib), strdup("the last one") };
    size_t n = sizeof strs / sizeof *strs;
    same_as_si_table(strs, n);
    for (size_t i = 0; i < n; i++) free(strs[i]);
}

/* A value may hold a NUL byte (a title written "a\u0000b"): two such values with the same hash and
 * the same bytes before their NUL are two values ("t\0" 3949 and "t\0" 397216 share si_hash). */
Test(valheap, values_with_a_nul_byte_are_told_apart)
{
    static const char a[] = "t\0" "3949", b[] = "t\0" "397216";
    cr_assert_eq(si_hash(a, sizeof a - 1), si_hash(b, sizeof b - 1), "the pair no longer collides");
    vh_heap h;
    int fd = heap_on_temp_file(&h, 0);
    uint32_t ia = vh_add(&h, a, sizeof a - 1), ib = vh_add(&h, b, sizeof b - 1);
    cr_assert_neq(ia, ib);
    cr_assert_eq(vh_add(&h, b, sizeof b - 1), ib);
    cr_assert_eq(vh_add(&h, a, sizeof a - 1), ia);
    vh_free(&h);
    close(fd);
}
