/* version.c — the version of the library linked (lazypipe.h: LP_VERSION_NUMBER is the one a host
 * was compiled against). */
#include "lazypipe.h"

_Static_assert(LP_VERSION_NUMBER == 200, "LP_VERSION_NUMBER must agree with LP_VERSION \"0.2.0\"");

int lp_version_number(void) { return LP_VERSION_NUMBER; }

const char *lp_version(void) { return LP_VERSION; }
