/* image_writer.c — the end of a command's workspace: its output flushed, then the index image its
 * open deferred written, off the command's exit path, by a process of its own (cli_close, cli_exit);
 * with no image to write, the command's memory left to such a process to unmap (teardown_entry).
 *
 * The writer shares the command's memory (clone with CLONE_VM, as posix_spawn starts its child)
 * rather than a copy of it (fork): started at the command's very end, once nothing else of the
 * process runs, it writes from the workspace where it lies while the command's process exits at
 * once, writing nothing more in it.  fork copied the page tables and write-protected every page for
 * its copies: 0.4-0.5 ms of the command after an edit (aws_compliance, `perf trace`), a third of
 * its time above a reopen, and the exit then unmapped a shared address space page by page.  The
 * sanitized and valgrind builds fork at cli_close as before: they free the workspace there, for
 * their leak checks at the exit. */
#include "cli.h"

#include <dirent.h>
#include <pthread.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef LP_SYSTEM_MALLOC
#include <mimalloc.h>
#endif

#if !defined(__SANITIZE_ADDRESS__) && !defined(LP_SYSTEM_MALLOC)
#define WRITER_SHARES_MEMORY 1
#else
#define WRITER_SHARES_MEMORY 0
#endif

/* Is this process one thread now (/proc/self/task)?  A fork is safe only then: a lock another
 * thread held (the allocator's, stdio's) would stay held in the child forever; and a writer that
 * shares the memory must be alone in it once the command's process is gone. */
static int one_thread(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d) return 0;
    int n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;) n += de->d_name[0] != '.';
    closedir(d);
    return n == 1;
}

/* The writer of a patched large image, which the next command patches again beside it rather than
 * wait for (lp_index_image_awaited): SCHED_IDLE, which gives way to any other task of its scheduling
 * group as soon as that one wakes.  That group is the command's (its session's autogroup: writer_detach
 * keeps the session), so a script's or a terminal's next command has the CPUs whenever it wants them:
 * aws_compliance's second command after an edit, 5.86 ms against 9.06 with the writer at nice 10 in a
 * session, hence an autogroup, of its own (its group's nice 10 too), which the scheduler still ran
 * beside the command's tasks (41 alternated rounds; at SCHED_IDLE in its own group: no change).  Where
 * the policy is refused, nice 10.  A writer the next command waits for keeps its priority: on a busy
 * machine that wait would grow. */
static void background_priority(void)
{
    struct sched_param none = { 0 };
    if (sched_setscheduler(0, SCHED_IDLE, &none) != 0) (void)setpriority(PRIO_PROCESS, 0, 10);
}

/* The writer process first: no terminal, no output (a shell reading the command's output waits for
 * every holder of the pipe to close it: closed before anything else, the wait for the hold included),
 * and a process group of its own, which a Ctrl-C at the terminal or timeout(1)'s signal to the
 * command's group does not reach; in the command's session (above). */
static void writer_detach(void)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; null >= 0 && fd <= 2; fd++) dup2(null, fd);
    setpgid(0, 0);
}

/* Then the image; hold: the cache directory's writer hold when the command took it. */
static _Noreturn void writer_main(lp_workspace *ws, int hold)
{
    if (!lp_index_image_awaited(ws)) background_priority();
    const char *dir = lp_workspace_options(ws)->index_cache;
    if (hold < 0 && lp_index_cache_hold(dir) < 0) _exit(0);   /* (another writer's image is as new) */
    lp_error err;
    (void)lp_save_image(ws, &err);
    _exit(0);
}

/* The writer as a forked child.  1 when it runs (the hold is its), 0 when no child could be made. */
static int fork_writer(lp_workspace *ws, int hold)
{
    pid_t pid = fork();
    if (pid == 0) {
        writer_detach();
        writer_main(ws, hold);
    }
    if (pid < 0) return 0;
    if (hold >= 0) close(hold);   /* the child's copy keeps the hold */
    return 1;
}

#if WRITER_SHARES_MEMORY
typedef struct {
    lp_workspace *ws;
    int hold;
    sigset_t mask;   /* the command's signal mask, the writer's again */
    pid_t command;   /* the command's process */
} writer_job;

static int shared_writer_entry(void *arg)
{
    const writer_job *job = arg;
    pthread_sigmask(SIG_SETMASK, &job->mask, NULL);
    writer_detach();
    writer_main(job->ws, job->hold);
}

/* A command with no image to write (a reopen, a patch that keeps the stale image) leaves its memory
 * to a process of its own to unmap: its exit, which its shell waits for, then finds the memory still
 * in use and unmaps none of it (a patched aws_compliance `dashboard list`: 0.3 ms of the command's
 * wall time, as a command whose writer shares its memory already left it).  That process has no
 * terminal (a pipe reading the command's output ends with the command) and waits for the command to
 * be gone (PR_SET_PDEATHSIG: SIGKILL), then goes, unmapping it on the other CPU. */
static int teardown_entry(void *arg)
{
    const writer_job *job = arg;
    writer_detach();
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) == 0 && getppid() == job->command)
        for (;;) pause();
    _exit(0);
}

/* The writer (entry shared_writer_entry) or the teardown (teardown_entry) as a process sharing this
 * one's memory (and its thread's block: errno, the allocator's heap, stdio's locks), which the caller
 * leaves to it by _exit at once: from the clone to its exit the command's process writes nothing in
 * that memory (every signal blocked, no handler runs; the kernel's exit writes no word of it, see
 * below), so the writer starts at once, as a forked one did (one started after that exit gave a next
 * command that waits for a small image no head start).  0 when it runs; -1 when it could not be made
 * (nothing changed but the thread's exit word). */
static int shared_child(int (*entry)(void *), size_t size, lp_workspace *ws, int hold)
{
    /* its own stack of size bytes, a guard page below it; its descriptors a copy of these (no
     * CLONE_FILES) */
    const size_t guard = (size_t)sysconf(_SC_PAGESIZE);
    char *stack = mmap(NULL, size + guard, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED) return -1;
    if (mprotect(stack, guard, PROT_NONE) != 0) {
        munmap(stack, size + guard);
        return -1;
    }
    static writer_job job;   /* read by the writer after this process is gone: not on its stack */
    job = (writer_job){ .ws = ws, .hold = hold, .command = getpid() };
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &job.mask);
    /* the kernel clears the word set_tid_address named when this thread exits: it lies in the thread
     * block the writer goes on using (its thread id, for glibc's own locks) */
    (void)syscall(SYS_set_tid_address, NULL);
    pid_t pid = clone(entry, stack + size + guard, CLONE_VM | SIGCHLD, &job);
    if (pid > 0) return 0;
    pthread_sigmask(SIG_SETMASK, &job.mask, NULL);
    munmap(stack, size + guard);
    return -1;
}

/* The save cli_close left to the command's end: its workspace and hold. */
static struct {
    lp_workspace *ws;
    int hold;
} pending = { NULL, -1 };
#endif

/* Whether the image is to be written by a writer process, and its hold taken: 1 when that writer
 * takes it (now, or at cli_exit), or another writer had it; 0: write here.
 * LAZYPIPE_CACHE_WRITE=foreground writes here.  The writer holds the cache directory as its writer
 * (lp_index_cache_hold) until it exits, and the next command's open, when it finds no image yet or
 * a small one, waits for it (at most one write) rather than build beside it; when another writer
 * holds it, this one writes nothing (the other's image is as new). */
static int save_elsewhere(lp_workspace *ws)
{
    const char *how = getenv("LAZYPIPE_CACHE_WRITE");
    if ((how && strcmp(how, "foreground") == 0) || !lp_save_image_due(ws) || !one_thread()) return 0;
    /* After a patch the command does not wait, up to 5 ms, for another writer's hold to go (the
     * command's before it, whose writer may still be writing): it tries once, and when the hold is
     * taken the writer waits for it.  Taken here, a next command started at once finds it held, and
     * waits for this image when the stale one there is small (a large one it patches again). */
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    const char *dir = lp_workspace_options(ws)->index_cache;
    int hold = st.patched ? lp_index_cache_hold_now(dir) : lp_index_cache_hold(dir);
    if (!st.patched && hold < 0) return 1;
#if WRITER_SHARES_MEMORY
    if (pending.ws) return fork_writer(ws, hold);   /* (a command's second workspace: written now) */
    pending.ws = ws;
    pending.hold = hold;
    return 1;
#else
    return fork_writer(ws, hold);
#endif
}

void cli_close(lp_workspace *ws)
{
    if (!ws) return;
    fflush(stdout);   /* the answer first: a first open's image is the next command's speed */
    fflush(stderr);
    lp_error err;   /* a cache that cannot be written is no reason to fail the command: silent */
#ifndef LP_SYSTEM_MALLOC
    /* The image's writer makes and frees its sections, and its helper the segments, within
     * mimalloc's 25 ms decommit delay, so every page freed meanwhile stayed resident while new
     * ones were taken: given back at once, a first open's peak RSS (aws_compliance) is 1.5 MiB
     * lower, for ~700 more page faults after the answer, none before it. */
    mi_option_set(mi_option_decommit_delay, 0);
#endif
    if (!save_elsewhere(ws)) (void)lp_save_image(ws, &err);
#if WRITER_SHARES_MEMORY
    /* The exit frees it (the sanitized and valgrind builds free it, for their leak checks): freed
     * here, just before the exit, it gave its pages back one unmap at a time (0.15 ms of a reopened
     * `dashboard list` of aws_compliance); and a writer started at cli_exit writes from it. */
    return;
#endif
    lp_close(ws);
}

int cli_exit(int status)
{
#if WRITER_SHARES_MEMORY
    lp_workspace *ws = pending.ws;
    pending.ws = NULL;
    fflush(NULL);   /* every stream the command left open: _exit flushes none */
    if (!ws) {   /* (threads left are ended by the exit, as by exit(3): the teardown uses no memory) */
        if (shared_child(teardown_entry, (size_t)64 << 10, NULL, -1) == 0) _exit(status);
        return status;
    }
    /* alone in the process (a thread started since cli_close would be killed by the exit amid the
     * writer's memory), else a fork, else the image written here */
    int alone = one_thread();
    if (alone && shared_child(shared_writer_entry, (size_t)8 << 20, ws, pending.hold) == 0) _exit(status);
    if (!alone || !fork_writer(ws, pending.hold)) {
        lp_error err;
        (void)lp_save_image(ws, &err);
        if (pending.hold >= 0) close(pending.hold);
    }
#endif
    return status;
}
