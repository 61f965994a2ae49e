/* html_assets.S — the html check report's stylesheet and images (src/cli/html/: normalize.css,
 * MIT; the rest lazypipe's own, see its README), embedded with .incbin as the server's page is,
 * each followed by a NUL.  check_html.c takes
 * the text of each file's {{ define }} block, as the template would. */
    .section .rodata
    .global ck_html_normalize_css
    .global ck_html_style_css
    .global ck_html_favicon
    .global ck_html_logo
ck_html_normalize_css:
    .incbin "src/cli/html/normalize.tmpl.css"
    .byte 0
ck_html_style_css:
    .incbin "src/cli/html/style.tmpl.css"
    .byte 0
ck_html_favicon:
    .incbin "src/cli/html/favicon.b64"
    .byte 0
ck_html_logo:
    .incbin "src/cli/html/logo.b64"
    .byte 0
    .section .note.GNU-stack,"",@progbits
