# lazypipe — build, test, bench, fuzz.
#
#   make              build/liblazypipe.a, build/lazypipe and build/lazypipe-server (release, mimalloc)
#   make LP_SYSTEM_MALLOC=1   the same without mimalloc: the library allocates with the host's malloc
#   make LP_PIE=0     lazypipe position-dependent (~5% less start-up CPU, no ASLR for its code)
#   make demo         open the sample mod in tests/data/sample_mod and print it
#   make check        install what is missing, then every test under ASan+UBSan
#                     (threaded tests also under TSan), gen/ staleness, fuzz replays, check-lib,
#                     check-server-memory;
#                     the tests' PostgreSQL server (build/pg) is started for them and stopped after
#   make pg-start     the tests' PostgreSQL server: postgres://steampipe@127.0.0.1:9193/steampipe
#                     (LP_PG_PORT=N for another port; tests/support/pg.sh), make pg-stop stops it
#   make memcheck     valgrind's memcheck over the CLI's and server's run tests (build/vg; in make check)
#   make check-lib    the archive exports only lp_ names; pkg-config links; install/uninstall;
#                     each src/ folder uses only the layers below it (tests/check_layers.sh);
#                     lines within 110 columns: the C sources (make reflow fixes them), the JS,
#                     shell scripts, Makefiles, CSS and HTML (by hand) (tests/check_style.sh);
#                     src/ writes no file in place, only through lp_atomic_file (tests/check_writes.sh)
#   make check-server-memory  the release server's memory bounds: idle, 1,000 viewers on PostgreSQL
#   make test-page    the built-in page's logic modules by node --test (tests/page; in make check)
#   make bench        performance figures (bench/README.md)
#   make bench-server `lazypipe server` figures on aws_compliance (BENCHMARKS.md)
#   make bench-dash   dashboard runs in the server vs sqlite3, an edit's reused re-run (BENCHMARKS.md)
#   make bench-viewers  1,000 WebSocket viewers of one and of 100 dashboards on PostgreSQL (BENCHMARKS.md)
#   make bench-page   a cold dashboard load: the built-in page against Powerpipe's UI (BENCHMARKS.md)
#   make bench-reopen a whole `lazypipe dashboard list` reopening its image vs stat() of its inputs
#   make bench-edit-cli  the command after a one-file edit vs a reopen, --no-index-cache, a first open
#   make bench-edit-scale  the same edit on synthetic mods of growing size: its cost above a reopen
#   make screenshot   build/screenshot.png: the server's page over aws_compliance in headless Chromium
#   make screenshot-pairs  build/screenshot-pairs/*.png: our page beside Powerpipe's UI, six dashboards
#   make check-layout-corpus  the layout checker over every view of the corpus (not in check)
#   make fuzz FUZZ_SECONDS=N   run every libFuzzer target for N seconds
#   make gen          regenerate gen/ from src/hcl/*.rl (needs ragel)
#   make install PREFIX=/usr/local    (and make uninstall PREFIX=/usr/local)

CC       ?= cc
CLANG    ?= clang
RAGEL    ?= ragel
PREFIX   ?= /usr/local
SHARED   ?= ../shared
FUZZ_SECONDS ?= 30
LP_VERSION := $(shell sed -n 's/^\#define LP_VERSION "\(.*\)"/\1/p' include/lazypipe.h)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
STD      := -std=c11 -D_GNU_SOURCE
INC      := -Iinclude -Isrc
CFLAGS   ?= -O2 -g
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# the sanitized builds (tests, replays) also check every index they build (src/index/index_check.c)
CHECKS   := -DLP_CHECK_INVARIANTS
TSAN     := -fsanitize=thread
# Linking -lmimalloc makes mimalloc the whole program's malloc (Debian's libmimalloc overrides it);
# LP_SYSTEM_MALLOC=1 builds the library on the system allocator instead, for hosts that keep their own.
ALLOCATOR := $(if $(filter 1,$(LP_SYSTEM_MALLOC)),system,mimalloc)
DEPLIBS  := -lutf8proc -lmpfr -lgmp -lpcre2-8 -lmd -lz -lyaml -lpthread -lm
LIBS     := $(if $(filter system,$(ALLOCATOR)),,-lmimalloc) $(DEPLIBS)
SANLIBS  := -lutf8proc -lmpfr -lgmp -lpcre2-8 -lmd -lz -lyaml -lpthread -lm
TESTLIBS := -lcriterion
# The database drivers (src/driver/NAME.c) are not in liblazypipe.a: each is its own archive,
# build/liblazypipe-NAME.a, with its client library (docs/drivers.md).
DRIVERS  := sqlite postgres duckdb mysql
DRIVER_DEPLIBS_sqlite   := -lsqlite3
DRIVER_DEPLIBS_postgres := -lpq
DRIVER_DEPLIBS_mysql    := -lmariadb
# duckdb dlopens libduckdb.so at its first connect (make bootstrap fetches it into .deps/duckdb)
DRIVER_DEPLIBS_duckdb   := -ldl
DRIVER_DEPLIBS := $(foreach d,$(DRIVERS),$(DRIVER_DEPLIBS_$(d)))
# lazypipe and lazypipe-server link none of the drivers whose client library is large: each is also a
# shared object, lazypipe-driver-NAME.so beside the program, loaded at its first connect
# (src/cli/drivers.c), so that a command that runs nothing maps no libpq, libssl, krb5...
# DuckDB's driver dlopens libduckdb.so itself and stays linked.
LAZY_DRIVERS := sqlite postgres mysql
PROG_DRIVERS := duckdb
PROG_DEPLIBS := $(DRIVER_DEPLIBS_duckdb)
# ...and the library's own dependencies are linked into the programs statically (the archives of
# Debian's -dev packages): each shared library a process maps costs its start-up (lazypipe --version
# 10.3 -> 7.7 ms CPU, bench-reopen).  Hosts of liblazypipe.a link them as pkg-config says.
PROG_LIBS := -Wl,-Bstatic -lutf8proc -lmpfr -lgmp -lpcre2-8 -lmd -lz -lyaml -Wl,-Bdynamic -lpthread
# mimalloc too: Debian ships no archive of it, so the programs link one object compiled from its
# release (third_party/mimalloc, the version of Debian's libmimalloc-dev) with mimalloc's flags for a
# static override of malloc (its CMakeLists: MI_MALLOC_OVERRIDE, initial-exec TLS).
MIMALLOC_OBJ = $(if $(filter system,$(ALLOCATOR)),,$(OBJ)/third_party/mimalloc.o)
MIMALLOC_SRCS := $(wildcard third_party/mimalloc/src/*.[ch] third_party/mimalloc/include/*.h)
# Both programs are PIEs by default, as Debian builds every program: ASLR for the code that parses mods
# and talks to databases.  LP_PIE=0 links lazypipe position-dependent (-no-pie): a PIE's relocations
# write to ~10 pages of its data at every start, ~0.5 ms of CPU on a machine where a page fault costs
# 30-140 us (--version 1.23x an empty process instead of 1.31x; BENCHMARKS.md and its history).
CLI_LINK := $(if $(filter 0,$(LP_PIE)),-no-pie,)
PQ_INC   := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
MY_INC   := $(shell pkg-config --cflags libmariadb 2>/dev/null || echo -I/usr/include/mariadb)
# The tests' PostgreSQL server (tests/support/pg.sh) and its address
LP_PG_PORT ?= 9193
PG       := LP_PG_PORT=$(LP_PG_PORT) tests/support/pg.sh
# The tests' MariaDB server (tests/support/mysql.sh: build/mysql) and its address; `$(DBS) CMD` runs
# CMD with both servers up (each started, or reused when it answers, and stopped after)
LP_MYSQL_PORT ?= 9306
MYSQL    := LP_MYSQL_PORT=$(LP_MYSQL_PORT) tests/support/mysql.sh
DBS      := $(PG) run build/pg env $(MYSQL) run build/mysql

# The library's layers, lowest first (docs/design.md, "Layout"): a folder uses only the folders
# before it, by #include and by symbol (tests/check_layers.sh, in `make check`).
LIB_LAYERS := base db hcl eval index resolve image workspace load live run mods
# src/hcl/*.rl are Ragel machines compiled to gen/*.c; *.rlh are only included by them
RL_MAIN  := $(wildcard src/hcl/*.rl)
GEN_SRCS := $(patsubst src/hcl/%.rl,gen/%.c,$(RL_MAIN))
LIB_SRCS := $(sort $(foreach l,$(LIB_LAYERS),$(wildcard src/$(l)/*.c)) $(GEN_SRCS))
# The server (src/server) is never part of the library, nor of build/lazypipe: it is its own
# executable, build/lazypipe-server (the CLI's objects, the server's, libwebsockets), which
# `lazypipe server` execs (src/cli/server_exec.c), so that no other command loads libwebsockets
# and the OpenSSL it links.  Its page is embedded by page.S: every file of src/server/page (PAGE_FILES,
# tabled by src/server/page_assets.sh into build/page_assets.s), with ECharts for the page's charts
# (third_party/echarts, gzipped into build/echarts/).
SERVER_SRCS := $(wildcard src/server/*.c)
PAGE_FILES := $(sort $(wildcard src/server/page/*.html src/server/page/*.css src/server/page/*.js \
                                 src/server/page/*/*.js))
# those of them a load takes (and the SQL formatter View detail loads), also gzipped (below)
PAGE_GZ := build/page/index.html.gz build/page/page.css.gz build/page/app.js.gz build/page/sql-formatter.js.gz
# The Go text/template engine (src/tmpl) of custom export templates is the programs' (compiled with
# the CLI's objects), not the library's: the CLI includes its tmpl.h (tests/check_layers.sh).
TMPL_SRCS := $(wildcard src/tmpl/*.c)
CLI_SRCS := $(filter-out src/cli/server_exec.c,$(wildcard src/cli/*.c)) $(TMPL_SRCS)
SERVERLIBS := -lwebsockets
TEST_SUPPORT := $(wildcard tests/support/*.c)
TESTS    := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
MT_TESTS := $(filter test_mt_%,$(TESTS))

# objects: build/obj (release; build/obj-sysmalloc with LP_SYSTEM_MALLOC=1), build/san (ASan+UBSan),
# build/tsan (TSan)
OBJ       := build/obj$(if $(filter system,$(ALLOCATOR)),-sysmalloc)
ALLOC_DEF := $(if $(filter system,$(ALLOCATOR)),-DLP_SYSTEM_MALLOC)
obj_of    = $(patsubst %.c,$(1)/%.o,$(2))
LIB_OBJS  := $(call obj_of,$(OBJ),$(LIB_SRCS))
SAN_OBJS  := $(call obj_of,build/san,$(LIB_SRCS))
TSAN_OBJS := $(call obj_of,build/tsan,$(LIB_SRCS))
# the objects of lazypipe (its `server` execs lazypipe-server) and of lazypipe-server, in dir $(1)
cli_objs    = $(call obj_of,$(1),$(CLI_SRCS)) $(1)/src/cli/server_exec.o $(1)/src/cli/html_assets.o
server_objs = $(call obj_of,$(1),$(CLI_SRCS) $(SERVER_SRCS)) $(1)/src/server/page.o $(1)/src/cli/html_assets.o

.PHONY: all gen gen-unicode reflow check check-gen test test-plain test-tsan demo bench bench-plot fuzz \
        fuzz-build driver-objects memcheck memcheck-run screenshot-pairs bench-page check-layout-corpus \
        bench-server bench-dash bench-viewers bench-check-server screenshot acceptance drivers pg-start \
        pg-stop mysql-start mysql-stop test-run test-tsan-run test-plain-run \
        fuzz-replay install uninstall clean bootstrap conformance check-lib check-server-memory test-page \
        FORCE
.DELETE_ON_ERROR:

all: build/liblazypipe.a build/lazypipe build/lazypipe-server drivers driver-objects

# ------------------------------------------------------------------ compile
build/obj/%.o build/obj-sysmalloc/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) $(CFLAGS) $(ALLOC_DEF) -MMD -MP -c $< -o $@

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) -O1 -g $(SAN) $(CHECKS) -DLP_SYSTEM_MALLOC -MMD -MP -c $< -o $@

build/tsan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) -O1 -g $(TSAN) $(CHECKS) -DLP_SYSTEM_MALLOC -MMD -MP -c $< -o $@

# build/vg: the CLI and its server for valgrind (make memcheck): no sanitizer, the host's malloc (valgrind
# sees every allocation) and the arenas' client requests (LP_VALGRIND, src/base/arena.c: an arena's
# unused bytes are unaddressable, so a read past a string that has no NUL is reported)
build/vg/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) -O1 -g -DLP_VALGRIND -DLP_SYSTEM_MALLOC -MMD -MP -c $< -o $@

# the CLI sees only the public header, like any other user of the library
build/obj/src/cli/%.o build/obj-sysmalloc/src/cli/%.o build/san/src/cli/%.o: INC := -Iinclude
build/obj/src/server/%.o build/obj-sysmalloc/src/server/%.o build/san/src/server/%.o: INC := -Iinclude
build/tsan/src/cli/%.o build/tsan/src/server/%.o build/vg/src/cli/%.o \
  build/vg/src/server/%.o: INC := -Iinclude
# so do the drivers, with their client library's headers
build/obj/src/driver/%.o build/obj-sysmalloc/src/driver/%.o build/san/src/driver/%.o \
  build/tsan/src/driver/%.o build/vg/src/driver/%.o: INC := -Iinclude $(PQ_INC) $(MY_INC)
# duckdb.h (third_party/duckdb) as a system header: its `f()` declarations are not prototypes
build/obj/src/driver/duckdb.o build/obj-sysmalloc/src/driver/duckdb.o build/san/src/driver/duckdb.o \
  build/tsan/src/driver/duckdb.o build/vg/src/driver/duckdb.o: INC := -Iinclude -isystem third_party/duckdb

build/obj/src/server/page.o build/obj-sysmalloc/src/server/page.o build/san/src/server/page.o \
  build/tsan/src/server/page.o build/vg/src/server/page.o: src/server/page.S build/page_assets.s \
  $(PAGE_FILES) build/page/app.js build/page/sql-formatter.js $(PAGE_GZ) \
  $(patsubst third_party/echarts/%,build/echarts/%.gz,$(wildcard third_party/echarts/*.min.js))
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

# the page's files as page.S embeds them; written again when the list of files changes too
# (build/page_files.list is touched only then)
build/page_assets.s: src/server/page_assets.sh build/page_files.list
	@mkdir -p $(dir $@)
	sh src/server/page_assets.sh $(PAGE_FILES) build/page/app.js build/page/sql-formatter.js $(PAGE_GZ) \
	  >$@.tmp && mv $@.tmp $@

# the page's files a load takes, also gzipped (-n: the same bytes each build), sent so to a browser
# that takes gzip (every one): app.js's 253 KB is 79 KB so, and it is asked for at every load (uncached);
# PAGE_GZ names them
build/page/%.gz: build/page/%
	gzip -9n <$< >$@.tmp && mv $@.tmp $@
build/page/%.gz: src/server/page/%
	@mkdir -p $(dir $@)
	gzip -9n <$< >$@.tmp && mv $@.tmp $@

# the SQL formatter View detail's Query tab loads when opened (third_party/sql-formatter), served
# with the page's files at /static/page/sql-formatter.js
build/page/sql-formatter.js: third_party/sql-formatter/sql-formatter.min.js
	@mkdir -p $(dir $@)
	cp $< $@

# the page's own icons as data (src/server/page_icons.sh), from the icon sets .ci/bootstrap.sh fetches
# (none there: none carried, the page fetches them)
ICONS_DIR ?= .deps/icons
build/page/icons-data.js: src/server/page_icons.sh src/server/page_icons.txt \
  $(wildcard $(ICONS_DIR)/heroicons/LICENSE)
	@mkdir -p $(dir $@)
	sh src/server/page_icons.sh $(ICONS_DIR) src/server/page_icons.txt >$@.tmp && mv $@.tmp $@

# the page's modules packed as one (index.html loads it: one request, not one per module), after
# the page's icons
build/page/app.js: src/server/page_pack.sh $(filter %.js,$(PAGE_FILES)) build/page/icons-data.js
	@mkdir -p $(dir $@)
	{ cat build/page/icons-data.js && sh src/server/page_pack.sh src/server/page/main.js; } \
	  >$@.tmp && mv $@.tmp $@
build/page_files.list: FORCE
	@mkdir -p $(dir $@)
	@echo $(PAGE_FILES) $(PAGE_GZ) | cmp -s - $@ || echo $(PAGE_FILES) $(PAGE_GZ) >$@

# ECharts for the page's charts (its three modules), gzipped (-n: no name or time in it, so the
# same bytes each build)
build/echarts/%.min.js.gz: third_party/echarts/%.min.js
	@mkdir -p $(dir $@)
	gzip -9n <$< >$@.tmp && mv $@.tmp $@

# Powerpipe's html check template assets (src/cli/html, embedded as they are by .incbin)
build/obj/src/cli/html_assets.o build/obj-sysmalloc/src/cli/html_assets.o build/san/src/cli/html_assets.o \
  build/tsan/src/cli/html_assets.o build/vg/src/cli/html_assets.o: src/cli/html_assets.S \
  $(wildcard src/cli/html/*)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

# The allocator (and PIE or not) the last release build used: switching LP_SYSTEM_MALLOC or LP_PIE relinks.
build/allocator: FORCE
	@mkdir -p build
	@echo $(ALLOCATOR) $(CLI_LINK) | cmp -s - $@ || echo $(ALLOCATOR) $(CLI_LINK) > $@

# The exported functions: every lp_ name declared in the public headers, and the test knobs of
# lazypipe_test.h (exported for the tests, not installed).
build/lp_exports.txt: include/lazypipe.h include/lazypipe_mods.h include/lazypipe_test.h
	@mkdir -p build
	cat $^ | grep -o 'lp_[a-z0-9_]*[[:space:]]*(' | tr -d ' (' | sort -u > $@

# Only the public lp_ functions leave the archive: the objects are linked into one
# (ld -r) whose other global symbols are made local, so the library's internal names
# (hcl_parse, scan_attr, ...) cannot clash with a host's.
build/liblazypipe.a: $(LIB_OBJS) build/lp_exports.txt build/allocator
	@rm -f $@ $(OBJ)/lazypipe.o
	$(LD) -r -o $(OBJ)/lazypipe.o $(LIB_OBJS)
	objcopy --keep-global-symbols=build/lp_exports.txt $(OBJ)/lazypipe.o
	ar rcs $@ $(OBJ)/lazypipe.o

# Every object with its own names, for the bench's phases of internal stages.
build/liblazypipe-internal.a: $(LIB_OBJS) build/allocator
	@rm -f $@
	ar rcs $@ $(LIB_OBJS)

# The drivers' archives: like the library's, only their lp_driver_NAME leaves the archive.
DRIVER_ARCHIVES := $(patsubst %,build/liblazypipe-%.a,$(DRIVERS))
drivers: $(DRIVER_ARCHIVES)
$(DRIVER_ARCHIVES): build/liblazypipe-%.a: $(OBJ)/src/driver/%.o
	@rm -f $@ $(OBJ)/driver-$*.o
	$(LD) -r -o $(OBJ)/driver-$*.o $(filter %.o,$^)
	objcopy --keep-global-symbol=lp_driver_$* $(OBJ)/driver-$*.o
	ar rcs $@ $(OBJ)/driver-$*.o

# The drivers as shared objects for the programs (src/cli/drivers.c): only lp_driver_NAME is
# exported, the client library is the object's own dependency.  build/san and build/tsan have
# their sanitized twins, beside the sanitized programs that load them.
DRIVER_OBJECTS := $(patsubst %,build/lazypipe-driver-%.so,$(LAZY_DRIVERS))
driver-objects: $(DRIVER_OBJECTS)
driver_so = $(CC) $(STD) $(WARN) -Iinclude $(PQ_INC) $(MY_INC) $(1) -fPIC -shared \
  -Wl,--version-script=$(2) -o $@ $< $(DRIVER_DEPLIBS_$*)
build/driver-%.map:
	@mkdir -p $(dir $@)
	printf '{ global: lp_driver_%s; local: *; };\n' $* > $@
build/lazypipe-driver-%.so: src/driver/%.c build/driver-%.map src/driver/drv_util.h include/lazypipe.h
	$(call driver_so,$(CFLAGS),build/driver-$*.map)
build/san/lazypipe-driver-%.so: src/driver/%.c build/driver-%.map src/driver/drv_util.h include/lazypipe.h
	@mkdir -p $(dir $@)
	$(call driver_so,-O1 -g $(SAN),build/driver-$*.map)
build/tsan/lazypipe-driver-%.so: src/driver/%.c build/driver-%.map src/driver/drv_util.h include/lazypipe.h
	@mkdir -p $(dir $@)
	$(call driver_so,-O1 -g $(TSAN),build/driver-$*.map)
build/vg/lazypipe-driver-%.so: src/driver/%.c build/driver-%.map src/driver/drv_util.h include/lazypipe.h
	@mkdir -p $(dir $@)
	$(call driver_so,-O1 -g,build/driver-$*.map)

# DuckDB's driver reads Tailpipe's DuckLake catalogs with ducklake.c (one object with it in its archive)
build/liblazypipe-duckdb.a: $(OBJ)/src/driver/ducklake.o
build/san/liblazypipe-duckdb.a: build/san/src/driver/ducklake.o
build/tsan/liblazypipe-duckdb.a: build/tsan/src/driver/ducklake.o
build/vg/liblazypipe-duckdb.a: build/vg/src/driver/ducklake.o

build/san/liblazypipe-%.a: build/san/src/driver/%.o
	@rm -f $@
	ar rcs $@ $^

build/tsan/liblazypipe-%.a: build/tsan/src/driver/%.o
	@rm -f $@
	ar rcs $@ $^

build/san/liblazypipe.a: $(SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

build/tsan/liblazypipe.a: $(TSAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

build/vg/liblazypipe.a: $(call obj_of,build/vg,$(LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

build/vg/liblazypipe-%.a: build/vg/src/driver/%.o
	@rm -f $@
	ar rcs $@ $^

# The CLI and the server run queries: both link DuckDB's driver archive and load the others'
# shared objects at their first connect (src/cli/drivers.c; the sanitized builds their sanitized
# variants, beside them).
drv_of = $(patsubst %,$(1)/liblazypipe-%.a,$(PROG_DRIVERS))
dso_of = $(patsubst %,$(1)/lazypipe-driver-%.so,$(LAZY_DRIVERS))
build/lazypipe: $(call cli_objs,$(OBJ)) build/liblazypipe.a build/allocator $(call drv_of,build) \
  $(DRIVER_OBJECTS) \
  $(MIMALLOC_OBJ)
	$(CC) $(CFLAGS) $(CLI_LINK) -o $@ $(MIMALLOC_OBJ) $(call cli_objs,$(OBJ)) build/liblazypipe.a \
	  $(call drv_of,build) $(PROG_DEPLIBS) $(PROG_LIBS)

build/lazypipe-server: $(call server_objs,$(OBJ)) build/liblazypipe.a build/allocator $(call drv_of,build) \
  $(DRIVER_OBJECTS) $(MIMALLOC_OBJ)
	$(CC) $(CFLAGS) -o $@ $(MIMALLOC_OBJ) $(call server_objs,$(OBJ)) build/liblazypipe.a $(call drv_of,build) \
	  $(SERVERLIBS) $(PROG_DEPLIBS) $(PROG_LIBS)

# the programs' mimalloc (third_party/mimalloc/README.md): its one compilation unit, its own warnings.
# MI_SKIP_COLLECT_ON_EXIT: a process's memory goes back with the process; mimalloc's collect at exit
# (for a copy linked into a library that is unloaded) cost lazypipe --version 2 of its 75 page faults.
$(OBJ)/third_party/mimalloc.o: $(MIMALLOC_SRCS)
	@mkdir -p $(dir $@)
	$(CC) $(STD) -Wall -Wextra -O2 -g -DNDEBUG -DMI_MALLOC_OVERRIDE -DMI_SKIP_COLLECT_ON_EXIT \
	  -fvisibility=hidden -ftls-model=initial-exec -fno-builtin-malloc -Ithird_party/mimalloc/include \
	  -c third_party/mimalloc/src/static.c \
	  -o $@

# the CLI built with sanitizers, for tests that run the command (and its server)
build/san/lazypipe: $(call cli_objs,build/san) build/san/liblazypipe.a build/san/lazypipe-server \
  $(call drv_of,build/san) $(call dso_of,build/san)
	$(CC) -g $(SAN) -o $@ $(call cli_objs,build/san) build/san/liblazypipe.a $(call drv_of,build/san) \
	  $(PROG_DEPLIBS) $(SANLIBS)

build/san/lazypipe-server: $(call server_objs,build/san) build/san/liblazypipe.a $(call drv_of,build/san) \
  $(call dso_of,build/san)
	$(CC) -g $(SAN) -o $@ $(call server_objs,build/san) build/san/liblazypipe.a $(call drv_of,build/san) \
	  $(SERVERLIBS) $(PROG_DEPLIBS) $(SANLIBS)

# the CLI built with TSan, for the server's threads (watcher, resolver, signals -> the loop)
build/tsan/lazypipe: $(call cli_objs,build/tsan) build/tsan/liblazypipe.a build/tsan/lazypipe-server \
  $(call drv_of,build/tsan) $(call dso_of,build/tsan)
	$(CC) -g $(TSAN) -o $@ $(call cli_objs,build/tsan) build/tsan/liblazypipe.a $(call drv_of,build/tsan) \
	  $(PROG_DEPLIBS) $(SANLIBS)

build/tsan/lazypipe-server: $(call server_objs,build/tsan) build/tsan/liblazypipe.a \
  $(call drv_of,build/tsan) \
  $(call dso_of,build/tsan)
	$(CC) -g $(TSAN) -o $@ $(call server_objs,build/tsan) build/tsan/liblazypipe.a $(call drv_of,build/tsan) \
	  $(SERVERLIBS) $(PROG_DEPLIBS) $(SANLIBS)

# the CLI and its server for valgrind (make memcheck), with the drivers' objects beside them
build/vg/lazypipe: $(call cli_objs,build/vg) build/vg/liblazypipe.a build/vg/lazypipe-server \
  $(call drv_of,build/vg) \
  $(call dso_of,build/vg)
	$(CC) -g -o $@ $(call cli_objs,build/vg) build/vg/liblazypipe.a $(call drv_of,build/vg) \
	  $(PROG_DEPLIBS) $(SANLIBS)

build/vg/lazypipe-server: $(call server_objs,build/vg) build/vg/liblazypipe.a $(call drv_of,build/vg) \
  $(call dso_of,build/vg)
	$(CC) -g -o $@ $(call server_objs,build/vg) build/vg/liblazypipe.a $(call drv_of,build/vg) \
	  $(SERVERLIBS) $(PROG_DEPLIBS) $(SANLIBS)

# ------------------------------------------------------------------ generated lexers
# gen/*.c are committed so that building needs no ragel; `make gen` refreshes them.
# -F1 (flat tables): -G2 code for the Unicode identifier tables takes gcc 40 s and
# clang -fsanitize=fuzzer minutes to compile, for ~8% of lexer speed.
RAGELFLAGS ?= -F1
gen: $(RL_MAIN)
	@for rl in $(RL_MAIN); do \
	  out=gen/$$(basename $${rl%.rl}).c; echo "$(RAGEL) $(RAGELFLAGS) -o $$out $$rl"; \
	  $(RAGEL) $(RAGELFLAGS) -o $$out $$rl || exit 1; done

# Unicode 9.0 identifier tables for the lexer, from the shipped src/hcl/unicode9_id.txt;
# Unicode 13.0 NFC tables (x/text's, for cty's strings) from Debian's unicode-data
gen-unicode:
	python3 src/hcl/gen_unicode.py src/hcl/unicode9_id.txt > src/hcl/unicode_derived.rlh.tmp
	mv src/hcl/unicode_derived.rlh.tmp src/hcl/unicode_derived.rlh
	python3 src/hcl/gen_unicode.py --nfc /usr/share/unicode > src/hcl/unicode13_nfc.h.tmp
	mv src/hcl/unicode13_nfc.h.tmp src/hcl/unicode13_nfc.h

check-gen:
	@rm -rf build/gen-check && mkdir -p build/gen-check
	@for rl in $(RL_MAIN); do \
	  name=$$(basename $${rl%.rl}).c; \
	  $(RAGEL) $(RAGELFLAGS) -o build/gen-check/$$name $$rl || exit 1; \
	  sed 's|build/gen-check/|gen/|g' build/gen-check/$$name > build/gen-check/$$name.n; \
	  if ! cmp -s build/gen-check/$$name.n gen/$$name; then \
	    echo "gen/$$name is stale: run 'make gen' and commit gen/"; exit 1; fi; done
	@echo "gen/ is up to date"

# ------------------------------------------------------------------ tests
bootstrap:
	@.ci/bootstrap.sh

# -MMD: a test rebuilds when a header or source it includes changes (test_server_msgs
# includes src/server/msgs.c).  The tests (about 110 binaries, each linking the whole sanitized
# library) link with LLVM's lld when it is there: half the CPU of GNU ld's link, 0.4 of 0.8 s each.
TEST_LD := $(if $(shell command -v ld.lld 2>/dev/null),-fuse-ld=lld)
# Tests link the drivers' archives too (each test pulls in only what it calls).
# a test of CLI code that is not included whole links its objects: TEST_OBJS_<test>
TEST_OBJS_test_tmpl := $(call obj_of,build/san,$(TMPL_SRCS))
build/san/tests/test_tmpl: $(TEST_OBJS_test_tmpl)
build/san/tests/%: tests/%.c $(call obj_of,build/san,$(TEST_SUPPORT)) build/san/liblazypipe.a \
  $(patsubst build/%,build/san/%,$(DRIVER_ARCHIVES))
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) -Itests -O1 -g $(SAN) $(TEST_LD) -DLP_SYSTEM_MALLOC -MMD -MP -o $@ $< \
	  $(TEST_OBJS_$*) $(call obj_of,build/san,$(TEST_SUPPORT)) build/san/liblazypipe.a \
	  $(patsubst build/%,build/san/%,$(DRIVER_ARCHIVES)) $(SANLIBS) $(DRIVER_DEPLIBS) $(TESTLIBS)

build/tsan/tests/%: tests/%.c $(call obj_of,build/tsan,$(TEST_SUPPORT)) build/tsan/liblazypipe.a \
  $(patsubst build/%,build/tsan/%,$(DRIVER_ARCHIVES))
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) -Itests -O1 -g $(TSAN) $(TEST_LD) -DLP_SYSTEM_MALLOC -MMD -MP -o $@ $< \
	  $(call obj_of,build/tsan,$(TEST_SUPPORT)) build/tsan/liblazypipe.a \
	  $(patsubst build/%,build/tsan/%,$(DRIVER_ARCHIVES)) $(SANLIBS) $(DRIVER_DEPLIBS) $(TESTLIBS)

# Tests run from the project root; they find test data at $(SHARED), else its
# redistributable part in tests/data/shared (a test needing more is reported
# [SKIP] with the reason: --verbose, with the RUN/PASS lines filtered out), and
# the sanitized CLI at build/san/lazypipe.  Their stdin is /dev/null: on a terminal the run commands
# would ask for a variable without a value (--input), and a test's command would wait for an answer.
TEST_ENV := LP_SHARED=$(SHARED) LP_CLI=build/san/lazypipe NODE_PATH=$(CURDIR)/.deps/node/node_modules \
            LAZYPIPE_CACHE_DIR=$(CURDIR)/build/test-index-cache \
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
            LP_PG_URL=postgres://steampipe@127.0.0.1:$(LP_PG_PORT)/steampipe \
            LAZYPIPE_ICONS_DIR=$(CURDIR)/.deps/icons \
            LP_MYSQL_URL='mysql://root@tcp(127.0.0.1:$(LP_MYSQL_PORT))/lazypipe' \
            $(if $(wildcard .deps/duckdb/libduckdb.so),$\
              LAZYPIPE_DUCKDB_LIB=$(CURDIR)/.deps/duckdb/libduckdb.so)

# The tests' PostgreSQL server (build/pg): `pg.sh run` starts it (or reuses the one that answers
# on the port), runs the command and stops it again, also on failure, when it started it.
pg-start:
	@$(PG) start build/pg >/dev/null
	@echo "PostgreSQL: postgres://steampipe@127.0.0.1:$(LP_PG_PORT)/steampipe (make pg-stop stops it)"

pg-stop:
	@[ ! -d build/pg ] || $(PG) stop build/pg

# The tests' MariaDB server (build/mysql), like PostgreSQL's: mysql-start keeps it up until mysql-stop
mysql-start:
	@$(MYSQL) start build/mysql >/dev/null
	@echo "MariaDB: mysql://root@tcp(127.0.0.1:$(LP_MYSQL_PORT))/lazypipe (make mysql-stop stops it)"

mysql-stop:
	@[ ! -d build/mysql ] || $(MYSQL) stop build/mysql

# (build/lazypipe too: test_harden runs it under a memory limit, which ASan cannot run under)
test: build/san/lazypipe build/lazypipe $(addprefix build/san/tests/,$(TESTS)) fuzz-replay
	@$(DBS) $(MAKE) --no-print-directory test-run

# Each test file is a target of its own (run-test/NAME), as are each memcheck run and each TSan run
# (below), so that make check runs TEST_JOBS of them at once (make -j, -Otarget keeps each one's
# lines together): the tests wait on processes, databases, browsers and valgrind much of their
# time, and one file after another left a core idle (make check: 1.2 of 2 cores busy).  The slowest
# start first, so that the last to end are short ones.  `make test-run` alone runs them one by one.
SLOW_TESTS := test_load test_server test_page_layout test_index_prefix test_live test_funcs test_run_dump \
              test_patch test_persist test_show_json test_mod_install test_mod_hostile test_mod_graph \
              test_resolve_order test_mod_concurrent
RUN_TESTS  := $(addprefix run-test/,$(foreach t,$(SLOW_TESTS),$(filter $(t),$(TESTS))) \
                $(filter-out $(SLOW_TESTS),$(TESTS)))
.PHONY: $(RUN_TESTS)
test-run: $(RUN_TESTS)
$(RUN_TESTS): run-test/%:
	@echo "== $*"; if $(TEST_ENV) build/san/tests/$* --jobs 2 --verbose \
	  </dev/null >build/san/tests/$*.log 2>&1; then \
	  grep -v -E '^\[(RUN |PASS)\]' build/san/tests/$*.log || true; \
	else cat build/san/tests/$*.log; exit 1; fi

# A plain clone has no ../shared: the tests that read it (found by what they call) run once more
# from a copy of the tree (sources and tests/data, build/ linked rather than rebuilt) with
# LP_SHARED pointing nowhere, and must pass or skip with their reason (.ci/run).
# The other tests never look at the shared folder, so running them again would prove nothing.
PLAIN_RE := ts_shared|ts_data|LP_SHARED|\.\./shared|orc_[a-z]+[(]
PLAIN_TESTS := $(patsubst tests/%.c,%,$(shell grep -lE '$(PLAIN_RE)' tests/test_*.c))
# (under the tests' PostgreSQL, as make test: test_server's runs need it, and make check has
# stopped the one it started)
# (TEST_JOBS files at a time, as make check runs them)
test-plain: build/san/lazypipe $(addprefix build/san/tests/,$(PLAIN_TESTS))
	@$(DBS) $(MAKE) --no-print-directory -j$(TEST_JOBS) -Otarget test-plain-run

RUN_PLAIN := $(addprefix run-plain/,$(filter $(SLOW_TESTS),$(PLAIN_TESTS)) \
                                    $(filter-out $(SLOW_TESTS),$(PLAIN_TESTS)))
.PHONY: $(RUN_PLAIN) plain-tree
plain-tree:
	@rm -rf build/plain && mkdir -p build/plain/tree
	@tar -cf - --exclude=./build --exclude=./.git --exclude=./.deps . | tar -xf - -C build/plain/tree
	@ln -s $(CURDIR)/build build/plain/tree/build
# (one test at a time within a binary: Criterion 2.4.1's runner, with --jobs 2, now and then leaks
# 48 bytes of its own when a test skips, and LeakSanitizer fails the binary though every test
# passed: test_tailpipe here, 6 of 26 runs with --jobs 2, 0 of 10 with --jobs 1, 0 of 10 with
# ../shared present and nothing skipped)
$(RUN_PLAIN): run-plain/%: plain-tree
	@echo "== plain $*"; cd build/plain/tree; \
	if $(TEST_ENV) LP_SHARED=/nonexistent/shared LAZYPIPE_CACHE_DIR=$(CURDIR)/build/plain/cache \
	   build/san/tests/$* --jobs 1 --verbose </dev/null >../$*.log 2>&1; then \
	  grep -E '^\[(SKIP|FAIL)' ../$*.log | sort | uniq -c | sort -rn | head -3 || true; \
	else cat ../$*.log; exit 1; fi
test-plain-run: $(RUN_PLAIN)
	@rm -rf build/plain

test-tsan: $(addprefix build/tsan/tests/,$(MT_TESTS)) build/tsan/lazypipe build/san/tests/test_server
	@$(DBS) $(MAKE) --no-print-directory test-tsan-run

# the MT tests under TSan, then lazypipe server under TSan (test_server's protocol, stress with 200
# clients, 100 more selecting while files change, runs, reuse, a run shared by sessions, the pool),
# each run a target (see RUN_TESTS)
TSAN_SERVER := protocol stress runs_sqlite runs_postgres no_database_errors_per_panel reuse_postgres \
               shared_run_postgres pool_bounds_connections benchmark_execution_complete_streamed
RUN_TSAN := $(addprefix run-tsan-server/,$(TSAN_SERVER)) $(addprefix run-tsan/,$(MT_TESTS))
.PHONY: $(RUN_TSAN)
test-tsan-run: $(RUN_TSAN)
$(filter run-tsan/%,$(RUN_TSAN)): run-tsan/%:
	@echo "== tsan $*"; $(TEST_ENV) TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/$* --jobs 1
$(filter run-tsan-server/%,$(RUN_TSAN)): run-tsan-server/%:
	@echo "== tsan lazypipe server: test_server's server/$*"; \
	$(TEST_ENV) LP_CLI=build/tsan/lazypipe LP_STRESS_CLIENTS=200 LP_STRESS_SELECTORS=100 LP_TSAN=1 \
	  TSAN_OPTIONS=halt_on_error=1 \
	  build/san/tests/test_server --jobs 1 --filter server/$* >build/tsan/test_server.$*.log 2>&1 || \
	  { cat build/tsan/test_server.$*.log; exit 1; }

# Valgrind's memcheck over the run path: the CLI and its server built for valgrind (build/vg:
# the host's malloc, arenas with red zones and unaddressable free bytes) run by the tests that run
# statements -- query, control and benchmark runs (custom export templates too), dashboard runs with
# withs, args and params, the server on its run dashboards -- on SQLite and PostgreSQL.  Any error
# fails the command (--error-exitcode) and
# is printed from build/vg/logs; there are no suppressions.  MEMCHECK_TESTS: "test[:criterion filter]".
MEMCHECK_TESTS := test_cli_run \
  test_cli_check:'cli_check/@(query_run_json|query_run_snapshot|failed_children_*|exit_codes_ok_alarm_*)' \
  test_server:'server/@(runs_*|protocol)' \
  test_cli_tmpl:'cli_tmpl/@(export_by_template_name_*|a_failing_template_*|a_detection_template)' \
  test_db_mysql:'db_mysql/@(query_run_*|benchmark_run_*|a_ppc_*)'
memcheck: build/vg/lazypipe $(foreach t,$(MEMCHECK_TESTS),build/san/tests/$(firstword $(subst :, ,$(t))))
	@$(DBS) $(MAKE) --no-print-directory memcheck-run

# each spec a target (run-memcheck/N, see RUN_TESTS); memcheck-run then fails on any error logged
RUN_MEMCHECK := $(addprefix run-memcheck/,$(shell seq $(words $(MEMCHECK_TESTS))))
VG_ERRORS := for l in build/vg/logs/*; do [ ! -s "$$l" ] || { echo "== $$l"; cat "$$l"; failed=1; }; done
.PHONY: $(RUN_MEMCHECK) memcheck-clean
memcheck-clean:
	@rm -rf build/vg/logs
$(RUN_MEMCHECK): run-memcheck/%: memcheck-clean
	@spec=$(word $*,$(MEMCHECK_TESTS)); t=$${spec%%:*}; f=$${spec#*:}; \
	  [ "$$f" = "$$spec" ] && f='*/*'; echo "== memcheck $$t $$f"; \
	  if ! $(TEST_ENV) LP_CLI=tests/support/vg.sh build/san/tests/$$t --jobs 2 --filter "$$f" \
	       >build/vg/$$t.log 2>&1; then cat build/vg/$$t.log; $(VG_ERRORS); exit 1; fi; \
	  grep -E '^\[(SKIP|====)' build/vg/$$t.log || true
memcheck-run: $(RUN_MEMCHECK)
	@$(VG_ERRORS); [ -z "$$failed" ] && echo "memcheck: no errors"

# Everything make check runs is built first, CHECK_JOBS at a time (the machine's cores): the tests then
# run TEST_JOBS files at a time (check-run), each with its own --jobs 2; TEST_JOBS=1 runs them one by
# one (on a machine loaded by other work, where a test's own timeout could pass first).
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TEST_JOBS ?= $(CHECK_JOBS)
CHECK_BINS = all build/vg/lazypipe build/san/lazypipe $(addprefix build/san/tests/,$(TESTS)) \
              $(addprefix build/san/replay/,$(FUZZ_TARGETS)) $(addprefix build/tsan/tests/,$(MT_TESTS)) \
              build/tsan/lazypipe
check: bootstrap
	@$(MAKE) --no-print-directory check-gen
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) $(CHECK_BINS)
	@$(DBS) $(MAKE) --no-print-directory -j$(TEST_JOBS) -Otarget check-run
	@echo "make check: all passed"

# What make check runs, TEST_JOBS at a time: the acceptance files (one after another, ~3 minutes
# on one core) start first, beside the slowest test files (RUN_TESTS)
SLOW_RUNS := $(filter $(addprefix run-test/,$(SLOW_TESTS)),$(RUN_TESTS))
check-run: run-acceptance $(SLOW_RUNS) memcheck-run test-tsan-run $(filter-out $(SLOW_RUNS),$(RUN_TESTS)) \
  fuzz-replay \
  check-lib check-server-memory test-page
run-acceptance:
	@$(MAKE) --no-print-directory acceptance ACCEPTANCE="$(CHECK_ACCEPTANCE)"
.PHONY: check-run run-acceptance

# The acceptance files make check runs: the ones about showing and running, and mod management
# (mod.bats and mod_install.bats install from the bare repositories of $(SHARED)/testdata/git, which
# tests/acceptance/run.sh points git at), and the configuration's precedence;
# `make acceptance` runs all.
CHECK_ACCEPTANCE := check.bats params_and_args.bats tag_filtering.bats var_resolution.bats sp_files.bats \
                    config_path.bats database_precedence.bats resource_show_outputs.bats dashboard.bats \
                    dashboard_parsing_validation.bats snapshot.bats backend.bats mod.bats mod_install.bats \
                    config_precedence.bats

# Powerpipe's own acceptance tests (bats), run as written with `powerpipe` being build/lazypipe;
# tests/acceptance/required.txt lists those that must pass.  ACCEPTANCE="check.bats ..." runs some.
acceptance: build/lazypipe
	@LP_SHARED=$(SHARED) tests/acceptance/run.sh $(ACCEPTANCE)

# ------------------------------------------------------------------ fuzz
# libFuzzer targets fuzz/fuzz_*.c, built with clang; crashes found are kept in
# fuzz/regressions/<target>/ and replayed by `make check` (fuzz-replay) through a
# plain driver built with the ASan+UBSan library.
FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -DLP_SYSTEM_MALLOC
FUZZ_OBJS    := $(call obj_of,build/fuzzlib,$(LIB_SRCS))
# code some targets include (fuzz_dir.h: the scratch directory; fuzz_skim compares trees with ast_cmp.c,
# fuzz_workspace dumps with wsdump.c, fuzz_request parses with the server's request.c and fuzz_wsframe
# reads frames with its wsframe.c, which are the server's code and not in the library)
FUZZ_INCLUDED := $(wildcard fuzz/fuzz_dir.h fuzz/fuzz_edits.h tests/support/ast_cmp.c \
                  tests/support/ast_cmp.h tests/support/wsdump.c tests/support/ordgen.c \
                  tests/support/ordgen.h \
                  tests/support/wsdump.h src/server/request.c src/server/server.h src/server/wsframe.c \
                  src/server/wsframe.h)
# targets whose code under test is only libc and compiled in: they link no library (no clang build of it)
FUZZ_STANDALONE := fuzz_wsframe
# code of the programs a target links besides the library (fuzz_tmpl: the template engine, src/tmpl)
FUZZ_EXTRA_fuzz_tmpl := $(TMPL_SRCS)
# kept between links: make would delete them as intermediates and recompile the library for every target
.SECONDARY: $(FUZZ_OBJS) $(call obj_of,build/san,$(TEST_SUPPORT)) $(call obj_of,build/tsan,$(TEST_SUPPORT))
# and so are the drivers' objects, between their archives' links
.SECONDARY: $(foreach d,$(DRIVERS) ducklake,$(OBJ)/src/driver/$(d).o build/san/src/driver/$(d).o \
  build/tsan/src/driver/$(d).o \
  build/vg/src/driver/$(d).o)

# the library is compiled once with clang's coverage hooks; each target links it
build/fuzzlib/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(STD) $(INC) -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(CHECKS) -MMD -MP -c $< -o $@

# fuzz_run runs statements: it links the SQLite driver (the fuzz build's object, the replay's archive)
FUZZ_DRIVER_fuzz_run := sqlite
# fuzz_drv TARGET,DIR: the driver TARGET links, in DIR (fuzz_drv_file: its object or its archive)
fuzz_drv_file = $(if $(filter build/fuzzlib,$(2)),src/driver/$(FUZZ_DRIVER_$(1)).o,$\
                liblazypipe-$(FUZZ_DRIVER_$(1)).a)
fuzz_drv = $(if $(FUZZ_DRIVER_$(1)),$(2)/$(call fuzz_drv_file,$(1),$(2)))
build/fuzz/fuzz_run: build/fuzzlib/src/driver/sqlite.o
build/san/replay/fuzz_run: build/san/liblazypipe-sqlite.a

build/fuzz/fuzz_tmpl build/san/replay/fuzz_tmpl: $(TMPL_SRCS) $(wildcard src/tmpl/*.h)
build/fuzz/%: fuzz/%.c $(FUZZ_OBJS) $(FUZZ_INCLUDED)
	@mkdir -p $(dir $@)
	$(CLANG) $(STD) $(INC) -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_EXTRA_$*) \
	  $(call fuzz_drv,$*,build/fuzzlib) \
	  $(FUZZ_OBJS) $(SANLIBS) $(if $(FUZZ_DRIVER_$*),$(DRIVER_DEPLIBS_$(FUZZ_DRIVER_$*)))

$(addprefix build/fuzz/,$(FUZZ_STANDALONE)): build/fuzz/%: fuzz/%.c $(FUZZ_INCLUDED)
	@mkdir -p $(dir $@)
	$(CLANG) $(STD) $(INC) -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $<

fuzz-build: $(addprefix build/fuzz/,$(FUZZ_TARGETS))

build/san/replay/%: fuzz/%.c fuzz/replay_main.c build/san/liblazypipe.a $(FUZZ_INCLUDED)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(INC) -O1 -g $(SAN) $(TEST_LD) -DLP_SYSTEM_MALLOC -o $@ $< fuzz/replay_main.c \
	  $(FUZZ_EXTRA_$*) \
	  $(call fuzz_drv,$*,build/san) build/san/liblazypipe.a $(SANLIBS) \
	  $(if $(FUZZ_DRIVER_$*),$(DRIVER_DEPLIBS_$(FUZZ_DRIVER_$*)))

fuzz-replay: $(addprefix build/san/replay/,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
	  if [ -d fuzz/regressions/$$t ]; then echo "== replay $$t"; \
	    ASAN_OPTIONS=detect_leaks=1 build/san/replay/$$t fuzz/regressions/$$t; fi; done

fuzz: fuzz-build
	@fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ------------------------------------------------------------------ bench, demo
bench:
	@$(MAKE) --no-print-directory all bench-bins
	@bench/run.sh
	@SHARED=$(SHARED) bench/edit_cli.sh

# `lazypipe server` on aws_compliance: idle RSS, round trips, pushes (bench/server_bench.js)
bench-server: all
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/server_bench.js build/lazypipe \
	  $(SHARED)/corpus/aws_compliance build/bench/server-index-cache

# dashboard runs in `lazypipe server` over SQLite, beside sqlite3: first leaf, 30 leaves, an edit's
# reused re-run, RSS (bench/dash_bench.js; BENCHMARKS.md)
bench-dash: all
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/dash_bench.js build/lazypipe

# The server's memory over a benchmark run of 1,000 and 5,000 controls on SQLite (bench/check_server_rss.js;
# BENCHMARKS.md): CONTROLS=1000,5000
bench-check-server: all
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/check_server_rss.js build/lazypipe

# One server for a thousand viewers on the tests' PostgreSQL (bench/viewers_bench.js;
# BENCHMARKS.md): VIEWERS=1000 DASHBOARDS=100 LEAVES=30 PARALLEL=10
bench-viewers: all pg-start
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/viewers_bench.js build/lazypipe \
	  postgres://steampipe@127.0.0.1:$(LP_PG_PORT)/steampipe

# The built-in page over a real mod, as a PNG for people (the browser test asserts on the DOM)
SCREENSHOT_MOD ?= $(SHARED)/corpus/aws_compliance
screenshot: all
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node tests/server/screenshot.js build/lazypipe \
	  $(SCREENSHOT_MOD) build/screenshot.png

# Our page beside Powerpipe's UI (--ui-dir $(PPUI_DIR)), PNGs for people to compare (not a test):
# six views of aws_insights' dashboards over made-up rows (tests/data/corpus_aws.sql, in schema
# lp_fake_aws of the tests' PostgreSQL; group g2's relationship graph folds its three users) and
# propmod's main dashboard over SQLite, in
# build/screenshot-pairs/N-<dashboard>.png (tests/server/screenshot_pair.js)
PPUI_DIR ?= $(SHARED)/powerpipe-ui
PAIRS_PG = postgres://steampipe@127.0.0.1:$(LP_PG_PORT)/steampipe
PAIRS_MODS = build/screenshot-pairs/mods
PAIRS_AWS = $(PAIRS_MODS)/aws_insights|$(PAIRS_PG)?options=-csearch_path%3Dlp_fake_aws|/aws_insights.dashboard
PAIRS_REPO_ARN = arn:aws:codecommit:us-east-1:111111111111:repo1
screenshot-pairs: all pg-start
	@rm -rf build/screenshot-pairs && mkdir -p build/screenshot-pairs/mods
	@cp -r $(SHARED)/corpus/aws_insights tests/server/propmod build/screenshot-pairs/mods/
	@psql -q "$(PAIRS_PG)" -f tests/data/corpus_aws.sql
	@sqlite3 build/screenshot-pairs/mods/propmod/data.db 'create table t(x); drop table t;'
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node tests/server/screenshot_pair.js build/lazypipe \
	  $(PPUI_DIR) build/screenshot-pairs \
	  '$(PAIRS_AWS).acm_certificate_dashboard' '$(PAIRS_AWS).iam_group_dashboard' \
	  '$(PAIRS_AWS).codecommit_repository_dashboard' \
	  '$(PAIRS_AWS).iam_group_detail?input.group_arn=arn:aws:iam::111111111111:group/g1' \
	  '$(PAIRS_AWS).iam_group_detail?input.group_arn=arn:aws:iam::111111111111:group/g2' \
	  '$(PAIRS_AWS).codecommit_repository_detail?input.codecommit_repository_arn=$(PAIRS_REPO_ARN)' \
	  '$(PAIRS_MODS)/propmod|sqlite://$(CURDIR)/$(PAIRS_MODS)/propmod/data.db|/props.dashboard.main'

# The layout checker (tests/server/layout_check.js) over every dashboard and top-level benchmark of
# the corpus's mods, at 3 widths x 2 themes x the list shown and hidden: aws_insights over made-up
# rows (tests/data/corpus_aws.sql; the dashboards whose tables it lacks show their errors),
# aws_compliance's and aws_cloudtrail_log_detections' benchmarks, and layoutmod.  make check walks a
# fixed sample of them (tests/test_page_layout.c); this walk (193 views) takes ~40 min on 2 cores
# (LAYOUT_EVERY=N: every Nth view only)
LAYOUT_MODS = build/layout-corpus/mods
LAYOUT_PG = $(PAIRS_PG)?options=-csearch_path%3Dlp_fake_aws
check-layout-corpus: all pg-start
	@rm -rf build/layout-corpus && mkdir -p $(LAYOUT_MODS)
	@cp -r $(SHARED)/corpus/aws_insights $(SHARED)/corpus/aws_compliance \
	  $(SHARED)/corpus/aws_cloudtrail_log_detections tests/server/layoutmod $(LAYOUT_MODS)/
	@psql -q "$(PAIRS_PG)" -f tests/data/corpus_aws.sql
	@sqlite3 $(LAYOUT_MODS)/layoutmod/data.db 'create table t(x); drop table t;'
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node tests/server/layout_check.js build/lazypipe \
	  '$(LAYOUT_MODS)/layoutmod|sqlite://$(CURDIR)/$(LAYOUT_MODS)/layoutmod/data.db|*$(LAYOUT_EVERY)' \
	  '$(LAYOUT_MODS)/aws_insights|$(LAYOUT_PG)|*$(LAYOUT_EVERY)' \
	  '$(LAYOUT_MODS)/aws_compliance|$(LAYOUT_PG)|*$(LAYOUT_EVERY)' \
	  '$(LAYOUT_MODS)/aws_cloudtrail_log_detections|$(LAYOUT_PG)|*$(LAYOUT_EVERY)'

# A cold dashboard load, the built-in page against Powerpipe's UI (--ui-dir $(PPUI_DIR)) on the same
# server: bytes on the wire and time to the first complete paint, medians of alternated loads
# (bench/page_load.js; BENCHMARKS.md), over three aws_insights dashboards (certificates, IAM groups,
# CodeCommit repositories: those of the screenshot pairs) and made-up rows
BENCH_PAGE_PATHS := /aws_insights.dashboard.acm_certificate_dashboard,$\
  /aws_insights.dashboard.iam_group_dashboard,/aws_insights.dashboard.codecommit_repository_dashboard
bench-page: all pg-start
	@rm -rf build/bench-page && mkdir -p build/bench-page
	@cp -r $(SHARED)/corpus/aws_insights build/bench-page/
	@psql -q "$(PAIRS_PG)" -f tests/data/corpus_aws.sql
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/page_load.js build/lazypipe $(PPUI_DIR) \
	  build/bench-page/aws_insights '$(PAIRS_PG)?options=-csearch_path%3Dlp_fake_aws' \
	  $(BENCH_PAGE_PATHS) $(or $(RUNS),7)

bench-plot: bench
	@bench/plot.sh

# the sample mod indexed, then run: a benchmark and a query against an SQLite database made from
# tests/data/demo.sql (no server needed)
demo: bootstrap all
	build/lazypipe --mod-location tests/data/sample_mod index
	build/lazypipe --mod-location tests/data/sample_mod benchmark list
	@rm -f build/demo.db && sqlite3 build/demo.db < tests/data/demo.sql
	@# exit 1: the sample benchmark has alarms, as a real one would
	POWERPIPE_DISPLAY_WIDTH=100 build/lazypipe --mod-location tests/data/sample_mod benchmark run s3 \
	  --database sqlite://build/demo.db --progress=false || [ $$? -eq 1 ]
	build/lazypipe --mod-location tests/data/sample_mod query run bucket_list --database sqlite://build/demo.db
	@echo
	@echo "The sample mod's dashboards (a card, a chart, an input, a table) in a browser:"
	@echo "  build/lazypipe --mod-location tests/data/sample_mod server" \
	  "--database sqlite://$(CURDIR)/build/demo.db"
	@echo "  then open http://localhost:9033/sample.dashboard.overview"

# ------------------------------------------------------------------ install
install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 build/liblazypipe.a $(DRIVER_ARCHIVES) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/lazypipe.h include/lazypipe_mods.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 build/lazypipe build/lazypipe-server $(DESTDIR)$(PREFIX)/bin/
	@# the programs' drivers, loaded at their first connect from <exe>/../lib/lazypipe
	install -d $(DESTDIR)$(PREFIX)/lib/lazypipe
	install -m 644 $(DRIVER_OBJECTS) $(DESTDIR)$(PREFIX)/lib/lazypipe/
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/include' '' \
	  'Name: lazypipe' 'Description: Lazy-loading Powerpipe workspace index' 'Version: $(LP_VERSION)' \
	  'Libs: -L$${libdir} -llazypipe $(LIBS)' 'Cflags: -I$${includedir}' \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/lazypipe.pc
	@for d in $(DRIVERS); do \
	  case $$d in sqlite) deps='$(DRIVER_DEPLIBS_sqlite)';; postgres) deps='$(DRIVER_DEPLIBS_postgres)';; \
	    duckdb) deps='$(DRIVER_DEPLIBS_duckdb)';; mysql) deps='$(DRIVER_DEPLIBS_mysql)';; esac; \
	  printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/include' '' \
	    "Name: lazypipe-$$d" "Description: lazypipe's $$d driver" 'Version: $(LP_VERSION)' \
	    'Requires: lazypipe' "Libs: -L\$${libdir} -llazypipe-$$d $$deps" 'Cflags: -I$${includedir}' \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/lazypipe-$$d.pc; done
	@# DuckDB's library (when bootstrap fetched it) where the duckdb driver looks: <prefix>/lib/lazypipe
	@if [ -f .deps/duckdb/libduckdb.so ]; then install -d $(DESTDIR)$(PREFIX)/lib/lazypipe && \
	  install -m 644 .deps/duckdb/libduckdb.so $(DESTDIR)$(PREFIX)/lib/lazypipe/ && \
	  install -m 644 .deps/duckdb/LICENSE $(DESTDIR)$(PREFIX)/lib/lazypipe/LICENSE.duckdb; fi
	@# the built-in page's icons (when bootstrap fetched them), with their licences, where the server
	@# looks: <prefix>/share/lazypipe/icons
	@if [ -f .deps/icons/heroicons/LICENSE ]; then rm -rf $(DESTDIR)$(PREFIX)/share/lazypipe/icons && \
	  install -d $(DESTDIR)$(PREFIX)/share/lazypipe && \
	  cp -R .deps/icons $(DESTDIR)$(PREFIX)/share/lazypipe/icons; fi
	@# lazypipe-server embeds ECharts: its licence and notice go with it (Apache-2.0, section 4)
	install -d $(DESTDIR)$(PREFIX)/share/doc/lazypipe/echarts
	install -m 644 third_party/echarts/LICENSE third_party/echarts/NOTICE \
	  third_party/echarts/licenses/LICENSE-d3 third_party/echarts/licenses/LICENSE-zrender \
	  $(DESTDIR)$(PREFIX)/share/doc/lazypipe/echarts/
	install -d $(DESTDIR)$(PREFIX)/share/doc/lazypipe/sql-formatter
	install -m 644 third_party/sql-formatter/LICENSE $(DESTDIR)$(PREFIX)/share/doc/lazypipe/sql-formatter/
	@# both programs embed mimalloc (MIT): its licence goes with them
	install -d $(DESTDIR)$(PREFIX)/share/doc/lazypipe/mimalloc
	install -m 644 third_party/mimalloc/LICENSE $(DESTDIR)$(PREFIX)/share/doc/lazypipe/mimalloc/

# The library is only static, so its dependencies are in Libs (not Libs.private, which
# pkg-config adds only with --static): `pkg-config --libs lazypipe` links with or without --static.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/liblazypipe.a $(DESTDIR)$(PREFIX)/include/lazypipe.h \
	  $(DESTDIR)$(PREFIX)/include/lazypipe_mods.h \
	  $(DESTDIR)$(PREFIX)/bin/lazypipe $(DESTDIR)$(PREFIX)/bin/lazypipe-server \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/lazypipe.pc
	rm -f $(foreach d,$(DRIVERS),$(DESTDIR)$(PREFIX)/lib/liblazypipe-$(d).a \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/lazypipe-$(d).pc)
	rm -f $(DESTDIR)$(PREFIX)/lib/lazypipe/libduckdb.so $(DESTDIR)$(PREFIX)/lib/lazypipe/LICENSE.duckdb
	rm -f $(patsubst build/%,$(DESTDIR)$(PREFIX)/lib/lazypipe/%,$(DRIVER_OBJECTS))
	rmdir $(DESTDIR)$(PREFIX)/lib/lazypipe 2>/dev/null || true
	rm -rf $(DESTDIR)$(PREFIX)/share/lazypipe/icons
	rmdir $(DESTDIR)$(PREFIX)/share/lazypipe 2>/dev/null || true
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/doc/lazypipe/echarts/,LICENSE NOTICE LICENSE-d3 LICENSE-zrender)
	rm -f $(DESTDIR)$(PREFIX)/share/doc/lazypipe/sql-formatter/LICENSE
	rm -f $(DESTDIR)$(PREFIX)/share/doc/lazypipe/mimalloc/LICENSE
	rmdir $(DESTDIR)$(PREFIX)/share/doc/lazypipe/echarts $(DESTDIR)$(PREFIX)/share/doc/lazypipe/mimalloc \
	  $(DESTDIR)$(PREFIX)/share/doc/lazypipe/sql-formatter $(DESTDIR)$(PREFIX)/share/doc/lazypipe \
	  2>/dev/null || true

# The archive as a user meets it: only lp_ symbols exported, the library example (docs/library.md) built
# through pkg-config (with and without --static) from a staged install, then uninstalled.
check-lib: all
	+@$(MYSQL) run build/mysql env LP_MYSQL_URL='mysql://root@tcp(127.0.0.1:$(LP_MYSQL_PORT))/lazypipe' \
	  tests/check_lib.sh
	@tests/check_layers.sh "$(LIB_LAYERS)" $(OBJ)
	@tests/check_style.sh
	@tests/check_writes.sh
	@tests/check_fnlen.sh

# The built-in page's logic (src/server/page/logic: formatting, templates, grouping, chart options,
# layouts) by node's own test runner, against facts from Powerpipe's UI source (tests/page/*.test.mjs);
# what only a browser shows is tested in Chromium by test_server (tests/server/page*.js)
test-page:
	@node --test tests/page/ >build/test-page.log 2>&1 || { cat build/test-page.log; exit 1; }
	@grep -E '^# (pass|fail)' build/test-page.log | tr '\n' ' ' | sed 's/^/test-page: /; s/ $$/\n/'

# The memory bounds of the release server (tests/check_server_memory.sh): idle RSS and no
# database library after startup, its open-files limit, 1,000 viewers of one dashboard on PostgreSQL
check-server-memory: all
	@$(PG) run build/pg tests/check_server_memory.sh $(SHARED) \
	  postgres://steampipe@127.0.0.1:$(LP_PG_PORT)/steampipe

# Reformat only the C sources' lines over 110 columns (clang-format, .clang-format); check-lib fails
# on them (and on the other files' long lines, which are reflowed by hand).
reflow:
	@for f in $$(find src tests fuzz bench -path tests/data -prune -o \
	    \( -name '*.c' -o -name '*.h' \) -print); do \
	  lines=$$(tests/check_style.sh --lines $$f); \
	  if [ -n "$$lines" ]; then echo "clang-format $$f"; clang-format -i $$lines $$f; fi; done

clean: pg-stop mysql-stop
	rm -rf build

include bench/bench.mk

-include $(shell find build -name '*.d' 2>/dev/null)
