#!/usr/bin/env python3
"""Run an example program and compare its standard output with the expected
text committed beside it; a difference fails the test and is shown."""
import difflib
import subprocess
import sys

program, expected_file = sys.argv[1:3]
got = subprocess.run([program], check=True, capture_output=True, text=True).stdout
want = open(expected_file, encoding="utf-8").read()
if got != want:
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                               "expected", "actual"))
    sys.exit(1)
print(f"{program}: output matches {expected_file}")
