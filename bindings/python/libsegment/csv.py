"""CSV loading: the options (dialect, strictness, role mapping, progress)
and the load report, returned to Python as a LoadReport dataclass."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from ._handle import Handle
from ._lib import SEG_PROGRESS_FN, lib
from .constants import CSV_OPTIONS, CSV_VALUES, DIALECT_NAMES, LOAD_STATS, REJECT_REASONS, lookup
from .context import Context
from .errors import check


@dataclass(frozen=True)
class LoadError:
    """One rejected row (or the row that stopped a strict load)."""
    line: int
    column: int
    reason: str
    header: str
    message: str


@dataclass
class LoadReport:
    """What one CSV load did: counters, rejections by reason, the first
    errors, the roles mapped (role → (header, 1-based column)) and the dialect."""
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    lines: int = 0
    bytes: int = 0
    rejected: Dict[str, int] = field(default_factory=dict)
    errors: List[LoadError] = field(default_factory=list)
    roles: Dict[str, Tuple[str, int]] = field(default_factory=dict)
    delimiter: str = "auto"
    encoding: str = "auto"
    bom: bool = False
    decimal: str = "auto"
    date_order: str = "auto"


def _text(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


class CsvOptions(Handle):
    """A seg_csv_options set: keyword options as `Dataset.load_csv` takes them."""

    def __init__(self, context: Context, **options) -> None:
        out = ctypes.c_void_p()
        check(lib.seg_csv_options_new(ctypes.byref(out), context._live_ptr), context._live_ptr)
        self._init_handle(out.value, lib.seg_csv_options_free, context)
        self.context = context
        self._progress = None
        self.progress_error: Optional[BaseException] = None
        try:
            for name, value in options.items():
                self.set(name, value)
        except BaseException:
            self.close()
            raise

    def set(self, name: str, value) -> None:
        """Set one option: delimiter, encoding, decimal, date_order (names or
        characters), header, guess_roles, strict, validate_only (bools),
        max_errors, max_record_bytes, threads (ints), mapping ({role: header}), progress."""
        if name == "mapping":
            for role, header in value.items():
                self.map(role, header)
        elif name == "progress":
            self.set_progress(value)
        else:
            key = lookup(CSV_OPTIONS, name, "CSV option")
            if name in CSV_VALUES and isinstance(value, str):
                value = lookup(CSV_VALUES[name], value, name)
            check(lib.seg_csv_options_set_i64(self._ptr, key, int(value)), self.context._live_ptr)

    def get(self, name: str) -> int:
        """Current value of an option, as the library stores it (an int)."""
        out = ctypes.c_int64()
        check(lib.seg_csv_options_get_i64(ctypes.byref(out), self._ptr,
                                          lookup(CSV_OPTIONS, name, "CSV option")), self.context._live_ptr)
        return out.value

    @staticmethod
    def default(name: str) -> int:
        """Default of an option."""
        out = ctypes.c_int64()
        check(lib.seg_csv_option_default_i64(ctypes.byref(out), lookup(CSV_OPTIONS, name, "CSV option")))
        return out.value

    @staticmethod
    def bounds(name: str) -> Tuple[int, int]:
        """(min, max) accepted for an option."""
        lo, hi = ctypes.c_int64(), ctypes.c_int64()
        check(lib.seg_csv_option_bounds_i64(ctypes.byref(lo), ctypes.byref(hi),
                                            lookup(CSV_OPTIONS, name, "CSV option")))
        return lo.value, hi.value

    def map(self, role: str, header: Optional[str]) -> None:
        """Read `role` ("amount", "rating:brand", "attr:region") from the column
        with this header (or "#N"); None removes the mapping."""
        raw_role = role.encode()
        raw_header = header.encode() if header is not None else None
        check(lib.seg_csv_options_map(self._ptr, raw_role, len(raw_role), raw_header,
                                      len(raw_header) if raw_header else 0), self.context._live_ptr)

    def set_progress(self, fn: Optional[Callable[[int, int], Optional[bool]]]) -> None:
        """Call fn(done_bytes, total_bytes) about every MiB; returning False
        stops the load (CancelledError); an exception stops it and is re-raised."""
        if fn is None:
            callback = SEG_PROGRESS_FN()     # NULL: no callback
        else:
            def callback(done: int, total: int, _user) -> int:
                try:
                    return 1 if fn(done, total) is False else 0
                except BaseException as exc:  # re-raised by the load after the C call returns
                    self.progress_error = exc
                    return 1
            callback = SEG_PROGRESS_FN(callback)
        check(lib.seg_csv_options_set_progress(self._ptr, callback, None), self.context._live_ptr)
        self._progress = callback


class Report(Handle):
    """A seg_load_report, read into a LoadReport after each load."""

    def __init__(self, context: Context) -> None:
        out = ctypes.c_void_p()
        check(lib.seg_load_report_new(ctypes.byref(out), context._live_ptr), context._live_ptr)
        self._init_handle(out.value, lib.seg_load_report_free, context)

    def _stat(self, name: str) -> int:
        out = ctypes.c_int64()
        check(lib.seg_load_report_stat(ctypes.byref(out), self._ptr, LOAD_STATS[name]))
        return out.value

    def _rejected(self) -> Dict[str, int]:
        out = {}
        for reason in REJECT_REASONS:
            if lib.seg_reject_reason_name(reason) is None:
                break
            n = ctypes.c_int64()
            check(lib.seg_load_report_rejected(ctypes.byref(n), self._ptr, reason))
            out[lib.seg_reject_reason_name(reason).decode()] = n.value
        return out

    def _error(self, index: int) -> LoadError:
        line, column, reason = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int()
        header, message = ctypes.c_char_p(), ctypes.c_char_p()
        check(lib.seg_load_report_error(ctypes.byref(line), ctypes.byref(column), ctypes.byref(reason),
                                        ctypes.byref(header), ctypes.byref(message), self._ptr, index))
        name = lib.seg_reject_reason_name(reason.value)
        return LoadError(line.value, column.value, _text(name), _text(header.value), _text(message.value))

    def _role(self, index: int) -> Tuple[str, str, int]:
        role, header, column = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_int64()
        check(lib.seg_load_report_role(ctypes.byref(role), ctypes.byref(header), ctypes.byref(column),
                                       self._ptr, index))
        return _text(role.value), _text(header.value), column.value

    def read(self) -> LoadReport:
        """Everything the report holds, as a dataclass."""
        rep = LoadReport(**{k: self._stat(k) for k in ("rows_read", "rows_loaded", "rows_rejected",
                                                       "lines", "bytes")})
        rep.rejected = self._rejected()
        rep.errors = [self._error(i) for i in range(self._stat("errors"))]
        rep.roles = {r: (h, c) for r, h, c in (self._role(i) for i in range(self._stat("roles")))}
        for name in ("delimiter", "encoding", "decimal", "date_order"):
            setattr(rep, name, DIALECT_NAMES[name][self._stat(name)])
        rep.bom = bool(self._stat("bom"))
        return rep
