/* output.c — how the CLI writes: diagnostics and its own messages on
 * stderr with their severity, documents on stdout in the chosen format. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

void cli_print_diag(void *user, const lp_diag *d)
{
    (void)user;
    const char *file = d->file ? d->file : "";
    const char *detail = d->detail ? d->detail : "";
    const char *sev = d->severity == LP_SEV_ERROR ? "error" : "warning";
    /* the position first, as compilers print it, so editors can jump to it */
    if (d->line) fprintf(stderr, "%s:%u:%u: ", file, d->line, d->col);
    else if (file[0]) fprintf(stderr, "%s: ", file);
    fprintf(stderr, "%s: %s%s%s\n", sev, d->summary ? d->summary : "", detail[0] ? "; " : "", detail);
}

static void message(const char *sev, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", sev);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("error", fmt, ap);
    va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("warning", fmt, ap);
    va_end(ap);
}

int cli_write_stdout(const char *data, size_t len)
{
    if (len && fwrite(data, 1, len, stdout) != len) return 1;
    return fflush(stdout) != 0;
}

static void newline_indent(lp_buf *out, int depth)
{
    lp_buf_putc(out, '\n');
    for (int i = 0; i < depth; i++) lp_buf_puts(out, "  ");
}

void cli_json_indent(lp_buf *out, const char *json, size_t len)
{
    int depth = 0, in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_str) {
            lp_buf_putc(out, c);
            if (c == '\\' && i + 1 < len) lp_buf_putc(out, json[++i]);
            else if (c == '"') in_str = 0;
            continue;
        }
        switch (c) {
        case '"': in_str = 1; lp_buf_putc(out, c); break;
        case '{':
        case '[':
            lp_buf_putc(out, c);
            if (i + 1 < len && (json[i + 1] == '}' || json[i + 1] == ']')) lp_buf_putc(out, json[++i]);
            else newline_indent(out, ++depth);
            break;
        case '}':
        case ']': newline_indent(out, --depth); lp_buf_putc(out, c); break;
        case ',': lp_buf_putc(out, c); newline_indent(out, depth); break;
        case ':': lp_buf_puts(out, ": "); break;
        default: lp_buf_putc(out, c); break;
        }
    }
}

int cli_print_document(int rc, lp_buf *b, cli_format fmt)
{
    int status = 0;
    lp_buf out = { 0 };
    if (rc != LP_OK) {
        cli_error("%s", rc == LP_ERR_NOMEM ? "out of memory" : "hierarchy too large to expand");
        status = CLI_ERRORS;
    } else if (b->oom) {
        cli_error("out of memory");
        status = CLI_ERRORS;
    } else {
        if (fmt == CLI_FMT_YAML) {
            if (cli_json_to_yaml(&out, b->data, b->len) != 0) out.oom = 1;
        } else {
            cli_json_indent(&out, b->data, b->len);
            lp_buf_putc(&out, '\n');
        }
        if (out.oom) {
            cli_error("out of memory");
            status = CLI_ERRORS;
        } else if (cli_write_stdout(out.data, out.len)) {
            status = CLI_ERRORS;
        }
    }
    lp_buf_free(&out);
    lp_buf_free(b);
    return status;
}
