"""The dataset: customers and their folded transactions, loaded from CSV,
Python sequences, NumPy arrays or pandas; analysed into a Result; and
serialised and merged as partial state for distributed runs."""
from __future__ import annotations

import ctypes
import datetime
import os
from typing import Any, Dict, Iterable, Mapping, Optional, Union

from . import _columns as cols
from ._handle import Handle
from ._lib import has, lib
from .batch import Batch
from .constants import (DATASET_OPTIONS, DATASET_STATS, DATE_FIELDS, FIELDS, LIFECYCLE, PERIODS,
                        RECORD_KINDS, lookup)
from .context import Context
from .csv import CsvOptions, LoadReport, Report
from .errors import SegmentError, UnsupportedError, check
from .values import NONE_I32, DateLike, MoneyLike, parse_money, to_date, to_days

CustomerId = Union[int, str]


def _field_column(name: str, values: Any, scale: int):
    """The column conversion for a field of a customers batch (transaction
    fields convert as in add_transactions and are refused by the library)."""
    if name in ("customer", "order"):
        return cols.order_column(values)
    if name in ("amount", "margin", "unit_price"):
        return cols.money_column(values, scale)
    if name == "quantity":
        return cols.int_column(values)
    if name == "date" or name in DATE_FIELDS:
        return cols.date_column(values, required=False)
    if name == "name":
        return cols.str_column(values)
    if name == "status":
        return cols.lifecycle_column(values, LIFECYCLE)
    if name == "lead_closed":
        return cols.bool_column(values)
    return cols.rating_column(values)


class Dataset(Handle):
    """A seg_dataset. Options shape the folded state and are set before the
    first transaction: `scale` (money decimals, default 2), `as_of` (a date:
    later rows are counted and ignored) and `period` ("day", "week", "month",
    "quarter"). Without a context the dataset makes and owns a private one."""

    def __init__(self, context: Optional[Context] = None, *, scale: Optional[int] = None,
                 as_of: Optional[DateLike] = None, period: Optional[str] = None) -> None:
        own = context is None
        if own:
            context = Context()
        out = ctypes.c_void_p()
        status = lib.seg_dataset_new(ctypes.byref(out), context._ptr)
        if status and own:
            context.close()
        check(status, context._live_ptr if not own else None)
        self._init_handle(out.value, lib.seg_dataset_free, context)
        if own:
            self._adopt(context)
        self.context = context
        try:
            for name, value in (("scale", scale), ("as_of", as_of), ("period", period)):
                if value is not None:
                    self.set_option(name, value)
        except BaseException:
            self.close()
            raise

    def _check(self, status: int) -> None:
        check(status, self.context._live_ptr)

    # -- options and counters ------------------------------------------------
    def set_option(self, name: str, value: Any) -> None:
        """Set "scale" (0–6), "as_of" (date, ISO str, days or None) or "period" (a name)."""
        key = lookup(DATASET_OPTIONS, name, "dataset option")
        if name == "period" and isinstance(value, str):
            value = lookup(PERIODS, value, "period")
        elif name == "as_of":
            value = NONE_I32 if value is None else to_days(value)
        self._check(lib.seg_dataset_set_option(self._ptr, key, int(value)))

    def get_option(self, name: str) -> int:
        """Raw value of an option (as_of in days or SEG_NONE, period as its number)."""
        out = ctypes.c_int64()
        self._check(lib.seg_dataset_get_option(ctypes.byref(out), self._ptr,
                                               lookup(DATASET_OPTIONS, name, "dataset option")))
        return out.value

    @staticmethod
    def option_default(name: str) -> int:
        """Default of a dataset option (raw)."""
        out = ctypes.c_int64()
        check(lib.seg_dataset_option_default(ctypes.byref(out), lookup(DATASET_OPTIONS, name, "dataset option")))
        return out.value

    @staticmethod
    def option_bounds(name: str) -> tuple:
        """(min, max) of a dataset option (raw)."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        check(lib.seg_dataset_option_bounds(ctypes.byref(lo), ctypes.byref(hi),
                                            lookup(DATASET_OPTIONS, name, "dataset option")))
        return lo.value, hi.value

    @property
    def scale(self) -> int:
        """Decimals of a money minor unit."""
        return self.get_option("scale")

    @property
    def as_of(self) -> Optional[datetime.date]:
        """Explicit as-of date, or None (the latest transaction date is used)."""
        days = self.get_option("as_of")
        return None if days == NONE_I32 else to_date(days)

    @property
    def period(self) -> str:
        """Granularity of the per-period cells."""
        return {v: k for k, v in PERIODS.items()}[self.get_option("period")]

    def stat(self, name: str) -> int:
        """One counter: customers, transactions, orders, net_amount, memory_bytes, ..."""
        out = ctypes.c_int64()
        self._check(lib.seg_dataset_stat(ctypes.byref(out), self._ptr,
                                         lookup(DATASET_STATS, name, "dataset counter")))
        return out.value

    def stats(self) -> Dict[str, Any]:
        """Every counter; first_date and last_date as datetime.date or None."""
        out: Dict[str, Any] = {name: self.stat(name) for name in DATASET_STATS}
        for key in ("first_date", "last_date"):
            out[key] = None if out[key] == NONE_I32 else to_date(out[key])
        return out

    def __len__(self) -> int:
        return self.stat("customers")

    # -- customers -------------------------------------------------------------
    def customer(self, customer_id: CustomerId) -> int:
        """Dense index of a customer, created if new (int and str ids differ)."""
        index = ctypes.c_size_t()
        if isinstance(customer_id, int) and not isinstance(customer_id, bool):
            self._check(lib.seg_dataset_customer_i64(ctypes.byref(index), self._ptr, customer_id))
        else:
            raw = _id_bytes(customer_id)
            self._check(lib.seg_dataset_customer_str(ctypes.byref(index), self._ptr, raw, len(raw)))
        return index.value

    def find(self, customer_id: CustomerId) -> int:
        """Dense index of a known customer; NotFoundError otherwise."""
        index = ctypes.c_size_t()
        if isinstance(customer_id, int) and not isinstance(customer_id, bool):
            status = lib.seg_dataset_find_i64(ctypes.byref(index), self._ptr, customer_id)
        else:
            raw = _id_bytes(customer_id)
            status = lib.seg_dataset_find_str(ctypes.byref(index), self._ptr, raw, len(raw))
        check(status, None, f"no customer {customer_id!r}")
        return index.value

    def __contains__(self, customer_id: CustomerId) -> bool:
        try:
            self.find(customer_id)
        except KeyError:
            return False
        return True

    def customer_id(self, index: int) -> CustomerId:
        """The id (int or str) of the customer at a dense index."""
        return _customer_id(self._ptr, index)

    def customer_ids(self) -> list:
        """Every customer id, in dense-index order."""
        ptr = self._ptr
        return [_customer_id(ptr, i) for i in range(len(self))]

    def set_customer(self, customer_id: CustomerId, *, ratings: Optional[Mapping[str, Optional[int]]] = None,
                     attributes: Optional[Mapping[str, Optional[str]]] = None, **fields: Any) -> int:
        """Declare a customer and set fields one by one: name, status
        ("current", "prospect", "refused", "churned"), lead_date, lead_closed,
        churn_date, competitor_deadline, project_launch, activity, capacity;
        ratings {criterion: 0–100 or None}, attributes {name: text or None}.
        Returns the dense index."""
        index = self.customer(customer_id)
        for name, value in fields.items():
            self._set_field(index, name, value)
        for criterion, value in (ratings or {}).items():
            raw = criterion.encode()
            self._check(lib.seg_dataset_set_rating(self._ptr, index, raw, len(raw),
                                                   NONE_I32 if value is None else value))
        for name, value in (attributes or {}).items():
            raw, text = name.encode(), (value or "").encode()
            self._check(lib.seg_dataset_set_attribute(self._ptr, index, raw, len(raw), text, len(text)))
        return index

    def _set_field(self, index: int, name: str, value: Any) -> None:
        key = lookup(FIELDS, name, "customer field")
        if name == "name":
            raw = (value or "").encode()
            self._check(lib.seg_dataset_set_str(self._ptr, index, key, raw, len(raw)))
            return
        if value is None:
            value = 0 if name == "status" else NONE_I32
        elif name in DATE_FIELDS:
            value = to_days(value)
        elif name == "status" and isinstance(value, str):
            value = lookup(LIFECYCLE, value, "lifecycle status")
        self._check(lib.seg_dataset_set_int(self._ptr, index, key, int(value)))

    def get_field(self, customer_id: CustomerId, name: str) -> Any:
        """A customer field: name (str or None), dates (datetime.date or None),
        status (a name or None), lead_closed (bool or None), ratings (int or None)."""
        index, key = self.find(customer_id), lookup(FIELDS, name, "customer field")
        if name == "name":
            value, size = ctypes.c_char_p(), ctypes.c_size_t()
            self._check(lib.seg_dataset_get_str(ctypes.byref(value), ctypes.byref(size), self._ptr, index, key))
            return None if value.value is None else ctypes.string_at(value, size.value).decode()
        out = ctypes.c_int32()
        self._check(lib.seg_dataset_get_int(ctypes.byref(out), self._ptr, index, key))
        return _field_value(name, out.value)

    def get_rating(self, customer_id: CustomerId, criterion: str) -> Optional[int]:
        """A customer's rating for a renew criterion (None when unrated); NotFoundError for an unknown criterion."""
        index, raw, out = self.find(customer_id), criterion.encode(), ctypes.c_int32()
        self._check(lib.seg_dataset_get_rating(ctypes.byref(out), self._ptr, index, raw, len(raw)))
        return None if out.value == NONE_I32 else out.value

    def get_attribute(self, customer_id: CustomerId, name: str) -> Optional[str]:
        """A customer's free attribute (None when unset); NotFoundError for an unknown attribute."""
        index, raw = self.find(customer_id), name.encode()
        value, size = ctypes.c_char_p(), ctypes.c_size_t()
        self._check(lib.seg_dataset_get_attribute(ctypes.byref(value), ctypes.byref(size), self._ptr,
                                                  index, raw, len(raw)))
        return None if value.value is None else ctypes.string_at(value, size.value).decode()

    # -- transactions ----------------------------------------------------------
    def add_transaction(self, customer_id: CustomerId, date: DateLike, amount: MoneyLike, *,
                        order: Optional[CustomerId] = None, margin: Optional[MoneyLike] = None,
                        quantity: Optional[int] = None) -> None:
        """Fold one transaction (one-record call). Money: int minor units, or
        Decimal/str/float parsed exactly at the dataset scale."""
        index, scale = self.customer(customer_id), self.scale
        raw_order = None if order is None else str(order).encode()
        m = None if margin is None else ctypes.byref(ctypes.c_int64(parse_money(margin, scale)))
        q = None if quantity is None else ctypes.byref(ctypes.c_int64(quantity))
        self._check(lib.seg_dataset_add_transaction(self._ptr, index, to_days(date), parse_money(amount, scale),
                                                    raw_order, len(raw_order or b""), m, q))

    def add_transactions(self, customer: Iterable, date: Iterable, amount: Optional[Iterable] = None, *,
                         order: Optional[Iterable] = None, margin: Optional[Iterable] = None,
                         quantity: Optional[Iterable] = None, unit_price: Optional[Iterable] = None) -> int:
        """Load transactions column-wise (lists, tuples, NumPy arrays or pandas
        Series of equal length) in one seg_dataset_add_transactions() call.
        Contiguous int64 arrays (ids, money, orders) and int32 day arrays are
        bound in place. Returns the rows loaded; on a bad row the rows before it
        stay loaded and the exception's `rows_loaded`, `line` (1-based row) and
        `column` (byte within the value) say where it stopped."""
        columns = {"customer": cols.id_column(customer), "date": cols.date_column(date)}
        scale = self.scale
        for name, values in (("amount", amount), ("order", order), ("margin", margin),
                             ("quantity", quantity), ("unit_price", unit_price)):
            if values is not None:
                columns[name] = _field_column(name, values, scale)
        return self._load(lib.seg_dataset_add_transactions, columns)

    def add_customers(self, customer: Iterable, *, ratings: Optional[Mapping[str, Iterable]] = None,
                      attributes: Optional[Mapping[str, Iterable]] = None, **fields: Iterable) -> int:
        """Declare or update customers column-wise: customer ids plus any of the
        fields of set_customer() as columns, ratings {criterion: column} and
        attributes {name: column}. None leaves a field as it is."""
        columns = {"customer": cols.id_column(customer)}
        for name, values in fields.items():
            lookup(FIELDS, name, "customer field")
            columns[name] = _field_column(name, values, self.scale)
        extra = [("rating", k, cols.rating_column(v)) for k, v in (ratings or {}).items()]
        extra += [("attr", k, cols.str_column(v)) for k, v in (attributes or {}).items()]
        return self._load(lib.seg_dataset_add_customers, columns, extra)

    def _load(self, fn, columns: Dict[str, Any], extra: list = ()) -> int:
        with Batch(self.context) as batch:
            for name, column in columns.items():
                batch.bind(name, column)
            for kind, name, column in extra:
                (batch.bind_rating if kind == "rating" else batch.bind_attribute)(name, column)
            loaded = ctypes.c_size_t()
            status = fn(self._ptr, batch._ptr, batch.rows or 0, ctypes.byref(loaded))
            if status:
                err = _error(status, self.context)
                err.rows_loaded = loaded.value
                raise err
            return loaded.value

    def add_dataframe(self, df: Any, *, customer: str = "customer_id", date: str = "date",
                      amount: Optional[str] = "amount", order: Optional[str] = None,
                      margin: Optional[str] = None, quantity: Optional[str] = None,
                      unit_price: Optional[str] = None) -> int:
        """Load the transactions of a pandas DataFrame, naming its columns."""
        named = {"order": order, "margin": margin, "quantity": quantity, "unit_price": unit_price,
                 "amount": amount}
        kwargs = {k: df[v] for k, v in named.items() if v is not None}
        return self.add_transactions(df[customer], df[date], **kwargs)

    # -- CSV -----------------------------------------------------------------
    def load_csv(self, path: Union[str, os.PathLike], kind: str = "transactions", **options: Any) -> LoadReport:
        """Load a CSV file of "transactions" or "customers"; options as
        CsvOptions.set (strict=False rejects bad rows into the report instead
        of raising). A failed strict load raises with `.report` attached."""
        raw = os.fsencode(path)
        return self._load_csv(lib.seg_dataset_load_csv_path, kind, options, raw, len(raw))

    def load_csv_buffer(self, data: Union[bytes, str], kind: str = "transactions", **options: Any) -> LoadReport:
        """Load CSV text held in memory (str is encoded as UTF-8)."""
        raw = data.encode() if isinstance(data, str) else bytes(data)
        return self._load_csv(lib.seg_dataset_load_csv_buffer, kind, options, raw, len(raw))

    def _load_csv(self, fn, kind: str, options: Dict[str, Any], *source: Any) -> LoadReport:
        kind_value = lookup(RECORD_KINDS, kind, "record kind")
        with CsvOptions(self.context, **options) as opts, Report(self.context) as report:
            status = fn(report._ptr, self._ptr, kind_value, opts._ptr, *source)
            result = report.read()
            if opts.progress_error is not None:
                raise opts.progress_error
            if status:
                err = _error(status, self.context)
                err.report = result
                raise err
            return result

    # -- analysis and partial state -----------------------------------------
    def analyze(self, params: Optional["Params"] = None, **kwargs: Any) -> "Result":
        """Run the analyses and return a Result (close it before loading more
        into this dataset: the C library refuses loading while one is alive).
        Parameters come from `params`, or keywords named as seg_param_name()
        spells them (rfm_method="ntile", xyz_window=6, as_of=date, ...),
        plus preset=, segments= and renew_criteria=."""
        from .params import Params
        from .result import Result
        if params is not None and kwargs:
            raise TypeError("give either a Params object or keyword parameters, not both")
        if params is not None:
            return Result._analyze(self, params)
        with Params(self.context, **kwargs) as own:
            return Result._analyze(self, own)

    def serialize(self) -> bytes:
        """The dataset's folded state (options, customers, per-period cells,
        profile) as bytes for merge() or from_state()."""
        _require("seg_dataset_serialize")
        needed = ctypes.c_size_t()
        status = lib.seg_dataset_serialize(None, 0, ctypes.byref(needed), self._ptr)
        if status not in (0, -10):
            self._check(status)
        buf = ctypes.create_string_buffer(needed.value)
        self._check(lib.seg_dataset_serialize(buf, needed.value, ctypes.byref(needed), self._ptr))
        return buf.raw[:needed.value]

    def merge(self, other: Union["Dataset", bytes, bytearray, memoryview]) -> None:
        """Merge another dataset, or a serialised state, into this one
        (associative and commutative; options must match or this be empty).
        A truncated or corrupted state is CorruptError, leaving this unchanged."""
        if isinstance(other, Dataset):
            _require("seg_dataset_merge")
            self._check(lib.seg_dataset_merge(self._ptr, other._ptr))
        else:
            _require("seg_dataset_merge_serialized")
            raw = bytes(other)
            self._check(lib.seg_dataset_merge_serialized(self._ptr, raw, len(raw)))

    @classmethod
    def from_state(cls, state: Union[bytes, bytearray, memoryview], context: Optional[Context] = None) -> "Dataset":
        """A new dataset holding a serialised state."""
        ds = cls(context)
        try:
            ds.merge(state)
        except BaseException:
            ds.close()
            raise
        return ds


def _require(name: str) -> None:
    if not has(name):
        raise UnsupportedError(f"the loaded libsegment ({lib.seg_version_string().decode()}) lacks {name}",
                               -3)


def _error(status: int, context: Context) -> SegmentError:
    from .errors import make_error
    return make_error(status, context._live_ptr)


def _id_bytes(customer_id: Any) -> bytes:
    if isinstance(customer_id, bytes):
        return customer_id
    if isinstance(customer_id, str):
        return customer_id.encode()
    raise TypeError(f"a customer id is an int or a str, not {type(customer_id).__name__}")


def _customer_id(ds_ptr: int, index: int) -> CustomerId:
    """The id of a customer of a dataset pointer (also used by results)."""
    kind, int_id = ctypes.c_int(), ctypes.c_int64()
    str_id, size = ctypes.c_char_p(), ctypes.c_size_t()
    check(lib.seg_dataset_customer_id(ctypes.byref(kind), ctypes.byref(int_id), ctypes.byref(str_id),
                                      ctypes.byref(size), ds_ptr, index), None, f"no customer at index {index}")
    if kind.value == 1:
        return int_id.value
    return ctypes.string_at(str_id, size.value).decode("utf-8", "replace")


def _field_value(name: str, value: int) -> Any:
    """Python value of an int32 customer field."""
    if name == "status":
        return None if value == 0 else {v: k for k, v in LIFECYCLE.items()}[value]
    if value == NONE_I32:
        return None
    if name in DATE_FIELDS:
        return to_date(value)
    if name == "lead_closed":
        return bool(value)
    return value
