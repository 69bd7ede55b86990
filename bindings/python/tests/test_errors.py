"""Every seg_status maps to its exception class, raised by real library
calls through the binding, with the context's message, line and column."""
from __future__ import annotations

import ctypes
import decimal

import pytest

import libsegment as ls
from libsegment import errors
from libsegment._lib import SEG_FREE_FN, SEG_MALLOC_FN, SEG_REALLOC_FN, lib

_libc = ctypes.CDLL(None)
_libc.malloc.restype, _libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
_libc.realloc.restype, _libc.realloc.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]
_libc.free.restype, _libc.free.argtypes = None, [ctypes.c_void_p]


def test_status_table_is_complete():
    for status, cls in [(-1, ls.InvalidArgumentError), (-2, ls.OutOfMemoryError), (-3, ls.UnsupportedError),
                        (-4, ls.RangeError), (-5, ls.ParseError), (-6, ls.InexactError),
                        (-7, ls.SegmentOverflowError), (-8, ls.StateError), (-9, ls.NotFoundError),
                        (-10, ls.BufferTooSmallError), (-11, ls.SegmentIOError), (-12, ls.CancelledError),
                        (-13, ls.CorruptError)]:
        assert errors.error_class(status) is cls
        assert cls.status == status
    assert ls.OverflowError_ is ls.SegmentOverflowError and ls.IOError_ is ls.SegmentIOError


def test_unknown_status_is_the_base_class():
    with pytest.raises(ls.SegmentError) as exc:
        errors.check(-99)
    assert type(exc.value) is ls.SegmentError
    assert exc.value.status == -99
    assert str(exc.value) == lib.seg_strerror(-99).decode()


def test_strerror_text():
    assert ls.strerror(0) and ls.strerror(-4) != ls.strerror(-5)


def test_invalid_argument_empty_customer_id():
    with ls.Dataset() as ds:
        with pytest.raises(ls.InvalidArgumentError) as exc:
            ds.customer("")
        assert exc.value.status == -1
        assert str(exc.value) == ds.context.errmsg != ""
        assert isinstance(exc.value, ValueError)


def test_invalid_argument_abc_b_below_a():
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 100)
        with pytest.raises(ls.InvalidArgumentError):
            ds.analyze(abc_a=0.9, abc_b=0.5)


def _budget_context(budget: int):
    """A context whose allocator fails once `budget` allocations are made."""
    left = [budget]

    def malloc(size, _user):
        if left[0] <= 0:
            return None
        left[0] -= 1
        return _libc.malloc(size)

    hooks = (SEG_MALLOC_FN(malloc), SEG_REALLOC_FN(lambda p, s, _u: _libc.realloc(p, s)),
             SEG_FREE_FN(lambda p, _u: _libc.free(p)))
    out = ctypes.c_void_p()
    errors.check(lib.seg_context_new_with_allocator(ctypes.byref(out), *hooks, None))
    ctx = ls.Context.__new__(ls.Context)
    ctx._init_handle(out.value, lib.seg_context_free, None)
    ctx._hooks = hooks
    return ctx


def test_out_of_memory_from_a_failing_allocator():
    with _budget_context(1) as ctx:
        with pytest.raises(ls.OutOfMemoryError) as exc:
            ls.Dataset(ctx)
        assert isinstance(exc.value, MemoryError) and exc.value.status == -2


def test_unsupported_unknown_parameter():
    with pytest.raises(ls.UnsupportedError) as exc:
        ls.Params(no_such_parameter=1)
    assert "no_such_parameter" in str(exc.value)


def test_range_bins():
    with ls.Params() as p:
        with pytest.raises(ls.RangeError) as exc:
            p.set("rfm_bins_r", 99)
        assert isinstance(exc.value, ValueError)
        assert str(exc.value) == p.context.errmsg


def test_parse_error_has_row_and_column():
    with ls.Dataset() as ds:
        with pytest.raises(ls.ParseError) as exc:
            ds.add_transactions(["a", "b", "c"], ["2024-01-01", "2024-01-02", "2024-0x-03"], [1, 2, 3])
        assert exc.value.line == 3
        assert exc.value.column == 7      # the "x" of "2024-0x-03"
        assert exc.value.rows_loaded == 2
        assert ds.stat("transactions") == 2


def test_inexact_money_is_never_rounded():
    with ls.Dataset(scale=2) as ds:
        with pytest.raises(ls.InexactError):
            ds.add_transactions(["a"], ["2024-01-01"], [decimal.Decimal("1.234")])
    with pytest.raises(ls.InexactError):
        ls.parse_money(0.1 + 0.2, 2)


def test_overflow_of_a_customer_total():
    big = 2**62
    with ls.Dataset() as ds:
        with pytest.raises(ls.SegmentOverflowError) as exc:
            ds.add_transactions(["a", "a", "a"], ["2024-01-01"] * 3, [big, big, big])
        assert isinstance(exc.value, OverflowError)


def test_state_loading_while_a_result_is_alive():
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 100)
        with ds.analyze():
            with pytest.raises(ls.StateError):
                ds.add_transaction("a", "2024-01-02", 100)
        ds.add_transaction("a", "2024-01-02", 100)     # allowed again once the result is closed
        assert ds.stat("transactions") == 2


def test_state_option_after_a_transaction():
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 100)
        with pytest.raises(ls.StateError):
            ds.set_option("scale", 3)


def test_not_found_customer_and_rating():
    with ls.Dataset() as ds:
        ds.set_customer("a", ratings={"brand": 4})
        with pytest.raises(ls.NotFoundError) as exc:
            ds.find("zz")
        assert isinstance(exc.value, KeyError) and str(exc.value) == "no customer 'zz'"
        with pytest.raises(ls.NotFoundError):
            ds.get_rating("a", "deal")
        assert ds.get_rating("a", "brand") == 4


def test_buffer_too_small_from_the_library():
    buf = ctypes.create_string_buffer(5)
    with pytest.raises(ls.BufferTooSmallError):
        errors.check(lib.seg_date_format(buf, len(buf), 0))


def test_io_error_on_a_missing_file(tmp_path):
    with ls.Dataset() as ds:
        with pytest.raises(ls.SegmentIOError) as exc:
            ds.load_csv(tmp_path / "missing.csv")
        assert "missing.csv" in str(exc.value) and isinstance(exc.value, OSError)
        assert exc.value.report.rows_read == 0


def test_io_error_writing_a_result(tmp_path):
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 100)
        with ds.analyze() as r:
            with pytest.raises(ls.SegmentIOError):
                r.write(tmp_path / "no" / "such" / "dir.csv")


def _big_csv(path, rows=60000):
    with open(path, "w") as fp:
        fp.write("customer,date,amount,order\n")
        for i in range(rows):
            fp.write(f"customer-{i % 997:05d},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 500}.25,order-{i:08d}\n")
    return path


def test_cancelled_by_progress(tmp_path):
    path = _big_csv(tmp_path / "big.csv")
    calls = []
    with ls.Dataset() as ds:
        with pytest.raises(ls.CancelledError) as exc:
            ds.load_csv(path, progress=lambda done, total: calls.append((done, total)) or False)
        assert calls[0][1] == path.stat().st_size
        assert 0 < exc.value.report.rows_loaded < 60000
        assert ds.stat("transactions") == exc.value.report.rows_loaded


def test_progress_exception_is_reraised(tmp_path):
    path = _big_csv(tmp_path / "big.csv")

    def boom(done, total):
        raise KeyboardInterrupt
    with ls.Dataset() as ds:
        with pytest.raises(KeyboardInterrupt):
            ds.load_csv(path, progress=boom)


def test_corrupt_state_is_rejected():
    if not hasattr(lib, "seg_dataset_merge_serialized"):
        pytest.skip("the library has no seg_dataset_merge_serialized yet")
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 100)
        state = ds.serialize()
    with ls.Dataset() as target:
        with pytest.raises(ls.CorruptError):
            target.merge(state[:len(state) // 2])
        with pytest.raises(ls.CorruptError):
            target.merge(b"not a state at all")
        assert len(target) == 0
