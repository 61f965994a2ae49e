/* test_mod_units.c — the parts of mod management that know nothing of the installer (src/mods):
 * semver versions and constraints (semver.c) against Masterminds/semver v3's
 * documented rules and the semver 2.0 precedence example; the lock file (lock.c) against a
 * lock file Powerpipe wrote; mod.pp's require blocks (modfile.c) rewritten as Powerpipe's
 * hclwrite writes them, every other byte kept. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "mods/lock.h"
#include "mods/modfile.h"
#include "mods/name.h"
#include "mods/semver.h"

/* ------------------------------------------------------------------ semver */

static int sat(const char *constraint, const char *version)
{
    ms_constraint c;
    ms_version v;
    cr_assert_eq(ms_constraint_parse(constraint, &c), 0, "constraint %s", constraint);
    cr_assert_eq(ms_parse(version, &v), 0, "version %s", version);
    return ms_check(&c, &v);
}

Test(semver, versions_parse_as_masterminds_does)
{
    ms_version v;
    char s[64];
    cr_assert_eq(ms_parse("v1.2", &v), 0);
    ms_format(&v, s, sizeof s);
    cr_assert_str_eq(s, "1.2.0");
    cr_assert_eq(ms_parse("1.0.0-rc.1+build.5", &v), 0);
    ms_format(&v, s, sizeof s);
    cr_assert_str_eq(s, "1.0.0-rc.1+build.5");
    cr_assert_eq(ms_parse("3", &v), 0);
    cr_assert_eq(v.major, 3);
    const char *bad[] = { "", "main", "1.2.3.4", "1.0.0-01", "1..2", "v", "1.2.3-", "x1.0.0", "1.0.0+" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_neq(ms_parse(bad[i], &v), 0, "%s", bad[i]);
}

Test(semver, precedence_is_semver_2)
{
    /* semver.org §11's example, in increasing order */
    const char *order[] = { "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                            "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                            "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                            "1.1.0",       "2.0.0" };
    size_t n = sizeof order / sizeof *order;
    for (size_t i = 0; i + 1 < n; i++) {
        ms_version a, b;
        ms_parse(order[i], &a);
        ms_parse(order[i + 1], &b);
        cr_expect_lt(ms_compare(&a, &b), 0, "%s < %s", order[i], order[i + 1]);
        cr_expect_gt(ms_compare(&b, &a), 0);
    }
    ms_version a, b;
    ms_parse("1.0.0+a", &a);
    ms_parse("1.0.0+b", &b);
    cr_expect_eq(ms_compare(&a, &b), 0, "metadata does not count");
}

Test(semver, constraints)
{
    /* Masterminds/semver v3 README: caret, tilde, wildcards, ranges, or */
    cr_expect(sat("^1.2.3", "1.2.3") && sat("^1.2.3", "1.9.9") && !sat("^1.2.3", "2.0.0") &&
              !sat("^1.2.3", "1.2.2"));
    cr_expect(sat("^0.2.3", "0.2.9") && !sat("^0.2.3", "0.3.0"));
    cr_expect(sat("^0.0.3", "0.0.3") && !sat("^0.0.3", "0.0.4"));
    cr_expect(sat("^1", "1.8.0") && !sat("^1", "2.0.0"));
    cr_expect(sat("~1.2.3", "1.2.9") && !sat("~1.2.3", "1.3.0") && !sat("~1.2.3", "1.2.2"));
    cr_expect(sat("~1", "1.9.0") && !sat("~1", "2.0.0"));
    cr_expect(sat("1.x", "1.5.0") && !sat("1.x", "2.0.0"));
    cr_expect(sat("1.2.x", "1.2.7") && !sat("1.2.x", "1.3.0"));
    /* a bare partial version is a tilde range: Powerpipe's `mod install X@0.10` */
    cr_expect(sat("0.10", "0.10.0") && sat("0.10", "0.10.5") && !sat("0.10", "0.11.0") &&
              !sat("0.10", "0.1.0"));
    cr_expect(sat("v1.0.0", "1.0.0") && !sat("v1.0.0", "1.0.1"));
    cr_expect(sat("*", "0.0.1") && sat("*", "7.3.0"));
    cr_expect(sat(">= 1.2, < 3.0.0", "2.5.0") && !sat(">= 1.2, < 3.0.0", "3.0.0") &&
              !sat(">=1.2 <3", "1.1.9"));
    cr_expect(sat("1.2 - 1.4.5", "1.2.0") && sat("1.2 - 1.4.5", "1.4.5") && !sat("1.2 - 1.4.5", "1.4.6"));
    cr_expect(sat("<1.2.3 || >=2.0.0", "1.0.0") && !sat("<1.2.3 || >=2.0.0", "1.5.0") &&
              sat("<1.2.3 || >=2.0.0", "2.1.0"));
    cr_expect(sat("!=1.2.3", "1.2.4") && !sat("!=1.2.3", "1.2.3"));
    cr_expect(sat("=<1.2", "1.2.9") && !sat("<=1.2", "1.3.0"));
    cr_expect(sat(">1.2", "1.3.0") && !sat(">1.2", "1.2.5"));
    /* pre-releases satisfy only comparisons that name one */
    cr_expect(!sat("*", "1.0.0-rc.1") && !sat("^1.0.0", "1.1.0-beta"));
    cr_expect(sat(">=1.0.0-beta", "1.0.0-rc.1") && sat("1.0.0-rc.1", "1.0.0-rc.1"));
    ms_constraint c;
    const char *notc[] = { "main", "new-feature", "", "1.2.3 ||", ">=", "1.2.3.4" };
    for (size_t i = 0; i < sizeof notc / sizeof *notc; i++)
        cr_expect_neq(ms_constraint_parse(notc[i], &c), 0, "'%s' is a tag, not a constraint", notc[i]);
    cr_expect(ms_constraint_is_prerelease("1.0.0-rc.1") && !ms_constraint_is_prerelease("^1.0.0"));
}

/* ------------------------------------------------------------------ lock file */

/* .mod.cache.json as Powerpipe wrote it (testdata/powerpipe/.../mod_installed), plus a branch and
 * a file-path dependency as pipe-fittings marshals them */
static const char LOCK[] = "{\n"
                           "  \"github.com/pskrbasu/powerpipe-mod-1@v1.0.0\": {\n"
                           "    \"github.com/pskrbasu/powerpipe-mod-2\": {\n"
                           "      \"version\": \"2.0.0\",\n"
                           "      \"name\": \"github.com/pskrbasu/powerpipe-mod-2\",\n"
                           "      \"commit\": \"4b2a3be950455228907170c904a69c8dc468deec\",\n"
                           "      \"git_ref\": \"refs/tags/v2.0.0\",\n"
                           "      \"struct_version\": 20240429,\n"
                           "      \"alias\": \"mod-2\"\n"
                           "    }\n"
                           "  },\n"
                           "  \"local\": {\n"
                           "    \"/tmp/a\\u003cb\\u003e\": {\n"
                           "      \"path\": \"/tmp/a\\u003cb\\u003e\",\n"
                           "      \"name\": \"/tmp/a\\u003cb\\u003e\",\n"
                           "      \"struct_version\": 20240429,\n"
                           "      \"alias\": \"local\"\n"
                           "    },\n"
                           "    \"github.com/pskrbasu/powerpipe-mod-1\": {\n"
                           "      \"branch\": \"new\",\n"
                           "      \"name\": \"github.com/pskrbasu/powerpipe-mod-1\",\n"
                           "      \"commit\": \"43746d1cd00bb9ecdccc9c6babe0a93bef4ee447\",\n"
                           "      \"git_ref\": \"refs/heads/new\",\n"
                           "      \"struct_version\": 20240429,\n"
                           "      \"alias\": \"mod-1\"\n"
                           "    }\n"
                           "  }\n"
                           "}";

Test(lock, reads_and_writes_powerpipes_lock_file_byte_for_byte)
{
    lk_lock l;
    char err[128];
    cr_assert_eq(lk_parse(LOCK, strlen(LOCK), &l, err, sizeof err), 0, "%s", err);
    cr_assert_eq(l.n, 3);
    lk_dep *d =
        lk_get(&l, "github.com/pskrbasu/powerpipe-mod-1@v1.0.0", "github.com/pskrbasu/powerpipe-mod-2");
    cr_assert(d && d->has_version && d->version.major == 2 && !strcmp(d->alias, "mod-2"));
    char dp[256];
    lk_dependency_path(d, dp, sizeof dp);
    cr_expect_str_eq(dp, "github.com/pskrbasu/powerpipe-mod-2@v2.0.0");
    d = lk_get(&l, "local", "github.com/pskrbasu/powerpipe-mod-1");
    lk_dependency_path(d, dp, sizeof dp);
    cr_expect_str_eq(dp, "github.com/pskrbasu/powerpipe-mod-1#new");
    d = lk_get(&l, "local", "/tmp/a<b>");
    cr_assert(d && !strcmp(d->path, "/tmp/a<b>"));
    char *out = lk_format(&l);
    cr_assert_str_eq(out, LOCK);
    free(out);
    lk_free(&l);
}

Test(lock, a_broken_lock_file_is_an_error_not_a_crash)
{
    const char *bad[] = { "",
                          "[]",
                          "{\"local\": 3}",
                          "{\"local\": {\"x\": {\"version\": \"nope\"}}}",
                          "{\"local\": {\"x\": {\"name\": \"x\"",
                          "{} x",
                          "{\"a\": {\"b\": {\"alias\": \"\\u12\"}}}" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        lk_lock l;
        char err[128] = "";
        cr_expect_eq(lk_parse(bad[i], strlen(bad[i]), &l, err, sizeof err), -2, "%s", bad[i]);
        cr_expect(err[0], "a reason for %s", bad[i]);
        cr_expect_eq(l.n, 0);
    }
    lk_lock l;
    cr_assert_eq(lk_parse("{}", 2, &l, NULL, 0), 0);
    char *out = lk_format(&l);
    cr_expect_str_eq(out, "{}");
    free(out);
}

/* ------------------------------------------------------------------ mod.pp require blocks */

static char *rewrite(const char *text, const mf_want *w, size_t n)
{
    mf_mod m;
    cr_assert_eq(mf_scan(text, strlen(text), &m), 0);
    cr_assert(m.found && !m.syntax_error, "scanned %s", text);
    char *out;
    size_t len;
    cr_assert_eq(mf_rewrite(text, strlen(text), &m, w, n, &out, &len), 0);
    cr_assert_eq(strlen(out), len);
    mf_free(&m);
    return out;
}

Test(modfile, a_require_block_is_created_as_powerpipe_writes_it)
{
    /* the mod.pp of Powerpipe's `mod init` then `mod install ...powerpipe-mod-1`
     * (testdata/powerpipe/.../mod_installed/mod.pp) */
    mf_want w = { "github.com/pskrbasu/powerpipe-mod-1", "version", "*" };
    char *out = rewrite("mod \"local\" {\n  title = \"mod_installed\"\n}\n", &w, 1);
    cr_expect_str_eq(out, "mod \"local\" {\n  title = \"mod_installed\"\n  require {\n"
                          "    mod \"github.com/pskrbasu/powerpipe-mod-1\" {\n      version = \"*\"\n    }\n"
                          "  }\n}\n");
    free(out);
    out = rewrite("mod \"local\" {}", &w, 1);
    cr_expect_str_eq(out, "mod \"local\" {\n  require {\n    mod \"github.com/pskrbasu/powerpipe-mod-1\" {\n"
                          "      version = \"*\"\n    }\n  }\n}");
    free(out);
}

static const char ODD[] =
    "# my mod\n"
    "variable \"v\" {\n  default = \"mod \\\"fake\\\" {\" # not a block\n}\n"
    "mod   \"local\"   { // the mod\n"
    "\ttitle       = \"odd\"   /* spaced */\n"
    "  description = <<-EOT\n    require {\n      mod \"x\" { version = \"1\" }\n    }\n  EOT\n"
    "  require {\n"
    "    plugin \"aws\" {\n      min_version = \"0.1\"\n    }\n"
    "    # keep me\n"
    "    mod \"github.com/a/one\" {   version = \"^1.0\"   # pinned\n"
    "      args = { region = \"${var.v}\" }\n    }\n"
    "    mod \"github.com/a/two\" { branch = \"main\" }\n"
    "  }\n"
    "}\n"
    "query \"q\" {\n  sql = \"select 1\"\n}\n";

Test(modfile, comments_and_odd_formatting_are_kept)
{
    mf_mod m;
    cr_assert_eq(mf_scan(ODD, strlen(ODD), &m), 0);
    cr_assert(m.found && !m.syntax_error);
    cr_expect_str_eq(m.name, "local");
    cr_expect_str_eq(m.title, "odd");
    cr_assert_eq(m.nreqs, 2, "the heredoc's text is not a block");
    cr_expect_str_eq(m.reqs[0].name, "github.com/a/one");
    cr_expect_str_eq(m.reqs[0].version, "^1.0");
    cr_expect_str_eq(m.reqs[1].branch, "main");
    mf_free(&m);
    /* nothing changed: the same bytes */
    mf_want same[] = { { "github.com/a/one", "version", "^1.0" }, { "github.com/a/two", "branch", "main" } };
    char *out = rewrite(ODD, same, 2);
    cr_expect_str_eq(out, ODD);
    free(out);
    /* one's version changed, two removed, three added: only those bytes change */
    mf_want w[] = { { "github.com/a/one", "version", "^2" }, { "github.com/a/three", "tag", "v1.0.0" } };
    out = rewrite(ODD, w, 2);
    char *want = NULL;
    cr_assert(
        asprintf(
            &want, "%.*s%s%.*s%s%s", (int)(strstr(ODD, "version = \"^1.0\"") - ODD), ODD, "version = \"^2\"",
            (int)(strstr(ODD, "    mod \"github.com/a/two\"") - (strstr(ODD, "version = \"^1.0\"") + 16)),
            strstr(ODD, "version = \"^1.0\"") + 16,
            "    mod \"github.com/a/three\" {\n      tag = \"v1.0.0\"\n    }\n",
            strstr(ODD, "  }\n}\nquery")) > 0);
    cr_expect_str_eq(out, want);
    free(want);
    free(out);
    /* none left: the require block goes, with its plugin requirement, as Powerpipe deletes it */
    out = rewrite(ODD, NULL, 0);
    const char *req = strstr(ODD, "\n  require {\n    plugin") + 1;
    const char *after = strstr(ODD, "  }\n}\nquery") + 4;
    cr_expect(strncmp(out, ODD, (size_t)(req - ODD)) == 0 && strcmp(out + (req - ODD), after) == 0, "%s",
              out);
    free(out);
}

Test(modfile, broken_files_are_reported_not_crashed_on)
{
    const char *bad[] = { "mod \"x\" {", "mod \"x\" { title = \"unterminated }", "mod \"x\" { /* }",
                          "mod \"x\" { d = <<EOT\nno end\n}",
                          "mod \"x\" { require { mod \"y\" { version = \"1\"" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mf_mod m;
        cr_assert_eq(mf_scan(bad[i], strlen(bad[i]), &m), 0);
        cr_expect(m.syntax_error, "%s", bad[i]);
        mf_free(&m);
    }
    mf_mod m;
    cr_assert_eq(mf_scan("query \"q\" {}\n", 12, &m), 0);
    cr_expect(!m.found);
    char *out;
    size_t len;
    cr_expect_eq(mf_rewrite("query \"q\" {}\n", 12, &m, NULL, 0, &out, &len), -1,
                 "no mod block to write into");
    mf_free(&m);
}
