/* pgmarked.c — see pgmarked.h. */
#include "pgmarked.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>

int pgm_active(PGconn *pg, const char *marker)
{
    const char *params[1] = { marker };
    PGresult *r = PQexecParams(pg, "select count(*) from pg_stat_activity where state = 'active' and "
                                   "query like '%' || $1 || '%' and pid <> pg_backend_pid()",
                               1, NULL, params, NULL, NULL, 0);
    cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(pg));
    int n = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return n;
}

int pgm_left_after(PGconn *pg, const char *marker, int ms)
{
    const struct timespec slice = { 0, 100 * 1000000L };
    int left = pgm_active(pg, marker);
    for (int waited = 0; waited < ms && left > 0; waited += 100) {
        nanosleep(&slice, NULL);
        left = pgm_active(pg, marker);
    }
    return left;
}

void pgm_terminate(PGconn *pg, const char *marker)
{
    const char *params[1] = { marker };
    PQclear(PQexecParams(pg, "select pg_terminate_backend(pid) from pg_stat_activity "
                             "where query like '%' || $1 || '%' and pid <> pg_backend_pid()",
                         1, NULL, params, NULL, NULL, 0));
}
