"""Without NumPy and pandas the binding takes and returns plain lists
(simulated by setting libsegment._compat.np and .pd to None)."""
from __future__ import annotations

import array

import pytest

import libsegment as ls
from libsegment import _columns, _compat


@pytest.fixture
def no_numpy(monkeypatch):
    monkeypatch.setattr(_compat, "np", None)
    monkeypatch.setattr(_compat, "pd", None)


def test_lists_in_lists_out(no_numpy, retail, expected):
    with ls.Dataset(scale=3) as ds:
        assert ds.add_transactions(retail["customer"], retail["date"], retail["amount"],
                                   order=retail["invoice"]) == 18532
        with ds.analyze(as_of="2011-12-10") as r:
            abc = r.column("abc")
            assert isinstance(abc, list) and len(abc) == 4338
            assert {c: abc.count(v) for v, c in ((1, "A"), (2, "B"), (3, "C"))} == \
                {c: int(expected[f"abc.smallest.{c}"]) for c in "ABC"}
            renew = r.column("renew")
            assert renew == [None] * 4338
            share = r.column("abc_share")
            assert all(isinstance(v, float) for v in share)
            with pytest.raises(ImportError, match="needs pandas"):
                r.to_pandas()


def test_columns_are_stdlib_arrays(no_numpy):
    col = _columns.id_column([1, 2, 3])
    assert col.kind == "i64" and isinstance(col.keep[0], array.array) and not col.zero_copy
    col = _columns.str_column(["ab", None, "c"])
    assert col.keep[0] == b"abc" and list(col.keep[1]) == [0, 2, 2, 3]
    assert _columns.date_column(["2024-01-01", None], required=False).kind == "str"


def test_same_table_with_and_without_numpy(monkeypatch, retail):
    def table():
        with ls.Dataset(scale=3) as ds:
            ds.add_transactions(retail["customer"][:2000], retail["date"][:2000], retail["amount"][:2000])
            with ds.analyze() as r:
                return r.dumps()
    with_numpy = table()
    monkeypatch.setattr(_compat, "np", None)
    assert table() == with_numpy
