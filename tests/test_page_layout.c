/* test_page_layout.c — the layout checker (tests/server/layout_check.js, its rules in
 * layout_rules.js) over a fixed sample of views, at 1280, 1440 and 1920 px, light and dark, the list
 * shown and hidden: 0 findings.  layoutmod's views (literals, SQLite) hold what the page once drew
 * wrong (labels of narrow charts, summary cards over a benchmark's title, a folded graph's labels,
 * wrapping card labels, tall inputs, line tables); on two of them each fault is put back and must be
 * found (LAYOUT_REGRESS).  aws_insights' dashboards over made-up rows (tests/data/corpus_aws.sql, in
 * a schema of this run's own on the tests' PostgreSQL) when ../shared has the corpus.  The whole
 * corpus is walked by `make check-layout-corpus` (too slow for make check). */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "support/shared.h"
#include "support/srvfix.h"
#include "support/wsfix.h"

static int run_node(const char *const *argv, const char *env)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        if (env) putenv((char *)env);
        execvp("node", (char *const *)argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

Test(page_layout, layoutmod, .timeout = 300)
{
    char *dir = wf_tmpdir();
    char cmd[2 * PATH_MAX], db[PATH_MAX + 64], item[4][3 * PATH_MAX];
    snprintf(cmd, sizeof cmd, "cp -r tests/server/layoutmod/. '%s' && sqlite3 '%s/data.db' "
             "'create table t(x); drop table t;'", dir, dir);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    snprintf(db, sizeof db, "sqlite://%s/data.db", dir);
    static const char *const views[] = { "!/layoutmod.dashboard.narrow", "!/layoutmod.dashboard.relations",
                                         "/layoutmod.dashboard.inputs", "!/layoutmod.benchmark.statuses" };
    for (int i = 0; i < 4; i++) snprintf(item[i], sizeof item[i], "%s|%s|%s", dir, db, views[i]);
    const char *argv[] = { "node", "tests/server/layout_check.js", sf_cli(),
                           item[0], item[1], item[2], item[3], NULL };
    cr_assert_eq(run_node(argv, "LAYOUT_REGRESS=1"), 0, "tests/server/layout_check.js found something");
    wf_remove(dir);
}

Test(page_layout, aws_insights_sample, .timeout = 300)
{
    const char *corpus = ts_shared("corpus/aws_insights");
    const char *pg = ts_pg_url();
    char *dir = wf_tmpdir();
    char cmd[4 * PATH_MAX], db[PATH_MAX], schema[64], item[4][3 * PATH_MAX];
    snprintf(schema, sizeof schema, "lp_layout_%ld", (long)getpid());
    snprintf(cmd, sizeof cmd, "cp -r '%s'/. '%s' && sed 's/lp_fake_aws/%s/g' tests/data/corpus_aws.sql | "
             "psql -q '%s' -f - 2>/dev/null", corpus, dir, schema, pg);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    snprintf(db, sizeof db, "%s?options=-csearch_path%%3D%s", pg, schema);
    static const char *const views[] = {
        "/aws_insights.dashboard.acm_certificate_dashboard", "/aws_insights.dashboard.iam_group_dashboard",
        "/aws_insights.dashboard.iam_group_detail?input.group_arn=arn:aws:iam::111111111111:group/g2",
        "/aws_insights.dashboard.codecommit_repository_detail"
        "?input.codecommit_repository_arn=arn:aws:codecommit:us-east-1:111111111111:repo1",
    };
    for (int i = 0; i < 4; i++) snprintf(item[i], sizeof item[i], "%s|%s|%s", dir, db, views[i]);
    const char *argv[] = { "node", "tests/server/layout_check.js", sf_cli(),
                           item[0], item[1], item[2], item[3], NULL };
    int rc = run_node(argv, NULL);
    snprintf(cmd, sizeof cmd, "psql -q '%s' -c 'drop schema %s cascade' >/dev/null 2>&1", pg, schema);
    (void)!system(cmd);
    wf_remove(dir);
    cr_assert_eq(rc, 0, "tests/server/layout_check.js found something");
}
