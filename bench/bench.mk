# bench/bench.mk — the bench's binaries; included by the top-level Makefile.
#   build/bench/genmod    synthetic mod generator (bench/genmod.c)
#   build/bench/lpbench   one measurement per process (bench/lpbench.c), with a
#                         phase for each library entry point that exists
#                         (bench/features.sh reads them off the archive)
#   build/bench/statfloor the floor of a whole reopening process: stat() the inputs, exit
#   build/bench/procrun   whole processes timed against each other, alternated
BENCH_CFLAGS ?= -O2 -g

build/bench/genmod: bench/genmod.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(BENCH_CFLAGS) -o $@ $<

# linked with the archive that keeps internal names, for the lexer and parser phases, and the
# drivers, for the run phases
build/bench/lpbench: bench/lpbench.c bench/features.sh build/liblazypipe-internal.a $(DRIVER_ARCHIVES)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) $(BENCH_CFLAGS) $$(bench/features.sh build/liblazypipe-internal.a) \
	  -o $@ bench/lpbench.c build/liblazypipe-internal.a $(DRIVER_ARCHIVES) $(DRIVER_DEPLIBS) $(LIBS)

# built as the CLI is, dynamically linked against libc alone (and position-dependent when it is)
build/bench/statfloor build/bench/procrun: build/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(BENCH_CFLAGS) $(if $(filter build/bench/statfloor,$@),$(CLI_LINK)) -o $@ $<

bench-bins: build/bench/genmod build/bench/lpbench build/bench/statfloor build/bench/procrun

# `lazypipe dashboard list` reopening aws_compliance from its image as a whole process, against
# a process that only stats the same inputs (BENCHMARKS.md)
bench-reopen: all bench-bins
	@SHARED=$(SHARED) bench/reopen_proc.sh

.PHONY: bench-bins bench-reopen

# runs against the tests' PostgreSQL (make pg-start), side by side with psql: overhead, memory,
# start-up, allocations (bench/run_bench.sh; BENCHMARKS.md)
bench-run: all bench-bins
	@bench/run_bench.sh

.PHONY: bench-run
# the hostile shapes: list output streamed (peak RSS), index and merge() n log n
bench-hostile: all
	@bench/hostile_shapes.sh

.PHONY: bench-bins bench-reopen bench-hostile
# `mod install` with nothing to do (≤ 50 ms), against an empty process and git ls-remote,
# offline through $(SHARED)/testdata/git (BENCHMARKS.md)
bench-mod-install: all build/bench/statfloor build/bench/procrun
	@SHARED=$(SHARED) bench/mod_install_noop.sh

.PHONY: bench-mod-install
# the command after a one-file edit (a title, SQL, a local) as whole processes, beside a reopen,
# --no-index-cache and a first open, on aws_compliance and aws_insights (BENCHMARKS.md)
bench-edit-cli: all build/bench/procrun
	@SHARED=$(SHARED) bench/edit_cli.sh

# `lazypipe server` started after a one-file edit, to its first available_dashboards, beside one started
# on an unchanged image
bench-edit-server: all
	@NODE_PATH=$(CURDIR)/.deps/node/node_modules node bench/edit_server.js $(SHARED)/corpus/aws_compliance

# how the command after a one-file edit grows with the workspace: synthetic mods large, xlarge, xlarge10
bench-edit-scale: all build/bench/procrun build/bench/genmod
	@bench/edit_scale.sh

.PHONY: bench-edit-cli bench-edit-server bench-edit-scale
