"""Results on the Online Retail extract equal the independently computed
figures the C tests check (tests/data/online_retail_expected.txt), read
through every Result method: columns, pandas, summaries, periods, writers, cursor."""
from __future__ import annotations

import datetime
import json
import math

import numpy as np
import pandas as pd
import pytest

import libsegment as ls

AS_OF = datetime.date(2011, 12, 10)


@pytest.fixture(scope="module")
def result(request):
    from conftest import read_retail
    data = read_retail()
    ds = ls.Dataset(scale=3)
    ds.add_transactions(np.array(data["customer"], dtype=np.int64), data["date"],
                        np.array(data["amount"], dtype=np.int64), order=data["invoice"])
    r = ds.analyze(as_of=AS_OF)
    yield r
    r.close()
    ds.close()


def _counts(r, column):
    return {label: s["count"] for label, s in r.classes(column).items()}


def test_abc_rfm_pareto_figures(result, expected):
    e = {k: int(v) for k, v in expected.items() if v.lstrip("-").isdigit()}
    assert _counts(result, "abc") == {c: e[f"abc.smallest.{c}"] for c in "ABC"}
    assert {c: result.class_summary("abc", c)["metric"] for c in "ABC"} == \
        {c: e[f"abc.smallest.metric.{c}"] for c in "ABC"}
    for axis in "rfm":
        assert _counts(result, axis) == {s: e[f"rfm.tie.{axis.upper()}{s}"] for s in range(1, 6)}
    s = result.summary()
    assert (s["customers"], s["buyers"], s["net_amount"], s["metric_total"]) == \
        (e["customers"], e["buyers"], e["revenue"], e["metric_total"])
    assert (s["pareto_top_count"], s["pareto_reach_count"]) == (e["pareto.top_n"], e["pareto.reach_k"])
    for key, name in (("gini", "gini"), ("pareto_top_share", "pareto.top_share"),
                      ("pareto_reach_share", "pareto.reach_share"), ("xyz_cv_p10", "xyz.cv_p10"),
                      ("xyz_cv_median", "xyz.cv_p50"), ("xyz_cv_p90", "xyz.cv_p90")):
        assert s[key] == pytest.approx(float(expected[name]), rel=1e-8)
    assert s["as_of"] == AS_OF and s["scale"] == 3 and s["periods"] == 12 and s["xyz_period"] == 3


def test_xyz_matrix_lifecycle_periods(result, expected):
    e = {k: int(v) for k, v in expected.items() if v.isdigit()}
    assert _counts(result, "xyz") == {c: e[f"xyz.{c}"] for c in ("X", "Y", "Z", "too_new", "no_mean")}
    matrix = result.abc_xyz()
    assert {k: v["count"] for k, v in matrix.items()} == {k: e[f"abc_xyz.{k}"] for k in matrix}
    assert math.isclose(sum(v["share"] for v in matrix.values()), 1 - 0.0, rel_tol=0.01) or \
        sum(v["share"] for v in matrix.values()) <= 1
    life = _counts(result, "lifecycle")
    assert (life["current"], life["churned"]) == (e["lifecycle.current"], e["lifecycle.churned"])
    periods = result.periods()
    assert len(periods) == result.period_count == 12
    assert periods[0]["start"] == datetime.date(2010, 12, 1) and periods[-1]["start"] == datetime.date(2011, 11, 1)
    assert all(p["complete"] == 1 for p in periods)
    assert sum(p["new"] for p in periods) <= e["buyers"]
    top = result.period_top(0)
    assert len(top) == periods[0]["top_count"] and all(isinstance(c, int) for c in top)
    with pytest.raises(ls.NotFoundError):
        result.period(12)
    with pytest.raises(ls.NotFoundError):
        result.period_top(99)


def test_columns_numpy_and_pandas(result, expected):
    n = int(expected["customers"])
    rfm = result.column("rfm")
    assert isinstance(rfm, np.ma.MaskedArray) and rfm.dtype == np.int64 and len(rfm) == n == len(result)
    assert result.rows == n
    assert rfm.count() == n and 111 <= rfm.min() and rfm.max() <= 555
    renew = result.column("renew")
    assert renew.dtype == np.float64 and renew.count() == 0          # no refused leads: all null
    assert result.column("abc", as_list=True)[:3] == list(result.column("abc")[:3])
    df = result.to_pandas()
    assert df.index.name == "customer_id" and len(df) == n and set(result.column_names()) == set(df.columns)
    assert str(df["monetary"].dtype) == "Int64" and df["renew"].isna().all()
    assert int(df["net_amount"].sum()) == int(expected["revenue"])
    assert df.loc[17850, "frequency"] == 34
    labelled = result.to_pandas(["abc", "xyz", "rfm_segment", "last_purchase", "abc_share"], labels=True)
    assert labelled["abc"].value_counts().to_dict() == {"C": 1736, "B": 1469, "A": 1133}
    assert labelled.loc[17850, "rfm_segment"] == "Can't lose them"
    assert labelled.loc[17850, "last_purchase"] == datetime.date(2010, 12, 2)
    assert labelled["abc_share"].max() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown result column"):
        result.column("colour")


def test_breaks_lorenz_segments_labels(result):
    assert result.rfm_breaks("r") == [13.0, 33.0, 72.0, 180.0]
    assert len(result.rfm_breaks("m")) == 4
    x, y = result.lorenz()
    assert len(x) == len(y) == 101 and x[0] == 0 and x[-1] == 1 and y[-1] == pytest.approx(1.0)
    assert result.segment_count == 11 and result.segment_name(0) == "Champions"
    assert result.labels("rfm_segment")[10] == "Lost" and result.labels("abc") == {1: "A", 2: "B", 3: "C"}
    with pytest.raises(ls.NotFoundError):
        result.segment_name(11)
    with pytest.raises(ValueError):
        result.labels("recency_days")
    with pytest.raises(ValueError, match="not a class column"):
        result.classes("monetary")
    assert set(result.classes("renew_status")) == {"scored", "unrated"}
    assert result.classes("rfm_segment")["Champions"]["count"] > 0
    with pytest.raises(ValueError, match="unknown RFM axis"):
        result.rfm_breaks("q")


def test_explain(result):
    text = result.explain(17850)
    assert text.startswith("RFM 1-5-5 (Can't lose them)") and "ABC A" in text and text.count("\n") == 5
    assert result.explain(17850, ["abc"]).startswith("ABC A")
    assert result.explain(17850, 8).startswith("Pareto")
    with pytest.raises(ls.NotFoundError):
        result.explain(1)
    with pytest.raises(ls.NotFoundError):
        result.explain("17850")                  # the string id is another customer


def test_writers(result, tmp_path):
    result.write(tmp_path / "t.csv")
    result.write(tmp_path / "s.json", "summary", "json")
    table = (tmp_path / "t.csv").read_bytes().decode()
    assert table == result.dumps("table", "csv")
    assert table.splitlines()[0].startswith("customer_id,lifecycle,recency_days,frequency,monetary,r,f,m,rfm")
    assert len(table.splitlines()) == 4339
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["dataset"]["buyers"] == 4338
    assert json.loads(result.dumps("table", "json"))
    with pytest.raises(ValueError, match="unknown format"):
        result.dumps("table", "xml")


def test_cursor_rows(result):
    rows = list(result.iter_rows(columns=("abc", "abc_share", "renew"), where=("abc", "A")))
    assert len(rows) == 1133
    assert all(v["abc"] == 1 and v["renew"] is None and 0 < v["abc_share"] <= 0.81 for _, v in rows)
    first = next(iter(result.iter_rows(columns=("rfm",))))
    assert first == (17850, {"rfm": 155})
    with ls.Cursor(result) as cursor:
        with pytest.raises(ls.StateError):
            cursor.index()                       # before the first row
        cursor.filter("lifecycle", "churned")
        assert cursor.next() and cursor.get("lifecycle") == 4
        cursor.filter(None)
        assert cursor.next() and cursor.customer_id() == 17850
        with pytest.raises(ls.InvalidArgumentError):
            cursor.filter("abc_share", 1)        # a real column cannot filter


def test_refunds_on_all_rows(expected):
    from conftest import read_retail
    data = read_retail(clean_only=False)
    with ls.Dataset(scale=3) as ds:
        ds.add_dataframe(pd.DataFrame(data), customer="customer", order="invoice")
        with ds.analyze(as_of=AS_OF) as r:
            assert {c: r.class_summary("abc", c)["count"] for c in "ABC"} == \
                {c: int(expected[f"all.abc.smallest.{c}"]) for c in "ABC"}
            assert r.summary_value("customers") == int(expected["all.customers"])
            assert r.summary_value("net_amount") == int(expected["all.revenue"])
