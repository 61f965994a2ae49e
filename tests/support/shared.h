/* shared.h — where the tests find the shared test material.
 *
 * The material lives at $LP_SHARED (default ../shared, beside the project).
 * Its redistributable part is also in the repository, under tests/data/shared
 * in the same layout, each source with its licence: the HCL edge cases (our
 * own), hashicorp/hcl's specsuite (MPL-2.0) and the aws_cloudtrail_log_detections
 * mod (Apache-2.0).  A test that needs material neither place has is reported
 * as skipped with the reason, never passed silently.
 */
#ifndef LP_TEST_SHARED_H
#define LP_TEST_SHARED_H

#include <stdint.h>

/* rel (e.g. "testdata/hcl/edge_cases.jsonl") in $LP_SHARED when it is there,
 * else in tests/data/shared; when neither has it, the calling test is
 * skipped.  The result stays valid for the next 7 calls. */
const char *ts_data(const char *rel);

/* rel in $LP_SHARED only, for what the repository does not carry (the whole
 * corpus, Powerpipe's AGPL fixtures, the live oracle); else the test is skipped. */
const char *ts_shared(const char *rel);

/* xorshift64*: the next of *state's deterministic sequence, in [0, n) (0 when n is 0). */
uint32_t ts_xorshift(uint64_t *state, uint32_t n);

/* CLOCK_MONOTONIC in seconds (for a test's deadlines and the elapsed times it logs). */
double ts_now_s(void);

/* A TCP socket listening on 127.0.0.1 at a port the kernel picks (*port), nobody accepting on it
 * (backlog connections complete their handshake and wait): a port in use, a server that never
 * answers. */
int ts_listen_local(int backlog, int *port);
/* A loopback port free a moment ago (bound, then closed), for a server under test to listen on. */
int ts_free_port(void);

/* The tests' PostgreSQL: $LP_PG_URL, else the address `make pg-start` serves. */
const char *ts_pg_url(void);
/* The tests' MariaDB server: $LP_MYSQL_URL, else mysql://root@tcp(127.0.0.1:9306)/lazypipe
 * (tests/support/mysql.sh, which make test starts). */
const char *ts_mysql_url(void);

/* Skip the running test with a reason (Criterion's cr_skip_test; the TSan
 * runner's own skip in a TSan build). */
void ts_skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
