/* page.S — the built-in page (src/server/index.html) embedded in the lazypipe
 * binary at build time: .incbin takes the file as it is (no generated source
 * to commit or keep in step), followed by a NUL.  The path is relative to the
 * project root, where make runs the assembler.  With it, ECharts for the
 * page's charts (third_party/echarts/echarts.min.js), gzipped by the Makefile
 * into build/echarts.min.js.gz: a third of the size, sent as it is. */
    .section .rodata
    .global srv_page_html
    .global srv_page_html_end
    .type srv_page_html, @object
srv_page_html:
    .incbin "src/server/index.html"
srv_page_html_end:
    .byte 0
    .global srv_echarts_gz
    .global srv_echarts_gz_end
    .type srv_echarts_gz, @object
srv_echarts_gz:
    .incbin "build/echarts.min.js.gz"
srv_echarts_gz_end:
    .section .note.GNU-stack,"",@progbits
