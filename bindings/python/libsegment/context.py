"""The context: owns the C library's last error message and the optional log
callback. Use one context per thread; every object made from it keeps it alive."""
from __future__ import annotations

import ctypes
from typing import Callable, Optional

from ._handle import Handle
from ._lib import SEG_LOG_FN, lib
from .errors import check

LOG_LEVELS = {"error": 1, "warning": 2, "info": 3, "debug": 4}


class Context(Handle):
    """A seg_context. Datasets create a private one unless given one; share a
    context only between objects used by one thread at a time."""

    def __init__(self) -> None:
        out = ctypes.c_void_p()
        check(lib.seg_context_new(ctypes.byref(out)))
        self._init_handle(out.value, lib.seg_context_free, None)
        self._log_callback = None

    @property
    def errmsg(self) -> str:
        """Message of the last failed call made with this context ("" after success)."""
        return lib.seg_context_errmsg(self._ptr).decode("utf-8", "replace")

    @property
    def errcode(self) -> int:
        """Status of the last call made with this context (0 after success)."""
        return lib.seg_context_errcode(self._ptr)

    @property
    def error_line(self) -> int:
        """Line (batch row or file line) of the last parse error, 0 if none."""
        return lib.seg_context_error_line(self._ptr)

    @property
    def error_column(self) -> int:
        """Column (byte within the value, or character within the CSV line) of the last parse error."""
        return lib.seg_context_error_column(self._ptr)

    def set_log(self, fn: Optional[Callable[[str, str], None]], level: str = "warning") -> None:
        """Deliver the library's log messages up to `level` ("error", "warning",
        "info", "debug") to fn(level_name, message); fn=None stops logging."""
        if level not in LOG_LEVELS:
            raise ValueError(f"unknown log level {level!r}; one of {sorted(LOG_LEVELS)}")
        if fn is None:
            callback = SEG_LOG_FN()          # NULL: no callback
        else:
            names = {v: k for k, v in LOG_LEVELS.items()}

            def callback(lvl: int, message: bytes, _user: int) -> None:
                fn(names.get(lvl, str(lvl)), message.decode("utf-8", "replace"))
            callback = SEG_LOG_FN(callback)
        check(lib.seg_context_set_log(self._ptr, callback, LOG_LEVELS[level], None), self._ptr)
        self._log_callback = callback     # the C side keeps only the pointer
