"""Loading a dataset: options, one-record calls, column batches from lists,
NumPy arrays (bound in place where the layout allows) and pandas, and CSV."""
from __future__ import annotations

import datetime
import decimal

import numpy as np
import pandas as pd
import pytest

import libsegment as ls
from libsegment import _columns

ROWS = {
    "customer": ["acme", "acme", "bolt", "core", "acme"],
    "date": ["2024-01-05", "2024-02-10", "2024-02-11", "2024-03-01", "2024-03-02"],
    "amount": ["100.50", "20", "-5.25", "300", "7.05"],
    "order": ["o1", "o2", "o3", "o4", ""],
}


def _table(ds: ls.Dataset) -> str:
    with ds.analyze() as r:
        return r.dumps("table", "csv")


def test_options_and_stats():
    with ls.Dataset(scale=3, as_of="2024-02-29", period="week") as ds:
        assert (ds.scale, ds.as_of, ds.period) == (3, datetime.date(2024, 2, 29), "week")
        ds.add_transactions(ROWS["customer"], ROWS["date"], ROWS["amount"], order=ROWS["order"])
        stats = ds.stats()
        assert stats["transactions"] == 3 and stats["ignored_after_as_of"] == 2
        assert stats["refund_rows"] == 1 and stats["net_amount"] == 100500 + 20000 - 5250
        assert stats["first_date"] == datetime.date(2024, 1, 5) and stats["last_date"] == datetime.date(2024, 2, 11)
        assert len(ds) == 2 and ds.customer_ids() == ["acme", "bolt"]   # core's one row was after as-of
        assert "bolt" in ds and "core" not in ds and 5 not in ds
        assert ds.customer_id(1) == "bolt" and ds.find("bolt") == 1
    assert ls.Dataset.option_default("scale") == 2
    assert ls.Dataset.option_bounds("scale") == (0, 6)
    with ls.Dataset() as ds:
        assert ds.as_of is None and ds.period == "month"
        ds.set_option("as_of", None)
        with pytest.raises(ValueError, match="unknown dataset option"):
            ds.set_option("colour", 1)
        with pytest.raises(ls.RangeError):
            ds.set_option("scale", 7)


def test_every_input_form_gives_the_same_table():
    with ls.Dataset() as a:
        a.add_transactions(ROWS["customer"], ROWS["date"], ROWS["amount"], order=ROWS["order"])
        want = _table(a)
    dates = [datetime.date.fromisoformat(d) for d in ROWS["date"]]
    cents = [10050, 2000, -525, 30000, 705]
    forms = [
        dict(customer=tuple(ROWS["customer"]), date=dates, amount=cents, order=["o1", "o2", "o3", "o4", None]),
        dict(customer=np.array(ROWS["customer"]), date=np.array(dates, dtype="datetime64[D]"),
             amount=np.array(cents), order=np.array(ROWS["order"])),
        dict(customer=ROWS["customer"], date=[ls.to_days(d) for d in dates],
             amount=[decimal.Decimal(x) for x in ROWS["amount"]], order=ROWS["order"]),
        dict(customer=pd.Series(ROWS["customer"]), date=pd.to_datetime(pd.Series(ROWS["date"])),
             amount=pd.Series([100.5, 20.0, -5.25, 300.0, 7.05]), order=pd.Series(ROWS["order"])),
    ]
    for form in forms:
        with ls.Dataset() as ds:
            assert ds.add_transactions(form.pop("customer"), form.pop("date"), form.pop("amount"), **form) == 5
            assert _table(ds) == want
    with ls.Dataset() as ds:
        for c, d, m, o in zip(ROWS["customer"], ROWS["date"], ROWS["amount"], ROWS["order"]):
            ds.add_transaction(c, d, m, order=o or None)
        assert _table(ds) == want


def test_numpy_int64_and_int32_are_bound_in_place():
    ids = np.arange(1000, 1010, dtype=np.int64)
    days = np.full(10, 19723, dtype=np.int32)
    col = _columns.id_column(ids)
    assert col.zero_copy and col.address == ids.ctypes.data
    assert _columns.date_column(days).zero_copy
    assert _columns.money_column(ids).zero_copy
    strided = _columns.id_column(ids[::2])
    assert not strided.zero_copy and strided.n == 5
    assert not _columns.id_column(ids.astype(np.int32)).zero_copy
    with ls.Dataset() as ds:
        assert ds.add_transactions(ids, days, ids * 10, order=ids + 1, quantity=ids % 3, margin=ids) == 10
        assert ds.customer_ids() == list(range(1000, 1010))
        assert ds.stat("net_amount") == int((ids * 10).sum())
        assert ds.stat("orders") == 10


def test_numpy_int64_dates_out_of_int32_range():
    with pytest.raises(OverflowError):
        _columns.date_column(np.array([2**40]))


def test_quantity_times_unit_price():
    with ls.Dataset() as ds:
        ds.add_transactions(["a", "a"], ["2024-01-01", "2024-01-02"], quantity=[3, 2], unit_price=["1.50", "2"])
        assert ds.stat("net_amount") == 450 + 400


def test_pandas_dataframe_with_nullable_orders():
    df = pd.DataFrame({"cid": [7, 7, 8], "when": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01"]),
                       "sum": [100, 50, 30], "order": pd.array([1, 1, pd.NA], dtype="Int64"),
                       "margin": [10, 5, None]})
    with ls.Dataset() as ds:
        assert ds.add_dataframe(df, customer="cid", date="when", amount="sum", order="order", margin="margin") == 3
        assert ds.stat("orders") == 1                         # a row without an order id is no order
        with ds.analyze() as r:
            assert list(r.column("margin", as_list=True)) == [1500, None]  # floats are amounts: 10.0 → 1000 cents
            assert list(r.column("orders", as_list=True)) == [1, 1]   # the column counts an id-less row (stat does not)
            assert list(r.column("frequency", as_list=True)) == [1, 1]   # rows count when no order id


def test_bad_columns():
    with ls.Dataset() as ds:
        with pytest.raises(ValueError, match="differ in length"):
            ds.add_transactions(["a", "b"], ["2024-01-01"], [1, 2])
        with pytest.raises(TypeError, match="mix integers and strings"):
            ds.add_transactions([1, "b"], ["2024-01-01"] * 2, [1, 2])
        with pytest.raises(TypeError, match="missing"):
            ds.add_transactions([None], ["2024-01-01"], [1])
        with pytest.raises(TypeError, match="mixes int minor units"):
            ds.add_transactions(["a", "b"], ["2024-01-01"] * 2, [1, "2.00"])
        with pytest.raises(TypeError, match="not floats"):
            ds.add_transactions(np.array([1.0]), ["2024-01-01"], [1])
        with pytest.raises(ls.InvalidArgumentError):          # neither amount nor quantity × price
            ds.add_transactions(["a"], ["2024-01-01"])
        assert ds.stat("transactions") == 0


def test_customers_batch_and_one_record_calls():
    with ls.Dataset() as ds:
        n = ds.add_customers(["k1", "k2", "k3"], name=["Kama", None, "Oka"], status=[None, "churned", None],
                             lead_date=["2024-01-01", None, None], lead_closed=[True, None, False],
                             churn_date=[None, datetime.date(2024, 3, 1), None], activity=[50, None, 100],
                             ratings={"brand": [5, None, 2]}, attributes={"region": ["north", None, "south"]})
        assert n == 3
        assert ds.get_field("k1", "name") == "Kama" and ds.get_field("k2", "name") is None
        assert ds.get_field("k2", "status") == "churned" and ds.get_field("k1", "status") is None
        assert ds.get_field("k1", "lead_date") == datetime.date(2024, 1, 1)
        assert ds.get_field("k1", "lead_closed") is True and ds.get_field("k3", "lead_closed") is False
        assert ds.get_field("k2", "lead_closed") is None
        assert ds.get_field("k2", "churn_date") == datetime.date(2024, 3, 1)
        assert ds.get_field("k3", "activity") == 100 and ds.get_field("k2", "activity") is None
        assert ds.get_rating("k1", "brand") == 5 and ds.get_rating("k2", "brand") is None
        assert ds.get_attribute("k3", "region") == "south" and ds.get_attribute("k2", "region") is None
        ds.set_customer("k2", name="Volga", status=None, competitor_deadline="2025-01-10", capacity=70,
                        ratings={"deal": 3}, attributes={"region": "east"})
        assert ds.get_field("k2", "name") == "Volga" and ds.get_field("k2", "status") is None
        assert ds.get_field("k2", "competitor_deadline") == datetime.date(2025, 1, 10)
        assert ds.get_field("k2", "capacity") == 70 and ds.get_rating("k2", "deal") == 3
        assert ds.get_attribute("k2", "region") == "east"
        with pytest.raises(ls.RangeError):
            ds.set_customer("k1", activity=101)
        with pytest.raises(ValueError, match="unknown customer field"):
            ds.add_customers(["k1"], colour=["red"])
        with pytest.raises(ls.InvalidArgumentError):          # a criterion name of 65 bytes
            ds.add_customers(["k1"], ratings={"x" * 65: [1]})
        with pytest.raises(TypeError):
            ds.customer(1.5)


def test_load_csv_strict_lenient_and_report(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("Client;Date;Sum;Doc\nA;05.01.2024;100,50;1\nB;bad;3;2\nA;06.01.2024;1,234;3\nC;07.01.2024;7;4\n",
                    encoding="cp1251")
    with ls.Dataset() as ds:
        with pytest.raises(ls.ParseError) as exc:
            ds.load_csv(path, mapping={"customer": "Client", "date": "Date", "amount": "Sum", "order": "Doc"})
        assert exc.value.line == 3 and "orders.csv:3:" in str(exc.value)
        assert exc.value.report.rows_loaded == 1
    with ls.Dataset() as ds:
        rep = ds.load_csv(str(path), strict=False, delimiter=";", decimal=",", encoding="utf-8",
                          mapping={"customer": "Client", "date": "Date", "amount": "Sum", "order": "Doc"})
        assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (4, 2, 2)
        assert rep.rejected["date"] == 1 and rep.rejected["inexact"] == 1
        assert [(e.line, e.reason, e.header) for e in rep.errors] == [(3, "date", "Date"), (4, "inexact", "Sum")]
        assert rep.roles["amount"] == ("Sum", 3) and rep.delimiter == ";" and rep.decimal == ","
        assert rep.lines == 5 and rep.bytes == path.stat().st_size and not rep.bom
        assert ds.stat("net_amount") == 10750


def test_load_csv_on_two_threads_equals_one():
    rows = "".join(f"c{i % 700},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 900}.{i % 100:02d},{i // 2}\n"
                   for i in range(20000))
    text = "customer,date,amount,order\n" + rows + "c1,2024-13-01,1,1\n"
    states = []
    for threads in (1, 2):
        with ls.Dataset() as ds:
            rep = ds.load_csv_buffer(text, threads=threads, strict=False)
            assert (rep.rows_read, rep.rows_loaded, rep.rows_rejected) == (20001, 20000, 1)
            states.append((rep.errors, ds.serialize()))
    assert states[0] == states[1]


def test_load_csv_buffer_customers_and_validate_only():
    with ls.Dataset() as ds:
        rep = ds.load_csv_buffer("customer,date,amount\nx,2024-01-01,5\n", validate_only=True)
        assert rep.rows_loaded == 1 and len(ds) == 0
        ds.load_csv_buffer(b"customer,date,amount\nx,2024-01-01,5\n")
        rep = ds.load_csv_buffer("id,name,brand\nx,Xeno,4\n", "customers",
                                 mapping={"customer": "id", "rating:brand": "brand"})
        assert rep.rows_loaded == 1
        assert ds.get_field("x", "name") == "Xeno" and ds.get_rating("x", "brand") == 4
        with pytest.raises(ValueError, match="unknown record kind"):
            ds.load_csv_buffer("", "orders")
        with pytest.raises(ls.UnsupportedError):
            ds.load_csv_buffer("a\n1\n", mapping={"colour": "a"})
        with pytest.raises(ls.RangeError):
            ds.load_csv_buffer("a\n1\n", max_errors=-1)


def test_csv_options_object():
    with ls.Context() as ctx, ls.CsvOptions(ctx, strict=False, delimiter="tab") as opts:
        assert opts.get("strict") == 0 and opts.get("delimiter") == 3
        opts.map("amount", "Sum")
        opts.map("amount", None)
        opts.set_progress(lambda done, total: None)
        opts.set_progress(None)
        assert ls.CsvOptions.default("max_errors") == 100
        assert ls.CsvOptions.bounds("max_record_bytes") == (1024, 536870912)


def test_batch_bind_clear_and_raw_options():
    with ls.Dataset(period="quarter") as ds:
        assert ds.get_option("period") == 4 and ds.get_option("as_of") == ls.values.NONE_I32
        with ls.batch.Batch(ds.context) as batch:
            batch.bind("customer", _columns.id_column([1, 2]))
            with pytest.raises(ValueError, match="differ in length"):
                batch.bind("date", _columns.date_column([19723]))
            with pytest.raises(TypeError, match="int32 ratings"):
                batch.bind_rating("brand", _columns.str_column(["x", "y"]))
            with pytest.raises(TypeError, match="holds text"):
                batch.bind_attribute("region", _columns.rating_column([1, 2]))
            batch.clear()
            assert batch.rows is None and batch._columns == []
            batch.bind("customer", _columns.id_column([5]))           # a new length after clear()
            batch.bind("date", _columns.date_column([19723]))
            batch.bind("amount", _columns.money_column([100]))
            loaded = ls._clib.seg_dataset_add_transactions(ds._ptr, batch._ptr, 1, None)
            assert loaded == 0 and ds.customer_ids() == [5]
            with pytest.raises(ValueError, match="unknown field"):
                batch.bind("colour", _columns.id_column([1]))
