/* genmod.c — deterministic generator of synthetic Powerpipe mods for the bench.
 *
 *   genmod [--seed N] [--manifest FILE] PRESET OUTDIR
 *
 * Writes a mod shaped like the real ones in ../shared/corpus (aws_insights,
 * aws_compliance): dashboards one per file in group folders with nested
 * containers, cards, charts, tables, inputs and `with` blocks; benchmark trees
 * (framework -> sections -> controls) one section per file; queries with
 * `<<-EOQ` heredoc SQL; per-group locals built with merge(); variables; a
 * heredoc template local; file() documentation; and a dependency mod under
 * .powerpipe/mods/github.com/lazypipe-bench/bench_dep@v1.0.0/ with its own mod.pp.
 *
 * Presets follow the reference generator (powerpipe scripts/
 * generate_lazy_test_mods.go): small / medium / large / xlarge ("stress") with
 * 10/50/200/500 dashboards, twice as many queries, three (four for xlarge)
 * times as many controls and 5/25/75/200 benchmarks; xlarge10 and xlarge100 are
 * 10x and 100x xlarge.  samefiles1x / samefiles10x have the same files, the
 * second with ten times the controls per file (the allocation-scaling check).
 *
 * The same seed and preset always give the same bytes.  OUTDIR is emptied
 * first (it must be under a build folder: this program deletes it).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct preset {
    const char *name;
    long dash, query, control, bench;
    int nest;           /* deepest container nesting in a dashboard */
    int dep;            /* write a dependency mod (a tenth of the main one) */
} preset;

static const preset presets[] = {
    { "small", 10, 20, 30, 5, 2, 1 },
    { "medium", 50, 100, 150, 25, 3, 1 },
    { "large", 200, 400, 600, 75, 4, 1 },
    { "xlarge", 500, 1000, 2000, 200, 5, 1 },
    { "xlarge10", 5000, 10000, 20000, 2000, 5, 1 },
    { "xlarge100", 50000, 100000, 200000, 20000, 5, 1 },
    /* 1 framework + 100 section files: 5 vs 50 controls per section file */
    { "samefiles1x", 0, 0, 500, 101, 1, 0 },
    { "samefiles10x", 0, 0, 5000, 101, 1, 0 },
};

/* ------------------------------------------------------------ rng: splitmix64 */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static long rnd(long n) { return n > 0 ? (long)(rng_next() % (uint64_t)n) : 0; }

static const char *words[] = {
    "account", "bucket", "cluster", "instance", "volume", "snapshot", "policy", "role",
    "user", "key", "certificate", "function", "queue", "topic", "table", "stream",
    "gateway", "endpoint", "subnet", "network", "firewall", "vault", "secret", "trail",
    "log", "alarm", "domain", "repository", "pipeline", "cache", "database", "image",
};
static const char *adjs[] = {
    "encrypted", "public", "private", "unused", "rotated", "versioned", "logged",
    "restricted", "tagged", "replicated", "monitored", "compliant", "active", "stale",
};
static const char *chart_types[] = { "column", "bar", "donut", "pie", "line", "area" };
static const char *services[] = { "Compute", "Storage", "Network", "Identity", "Audit", "Data" };
#define NELEM(a) ((long)(sizeof(a) / sizeof((a)[0])))
static const char *word(void) { return words[rnd(NELEM(words))]; }
static const char *adj(void) { return adjs[rnd(NELEM(adjs))]; }

/* ------------------------------------------------------------ output */
typedef struct totals {
    long files, bytes, dirs;
    long dashboards, queries, controls, benchmarks, variables, locals_blocks;
    long nested;        /* dashboard children (containers, cards, charts, ...) */
} totals;

static totals tot;
static FILE *out;
static char out_path[4096];

static void die(const char *what, const char *path)
{
    fprintf(stderr, "genmod: %s %s: %s\n", what, path, strerror(errno));
    exit(2);
}

static void mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(tmp, 0755) && errno != EEXIST) die("mkdir", tmp);
        *p = '/';
    }
    if (mkdir(tmp, 0755) && errno != EEXIST) die("mkdir", tmp);
}

static void open_file(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out_path, sizeof out_path, fmt, ap);
    va_end(ap);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", out_path);
    char *slash = strrchr(dir, '/');
    if (slash) { *slash = 0; mkdirs(dir); }
    out = fopen(out_path, "w");
    if (!out) die("cannot create", out_path);
}

static void close_file(void)
{
    long n = ftell(out);
    if (fclose(out)) die("cannot write", out_path);
    out = NULL;
    tot.files++;
    tot.bytes += n;
}

static void w(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void w(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* A markdown file for file() to read: not a .pp file, so not in the totals,
 * and written beside the .pp file being generated (out stays open). */
static void write_doc(const char *text, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void write_doc(const char *text, const char *fmt, ...)
{
    char path[4096], dir[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) { *slash = 0; mkdirs(dir); }
    FILE *f = fopen(path, "w");
    if (!f) die("cannot create", path);
    fputs(text, f);
    if (fclose(f)) die("cannot write", path);
}

/* indentation: n levels of two spaces */
static const char *ind(int n)
{
    static const char sp[] = "                                                            ";
    int k = 2 * n;
    if (k > (int)sizeof sp - 1) k = (int)sizeof sp - 1;
    return sp + (sizeof sp - 1 - (size_t)k);
}

/* ------------------------------------------------------------ mod.pp, variables */
static void gen_mod_pp(const char *dir, const char *mod, const char *title, int with_dep)
{
    open_file("%s/mod.pp", dir);
    w("mod \"%s\" {\n", mod);
    w("  # Hub metadata\n");
    w("  title         = \"%s\"\n", title);
    w("  description   = \"Synthetic %s mod generated by lazypipe's bench (bench/genmod.c) with "
      "dashboards, benchmarks, controls and queries shaped like the AWS mods.\"\n", title);
    w("  color         = \"#FF9900\"\n");
    w("  documentation = file(\"./docs/index.md\")\n");
    w("  icon          = \"/images/mods/lazypipe/bench.svg\"\n");
    w("  categories    = [\"bench\", \"compliance\", \"dashboard\"]\n\n");
    w("  opengraph {\n    title       = \"Powerpipe Mod for %s\"\n", title);
    w("    description = \"Not the mod title: opengraph is a nested block.\"\n  }\n\n");
    w("  require {\n    plugin \"aws\" {\n      min_version = \"0.91.0\"\n    }\n");
    if (with_dep)
        w("    mod \"github.com/lazypipe-bench/bench_dep\" {\n      version = \"^1.0.0\"\n    }\n");
    w("  }\n}\n");
    close_file();

    write_doc("# Overview\n\nGenerated documentation.\n", "%s/docs/index.md", dir);
}

static void gen_variables(const char *dir, const char *mod)
{
    open_file("%s/variables.pp", dir);
    w("// Benchmarks and controls for specific services override the \"service\" tag\n");
    w("locals {\n  common_tags = {\n    category = \"Compliance\"\n    plugin   = \"aws\"\n"
      "    service  = \"AWS\"\n    mod      = \"%s\"\n  }\n}\n\n", mod);
    w("variable \"region\" {\n  type        = string\n  description = \"The region to check.\"\n"
      "  default     = \"us-east-1\"\n}\n\n");
    w("variable \"threshold\" {\n  type    = number\n  default = 100\n}\n\n");
    w("variable \"common_dimensions\" {\n  type        = list(string)\n"
      "  description = \"A list of common dimensions to add to each control.\"\n"
      "  default     = [\"account_id\", \"region\"]\n}\n\n");
    w("variable \"tag_dimensions\" {\n  type    = list(string)\n  default = []\n}\n\n");
    w("locals {\n  # SQL select clause for the common dimensions\n");
    w("  common_dimensions_sql = <<-EOQ\n");
    w("  %%{~if contains(var.common_dimensions, \"connection_name\")}, _ctx ->> 'connection_name' "
      "as connection_name%%{endif~}\n");
    w("  %%{~if contains(var.common_dimensions, \"region\")}, region%%{endif~}\n");
    w("  %%{~if contains(var.common_dimensions, \"account_id\")}, account_id%%{endif~}\n");
    w("  EOQ\n\n");
    w("  tag_dimensions_sql = <<-EOQ\n");
    w("  %%{~for dim in var.tag_dimensions}, tags ->> '${dim}' as \"${replace(dim, \"\\\"\", "
      "\"\\\"\\\"\")}\"%%{endfor~}\n");
    w("  EOQ\n}\n");
    close_file();
    tot.variables += 4;
    tot.locals_blocks += 2;
}

/* ------------------------------------------------------------ queries */
static void gen_query_body(int lv, const char *table, int with_param)
{
    w("%ssql = <<-EOQ\n", ind(lv));
    w("%s  select\n", ind(lv));
    w("%s    arn as resource,\n", ind(lv));
    w("%s    case\n", ind(lv));
    w("%s      when %s_%s then 'ok'\n", ind(lv), adj(), word());
    w("%s      else 'alarm'\n", ind(lv));
    w("%s    end as status,\n", ind(lv));
    w("%s    title || ' is %s.' as reason\n", ind(lv), adj());
    w("%s    ${local.tag_dimensions_sql}\n", ind(lv));
    w("%s    ${local.common_dimensions_sql}\n", ind(lv));
    w("%s  from\n", ind(lv));
    w("%s    aws_%s\n", ind(lv), table);
    if (with_param) w("%s  where\n%s    arn = $1;\n", ind(lv), ind(lv));
    w("%sEOQ\n", ind(lv));
}

static void gen_query(const char *name, int with_param)
{
    char table[64];
    snprintf(table, sizeof table, "%s_%s", word(), word());
    w("query \"%s\" {\n", name);
    if (rnd(3) == 0) w("  title       = \"%s %s\"\n", adj(), word());
    gen_query_body(1, table, with_param);
    if (with_param)
        w("\n  param \"arn\" {\n    description = \"The ARN to look at.\"\n  }\n");
    w("}\n\n");
    tot.queries++;
}

/* ------------------------------------------------------------ dashboards */
static void ref_query(char *buf, size_t n, long qd, long id)
{
    if (qd > 0) snprintf(buf, n, "query.dq_%ld", id % qd);
    else buf[0] = 0;
}

static void gen_card(int lv, const char *q, const char *input)
{
    w("%scard {\n", ind(lv));
    if (rnd(4) == 0) w("%stype  = \"info\"\n%sicon  = \"currency-dollar\"\n", ind(lv + 1), ind(lv + 1));
    w("%swidth = 2\n", ind(lv + 1));
    if (*q) w("%squery = %s\n", ind(lv + 1), q);
    else w("%ssql   = \"select count(*) as value, 'Total' as label from aws_%s\"\n", ind(lv + 1), word());
    if (input) w("%sargs  = [self.input.%s.value]\n", ind(lv + 1), input);
    w("%s}\n", ind(lv));
    tot.nested++;
}

static void gen_chart(int lv)
{
    w("%schart {\n", ind(lv));
    w("%stitle = \"%s by %s\"\n", ind(lv + 1), word(), word());
    w("%stype  = \"%s\"\n", ind(lv + 1), chart_types[rnd(NELEM(chart_types))]);
    w("%swidth = %ld\n", ind(lv + 1), 3 + rnd(4));
    w("%ssql = <<-EOQ\n", ind(lv + 1));
    w("%s  select\n%s    %s as label,\n%s    count(*) as value\n", ind(lv + 1), ind(lv + 1), word(),
      ind(lv + 1));
    w("%s  from\n%s    aws_%s_%s\n%s  group by\n%s    label\n", ind(lv + 1), ind(lv + 1), word(),
      word(), ind(lv + 1), ind(lv + 1));
    w("%sEOQ\n\n", ind(lv + 1));
    w("%sseries \"count\" {\n", ind(lv + 1));
    w("%spoint \"ok\" {\n%scolor = \"ok\"\n%s}\n", ind(lv + 2), ind(lv + 3), ind(lv + 2));
    w("%spoint \"alarm\" {\n%scolor = \"alert\"\n%s}\n", ind(lv + 2), ind(lv + 3), ind(lv + 2));
    w("%s}\n", ind(lv + 1));
    w("%s}\n", ind(lv));
    tot.nested++;
}

static void gen_table(int lv, const char *q, const char *input)
{
    w("%stable {\n", ind(lv));
    w("%stitle = \"%s\"\n", ind(lv + 1), rnd(2) ? "Overview" : "Tags");
    if (rnd(2)) w("%stype  = \"line\"\n", ind(lv + 1));
    w("%swidth = 6\n", ind(lv + 1));
    if (*q) w("%squery = %s\n", ind(lv + 1), q);
    else w("%ssql   = \"select * from aws_%s\"\n", ind(lv + 1), word());
    if (input && *q) w("%sargs  = [self.input.%s.value]\n", ind(lv + 1), input);
    w("\n%scolumn \"ARN\" {\n%sdisplay = \"none\"\n%s}\n", ind(lv + 1), ind(lv + 2), ind(lv + 1));
    w("%s}\n", ind(lv));
    tot.nested++;
}

static void gen_container(int lv, int depth, int maxdepth, long qd, long di, const char *input)
{
    char q[64];
    w("%scontainer {\n", ind(lv));
    tot.nested++;
    w("%stitle = \"Level %d %s\"\n", ind(lv + 1), depth, word());
    if (depth > 1) w("%swidth = 6\n", ind(lv + 1));
    w("\n");
    ref_query(q, sizeof q, qd, di + (long)depth);
    gen_card(lv + 1, q, input);
    w("\n");
    gen_chart(lv + 1);
    w("\n");
    if (depth < maxdepth) {
        gen_container(lv + 1, depth + 1, maxdepth, qd, di, input);
    } else {
        ref_query(q, sizeof q, qd, di);
        gen_table(lv + 1, q, input);
    }
    w("%s}\n", ind(lv));
}

static void gen_dashboard(long i, long qd, int maxnest, const char *group, const char *dir)
{
    char q[64], input[64];
    int depth = (int)(i % maxnest) + 1;
    int docs = (i % 4) == 0;
    w("dashboard \"dash_%ld\" {\n\n", i);
    w("  title         = \"%s %s Dashboard %ld\"\n", adj(), word(), i);
    if (docs) w("  documentation = file(\"./docs/dashboards/dash_%ld.md\")\n", i);
    w("\n  tags = merge(local.%s_common_tags, {\n    type = \"%s\"\n  })\n\n", group,
      rnd(2) ? "Detail" : "Report");

    snprintf(input, sizeof input, "%s_arn", word());
    ref_query(q, sizeof q, qd, i);
    w("  input \"%s\" {\n    title = \"Select a resource:\"\n", input);
    if (*q) w("    query = %s\n", q);
    else w("    sql   = \"select arn as label, arn as value from aws_%s\"\n", word());
    w("    width = 4\n  }\n\n");
    tot.nested++;

    w("  container {\n\n");
    tot.nested++;
    for (int c = 0; c < 3; c++) {
        ref_query(q, sizeof q, qd, i + c + 1);
        gen_card(2, q, input);
        w("\n");
    }
    w("  }\n\n");

    long nwith = 1 + rnd(3);
    for (long k = 0; k < nwith; k++) {
        ref_query(q, sizeof q, qd, i + 7 * k + 3);
        w("  with \"%s_for_dash_%ld_%ld\" {\n", word(), i, k);
        if (*q) w("    query = %s\n", q);
        else w("    sql   = \"select arn from aws_%s where arn = $1\"\n", word());
        w("    args  = [self.input.%s.value]\n  }\n\n", input);
        tot.nested++;
    }
    gen_container(1, 1, depth, qd, i, input);
    w("}\n\n");
    tot.dashboards++;

    if (docs) write_doc("## Overview\n\nA generated dashboard.\n", "%s/docs/dashboards/dash_%ld.md", dir, i);
}

static void gen_dashboards(const char *dir, long nd, long qd, int maxnest)
{
    const long per_group = 20;
    for (long g = 0; g * per_group < nd; g++) {
        char group[32];
        snprintf(group, sizeof group, "g%03ld", g);
        open_file("%s/dashboards/%s/%s.pp", dir, group, group);
        w("locals {\n  %s_common_tags = merge(local.common_tags, {\n    service = \"AWS/%s%ld\"\n  })\n}\n",
          group, services[g % NELEM(services)], g);
        close_file();
        tot.locals_blocks++;
        for (long i = g * per_group; i < nd && i < (g + 1) * per_group; i++) {
            open_file("%s/dashboards/%s/dash_%ld.pp", dir, group, i);
            gen_dashboard(i, qd, maxnest, group, dir);
            /* the dashboard's own queries: dq_j for j = i, i+nd, i+2nd, ... */
            for (long j = i; j < qd; j += nd) {
                char name[32];
                snprintf(name, sizeof name, "dq_%ld", j);
                gen_query(name, 1);
            }
            close_file();
        }
    }
}

/* ------------------------------------------------------------ benchmarks, controls */
static void gen_control(long k, long qc, const char *tagsrc, long item)
{
    w("control \"c_%ld\" {\n", k);
    w("  title         = \"%ld %s %ss should be %s\"\n", item, word(), word(), adj());
    w("  description   = \"Ensure %s %ss are %s; \\\"%s\\\" resources are flagged.\"\n", word(),
      word(), adj(), adj());
    if (qc > 0 && rnd(10) < 6) {
        w("  query         = query.cq_%ld\n", k % qc);
    } else {
        char table[64];
        snprintf(table, sizeof table, "%s_%s", word(), word());
        gen_query_body(1, table, 0);
    }
    if (rnd(8) == 0) w("  severity      = \"%s\"\n", rnd(2) ? "high" : "low");
    w("\n  tags = merge(local.%s_common_tags, {\n", tagsrc);
    w("    item_id  = \"%ld\"\n", item);
    w("    level    = \"%ld\"\n", 1 + rnd(2));
    long extra = rnd(6);
    for (long e = 0; e < extra; e++) w("    %s_%ld = \"true\"\n", word(), e);
    w("    service  = \"AWS/%s\"\n", services[rnd(NELEM(services))]);
    w("  })\n}\n\n");
    tot.controls++;
}

static void gen_benchmarks(const char *dir, long nc, long nb, long qc, const char *extra_child)
{
    long roots = nb / 10 > 0 ? nb / 10 : 1;
    long leaves = nb - roots;
    if (leaves < 0) leaves = 0;

    for (long r = 0; r < roots; r++) {
        open_file("%s/frameworks/r_%03ld/r_%03ld.pp", dir, r, r);
        w("locals {\n  r_%03ld_common_tags = merge(local.common_tags, {\n", r);
        w("    framework         = \"r_%03ld\"\n    framework_version = \"v%ld.0.0\"\n  })\n}\n\n", r,
          1 + r % 3);
        tot.locals_blocks++;
        w("benchmark \"r_%03ld\" {\n", r);
        w("  title         = \"Framework %ld: %s %s\"\n", r, adj(), word());
        w("  description   = \"The %s benchmark provides prescriptive guidance for configuring %s %ss.\"\n",
          word(), adj(), word());
        w("  documentation = file(\"./docs/frameworks/r_%03ld.md\")\n", r);
        w("  children = [\n");
        int first = 1;
        for (long l = r; l < leaves; l += roots) {
            w("%s    benchmark.s_%ld", first ? "" : ",\n", l);
            first = 0;
        }
        if (leaves == 0)
            for (long k = 0; k < nc; k++) {
                w("%s    control.c_%ld", first ? "" : ",\n", k);
                first = 0;
            }
        if (r == 0 && extra_child) {
            w("%s    %s", first ? "" : ",\n", extra_child);
            first = 0;
        }
        w("\n  ]\n\n  tags = merge(local.r_%03ld_common_tags, {\n    type = \"Benchmark\"\n  })\n}\n", r);
        tot.benchmarks++;
        char tagsrc[32];
        snprintf(tagsrc, sizeof tagsrc, "r_%03ld", r);
        if (leaves == 0)
            for (long k = 0; k < nc; k++) gen_control(k, qc, tagsrc, k + 1);
        close_file();
        write_doc("## Framework\n\nGenerated overview.\n", "%s/docs/frameworks/r_%03ld.md", dir, r);
    }

    for (long l = 0; l < leaves; l++) {
        long r = l % roots;
        long c0 = l * nc / leaves, c1 = (l + 1) * nc / leaves;
        open_file("%s/frameworks/r_%03ld/s_%ld.pp", dir, r, l);
        w("locals {\n  s_%ld_common_tags = merge(local.r_%03ld_common_tags, {\n", l, r);
        w("    section_id = \"%ld\"\n  })\n}\n\n", l);
        tot.locals_blocks++;
        w("benchmark \"s_%ld\" {\n", l);
        w("  title         = \"%ld %s %s\"\n", l, adj(), word());
        w("  children = [\n");
        int first = 1;
        for (long k = c0; k < c1; k++) {
            w("%s    control.c_%ld", first ? "" : ",\n", k);
            first = 0;
        }
        /* every 7th section also lists the previous section's first control:
         * controls with several parents, as in the compliance mods */
        if (l % 7 == 6 && l > 0 && (l - 1) * nc / leaves < c0) {
            w("%s    control.c_%ld", first ? "" : ",\n", (l - 1) * nc / leaves);
            first = 0;
        }
        w("\n  ]\n\n  tags = merge(local.s_%ld_common_tags, {\n    type = \"Benchmark\"\n  })\n}\n\n", l);
        tot.benchmarks++;
        char tagsrc[32];
        snprintf(tagsrc, sizeof tagsrc, "s_%ld", l);
        for (long k = c0; k < c1; k++) gen_control(k, qc, tagsrc, k - c0 + 1);
        close_file();
    }
}

static void gen_control_queries(const char *dir, long qc)
{
    const long per_file = 25;
    for (long f = 0; f * per_file < qc; f++) {
        open_file("%s/query/q_%03ld.pp", dir, f);
        for (long j = f * per_file; j < qc && j < (f + 1) * per_file; j++) {
            char name[32];
            snprintf(name, sizeof name, "cq_%ld", j);
            gen_query(name, 0);
        }
        close_file();
    }
}

/* ------------------------------------------------------------ one mod */
static void gen_one(const char *dir, const char *mod, const char *title, long nd, long nq, long nc,
                    long nb, int maxnest, int with_dep, const char *extra_child)
{
    long qd = nd > 0 ? nq / 2 : 0;  /* half the queries belong to dashboards */
    long qc = nq - qd;
    gen_mod_pp(dir, mod, title, with_dep);
    gen_variables(dir, mod);
    if (nd > 0) gen_dashboards(dir, nd, qd, maxnest);
    if (qc > 0) gen_control_queries(dir, qc);
    if (nb > 0) gen_benchmarks(dir, nc, nb, qc, extra_child);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    uint64_t seed = 42;
    const char *manifest = NULL;
    int ai = 1;
    for (; ai < argc && argv[ai][0] == '-'; ai++) {
        if (!strcmp(argv[ai], "--seed") && ai + 1 < argc) seed = strtoull(argv[++ai], NULL, 10);
        else if (!strcmp(argv[ai], "--manifest") && ai + 1 < argc) manifest = argv[++ai];
        else break;
    }
    if (argc - ai != 2) {
        fprintf(stderr, "usage: genmod [--seed N] [--manifest FILE] PRESET OUTDIR\npresets:");
        for (long i = 0; i < NELEM(presets); i++) fprintf(stderr, " %s", presets[i].name);
        fprintf(stderr, "\n");
        return 2;
    }
    const preset *p = NULL;
    for (long i = 0; i < NELEM(presets); i++)
        if (!strcmp(presets[i].name, argv[ai])) p = &presets[i];
    if (!p) {
        fprintf(stderr, "genmod: unknown preset %s\n", argv[ai]);
        return 2;
    }
    const char *dir = argv[ai + 1];
    struct stat st;
    if (stat(dir, &st) == 0 && nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        die("cannot empty", dir);
    mkdirs(dir);
    rng_state = seed;

    char mod[64], title[128];
    snprintf(mod, sizeof mod, "bench_%s", p->name);
    snprintf(title, sizeof title, "Bench %s", p->name);
    gen_one(dir, mod, title, p->dash, p->query, p->control, p->bench, p->nest, p->dep,
            p->dep ? "bench_dep.benchmark.r_000" : NULL);
    if (p->dep) {
        char depdir[4096];
        snprintf(depdir, sizeof depdir, "%s/.powerpipe/mods/github.com/lazypipe-bench/bench_dep@v1.0.0",
                 dir);
#define TENTH(x) ((x) / 10 > 0 ? (x) / 10 : 1)
        gen_one(depdir, "bench_dep", "Bench dependency", TENTH(p->dash), TENTH(p->query),
                TENTH(p->control), TENTH(p->bench), p->nest, 0, NULL);
    }

    FILE *m = manifest ? fopen(manifest, "w") : stdout;
    if (!m) die("cannot create", manifest);
    fprintf(m,
            "{\"preset\":\"%s\",\"seed\":%llu,\"pp_files\":%ld,\"pp_bytes\":%ld,\"dashboards\":%ld,"
            "\"benchmarks\":%ld,\"controls\":%ld,\"queries\":%ld,\"variables\":%ld,"
            "\"locals_blocks\":%ld,\"dashboard_children\":%ld,\"top_level_resources\":%ld}\n",
            p->name, (unsigned long long)seed, tot.files, tot.bytes, tot.dashboards, tot.benchmarks,
            tot.controls, tot.queries, tot.variables, tot.locals_blocks, tot.nested,
            tot.dashboards + tot.benchmarks + tot.controls + tot.queries + tot.variables);
    if (manifest && fclose(m)) die("cannot write", manifest);
    return 0;
}
