/* cmd_parse.c — placeholder until the parser lands (replaced by the parser work). */
#include "cli.h"

#include <stdio.h>

int cmd_parse(const cli_opts *o)
{
    (void)o;
    fprintf(stderr, "lazypipe parse: not built yet\n");
    return 1;
}
