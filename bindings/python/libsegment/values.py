"""Dates and exact money: conversions between Python values and the C
library's day numbers (days since 1970-01-01) and int64 minor units."""
from __future__ import annotations

import ctypes
import datetime
import decimal
from typing import Union

from ._lib import lib
from .errors import check

DateLike = Union[datetime.date, str, int]
MoneyLike = Union[int, str, decimal.Decimal, float]

#: "No value" of int32 date and rating fields (SEG_NONE).
NONE_I32 = -2147483648
#: "No value" of int64 money and order-id fields (INT64_MIN).
NONE_I64 = -9223372036854775808
_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


def date_from_ymd(year: int, month: int, day: int) -> int:
    """Day number of a calendar date (seg_date_from_ymd); RangeError if impossible."""
    out = ctypes.c_int32()
    check(lib.seg_date_from_ymd(ctypes.byref(out), year, month, day))
    return out.value


def date_to_ymd(days: int) -> tuple:
    """(year, month, day) of a day number (seg_date_to_ymd)."""
    y, m, d = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    check(lib.seg_date_to_ymd(ctypes.byref(y), ctypes.byref(m), ctypes.byref(d), days))
    return y.value, m.value, d.value


def parse_date(text: str) -> int:
    """Day number of an ISO date `YYYY-MM-DD[ HH:MM[:SS]]` (seg_date_parse);
    ParseError or RangeError with the column of the fault."""
    from .context import Context
    raw = text.encode()
    out = ctypes.c_int32()
    with Context() as ctx:
        check(lib.seg_date_parse(ctypes.byref(out), ctx._ptr, raw, len(raw)), ctx._ptr)
    return out.value


def format_date(days: int) -> str:
    """ISO text `YYYY-MM-DD` of a day number (seg_date_format)."""
    buf = ctypes.create_string_buffer(16)
    check(lib.seg_date_format(buf, len(buf), days))
    return buf.value.decode()


def to_days(value: DateLike) -> int:
    """Day number of a datetime.date (or datetime), an ISO string or an int day number."""
    if isinstance(value, datetime.date):
        return value.toordinal() - _EPOCH_ORDINAL
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"a date must be datetime.date, ISO str or int days, not {type(value).__name__}")


def to_date(days: int) -> datetime.date:
    """datetime.date of a day number."""
    return datetime.date(*date_to_ymd(days))


def money_text(value: MoneyLike) -> str:
    """Decimal text of a Decimal, str or float (a float by its shortest
    round-trip repr, so 19.99 is "19.99"); ints are minor units, not text."""
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"money must be int minor units, Decimal, str or float, not {type(value).__name__}")


def parse_money(value: MoneyLike, scale: int = 2) -> int:
    """Exact minor units of a decimal amount at `scale` (seg_money_parse): never
    rounds (InexactError), ParseError, SegmentOverflowError. Ints are returned as they are."""
    from .context import Context
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raw = money_text(value).encode()
    out = ctypes.c_int64()
    with Context() as ctx:
        check(lib.seg_money_parse(ctypes.byref(out), ctx._ptr, raw, len(raw), scale), ctx._ptr)
    return out.value


def parse_money_list(values: list, scale: int) -> list:
    """parse_money() of every item with one context; None stays None. An
    error names the item's 1-based position as its line."""
    from .context import Context
    from .errors import make_error
    out, parsed = [], ctypes.c_int64()
    with Context() as ctx:
        for row, value in enumerate(values, 1):
            if value is None or isinstance(value, int):
                out.append(value)
                continue
            raw = money_text(value).encode()
            status = lib.seg_money_parse(ctypes.byref(parsed), ctx._ptr, raw, len(raw), scale)
            if status:
                err = make_error(status, ctx._ptr)
                err.line = row
                raise err
            out.append(parsed.value)
    return out


def format_money(minor: int, scale: int = 2) -> str:
    """Decimal text of minor units at `scale` (seg_money_format), e.g. "-1234.50"."""
    buf = ctypes.create_string_buffer(32)
    check(lib.seg_money_format(buf, len(buf), minor, scale))
    return buf.value.decode()


def to_decimal(minor: int, scale: int = 2) -> decimal.Decimal:
    """Decimal value of minor units at `scale`, exactly."""
    return decimal.Decimal(format_money(minor, scale))
