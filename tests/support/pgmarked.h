/* pgmarked.h — the statements a test marked (their SQL holds its marker, in a comment) as the
 * tests' PostgreSQL shows them in pg_stat_activity, read over the test's own connection.  The
 * queries build the pattern from the marker as a parameter, so they never match themselves. */
#ifndef LP_TEST_PGMARKED_H
#define LP_TEST_PGMARKED_H

#include <postgresql/libpq-fe.h>

/* How many marked statements are running now (asserts the query works). */
int pgm_active(PGconn *pg, const char *marker);
/* Wait up to ms for the marked statements to end: how many still run. */
int pgm_left_after(PGconn *pg, const char *marker, int ms);
/* End every marked statement's backend: a failed test leaves nothing running for the next. */
void pgm_terminate(PGconn *pg, const char *marker);

#endif
