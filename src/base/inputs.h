/* inputs.h — the table of a workspace's inputs (lp_input_*, lazypipe.h).
 *
 * Every file the build or the resolver reads goes through srcfile_read,
 * which gives its stat and content hash; the reader adds the record here.
 * A table is filled by one thread (the build's, or a resolver thread's) and
 * read only after it is handed over: the build's is moved into the
 * workspace before lp_open returns, the resolver's becomes visible with
 * resolution's completion (resolve.c), so readers need no lock.
 *
 * Its records and their paths live in an arena the owner gives (the
 * workspace's, a resolver context's values), which outlives the table's
 * readers: no allocation of its own but the arena's chunks, and nothing to
 * free.
 */
#ifndef LP_INPUTS_H
#define LP_INPUTS_H

#include <stdint.h>

#include "base/arena.h"
#include "lazypipe.h"
#include "base/srcfile.h"

typedef struct inp_rec {
    const char *path;            /* in the table's arena */
    uint8_t kind;                /* lp_input_kind */
    int32_t err;                 /* errno of the read; 0 read */
    uint64_t size;
    int64_t mtime_ns;
    uint64_t dev, ino, hash;
    uint32_t ctime;              /* srcfile_info.ctime; 0: not recorded (not compared) */
} inp_rec;

typedef struct inp_table {
    inp_rec *v;
    uint32_t n, cap;
    ar_arena *arena;             /* records (grown by copying) and paths */
    int oom;
} inp_table;

void inp_init(inp_table *t, ar_arena *arena);
/* Record path (copied) as read with `info` (info->err set: absent or
 * unreadable).  Memory running out marks the table (t->oom), not the read. */
void inp_add(inp_table *t, lp_input_kind kind, const char *path, const srcfile_info *info);
/* Append every record of `from` (copied; its paths clean, as every table
 * records them) to t. */
void inp_append(inp_table *t, const inp_table *from);
/* Record r as it is, its path not copied: the caller keeps r->path alive as long as t (a patch's
 * inputs carried from the stale image it holds: carry.c, carry_inputs). */
void inp_add_shared(inp_table *t, const inp_rec *r);
/* Room for n more records whose paths take `bytes` (their NULs included), made at once: a
 * table whose size is known ahead is not grown by doubling, its paths not spread over chunks.
 * Memory running out marks the table (t->oom). */
void inp_reserve(inp_table *t, uint32_t n, size_t bytes);

/* A directory's digest as the build records it: the sum of the hashes of
 * every name it lists but "." and "..".  A sum, so the order getdents gives
 * does not matter and the lister needs no sort.  Every name, not only those
 * the build keeps: the ignore rules and the extensions are the build's, and
 * a name the build skipped costs a refresh a re-listing, never a miss. */
static inline uint64_t inp_dir_name_hash(const char *name, size_t len)
{
    if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))) return 0;
    return srcfile_hash(name, len);
}

/* "a/./b" and "a//b" as "a/b", in place: the path as inp_add records it. */
void inp_clean_path(char *p);

void inp_info(const inp_rec *r, lp_input_info *out);

/* Stat r->path now (and hash it when its stat changed): what changed.
 * A file modified shortly before the read that recorded it may be modified
 * again within the same timestamp tick (kernels stamp files at jiffy, not
 * nanosecond, resolution) without its size changing: its stat proves
 * nothing, so one whose recorded mtime is less than INP_RACY_NS before
 * `read_at_ns` (the wall-clock time the workspace was read) is hashed even
 * when its stat is the same, as git does with "racily clean" files.  The
 * ctime counts in the stat when recorded: an in-place edit of the same size
 * with the mtime set back (touch -r, an editor that keeps it) changes it. */
#define INP_RACY_NS 2000000000LL
lp_input_state inp_check(const inp_rec *r, int64_t read_at_ns);

/* The directory of the last input checked, held open while a caller checks many (an image's every
 * input at each reopen, sorted by path: a directory's files come together): each input is stat'ed
 * by its name in that directory, and the kernel walks one component of its path, not all of them
 * (aws_compliance's 1,767 inputs 9 components deep: their stats 1.4 ms instead of 1.8, a whole
 * reopen 0.93x the wall and 0.95x the CPU of a stat by path).  A directory that cannot be opened
 * leaves its inputs to a stat by path. */
typedef struct inp_dirs {
    char dir[4096];
    size_t len;
    int fd;                      /* dir's; -1: none open; -2: dir could not be opened */
} inp_dirs;
void inp_dirs_init(inp_dirs *d);
void inp_dirs_close(inp_dirs *d);
/* inp_check, its stat through d; *hidden (NULL: not asked) set when r changed with its stat as
 * recorded: a racily clean input whose change only its hash showed, which a check trusting the stat
 * (a later read_at: cachedir.h's record) would not see */
lp_input_state inp_check_in(inp_dirs *d, const inp_rec *r, int64_t read_at_ns, int *hidden);

/* The wall-clock time now, in the mtime's terms. */
int64_t inp_now_ns(void);

#endif
