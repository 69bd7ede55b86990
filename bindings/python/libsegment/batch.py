"""A seg_batch: borrowed column pointers for one bulk load. The batch keeps
the Python objects that own the memory alive until it is cleared or closed."""
from __future__ import annotations

import ctypes
from typing import List, Optional

from ._columns import Column
from ._handle import Handle
from ._lib import lib
from .constants import FIELDS, lookup
from .context import Context
from .errors import check


class Batch(Handle):
    """Columns bound for seg_dataset_add_transactions() / _add_customers().
    Every column must have the same number of rows."""

    def __init__(self, context: Context) -> None:
        out = ctypes.c_void_p()
        check(lib.seg_batch_new(ctypes.byref(out), context._live_ptr), context._live_ptr)
        self._init_handle(out.value, lib.seg_batch_free, context)
        self.context = context
        self._columns: List[Column] = []
        self.rows: Optional[int] = None

    def _keep(self, column: Column) -> None:
        if self.rows is not None and column.n != self.rows:
            raise ValueError(f"columns differ in length: {column.n} rows, expected {self.rows}")
        self.rows = column.n
        self._columns.append(column)

    def bind(self, field: str, column: Column) -> None:
        """Bind a column to a record field by name ("customer", "date", ...)."""
        key = lookup(FIELDS, field, "field")
        ptr = self._ptr
        if column.kind == "i64":
            status = lib.seg_batch_bind_i64(ptr, key, column.address)
        elif column.kind == "i32":
            status = lib.seg_batch_bind_i32(ptr, key, column.address)
        else:
            status = lib.seg_batch_bind_str(ptr, key, column.address, column.offsets)
        check(status, self.context._live_ptr)
        self._keep(column)

    def bind_rating(self, criterion: str, column: Column) -> None:
        """Bind a renew-criterion rating column (int32, 0–100, None = unrated)."""
        if column.kind != "i32":
            raise TypeError("a rating column holds int32 ratings")
        raw = criterion.encode()
        check(lib.seg_batch_bind_rating(self._ptr, raw, len(raw), column.address), self.context._live_ptr)
        self._keep(column)

    def bind_attribute(self, name: str, column: Column) -> None:
        """Bind a free-attribute text column ("" or None = none)."""
        if column.kind != "str":
            raise TypeError("an attribute column holds text")
        raw = name.encode()
        check(lib.seg_batch_bind_attribute(self._ptr, raw, len(raw), column.address, column.offsets),
              self.context._live_ptr)
        self._keep(column)

    def clear(self) -> None:
        """Unbind every column and drop the references to their memory."""
        lib.seg_batch_clear(self._ptr)
        self._columns.clear()
        self.rows = None
