"""Analysis parameters: keyword arguments named as seg_param_name() spells
them, enum values by name, RFM threshold lists, presets, segment rules and renew criteria."""
from __future__ import annotations

import ctypes
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ._handle import Handle
from ._lib import lib
from .constants import ANALYSES, PARAM_ENUMS, PRESETS, lookup
from .context import Context
from .errors import check
from .values import NONE_I32, to_date, to_days

TYPE_I64, TYPE_F64, TYPE_I64_ARRAY = 1, 2, 3
_KEY_RANGE = range(0, 1000)      # parameter keys are grouped by analysis below 1000


class Segment(NamedTuple):
    """One RFM segment rule: a name and inclusive score ranges."""
    name: str
    r: Tuple[int, int]
    f: Tuple[int, int]
    m: Tuple[int, int]


def param_key(name: str) -> int:
    """Key of a parameter name (seg_param_from_name); UnsupportedError if unknown."""
    raw, out = name.encode(), ctypes.c_int()
    check(lib.seg_param_from_name(ctypes.byref(out), raw, len(raw)), None, f"unknown parameter {name!r}")
    return out.value


def param_type(name: str) -> int:
    """1 (integer/enum), 2 (real) or 3 (integer list)."""
    out = ctypes.c_int()
    check(lib.seg_param_type_of(ctypes.byref(out), param_key(name)))
    return out.value


def param_names() -> List[str]:
    """Every parameter name the loaded library knows, in key order."""
    names = (lib.seg_param_name(k) for k in _KEY_RANGE)
    return [n.decode() for n in names if n]


def _encode(name: str, value: Any) -> Any:
    """The C value of a Python parameter value (names of enums, dates, sets of analyses)."""
    if name in PARAM_ENUMS and isinstance(value, str):
        return lookup(PARAM_ENUMS[name], value, name)
    if name == "as_of":
        return NONE_I32 if value is None else to_days(value)
    if name == "analyses" and not isinstance(value, int):
        names = [value] if isinstance(value, str) else list(value)
        bits = 0
        for item in names:
            bits |= lookup(ANALYSES, item, "analysis")
        return bits
    return value


def _decode(name: str, value: Any) -> Any:
    """The Python value of a C parameter value (inverse of _encode)."""
    if name in PARAM_ENUMS:
        return {v: k for k, v in PARAM_ENUMS[name].items()}.get(value, value)
    if name == "as_of":
        return None if value == NONE_I32 else to_date(value)
    if name == "analyses":
        return {k for k, bit in ANALYSES.items() if k != "all" and value & bit}
    return value


def default(name: str) -> Any:
    """Default value of a parameter (decoded as get() gives it)."""
    key, kind = param_key(name), param_type(name)
    if kind == TYPE_I64_ARRAY:
        return []
    out = ctypes.c_int64() if kind == TYPE_I64 else ctypes.c_double()
    fn = lib.seg_param_default_i64 if kind == TYPE_I64 else lib.seg_param_default_f64
    check(fn(ctypes.byref(out), key))
    return _decode(name, out.value)


def bounds(name: str) -> Tuple[Any, Any]:
    """(min, max) of an integer or real parameter."""
    key, kind = param_key(name), param_type(name)
    lo, hi = (ctypes.c_int64(), ctypes.c_int64()) if kind == TYPE_I64 else (ctypes.c_double(), ctypes.c_double())
    fn = lib.seg_param_bounds_i64 if kind == TYPE_I64 else lib.seg_param_bounds_f64
    check(fn(ctypes.byref(lo), ctypes.byref(hi), key))
    return lo.value, hi.value


class Params(Handle):
    """A seg_params set. Keywords are applied in order: parameter names
    (see param_names()), plus preset=, segments= and renew_criteria=."""

    def __init__(self, context: Optional[Context] = None, **kwargs: Any) -> None:
        own = context is None
        if own:
            context = Context()
        out = ctypes.c_void_p()
        status = lib.seg_params_new(ctypes.byref(out), context._ptr)
        if status and own:
            context.close()
        check(status)
        self._init_handle(out.value, lib.seg_params_free, context)
        if own:
            self._adopt(context)
        self.context = context
        self.read_only = False
        try:
            self.update(**kwargs)
        except BaseException:
            self.close()
            raise

    @classmethod
    def _borrow(cls, ptr: int, owner: Handle, context: Context) -> "Params":
        """A read-only view of a set owned by `owner` (a result's resolved parameters)."""
        view = cls.__new__(cls)
        view._init_handle(ptr, lambda _p: None, owner)
        view.context, view.read_only = context, True
        return view

    def _check(self, status: int) -> None:
        check(status, self.context._live_ptr)

    def _writable(self) -> int:
        if self.read_only:
            raise TypeError("these parameters belong to a result and are read-only")
        return self._ptr

    def update(self, **kwargs: Any) -> "Params":
        """Set several parameters; returns self."""
        for name, value in kwargs.items():
            if name == "preset":
                self.apply_preset(value)
            elif name == "segments":
                self.set_segments(value)
            elif name == "renew_criteria":
                self.set_renew_criteria(value)
            else:
                self.set(name, value)
        return self

    def set(self, name: str, value: Any) -> None:
        """Set one parameter: ints and enum names (rfm_method="ntile"), floats
        (abc_a=0.8), dates (as_of), lists (rfm_thresholds_r=[30, 90])."""
        ptr, key, kind = self._writable(), param_key(name), param_type(name)
        value = _encode(name, value)
        if kind == TYPE_I64_ARRAY:
            values = list(value)
            arr = (ctypes.c_int64 * max(len(values), 1))(*values)
            self._check(lib.seg_params_set_i64_array(ptr, key, arr, len(values)))
        elif kind == TYPE_F64:
            self._check(lib.seg_params_set_f64(ptr, key, float(value)))
        else:
            if isinstance(value, float) or not isinstance(value, int):
                raise TypeError(f"parameter {name} takes an integer, not {type(value).__name__}")
            self._check(lib.seg_params_set_i64(ptr, key, int(value)))

    def get(self, name: str) -> Any:
        """Current value of a parameter, decoded (enum names, dates, lists, sets)."""
        key, kind = param_key(name), param_type(name)
        if kind == TYPE_I64_ARRAY:
            return self._get_array(key)
        out = ctypes.c_int64() if kind == TYPE_I64 else ctypes.c_double()
        fn = lib.seg_params_get_i64 if kind == TYPE_I64 else lib.seg_params_get_f64
        self._check(fn(ctypes.byref(out), self._ptr, key))
        return _decode(name, out.value)

    def _get_array(self, key: int) -> List[int]:
        n = ctypes.c_size_t()
        status = lib.seg_params_get_i64_array(None, 0, ctypes.byref(n), self._ptr, key)
        if status not in (0, -10):
            self._check(status)
        arr = (ctypes.c_int64 * max(n.value, 1))()
        self._check(lib.seg_params_get_i64_array(arr, n.value, ctypes.byref(n), self._ptr, key))
        return list(arr[:n.value])

    def reset(self, name: str) -> None:
        """Put one parameter back to its default."""
        self._check(lib.seg_params_reset(self._writable(), param_key(name)))

    def to_dict(self) -> Dict[str, Any]:
        """Every parameter, plus "segments" and "renew_criteria"."""
        out = {name: self.get(name) for name in param_names()}
        out["segments"] = self.segments
        out["renew_criteria"] = self.renew_criteria
        return out

    def apply_preset(self, preset: str) -> None:
        """Apply a named preset: abc_80_95, abc_80_96, xyz_10_25, xyz_50_100."""
        self._check(lib.seg_params_apply_preset(self._writable(), lookup(PRESETS, preset, "preset")))

    # -- RFM segment rules -------------------------------------------------
    @property
    def segments(self) -> List[Segment]:
        """The RFM segment rule table, first match wins."""
        out = []
        for i in range(lib.seg_params_segment_count(self._ptr)):
            name, size, ranges = ctypes.c_char_p(), ctypes.c_size_t(), (ctypes.c_int32 * 6)()
            self._check(lib.seg_params_segment_get(ctypes.byref(name), ctypes.byref(size), ranges, self._ptr, i))
            r = list(ranges)
            out.append(Segment(ctypes.string_at(name, size.value).decode(), (r[0], r[1]), (r[2], r[3]), (r[4], r[5])))
        return out

    def set_segments(self, rules: Optional[Iterable[Sequence[Any]]]) -> None:
        """Replace the rule table with (name, (r_min, r_max), (f_min, f_max),
        (m_min, m_max)) rules; None restores the default table, [] empties it."""
        ptr = self._writable()
        if rules is None:
            self._check(lib.seg_params_segments_default(ptr))
            return
        self._check(lib.seg_params_segments_clear(ptr))
        for name, r, f, m in rules:
            raw = name.encode()
            self._check(lib.seg_params_segment_add(ptr, raw, len(raw), *r, *f, *m))

    def segments_missing(self, limit: int = 1000) -> List[Tuple[int, int, int]]:
        """(R, F, M) cells that no rule covers, for the current bin counts."""
        cells, n = (ctypes.c_int32 * (3 * limit))(), ctypes.c_size_t()
        self._check(lib.seg_params_segments_check(cells, limit, ctypes.byref(n), self._ptr))
        flat = list(cells[:3 * min(n.value, limit)])
        return [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]

    # -- renew criteria --------------------------------------------------------
    @property
    def renew_criteria(self) -> Dict[str, float]:
        """Renew criteria and their weights."""
        out = {}
        for i in range(lib.seg_params_renew_count(self._ptr)):
            name, size, weight = ctypes.c_char_p(), ctypes.c_size_t(), ctypes.c_double()
            self._check(lib.seg_params_renew_get(ctypes.byref(name), ctypes.byref(size), ctypes.byref(weight),
                                                 self._ptr, i))
            out[ctypes.string_at(name, size.value).decode()] = weight.value
        return out

    def set_renew_criteria(self, criteria: Mapping[str, float]) -> None:
        """Replace the renew criteria with {name: weight}."""
        ptr = self._writable()
        self._check(lib.seg_params_renew_clear(ptr))
        for name, weight in criteria.items():
            raw = name.encode()
            self._check(lib.seg_params_renew_add(ptr, raw, len(raw), float(weight)))


__all__ = ["Params", "Segment", "param_names", "param_key", "param_type", "default", "bounds"]
