/* escape.c — database values written into documents and onto terminals (cli.h).
 *
 * A control's reason, resource and dimensions come from the database, so from whoever can write
 * to it: Powerpipe's templates (text/template) put them into HTML, Markdown and NUnit XML as they
 * are, so a `<script>` in a reason runs in the HTML report and an ESC or `]]>` makes the XML
 * ill-formed.  Here every value is escaped for the document it goes into; text that needs no
 * escaping comes out byte for byte as Powerpipe writes it.  On a terminal, control characters
 * (ESC sequences that set the window title or write the clipboard, C1 controls, bidi overrides
 * that reorder what is shown) are shown escaped, as less does; piped output stays byte-true. */
#include "cli.h"

#include <string.h>

/* The code point of the UTF-8 sequence at s (its length in *len); -1 for an ill-formed one. */
static long utf8_at(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char c = s[0];
    size_t need = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    *len = 1;
    if (!need || need > n) return -1;
    long cp = need == 1 ? c : need == 2 ? (c & 0x1F) : need == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const long MIN[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (cp < MIN[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *len = need;
    return cp;
}

/* Characters XML 1.0 does not allow at all (not even as references): U+FFFD instead. */
static int xml_allowed(long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* xml: also put U+FFFD for what XML 1.0 cannot hold; attr: also escape " (the documents quote
 * attributes with it).  ' is left as it is: no attribute here is quoted with it. */
static void put_markup(lp_buf *b, const char *s, int xml, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len;
        long cp = utf8_at(p + i, n - i, &len);
        switch (cp) {
        case '&': lp_buf_puts(b, "&amp;"); break;
        case '<': lp_buf_puts(b, "&lt;"); break;
        case '>': lp_buf_puts(b, "&gt;"); break;
        case '"':
            if (attr) lp_buf_puts(b, "&#34;");
            else lp_buf_putc(b, '"');
            break;
        default:
            if (cp < 0 || (xml && !xml_allowed(cp))) lp_buf_puts(b, "\xEF\xBF\xBD");
            else lp_buf_put(b, s + i, len);
        }
        i += len;
    }
}

void cli_put_html(lp_buf *b, const char *s)
{
    put_markup(b, s, 0, 0);
}

void cli_put_html_attr(lp_buf *b, const char *s)
{
    put_markup(b, s, 0, 1);
}

void cli_put_xml(lp_buf *b, const char *s)
{
    put_markup(b, s, 1, 0);
}

void cli_put_xml_attr(lp_buf *b, const char *s)
{
    put_markup(b, s, 1, 1);
}

void cli_put_cdata(lp_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len;
        long cp = utf8_at(p + i, n - i, &len);
        if (cp == ']' && i + 2 < n && p[i + 1] == ']' && p[i + 2] == '>') {
            lp_buf_puts(b, "]]]]><![CDATA[>");   /* ]]> cannot be in a CDATA section: split it */
            i += 3;
            continue;
        }
        if (cp < 0 || !xml_allowed(cp)) lp_buf_puts(b, "\xEF\xBF\xBD");
        else lp_buf_put(b, s + i, len);
        i += len;
    }
}

void cli_put_md(lp_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': lp_buf_puts(b, "&amp;"); break;
        case '<': lp_buf_puts(b, "&lt;"); break;
        case '>': lp_buf_puts(b, "&gt;"); break;
        case '|': lp_buf_puts(b, "\\|"); break;   /* a table cell ends at an unescaped pipe */
        case '\n': lp_buf_puts(b, "<br>"); break;  /* ...and a table row at a line break */
        case '\r': break;
        default: lp_buf_putc(b, *p);
        }
    }
}

void cli_put_md_code(lp_buf *b, const char *s)
{
    /* a code span shows its text as it is; its fence is one backtick longer than the longest run
     * of backticks inside (CommonMark), with a space either side when the text touches one */
    size_t longest = 0, run = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest) longest = run;
    }
    size_t n = strlen(s);
    int pad = longest && n && (s[0] == '`' || s[n - 1] == '`');
    for (size_t i = 0; i <= longest; i++) lp_buf_putc(b, '`');
    if (pad) lp_buf_putc(b, ' ');
    for (const char *p = s; *p; p++) {
        if (*p == '|') lp_buf_puts(b, "\\|");
        else if (*p == '\n' || *p == '\r') lp_buf_putc(b, ' ');
        else lp_buf_putc(b, *p);
    }
    if (pad) lp_buf_putc(b, ' ');
    for (size_t i = 0; i <= longest; i++) lp_buf_putc(b, '`');
}

/* Shown escaped on a terminal: C0 controls but tab and newline, DEL, C1, and the bidi controls
 * that reorder text (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069). */
static int terminal_escapes(long cp)
{
    return (cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           cp == 0x61C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

void cli_put_terminal(lp_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len;
        long cp = utf8_at(p + i, n - i, &len);
        if (cp < 0) lp_buf_printf(b, "<%02X>", p[i]);   /* a byte that is no character */
        else if (!terminal_escapes(cp)) lp_buf_put(b, s + i, len);
        else if (cp < 0x20 || cp == 0x7F) lp_buf_printf(b, "^%c", (int)(cp ^ 0x40));
        else lp_buf_printf(b, "<U+%04lX>", (unsigned long)cp);
        i += len;
    }
}

int cli_terminal_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len;
        long cp = utf8_at(p + i, n - i, &len);
        if (cp < 0 || terminal_escapes(cp)) return 0;
        i += len;
    }
    return 1;
}
