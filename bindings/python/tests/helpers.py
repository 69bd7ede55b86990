"""Helpers shared by the partial-state and Dask tests: a generated customer
base with multi-line orders and refunds, and an exact per-customer comparison."""
from __future__ import annotations

import numpy as np
import pandas as pd


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
    return pd.DataFrame({
        "customer_id": [f"C{c:05d}" for c in cust[rows]],
        "date": day[rows],
        "amount": amount,
        "order": order,
        "margin": amount // 4,
        "quantity": rng.integers(1, 20, len(rows)),
    })


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
