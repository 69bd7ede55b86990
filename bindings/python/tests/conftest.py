"""Shared fixtures of the binding's tests: the repository's test data and the
Online Retail extract with its independently computed expected figures."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"


def read_expected() -> dict:
    """key=value lines of tests/data/online_retail_expected.txt."""
    out = {}
    for line in (DATA / "online_retail_expected.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            out[key] = value
    return out


def read_retail(clean_only: bool = True) -> dict:
    """The invoice extract as columns: invoice (str), customer (int), date
    (ISO str), amount (int thousandths of a pound)."""
    cols = {"invoice": [], "customer": [], "date": [], "amount": []}
    with open(DATA / "online_retail_invoices.csv", newline="") as fp:
        for row in csv.DictReader(fp):
            if clean_only and row["clean"] != "1":
                continue
            cols["invoice"].append(row["invoice"])
            cols["customer"].append(int(row["customer"]))
            cols["date"].append(row["date"])
            cols["amount"].append(int(row["amount"]))
    return cols


@pytest.fixture(scope="session")
def expected() -> dict:
    return read_expected()


@pytest.fixture(scope="session")
def retail() -> dict:
    return read_retail()


@pytest.fixture(scope="session")
def retail_df():
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(read_retail())
