/* md5.h — MD5 (RFC 1321), for Powerpipe's reference names: the list JSON
 * names a `children` reference by the first 8 hex digits of an MD5.  (The
 * evaluator's md5() uses it too; this header shadows libmd's md5.h.) */
#ifndef LP_MD5_H
#define LP_MD5_H

#include <stddef.h>
#include <stdint.h>

void lp_md5(const void *data, size_t len, uint8_t out[16]);

#endif
