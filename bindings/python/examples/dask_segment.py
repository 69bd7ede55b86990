#!/usr/bin/python3
"""Example: segment a Dask DataFrame on a local cluster (partial states merged
by a tree reduction) and check it against the single-machine run, with timings."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the package beside examples/
import libsegment as ls                                           # noqa: E402
from libsegment.dask import segment_dask                          # noqa: E402

COLUMNS = dict(customer="customer_id", date="date", amount="amount", order="order", margin="margin",
               quantity="quantity")


def generated_orders(customers: int = 3000, orders: int = 20000, seed: int = 5) -> pd.DataFrame:
    """Random order lines: 1–4 lines per order on one day, amounts in cents,
    margins, quantities, and about 5 % refund lines without an order id."""
    rng = np.random.default_rng(seed)
    cust = rng.integers(0, customers, orders)
    day = rng.integers(0, 730, orders) + np.datetime64("2023-01-01")
    lines = rng.integers(1, 5, orders)
    rows = np.repeat(np.arange(orders), lines)
    amount = rng.integers(100, 500000, len(rows))
    refund = rng.random(len(rows)) < 0.05
    amount[refund] = -rng.integers(100, 50000, int(refund.sum()))
    order = pd.array(np.where(refund, 0, rows + 1), dtype="Int64")
    order[refund] = pd.NA
    return pd.DataFrame({"customer_id": [f"C{c:05d}" for c in cust[rows]], "date": day[rows], "amount": amount,
                         "order": order, "margin": amount // 4, "quantity": rng.integers(1, 20, len(rows))})


def single_machine(df: pd.DataFrame) -> tuple:
    """(seconds, per-customer DataFrame) of loading and analysing in this process."""
    start = time.perf_counter()
    with ls.Dataset() as ds:
        ds.add_dataframe(df, **COLUMNS)
        with ds.analyze() as r:
            table = r.to_pandas()
    return time.perf_counter() - start, table


def on_dask(df: pd.DataFrame, partitions: int) -> tuple:
    """(seconds, per-customer DataFrame) of the Dask run on the active client."""
    import dask.dataframe as dd
    ddf = dd.from_pandas(df, npartitions=partitions)
    start = time.perf_counter()
    with segment_dask(ddf, **COLUMNS) as ds, ds.analyze() as r:
        table = r.to_pandas()
    return time.perf_counter() - start, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--orders", type=int, default=200000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client, LocalCluster
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(ls.__file__).parents[1]),
                                                             os.environ.get("PYTHONPATH")]))
    df = generated_orders(args.customers, args.orders)
    single_s, want = single_machine(df)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        dask_s, got = on_dask(df, args.partitions)
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index(), check_exact=True)
    print(f"{len(df)} rows, {len(want)} customers: single machine {single_s:.2f} s, "
          f"Dask ({args.workers} workers, {args.partitions} partitions) {dask_s:.2f} s; "
          f"every column equal for every customer")


if __name__ == "__main__":
    main()
