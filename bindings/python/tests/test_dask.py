"""libsegment.dask on a distributed LocalCluster (2 worker processes): the
merged state scores exactly as the single-machine run, on the Online Retail
extract and on a generated base with multi-line orders and refunds."""
from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest

import libsegment as ls
from helpers import assert_same_result, generated_orders

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
from libsegment import dask as lsd  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(ls._clib, "seg_dataset_merge"),
                                reason="the library has no partial state (needs 0.3)")
GENERATED = dict(customer="customer_id", date="date", amount="amount", order="order", margin="margin",
                 quantity="quantity")
RETAIL = dict(customer="customer", date="date", amount="amount", order="invoice", scale=3)
AS_OF = datetime.date(2011, 12, 10)


@pytest.fixture(scope="module")
def client():
    package_dir = str(Path(ls.__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [package_dir, os.environ.get("PYTHONPATH")]))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


def test_tree_reduce_groups_by_split_every():
    seen = []

    def combine(group):
        seen.append(list(group))
        return sum(group)
    assert lsd.tree_reduce(list(range(10)), combine, 4) == 45
    assert seen == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9], [6, 22, 17]]
    assert lsd.tree_reduce([7], combine, 2) == 7
    with pytest.raises(ValueError):
        lsd.tree_reduce([1, 2], combine, 1)
    with pytest.raises(ValueError):
        lsd.tree_reduce([], combine, 2)


def test_partition_and_merge_functions_without_a_cluster():
    df = generated_orders(customers=200, orders=1000)
    cols = {k: v for k, v in GENERATED.items()}
    opts = {"scale": 2, "as_of": None, "period": "month"}
    halves = [df[df.customer_id < "C00100"], df[df.customer_id >= "C00100"], df[:0]]
    states = [lsd.partition_state(h, cols, opts) for h in halves]
    merged = lsd.merge_states(states, opts)
    with ls.Dataset.from_state(merged) as ds, ls.Dataset() as whole:
        whole.add_dataframe(df, **cols)
        with ds.analyze() as got, whole.analyze() as want:
            assert_same_result(got, want)


def _single(df, columns, as_of=None):
    columns = dict(columns)
    scale = columns.pop("scale", 2)
    start = time.perf_counter()
    ds = ls.Dataset(scale=scale)
    ds.add_dataframe(df, **columns)
    return ds, time.perf_counter() - start


def _compare(client, df, columns, partitions, label, as_of=None, capsys=None):
    whole, single_s = _single(df, columns)
    ddf = dd.from_pandas(df, npartitions=partitions)
    start = time.perf_counter()
    merged = lsd.segment_dask(ddf, split_every=3, **columns)
    dask_s = time.perf_counter() - start
    try:
        with whole.analyze(as_of=as_of) as want, merged.analyze(as_of=as_of) as got:
            assert len(got) == len(want)
            assert got.customer_ids() != want.customer_ids() or partitions == 1   # rows come in another order
            assert_same_result(got, want)
    finally:
        merged.close()
        whole.close()
    with capsys.disabled():
        print(f"\n{label}: {len(df)} rows, single machine load {single_s:.3f} s, Dask load+merge "
              f"({partitions} partitions, 2 workers) {dask_s:.3f} s")


def test_online_retail_on_the_cluster(client, retail_df, capsys):
    _compare(client, retail_df, RETAIL, 6, "Online Retail", AS_OF, capsys)


def test_generated_base_on_the_cluster(client, capsys):
    df = generated_orders(customers=3000, orders=20000)
    assert (df.amount < 0).sum() > 1000 and df.order.isna().sum() > 1000
    _compare(client, df, GENERATED, 8, "generated", None, capsys)


def test_partitions_by_order_split_customers_but_still_merge(client):
    """The contract needs whole orders in a partition, not whole customers."""
    df = generated_orders(customers=500, orders=3000)
    key = df.order.fillna(0).astype("int64") % 4
    ddf = dd.concat([dd.from_pandas(df[key == i], npartitions=1) for i in range(4)])
    assert df.groupby(key).customer_id.unique().map(set).pipe(lambda s: len(s[0] & s[1])) > 100
    with lsd.segment_dask(ddf, shuffle=False, **GENERATED) as merged, ls.Dataset() as whole:
        whole.add_dataframe(df, **GENERATED)
        with merged.analyze() as got, whole.analyze() as want:
            assert_same_result(got, want)


def test_example_script_runs(tmp_path):
    import subprocess
    import sys
    script = Path(__file__).resolve().parents[1] / "examples" / "dask_segment.py"
    proc = subprocess.run([sys.executable, str(script), "--customers", "300", "--orders", "2000",
                           "--partitions", "3"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "every column equal for every customer" in proc.stdout
