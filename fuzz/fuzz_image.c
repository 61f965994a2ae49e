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
 *                 when they pass, every reader) meet the damage; with the first
 *                 byte 128 or more, each segment's own checksum and its head's
 *                 copy too, so that damage inside a segment meets the walks that
 *                 check it (seg_ready, and seg_lazy_caps reading its pieces).
 * The workspace is opened from the damaged image and everything a user can
 * read is read (tests/support/wsdump.c), then every resource is loaded (a
 * reopened workspace evaluates with the image's scope: persist.c,
 * pst_scope; numbers, sets, objects and locals that failed are in it); then, from the same image, with
 * a.pp edited, so that the open patches the image from its segments; then a live workspace reopens
 * the same image and refreshes after a.pp's edit, which reads resolution's records from it
 * (pst_records) to carry over what did not change; then a second workspace's image, damaged by the
 * same edits, is patched after its locals' file is edited (locals_patch).  A crash, a sanitizer report or a
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
/* A second workspace (beside the first: <dir>.w2), its locals a file of their own (l.pp): after l.pp's
 * edit the open through its damaged image updates the index in place (the same listing) and evaluates
 * every entry that reads them again, reading the pieces of the unchanged files' segments where the
 * image holds them (seg_lazy_caps), which a.pp's edit never asks for */
static char cache2[96], image2[512], w2[96];
static char *good2;
static size_t good2_len;
static const char l_pp[] = "locals {\n  t = { a = \"b\" }\n  s = \"S\"\n}\n";
static const char l_pp_edited[] = "locals {\n  t = { a = \"c\" }\n  s = \"T\"\n}\n";

static void put(const char *rel, const char *text)
{
    if (fz_write(rel, text, strlen(text)) != 0) abort();
}

static void put2(const char *rel, const char *text)
{
    char p[160];
    snprintf(p, sizeof p, "%s/%s", w2, rel);
    if (fz_write_path(p, text, strlen(text)) != 0) abort();
}

static void cleanup(void)
{
    free(good);
    free(good2);
    if (w2[0]) nftw(w2, fz_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The image an open of dir with the cache directory wrote: its path in image (n bytes), its bytes
 * in *bytes (*len).  0, or -1. */
static int keep_image(const char *dir, const char *cache_dir, char *image_path, size_t n, char **bytes,
                      size_t *len)
{
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .index_cache = cache_dir };
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(dir, &o, &ws, &err) != LP_OK) return -1;
    lp_close(ws);
    DIR *d = opendir(cache_dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".lpidx")) snprintf(image_path, n, "%s/%s", cache_dir, de->d_name);
    if (d) closedir(d);
    FILE *f = image_path[0] ? fopen(image_path, "rb") : NULL;
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    *bytes = malloc(*len);
    int ok = *bytes && fread(*bytes, 1, *len, f) == *len;
    fclose(f);
    return ok ? 0 : -1;
}

static int setup2(void)
{
    snprintf(w2, sizeof w2, "%s.w2", fz_dir);
    snprintf(cache2, sizeof cache2, "%s/cache", w2);
    if (mkdir(w2, 0700) != 0 || mkdir(cache2, 0700) != 0) return -1;
    put2("mod.pp", "mod \"w2\" {\n  title = \"W2\"\n}\nvariable \"v\" {\n  default = \"V\"\n}\n");
    put2("l.pp", l_pp);
    put2("c.pp", "benchmark \"b\" {\n  title = \"B ${local.s}\"\n  children = [control.c, control.d]\n}\n"
                 "control \"c\" {\n  title = \"C ${local.t.a}\"\n  tags = local.t\n  sql = \"select 1\"\n}\n"
                 "control \"d\" {\n  title = local.s\n  sql = query.q.sql\n}\n");
    put2("q.pp", "query \"q\" {\n  title = \"Q ${local.s} ${var.v}\"\n  sql = \"select 2\"\n}\n"
                 "dashboard \"d\" {\n  title = local.s\n  card {\n    sql = query.q.sql\n"
                 "    title = local.t.a\n  }\n}\n");
    return keep_image(w2, cache2, image2, sizeof image2, &good2, &good2_len);
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
    return keep_image(fz_dir, cache, image, sizeof image, &good, &good_len) != 0 ? -1 : setup2();
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

/* The 8 bytes at p. */
static uint64_t u64_at(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Every segment's checksum made its (damaged) bytes' and its head's copy their first bytes again
 * (persist.c: S_SEG_INDEX, S_SEGS and S_SEG_HEADS the last three of the section table; a segment's
 * record 40 bytes: its offset and size in S_SEGS, its checksum, its head's offset and length in
 * S_SEG_HEADS, 4 bytes each, then its path's hash). */
static void resum_segments(char *img, size_t len, uint32_t hsize)
{
    if (hsize < 104 + 72 || hsize > len) return;
    const char *t = img + hsize - 72;
    uint64_t ix = u64_at(t), nix = u64_at(t + 8) / 40, segs = u64_at(t + 24), nsegs = u64_at(t + 32),
             heads = u64_at(t + 48), nheads = u64_at(t + 56);
    if (ix > len || nix > (len - ix) / 40 || segs > len || nsegs > len - segs || heads > len ||
        nheads > len - heads)
        return;
    for (uint64_t k = 0; k < nix; k++) {
        char *r = img + ix + k * 40;
        uint64_t off = u64_at(r), n = u64_at(r + 8);
        uint32_t head_off, head_len;
        memcpy(&head_off, r + 24, 4);
        memcpy(&head_len, r + 28, 4);
        if (!n || off > nsegs || n > nsegs - off) continue;
        uint64_t sum = XXH3_64bits(img + segs + off, n);
        memcpy(r + 16, &sum, 8);
        if (head_len <= n && head_off <= nheads && head_len <= nheads - head_off)
            memmove(img + heads + head_off, img + segs + off, head_len);
    }
}

/* A copy of the good image g (len bytes) with the input's damage (the header's edits when header), its
 * checksums made again; NULL: out of memory. */
static char *damaged(const uint8_t *data, size_t size, const char *g, size_t len, int header)
{
    char *img = malloc(len);
    if (!img) return NULL;
    memcpy(img, g, len);
    uint32_t hsize0;
    memcpy(&hsize0, g + 16, 4);
    header = header && hsize0 && hsize0 <= len;
    for (size_t i = header; i + (header ? 3 : 4) <= size; i += header ? 3 : 4) {
        size_t at = header ? ((size_t)data[i] | (size_t)data[i + 1] << 8) % hsize0
                           : ((size_t)data[i] | (size_t)data[i + 1] << 8 | (size_t)data[i + 2] << 16) % len;
        img[at] ^= (char)data[i + (header ? 2 : 3)];
    }
    /* the checksums (persist.c's layout since format 14: the header size at 16,
     * the checksum at 32 of what follows the header up to the segments,
     * the segments' heads' at 40, the header's own at 96 (XXH3 of the header
     * with it zero); the section table ends the header, 24 bytes each, the
     * offset first: the segments' is the last but one, their heads' the last) */
    uint32_t hsize;
    memcpy(&hsize, img + 16, 4);
    if (size && data[0] >= 128) resum_segments(img, len, hsize);
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
    return img;
}

/* The second workspace's image damaged alike, stale by its locals' edit (l.pp), opened and read. */
static void locals_patch(const uint8_t *data, size_t size)
{
    char *img = damaged(data, size, good2, good2_len, size && data[0] == 1);
    if (!img) return;
    if (fz_write_path(image2, img, good2_len) != 0) __builtin_trap();
    put2("l.pp", l_pp_edited);
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .index_cache = cache2 };
    lp_buf out = { 0 };
    wsd_open_dump(w2, &o, 0, 1, &out);
    lp_buf_free(&out);
    put2("l.pp", l_pp);
    free(img);
    if (fz_write_path(image2, good2, good2_len) != 0) __builtin_trap();
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
        if (!(img = damaged(data, size, good, good_len, size && data[0] == 1))) return 0;
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
    if (!(size && data[0] == 0)) locals_patch(data, size);
    return 0;
}
