#!/usr/bin/python3
"""Independent reference values for the libsegment tests.

Usage:  /usr/bin/python3 tests/data/make_expected.py SHARED_DATA_DIR [OUT_DIR]

SHARED_DATA_DIR holds online_retail.csv.gz and rfm_data_orders.csv.gz
(see its README.md).  OUT_DIR defaults to the directory of this script
(tests/data).  Writes:

  online_retail_invoices.csv   one row per (invoice, customer, clean flag)
  online_retail_expected.txt   key=value figures (lines starting '#' are comments)
  rfm_data_orders.csv          R rfm sample orders: customer_id,order_date,revenue
  rfm_orders_expected.csv      per-customer scores of R rfm 0.3.0 rfm_table_order()
  rfm_orders_breaks.txt        the break points R rfm uses, per axis

The computations follow docs/analyses.md literally and are written to be
obviously right rather than fast: pandas group-bys, plain Python loops over
sorted lists, exact integer (and Fraction) arithmetic for money and shares,
and SQLite's own NTILE() for the NTILE method.  Nothing here mirrors the C
implementation.  Needs Debian's python3-pandas and python3-numpy.
"""

import datetime as dt
import math
import os
import sqlite3
import sys
from fractions import Fraction

import numpy as np
import pandas as pd

AS_OF = dt.date(2011, 12, 10)      # as-of date for Online Retail
K = 5                              # RFM bins
NANO = 10**9                       # thresholds are taken to nine decimals


def fmt_ratio(x):
    """A ratio with 9 significant digits."""
    return format(float(x), ".9g")


def check(label, got, want):
    """Print a verification line and stop on a mismatch."""
    ok = got == want
    print(f"  [{'ok' if ok else 'FAIL'}] {label}: {got}" + ("" if ok else f" (expected {want})"))
    if not ok:
        sys.exit(f"verification failed: {label}")


# ---------------------------------------------------------------------------
# 1. Online Retail -> invoice extract
# ---------------------------------------------------------------------------

def price_to_thousandths(s):
    """'2.55' -> 2550, '-11062.06' -> -11062060, '0.001' -> 1; exact (no floats)."""
    neg = s.str.startswith("-")
    body = s.str.lstrip("-")
    parts = body.str.split(".", n=1, expand=True)
    whole = parts[0].astype("int64")
    frac = parts[1].fillna("").str.ljust(3, "0")
    assert (frac.str.len() == 3).all(), "a price has more than 3 decimals"
    v = whole * 1000 + frac.astype("int64")
    return v.where(~neg, -v)


def build_invoices(data_dir, out_dir):
    src = os.path.join(data_dir, "online_retail.csv.gz")
    print(f"reading {src}")
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    check("rows", len(df), 541909)

    # Parse exactly: quantities are integers, prices decimal strings with <= 3 decimals.
    assert df.Quantity.str.fullmatch(r"-?\d+").all()
    assert df.UnitPrice.str.fullmatch(r"-?\d+(\.\d{1,3})?").all()
    assert df.InvoiceDate.str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d").all()
    df["qty"] = df.Quantity.astype("int64")
    df["price"] = price_to_thousandths(df.UnitPrice)          # thousandths of GBP
    df["line"] = df.qty * df.price                             # thousandths of GBP
    df["date"] = df.InvoiceDate.str.slice(0, 10)
    check("sum Quantity*UnitPrice over all rows (thousandths)", int(df.line.sum()), 9747747934)

    # An invoice never spans two days, and has one CustomerID (possibly empty).
    check("invoices spanning two days", int((df.groupby("InvoiceNo").date.nunique() > 1).sum()), 0)
    check("invoices with two CustomerID values", int((df.groupby("InvoiceNo").CustomerID.nunique() > 1).sum()), 0)

    # Keep the rows with a customer; "17850.0" -> 17850.
    df = df[df.CustomerID != ""].copy()
    assert df.CustomerID.str.fullmatch(r"\d+\.0").all()
    df["customer"] = df.CustomerID.str.slice(0, -2).astype("int64")
    df["clean"] = (~df.InvoiceNo.str.startswith("C") & (df.qty > 0) & (df.price > 0)).astype(int)

    clean = df[df.clean == 1]
    print("published figures of the clean subset (data README):")
    check("clean lines", len(clean), 397884)
    check("clean customers", clean.customer.nunique(), 4338)
    check("clean invoices", clean.InvoiceNo.nunique(), 18532)
    check("clean revenue (thousandths)", int(clean.line.sum()), 8911407904)

    inv = (df.groupby(["InvoiceNo", "customer", "date", "clean"], as_index=False)
             .line.sum()
             .rename(columns={"InvoiceNo": "invoice", "line": "amount"}))
    # Chronological, then by invoice, the clean row first.
    inv = inv.sort_values(["date", "invoice", "clean"], ascending=[True, True, False])
    inv = inv[["invoice", "customer", "date", "amount", "clean"]]

    # What the clean=0 rows are: 'C' invoices (all negative) and zero-price lines
    # of ordinary invoices (amount 0).
    other = inv[inv.clean == 0]
    is_c = other.invoice.str.startswith("C")
    print(f"  clean=0 rows: {len(other)} ({int(is_c.sum())} 'C' invoices, "
          f"{int((~is_c).sum())} zero-price parts of ordinary invoices)")
    check("'C' rows with amount >= 0", int((other[is_c].amount >= 0).sum()), 0)
    check("non-'C' clean=0 rows with amount != 0", int((other[~is_c].amount != 0).sum()), 0)

    path = os.path.join(out_dir, "online_retail_invoices.csv")
    inv.to_csv(path, index=False, lineterminator="\n")
    print(f"wrote {path}: {len(inv)} rows, {os.path.getsize(path)} bytes")
    return path


# ---------------------------------------------------------------------------
# 2. Online Retail -> expected figures
# ---------------------------------------------------------------------------

def customer_table(tx, as_of):
    """Per-buyer aggregates (docs/analyses.md, "Per-customer aggregates").

    A purchase is a row with amount > 0; refunds subtract from money but are
    not purchases; a buyer has at least one purchase."""
    buys = tx[tx.amount > 0]
    g = buys.groupby("customer")
    c = pd.DataFrame({
        "first": g.date.min(),
        "last": g.date.max(),
        "frequency": g.invoice.nunique(),       # distinct order ids on purchase rows
    })
    c["monetary"] = tx.groupby("customer").amount.sum().reindex(c.index)   # net, refunds included
    c["recency"] = [(as_of - dt.date.fromisoformat(d)).days for d in c["last"]]
    c.index.name = "customer"
    return c.sort_index()


def abc_classes(metric, a_nano, b_nano, rule):
    """ABC by value.  metric: Series indexed by integer customer id (buyers).

    Ranking: metric descending, ties by id ascending.  metric <= 0 -> C.
    T = sum of the positive metrics.  'smallest': A is the shortest prefix
    whose cumulative metric reaches a*T, extended over customers tied with its
    last member; B likewise for b*T.  'inclusive': A is the longest prefix,
    ending at the end of a group of equal values, whose cumulative metric is
    <= a*T; B likewise.  All comparisons in exact integers."""
    ranked = sorted(metric.items(), key=lambda kv: (-kv[1], kv[0]))
    pos = [(cid, v) for cid, v in ranked if v > 0]
    T = sum(v for _, v in pos)
    cum = [0]
    for _, v in pos:
        cum.append(cum[-1] + v)                 # cum[L] = metric of the top L

    def reaches(L, t_nano):                     # top-L metric >= t * T ?
        return cum[L] * NANO >= t_nano * T

    def within(L, t_nano):                      # top-L metric <= t * T ?
        return cum[L] * NANO <= t_nano * T

    def extend_ties(L):                         # keep equal values together
        while 0 < L < len(pos) and pos[L][1] == pos[L - 1][1]:
            L += 1
        return L

    def group_ends():                           # prefix lengths at group boundaries
        return [L for L in range(1, len(pos) + 1) if L == len(pos) or pos[L][1] != pos[L - 1][1]]

    if rule == "smallest":
        a_len = next(L for L in range(0, len(pos) + 1) if reaches(L, a_nano))
        a_len = extend_ties(a_len)
        b_len = next(L for L in range(a_len, len(pos) + 1) if reaches(L, b_nano))
        b_len = extend_ties(b_len)
    elif rule == "inclusive":
        ends = [0] + group_ends()
        a_len = max(L for L in ends if within(L, a_nano))
        b_len = max(L for L in ends if L >= a_len and within(L, b_nano))
    else:
        raise ValueError(rule)

    cls = {cid: "C" for cid, _ in ranked}
    for cid, _ in pos[:a_len]:
        cls[cid] = "A"
    for cid, _ in pos[a_len:b_len]:
        cls[cid] = "B"
    return pd.Series(cls).reindex(metric.index), T


def abc_by_count(metric, a_nano, b_nano):
    """ABC by count: A = top floor(a*n) buyers by rank, B the next up to
    floor(b*n); a tie group straddling a cut goes wholly to the better class
    (the customers tied with the last A customer are A, as in the
    smallest-set rule); metric <= 0 is C."""
    ranked = sorted(metric.items(), key=lambda kv: (-kv[1], kv[0]))
    n = len(ranked)
    a_cnt = n * a_nano // NANO
    b_cnt = n * b_nano // NANO

    def extend_ties(L):
        while 0 < L < n and ranked[L][1] == ranked[L - 1][1]:
            L += 1
        return L

    a_len = extend_ties(a_cnt)
    b_len = max(a_len, extend_ties(b_cnt))
    cls = {}
    for i, (cid, v) in enumerate(ranked):
        cls[cid] = "C" if v <= 0 or i >= b_len else ("A" if i < a_len else "B")
    return pd.Series(cls).reindex(metric.index)


def rfm_tie_quantile(values_goodness, k=K):
    """score = 1 + floor(k * (rank_min - 1) / n), rank_min 1-based over
    goodness ascending, equal values sharing the lowest rank."""
    n = len(values_goodness)
    rank_min = values_goodness.rank(method="min").astype("int64")
    return 1 + (k * (rank_min - 1)) // n


def rfm_ntile_sqlite(c, k=K):
    """SQLite's NTILE(k) OVER (ORDER BY goodness, customer)."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE c (customer INTEGER, recency INTEGER, frequency INTEGER, monetary INTEGER)")
    con.executemany("INSERT INTO c VALUES (?,?,?,?)",
                    [(int(i), int(r.recency), int(r.frequency), int(r.monetary)) for i, r in c.iterrows()])
    q = f"""SELECT customer,
              NTILE({k}) OVER (ORDER BY recency DESC, customer) AS r,
              NTILE({k}) OVER (ORDER BY frequency ASC, customer) AS f,
              NTILE({k}) OVER (ORDER BY monetary ASC, customer)  AS m
            FROM c"""
    out = pd.DataFrame(con.execute(q).fetchall(), columns=["customer", "r", "f", "m"]).set_index("customer")
    con.close()
    return out.reindex(c.index)


def month_index(iso_date):
    """'2011-03-15' -> 2011*12 + 2 (months since year 0)."""
    return int(iso_date[:4]) * 12 + int(iso_date[5:7]) - 1


def xyz_window(as_of, periods=12):
    """The last `periods` complete months ending at the as-of date: the
    as-of month itself only if the as-of date is its last day."""
    last_day = (as_of + dt.timedelta(days=1)).month != as_of.month
    end = as_of.year * 12 + as_of.month - 1 - (0 if last_day else 1)
    return list(range(end - periods + 1, end + 1))


def xyz(tx, c, as_of, min_periods=3):
    """Per buyer: the series of monthly net revenue over the window months from
    its first purchase month on (0 where it bought nothing); returns a frame
    with the series length, the exact sums n, S = sum x, Q = sum x^2 (in
    thousandths) and the float CV = population std / mean."""
    window = xyz_window(as_of)
    tx = tx.assign(month=tx.date.map(month_index))
    monthly = tx.groupby(["customer", "month"]).amount.sum()
    rows = []
    for cid, first in c["first"].items():
        fm = month_index(first)
        months = [m for m in window if m >= fm]
        xs = [int(monthly.get((cid, m), 0)) for m in months]
        n = len(xs)
        S = sum(xs)
        Q = sum(x * x for x in xs)
        if n < min_periods:
            status, cv = "too_new", np.nan
        elif S <= 0:
            status, cv = "no_mean", np.nan
        else:
            a = np.array(xs, dtype=float)
            status, cv = "cv", float(np.std(a) / np.mean(a))     # numpy std: ddof=0
        rows.append((cid, n, S, Q, status, cv))
    return pd.DataFrame(rows, columns=["customer", "n", "S", "Q", "status", "cv"]).set_index("customer")


def xyz_classes(x, x_nano, y_nano):
    """X if CV <= x, Y if CV <= y, else Z; '-' for too new / no mean.

    Decided exactly: CV^2 = (n*Q - S^2) / S^2, so CV <= t  <=>
    (n*Q - S^2) * 10^18 <= t_nano^2 * S^2.  The float CV is checked against
    the exact decision (a disagreement would mean a CV sits on a bound)."""
    out = {}
    disagreements = 0
    for cid, r in x.iterrows():
        if r.status != "cv":
            out[cid] = "-"
            continue
        var_num = int(r.n) * int(r.Q) - int(r.S) ** 2            # n^2 * variance
        S2 = int(r.S) ** 2

        def le(t_nano):
            return var_num * NANO * NANO <= t_nano * t_nano * S2

        cls = "X" if le(x_nano) else ("Y" if le(y_nano) else "Z")
        fcls = "X" if r.cv <= x_nano / NANO else ("Y" if r.cv <= y_nano / NANO else "Z")
        disagreements += cls != fcls
        out[cid] = cls
    return pd.Series(out).reindex(x.index), disagreements


def analyse(tx, prefix, full, lines, as_of=AS_OF):
    """Append the figures of one transaction table to `lines`."""
    def put(key, value):
        lines.append(f"{prefix}{key}={value}")

    c = customer_table(tx, as_of)
    n = len(c)
    metric = c.monetary                              # ABC metric: revenue = net amount
    put("customers", tx.customer.nunique())
    put("buyers", n)
    put("revenue", int(tx.amount.sum()))             # net sum of every row in the table
    T = int(metric[metric > 0].sum())
    put("metric_total", T)                           # ::SEG_SUM_METRIC_TOTAL
    put("buyers_metric_le0", int((metric <= 0).sum()))

    # ABC, smallest set (default) 80/95
    abc_s, _ = abc_classes(metric, 800000000, 950000000, "smallest")
    for k in "ABC":
        put(f"abc.smallest.{k}", int((abc_s == k).sum()))
    for k in "ABC":
        put(f"abc.smallest.metric.{k}", int(metric[abc_s == k].sum()))
    # RFM, tie-aware quantile
    scores = {
        "R": rfm_tie_quantile(-c.recency),           # goodness: recency days descending
        "F": rfm_tie_quantile(c.frequency),
        "M": rfm_tie_quantile(c.monetary),
    }
    for axis, s in scores.items():
        for v in range(1, K + 1):
            put(f"rfm.tie.{axis}{v}", int((s == v).sum()))
    if not full:
        return

    abc_i, _ = abc_classes(metric, 800000000, 950000000, "inclusive")
    for k in "ABC":
        put(f"abc.inclusive.{k}", int((abc_i == k).sum()))
    abc_p, _ = abc_classes(metric, 800000000, 960000000, "smallest")
    for k in "ABC":
        put(f"abc.preset_80_96.{k}", int((abc_p == k).sum()))
    abc_c = abc_by_count(metric, 200000000, 500000000)
    for k in "ABC":
        put(f"abc.count.{k}", int((abc_c == k).sum()))
    abc_c30 = abc_by_count(metric, 200000000, 300000000)
    for k in "ABC":
        put(f"abc.count_b30.{k}", int((abc_c30 == k).sum()))

    # Pareto (negative metrics count as 0)
    v_desc = sorted((max(int(v), 0) for v in metric), reverse=True)
    top = n * 200000000 // NANO
    put("pareto.top_n", top)
    put("pareto.top_share", fmt_ratio(Fraction(sum(v_desc[:top]), T)))
    cum, reach_k = 0, None
    for i, v in enumerate(v_desc, 1):
        cum += v
        if cum * NANO >= 800000000 * T:
            reach_k = i
            break
    put("pareto.reach_k", reach_k)
    put("pareto.reach_share", fmt_ratio(Fraction(reach_k, n)))
    v_asc = v_desc[::-1]
    gini_num = sum((2 * i - n - 1) * v for i, v in enumerate(v_asc, 1))
    put("gini", fmt_ratio(Fraction(gini_num, n * T)))

    # RFM, NTILE computed by SQLite
    nt = rfm_ntile_sqlite(c)
    for axis, col in (("R", "r"), ("F", "f"), ("M", "m")):
        for v in range(1, K + 1):
            put(f"rfm.ntile.{axis}{v}", int((nt[col] == v).sum()))

    # XYZ by month
    w = xyz_window(as_of)
    put("xyz.window_first", f"{w[0] // 12}-{w[0] % 12 + 1:02d}")
    put("xyz.window_last", f"{w[-1] // 12}-{w[-1] % 12 + 1:02d}")
    x = xyz(tx, c, as_of)
    std, dis1 = xyz_classes(x, 100000000, 250000000)
    wide, dis2 = xyz_classes(x, 500000000, 1000000000)
    print(f"  XYZ: float CV vs exact decision disagreements: {dis1} (10/25), {dis2} (50/100)")
    for name, cl in (("xyz", std), ("xyz_wide", wide)):
        for k in "XYZ":
            put(f"{name}.{k}", int((cl == k).sum()))
        put(f"{name}.too_new", int((x.status == "too_new").sum()))
        put(f"{name}.no_mean", int((x.status == "no_mean").sum()))
    cvs = x.cv.dropna().to_numpy()
    put("xyz.cv_count", len(cvs))
    p10, p50, p90 = np.quantile(cvs, [0.10, 0.50, 0.90])      # numpy default = type 7
    put("xyz.cv_p10", fmt_ratio(p10))
    put("xyz.cv_p50", fmt_ratio(p50))
    put("xyz.cv_p90", fmt_ratio(p90))
    bounds = np.array([0.10, 0.25, 0.50, 1.00])
    print(f"  XYZ: smallest |CV - bound| over all bounds: {np.min(np.abs(cvs[:, None] - bounds)):.3g}")

    # ABC (smallest set) x XYZ (10/25); customers with '-' left out
    for a in "ABC":
        for z in "XYZ":
            put(f"abc_xyz.{a}{z}", int(((abc_s == a) & (std == z)).sum()))

    # Lifecycle, fixed 180-day horizon: churned if recency > 180
    put("lifecycle.current", int((c.recency <= 180).sum()))
    put("lifecycle.churned", int((c.recency > 180).sum()))

    # Report whether any tie rule actually decided a class on this data.
    def cut_ties(ranking, L):
        return 0 < L < len(ranking) and ranking[L][1] == ranking[L - 1][1]
    ranked = sorted(metric.items(), key=lambda kv: (-kv[1], kv[0]))
    for name, L in (("count A cut", n * 200000000 // NANO), ("count B cut", n * 500000000 // NANO)):
        print(f"  tie across the {name} at {L}: {cut_ties(ranked, L)}")


def build_expected(invoices_csv, out_dir):
    tx_all = pd.read_csv(invoices_csv, dtype={"invoice": str, "date": str})
    tx_clean = tx_all[tx_all.clean == 1]
    lines = [
        "# Expected figures for tests/data/online_retail_invoices.csv (UCI Online Retail),",
        "# written by tests/data/make_expected.py; see tests/data/README.md.",
        "# as-of 2011-12-10, money in thousandths of GBP (scale 3), metric = revenue (net amount),",
        "# default parameters of docs/analyses.md. Keys without prefix: clean rows only (clean=1).",
        "# Keys 'all.': every row of the file (clean=0 rows included; refunds subtract, are not purchases).",
        "# Ratios have 9 significant digits; everything else is exact.",
        "as_of=2011-12-10",
    ]
    print("clean subset:")
    analyse(tx_clean, "", True, lines)
    print("all rows (cancellations included):")
    analyse(tx_all, "all.", False, lines)
    path = os.path.join(out_dir, "online_retail_expected.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path}")


# ---------------------------------------------------------------------------
# 3. R package rfm 0.3.0: sample orders and rfm_table_order()
# ---------------------------------------------------------------------------

def r_seq_01(length_out):
    """R's seq(0, 1, length.out = m) for m > 2: c(from, from + (1:(m-2)) * ((to - from)/(m-1)), to)."""
    n1 = length_out - 1
    by = (1.0 - 0.0) / n1
    return [0.0] + [0.0 + i * by for i in range(1, n1)] + [1.0]


def r_quantile7(x, p):
    """R's quantile(x, p, type = 7) in the same double arithmetic:
    index = 1 + (n - 1) * p; lo = floor(index); hi = ceiling(index);
    qs = x[lo]; if index > lo and x[hi] != qs: h = index - lo; qs = (1 - h) * qs + h * x[hi]."""
    xs = sorted(float(v) for v in x)
    n = len(xs)
    index = 1 + max(n - 1, 0) * p
    lo, hi = math.floor(index), math.ceil(index)
    qs = xs[lo - 1]
    if index > lo and xs[hi - 1] != qs:
        h = index - lo
        qs = (1 - h) * qs + h * xs[hi - 1]
    return qs


def r_bins(x, n_bins):
    """rfm:::bins(): quantile(x, seq(0, 1, length.out = n_bins + 1)), without the first and last, + 1."""
    probs = r_seq_01(n_bins + 1)
    return [r_quantile7(x, p) + 1 for p in probs[1:-1]]


def r_scores(x, bins, reverse):
    """rfm's band loop: lower = c(min(x), bins), upper = c(bins, max(x) + 1);
    a value v gets score i when lower[i] <= v < upper[i] (later bands overwrite
    earlier ones, as in R); recency uses rev(seq_len(k))[i] = k + 1 - i."""
    lower = [float(min(x))] + bins
    upper = bins + [float(max(x)) + 1]
    k = len(lower)
    out = [None] * len(x)
    for i in range(k):
        for j, v in enumerate(x):
            if lower[i] <= v < upper[i]:
                out[j] = (k - i) if reverse else (i + 1)
    assert all(s is not None for s in out)
    return out, lower, upper


# mtcars$mpg (R datasets) and rfm's own test: bins(mtcars, mpg, 5) == c(16.20, 18.92, 22.00, 25.08)
MTCARS_MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2,
              10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4,
              15.8, 19.7, 15.0, 21.4]

# Rows printed by rfm's own documentation (customer: recency, count, amount, R, F, M):
# docs/articles/rfm-introduction.html (rfm 0.3.0.9000 pkgdown site, same data as 0.3.0)
# and README.md of rsquaredacademy/rfm.
PUBLISHED = {
    "Abbey O'Reilly": (205, 6, 472, 3, 4, 3),
    "Add Senger": (140, 3, 340, 4, 1, 2),
    "Aden Lesch": (194, 4, 405, 3, 2, 3),
    "Aden Murphy": (98, 7, 596, 5, 4, 4),
    "Admiral Senger": (132, 5, 448, 4, 3, 3),
    "Agness O'Keefe": (90, 9, 843, 5, 5, 5),
    "Aileen Barton": (84, 9, 763, 5, 5, 5),
    "Ailene Hermann": (281, 8, 699, 3, 5, 5),
    "Aiyanna Bruen": (246, 4, 157, 3, 2, 1),
    "Akeelah Walsh": (160, 7, 779, 4, 4, 5),
}


def build_rfm(data_dir, out_dir):
    src = os.path.join(data_dir, "rfm_data_orders.csv.gz")
    print(f"reading {src}")
    r = pd.read_csv(src, dtype=str, keep_default_na=False)
    check("rows", len(r), 4906)
    check("customers", r.customer_id.nunique(), 995)
    # Fields are written unquoted: make sure nothing needs RFC 4180 quoting.
    for col in ("customer_id", "order_date", "revenue"):
        assert not r[col].str.contains(r'[,"\r\n]').any(), f"{col} needs quoting"
    assert r.order_date.str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    assert r.revenue.str.fullmatch(r"\d+").all()

    path = os.path.join(out_dir, "rfm_data_orders.csv")
    with open(path, "w") as f:
        f.write("customer_id,order_date,revenue\n")
        for row in r.itertuples():
            f.write(f"{row.customer_id},{row.order_date},{row.revenue}\n")
    print(f"wrote {path}: {len(r)} rows")

    # rfm_table_order(data, customer_id, order_date, revenue, analysis_date = as.Date("2006-12-31"))
    check("R quantile check: rfm bins(mtcars, mpg, 5)",
          [round(b, 2) for b in r_bins(MTCARS_MPG, 5)], [16.20, 18.92, 22.00, 25.08])
    analysis = dt.date(2006, 12, 31)
    r["revenue_i"] = r.revenue.astype("int64")
    g = r.groupby("customer_id")
    t = pd.DataFrame({
        "date_most_recent": g.order_date.max(),
        "amount": g.revenue_i.sum(),
        "transaction_count": g.size(),            # dplyr::n(): every row counts
    })
    t["recency_days"] = [float((analysis - dt.date.fromisoformat(d)).days) for d in t.date_most_recent]
    # Customer order: byte order of the name (R's C-locale sort).
    t = t.loc[sorted(t.index, key=lambda s: s.encode("utf-8"))]

    rec, frq, mon = (list(map(float, t[c])) for c in ("recency_days", "transaction_count", "amount"))
    breaks = {}                                   # axis -> (lower bounds, upper bounds)
    for axis, values, reverse in (("recency", rec, True), ("frequency", frq, False), ("monetary", mon, False)):
        score, lower, upper = r_scores(values, r_bins(values, K), reverse)
        t[f"{axis}_score"] = score
        breaks[axis] = (lower, upper)

    print("cross-check with rows published by rfm's documentation:")
    for name, want in PUBLISHED.items():
        row = t.loc[name]
        got = (int(row.recency_days), int(row.transaction_count), int(row.amount),
               int(row.recency_score), int(row.frequency_score), int(row.monetary_score))
        check(name, got, want)

    path = os.path.join(out_dir, "rfm_orders_expected.csv")
    with open(path, "w") as f:
        f.write("customer_id,recency_days,transaction_count,amount,recency_score,frequency_score,monetary_score\n")
        for name, row in t.iterrows():
            f.write(f"{name},{int(row.recency_days)},{int(row.transaction_count)},{int(row.amount)},"
                    f"{int(row.recency_score)},{int(row.frequency_score)},{int(row.monetary_score)}\n")
    print(f"wrote {path}: {len(t)} customers")

    path = os.path.join(out_dir, "rfm_orders_breaks.txt")
    with open(path, "w") as f:
        f.write("# R rfm 0.3.0 rfm_table_order(rfm_data_orders, customer_id, order_date, revenue,\n"
                "#   analysis_date = as.Date(\"2006-12-31\")): band i is lower[i] <= v < upper[i];\n"
                "# frequency/monetary score = i, recency score = 6 - i. Doubles printed with repr().\n"
                "# breaks = the 4 inner bounds = quantile(x, i/5, type = 7) + 1.\n")
        for axis in ("recency", "frequency", "monetary"):
            lower, upper = breaks[axis]
            f.write(f"{axis}.breaks={','.join(repr(b) for b in lower[1:])}\n")
            f.write(f"{axis}.lower={','.join(repr(b) for b in lower)}\n")
            f.write(f"{axis}.upper={','.join(repr(b) for b in upper)}\n")
        for axis, col in (("recency", "recency_score"), ("frequency", "frequency_score"),
                          ("monetary", "monetary_score")):
            counts = t[col].value_counts()
            f.write(f"{axis}.counts={','.join(str(int(counts.get(s, 0))) for s in range(1, K + 1))}\n")
    print(f"wrote {path}")
    with open(path) as f:
        print(f.read(), end="")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    data_dir = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) == 3 else os.path.dirname(os.path.abspath(__file__))
    invoices = build_invoices(data_dir, out_dir)
    build_expected(invoices, out_dir)
    build_rfm(data_dir, out_dir)


if __name__ == "__main__":
    main()
