/* fuzz_image.c — libFuzzer target: damaged persisted index images
 * (opts.index_cache, src/image/persist.c).
 *
 * At start the target writes a small workspace (every kind of block, tags,
 * children, a variable, a file() target, a syntax error) to a directory of
 * its own, opens it once with an image directory, and keeps the good image
 * that resolution wrote.  Each input then damages that image:
 *   first byte 0: the rest of the input is the whole image, as is;
 *   first byte 1: the header alone: the rest is a list of edits (a 2-byte
 *                 offset into the header and its section table, a byte to
 *                 XOR there), the checksums recomputed afterwards, so that
 *                 the layout checks (sections in order, no overlap or gap,
 *                 exact sizes) meet every forged table;
 *   otherwise:    the input is a list of edits (a 3-byte offset into the
 *                 image, a byte to XOR there), and the header's checksums are
 *                 recomputed afterwards, so that the structural checks (and,
 *                 when they pass, every reader) meet the damage.
 * The workspace is opened from the damaged image and everything a user can
 * read is read (tests/support/wsdump.c), then every resource is loaded (a
 * reopened workspace evaluates with the image's scope: persist.c,
 * pst_scope; numbers, sets, objects and locals that failed are in it); then, from the same image, with
 * a.pp edited, so that the open patches the image from its segments; then a live workspace reopens
 * the same image and refreshes after a.pp's edit, which reads resolution's records from it
 * (pst_records) to carry over what did not change.  A crash, a sanitizer report or a
 * leak is a bug; a rebuild, or a reopened workspace with wrong titles, is
 * not (a crafted image can say anything that is well-formed).
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "lazypipe.h"

/* The fuzz and replay builds link the library alone (Makefile: build/fuzz/%,
 * build/san/replay/%), so the dump the tests use is compiled in here. */
#include "../tests/support/wsdump.c"
#include "fuzz_dir.h"

static char cache[80], image[512];
static const char a_pp[] =
    "benchmark \"b\" {\n  title = \"B ${var.v}\"\n  children = [control.c, control.missing]\n}\n"
    "control \"c\" {\n  title = \"C\"\n  description = local.doc\n"
    "  tags = merge(local.t, { k = \"v\" })\n"
    "  sql = \"select 1\"\n}\nquery \"q\" {\n  sql = \"select 2\"\n}\n";
/* a.pp edited: the image is stale, and the open patches it from its segments */
static const char a_pp_edited[] = "control \"c\" {\n  title = \"E\"\n  sql = \"select 1\"\n}\n";
static char *good;
static size_t good_len;

static void put(const char *rel, const char *text)
{
    if (fz_write(rel, text, strlen(text)) != 0) abort();
}

static void cleanup(void)
{
    free(good);
}

static int setup(void)
{
    if (good) return 0;
    if (fz_dir_make("img") != 0) return -1;
    fz_path(cache, sizeof cache, "cache");
    if (mkdir(cache, 0700) != 0) return -1;
    atexit(cleanup);
    put("mod.pp", "mod \"fz\" {\n  title = \"Fuzz\"\n}\nvariable \"v\" {\n  default = \"V\"\n}\n"
                  "variable \"n\" {\n  default = 0.1\n}\n"
                  "locals {\n  doc = file(\"./doc.md\")\n  t = { a = \"b\" }\n"
                  "  nums = [1, 2.5, 1e40, -3, var.n * 3]\n  s = toset([\"b\", \"a\"])\n"
                  "  bad = nope(1)\n  none = null\n  yes = true\n}\n");
    put("a.pp", a_pp);
    put("s.pp", "query \"sc\" {\n  sql = \"select 1\"\n  title = \"${var.v} ${local.nums[4]} ${local.yes}\"\n"
                "  tags = local.t\n  param \"p\" {\n    default = [local.nums, local.s, local.none]\n"
                "  }\n}\n");
    put("d.pp", "dashboard \"d\" {\n  title = \"D\"\n  container {\n    card {\n      sql = \"select 1\"\n"
                "      width = 4\n    }\n  }\n}\n");
    put("doc.md", "# Doc\n");
    put("bad.pp", "control \"e\" {\n  title = \n}\n");
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .index_cache = cache };
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(fz_dir, &o, &ws, &err) != LP_OK) return -1;
    lp_close(ws);
    DIR *d = opendir(cache);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".lpidx")) snprintf(image, sizeof image, "%s/%s", cache, de->d_name);
    if (d) closedir(d);
    FILE *f = image[0] ? fopen(image, "rb") : NULL;
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    good_len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    good = malloc(good_len);
    if (!good || fread(good, 1, good_len, f) != good_len) abort();
    fclose(f);
    return 0;
}

/* Every resource of the workspace the image reopens, loaded and printed. */
static void load_all(const lp_workspace_opts *o)
{
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(fz_dir, o, &ws, &err) != LP_OK) return;
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        lp_resource *r;
        if (lp_load_entry(ws, id, &r, &err) != LP_OK) continue;
        lp_buf b = { 0 };
        lp_resource_json(r, &b);
        lp_buf_free(&b);
        lp_resource_release(r);
    }
    lp_close(ws);
}

/* A live workspace over the image, refreshed once a.pp is edited (its first refresh carries
 * records over from the image's), and everything read. */
static void live_refresh(const lp_workspace_opts *o)
{
    lp_live *lv = NULL;
    lp_error err;
    if (lp_live_open(fz_dir, o, &lv, &err) != LP_OK) return;
    put("a.pp", a_pp_edited);
    lp_changes c;
    if (lp_refresh(lv, &c) == LP_OK) lp_changes_free(&c);
    lp_workspace *ws = lp_live_acquire(lv);
    lp_buf out = { 0 };
    wsd_dump(ws, 0, &out);
    lp_buf_free(&out);
    lp_live_release(lv, ws);
    lp_live_close(lv);
    put("a.pp", a_pp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (setup() != 0) __builtin_trap();
    char *img;
    size_t len;
    if (size && data[0] == 0) {
        len = size - 1;
        img = malloc(len + 1);
        if (!img) return 0;
        memcpy(img, data + 1, len);
    } else {
        len = good_len;
        img = malloc(len);
        if (!img) return 0;
        memcpy(img, good, len);
        uint32_t hsize0;
        memcpy(&hsize0, good + 16, 4);
        int header = size && data[0] == 1 && hsize0 && hsize0 <= len;
        for (size_t i = header; i + (header ? 3 : 4) <= size; i += header ? 3 : 4) {
            size_t at = header
                            ? ((size_t)data[i] | (size_t)data[i + 1] << 8) % hsize0
                            : ((size_t)data[i] | (size_t)data[i + 1] << 8 | (size_t)data[i + 2] << 16) % len;
            img[at] ^= (char)data[i + (header ? 2 : 3)];
        }
        /* the checksums (persist.c's layout, format 14: the header size at 16,
         * the checksum at 32 of what follows the header up to the segments,
         * the segments' heads' at 40, the header's own at 96 (XXH3 of the header
         * with it zero); the section table ends the header, 24 bytes each, the
         * offset first: the segments' is the last but one, their heads' the last) */
        uint32_t hsize;
        memcpy(&hsize, img + 16, 4);
        uint64_t segs = len, heads = len;
        if (hsize >= 104 && hsize <= len) {
            memcpy(&segs, img + hsize - 48, 8);
            memcpy(&heads, img + hsize - 24, 8);
        }
        if (hsize >= 104 && hsize <= len && segs >= hsize && segs <= heads && heads <= len) {
            uint64_t sum = XXH3_64bits(img + hsize, segs - hsize);
            memcpy(img + 32, &sum, 8);
            sum = XXH3_64bits(img + heads, len - heads);
            memcpy(img + 40, &sum, 8);
        }
        if (hsize >= 104 && hsize <= len) {
            memset(img + 96, 0, 8);
            uint64_t sum = XXH3_64bits(img, hsize);
            memcpy(img + 96, &sum, 8);
        }
    }
    if (fz_write_path(image, img, len) != 0) __builtin_trap();
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .index_cache = cache };
    lp_buf out = { 0 };
    wsd_open_dump(fz_dir, &o, 0, 1, &out);
    lp_buf_free(&out);
    if (fz_write_path(image, img, len) != 0) __builtin_trap();
    load_all(&o);
    /* the same image, stale: a patch reads its segments */
    if (fz_write_path(image, img, len) != 0) __builtin_trap();
    put("a.pp", a_pp_edited);
    wsd_open_dump(fz_dir, &o, 0, 1, &out);
    lp_buf_free(&out);
    put("a.pp", a_pp);
    /* the same image reopened live: the first refresh reads its records */
    if (fz_write_path(image, img, len) != 0) __builtin_trap();
    live_refresh(&o);
    free(img);
    /* the open above rebuilt when the image was refused: put the good one back */
    if (fz_write_path(image, good, good_len) != 0) __builtin_trap();
    return 0;
}
