/* test_conf_bytes.c — our hcl2json document compared with hashicorp/hcl's BYTE
 * FOR BYTE, on the corpus, the edge cases, mutants of them and generated
 * inputs (numbers, strings with control and HTML characters, key orders,
 * Unicode, templates), all judged live by the oracle.
 *
 * tests/support/hcl_oracle_raw.js runs the same wasm build of hcl2json as
 * ../shared/tools/hcl-oracle but keeps the text Go wrote (key order, number
 * spelling, string escapes), which JSON.parse would lose.  For each input:
 * accepted by both -> the same bytes; rejected by hcl -> the same message
 * ("parse config: [...]" with every diagnostic, or the convert error).  The
 * counts are printed, so a run shows how many inputs agree.  LP_BYTES_SEED
 * reproduces a run; LP_BYTES_KEEP=1 keeps the generated files.
 */
#include <criterion/criterion.h>

#include <gmp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe.h"
#include "hcl/hcl_ast.h"
#include "support/jsontree.h"
#include "support/oracle.h"
#include "support/paths.h"
#include "support/shared.h"

static uint64_t rng;

static uint32_t rnd(uint32_t n) { return ts_xorshift(&rng, n); }   /* deterministic, seeded per run */

static const char *pick(const char *const *v, size_t n) { return v[rnd((uint32_t)n)]; }
#define PICK(v) pick(v, sizeof v / sizeof v[0])
/* append to a generator's char text[] at k */
#define PUT(...) (k += (size_t)snprintf(text + k, sizeof text - k, __VA_ARGS__))

typedef struct gen {
    char dir[64];
    paths files;
    int n;
} gen;

static void add_input(gen *g, const char *text, size_t len)
{
    char f[128];
    snprintf(f, sizeof f, "%s/g%05d.hcl", g->dir, g->n++);
    FILE *o = fopen(f, "wb");
    cr_assert(o);
    fwrite(text, 1, len, o);
    fclose(o);
    paths_add(&g->files, f);
}

static void add_str(gen *g, const char *text) { add_input(g, text, strlen(text)); }

/* ------------------------------------------------------------ generators */

static void random_number(char *o, size_t cap)
{
    size_t k = 0;
    uint32_t nd = 1 + rnd(rnd(4) == 0 ? 170 : 25);
    for (uint32_t i = 0; i < nd && k + 1 < cap; i++)
        o[k++] = (char)('0' + (i == 0 && nd > 1 ? 1 + rnd(9) : rnd(10)));
    if (rnd(2) && k + 40 < cap) {
        o[k++] = '.';
        for (uint32_t i = 0, f = 1 + rnd(30); i < f; i++) o[k++] = (char)('0' + rnd(10));
    }
    if (rnd(2) && k + 16 < cap) {
        static const int exps[] = { 0,   1,   5,   7,   20,  21,  22,  27,  28,
                                    100, 154, 155, 300, 308, 309, 330, 400, 1000 };
        int e = exps[rnd(sizeof exps / sizeof exps[0])] + (int)rnd(3);
        const char *sign = rnd(2) ? "-" : rnd(2) ? "+" : "";
        k += (size_t)snprintf(o + k, cap - k, "%c%s%d", rnd(2) ? 'e' : 'E', sign, e);
    }
    o[k] = '\0';
}

static void gen_numbers(gen *g, int n)
{
    static const char *const fixed[] = {
        "0.0000001", "1e21", "1e-7", "9007199254740993", "-0", "1e400", "-1e400", "0.1", "1.5e-20",
        "123456789e-5",
        "4.9e-324", "1.7976931348623157e308", "2.5", "0.3", "1e-400", "1e-330", "00012.3400",
        "1340780792994259709957402499820584612747936582059239337772356144372176403007354697680187429816690"
        "3427690031858186486050853753882811946569946433649006084097",   /* 2^512 + 1 */
        "1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "000000000000"
        "000000000000000000000000000000000000000000000000001",
    };
    char num[512], text[3000];
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        const char *f = fixed[i];
        snprintf(text, sizeof text, "a = %s\nb = \"x${%s}\"\nc = {%s = 1}\nd = -%s\ne = [%s]\n", f, f, f, f,
                 f);
        add_str(g, text);
    }
    /* beyond 2^(2^31 - 1) Go holds +Inf: text "+Inf", JSON a marshal error
     * (a number just inside the range would make hcl2json print every digit) */
    add_str(g, "a = \"x${1e646456995}\"\nb = {9.5e646456999 = 1}\nc = \"%{if c}${12e700000000}%{endif}\"\n");
    add_str(g, "a = [1, 1e646456995]\n");
    add_str(g, "a = -1e646456995\n");
    /* below 2^-(2^31) it underflows to 0 */
    add_str(g, "a = [1e-646457000, -1e-700000000, \"${5e-646457000}\", \"x${0.1e-646456999}\"]\n");
    for (int i = 0; i < n; i++) {
        random_number(num, sizeof num);
        switch (rnd(5)) {
        case 0: snprintf(text, sizeof text, "a = %s\n", num); break;
        case 1: snprintf(text, sizeof text, "a = \"v${%s}\"\n", num); break;
        case 2: snprintf(text, sizeof text, "a = {%s = true}\n", num); break;
        case 3: snprintf(text, sizeof text, "a = -%s\n", num); break;
        default:
            snprintf(text, sizeof text, "a = \"${%s}\"\nb = [%s, \"%%{if x}${%s}%%{endif}\"]\n", num, num,
                     num);
            break;
        }
        add_str(g, text);
    }
}

/* Exact ties between two 512-bit floats, written out in decimal with a
 * negative exponent beyond 5^248: Go's big.ParseFloat divides by an inexact
 * 576-bit 5^k, so it rounds them one way or the other where a correctly
 * rounded reader would go to even (about half of them differ from MPFR's). */
static void gen_ties(gen *g, int n)
{
    mpz_t odd, p;
    mpz_inits(odd, p, NULL);
    for (int i = 0; i < n; i++) {
        mpz_set_ui(odd, 1);   /* a 513-bit odd integer: halfway between two 512-bit mantissas */
        for (int b = 0; b < 512; b++) {
            mpz_mul_2exp(odd, odd, 1);
            if (b == 511 || rnd(2)) mpz_add_ui(odd, odd, 1);
        }
        unsigned long k = 250 + rnd(800);
        mpz_ui_pow_ui(p, 5, k);
        mpz_mul(p, p, odd);   /* odd / 2^k = odd * 5^k / 10^k */
        char *digits = mpz_get_str(NULL, 10, p);
        size_t nd = strlen(digits);
        size_t cap = nd + k + 64;
        char *text = malloc(cap);
        int w;
        if (nd > k) {
            w = snprintf(text, cap, "a = %.*s.%s\n", (int)(nd - k), digits, digits + nd - k);
        } else {   /* 0.000ddd */
            w = snprintf(text, cap, "a = 0.");
            memset(text + w, '0', k - nd);
            w += (int)(k - nd);
            w += snprintf(text + w, cap - (size_t)w, "%s\n", digits);
        }
        add_input(g, text, (size_t)w);
        free(text);
        free(digits);
    }
    mpz_clears(odd, p, NULL);
}

static void gen_strings(gen *g, int n)
{
    static const char *const bits[] = {
        "a", " ", "\x01", "\x08", "\x0c", "\x1f", "\x7f", "<", ">", "&", "\\\"", "\\\\", "\\n", "\\t", "\\r",
        "\\u0000", "\\u0008", "\\u000c", "\\u001b", "\\u007f", "\\u2028", "\\u2029", "\xe2\x80\xa8",
        "\xc2\x85",
        "\\U0001F600", "\xf0\x9f\x98\x80", "e\xcc\x81", "\\u0065\\u0301", "\xef\xbf\xbd", "$${", "%%{", "\\t",
        "\t",
        "\xe0\xa4\x95\xe0\xa4\xbc", "\xea\xb0\x80", "\xe1\x84\x80\xe1\x85\xa1", "\\uFFFF", "\xed\x9f\xbf",
        "'",
    };
    char text[1024];
    for (int i = 0; i < n; i++) {
        size_t k = 0;
        int heredoc = rnd(4) == 0;
        k += (size_t)snprintf(text, sizeof text, heredoc ? "a = <<EOT\n" : "a = \"");
        for (uint32_t j = 0, m = 1 + rnd(12); j < m; j++) {
            const char *b = PICK(bits);
            if (heredoc && b[0] == '\\') b = "x";   /* heredocs have no escapes but \ is literal */
            PUT("%s", b);
        }
        if (rnd(3) == 0) PUT("${x}");
        PUT(heredoc ? "\nEOT\n" : "\"\n");
        add_input(g, text, k);
    }
}

static void gen_keys(gen *g, int n)
{
    static const char *const names[] = { "a",  "b", "B", "_x", "a-b", "aa",
                                         "Z",  "z1", "\xc3\xa9", "x_", "A", "b2" };
    static const char *const keys[] = { "a", "\"b\"", "\"\"", "\"10\"", "\"2\"", "1", "true", "null", "x.y",
                                        "\"\xc3\xa9\"", "\"<\"", "(k)", "\"${k}\"", "\"a b\"", "2",
                                        "\"-1\"" };
    char text[2048];
    for (int i = 0; i < n; i++) {
        size_t k = 0;
        for (uint32_t j = 0, m = 1 + rnd(6); j < m; j++) {
            const char *nm = PICK(names);
            switch (rnd(4)) {
            case 0: PUT("%s {\n  %s = 1\n}\n", nm, PICK(names)); break;
            case 1: PUT("%s \"%s\" {}\n", nm, PICK(names)); break;
            case 2: {
                PUT("%s = {", nm);
                for (uint32_t q = 0, r = rnd(5); q < r; q++)
                    PUT("%s%s = %u", q ? ", " : "", PICK(keys), q);
                PUT("}\n");
                break;
            }
            default: PUT("%s = \"%s\"\n", nm, PICK(names)); break;
            }
        }
        add_input(g, text, k);
    }
}

static void gen_templates(gen *g, int n)
{
    static const char *const parts[] = {
        "x", "${null}", "${1}", "${true}", "${a}", "%{if c}", "%{else}", "%{endif}", "%{for v in l}",
        "%{endfor}",
        "${\"s\"}", "${1.50}", "${a ? 1 : null}", "${c ? \"y\" : \"\"}", "%{if c}${null}%{endif}", "~",
        "%{for k, v in m}${v}%{endfor}", "%{if c}a%{else}${null}%{endif}", "%{ if c ~}", "%{~ endif }", " ",
    };
    char text[1024];
    for (int i = 0; i < n; i++) {
        size_t k = (size_t)snprintf(text, sizeof text, "a = \"");
        for (uint32_t j = 0, m = 1 + rnd(7); j < m; j++) PUT("%s", PICK(parts));
        PUT("\"\n");
        add_input(g, text, k);
    }
}

/* Heredocs (<<EOT and <<-EOT, indented, with strip markers) and nesting of
 * mixed brackets up to 120 levels (beyond 256 is a deliberate difference). */
static void gen_heredocs_and_nesting(gen *g, int n)
{
    static const char *const lines[] = {
        "x", "  y", "${a}", "%{if c}", "%{else}", "%{endif}", "%{for v in l}${v}", "%{endfor}", "${null}",
        "%{ if c ~}", "%{~ endif }", "\t", "  ${1.50}", "$${a}", "%%{b}", "\xc3\xa9", "e\xcc\x81", "",
    };
    static const char *const open[] = { "[", "{a = ", "(", "f(", "\"${", "[1, ", "{\"k\" = " };
    static const char *const close[] = { "]", "}", ")", ")", "}\"", "]", "}" };
    char text[4096];
    for (int i = 0; i < n; i++) {
        size_t k = 0;
        if (rnd(2)) {
            int strip = rnd(2);
            PUT("a = <<%sEOT\n", strip ? "-" : "");
            for (uint32_t j = 0, m = 1 + rnd(5); j < m; j++)
                PUT("%s%s\n", strip && rnd(2) ? "    " : "", PICK(lines));
            PUT("%sEOT\n", strip && rnd(2) ? "  " : "");
        } else {
            uint32_t depth = 1 + rnd(rnd(4) == 0 ? 120 : 10), kinds[120];
            PUT("a = ");
            for (uint32_t j = 0; j < depth; j++)
                PUT("%s", open[kinds[j] = rnd(sizeof open / sizeof open[0])]);
            PUT("%s", rnd(2) ? "x" : "1e3");
            for (uint32_t j = depth; j-- > 0;) PUT("%s", close[kinds[j]]);
            PUT("\n");
        }
        add_input(g, text, k);
    }
}

static void gen_unicode(gen *g, int n)
{
    /* identifier starts and parts around Unicode 9.0's edges, and NFC inputs */
    static const char *const ids[] = {
        "\xe1\xb3\xb2", "\xe1\xb3\xb3", "a\xf0\x91\x87\x89", "\xc3\xa9", "a\xcc\x81", "\xe0\xa4\x95",
        "\xf0\x90\x90\x80",
        "\xe1\xb3\xb7", "a\xe1\xb3\xb7", "\xe0\xa2\xb6", "a\xe0\xa3\x93", "\xf0\x9e\xa4\x80", "a\xe2\x80\x8c",
        "\xe3\x80\xb1", "\xe2\x84\x98", "\xf0\x91\x9c\x80", "\xe0\xb1\xa8", "\xea\xad\xb0",
    };
    static const char *const strs[] = {
        "e\xf0\x9e\x93\xac\xcc\x81", "\xf0\x90\x81\x81\xcc\x81", "e\xcc\x81",
        "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8",
        "a\xcc\xa3\xcc\x87", "\xe0\xa4\xa8\xe0\xa4\xbc", "\xc3\x85", "A\xcc\x8a", "\xe2\x84\xab",
        "\xef\xac\x80",
        "e\xf0\x91\x84\xa7\xcc\x81", "o\xcc\x88\xcc\x81", "\xe1\xbe\xb3\xcd\x82", "e\xe1\xaa\xb0\xcc\x81",
    };
    char text[512];
    for (int i = 0; i < n; i++) {
        int k;
        if (rnd(2)) k = snprintf(text, sizeof text, "%s = 1\n", PICK(ids));
        else k = snprintf(text, sizeof text, "a = \"%s%s\"\n", PICK(strs), rnd(2) ? PICK(strs) : "");
        add_input(g, text, (size_t)k);
    }
}

/* Diagnostics that quote a symbol (Go's %q) or suggest a keyword (edit
 * distance in characters). */
static void gen_diags(gen *g, int n)
{
    static const char *const sel[] = {
        "\t", "\x7f", "\x01", "\x0b", "\x0c", "\x1b", "a", "x", "$", "%", "'", " ", "\xc2\x85", "\xc2\xa0",
        "\xe2\x80\x8b", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xf3\xa0\x80\x81", "\xe6\x97\xa5",
        "\xcc\x81", "\xef\xbb\xbf", "\xf0\x90\x80\x80", "\xee\x80\x80", "\xe1\x85\x9f",
    };
    static const char *const kw[] = {
        "\xe6\x97\xa5", "ifx", "fi", "iff", "\xc3\xa9lse", "els", "endi", "endfo", "en\xcc\x81" "dif", "f",
        "\xe6\x97\xa5\xe6\x97\xa5", "fore", "while", "x", "end", "\xf0\x9d\x90\x80" "f", "eLse", "IF",
    };
    char text[256];
    for (int i = 0; i < n; i++) {
        int k;
        if (rnd(2)) k = snprintf(text, sizeof text, "a = \"x\\%s\"\n", PICK(sel));
        else k = snprintf(text, sizeof text, "a = \"%%{%s%s}\"\n", rnd(3) ? "" : "~ ", PICK(kw));
        add_input(g, text, (size_t)k);
    }
}

/* Runs of code points that NFC reorders, composes, or splits with U+034F
 * after 30 non-starters, as x/text does at Unicode 13.0. */
static void gen_nfc(gen *g, int n)
{
    static const char *const cps[] = {
        "e", "a", "A", "o", "\xc3\xa9", "\xcc\x81", "\xcc\x80", "\xcc\x88", "\xcc\xa3", "\xcc\x96",
        "\xcd\x82", "\xcd\x84", "\xc2\xa8", "\xe1\xb8\x89", "\xe1\x84\x80", "\xe1\x85\xa1",
        "\xe1\x86\xa8", "\xea\xb0\x80", "\xe0\xb3\x86", "\xe0\xb3\x95", "\xf0\x90\x81\x81",
        "\xf0\xa1\x82\x99", "\xe1\x82\x99", "\xf0\x91\x82\xba", "\xf0\x91\x82\x99", "\xf0\x9e\x93\xac",
        "\xe0\xa2\x99", "\xe1\xb7\xb6", "\xe0\xbd\xb3", "\xe1\xbf\x81", "\xe2\x84\xab", "\xef\xac\x80",
    };
    char text[4096];
    for (int i = 0; i < n; i++) {
        size_t k = (size_t)snprintf(text, sizeof text, "a = \"");
        uint32_t m = rnd(3) == 0 ? 25 + rnd(20) : 1 + rnd(8);
        const char *run = PICK(cps);
        for (uint32_t j = 0; j < m; j++) {
            const char *c = rnd(3) == 0 ? PICK(cps) : rnd(2) ? run : "\xcc\x81";
            PUT("%s", c);
        }
        PUT("\"\n");
        add_input(g, text, k);
    }
}

/* Random edits of the given sources (as test_conf_oracle.c's mutants). */
static void gen_mutants(gen *g, const paths *srcs, int n)
{
    static const char *const alpha[] = {
        "{", "}", "[", "]", "(", ")", "\"", "=", ".", ",", "*", ":", "?", "!", "-", "+", "/", "%", "<", ">",
        "&", "|", "~", "$", "#", "\n", " ", "\t", "\\", "${", "%{", "~}", "<<EOT\n", "<<-EOT\n", "EOT\n",
        "...", "=>", "for ", " in ", "if ", "endif", "else", "endfor", "x", "1", "1.5", "1e30", "\"a\"",
        "//c\n", "/*c*/", "\xc3\xa9", "n\xcc\x83", "\xe2\x80\x83", "\r\n", "\x0c", "null", "\x7f",
    };
    if (srcs->n == 0) return;   /* a plain clone: no corpus files to mutate */
    for (int made = 0; made < n;) {
        const char *base = srcs->v[rnd((uint32_t)srcs->n)];
        size_t len = strlen(base), cap = len + 64;   /* 4 edits of at most 8 bytes each */
        char *t = malloc(cap);
        memcpy(t, base, len);
        for (uint32_t k = 0, edits = 1 + rnd(4); k < edits; k++) {
            size_t at = rnd((uint32_t)len + 1);
            uint32_t op = rnd(100);
            if (op < 50) {
                const char *a = PICK(alpha);
                size_t al = strlen(a);
                if (len + al > cap) continue;
                memmove(t + at + al, t + at, len - at);
                memcpy(t + at, a, al);
                len += al;
            } else if (len) {
                size_t del = 1 + rnd(4);
                if (at + del > len) del = len - at;
                memmove(t + at, t + at + del, len - at - del);
                len -= del;
            }
        }
        /* the oracle reads UTF-8 (an invalid byte becomes U+FFFD): keep inputs valid */
        int ok = 1;
        const unsigned char *b = (const unsigned char *)t;
        for (size_t i = 0; i < len && ok;) {
            size_t c = b[i] < 0x80 ? 1 : b[i] >= 0xC2 && b[i] <= 0xDF ? 2 : b[i] >= 0xE0 && b[i] <= 0xEF ? 3
                     : b[i] >= 0xF0 && b[i] <= 0xF4 ? 4 : 0;
            if (!c || i + c > len) ok = 0;
            for (size_t j = 1; ok && j < c; j++) ok = (b[i + j] & 0xC0) == 0x80;
            if (ok && c == 3 && ((b[i] == 0xE0 && b[i + 1] < 0xA0) || (b[i] == 0xED && b[i + 1] >= 0xA0)))
                ok = 0;
            if (ok && c == 4 && ((b[i] == 0xF0 && b[i + 1] < 0x90) || (b[i] == 0xF4 && b[i + 1] >= 0x90)))
                ok = 0;
            i += c ? c : 1;
        }
        if (ok && !memchr(t, '\0', len)) {
            add_input(g, t, len);
            made++;
        }
        free(t);
    }
}

/* ------------------------------------------------------------ comparison */

static char *run_raw_oracle(const char *list)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "node tests/support/hcl_oracle_raw.js --files-from='%s'", list);
    FILE *o = popen(cmd, "r");
    cr_assert(o, "cannot run %s", cmd);
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    for (;;) {
        if (len + 1 >= cap) out = realloc(out, cap *= 2);
        size_t r = fread(out + len, 1, cap - len - 1, o);
        if (!r) break;
        len += r;
    }
    out[len] = '\0';
    int st = pclose(o);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "the raw oracle did not run (status %d): node and NODE_PATH (make bootstrap installs it)?", st);
    return out;
}

/* Past HCL_MAX_DIAGS diagnostics a file's are cut with one "Too many
 * diagnostics" note (a deliberate limit, docs/design.md "Limits"): hcl2json lists
 * them all.  Such a message agrees when everything before our note is how
 * hcl2json's message begins. */
static int capped_prefix_agrees(const char *mine, const char *hcl, const char *file)
{
    const char *note = strstr(mine, HCL_MORE_DIAGS_SUMMARY);
    if (!note) return 0;
    size_t fl = strlen(file);
    const char *start = NULL;   /* the note's own "file:line,col: " */
    for (const char *q = mine; (q = strstr(q, file)) && q < note; q += fl) start = q;
    if (!start) return 0;
    size_t n = (size_t)(start - mine);
    return strncmp(mine, hcl, n) == 0;
}

typedef struct tally {
    int ok_same, ok_differ, err_same, err_differ, verdict_differ;
} tally;

static void compare_all(const paths *files, const char *label)
{
    char list[] = "/tmp/lp_bytes_list_XXXXXX";
    int fd = mkstemp(list);
    cr_assert(fd >= 0);
    FILE *lf = fdopen(fd, "w");
    for (size_t i = 0; i < files->n; i++) fprintf(lf, "%s\n", files->v[i]);
    fclose(lf);
    char *out = run_raw_oracle(list);
    unlink(list);

    tally t = { 0 };
    size_t answered = 0;
    int logged = 0;
    for (char *line = out; line && *line;) {
        orc_errors s = { { 0 }, 0 };
        orc_pair p;
        orc_next_pair(&line, &p, orc_collect_error, &s);
        answered++;
        const char *why = NULL;
        if (p.ok) {
            const jt *raw = jt_get(p.want, "raw");
            if (p.rc != LP_OK) {
                t.verdict_differ++;
                why = "we reject";
            } else if (p.got.len != raw->slen || memcmp(p.got.data, raw->s, p.got.len) != 0) {
                t.ok_differ++;
                why = "bytes differ";
            } else {
                t.ok_same++;
            }
            if (why && logged++ < 40)
                cr_log_error("%s %s: %s\n  hcl:  %.600s\n  ours: %.600s (%s)", label, p.file, why, raw->s,
                             p.rc == LP_OK ? p.got.data : "", p.rc == LP_OK ? "" : p.err.message);
        } else {
            const char *msg = jt_get(p.want, "error")->s;
            lp_buf mine = { 0 };
            orc_error_text(p.rc, &s, &p.err, &mine);
            if (p.rc == LP_OK) {
                t.verdict_differ++;
                why = "we accept";
            } else if (capped_prefix_agrees(mine.data, msg, p.file)) {
                t.err_same++;   /* our per-file cap (docs/design.md, Limits): the first ones agree */
            } else if (strcmp(mine.data, msg) != 0) {
                t.err_differ++;
                why = "message differs";
            } else {
                t.err_same++;
            }
            if (why && logged++ < 40)
                cr_log_error("%s %s: %s\n  hcl:  %.600s\n  ours: %.600s", label, p.file, why, msg,
                             p.rc == LP_OK ? p.got.data : mine.data);
            lp_buf_free(&mine);
        }
        lp_buf_free(&s.msg);
        orc_pair_done(&p);
    }
    free(out);
    int agree = t.ok_same + t.err_same, total = agree + t.ok_differ + t.err_differ + t.verdict_differ;
    cr_log_info("%s: %d of %d inputs agree byte for byte (accepted: %d same, %d differ; rejected: "
                "%d same message, %d differ; verdicts differ: %d)",
                label, agree, total, t.ok_same, t.ok_differ, t.err_same, t.err_differ, t.verdict_differ);
    fprintf(stderr, "%s: %d of %d agree (ok %d/%d, errors %d/%d, verdicts differ %d)\n", label, agree, total,
            t.ok_same, t.ok_same + t.ok_differ, t.err_same, t.err_same + t.err_differ, t.verdict_differ);
    cr_expect_eq(answered, files->n, "the raw oracle answered for %zu of %zu files", answered, files->n);
    cr_expect_eq(agree, total, "%s: %d of %d inputs differ from hcl2json's bytes", label, total - agree,
                 total);
}

static const char *shared_dir(void)
{
    const char *s = getenv("LP_SHARED");
    return s && *s ? s : "../shared";
}

static void need_node(void)
{
    const char *np = getenv("NODE_PATH");
    cr_assert(np && *np, "NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap)");
}

Test(conf_bytes, corpus_matches_hcl2json_bytes, .timeout = 900)
{
    need_node();
    static const char *const wanted[] = { ".pp", ".hcl", ".sp", ".ppvars", ".spvars", ".tf", NULL };
    static const char *const skip[] = { "node_modules", ".git", NULL };
    paths files = { 0 };
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", ts_shared("corpus"));   /* skipped, with why, without it */
    cr_assert(paths_walk(&files, dir, wanted, skip, 0) == 0, "cannot list %s", dir);
    snprintf(dir, sizeof dir, "%s", ts_shared("testdata/powerpipe"));
    cr_assert(paths_walk(&files, dir, wanted, skip, 0) == 0, "cannot list %s", dir);
    cr_assert_gt(files.n, 900);
    compare_all(&files, "corpus");
    paths_free(&files);
}

Test(conf_bytes, generated_inputs_match_hcl2json_bytes, .timeout = 900)
{
    need_node();
    const char *seed = getenv("LP_BYTES_SEED");
    rng = seed ? strtoull(seed, NULL, 10) | 1 : 0x2545F4914F6CDD1Dull;
    gen g = { .dir = "/tmp/lp_bytes_XXXXXX" };
    cr_assert(mkdtemp(g.dir));

    paths srcs = { 0 };
    orc_edge_case_sources(&srcs);
    cr_assert_eq(srcs.n, 350, "edge_cases.jsonl holds 350 inputs, read %zu", srcs.n);
    cr_assert_str_eq(srcs.v[0], "a = 1\n");
    for (size_t i = 0; i < srcs.n; i++) add_input(&g, srcs.v[i], strlen(srcs.v[i]));
    char path[4096];
    size_t len;
    gen_numbers(&g, 400);
    gen_ties(&g, 40);
    gen_strings(&g, 400);
    gen_keys(&g, 300);
    gen_templates(&g, 300);
    gen_unicode(&g, 150);
    gen_diags(&g, 200);
    gen_nfc(&g, 400);
    gen_heredocs_and_nesting(&g, 300);
    gen_mutants(&g, &srcs, 1500);
    /* and mutants of real mods: 300 of 60 corpus files, 1 to 4 edits each */
    static const char *const wanted[] = { ".pp", ".sp", NULL };
    paths corpus = { 0 }, real = { 0 };
    /* (a plain clone has no corpus: the generated inputs above are still compared) */
    snprintf(path, sizeof path, "%s/corpus", shared_dir());
    if (access(path, F_OK) == 0)
        cr_assert(paths_walk(&corpus, path, wanted, NULL, 0) == 0, "cannot list %s", path);
    for (int i = 0; i < 60 && corpus.n; i++) {
        char *text = jt_read_file(corpus.v[rnd((uint32_t)corpus.n)], &len);
        if (text && strlen(text) == len) paths_add(&real, text);
        free(text);
    }
    gen_mutants(&g, &real, 300);
    paths_free(&corpus);
    paths_free(&real);
    compare_all(&g.files, "generated");
    const char *keep = getenv("LP_BYTES_KEEP");
    for (size_t i = 0; i < g.files.n; i++)
        if (!keep || strcmp(keep, "1") != 0) unlink(g.files.v[i]);
    if (!keep || strcmp(keep, "1") != 0) rmdir(g.dir);
    else fprintf(stderr, "generated inputs kept in %s\n", g.dir);
    paths_free(&g.files);
    paths_free(&srcs);
}

/* tests/data/hcl_bytes_cases.jsonl (checked without node by test_conf_edge)
 * still says what the oracle says: re-recorded live, line for line. */
Test(conf_bytes, recorded_cases_are_the_oracles, .timeout = 900)
{
    need_node();
    FILE *o = popen("node tests/support/hcl_oracle_raw.js --cases=tests/data/hcl_bytes_cases.jsonl", "r");
    cr_assert(o);
    size_t cap = 1 << 20, len = 0;
    char *now = malloc(cap);
    for (size_t r; (r = fread(now + len, 1, cap - len - 1, o)) > 0;) {
        len += r;
        if (len + 1 >= cap) now = realloc(now, cap *= 2);
    }
    now[len] = '\0';
    cr_assert_eq(pclose(o), 0, "the raw oracle did not run");
    size_t flen;
    char *file = jt_read_file("tests/data/hcl_bytes_cases.jsonl", &flen);
    cr_assert(file);
    int line = 1, same = 1;
    for (char *a = now, *b = file; *a || *b; line++) {
        char *ae = strchr(a, '\n'), *be = strchr(b, '\n');
        size_t al = ae ? (size_t)(ae - a) : strlen(a), bl = be ? (size_t)(be - b) : strlen(b);
        jt *x = jt_parse(a, al, NULL, 0), *y = jt_parse(b, bl, NULL, 0);
        char why[512];
        if (!x || !y || !jt_equal(x, y, why, sizeof why)) {
            same = 0;
            cr_log_error("line %d: the oracle now says %.300s", line, a);
        }
        jt_free(x);
        jt_free(y);
        if (!ae || !be) break;
        a = ae + 1;
        b = be + 1;
    }
    cr_expect(same, "re-record: node tests/support/hcl_oracle_raw.js "
                    "--cases=tests/data/hcl_bytes_cases.jsonl");
    free(now);
    free(file);
}
