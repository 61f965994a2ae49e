/* drivers.c — the database drivers this program links (liblazypipe-sqlite.a,
 * liblazypipe-postgres.a, liblazypipe-duckdb.a), registered once before a run. */
#include "cli.h"

void cli_register_drivers(void)
{
    static int done;
    if (done) return;
    done = 1;
    lp_driver_register(lp_driver_sqlite());
    lp_driver_register(lp_driver_postgres());
    lp_driver_register(lp_driver_duckdb());
}
