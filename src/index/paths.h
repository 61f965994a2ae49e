/* paths.h — the `path` key of show and list JSON: each resource's chains of parents from its mod
 * down to itself (paths.c). */
#ifndef LP_INDEX_PATHS_H
#define LP_INDEX_PATHS_H

#include "base/vdoc.h"
#include "index/index.h"

typedef struct idx_paths idx_paths;

/* Every entry's paths, computed the way Powerpipe does over the whole
 * workspace.  LP_OK or LP_ERR_NOMEM. */
int idx_paths_build(const lp_workspace *ws, idx_paths **out);
/* Only the paths of entry id and of the entries below it (a show's resource and its nested blocks):
 * the same paths as idx_paths_build gives them, at the cost of their ancestors and subtree. */
int idx_paths_build_for(const lp_workspace *ws, uint32_t id, idx_paths **out);
void idx_paths_free(idx_paths *p);
/* Whether entry id has paths (Powerpipe omits an empty `path`). */
int idx_paths_has(const idx_paths *p, uint32_t id);
/* Its paths as a JSON array of arrays of names. */
void idx_paths_write(const idx_paths *p, uint32_t id, lp_buf *b);
/* The same paths as document values (strings borrowed from the workspace). */
void idx_paths_value(const idx_paths *p, uint32_t id, vd_builder *v);

#endif
