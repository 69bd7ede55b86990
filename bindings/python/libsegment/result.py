"""The result of one analysis run: per-customer columns (NumPy masked arrays,
or lists with None without NumPy), a pandas DataFrame, summaries, explanations and writers."""
from __future__ import annotations

import ctypes
import functools
import os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _compat
from ._handle import Handle
from ._lib import SEG_WRITE_FN, lib
from .constants import (ANALYSES, CLASS_COLUMNS, CLASS_LABELS, FORMATS, OUTPUTS, PERIOD_STATS_F64,
                        PERIOD_STATS_I64, RFM_AXES, SUMMARIES_F64, SUMMARIES_I64, lookup)
from .dataset import CustomerId, Dataset, _customer_id
from .errors import NotFoundError, StateError, check
from .params import Params
from .values import NONE_I32, to_date

_DATE_COLUMNS = ("first_purchase", "last_purchase", "recontact_date")


@functools.lru_cache(maxsize=None)
def column_keys() -> Dict[str, int]:
    """Every result column the loaded library names: name → seg_column value."""
    names = ((k, lib.seg_result_column_name(k)) for k in range(1, 100))
    return {n.decode(): k for k, n in names if n}


def _column_key(name: str) -> Tuple[int, bool]:
    """(seg_column value, is_real) of a column name."""
    key = lookup(column_keys(), name, "result column")
    kind = ctypes.c_int()
    check(lib.seg_result_column_type(ctypes.byref(kind), key))
    return key, kind.value == 2


def _analyses_bits(analyses: Union[str, Sequence[str], int]) -> int:
    if isinstance(analyses, int):
        return analyses
    names = [analyses] if isinstance(analyses, str) else analyses
    bits = 0
    for name in names:
        bits |= lookup(ANALYSES, name, "analysis")
    return bits


class Result(Handle):
    """A seg_result. Row i is the dataset's customer i. It keeps its dataset
    alive, and the dataset refuses loading until the result is closed."""

    @classmethod
    def _analyze(cls, dataset: Dataset, params: Params) -> "Result":
        out = ctypes.c_void_p()
        check(lib.seg_analyze(ctypes.byref(out), dataset._ptr, params._ptr), dataset.context._live_ptr)
        self = cls.__new__(cls)
        self._init_handle(out.value, lib.seg_result_free, dataset)
        self.dataset = dataset
        return self

    @property
    def _ds_ptr(self) -> int:
        self._ptr  # raises once closed
        return self._parent._native.ptr

    def __len__(self) -> int:
        return lib.seg_result_rows(self._ptr)

    @property
    def rows(self) -> int:
        """Number of rows (customers)."""
        return len(self)

    @staticmethod
    def column_names() -> List[str]:
        """Every column name, e.g. "recency_days", "rfm", "abc", "renew"."""
        return list(column_keys())

    def customer_ids(self) -> list:
        """Customer id of every row."""
        ptr = self._ds_ptr
        return [_customer_id(ptr, i) for i in range(len(self))]

    def _index(self, customer_id: CustomerId) -> int:
        return self.dataset.find(customer_id) if not self.dataset.closed else _find(self._ds_ptr, customer_id)

    # -- columns ------------------------------------------------------------------
    def _copy(self, name: str, ctypes_out: bool) -> Tuple[Any, Any, bool]:
        key, real = _column_key(name)
        n, np = len(self), _compat.np
        if np is not None and not ctypes_out:
            values, valid = np.empty(n, np.float64 if real else np.int64), np.empty(n, np.uint8)
            vp, okp = values.ctypes.data, valid.ctypes.data
        else:
            values, valid = ((ctypes.c_double if real else ctypes.c_int64) * max(n, 1))(), (ctypes.c_uint8 * max(n, 1))()
            vp, okp = ctypes.addressof(values), ctypes.addressof(valid)
        fn = lib.seg_result_copy_f64 if real else lib.seg_result_copy_i64
        vtype = ctypes.POINTER(ctypes.c_double if real else ctypes.c_int64)
        check(fn(ctypes.cast(vp, vtype), ctypes.cast(okp, ctypes.POINTER(ctypes.c_uint8)), self._ptr, key, 0, n))
        return values, valid, real

    def column(self, name: str, *, as_list: bool = False) -> Any:
        """One column. With NumPy: a numpy.ma.MaskedArray (int64 or float64)
        whose mask marks nulls, so int64 money stays exact. Without NumPy, or
        with as_list=True: a list with None for nulls."""
        if _compat.np is None or as_list:
            values, valid, _ = self._copy(name, True)
            return [v if ok else None for v, ok in zip(values[:len(self)], valid[:len(self)])]
        values, valid, _ = self._copy(name, False)
        return _compat.np.ma.MaskedArray(values, mask=valid == 0)

    def labels(self, column: str) -> Dict[int, str]:
        """Names of the values of a class column (abc, xyz, lifecycle,
        lifecycle_reason, renew_status, rfm_segment)."""
        if column == "rfm_segment":
            return {i: self.segment_name(i) for i in range(self.segment_count)}
        return dict(lookup(CLASS_LABELS, column, "class column"))

    def to_pandas(self, columns: Optional[Sequence[str]] = None, *, labels: bool = False) -> Any:
        """A DataFrame indexed by customer_id: int columns as nullable Int64,
        real columns as float64 with NaN; labels=True gives class columns as
        their names (categorical) and date columns as datetime.date objects."""
        pd, np = _compat.pd, _compat.np
        if pd is None or np is None:
            raise ImportError("to_pandas() needs pandas and NumPy")
        data = {}
        for name in columns or self.column_names():
            values, valid, real = self._copy(name, False)
            if real:
                data[name] = values
            elif labels and name in CLASS_LABELS or labels and name == "rfm_segment":
                names = self.labels(name)
                data[name] = pd.Categorical([names.get(v) if ok else None for v, ok in zip(values, valid)])
            elif labels and name in _DATE_COLUMNS:
                data[name] = [to_date(int(v)) if ok else None for v, ok in zip(values, valid)]
            else:
                data[name] = pd.arrays.IntegerArray(values, valid == 0)
        index = pd.Index(self.customer_ids(), name="customer_id")
        return pd.DataFrame(data, index=index)

    # -- summaries --------------------------------------------------------------
    def summary_value(self, name: str) -> Any:
        """One summary (customers, buyers, as_of, gini, pareto_top_share, ...)."""
        if name in SUMMARIES_F64:
            out = ctypes.c_double()
            check(lib.seg_result_summary_f64(ctypes.byref(out), self._ptr, SUMMARIES_F64[name]))
            return out.value
        out64 = ctypes.c_int64()
        check(lib.seg_result_summary_i64(ctypes.byref(out64), self._ptr, lookup(SUMMARIES_I64, name, "summary")))
        if name == "as_of":
            return None if out64.value == NONE_I32 else to_date(out64.value)
        if name == "analyses":
            return {k for k, bit in ANALYSES.items() if k != "all" and out64.value & bit}
        return out64.value

    def summary(self) -> Dict[str, Any]:
        """Every summary: counts and money (int minor units), as_of (date),
        analyses (set of names), ratios (float, NaN when undefined)."""
        return {name: self.summary_value(name) for name in (*SUMMARIES_I64, *SUMMARIES_F64)}

    def class_summary(self, column: str, value: Union[int, str]) -> Dict[str, Any]:
        """count, metric, count_share and metric_share of one class, e.g.
        class_summary("abc", "A"); StateError if the analysis did not run."""
        key, _ = _column_key(column)
        if isinstance(value, str):
            value = {v: k for k, v in self.labels(column).items()}[value]
        count, metric, cs, ms = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_double(), ctypes.c_double()
        check(lib.seg_result_class_summary(ctypes.byref(count), ctypes.byref(metric), ctypes.byref(cs),
                                           ctypes.byref(ms), self._ptr, key, value))
        return {"count": count.value, "metric": metric.value, "count_share": cs.value, "metric_share": ms.value}

    def classes(self, column: str) -> Dict[Any, Dict[str, Any]]:
        """class_summary() of every value of a class column, keyed by label
        (scores 1 … bins for r, f and m)."""
        if column not in CLASS_COLUMNS:
            raise ValueError(f"not a class column: {column!r}; one of {CLASS_COLUMNS}")
        if column in ("r", "f", "m"):
            bins = self.params()[f"rfm_bins_{column}"]
            return {v: self.class_summary(column, v) for v in range(1, bins + 1)}
        return {label: self.class_summary(column, v) for v, label in self.labels(column).items()}

    @property
    def segment_count(self) -> int:
        """Number of RFM segment rules the result used."""
        return lib.seg_result_segment_count(self._ptr)

    def segment_name(self, segment: int) -> str:
        """Name of an RFM segment (a value of the rfm_segment column)."""
        name = lib.seg_result_segment_name(self._ptr, segment)
        if name is None:
            raise NotFoundError(f"no RFM segment {segment}", -9)
        return name.decode()

    def rfm_breaks(self, axis: str) -> List[float]:
        """Break points of one RFM axis ("r", "f", "m"); StateError if RFM did not run."""
        key, n = lookup(RFM_AXES, axis, "RFM axis"), ctypes.c_size_t()
        status = lib.seg_result_rfm_breaks(None, 0, ctypes.byref(n), self._ptr, key)
        if status not in (0, -10):
            check(status)
        buf = (ctypes.c_double * max(n.value, 1))()
        check(lib.seg_result_rfm_breaks(buf, n.value, ctypes.byref(n), self._ptr, key))
        return list(buf[:n.value])

    def abc_xyz(self) -> Dict[str, Dict[str, Any]]:
        """The ABC × XYZ matrix: {"AX": {"count": n, "share": s}, ... "CZ": ...}."""
        counts, shares = (ctypes.c_int64 * 9)(), (ctypes.c_double * 9)()
        check(lib.seg_result_abc_xyz(counts, shares, self._ptr))
        return {"ABC"[i // 3] + "XYZ"[i % 3]: {"count": counts[i], "share": shares[i]} for i in range(9)}

    def lorenz(self) -> Tuple[List[float], List[float]]:
        """The Lorenz curve: (customer shares, metric shares)."""
        n = ctypes.c_size_t()
        status = lib.seg_result_lorenz(None, None, 0, ctypes.byref(n), self._ptr)
        if status not in (0, -10):
            check(status)
        x, y = (ctypes.c_double * max(n.value, 1))(), (ctypes.c_double * max(n.value, 1))()
        check(lib.seg_result_lorenz(x, y, n.value, ctypes.byref(n), self._ptr))
        return list(x[:n.value]), list(y[:n.value])

    @property
    def period_count(self) -> int:
        """Number of periods in the window."""
        return lib.seg_result_period_count(self._ptr)

    def period(self, index: int) -> Dict[str, Any]:
        """Figures of one window period (oldest first); start and end as dates;
        figures of an analysis that did not run are None."""
        out: Dict[str, Any] = {}
        for name, key in PERIOD_STATS_I64.items():
            out[name] = self._period_stat(lib.seg_result_period_i64, ctypes.c_int64, index, key)
        for name, key in PERIOD_STATS_F64.items():
            out[name] = self._period_stat(lib.seg_result_period_f64, ctypes.c_double, index, key)
        for name in ("start", "end"):
            out[name] = None if out[name] is None else to_date(out[name])
        return out

    def _period_stat(self, fn, ctype, index: int, key: int) -> Any:
        out = ctype()
        try:
            check(fn(ctypes.byref(out), self._ptr, index, key), None, f"no period {index}")
        except StateError:
            return None
        return out.value

    def periods(self) -> List[Dict[str, Any]]:
        """period() of every window period."""
        return [self.period(i) for i in range(self.period_count)]

    def period_top(self, index: int) -> List[CustomerId]:
        """Customer ids of one period's top list, best first."""
        n = ctypes.c_size_t()
        status = lib.seg_result_period_top(None, 0, ctypes.byref(n), self._ptr, index)
        if status not in (0, -10):
            check(status, None, f"no period {index}")
        buf = (ctypes.c_size_t * max(n.value, 1))()
        check(lib.seg_result_period_top(buf, n.value, ctypes.byref(n), self._ptr, index))
        ptr = self._ds_ptr
        return [_customer_id(ptr, i) for i in buf[:n.value]]

    def params(self) -> Dict[str, Any]:
        """The parameters the result was computed with, resolved (as Params.to_dict())."""
        view = Params._borrow(lib.seg_result_params(self._ptr), self, self.dataset.context)
        with view:
            return view.to_dict()

    # -- explain, writers, rows -----------------------------------------------------
    def explain(self, customer_id: CustomerId, analyses: Union[str, Sequence[str], int] = "all") -> str:
        """Sentences explaining a customer's classes, one per analysis."""
        index, bits, needed = self._index(customer_id), _analyses_bits(analyses), ctypes.c_size_t()
        status = lib.seg_result_explain(None, 0, ctypes.byref(needed), self._ptr, index, bits)
        if status not in (0, -10):
            check(status)
        buf = ctypes.create_string_buffer(needed.value)
        check(lib.seg_result_explain(buf, needed.value, ctypes.byref(needed), self._ptr, index, bits))
        return buf.value.decode()

    def write(self, path: Union[str, os.PathLike], what: str = "table", format: str = "csv") -> None:
        """Write the per-customer "table" or the "summary" as "csv" or "json" to a file."""
        raw = os.fsencode(path)
        check(lib.seg_result_write_file(self._ptr, lookup(OUTPUTS, what, "output"),
                                        lookup(FORMATS, format, "format"), raw, len(raw)),
              self.dataset.context._live_ptr)

    def dumps(self, what: str = "table", format: str = "csv") -> str:
        """The table or the summary as CSV or JSON text."""
        chunks: List[bytes] = []

        def collect(data: int, size: int, _user: Any) -> int:
            chunks.append(ctypes.string_at(data, size))
            return 0
        check(lib.seg_result_write(self._ptr, lookup(OUTPUTS, what, "output"), lookup(FORMATS, format, "format"),
                                   SEG_WRITE_FN(collect), None), self.dataset.context._live_ptr)
        return b"".join(chunks).decode()

    def iter_rows(self, columns: Sequence[str] = ("rfm", "abc", "xyz", "lifecycle"),
                  where: Optional[Tuple[str, Union[int, str]]] = None) -> Iterator[Tuple[CustomerId, Dict[str, Any]]]:
        """Walk rows with a seg_cursor, optionally only those where an integer
        column equals a value (("abc", "A")); yields (customer id, {column: value or None})."""
        with Cursor(self) as cursor:
            if where is not None:
                cursor.filter(*where)
            while cursor.next():
                yield cursor.customer_id(), {name: cursor.get(name) for name in columns}


class Cursor(Handle):
    """A seg_cursor over a result's rows."""

    def __init__(self, result: Result) -> None:
        out = ctypes.c_void_p()
        check(lib.seg_cursor_new(ctypes.byref(out), result._ptr), result.dataset.context._live_ptr)
        self._init_handle(out.value, lib.seg_cursor_free, result)
        self.result = result

    def filter(self, column: Optional[str], value: Union[int, str] = 0) -> None:
        """Visit only rows whose integer column equals value (None: every row); rewinds."""
        key = 0 if column is None else _column_key(column)[0]
        if isinstance(value, str):
            value = {v: k for k, v in self.result.labels(column).items()}[value]
        check(lib.seg_cursor_filter(self._ptr, key, value))

    def next(self) -> bool:
        """Move to the next row; False past the last."""
        return lib.seg_cursor_next(self._ptr) == 1

    def index(self) -> int:
        """Dense customer index of the current row; StateError when not on a row."""
        out = ctypes.c_size_t()
        check(lib.seg_cursor_customer(ctypes.byref(out), self._ptr), None, "the cursor is not on a row")
        return out.value

    def customer_id(self) -> CustomerId:
        """Customer id of the current row."""
        return _customer_id(self.result._ds_ptr, self.index())

    def get(self, column: str) -> Any:
        """Value of a column on the current row, None for null."""
        key, real = _column_key(column)
        value, valid = (ctypes.c_double if real else ctypes.c_int64)(), ctypes.c_uint8()
        fn = lib.seg_cursor_get_f64 if real else lib.seg_cursor_get_i64
        check(fn(ctypes.byref(value), ctypes.byref(valid), self._ptr, key), None, "the cursor is not on a row")
        return value.value if valid.value else None


def _find(ds_ptr: int, customer_id: CustomerId) -> int:
    index = ctypes.c_size_t()
    if isinstance(customer_id, int):
        status = lib.seg_dataset_find_i64(ctypes.byref(index), ds_ptr, customer_id)
    else:
        raw = customer_id.encode()
        status = lib.seg_dataset_find_str(ctypes.byref(index), ds_ptr, raw, len(raw))
    check(status, None, f"no customer {customer_id!r}")
    return index.value
