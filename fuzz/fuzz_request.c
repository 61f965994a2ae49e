/* fuzz_request.c — libFuzzer target: the server's client-request parser
 * (src/server/request.c) on any bytes, as a WebSocket message reaches it.
 *
 * It must never read past the message, and what it accepts must be what a
 * JSON parser accepts: an accepted input gives NUL-terminated fields within
 * their sizes, and parsing the same bytes again gives the same answer.  The
 * server is CLI code, not in the library, so its parser is compiled in. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../src/server/request.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char a1[64], n1[1024], a2[64], n2[1024];
    int r1 = srv_parse_request((const char *)data, size, a1, sizeof a1, n1, sizeof n1);
    int r2 = srv_parse_request((const char *)data, size, a2, sizeof a2, n2, sizeof n2);
    if (r1 != r2 || (r1 >= 0 && (strcmp(a1, a2) != 0 || strcmp(n1, n2) != 0)) ||
        strlen(a1) >= sizeof a1 || strlen(n1) >= sizeof n1) {
        fprintf(stderr, "fuzz_request: unstable or unterminated answer\n");
        __builtin_trap();
    }
    return 0;
}
