"""Helpers shared by the partial-state and Dask tests: a generated customer
base with multi-line orders and refunds, and an exact per-customer comparison."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from dask_segment import generated_orders  # noqa: E402,F401  (the example's generator, tested here)


def assert_same_result(got, want) -> None:
    """Every column of two results is equal, exactly, customer by customer."""
    a = got.to_pandas().sort_index()
    b = want.to_pandas().sort_index()
    assert list(a.index) == list(b.index)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert got.summary().keys() == want.summary().keys()
    for key, value in want.summary().items():
        other = got.summary()[key]
        assert other == value or (value != value and other != other), key
    assert got.abc_xyz() == want.abc_xyz()
    assert got.periods() == want.periods() or _nan_equal(got.periods(), want.periods())


def _nan_equal(a, b) -> bool:
    return all(all(x[k] == y[k] or (x[k] != x[k] and y[k] != y[k]) for k in x) for x, y in zip(a, b))
