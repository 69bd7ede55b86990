"""Dates (days since 1970-01-01) and exact money helpers."""
from __future__ import annotations

import datetime
import decimal

import pytest

import libsegment as ls


def test_dates_round_trip():
    assert ls.date_from_ymd(1970, 1, 2) == 1
    assert ls.date_to_ymd(19723) == (2024, 1, 1)
    assert ls.parse_date("2024-01-01") == 19723
    assert ls.parse_date("2024-01-01T10:30") == 19723
    assert ls.format_date(19723) == "2024-01-01"
    assert ls.to_date(19723) == datetime.date(2024, 1, 1)
    assert ls.to_days(datetime.date(2024, 1, 1)) == ls.to_days("2024-01-01") == ls.to_days(19723)
    assert ls.to_days(datetime.date(1, 1, 1)) == -719162


def test_date_errors():
    with pytest.raises(ls.RangeError):
        ls.date_from_ymd(2023, 2, 30)
    with pytest.raises(ls.RangeError):
        ls.parse_date("2023-02-30")
    with pytest.raises(ls.ParseError) as exc:
        ls.parse_date("2023/02/01")
    assert exc.value.column == 5
    with pytest.raises(ls.RangeError):
        ls.date_to_ymd(10**8)
    with pytest.raises(TypeError):
        ls.to_days(1.5)


def test_money():
    assert ls.parse_money("1234.5", 2) == 123450
    assert ls.parse_money(decimal.Decimal("-0.07"), 2) == -7
    assert ls.parse_money(decimal.Decimal("1E+2"), 0) == 100
    assert ls.parse_money(19.99, 2) == 1999
    assert ls.parse_money(42, 2) == 42                 # ints are minor units already
    assert ls.parse_money("1.500", 2) == 150
    assert ls.format_money(-123450, 2) == "-1234.50"
    assert ls.to_decimal(123450, 3) == decimal.Decimal("123.450")
    with pytest.raises(ls.ParseError):
        ls.parse_money("12,5x", 2)
    with pytest.raises(ls.SegmentOverflowError):
        ls.parse_money("99999999999999999999", 2)
    with pytest.raises(ls.RangeError):
        ls.format_money(1, 9)
    with pytest.raises(TypeError):
        ls.parse_money([1], 2)
