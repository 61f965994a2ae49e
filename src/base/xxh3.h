/* xxh3.h — XXH3-64 of long inputs, with AVX2 where the CPU has it.
 *
 * The same value as XXH3_64bits (xxhash's own vectorised variants of one function, as its x86
 * dispatcher picks them), for inputs past XXH3's mid size (240 bytes), whose hash is a loop over
 * 64-byte stripes: the image's large sections (every reopen hashes aws_compliance's 5 MB body:
 * 0.32 ms with AVX2 where the default SSE2 build takes 0.55, cold page cache pages), and the long
 * strings the scan interns (an SQL text, a heredoc) and the files it reads.  A short input takes
 * XXH3's own paths, which are not vectorised (intern.h inlines those).  Stateless: any thread.
 */
#ifndef LP_BASE_XXH3_H
#define LP_BASE_XXH3_H

#include <stddef.h>
#include <stdint.h>

uint64_t xxh3_64(const void *p, size_t n);

#endif
