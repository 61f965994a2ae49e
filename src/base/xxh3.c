/* xxh3.c — XXH3-64 with AVX2 where the CPU has it (xxh3.h).  Its own unit: xxhash's
 * dispatch settings (XXH_X86DISPATCH: 64-byte aligned accumulators, AVX2 code under a
 * target attribute) must come before any other inclusion of xxhash.h.
 *
 * The AVX2 path calls xxhash's inline internals (XXH3_hashLong_64b_internal and its accumulator
 * functions), whose signatures changed in 0.8.2: it is built only against the 0.8.1 headers it
 * was written for (Debian 12's), on x86-64; elsewhere every length takes XXH3_64bits. */
#if defined(__x86_64__)
#define XXH_INLINE_ALL
#define XXH_X86DISPATCH
#define XXH_DISPATCH_AVX2 1
#define XXH_TARGET_AVX2 __attribute__((__target__("avx2")))
#include <immintrin.h>   /* the AVX2 types, before xxhash.h uses them (as xxhash's dispatcher does) */
#include <sys/platform/x86.h>
#endif
#include <xxhash.h>

#include "base/xxh3.h"

#if defined(__x86_64__) && XXH_VERSION_NUMBER == 801
#define LP_XXH3_AVX2 1
XXH_TARGET_AVX2 static uint64_t xxh3_avx2(const void *p, size_t n)
{
    return XXH3_hashLong_64b_internal(p, n, XXH3_kSecret, sizeof XXH3_kSecret, XXH3_accumulate_512_avx2,
                                      XXH3_scrambleAcc_avx2);
}
#endif

uint64_t xxh3_64(const void *p, size_t n)
{
#ifdef LP_XXH3_AVX2
    /* CPU_FEATURE_ACTIVE reads what the dynamic loader found (no CPUID of ours): AVX2 present
     * and enabled by the kernel; short inputs take XXH3's own paths, which are not vectorised */
    if (n > XXH3_MIDSIZE_MAX && CPU_FEATURE_ACTIVE(AVX2)) return xxh3_avx2(p, n);
#endif
    return XXH3_64bits(p, n);
}
