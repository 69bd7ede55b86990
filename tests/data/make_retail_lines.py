#!/usr/bin/env python3
"""Write tests/data/online_retail_lines.csv: the header and the first 4000 data
lines of UCI Online Retail exactly as published (line level: Quantity and
UnitPrice, cancellations, rows without a CustomerID), for the CLI test.
Run: /usr/bin/python3 make_retail_lines.py /work/shared/data [OUT_DIR]"""
import gzip
import os
import sys

src = os.path.join(sys.argv[1], "online_retail.csv.gz")
out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
with gzip.open(src, "rb") as f, open(os.path.join(out_dir, "online_retail_lines.csv"), "wb") as out:
    for i, line in enumerate(f):
        if i > 4000:
            break
        out.write(line)
