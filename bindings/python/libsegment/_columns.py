"""Turns Python sequences, NumPy arrays and pandas Series into the column
layouts seg_batch_bind_* reads: int64/int32 arrays and Arrow-style strings."""
from __future__ import annotations

import array
import datetime
import itertools
import numbers
from typing import Any, Callable, Optional, Sequence

from . import _compat
from .values import NONE_I32, NONE_I64, money_text, parse_money_list, to_days

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


class Column:
    """One bound column: its layout ("i64", "i32" or "str"), the addresses
    the C library reads, and the Python objects that own that memory."""

    def __init__(self, kind: str, n: int, address: Any, offsets: int = 0, keep: tuple = (),
                 zero_copy: bool = False):
        self.kind, self.n, self.address, self.offsets, self.keep = kind, n, address, offsets, keep
        #: True when the caller's own buffer is bound, without a copy.
        self.zero_copy = zero_copy


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _int_type(t: type) -> bool:
    return issubclass(t, numbers.Integral) and not issubclass(t, bool)


def _as_array(values: Any, int_na: Optional[int] = None):
    """A NumPy array for NumPy/pandas input, else None (a plain sequence).
    A nullable pandas integer column gets `int_na` for NA when given."""
    np, pd = _compat.np, _compat.pd
    if pd is not None and isinstance(values, (pd.Series, pd.Index)):
        return _series_to_numpy(values, int_na)
    if np is not None and isinstance(values, np.ndarray):
        return values
    return None


def _series_to_numpy(series: Any, int_na: Optional[int] = None):
    """Series values as NumPy; NA of nullable integers becomes `int_na`, or None without one."""
    np, pd = _compat.np, _compat.pd
    if isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and series.dtype.kind in "iu":
        if series.isna().any():
            if int_na is not None:
                return series.to_numpy(dtype=np.int64, na_value=int_na)
            return series.to_numpy(dtype=object, na_value=None)
        return series.to_numpy(dtype=np.int64)
    return series.to_numpy()


def _int_from_numpy(arr: Any, width: int) -> Column:
    """Bind a NumPy integer array in place when it is contiguous and of the
    right width, else a converted copy (checking the int32 range)."""
    np = _compat.np
    dtype = np.int64 if width == 64 else np.int32
    if arr.dtype == dtype and arr.flags.c_contiguous:
        return Column(f"i{width}", len(arr), arr.ctypes.data, keep=(arr,), zero_copy=True)
    if width == 32 and len(arr) and (arr.min() < -2**31 or arr.max() >= 2**31):
        raise OverflowError("a value does not fit the int32 column")
    conv = np.ascontiguousarray(arr, dtype=dtype)
    return Column(f"i{width}", len(conv), conv.ctypes.data, keep=(conv,))


def int_column(values: Any, width: int = 64, none: Optional[int] = None,
               convert: Callable[[Any], int] = int) -> Column:
    """An int64 (width 64) or int32 column; None becomes `none` (TypeError if
    the field has no "none" value); `convert` maps other items to ints."""
    arr = _as_array(values)
    if arr is not None and arr.dtype.kind in "iu":
        return _int_from_numpy(arr, width)
    items = list(arr) if arr is not None else list(values)
    code = "q" if width == 64 else "i"
    if all(map(_int_type, set(map(type, items)))):
        buf = array.array(code, items)             # no None, no conversion: one C loop
        return Column(f"i{width}", len(buf), buf.buffer_info()[0], keep=(buf,))
    out = []
    for v in items:
        if v is None:
            if none is None:
                raise TypeError("this column takes no missing values")
            out.append(none)
        else:
            out.append(v if _is_int(v) else convert(v))
    buf = array.array(code, out)
    return Column(f"i{width}", len(buf), buf.buffer_info()[0], keep=(buf,))


def str_column(values: Sequence[Any]) -> Column:
    """An Arrow-layout string column: concatenated UTF-8 bytes and n + 1
    int64 offsets; None becomes the empty string ("none"). All-ASCII str
    columns are packed with one join (their lengths are their byte counts)."""
    arr = _as_array(values)
    items = list(arr) if arr is not None else list(values)
    if set(map(type, items)) <= {str}:
        text = "".join(items)
        if text.isascii():
            data = text.encode("ascii")
            offsets = array.array("q", itertools.accumulate(map(len, items), initial=0))
            return Column("str", len(items), data, offsets.buffer_info()[0], keep=(data, offsets))
    encoded = [b"" if v is None else (v if isinstance(v, bytes) else str(v).encode()) for v in items]
    data = b"".join(encoded)
    offsets = array.array("q", itertools.accumulate(map(len, encoded), initial=0))
    return Column("str", len(encoded), data, offsets.buffer_info()[0], keep=(data, offsets))


def _kinds(items: list) -> set:
    """Which of "int", "none" and "other" the items are (by their types, once each)."""
    return {("int" if _int_type(t) else "none" if t is type(None) else "other") for t in set(map(type, items))}


def _items(values: Any, int_na: Optional[int] = None) -> tuple:
    """(numpy array or None, list of items or None when the array is numeric)."""
    arr = _as_array(values, int_na)
    if arr is not None and arr.dtype.kind in "iufM":
        return arr, None
    return arr, list(arr) if arr is not None else list(values)


def id_column(values: Any) -> Column:
    """Customer ids: all integers → int64; otherwise text (str/bytes)."""
    arr, items = _items(values)
    if items is None:
        if arr.dtype.kind == "f":
            raise TypeError("customer ids must be integers or strings, not floats")
        return int_column(arr)
    kinds = _kinds(items)
    if "none" in kinds:
        raise TypeError("a customer id is missing (None)")
    if kinds <= {"int"}:
        return int_column(items)
    if "int" in kinds:
        raise TypeError("customer ids mix integers and strings; the int 5 and the str '5' "
                        "are different customers, so convert them to one type")
    return str_column(items)


def _day(v: Any) -> int:
    if isinstance(v, datetime.datetime):
        v = v.date()
    if isinstance(v, datetime.date):
        return v.toordinal() - _EPOCH_ORDINAL
    return to_days(v)


def date_column(values: Any, required: bool = True) -> Column:
    """Dates: datetime.date/datetime64/int days → int32; ISO strings → text
    parsed by the library (so a bad date names its row and column)."""
    np = _compat.np
    arr, items = _items(values)
    if items is None:
        if arr.dtype.kind == "M":
            days = arr.astype("datetime64[D]").astype(np.int64)
            days[np.isnat(arr)] = NONE_I32
            return _int_from_numpy(days, 32)
        return int_column(arr, 32)
    if items and all(isinstance(v, str) or (v is None and not required) for v in items):
        return str_column(items)
    if _compat.pd is not None:
        items = [None if (v is _compat.pd.NaT) else v for v in items]
    return int_column(items, 32, none=NONE_I32, convert=_day)


def money_column(values: Any, scale: int = 2) -> Column:
    """Money: integers are minor units (int64, bound in place from NumPy);
    Decimal, str and float are decimal text the library parses exactly at
    the dataset's scale (InexactError rather than rounding). A text column
    with missing values (None, NaN) is parsed here, value by value, with
    seg_money_parse() at `scale`, since only the int64 form has a "none"."""
    arr, items = _items(values, NONE_I64)
    if items is None:
        if arr.dtype.kind == "M":
            raise TypeError("money column holds dates")
        if arr.dtype.kind != "f":
            return int_column(arr)
        items = [None if v != v else float(v) for v in arr.tolist()]
    kinds = _kinds(items)
    if kinds <= {"int", "none"}:
        return int_column(items, none=NONE_I64)
    if "int" in kinds:
        raise TypeError("a money column mixes int minor units with decimal values; "
                        "use one form (ints are minor units, Decimal/str are amounts)")
    if "none" in kinds:
        return int_column(parse_money_list(items, scale), none=NONE_I64)
    return str_column([money_text(v) for v in items])


def order_column(values: Any) -> Column:
    """Order ids: integers → int64 (None = none), otherwise text ("" = none)."""
    arr, items = _items(values, NONE_I64)
    if items is None:
        return int_column(arr)
    if _kinds(items) <= {"int", "none"}:
        return int_column(items, none=NONE_I64)
    return str_column(items)


def rating_column(values: Any) -> Column:
    """Manager ratings and other int32 customer fields: None = unset (SEG_NONE)."""
    return int_column(values, 32, none=NONE_I32)


def lifecycle_column(values: Any, names: dict) -> Column:
    """Lifecycle status: names ("current", ...) or their numbers; None = no override."""
    arr, items = _items(values)
    if items is None:
        return int_column(arr, 32)
    return int_column([names[v] if isinstance(v, str) else v for v in items], 32, none=0)


def bool_column(values: Any) -> Column:
    """lead_closed: True/1 closed, False/0 open, None unknown (SEG_NONE)."""
    arr, items = _items(values)
    if items is None:
        return int_column(arr, 32)
    return int_column([None if v is None else int(bool(v)) for v in items], 32, none=NONE_I32)

