/* fuzz_modedit.c — libFuzzer target: the mod.pp editor (src/mods/modfile.c) on any text, with one
 * edit of its require entries as mod install, update and uninstall make.
 *
 * Input: byte 0 picks the edit (add an entry, change one's version, remove one), byte 1 the entry
 * and the value, the rest is mod.pp.  Only what the installer would edit is edited: a file the
 * scanner reads without error, with a mod block, each entry named once with a value and no NUL.
 * Then, as the installer requires before it writes anything:
 *  - every byte outside the edited region is kept (the text before and after it, byte for byte);
 *  - when the file parsed as HCL (the library's parser), the edited file parses too: the installer
 *    refuses an edit that does not (mf_parses), so one that breaks a valid file is a bug here. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mods/modfile.h"

#define CHECK(c)                                                                                             \
    do {                                                                                                     \
        if (!(c)) {                                                                                          \
            fprintf(stderr, "fuzz_modedit: %s\n", #c);                                                       \
            __builtin_trap();                                                                                \
        }                                                                                                    \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* values a require gets: constraints, and strings HCL must escape */
static const char *const values[] = { "*",        "^1.0",  "v1.2.3",     "a\"b", "x\\y",
                                      "${var.x}", "%{if}", "two\nlines", "" };

enum { ADD, UPDATE, REMOVE };

/* what the installer edits: an error-free scan, a mod block, each entry named once with a value */
static int editable(const mf_mod *m)
{
    if (!m->found || m->syntax_error) return 0;
    for (size_t i = 0; i < m->nreqs; i++) {
        const char *attr;
        if (m->reqs[i].nul_value || !mf_req_value(&m->reqs[i], &attr) ||
            m->reqs[i].attr_end <= m->reqs[i].attr_start)
            return 0;
        for (size_t k = 0; k < i; k++)
            if (!strcmp(m->reqs[k].name, m->reqs[i].name)) return 0;
    }
    return 1;
}

/* the edited region [*lo, *hi) of the input: outside it the output is the input */
static void edited_region(const char *s, size_t len, const mf_mod *m, int op, size_t pick, size_t *lo,
                          size_t *hi)
{
    if (op == ADD) {
        *lo = m->has_require ? m->req_start : m->mod_open + 1;
        *hi = m->has_require ? m->req_close : m->mod_close;
    } else if (op == UPDATE) {
        *lo = m->reqs[pick].attr_start;
        *hi = m->reqs[pick].attr_end;
    } else {
        *lo = m->nreqs == 1 ? m->req_start : m->reqs[pick].def_start;
        *hi = m->nreqs == 1 ? m->req_close + 1 : m->reqs[pick].body_end;
        mf_whole_lines(s, len, lo, hi);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    int op = data[0] % 3;
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    mf_mod m;
    if (mf_scan(text, len, &m) != 0) return 0;
    if (!editable(&m) || (op != ADD && !m.nreqs)) {
        mf_free(&m);
        return 0;
    }
    size_t pick = m.nreqs ? data[1] % m.nreqs : 0;
    const char *value = values[data[1] % (sizeof values / sizeof *values)];
    mf_want want[64];
    size_t n = 0;
    for (size_t i = 0; i < m.nreqs && n < 63; i++) {
        if (op == REMOVE && i == pick) continue;
        want[n].name = m.reqs[i].name;
        want[n].value = mf_req_value(&m.reqs[i], &want[n].attr);
        if (op == UPDATE && i == pick) want[n].attr = "version", want[n].value = value;
        n++;
    }
    if (m.nreqs > n + (op == REMOVE)) { /* more entries than want holds */
        mf_free(&m);
        return 0;
    }
    if (op == ADD) want[n++] = (mf_want){ "github.com/fuzz/new", "version", value };
    char *out = NULL, *why = NULL;
    size_t out_len = 0;
    CHECK(mf_rewrite(text, len, &m, want, n, &out, &out_len) == 0);
    size_t lo, hi;
    edited_region(text, len, &m, op, pick, &lo, &hi);
    CHECK(lo <= hi && hi <= len && out_len >= lo + (len - hi));
    CHECK(memcmp(out, text, lo) == 0);
    CHECK(memcmp(out + out_len - (len - hi), text + hi, len - hi) == 0);
    int parsed = mf_parses("mod.pp", text, len, &why);
    free(why);
    why = NULL;
    if (parsed == 1) {
        int edited = mf_parses("mod.pp", out, out_len, &why);
        if (edited == 0)
            fprintf(stderr, "fuzz_modedit: the edit broke a valid file: %s\n%.*s\n", why, (int)out_len, out);
        CHECK(edited != 0);
        free(why);
    }
    free(out);
    mf_free(&m);
    return 0;
}
