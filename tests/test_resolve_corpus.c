/* test_resolve_corpus.c — background resolution on the real corpora and the
 * reference's lazy-loading fixtures.  Every expected value below was worked
 * out by hand from the .pp files (file and lines given with each), not taken
 * from this program's output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"
#include "support/shared.h"

static lp_workspace *open_dir(const char *rel)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ts_data(rel));
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, NULL, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, 60000), LP_OK);
    return ws;
}

/* The tags as "k=v;k=v" (sorted by key, as lp_tags are). */
static const char *tags_text(const lp_entry_info *e, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < e->tags.n; i++) {
        const char *k, *v;
        lp_tags_at(&e->tags, i, &k, &v);
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s=%s", i ? ";" : "", k, v);
    }
    return buf;
}

#define TAGS_EQ(ws, name, want) do { lp_entry_info e_ = wf_get(ws, name); char b_[2048]; \
        cr_expect_eq(e_.unresolved & LP_UNRES_TAGS, 0, "%s tags unresolved", name); \
        cr_expect_str_eq(tags_text(&e_, b_, sizeof b_), want, "%s", name); } while (0)

Test(resolve_corpus, aws_compliance)
{
    lp_workspace *ws = open_dir("corpus/aws_compliance");
    /* variables.pp 2-8 (aws_compliance_common_tags) + cis_v150/cis.pp 1-6
     * (cis, cis_version) + cis.pp 20-22 (type): the six eager tags */
    TAGS_EQ(ws, "aws_compliance.benchmark.cis_v150",
            "category=Compliance;cis=true;cis_version=v1.5.0;plugin=aws;service=AWS;type=Benchmark");
    /* + cis_v150/section_1.pp 1-5 (cis_section_id) and 34-36 (type) */
    TAGS_EQ(ws, "aws_compliance.benchmark.cis_v150_1",
            "category=Compliance;cis=true;cis_section_id=1;cis_version=v1.5.0;plugin=aws;service=AWS;type="
            "Benchmark");
    /* section_1.pp 81-93: its own four tags, service overriding AWS */
    TAGS_EQ(ws, "aws_compliance.control.cis_v150_1_4",
            "category=Compliance;cis=true;cis_item_id=1.4;cis_level=1;cis_section_id=1;cis_type=automated;"
            "cis_version=v1.5.0;plugin=aws;service=AWS/IAM");
    lp_entry_info c = wf_get(ws, "aws_compliance.control.cis_v150_1_4");
    cr_expect_str_eq(c.title, "1.4 Ensure no 'root' user account access key exists");
    /* documentation = file("./cis_v150/docs/cis_v150_1_4.md"): relative to the mod root */
    cr_expect_eq(c.unresolved & LP_UNRES_DOCUMENTATION, 0);
    cr_expect(strlen(c.documentation) > 0);

    /* conformance_pack/athena.pp 33-53 with variables.pp 28-56: the
     * %{~if}...%{endif~} lines give ", __QUALIFIER__region, __QUALIFIER__account_id"
     * for the default ["account_id", "region"], replace() drops the qualifier,
     * and the flush heredoc (4 columns) keeps 2 spaces before the interpolation */
    lp_entry_info q = wf_get(ws, "aws_compliance.query.athena_workgroup_encryption_at_rest_enabled");
    cr_expect_eq(q.unresolved & LP_UNRES_SQL, 0);
    cr_expect(strstr(q.sql, "  end as reason\n  , region, account_id\nfrom\n  aws_athena_workgroup;\n") !=
                  NULL,
              "%s", q.sql);

    /* conformance_pack/fsx.pp 1-5 and 12-28: a family whose common tags are
     * only its service (it does not merge aws_compliance_common_tags) */
    TAGS_EQ(ws, "aws_compliance.control.fsx_file_system_protected_by_backup_plan",
            "acsc_essential_eight=true;cisa_cyber_essentials=true;fedramp_low_rev_4=true;fedramp_moderate_"
            "rev_4=true;"
            "gxp_21_cfr_part_11=true;gxp_eu_annex_11=true;hipaa_final_omnibus_security_rule_2013=true;"
            "hipaa_security_rule_2003=true;nist_800_171_rev_2=true;nist_csf=true;nist_csf_v2=true;pci_dss_"
            "v321=true;"
            "pci_dss_v40=true;rbi_itf_nbfc=true;service=AWS/FSx;soc_2=true");
    /* every control's tags resolve (all are literal maps, locals or merges
     * of them: no run-time references in this mod) and are not empty */
    uint32_t n = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_CONTROL, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_CONTROL, id)) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        cr_expect_eq(e.unresolved & LP_UNRES_TAGS, 0, "%s", e.name);
        cr_expect_gt(e.tags.n, 0, "%s", e.name);
        n++;
    }
    cr_expect_gt(n, 1000);
    lp_close(ws);
}

/* Tags of the corpora and the lazy-loading fixtures, each row's mod opened once for its rows. */
static const struct {
    const char *mod, *entry, *tags;
} TAGS[] = {
    /* dashboards/redshift/redshift.pp 1-5 + redshift_cluster_dashboard.pp 6-8 */
    { "corpus/aws_insights", "aws_insights.dashboard.redshift_cluster_dashboard",
      "service=AWS/Redshift;type=Dashboard" },
    /* locals.pp 3-7 + detections/config.pp 1-7 (folder, service) + 18-20 */
    { "corpus/aws_cloudtrail_log_detections", "aws_cloudtrail_log_detections.benchmark.config_detections",
      "category=Detections;folder=Config;plugin=aws;service=AWS/Config;type=Benchmark" },
    /* config.pp 31-33 */
    { "corpus/aws_cloudtrail_log_detections", "aws_cloudtrail_log_detections.detection.config_rule_deleted",
      "category=Detections;folder=Config;mitre_attack_ids=T1562.001;plugin=aws;service=AWS/Config" },
    /* simple/mod.pp 6-11 and benchmark.pp 3-6: tags = local.common_tags */
    { "testdata/powerpipe/lazy-loading-tests/simple", "lazy_simple.benchmark.simple",
      "category=simple;test=true" },
    /* cross-refs/mod.pp 180-201 (variables, locals using vars) and queries.pp
     * (uses_local: tags = local.common_tags) */
    { "testdata/powerpipe/lazy-loading-tests/cross-refs", "lazy_cross_refs.query.uses_local",
      "region=us-east-1;test=cross-refs" },
};

Test(resolve_corpus, tags_of_other_mods_and_fixtures)
{
    lp_workspace *ws = NULL;
    for (size_t i = 0; i < sizeof TAGS / sizeof *TAGS; i++) {
        if (!i || strcmp(TAGS[i].mod, TAGS[i - 1].mod) != 0) {
            if (ws) lp_close(ws);
            ws = open_dir(TAGS[i].mod);
        }
        TAGS_EQ(ws, TAGS[i].entry, TAGS[i].tags);
    }
    lp_close(ws);
}

/* cross-refs/queries.pp (uses_local: sql = local.sql_template) */
Test(resolve_corpus, lazy_loading_sql_from_a_local)
{
    lp_workspace *ws = open_dir("testdata/powerpipe/lazy-loading-tests/cross-refs");
    lp_entry_info q = wf_get(ws, "lazy_cross_refs.query.uses_local");
    cr_expect_str_eq(q.sql, "SELECT * FROM data WHERE region = 'us-east-1'");
    lp_close(ws);
}

/* The real mods are valid: after resolution neither the index nor the
 * resolver has anything to report.  aws_insights has 207 `category =
 * category.x` in node/edge blocks (e.g. dashboards/acm/acm_nodes.pp 1-2):
 * a reference to a category resource, not a string to evaluate. */
Test(resolve_corpus, real_mods_have_no_diagnostics)
{
    static const char *const mods[] = { "corpus/aws_compliance", "corpus/aws_insights",
                                        "corpus/aws_cloudtrail_log_detections" };
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
        lp_workspace *ws = open_dir(mods[i]);
        const lp_diag *d = lp_diag_count(ws) ? lp_diag_at(ws, 0) : NULL;
        cr_expect_eq(lp_diag_count(ws), 0, "%s: %s:%u: %s", mods[i], d ? d->file : "", d ? d->line : 0,
                     d ? d->summary : "");
        d = lp_resolve_diag_count(ws) ? lp_resolve_diag_at(ws, 0) : NULL;
        cr_expect_eq(lp_resolve_diag_count(ws), 0, "%s: %s:%u: %s", mods[i], d ? d->file : "",
                     d ? d->line : 0, d ? d->summary : "");
        if (i == 1) {
            lp_entry_info n = wf_get(ws, "aws_insights.node.acm_certificate");
            cr_expect_str_eq(n.category, "");
            cr_expect_eq(n.unresolved & LP_UNRES_CATEGORY, 0);
        }
        lp_close(ws);
    }
}
