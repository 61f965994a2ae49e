/* vdoc.h — a document of typed values (the public lp_value tree) and its builder.
 *
 * The library's show documents are built once as a tree (load_json.c) and
 * then either handed out as values (lp_resource_value) or written as JSON
 * (lp_resource_json, vd_write_json): one producer, so the two cannot differ.
 *
 * OWNERSHIP.  Every node and every copied string of a document lives in one
 * arena held by its root; lp_value_free(root) frees them all.  Strings added
 * with vd_str_ref / vd_key_ref are borrowed, not copied: the caller keeps
 * them alive as long as the document (load_json.c borrows from the loaded
 * resource and the workspace, so a resource's document must be freed before
 * the resource is released).  A finished document is immutable: any number
 * of threads may read it at once.  A builder is one thread's.
 */
#ifndef LP_VDOC_H
#define LP_VDOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "lazypipe.h"

typedef struct vd_builder {
    lp_value *root;              /* the holder of the arena, and the first value added */
    lp_value *open;              /* the innermost open list or object; NULL at top level */
    const char *key;             /* the key of the next value inside an object */
    size_t klen;
    int oom;                     /* out of memory, or a call out of place: vd_finish fails */
} vd_builder;

/* Start a document: 0, or -1 when memory runs out. */
int vd_begin(vd_builder *b);
/* Open an object or list (the next values go inside it until vd_end). */
void vd_obj(vd_builder *b);
void vd_list(vd_builder *b);
void vd_end(vd_builder *b);
/* The key of the next value inside an object: copied, or borrowed (NUL-terminated). */
void vd_key(vd_builder *b, const char *key, size_t len);
void vd_key_ref(vd_builder *b, const char *key);
/* Scalars.  vd_str copies the bytes (they need no NUL); vd_str_ref borrows a
 * NUL-terminated string; vd_num takes a number's decimal text (copied). */
void vd_str(vd_builder *b, const char *s, size_t len);
void vd_str_ref(vd_builder *b, const char *s);
void vd_num(vd_builder *b, const char *text, size_t len);
void vd_bool(vd_builder *b, int v);
void vd_null(vd_builder *b);
/* The whole document (every container closed), or NULL after freeing it
 * when memory ran out or the calls did not make one value. */
lp_value *vd_finish(vd_builder *b);
/* Drop an unfinished document. */
void vd_abort(vd_builder *b);

/* v as compact JSON (strings escaped as lp_json_str does), appended to out. */
void vd_write_json(const lp_value *v, lp_buf *out);

#endif
