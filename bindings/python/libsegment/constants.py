"""Names of the C library's enum values as the binding spells them: fields,
options, periods, classes, summaries and period figures (values are fixed by the ABI)."""
from __future__ import annotations

from typing import Dict

FIELDS: Dict[str, int] = {
    "customer": 1, "date": 10, "amount": 11, "order": 12, "margin": 13, "quantity": 14,
    "unit_price": 15, "name": 30, "status": 31, "lead_date": 32, "lead_closed": 33,
    "churn_date": 34, "competitor_deadline": 35, "project_launch": 36, "activity": 37,
    "capacity": 38,
}
DATE_FIELDS = ("lead_date", "churn_date", "competitor_deadline", "project_launch")

DATASET_OPTIONS: Dict[str, int] = {"scale": 1, "as_of": 2, "period": 3}
PERIODS: Dict[str, int] = {"day": 1, "week": 2, "month": 3, "quarter": 4}
DATASET_STATS: Dict[str, int] = {
    "customers": 1, "transactions": 2, "ignored_after_as_of": 3, "purchase_rows": 4,
    "refund_rows": 5, "orders": 6, "period_cells": 7, "first_date": 8, "last_date": 9,
    "net_amount": 10, "memory_bytes": 11,
}

LIFECYCLE: Dict[str, int] = {"none": 0, "current": 1, "prospect": 2, "refused": 3, "churned": 4}
ANALYSES: Dict[str, int] = {"rfm": 1, "abc": 2, "xyz": 4, "pareto": 8, "lifecycle": 16,
                            "renew": 32, "all": 63}
PRESETS: Dict[str, int] = {"abc_80_95": 1, "abc_80_96": 2, "xyz_10_25": 3, "xyz_50_100": 4}

# Enum-valued parameters: name → {value name → value}.
PARAM_ENUMS: Dict[str, Dict[str, int]] = {
    "frequency": {"orders": 0, "rows": 1, "days": 2},
    "monetary": {"total": 0, "mean": 1},
    "rfm_method": {"tie_quantile": 0, "ntile": 1, "thresholds": 2, "r_rfm": 3},
    "abc_metric": {"revenue": 0, "margin": 1, "quantity": 2, "purchases": 3},
    "xyz_metric": {"revenue": 0, "margin": 1, "quantity": 2, "purchases": 3},
    "abc_boundary": {"smallest": 0, "inclusive": 1},
    "xyz_period": {"dataset": 0, **PERIODS},
}

# Class columns: column name → {value → label}.
CLASS_LABELS: Dict[str, Dict[int, str]] = {
    "abc": {1: "A", 2: "B", 3: "C"},
    "xyz": {1: "X", 2: "Y", 3: "Z", 4: "too_new", 5: "no_mean"},
    "lifecycle": {v: k for k, v in LIFECYCLE.items() if v},
    "lifecycle_reason": {1: "status", 2: "churn_date", 3: "recency", 4: "lead_closed",
                         5: "lead_timeout", 6: "lead_open", 7: "no_lead"},
    "renew_status": {1: "scored", 2: "unrated"},
}
CLASS_COLUMNS = ("abc", "xyz", "lifecycle", "rfm_segment", "r", "f", "m", "renew_status")

SUMMARIES_I64: Dict[str, int] = {
    "customers": 1, "buyers": 2, "as_of": 3, "net_amount": 4, "purchases": 5, "scale": 6,
    "analyses": 7, "rfm_scored": 8, "rfm_unsegmented": 9, "metric_total": 10, "periods": 11,
    "pareto_top_count": 12, "pareto_reach_count": 13, "renew_scored": 14, "renew_unrated": 15,
    "xyz_period": 16,
}
SUMMARIES_F64: Dict[str, int] = {
    "mean_monetary": 100, "gini": 101, "pareto_top_share": 102, "pareto_reach_share": 103,
    "typical_gap_days": 104, "repeat_rate": 105, "xyz_cv_min": 110, "xyz_cv_p10": 111,
    "xyz_cv_p25": 112, "xyz_cv_median": 113, "xyz_cv_p75": 114, "xyz_cv_p90": 115,
    "xyz_cv_max": 116,
}
RFM_AXES: Dict[str, int] = {"r": 1, "f": 2, "m": 3}
PERIOD_STATS_I64: Dict[str, int] = {
    "start": 1, "end": 2, "complete": 3, "buyers": 4, "repeat_buyers": 5, "new": 6,
    "current_at_start": 7, "churned": 8, "top_count": 9, "metric": 10,
}
PERIOD_STATS_F64: Dict[str, int] = {"churn_rate": 100, "repeat_rate": 101}
OUTPUTS: Dict[str, int] = {"table": 1, "summary": 2}
FORMATS: Dict[str, int] = {"csv": 1, "json": 2}

RECORD_KINDS: Dict[str, int] = {"transactions": 1, "customers": 2}
CSV_OPTIONS: Dict[str, int] = {
    "delimiter": 1, "encoding": 2, "decimal": 3, "date_order": 4, "header": 5,
    "guess_roles": 6, "strict": 7, "max_errors": 8, "max_record_bytes": 9, "validate_only": 10, "threads": 11,
}
CSV_VALUES: Dict[str, Dict[str, int]] = {
    "delimiter": {"auto": 0, ",": 1, ";": 2, "\t": 3, "comma": 1, "semicolon": 2, "tab": 3},
    "encoding": {"auto": 0, "utf-8": 1, "utf8": 1, "cp1251": 2, "windows-1251": 2},
    "decimal": {"auto": 0, ".": 1, ",": 2, "point": 1, "comma": 2},
    "date_order": {"auto": 0, "dmy": 1, "mdy": 2},
}
# Canonical names of the dialect a load report gives back.
DIALECT_NAMES: Dict[str, Dict[int, str]] = {
    "delimiter": {0: "auto", 1: ",", 2: ";", 3: "\t"},
    "encoding": {0: "auto", 1: "utf-8", 2: "cp1251"},
    "decimal": {0: "auto", 1: ".", 2: ","},
    "date_order": {0: "auto", 1: "dmy", 2: "mdy"},
}
LOAD_STATS: Dict[str, int] = {
    "rows_read": 1, "rows_loaded": 2, "rows_rejected": 3, "lines": 4, "bytes": 5,
    "errors": 6, "roles": 7, "delimiter": 20, "encoding": 21, "bom": 22, "decimal": 23,
    "date_order": 24,
}
#: Reject reasons are 1 … n; the loaded library names those it knows (11 "conflict" since 0.3).
REJECT_REASONS = range(1, 64)


def lookup(table: Dict[str, int], name: str, what: str) -> int:
    """The value of `name` in `table`; ValueError listing the names otherwise."""
    try:
        return table[name]
    except KeyError:
        raise ValueError(f"unknown {what} {name!r}; one of {', '.join(map(repr, table))}") from None
