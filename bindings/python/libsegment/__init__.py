"""libsegment: customer segmentation (RFM, ABC/XYZ, Pareto, lifecycle, renew)
through ctypes over the C library libsegment.so.1; see docs/python.md."""
from ._lib import REQUIRED_MAJOR, REQUIRED_MINOR
from ._lib import lib as _clib
from .context import Context
from .csv import CsvOptions, LoadError, LoadReport
from .dataset import Dataset
from .errors import (BufferTooSmallError, CancelledError, ClosedError, CorruptError, InexactError,
                     InvalidArgumentError, IOError_, NotFoundError, OutOfMemoryError, OverflowError_,
                     ParseError, RangeError, SegmentError, SegmentIOError, SegmentOverflowError,
                     StateError, UnsupportedError, strerror)
from .params import Params, Segment, param_names
from .result import Cursor, Result
from .values import (date_from_ymd, date_to_ymd, format_date, format_money, parse_date, parse_money,
                     to_date, to_days, to_decimal)

#: Version of the loaded C library, e.g. "0.2.0".
library_version: str = _clib.seg_version_string().decode()
#: (major, minor, patch) of the loaded C library.
library_version_info = (_clib.seg_version_major(), _clib.seg_version_minor(), _clib.seg_version_patch())

__all__ = [
    "Context", "Dataset", "Params", "Result", "Cursor", "CsvOptions", "LoadReport", "LoadError",
    "Segment", "param_names", "library_version", "library_version_info",
    "REQUIRED_MAJOR", "REQUIRED_MINOR", "strerror",
    "SegmentError", "InvalidArgumentError", "OutOfMemoryError", "UnsupportedError", "RangeError",
    "ParseError", "InexactError", "SegmentOverflowError", "OverflowError_", "StateError",
    "NotFoundError", "BufferTooSmallError", "SegmentIOError", "IOError_", "CancelledError",
    "CorruptError", "ClosedError",
    "date_from_ymd", "date_to_ymd", "format_date", "parse_date", "to_days", "to_date",
    "format_money", "parse_money", "to_decimal",
]
