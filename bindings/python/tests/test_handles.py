"""Handle ownership: close() is idempotent, context managers, finalisers that
warn and free, children keeping parents alive, clear errors on closed handles."""
from __future__ import annotations

import gc

import pytest

import libsegment as ls


def _dataset():
    ds = ls.Dataset()
    ds.add_transactions(["a", "b"], ["2024-01-01", "2024-02-01"], [100, 200])
    return ds


def test_close_twice_is_safe_and_use_after_close_is_clear():
    ds = ls.Dataset()
    ds.close()
    ds.close()
    assert ds.closed
    with pytest.raises(ls.ClosedError, match="Dataset is closed"):
        len(ds)
    with pytest.raises(ls.ClosedError):
        ds.add_transaction("a", "2024-01-01", 1)
    assert "closed" in repr(ds)


def test_context_manager_closes():
    with ls.Params() as p:
        assert not p.closed and "open" in repr(p)
    assert p.closed
    with pytest.raises(ls.ClosedError):
        p.get("rfm_bins_r")


def test_finaliser_warns_and_frees():
    ds = ls.Dataset()
    native, ctx_native = ds._native, ds.context._native
    with pytest.warns(ResourceWarning, match="unclosed libsegment Dataset"):
        del ds
        gc.collect()
    assert native.ptr is None and ctx_native.ptr is None      # the private context went with it


def test_finaliser_of_a_result_keeps_order():
    ds = _dataset()
    r = ds.analyze()
    ds_native, r_native = ds._native, r._native
    with pytest.warns(ResourceWarning) as record:
        del ds, r
        gc.collect()
    assert {str(w.message).split()[2].rstrip(";") for w in record} == {"Dataset", "Result"}
    assert r_native.ptr is None and ds_native.ptr is None


def test_result_keeps_its_dataset_alive():
    ds = _dataset()
    r = ds.analyze()
    ds.close()
    assert ds.closed and ds._native.ptr is not None          # freed only after its result
    assert r.customer_ids() == ["a", "b"]
    assert r.explain("b").startswith("RFM")
    r.close()
    assert ds._native.ptr is None


def test_result_outlives_dropped_dataset_reference():
    def make():
        with ls.Dataset() as ds:
            ds.add_transaction("x", "2024-01-01", 5)
        return ds
    ds = _dataset()
    r = ds.analyze()
    del ds
    gc.collect()
    assert list(r.column("frequency", as_list=True)) == [1, 1]
    r.close()
    r.dataset.close()
    assert make().closed


def test_shared_context_outlives_its_objects():
    ctx = ls.Context()
    ds = ls.Dataset(ctx)
    p = ls.Params(ctx, rfm_bins_r=4)
    ctx.close()
    assert ctx.closed and ctx._native.ptr is not None
    ds.add_transaction(1, "2024-01-01", 1)
    with ds.analyze(p) as r:
        assert r.params()["rfm_bins_r"] == 4
    p.close()
    ds.close()
    assert ctx._native.ptr is None


def test_closed_result_and_cursor():
    with _dataset() as ds:
        r = ds.analyze()
        rows = r.iter_rows(columns=("rfm",))
        assert next(rows)[0] == "a"
        rows.close()                       # closes the generator's cursor
        r.close()
        with pytest.raises(ls.ClosedError):
            r.column("rfm")
        with pytest.raises(ls.ClosedError):
            r.customer_ids()


def test_context_error_fields_and_log():
    messages = []
    with ls.Context() as ctx:
        ctx.set_log(lambda level, text: messages.append((level, text)), "debug")
        with ls.Dataset(ctx) as ds:
            with pytest.raises(ls.InvalidArgumentError):
                ds.customer("")
            assert ctx.errcode == -1 and ctx.errmsg
            assert ctx.error_line == 0 and ctx.error_column == 0
        assert ("error", ctx.errmsg) in messages
        ctx.set_log(None)
        with pytest.raises(ValueError):
            ctx.set_log(print, "loud")
