/* driver_host.c — a host of the drivers, built by tests/check_lib.sh from a staged install with
 * `pkg-config --libs lazypipe-sqlite lazypipe-postgres lazypipe-mysql`: runs `select 40 + $1` on
 * the SQLite file argv[1] and prints 42. */
#include <lazypipe.h>
#include <stdio.h>
#include <string.h>

static int row(void *user, const lp_db_cell *cells, uint32_t n)
{
    (void)user;
    if (n == 1) printf("%s\n", cells[0].text);
    return 0;
}

int main(int argc, char **argv)
{
    lp_db_target t = {.scheme = "sqlite", .path = argc > 1 ? argv[1] : ""};
    const lp_driver *d = lp_driver_sqlite();
    lp_db_conn *c;
    lp_error err;
    if (d->connect(&t, &c, &err) != LP_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    lp_db_param p = {LP_DB_INT, "2", 1};
    lp_db_sink s = {NULL, NULL, row};
    int rc = d->exec(c, "select 40 + $1", &p, 1, &s, 0, &err);
    d->close(c);
    if (rc != LP_OK) fprintf(stderr, "%s\n", err.message);
    return rc != LP_OK || strcmp(lp_driver_postgres()->name, "postgres") != 0 ||
           strcmp(lp_driver_mysql()->name, "mysql") != 0;
}
