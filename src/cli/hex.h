/* hex.h — the four hex digits of a JSON \uXXXX escape, for the apps' readers of JSON strings: the
 * CLI's YAML reader (yaml_out.c), its lock file reader (mod_lock.c) and the server's request parser
 * (server/request.c).  The library has its own, js_hex4 (base/json.h): the apps see only
 * lazypipe.h.  Header-only: the fuzzer and test_server_msgs compile request.c alone. */
#ifndef LP_CLI_HEX_H
#define LP_CLI_HEX_H

/* s[0..4) as a hex number into *out (either case): 0, or -1 when one is not a hex digit (s must
 * hold 4 bytes). */
static inline int cli_hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

#endif
