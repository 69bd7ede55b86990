#!/usr/bin/env python3
"""Tests of the segment command-line tool: it is run on fixtures and real data
and its output compared with values computed by hand (small fixtures) or
independently with Python's csv and decimal modules (real data).
Usage: test_cli.py SEGMENT_BINARY TESTS_DIR"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal

SEGMENT = TESTS = None


def run(*args, check=True):
    """Run segment; return (exit status, stdout, stderr)."""
    p = subprocess.run([SEGMENT, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise AssertionError(f"segment {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.returncode, p.stdout, p.stderr


def fixture(name):
    return os.path.join(TESTS, "cli", name)


def data(name):
    return os.path.join(TESTS, "data", name)


def table(text):
    return list(csv.DictReader(io.StringIO(text)))


# The small fixture by hand, as of 2024-03-31 (tests/cli/orders_small.csv):
#   A  2024-01-10 100.00, 2024-03-05 300.00  recency 26, 2 orders, 400.00
#   B  2024-02-01 50.00                      recency 59 (2024 is a leap year), 1 order
#   C  2023-05-01 order 4 in two lines 1000.00 + 200.00: recency 335, 1 order, 1200.00
#   D  a refund of -20.00 only: not a buyer, a prospect with no lead
# RFM tie-aware, k = 5, n = 3, score = 1 + floor(5 (rank_min - 1) / 3):
#   R by days descending C, B, A -> 1, 2, 4; F: C and B tie at 1 -> 1, A -> 4;
#   M ascending B, A, C -> 1, 2, 4.  A 442 Loyal, B 211 Hibernating, C 114 Lost.
# ABC: T = 1650; C 1200 (72.7 %), then A 400 (97.0 %) reaches 80 % -> A and C are A;
#   B already reached 95 % with A, so B is empty and B (the customer) is C.
# XYZ, 12 months Apr 2023 - Mar 2024: A from Jan: 100, 0, 300 -> CV 0.935 (Z);
#   B from Feb: 2 periods -> too new "-"; C from May 2023: 1200 then ten 0s -> CV sqrt(10) (Z).
# Lifecycle (180 days): A, B current; C churned (335); D prospect.
SMALL = [
    "A,current,26,2,400.00,4,4,2,442,Loyal,A,Z,,",
    "B,current,59,1,50.00,2,1,1,211,Hibernating,C,-,,",
    "C,churned,335,1,1200.00,1,1,4,114,Lost,A,Z,,",
    "D,prospect,,0,-20.00,,,,,,,,,",
]
HEAD = "customer_id,lifecycle,recency_days,frequency,monetary,r,f,m,rfm,rfm_segment,abc,xyz,renew,renew_rank"


def first_columns(text, n=14):
    return [",".join(row.split(",")[:n]) for row in text.strip().splitlines()]


class SmallFixture(unittest.TestCase):
    def test_table_csv_by_hand(self):
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-03-31")
        self.assertEqual(first_columns(out), [HEAD] + SMALL)

    def test_table_json_same_values(self):
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-03-31", "--format", "json")
        rows = {r["customer_id"]: r for r in json.loads(out)}
        self.assertEqual(rows["A"]["monetary"], 400.0)
        self.assertEqual((rows["A"]["r"], rows["A"]["f"], rows["A"]["m"]), (4, 4, 2))
        self.assertEqual(rows["B"]["xyz"], "-")
        self.assertIsNone(rows["D"]["abc"])
        self.assertEqual(rows["C"]["lifecycle"], "churned")

    def test_1c_export_reads_the_same(self):
        # Windows-1251, ';' with a trailing ';', decimal comma, DD.MM.YYYY, Russian headers, CRLF.
        _, plain, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-03-31")
        _, onec, _ = run("analyze", fixture("orders_small_1c.csv"), "--as-of", "2024-03-31")
        self.assertEqual(onec, plain)

    def test_as_of_cuts_later_rows(self):
        # As of 2024-02-15 A has only its January order: recency 36; B 14; D's refund is later.
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-02-15")
        rows = {r["customer_id"]: r for r in table(out)}
        self.assertEqual((rows["A"]["recency_days"], rows["A"]["frequency"]), ("36", "1"))
        self.assertEqual(rows["B"]["recency_days"], "14")
        self.assertNotIn("D", rows)

    def test_customers_file_leads_and_renew(self):
        # E: closed lead rated 5, 4, 3 -> renew 12, rank 1, re-contact 2024-06-01 - 14 days;
        # G ("Golf, Inc"): 4, 4, 3 -> 11, rank 2, no deadline; F: open lead 11 days old -> prospect.
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--customers", fixture("customers_small.csv"),
                        "--as-of", "2024-03-31")
        rows = {r["customer_id"]: r for r in table(out)}
        self.assertEqual((rows["E"]["lifecycle"], rows["E"]["renew"], rows["E"]["renew_rank"]), ("refused", "12", "1"))
        self.assertEqual(rows["E"]["recontact_date"], "2024-05-18")
        self.assertEqual((rows["G"]["renew"], rows["G"]["renew_rank"], rows["G"]["name"]), ("11", "2", "Golf, Inc"))
        self.assertEqual((rows["F"]["lifecycle"], rows["F"]["lifecycle_reason"]), ("prospect", "lead_open"))
        self.assertEqual(rows["A"]["name"], "Alpha LLC")

    def test_threads_do_not_change_the_output(self):
        _, one, _ = run("analyze", fixture("orders_small.csv"), "--customers", fixture("customers_small.csv"))
        _, two, _ = run("analyze", fixture("orders_small.csv"), "--customers", fixture("customers_small.csv"),
                        "--threads", "2")
        self.assertEqual(one, two)

    def test_options_reach_the_analysis(self):
        # --abc 70,99: C alone has 72.7 % -> A is {C}; A (the customer) reaches 97 % -> B; B -> B (100 %).
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-03-31", "--abc", "70,99")
        rows = {r["customer_id"]: r["abc"] for r in table(out)}
        self.assertEqual((rows["C"], rows["A"], rows["B"]), ("A", "B", "B"))
        # R thresholds 30, 90 days (3 bins): A 26 -> 3, B 59 -> 2, C 335 -> 1.
        _, out, _ = run("analyze", fixture("orders_small.csv"), "--as-of", "2024-03-31",
                        "--rfm-thresholds", "R=30,90", "--rfm-thresholds", "F=2", "--rfm-thresholds", "M=100,1000")
        rows = {r["customer_id"]: (r["r"], r["f"], r["m"]) for r in table(out)}
        self.assertEqual(rows["A"], ("3", "2", "2"))
        self.assertEqual(rows["C"], ("1", "1", "3"))

    def test_formula_cells_neutralised(self):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("customer,date,amount\n=HYPERLINK(\"x\"),2024-01-01,10\n@SUM(A1),2024-01-02,20\n-5,2024-01-03,30\n")
        try:
            _, out, _ = run("analyze", f.name)
        finally:
            os.unlink(f.name)
        ids = [line.split(",")[0] for line in out.strip().splitlines()[1:]]
        self.assertEqual(ids, ['"\'=HYPERLINK(""x"")"', "'@SUM(A1)", "-5"])


class Errors(unittest.TestCase):
    def test_strict_error_names_file_line_column(self):
        # Line 4 is "C,2024-13-01,3,10.00": the date starts at character 3.
        code, _, err = run("analyze", fixture("orders_bad.csv"), check=False)
        self.assertEqual(code, 1)
        self.assertIn("orders_bad.csv:4:3:", err)
        self.assertIn("2024-13-01", err)

    def test_lenient_accounts_for_every_row(self):
        code, out, err = run("analyze", fixture("orders_bad.csv"), "--lenient", check=False)
        self.assertEqual(code, 0)
        self.assertEqual([r["customer_id"] for r in table(out)], ["A", "B"])
        self.assertIn("2 of 4 rows rejected (1 number, 1 date)", err)
        self.assertIn("orders_bad.csv:5:", err)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run(check=False)[0], 2)
        self.assertEqual(run("analyze", check=False)[0], 2)
        self.assertEqual(run("frobnicate", "x.csv", check=False)[0], 2)
        code, _, err = run("analyze", fixture("orders_small.csv"), "--abc", "90,80", check=False)
        self.assertEqual(code, 2)
        self.assertIn("--abc", err)
        self.assertEqual(run("analyze", fixture("orders_small.csv"), "--bogus", check=False)[0], 2)
        self.assertEqual(run("analyze", fixture("orders_small.csv"), "--scale", "9", check=False)[0], 2)

    def test_missing_file_and_customer_exit_1(self):
        code, _, err = run("summary", fixture("no-such-file.csv"), check=False)
        self.assertEqual(code, 1)
        self.assertIn("no-such-file.csv", err)
        code, _, err = run("explain", "ZZZ", fixture("orders_small.csv"), check=False)
        self.assertEqual(code, 1)
        self.assertIn("no customer 'ZZZ'", err)

    def test_help_and_version(self):
        code, out, _ = run("--help")
        self.assertIn("segment analyze ORDERS.csv", out)
        code, out, _ = run("--version")
        self.assertRegex(out, r"^segment \(libsegment\) \d+\.\d+\.\d+\n$")


class Outputs(unittest.TestCase):
    def test_summary(self):
        _, out, _ = run("summary", fixture("orders_small.csv"), "--customers", fixture("customers_small.csv"),
                        "--as-of", "2024-03-31")
        for heading in ("ABC", "XYZ", "ABC x XYZ", "Pareto", "RFM", "Lifecycle", "Renew", "Parameters"):
            self.assertIn(heading, out)
        self.assertIn("1. E", out)

    def test_explain(self):
        _, out, _ = run("explain", "A", fixture("orders_small.csv"), "--as-of", "2024-03-31")
        self.assertTrue(out.startswith("RFM 4-4-2 (Loyal)"), out)
        self.assertIn("current: its last purchase on 2024-03-05 is 26 days before the as-of date", out)

    def test_report(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "report.html")
            run("report", fixture("orders_small.csv"), "--customers", fixture("customers_small.csv"), "-o", path)
            html = open(path, encoding="utf-8").read()
        self.assertEqual(html.count("<html"), 1)
        self.assertGreaterEqual(html.count("<svg"), 4)
        self.assertNotIn("<script", html)

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "out.json")
            run("analyze", fixture("orders_small.csv"), "--format", "json", "-o", path)
            self.assertEqual(len(json.load(open(path, encoding="utf-8"))), 4)


class RealData(unittest.TestCase):
    def test_online_retail_lines(self):
        # The published header, amount = Quantity x UnitPrice (3 decimals), cancellations,
        # and rows without a CustomerID, rejected in lenient mode.
        rows = list(csv.DictReader(open(data("online_retail_lines.csv"), encoding="utf-8", newline="")))
        with_id = [r for r in rows if r["CustomerID"]]
        want_total = sum(Decimal(r["Quantity"]) * Decimal(r["UnitPrice"]) for r in with_id)
        code, out, err = run("analyze", data("online_retail_lines.csv"), "--lenient", "--scale", "3",
                             "--format", "json", check=False)
        self.assertEqual(code, 0, err)
        got = json.loads(out)
        self.assertEqual(len(got), len({r["CustomerID"] for r in with_id}))
        self.assertEqual(sum(Decimal(str(c["net_amount"])) for c in got), want_total)
        missing = len(rows) - len(with_id)
        self.assertIn(f"{missing} of {len(rows)} rows rejected ({missing} missing)", err)

    def test_cdnow_sample(self):
        rows = list(csv.DictReader(open(data("cdnow_sample.csv"), encoding="utf-8", newline="")))
        want_total = sum(Decimal(r["dollar_value"]) for r in rows)
        _, out, _ = run("analyze", data("cdnow_sample.csv"), "--col", "customer=sample_id",
                        "--col", "amount=dollar_value", "--col", "quantity=number_of_cds", "--format", "json")
        got = json.loads(out)
        self.assertEqual(len(got), 2357)
        self.assertEqual(sum(Decimal(str(c["net_amount"])) for c in got), want_total)
        self.assertEqual(sum(c["orders"] for c in got), sum(1 for r in rows if Decimal(r["dollar_value"]) > 0))


if __name__ == "__main__":
    SEGMENT, TESTS = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
