/* imgbytes.h — an index image's bytes as src/image/persist.c lays them out, for the tests that
 * damage an image past its checksums (a crafted image: the structural checks' turn).  The header:
 * its size at 16, the checksum of what follows it up to the segments at 32, the segments' heads'
 * at 40, the header's own at 96 (XXH3 of the header with that field 0); the section table ends the
 * header, 24 bytes a section (offset, size, count, record size), in persist.c's enum order: the
 * segments (S_SEGS) the last but one, their heads (S_SEG_HEADS), which end the file, the last. */
#ifndef LP_TEST_IMGBYTES_H
#define LP_TEST_IMGBYTES_H

#include <stddef.h>
#include <stdint.h>

/* The section `back` places before the table's end (1: the heads, 2: the segments): where it
 * begins, or n when that is not inside the n bytes of img; its count and record size when asked. */
uint64_t img_section(const char *img, size_t n, unsigned back, uint32_t *count, uint32_t *elem);
/* Where the segments begin: img_section(img, n, 2, ...) */
uint64_t img_segs_at(const char *img, size_t n);
/* Every checksum of the n bytes at img made to hold again (nothing when the header is not one). */
void img_fix_checksums(char *img, size_t n);

#endif
