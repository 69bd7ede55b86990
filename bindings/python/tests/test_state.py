"""Partial state: Dataset.serialize(), merge() of datasets and of bytes,
from_state(); the merged dataset scores exactly as the whole one."""
from __future__ import annotations

import pytest

import libsegment as ls
from helpers import assert_same_result, generated_orders

pytestmark = pytest.mark.skipif(not hasattr(ls._clib, "seg_dataset_merge"),
                                reason="the library has no partial state (needs 0.3)")

COLUMNS = dict(customer="customer_id", date="date", amount="amount", order="order", margin="margin",
               quantity="quantity")


def _parts(df, n):
    key = df["customer_id"].map(hash) % n
    return [df[key == i] for i in range(n)]


def _load(df, **options):
    ds = ls.Dataset(**options)
    if len(df):
        ds.add_dataframe(df, **COLUMNS)
    return ds


@pytest.fixture(scope="module")
def orders():
    return generated_orders(customers=800, orders=5000)


def test_merge_datasets_bytes_and_from_state(orders):
    with _load(orders) as whole, whole.analyze() as want:
        parts = [_load(p) for p in _parts(orders, 3)]
        try:
            with ls.Dataset() as merged:
                for part in parts:
                    merged.merge(part)
                with merged.analyze() as got:
                    assert_same_result(got, want)
            states = [p.serialize() for p in parts]
            assert all(isinstance(s, bytes) and s for s in states)
            with ls.Dataset.from_state(states[2]) as merged:
                merged.merge(states[0])
                merged.merge(bytearray(states[1]))
                assert len(merged) == len(whole)
                with merged.analyze() as got:
                    assert_same_result(got, want)
        finally:
            for p in parts:
                p.close()


def test_round_trip_is_stable(orders):
    with _load(orders, scale=2, period="week") as ds:
        state = ds.serialize()
        with ls.Dataset.from_state(state) as copy:
            assert copy.serialize() == state
            assert (copy.scale, copy.period) == (2, "week")


def test_merge_errors(orders):
    with _load(orders[:100]) as a, _load(orders[100:200], scale=3) as b, _load(orders[200:300]) as c:
        with pytest.raises(ls.StateError, match="different options"):
            a.merge(b)
        with pytest.raises(ls.InvalidArgumentError):
            a.merge(a)
        a.merge(c.serialize())
        with a.analyze():
            with pytest.raises(ls.StateError, match="live result"):
                a.merge(c)
    with pytest.raises(ls.CorruptError):
        ls.Dataset.from_state(b"\x00" * 64)            # the dataset made is closed again
    with pytest.raises(ls.ClosedError):
        b.serialize()
