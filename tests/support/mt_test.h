/* mt_test.h — for tests that also run under ThreadSanitizer (tests/test_mt_*.c).
 *
 * Criterion cannot start under TSan (Snaipe/Criterion#274), so in a TSan build
 * this header replaces Test() and the cr_assert/cr_expect family used by the
 * threaded tests with a tiny registry run from a plain main() (mt_main.c).  A
 * failed check prints file:line and the condition, then aborts the process.
 * In every other build it is plain Criterion.
 */
#ifndef LP_MT_TEST_H
#define LP_MT_TEST_H

#if defined(__SANITIZE_THREAD__)
#include <stdio.h>
#include <stdlib.h>

void mt_register(const char *name, void (*fn)(void));
/* End the running test as skipped, printing why (the runner goes on with the next). */
void mt_skip(const char *why) __attribute__((noreturn));

#define Test(suite, name, ...)                                                     \
    static void suite##_##name##_body(void);                                       \
    __attribute__((constructor)) static void suite##_##name##_reg(void)            \
    {                                                                              \
        mt_register(#suite "::" #name, suite##_##name##_body);                     \
    }                                                                              \
    static void suite##_##name##_body(void)

#define MT_FAIL_(text)                                                             \
    do {                                                                           \
        fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, text);             \
        abort();                                                                   \
    } while (0)
#define cr_assert(cond, ...) do { if (!(cond)) MT_FAIL_(#cond); } while (0)
#define cr_assert_not(cond, ...) cr_assert(!(cond))
#define cr_assert_null(p, ...) cr_assert((p) == NULL)
#define cr_assert_not_null(p, ...) cr_assert((p) != NULL)
#define cr_assert_eq(a, b, ...) cr_assert((a) == (b))
#define cr_assert_neq(a, b, ...) cr_assert((a) != (b))
#define cr_assert_gt(a, b, ...) cr_assert((a) > (b))
#define cr_assert_geq(a, b, ...) cr_assert((a) >= (b))
#define cr_assert_lt(a, b, ...) cr_assert((a) < (b))
#define cr_assert_leq(a, b, ...) cr_assert((a) <= (b))
#define cr_assert_str_eq(a, b, ...) cr_assert(strcmp((a), (b)) == 0)
#define cr_expect cr_assert
#define cr_expect_not cr_assert_not
#define cr_expect_null cr_assert_null
#define cr_expect_not_null cr_assert_not_null
#define cr_expect_eq cr_assert_eq
#define cr_expect_neq cr_assert_neq
#define cr_expect_gt cr_assert_gt
#define cr_expect_geq cr_assert_geq
#define cr_expect_lt cr_assert_lt
#define cr_expect_leq cr_assert_leq
#define cr_expect_str_eq cr_assert_str_eq
#else
#include <criterion/criterion.h>
#endif

#endif
