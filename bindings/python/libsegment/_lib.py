"""Loads libsegment.so.1, checks its version, and declares every C function the
binding calls in one table (name, restype, argtypes) applied in one loop."""
from __future__ import annotations

import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, c_char_p, c_double, c_int, c_int32, c_int64,
                    c_size_t, c_uint64, c_uint8, c_void_p)
from pathlib import Path
from typing import Optional

#: The library major version this binding is written for.
REQUIRED_MAJOR = 0
#: The oldest library minor version this binding accepts (0.2 added the analyses).
REQUIRED_MINOR = 2

P = c_void_p                 # an opaque handle (seg_context *, seg_dataset *, ...)
PP = POINTER(c_void_p)       # an out-parameter receiving a handle

SEG_MALLOC_FN = CFUNCTYPE(c_void_p, c_size_t, c_void_p)
SEG_REALLOC_FN = CFUNCTYPE(c_void_p, c_void_p, c_size_t, c_void_p)
SEG_FREE_FN = CFUNCTYPE(None, c_void_p, c_void_p)
SEG_LOG_FN = CFUNCTYPE(None, c_int, c_char_p, c_void_p)
SEG_PROGRESS_FN = CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)
SEG_READ_FN = CFUNCTYPE(c_int, c_void_p, c_size_t, POINTER(c_size_t), c_void_p)
SEG_WRITE_FN = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)

# Every exported function of include/libsegment/segment.h, in header order:
# (name, restype, argtypes) for the 127 functions of 0.2, which the binding
# requires, and (name, restype, argtypes, since) for later ones, bound when
# the loaded library has them (calling them otherwise raises UnsupportedError).
FUNCTIONS = [
    ("seg_strerror", c_char_p, [c_int]),
    ("seg_version_major", c_int, []),
    ("seg_version_minor", c_int, []),
    ("seg_version_patch", c_int, []),
    ("seg_version_number", c_int, []),
    ("seg_version_string", c_char_p, []),
    ("seg_context_new", c_int, [PP]),
    ("seg_context_new_with_allocator", c_int, [PP, SEG_MALLOC_FN, SEG_REALLOC_FN, SEG_FREE_FN, c_void_p]),
    ("seg_context_free", None, [P]),
    ("seg_context_set_log", c_int, [P, SEG_LOG_FN, c_int, c_void_p]),
    ("seg_context_errmsg", c_char_p, [P]),
    ("seg_context_errcode", c_int, [P]),
    ("seg_context_error_line", c_int64, [P]),
    ("seg_context_error_column", c_int64, [P]),
    ("seg_date_from_ymd", c_int, [POINTER(c_int32), c_int, c_int, c_int]),
    ("seg_date_to_ymd", c_int, [POINTER(c_int), POINTER(c_int), POINTER(c_int), c_int32]),
    ("seg_date_parse", c_int, [POINTER(c_int32), P, c_char_p, c_size_t]),
    ("seg_date_format", c_int, [c_char_p, c_size_t, c_int32]),
    ("seg_money_parse", c_int, [POINTER(c_int64), P, c_char_p, c_size_t, c_int]),
    ("seg_money_format", c_int, [c_char_p, c_size_t, c_int64, c_int]),
    ("seg_batch_new", c_int, [PP, P]),
    ("seg_batch_free", None, [P]),
    ("seg_batch_clear", None, [P]),
    ("seg_batch_bind_i64", c_int, [P, c_int, c_void_p]),
    ("seg_batch_bind_i32", c_int, [P, c_int, c_void_p]),
    ("seg_batch_bind_str", c_int, [P, c_int, c_void_p, c_void_p]),
    ("seg_batch_bind_rating", c_int, [P, c_char_p, c_size_t, c_void_p]),
    ("seg_batch_bind_attribute", c_int, [P, c_char_p, c_size_t, c_void_p, c_void_p]),
    ("seg_dataset_new", c_int, [PP, P]),
    ("seg_dataset_free", None, [P]),
    ("seg_dataset_set_option", c_int, [P, c_int, c_int64]),
    ("seg_dataset_get_option", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_dataset_option_default", c_int, [POINTER(c_int64), c_int]),
    ("seg_dataset_option_bounds", c_int, [POINTER(c_int64), POINTER(c_int64), c_int]),
    ("seg_dataset_add_transactions", c_int, [P, P, c_size_t, POINTER(c_size_t)]),
    ("seg_dataset_add_customers", c_int, [P, P, c_size_t, POINTER(c_size_t)]),
    ("seg_dataset_customer_i64", c_int, [POINTER(c_size_t), P, c_int64]),
    ("seg_dataset_customer_str", c_int, [POINTER(c_size_t), P, c_char_p, c_size_t]),
    ("seg_dataset_find_i64", c_int, [POINTER(c_size_t), P, c_int64]),
    ("seg_dataset_find_str", c_int, [POINTER(c_size_t), P, c_char_p, c_size_t]),
    ("seg_dataset_set_int", c_int, [P, c_size_t, c_int, c_int32]),
    ("seg_dataset_set_str", c_int, [P, c_size_t, c_int, c_char_p, c_size_t]),
    ("seg_dataset_set_rating", c_int, [P, c_size_t, c_char_p, c_size_t, c_int32]),
    ("seg_dataset_set_attribute", c_int, [P, c_size_t, c_char_p, c_size_t, c_char_p, c_size_t]),
    ("seg_dataset_add_transaction", c_int, [P, c_size_t, c_int32, c_int64, c_char_p, c_size_t, POINTER(c_int64), POINTER(c_int64)]),
    ("seg_dataset_stat", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_dataset_customer_id", c_int, [POINTER(c_int), POINTER(c_int64), POINTER(c_char_p), POINTER(c_size_t), P, c_size_t]),
    ("seg_dataset_get_int", c_int, [POINTER(c_int32), P, c_size_t, c_int]),
    ("seg_dataset_get_str", c_int, [POINTER(c_char_p), POINTER(c_size_t), P, c_size_t, c_int]),
    ("seg_dataset_get_rating", c_int, [POINTER(c_int32), P, c_size_t, c_char_p, c_size_t]),
    ("seg_dataset_get_attribute", c_int, [POINTER(c_char_p), POINTER(c_size_t), P, c_size_t, c_char_p, c_size_t]),
    ("seg_csv_options_new", c_int, [PP, P]),
    ("seg_csv_options_free", None, [P]),
    ("seg_csv_options_set_i64", c_int, [P, c_int, c_int64]),
    ("seg_csv_options_get_i64", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_csv_option_default_i64", c_int, [POINTER(c_int64), c_int]),
    ("seg_csv_option_bounds_i64", c_int, [POINTER(c_int64), POINTER(c_int64), c_int]),
    ("seg_csv_options_map", c_int, [P, c_char_p, c_size_t, c_char_p, c_size_t]),
    ("seg_csv_options_set_progress", c_int, [P, SEG_PROGRESS_FN, c_void_p]),
    ("seg_load_report_new", c_int, [PP, P]),
    ("seg_load_report_free", None, [P]),
    ("seg_load_report_stat", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_load_report_rejected", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_load_report_error", c_int, [POINTER(c_int64), POINTER(c_int64), POINTER(c_int), POINTER(c_char_p), POINTER(c_char_p), P, c_size_t]),
    ("seg_load_report_role", c_int, [POINTER(c_char_p), POINTER(c_char_p), POINTER(c_int64), P, c_size_t]),
    ("seg_reject_reason_name", c_char_p, [c_int]),
    ("seg_dataset_load_csv_path", c_int, [P, P, c_int, P, c_char_p, c_size_t]),
    ("seg_dataset_load_csv_buffer", c_int, [P, P, c_int, P, c_char_p, c_size_t]),
    ("seg_dataset_load_csv_stream", c_int, [P, P, c_int, P, SEG_READ_FN, c_void_p]),
    ("seg_params_new", c_int, [PP, P]),
    ("seg_params_free", None, [P]),
    ("seg_params_set_i64", c_int, [P, c_int, c_int64]),
    ("seg_params_set_f64", c_int, [P, c_int, c_double]),
    ("seg_params_get_i64", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_params_get_f64", c_int, [POINTER(c_double), P, c_int]),
    ("seg_params_reset", c_int, [P, c_int]),
    ("seg_param_type_of", c_int, [POINTER(c_int), c_int]),
    ("seg_param_name", c_char_p, [c_int]),
    ("seg_param_from_name", c_int, [POINTER(c_int), c_char_p, c_size_t]),
    ("seg_param_default_i64", c_int, [POINTER(c_int64), c_int]),
    ("seg_param_default_f64", c_int, [POINTER(c_double), c_int]),
    ("seg_param_bounds_i64", c_int, [POINTER(c_int64), POINTER(c_int64), c_int]),
    ("seg_param_bounds_f64", c_int, [POINTER(c_double), POINTER(c_double), c_int]),
    ("seg_params_set_i64_array", c_int, [P, c_int, POINTER(c_int64), c_size_t]),
    ("seg_params_get_i64_array", c_int, [POINTER(c_int64), c_size_t, POINTER(c_size_t), P, c_int]),
    ("seg_params_apply_preset", c_int, [P, c_int]),
    ("seg_params_segments_clear", c_int, [P]),
    ("seg_params_segments_default", c_int, [P]),
    ("seg_params_segment_add", c_int, [P, c_char_p, c_size_t, c_int, c_int, c_int, c_int, c_int, c_int]),
    ("seg_params_segment_count", c_size_t, [P]),
    ("seg_params_segment_get", c_int, [POINTER(c_char_p), POINTER(c_size_t), POINTER(c_int32), P, c_size_t]),
    ("seg_params_segments_check", c_int, [POINTER(c_int32), c_size_t, POINTER(c_size_t), P]),
    ("seg_params_renew_clear", c_int, [P]),
    ("seg_params_renew_add", c_int, [P, c_char_p, c_size_t, c_double]),
    ("seg_params_renew_count", c_size_t, [P]),
    ("seg_params_renew_get", c_int, [POINTER(c_char_p), POINTER(c_size_t), POINTER(c_double), P, c_size_t]),
    ("seg_analyze", c_int, [PP, P, P]),
    ("seg_result_free", None, [P]),
    ("seg_result_rows", c_size_t, [P]),
    ("seg_result_column_type", c_int, [POINTER(c_int), c_int]),
    ("seg_result_column_name", c_char_p, [c_int]),
    ("seg_result_copy_i64", c_int, [POINTER(c_int64), POINTER(c_uint8), P, c_int, c_size_t, c_size_t]),
    ("seg_result_copy_f64", c_int, [POINTER(c_double), POINTER(c_uint8), P, c_int, c_size_t, c_size_t]),
    ("seg_result_summary_i64", c_int, [POINTER(c_int64), P, c_int]),
    ("seg_result_summary_f64", c_int, [POINTER(c_double), P, c_int]),
    ("seg_result_dataset", P, [P]),
    ("seg_result_params", P, [P]),
    ("seg_result_class_summary", c_int, [POINTER(c_int64), POINTER(c_int64), POINTER(c_double), POINTER(c_double), P, c_int, c_int64]),
    ("seg_result_segment_name", c_char_p, [P, c_int64]),
    ("seg_result_segment_count", c_size_t, [P]),
    ("seg_result_rfm_breaks", c_int, [POINTER(c_double), c_size_t, POINTER(c_size_t), P, c_int]),
    ("seg_result_abc_xyz", c_int, [POINTER(c_int64), POINTER(c_double), P]),
    ("seg_result_lorenz", c_int, [POINTER(c_double), POINTER(c_double), c_size_t, POINTER(c_size_t), P]),
    ("seg_result_period_count", c_size_t, [P]),
    ("seg_result_period_i64", c_int, [POINTER(c_int64), P, c_size_t, c_int]),
    ("seg_result_period_f64", c_int, [POINTER(c_double), P, c_size_t, c_int]),
    ("seg_result_period_top", c_int, [POINTER(c_size_t), c_size_t, POINTER(c_size_t), P, c_size_t]),
    ("seg_result_explain", c_int, [c_char_p, c_size_t, POINTER(c_size_t), P, c_size_t, c_int]),
    ("seg_result_write", c_int, [P, c_int, c_int, SEG_WRITE_FN, c_void_p]),
    ("seg_result_write_file", c_int, [P, c_int, c_int, c_char_p, c_size_t]),
    ("seg_cursor_new", c_int, [PP, P]),
    ("seg_cursor_free", None, [P]),
    ("seg_cursor_filter", c_int, [P, c_int, c_int64]),
    ("seg_cursor_next", c_int, [P]),
    ("seg_cursor_customer", c_int, [POINTER(c_size_t), P]),
    ("seg_cursor_get_i64", c_int, [POINTER(c_int64), POINTER(c_uint8), P, c_int]),
    ("seg_cursor_get_f64", c_int, [POINTER(c_double), POINTER(c_uint8), P, c_int]),
    # Partial state, 0.3.
    ("seg_dataset_serialize", c_int, [c_void_p, c_size_t, POINTER(c_size_t), P], "0.3"),
    ("seg_dataset_merge", c_int, [P, P], "0.3"),
    ("seg_dataset_merge_serialized", c_int, [P, c_char_p, c_size_t], "0.3"),
]


def _candidates() -> list:
    """Where to look for the library, in order: $LIBSEGMENT_LIBRARY, beside the
    package, then the dynamic loader's search path."""
    found = []
    env = os.environ.get("LIBSEGMENT_LIBRARY")
    if env:
        found.append(env)
    beside = Path(__file__).resolve().parent / "libsegment.so.1"
    if beside.exists():
        found.append(str(beside))
    found.append("libsegment.so.1")
    return found


def _open() -> ctypes.CDLL:
    """Open the first candidate that loads; ImportError naming every attempt otherwise."""
    errors = []
    for name in _candidates():
        try:
            return ctypes.CDLL(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ImportError("libsegment: cannot load the C library (set LIBSEGMENT_LIBRARY to "
                      "the path of libsegment.so.1): " + "; ".join(errors))


def check_version(major: int, minor: int, text: str) -> None:
    """Raise ImportError unless the library is major REQUIRED_MAJOR and minor
    at least REQUIRED_MINOR (0.x minors only add to the ABI)."""
    if major != REQUIRED_MAJOR or minor < REQUIRED_MINOR:
        raise ImportError(f"libsegment: the binding needs libsegment {REQUIRED_MAJOR}.x with x >= "
                          f"{REQUIRED_MINOR}, but the loaded library is {text}")


def _declare(lib: ctypes.CDLL) -> list:
    """Set restype and argtypes of every function of the table, in one loop;
    returns the required functions the library lacks."""
    missing = []
    for name, restype, argtypes, *since in FUNCTIONS:
        fn = getattr(lib, name, None)
        if fn is None:
            if not since:
                missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    return missing


def _load() -> ctypes.CDLL:
    """Open, declare and version-check the library."""
    lib = _open()
    missing = _declare(lib)
    if {"seg_version_major", "seg_version_minor", "seg_version_string"} & set(missing):
        raise ImportError(f"libsegment: {lib._name} is not libsegment (no seg_version_* functions)")
    check_version(lib.seg_version_major(), lib.seg_version_minor(), lib.seg_version_string().decode())
    if missing:
        raise ImportError(f"libsegment: the loaded library lacks {', '.join(missing)}")
    return lib


lib = _load()


def has(name: str) -> bool:
    """True when the loaded library exports the function `name`."""
    return hasattr(lib, name)


def path() -> Optional[str]:
    """File name the library was opened from (as given to the loader)."""
    return lib._name
