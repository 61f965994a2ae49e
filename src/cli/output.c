/* output.c — how the CLI writes: diagnostics and its own messages on
 * stderr with their severity, documents on stdout in the chosen format. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* A message on stderr; on a terminal with its control characters shown escaped (escape.c): an
 * error often quotes a database's message or a value, so anyone's bytes. */
static void message(const char *sev, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    size_t len = n < 0 ? 0 : (size_t)n;
    char *text = malloc(len + 1);
    if (!text) {
        fprintf(stderr, "%s: (the message could not be shown: out of memory)\n", sev);
        return;
    }
    vsnprintf(text, len + 1, fmt, ap);
    const char *s = text;
    lp_buf esc = { 0 };
    if (isatty(STDERR_FILENO) && !cli_terminal_safe(s)) {
        cli_put_terminal(&esc, s, len);
        lp_buf_putc(&esc, '\0');
        if (!esc.oom) s = esc.data;
    }
    fprintf(stderr, "%s: %s\n", sev, s);
    lp_buf_free(&esc);
    free(text);
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

/* One piece of the document: state carried across pieces (inside a string,
 * after a backslash, after an opening bracket that may be closed at once). */
void cli_json_indent_piece(cli_indent *st, lp_buf *out, const char *json, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (st->in_str) {
            lp_buf_putc(out, c);
            if (st->esc) st->esc = 0;
            else if (c == '\\') st->esc = 1;
            else if (c == '"') st->in_str = 0;
            continue;
        }
        if (st->open) {
            char open = st->open;
            st->open = 0;
            if ((open == '{' && c == '}') || (open == '[' && c == ']')) {
                lp_buf_putc(out, c);
                continue;
            }
            newline_indent(out, ++st->depth);
        }
        switch (c) {
        case '"': st->in_str = 1; lp_buf_putc(out, c); break;
        case '{':
        case '[': lp_buf_putc(out, c); st->open = c; break;
        case '}':
        case ']': newline_indent(out, --st->depth); lp_buf_putc(out, c); break;
        case ',': lp_buf_putc(out, c); newline_indent(out, st->depth); break;
        case ':': lp_buf_puts(out, ": "); break;
        default: lp_buf_putc(out, c); break;
        }
    }
}

void cli_json_indent(lp_buf *out, const char *json, size_t len)
{
    cli_indent st = { 0 };
    cli_json_indent_piece(&st, out, json, len);
    cli_json_indent_end(&st, out);
}

void cli_json_indent_end(cli_indent *st, lp_buf *out)
{
    if (st->open) newline_indent(out, ++st->depth);
    st->open = 0;
}

static int flush_out(cli_doc *d, int force)
{
    if (d->out.oom) d->failed = 1;
    if (!force && d->out.len < 64 * 1024) return d->failed ? -1 : 0;
    if (!d->failed && d->out.len && cli_write_stdout(d->out.data, d->out.len)) d->failed = 1;
    d->out.len = 0;
    return d->failed ? -1 : 0;
}

static int yaml_to_out(void *user, const char *data, size_t len)
{
    cli_doc *d = user;
    lp_buf_put(&d->out, data, len);
    return flush_out(d, 0);
}

int cli_doc_begin(cli_doc *d, cli_format fmt)
{
    memset(d, 0, sizeof *d);
    d->fmt = fmt;
    if (fmt == CLI_FMT_YAML && !(d->yaml = cli_yaml_begin(yaml_to_out, d))) return -1;
    return 0;
}

int cli_doc_write(void *user, const char *data, size_t len)
{
    cli_doc *d = user;
    if (d->failed) return -1;
    if (d->fmt == CLI_FMT_YAML) return cli_yaml_write(d->yaml, data, len) != 0 ? (d->failed = 1, -1) : 0;
    cli_json_indent_piece(&d->indent, &d->out, data, len);
    return flush_out(d, 0);
}

int cli_doc_end(cli_doc *d, int ok)
{
    int bad = d->failed || !ok;
    if (d->fmt == CLI_FMT_YAML) {
        if (cli_yaml_end(d->yaml) != 0) bad = 1;
    } else {
        cli_json_indent_end(&d->indent, &d->out);
        lp_buf_putc(&d->out, '\n');
    }
    if (!bad && flush_out(d, 1) != 0) bad = 1;
    lp_buf_free(&d->out);
    return bad ? -1 : 0;
}

int cli_print_document(int rc, lp_buf *b, cli_format fmt)
{
    int status = 0;
    if (rc != LP_OK) {
        cli_error("%s", rc == LP_ERR_NOMEM ? "out of memory" : "hierarchy too large to expand");
        status = CLI_ERRORS;
    } else if (b->oom) {
        cli_error("out of memory");
        status = CLI_ERRORS;
    } else {
        cli_doc d;
        if (cli_doc_begin(&d, fmt) != 0) {
            cli_error("out of memory");
            status = CLI_ERRORS;
        } else {
            cli_doc_write(&d, b->data, b->len);
            if (cli_doc_end(&d, 1) != 0) {
                cli_error("could not write the document");
                status = CLI_ERRORS;
            }
        }
    }
    lp_buf_free(b);
    return status;
}

int cli_print_text(int failed, lp_buf *b)
{
    int status = 0;
    if (failed || b->oom) {
        cli_error("out of memory");
        status = CLI_ERRORS;
    } else if (cli_write_stdout(b->data, b->len)) {
        status = CLI_ERRORS;
    }
    lp_buf_free(b);
    return status;
}

int cli_print_yaml_items(int rc, lp_value **items, size_t n)
{
    int status = 0;
    cli_doc d;
    if (rc != LP_OK) {
        cli_error("%s", rc == LP_ERR_NOMEM ? "out of memory" : "hierarchy too large to expand");
        status = CLI_ERRORS;
    } else if (cli_doc_begin(&d, CLI_FMT_YAML) != 0) {
        cli_error("out of memory");
        status = CLI_ERRORS;
    } else {
        int st = cli_yaml_items(d.yaml, (const lp_value *const *)items, n);
        if (cli_doc_end(&d, st == 0) != 0) {
            cli_error("could not write the document");
            status = CLI_ERRORS;
        }
    }
    for (size_t i = 0; i < n; i++) lp_value_free(items[i]);
    return status;
}
