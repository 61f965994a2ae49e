/* imgbytes.c — an index image's layout for the tests that craft one (imgbytes.h) */
#include "imgbytes.h"

#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t img_section(const char *img, size_t n, unsigned back, uint32_t *count, uint32_t *elem)
{
    uint32_t hsize;
    uint64_t off = n;
    if (n < 20) return n;
    memcpy(&hsize, img + 16, 4);
    if (hsize < 104 + 24 * back || hsize > n) return n;
    const char *s = img + hsize - 24 * back;
    memcpy(&off, s, 8);
    if (count) memcpy(count, s + 16, 4);
    if (elem) memcpy(elem, s + 20, 4);
    return off >= hsize && off <= n ? off : n;
}

uint64_t img_segs_at(const char *img, size_t n)
{
    return img_section(img, n, 2, NULL, NULL);
}

void img_fix_checksums(char *img, size_t n)
{
    uint32_t hsize;
    if (n < 20) return;
    memcpy(&hsize, img + 16, 4);
    if (hsize < 152 || hsize > n) return;
    uint64_t segs = img_segs_at(img, n), heads = img_section(img, n, 1, NULL, NULL);
    if (segs <= heads && heads <= n) {
        uint64_t sum = XXH3_64bits(img + hsize, segs - hsize);
        memcpy(img + 32, &sum, 8);
        sum = XXH3_64bits(img + heads, n - heads);
        memcpy(img + 40, &sum, 8);
    }
    memset(img + 96, 0, 8);
    uint64_t sum = XXH3_64bits(img, hsize);
    memcpy(img + 96, &sum, 8);
}
