/* conn.c — connections and the database a leaf runs against (run.h).
 *
 * For now: --database, else Steampipe's default.  Connection blocks of the config path and the
 * resource's and mod's `database` come next. */
#include "base/mem.h"
#include "db/db.h"
#include "run/run.h"

int run_conns_load(lp_run *run, lp_error *err)
{
    (void)run;
    (void)err;
    return LP_OK;
}

void run_conns_free(lp_run *run)
{
    (void)run;
}

char *run_database_url(lp_run *run, const lp_run_node *n, char **why)
{
    (void)n;
    const char *url = run->opts.database && *run->opts.database ? run->opts.database : DB_DEFAULT_URL;
    char *copy = run_strdup(url);
    if (!copy) *why = run_strdup("out of memory");
    return copy;
}
