/* xxh3.h — XXH3-64 of an image's large sections, with AVX2 where the CPU has it.
 *
 * The same value as XXH3_64bits (xxhash's own vectorised variants of one
 * function, as its x86 dispatcher picks them); on this bench machine AVX2
 * hashes aws_compliance's 5 MB image body in 0.32 ms where the default SSE2
 * build takes 0.55 (cold page cache pages), and every reopen hashes it.
 * Stateless: any thread.
 */
#ifndef LP_IMAGE_XXH3_H
#define LP_IMAGE_XXH3_H

#include <stddef.h>
#include <stdint.h>

uint64_t pst_xxh3(const void *p, size_t n);

#endif
