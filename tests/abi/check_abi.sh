#!/bin/sh
# abidiff the built libsegment.so.1 against the committed baseline. Fails on any
# change to what the baseline has (removed or changed symbols or types); additions pass.
# Refresh the baseline deliberately with `make abi-baseline`.
set -eu
lib=$1 baseline=$2 headers=$3
command -v abidw >/dev/null || { echo "abidw not found (apt-get install abigail-tools)"; exit 77; }
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw --no-corpus-path --headers-dir "$headers" --out-file "$current" "$lib"
set +e
abidiff --no-added-syms --headers-dir1 "$headers" --headers-dir2 "$headers" "$baseline" "$current"
rc=$?
set -e
# abidiff bits: 1 error, 2 usage, 4 ABI change, 8 incompatible change
if [ $((rc & 3)) -ne 0 ]; then echo "abidiff failed to run (status $rc)"; exit 1; fi
if [ $((rc & 12)) -ne 0 ]; then echo "ABI change against $baseline (only additions are allowed)"; exit 1; fi
echo "abidiff: nothing changed or removed against $(basename "$baseline") (status $rc)"
