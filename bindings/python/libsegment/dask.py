"""Segmentation of a Dask DataFrame: partitions fold into partial dataset
states on the workers, merged by a tree reduction into one Dataset on the client."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from .dataset import Dataset

#: Transaction fields a partition can carry, as add_dataframe() names them.
COLUMN_ROLES = ("customer", "date", "amount", "order", "margin", "quantity", "unit_price")


def partition_state(pdf: Any, columns: Dict[str, Optional[str]], options: Dict[str, Any]) -> bytes:
    """Fold one pandas partition into a fresh dataset and return its serialised state."""
    with Dataset(**options) as ds:
        if len(pdf):
            ds.add_dataframe(pdf, **columns)
        return ds.serialize()


def merge_states(states: Sequence[bytes], options: Dict[str, Any]) -> bytes:
    """Merge serialised states into one (associative and commutative, so any
    grouping of a tree reduction gives the same state)."""
    with Dataset(**options) as ds:
        for state in states:
            ds.merge(state)
        return ds.serialize()


def tree_reduce(items: List[Any], combine: Any, split_every: int) -> Any:
    """Combine a list level by level in groups of `split_every` (≥ 2); returns
    the single remaining item. `combine` receives a list and returns one item."""
    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    if not items:
        raise ValueError("nothing to reduce")
    while len(items) > 1:
        items = [combine(items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


def state_graph(ddf: Any, *, customer: str = "customer_id", date: str = "date",
                amount: Optional[str] = "amount", order: Optional[str] = None,
                margin: Optional[str] = None, quantity: Optional[str] = None,
                unit_price: Optional[str] = None, scale: int = 2, as_of: Any = None,
                period: str = "month", split_every: int = 8, shuffle: bool = True) -> Any:
    """The lazy computation (a dask Delayed) of the merged state's bytes.
    With shuffle=True the frame is first shuffled on the customer column, so
    every customer's rows, hence every order's, are in one partition."""
    import dask
    if shuffle:
        ddf = ddf.shuffle(on=customer)
    columns = {"customer": customer, "date": date, "amount": amount, "order": order,
               "margin": margin, "quantity": quantity, "unit_price": unit_price}
    options = {"scale": scale, "as_of": as_of, "period": period}
    fold = dask.delayed(partition_state, pure=True)
    merge = dask.delayed(merge_states, pure=True)
    states = [fold(part, columns, options) for part in ddf.to_delayed()]
    return tree_reduce(states, lambda group: merge(group, options), split_every)


def segment_dask(ddf: Any, **kwargs: Any) -> Dataset:
    """Fold a Dask DataFrame of transactions into one Dataset on the client.

    Keywords: the column names (customer="customer_id", date="date",
    amount="amount", order, margin, quantity, unit_price), the dataset
    options every partition shares (scale=2, as_of, period="month"),
    split_every (fan-in of the merge tree, 8) and shuffle (True). Runs on the
    current Dask scheduler (a distributed Client if one is active). Analyse
    the returned dataset as any other: the result equals the single-machine
    run customer by customer (row order may differ)."""
    import dask
    (state,) = dask.compute(state_graph(ddf, **kwargs))
    return Dataset.from_state(state)
