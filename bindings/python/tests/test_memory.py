"""Creating and dropping 10,000 datasets does not grow the process: every
handle is freed (by close() or by its finaliser)."""
from __future__ import annotations

import gc
import os
import warnings

import libsegment as ls

PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm") as fp:
        return int(fp.read().split()[1]) * PAGE


def _cycle(n: int, via_finaliser: bool = False) -> None:
    for i in range(n):
        ds = ls.Dataset()
        ds.add_transactions([i, i + 1, i + 2], ["2024-01-01", "2024-02-01", "2024-03-01"], [100, 200, 300])
        with ds.analyze() as r:
            r.column("rfm")
        if not via_finaliser:
            ds.close()
        del ds


def test_ten_thousand_datasets_do_not_grow_rss(capsys):
    _cycle(1000)                                  # warm-up: allocator pools, caches
    gc.collect()
    before = _rss()
    _cycle(10000)
    gc.collect()
    after = _rss()
    with capsys.disabled():
        print(f"\n10,000 datasets (load 3 rows, analyse, close): RSS before {before / 2**20:.1f} MiB, "
              f"after {after / 2**20:.1f} MiB, growth {(after - before) / 2**10:.0f} KiB")
    assert after - before < 2 * 2**20


def test_finalisers_free_dropped_datasets(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        _cycle(500, via_finaliser=True)
        gc.collect()
        before = _rss()
        _cycle(5000, via_finaliser=True)
        gc.collect()
    after = _rss()
    with capsys.disabled():
        print(f"5,000 datasets dropped unclosed (finaliser frees): RSS before {before / 2**20:.1f} MiB, "
              f"after {after / 2**20:.1f} MiB, growth {(after - before) / 2**10:.0f} KiB")
    assert after - before < 2 * 2**20
