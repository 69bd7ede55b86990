#!/bin/sh
# Build the libFuzzer targets with clang (ASan + UBSan) in build-fuzz and run
# each for a bounded time; fails on any crash, leak, UB or timeout finding.
# Usage: tests/fuzz/run.sh [seconds per target, default 45] [target...]
set -eu
cd "$(dirname "$0")/../.."
secs="${1:-45}"
[ $# -gt 0 ] && shift
targets="${*:-fuzz_csv fuzz_parse fuzz_state fuzz_api}"
build="${FUZZ_BUILD:-build-fuzz}"
scratch="${FUZZ_SCRATCH:-$build/scratch}"

if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzzing=true -Dtests=false -Dexamples=false \
        -Ddocs=disabled -Db_lundef=false -Dbuildtype=debugoptimized
fi
ninja -C "$build"

status=0
for t in $targets; do
    corpus="tests/fuzz/corpus/$t"
    work="$scratch/$t"          # new inputs go here, never into the committed corpus
    mkdir -p "$work" "$scratch/artifacts"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    echo "== $t: $secs s =="
    log="$scratch/$t.log"
    # shellcheck disable=SC2086
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$t-" \
        $dict "$work" "$corpus" >"$log" 2>&1; then
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|Done [0-9]+ runs)' "$log" || tail -n 3 "$log"
    else
        echo "FAILED: $t (log: $log; inputs: $scratch/artifacts/$t-*)"
        grep -E 'ERROR|SUMMARY|invariant violated|runtime error|Test unit written' "$log" | head -20
        status=1
    fi
done
exit $status
