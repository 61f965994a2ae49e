/* ptyrun.h — the CLI under test (LP_CLI) run on a pseudo-terminal, as a user at a terminal runs it:
 * its stdin, stdout and stderr are the terminal (what isatty sees), what it writes is read back as the
 * terminal shows it (carriage returns, escapes and all), and a test may type into it. */
#ifndef LP_TEST_PTYRUN_H
#define LP_TEST_PTYRUN_H

#include <stddef.h>

typedef struct pt_proc {
    int fd;     /* the terminal's master side */
    int pid;
    char *seen; /* everything read so far, NUL-terminated (malloc'd) */
    size_t len, cap;
} pt_proc;

/* `$LP_CLI <fmt...>` through the shell on a new 200-column terminal (asserted to start). */
pt_proc pt_spawn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Read until what has been seen holds text, or ms milliseconds pass: whether it does. */
int pt_wait_for(pt_proc *p, const char *text, int ms);
/* Type text (as a user does: a line ends with "\r", which the terminal turns into a newline). */
void pt_type(pt_proc *p, const char *text);
/* Read to the end and reap the process (within ms, else it is killed and asserted): its exit status;
 * p->seen stays to be read, pt_free frees it. */
int pt_finish(pt_proc *p, int ms);
void pt_free(pt_proc *p);

#endif
