"""Exceptions of the binding: one class per seg_status, each carrying the
status, the context's message and the error's line and column."""
from __future__ import annotations

from typing import Dict, Optional, Type

from ._lib import lib


class SegmentError(Exception):
    """A libsegment call failed. `status` is the C seg_status (negative),
    `line` and `column` the position of a parse error (0 when none); the
    message is the context's seg_context_errmsg() text."""

    status: int = 0

    def __init__(self, message: str, status: Optional[int] = None, line: int = 0, column: int = 0):
        super().__init__(message)
        if status is not None:
            self.status = status
        self.line = line
        self.column = column


class InvalidArgumentError(SegmentError, ValueError):
    """SEG_ERR_INVALID_ARGUMENT: a wrong field type or a value the call cannot take."""
    status = -1


class OutOfMemoryError(SegmentError, MemoryError):
    """SEG_ERR_OUT_OF_MEMORY: an allocation failed; the objects are unchanged."""
    status = -2


class UnsupportedError(SegmentError):
    """SEG_ERR_UNSUPPORTED: an unknown option, field, name or key."""
    status = -3


class RangeError(SegmentError, ValueError):
    """SEG_ERR_RANGE: a value is outside its documented bounds."""
    status = -4


class ParseError(SegmentError, ValueError):
    """SEG_ERR_PARSE: text could not be read as the expected type (see line/column)."""
    status = -5


class InexactError(SegmentError, ValueError):
    """SEG_ERR_INEXACT: a decimal has more digits than the money scale."""
    status = -6


class SegmentOverflowError(SegmentError, OverflowError):
    """SEG_ERR_OVERFLOW: an exact sum or count would exceed its integer type."""
    status = -7


class StateError(SegmentError):
    """SEG_ERR_STATE: not allowed in the object's current state (e.g. loading
    into a dataset while one of its results is alive)."""
    status = -8


class NotFoundError(SegmentError, KeyError):
    """SEG_ERR_NOT_FOUND: no such customer, period, rule or attribute."""
    status = -9

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class BufferTooSmallError(SegmentError):
    """SEG_ERR_BUFFER_TOO_SMALL: a buffer is too small (the binding sizes its
    buffers, so this reaches callers only from a library bug)."""
    status = -10


class SegmentIOError(SegmentError, OSError):
    """SEG_ERR_IO: reading or writing a file or stream failed."""
    status = -11


class CancelledError(SegmentError):
    """SEG_ERR_CANCELLED: a progress callback asked to stop."""
    status = -12


class CorruptError(SegmentError, ValueError):
    """SEG_ERR_CORRUPT: a serialised state is truncated, corrupted or of an
    unknown version; the dataset merged into is unchanged."""
    status = -13


class ClosedError(ValueError):
    """A handle was used after close() (raised by the binding, not the library)."""


OverflowError_ = SegmentOverflowError
IOError_ = SegmentIOError

_BY_STATUS: Dict[int, Type[SegmentError]] = {
    cls.status: cls for cls in (
        InvalidArgumentError, OutOfMemoryError, UnsupportedError, RangeError, ParseError,
        InexactError, SegmentOverflowError, StateError, NotFoundError, BufferTooSmallError,
        SegmentIOError, CancelledError, CorruptError)
}


def error_class(status: int) -> Type[SegmentError]:
    """The exception class of a status; unknown statuses get SegmentError."""
    return _BY_STATUS.get(status, SegmentError)


def strerror(status: int) -> str:
    """The library's static English text for a status."""
    return lib.seg_strerror(status).decode()


def make_error(status: int, ctx_ptr: Optional[int] = None, message: str = "") -> SegmentError:
    """Build the exception for a failed call, reading the message and
    position from the context when one is given."""
    line = column = 0
    if ctx_ptr:
        message = lib.seg_context_errmsg(ctx_ptr).decode("utf-8", "replace") or message
        line = lib.seg_context_error_line(ctx_ptr)
        column = lib.seg_context_error_column(ctx_ptr)
    if not message:
        message = strerror(status)
    return error_class(status)(message, status, line, column)


def check(status: int, ctx_ptr: Optional[int] = None, message: str = "") -> None:
    """Raise the matching exception unless `status` is SEG_OK (0)."""
    if status != 0:
        raise make_error(status, ctx_ptr, message)
