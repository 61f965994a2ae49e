# bench/bench.mk — the bench's binaries; included by the top-level Makefile.
#   build/bench/genmod    synthetic mod generator (bench/genmod.c)
#   build/bench/lpbench   one measurement per process (bench/lpbench.c), with a
#                         phase for each library entry point that exists
#                         (bench/features.sh reads them off the archive)
BENCH_CFLAGS ?= -O2 -g

build/bench/genmod: bench/genmod.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(BENCH_CFLAGS) -o $@ $<

# linked with the archive that keeps internal names, for the lexer and parser phases
build/bench/lpbench: bench/lpbench.c bench/features.sh build/liblazypipe-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(INC) $(BENCH_CFLAGS) $$(bench/features.sh build/liblazypipe-internal.a) \
	  -o $@ bench/lpbench.c build/liblazypipe-internal.a $(LIBS)

bench-bins: build/bench/genmod build/bench/lpbench

.PHONY: bench-bins
