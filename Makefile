# Front door: `make demo` and `make test` install what is missing (Debian,
# as root), configure, build and run. Everything else is Meson underneath.
BUILD   ?= build
ASAN    ?= build-asan
TSAN    ?= build-tsan
DOCS    ?= build-docs
FUZZ    ?= build-fuzz
FUZZ_SECONDS ?= 45
BENCH   ?= build-bench
MESON_OPTS ?=
ifeq ($(CI),true)
  MESON_OPTS += --werror
endif

# Suites the sanitizer and valgrind runs skip: those that run an interpreter
# over the library (an ASan library cannot be loaded into plain ruby/python),
# and the ten-million-customer stress test.
NOT_NATIVE = --no-suite ruby --no-suite python --no-suite stress

# Debian packages the build, tests and docs need.
PACKAGES = meson ninja-build gcc g++ libtsan2 pkg-config libcmocka-dev python3 binutils \
           valgrind abigail-tools doxygen chromium locales ruby ruby-ffi ruby-minitest \
           python3-pytest python3-numpy python3-pandas python3-dask python3-distributed

.PHONY: all deps build demo test tsan sanitize valgrind fuzz docs abi-baseline bench ci clean

all: build

deps:
	@sh .ci/install-deps $(PACKAGES)

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_OPTS)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

SAMPLE = examples/data/orders.csv --customers examples/data/customers.csv

demo: build
	@echo "== segment summary of the bundled sample (examples/data: a 1C-style orders export and a CRM customers file) =="
	$(BUILD)/examples/segment/segment summary $(SAMPLE)
	@echo
	@echo "== why K-00059 is a key account to win back =="
	$(BUILD)/examples/segment/segment explain K-00059 $(SAMPLE)
	@echo
	$(BUILD)/examples/segment/segment report $(SAMPLE) -o $(BUILD)/report.html
	@echo "== the HTML report (charts, no network needed): $(BUILD)/report.html =="

test: build
	meson test -C $(BUILD) --print-errorlogs --verbose
	$(MAKE) --no-print-directory tsan

# The tests that start threads, under ThreadSanitizer (only they are built there).
tsan: deps
	test -f $(TSAN)/build.ninja || meson setup $(TSAN) $(MESON_OPTS) -Ddocs=disabled -Db_sanitize=thread -Db_lundef=false
	ninja -C $(TSAN) tests/test_threads tests/test_csv_threads tests/test_write_table
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  meson test -C $(TSAN) --no-rebuild --print-errorlogs --verbose threads csv_threads write_table

sanitize: deps
	test -f $(ASAN)/build.ninja || meson setup $(ASAN) $(MESON_OPTS) -Ddocs=disabled \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fno-sanitize-recover=all
	ninja -C $(ASAN)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  meson test -C $(ASAN) --print-errorlogs --verbose --no-suite abi $(NOT_NATIVE)

valgrind: build
	meson test -C $(BUILD) --setup valgrind --print-errorlogs --verbose $(NOT_NATIVE)

# libFuzzer with clang, ASan and UBSan: each target for FUZZ_SECONDS (new
# inputs go to $(FUZZ)/scratch, never into the committed corpus).
fuzz:
	@sh .ci/install-deps meson ninja-build pkg-config clang libclang-rt-14-dev
	FUZZ_BUILD=$(FUZZ) sh tests/fuzz/run.sh $(FUZZ_SECONDS)

docs: deps
	test -f $(DOCS)/build.ninja || meson setup $(DOCS) -Ddocs=enabled -Dtests=false -Dexamples=false
	ninja -C $(DOCS) docs
	@echo "API reference: $(DOCS)/docs/html/index.html"

# Deliberately accept the current ABI as the new baseline (see docs/abi-stability.md).
abi-baseline: build
	abidw --no-corpus-path --headers-dir include --out-file tests/abi/libsegment.abi \
	  $(BUILD)/lib/libsegment.so.1
	@echo "tests/abi/libsegment.abi refreshed: commit it with an ABI line in CHANGELOG.md"

# libsegment against DuckDB (from npm, into $(BENCH)/node_modules) on generated
# order lines; not part of `make test`. BENCH_SIZES="S M L", BENCH_RUNS=5,
# BENCH_STREAM_ROWS=200000000 (0 skips the stream run), BENCH_ARGS (more options
# of tests/bench/run.py); see docs/performance.md.
bench: deps
	test -f $(BENCH)/build.ninja || meson setup $(BENCH) --buildtype=release -Ddocs=disabled
	ninja -C $(BENCH) tests/bench/gen_orders tests/bench/bench_job
	test -d $(BENCH)/node_modules/@duckdb/node-api || npm install --prefix $(BENCH) --no-save @duckdb/node-api
	/usr/bin/python3 tests/bench/run.py --build $(BENCH) $(BENCH_ARGS)

ci: test sanitize fuzz valgrind docs

clean:
	rm -rf $(BUILD) $(ASAN) $(TSAN) $(DOCS) $(FUZZ) $(BENCH)
