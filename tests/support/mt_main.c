/* mt_main.c — the plain runner for threaded tests under TSan (see mt_test.h).
 * In other builds this file is empty and Criterion provides main(). */
#if defined(__SANITIZE_THREAD__)
#include <setjmp.h>
#include <stdio.h>

#include "mt_test.h"

enum { MT_MAX = 64 };
static struct { const char *name; void (*fn)(void); } mt_tests[MT_MAX];
static int mt_count;

void mt_register(const char *name, void (*fn)(void))
{
    if (mt_count == MT_MAX) {
        fprintf(stderr, "mt_test: too many tests\n");
        abort();
    }
    mt_tests[mt_count].name = name;
    mt_tests[mt_count].fn = fn;
    mt_count++;
}

static jmp_buf mt_skip_to;
static int mt_skipped;

void mt_skip(const char *why)
{
    printf("[tsan] skipped: %s\n", why);
    fflush(stdout);
    longjmp(mt_skip_to, 1);
}

/* 1 when the test skipped itself (setjmp in a frame of its own, so that
 * main's locals are not clobbered by the longjmp) */
static int run_one(void (*fn)(void))
{
    if (setjmp(mt_skip_to) != 0) return 1;
    fn();
    return 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;   /* Criterion's options (--jobs) are accepted and ignored */
    for (int i = 0; i < mt_count; i++) {
        printf("[tsan] %s\n", mt_tests[i].name);
        fflush(stdout);
        mt_skipped += run_one(mt_tests[i].fn);
    }
    printf("[tsan] %d passed, %d skipped\n", mt_count - mt_skipped, mt_skipped);
    return mt_count > 0 ? 0 : 1;
}
#else
typedef int mt_main_unused;   /* ISO C wants at least one declaration */
#endif
