"""Analysis parameters by name: types, enum names, dates, lists, presets,
segment rules, renew criteria, defaults and bounds."""
from __future__ import annotations

import datetime

import pytest

import libsegment as ls
from libsegment import params as P


def test_names_types_defaults_bounds():
    names = ls.param_names()
    assert {"analyses", "as_of", "rfm_method", "rfm_bins_r", "abc_a", "xyz_window",
            "rfm_thresholds_r", "renew_after_launch"} <= set(names)
    assert P.param_type("rfm_bins_r") == 1 and P.param_type("abc_a") == 2 and P.param_type("rfm_thresholds_m") == 3
    assert P.default("rfm_bins_r") == 5 and P.default("abc_a") == 0.8 and P.default("rfm_thresholds_r") == []
    assert P.default("rfm_method") == "tie_quantile" and P.default("as_of") is None
    assert P.default("analyses") == {"rfm", "abc", "xyz", "pareto", "lifecycle", "renew"}
    assert P.bounds("rfm_bins_r") == (2, 10) and P.bounds("abc_a") == (0.0, 1.0)
    with pytest.raises(ls.UnsupportedError):
        P.param_key("colour")


def test_set_get_reset_round_trip():
    with ls.Params(rfm_method="ntile", as_of=datetime.date(2024, 1, 31), abc_a=0.7, analyses=["rfm", "abc"],
                   rfm_thresholds_r=[30, 90], xyz_period="quarter", frequency="days") as p:
        assert p.get("rfm_method") == "ntile" and p.get("as_of") == datetime.date(2024, 1, 31)
        assert p.get("abc_a") == 0.7 and p.get("analyses") == {"rfm", "abc"}
        assert p.get("rfm_thresholds_r") == [30, 90] and p.get("xyz_period") == "quarter"
        p.set("analyses", "all")
        p.set("analyses", 3)
        assert p.get("analyses") == {"rfm", "abc"}
        p.set("as_of", None)
        p.reset("rfm_method")
        p.set("rfm_thresholds_r", [])
        assert p.get("as_of") is None and p.get("rfm_method") == "tie_quantile" and p.get("rfm_thresholds_r") == []
        d = p.to_dict()
        assert d["frequency"] == "days" and len(d["segments"]) == 11 and d["renew_criteria"]["brand"] == 1.0
        with pytest.raises(ls.RangeError):
            p.set("rfm_thresholds_r", [90, 30])              # not increasing
        with pytest.raises(ls.InvalidArgumentError):       # an integer setter on a real parameter
            ls.errors.check(ls._clib.seg_params_set_i64(p._ptr, P.param_key("abc_a"), 1), p.context._ptr)
        with pytest.raises(TypeError):
            p.set("rfm_bins_r", 4.5)
        with pytest.raises(ValueError, match="unknown rfm_method"):
            p.set("rfm_method", "best")
        with pytest.raises(ValueError, match="unknown analysis"):
            p.set("analyses", ["rfm", "magic"])


def test_presets():
    with ls.Params(preset="abc_80_96") as p:
        assert p.get("abc_b") == pytest.approx(0.96)
        p.apply_preset("xyz_50_100")
        assert (p.get("xyz_x"), p.get("xyz_y")) == (0.5, 1.0)
        with pytest.raises(ValueError, match="unknown preset"):
            p.apply_preset("abc_50_50")


def test_segment_rules_and_coverage():
    with ls.Params() as p:
        default = p.segments
        assert default[0].name == "Champions" and p.segments_missing() == []
        p.set_segments([("Top", (4, 5), (4, 5), (4, 5)), ("Rest", (1, 5), (1, 5), (1, 5))])
        assert p.segments == [ls.Segment("Top", (4, 5), (4, 5), (4, 5)), ls.Segment("Rest", (1, 5), (1, 5), (1, 5))]
        p.set_segments([("Top", (5, 5), (5, 5), (5, 5))])
        missing = p.segments_missing()
        assert len(missing) == 124 and (1, 1, 1) in missing and (5, 5, 5) not in missing
        assert len(p.segments_missing(limit=3)) == 3
        p.set_segments(None)
        assert p.segments == default
        p.set_segments([])
        assert p.segments == []
        with pytest.raises(ls.RangeError):
            p.set_segments([("Bad", (0, 5), (1, 5), (1, 5))])
        with pytest.raises(ls.InvalidArgumentError):
            p.set_segments([("", (1, 5), (1, 5), (1, 5))])


def test_renew_criteria():
    with ls.Params(renew_criteria={"brand": 2, "price": 0.5}) as p:
        assert p.renew_criteria == {"brand": 2.0, "price": 0.5}
        with pytest.raises(ls.RangeError):
            p.set_renew_criteria({"brand": 5000})


def test_analyze_with_params_or_keywords():
    with ls.Dataset() as ds:
        ds.add_transactions(["a", "b", "c"], ["2024-01-01", "2024-02-01", "2024-03-01"], [1, 2, 3])
        with ls.Params(ds.context, rfm_bins_r=3) as p, ds.analyze(p) as r:
            assert r.params()["rfm_bins_r"] == 3
        with ds.analyze(analyses=["abc"], abc_by_count=1) as r:
            assert r.summary_value("analyses") == {"abc"}
            with pytest.raises(ls.StateError):
                r.rfm_breaks("r")
        with ls.Params(ds.context) as p, pytest.raises(TypeError, match="either"):
            ds.analyze(p, rfm_bins_r=3)


def test_result_params_are_read_only():
    with ls.Dataset() as ds:
        ds.add_transaction("a", "2024-01-01", 1)
        with ds.analyze() as r:
            view = ls.Params._borrow(ls._clib.seg_result_params(r._ptr), r, ds.context)
            with view:
                assert view.get("as_of") == datetime.date(2024, 1, 1)   # resolved
                with pytest.raises(TypeError, match="read-only"):
                    view.set("rfm_bins_r", 3)
