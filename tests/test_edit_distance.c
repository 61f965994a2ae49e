/* test_edit_distance.c — lp_edit_distance: Levenshtein's textbook pairs, and the two units its callers
 * count in (cobra's suggestions: bytes; hcl's keyword suggestion, agext/levenshtein: code points). */
#include <criterion/criterion.h>
#include <string.h>

#include "lazypipe.h"

static size_t dist(const char *a, const char *b, int code_points)
{
    return lp_edit_distance(a, strlen(a), b, strlen(b), code_points);
}

Test(edit_distance, textbook_pairs)
{
    cr_assert_eq(dist("kitten", "sitting", 0), 3);
    cr_assert_eq(dist("flaw", "lawn", 0), 2);
    cr_assert_eq(dist("", "abc", 0), 3);
    cr_assert_eq(dist("abc", "", 1), 3);
    cr_assert_eq(dist("dashbord", "dashboard", 0), 1);
    cr_assert_eq(dist("same", "same", 1), 0);
}

Test(edit_distance, bytes_or_code_points)
{
    /* "日" is three bytes, one code point: hcl suggests "if" for %{日} (distance 2 < 3) */
    cr_assert_eq(dist("日", "if", 1), 2);
    cr_assert_eq(dist("日", "if", 0), 3);
    cr_assert_eq(dist("élse", "else", 1), 1);
    cr_assert_eq(dist("élse", "else", 0), 2);
}

Test(edit_distance, long_or_malformed_is_far)
{
    char long_word[66];
    memset(long_word, 'a', 65);
    long_word[65] = 0;
    cr_assert_eq(dist(long_word, "a", 0), 99);
    cr_assert_eq(dist(long_word + 1, long_word + 2, 0), 1);   /* 64 units: still counted */
    cr_assert_eq(dist("\xff", "if", 1), 99);
    cr_assert_eq(dist("\xff", "if", 0), 2);
}
