/* db.h — the driver registry and connection strings (layer `db`, above base).
 *
 * The driver table (lp_driver) and the parsed address (lp_db_target) are public (lazypipe.h):
 * drivers live in their own archives and see only that header.  This layer keeps the drivers
 * a host registered, process-wide, behind a mutex (registration is rare; lookups are one per
 * run), and parses a connection string into a target.
 */
#ifndef LP_DB_H
#define LP_DB_H

#include "lazypipe.h"

/* Steampipe's service: the database a run uses when nothing names one. */
#define DB_DEFAULT_URL "postgres://steampipe@127.0.0.1:9193/steampipe"

/* The registered driver serving scheme ("sqlite", "postgres"), or NULL. */
const lp_driver *db_driver_for(const char *scheme);

#endif
