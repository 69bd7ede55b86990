#!/usr/bin/python3
"""Example: the Python twin of examples/segment_customers.c — a small B2B customer
base built with one-record calls, every analysis with default parameters."""
import libsegment as ls

# Buyers: id, months between orders, order size in roubles, months since the last order.
BUYERS = [
    ("Alfa Steel", 1, 120000, 0), ("Baltic Foods", 1, 45000, 0), ("Volga Trade", 2, 80000, 1),
    ("Gamma Build", 3, 30000, 2), ("Delta Print", 1, 9000, 0), ("Sever Oil", 4, 250000, 9),
    ("Omega Tools", 6, 15000, 14), ("Ural Paper", 12, 5000, 3),
]
# Refused leads with the manager's ratings (brand, deal, closeness) and the competitor's deadline.
LEADS = [
    ("Kama Logistics", "2025-03-20", {"brand": 5, "deal": 4, "closeness": 3}),
    ("Neva Pharma", "2025-01-10", {"brand": 4, "deal": 4, "closeness": 3}),
    ("Oka Textile", None, {"brand": 2, "deal": 5}),  # closeness not rated
]
STAGES = {1: "current", 2: "prospect", 3: "refused", 4: "churned"}


def load_buyer(ds, name, every, size, silent):
    """Two years of orders up to 2024-12-31, about one every `every` months (kopecks)."""
    for month in range(0, 24 - silent, every):
        amount = size * (90 + (month * 7 + len(name)) % 21)
        day = ls.date_from_ymd(2023 + month // 12, 1 + month % 12, 5 + len(name) % 20)
        ds.add_transaction(name, day, amount, order=f"{name[:4]}-{month:02d}")


def load_lead(ds, name, deadline, ratings):
    """A closed (lost) lead with its ratings and, if known, the competitor's deadline."""
    ds.set_customer(name, lead_closed=True, competitor_deadline=deadline, ratings=ratings)


def print_customers(r):
    """One line per customer: stage, RFM code and segment, ABC, XYZ, renew score."""
    cols = {name: r.column(name, as_list=True) for name in ("lifecycle", "rfm", "rfm_segment", "abc", "xyz", "renew")}
    abc, xyz = r.labels("abc"), {1: "X", 2: "Y", 3: "Z"}
    print(f"{'customer':<15} {'stage':<9} {'RFM':<4} {'segment':<19} {'ABC':<3} {'XYZ':<3} renew")
    for i, cid in enumerate(r.customer_ids()):
        rfm, seg, renew = cols["rfm"][i], cols["rfm_segment"][i], cols["renew"][i]
        line = (f"{cid:<15} {STAGES.get(cols['lifecycle'][i], '-'):<9} {'-' if rfm is None else rfm:<4} "
                f"{'-' if seg is None else r.segment_name(seg):<19} {abc.get(cols['abc'][i], '-'):<3} "
                f"{xyz.get(cols['xyz'][i], '-'):<3}")
        print(line + ("" if renew is None else " %g" % renew))


def print_summary(r):
    """The as-of date, the Pareto share, the Gini coefficient and the ABC classes."""
    s = r.summary()
    print(f"\nas of {s['as_of']}: the top 20 % of buyers bring {100 * s['pareto_top_share']:.1f} % "
          f"of revenue (Gini {s['gini']:.2f})")
    for label, c in r.classes("abc").items():
        print(f"ABC {label}: {c['count']} customer{'' if c['count'] == 1 else 's'}, "
              f"{100 * c['metric_share']:.1f} % of revenue")


def main():
    with ls.Dataset() as ds:
        for buyer in BUYERS:
            load_buyer(ds, *buyer)
        for lead in LEADS:
            load_lead(ds, *lead)
        with ds.analyze() as r:
            print_customers(r)
            print_summary(r)
            print(f"\nWhy Sever Oil is where it is:\n{r.explain('Sever Oil')}")


if __name__ == "__main__":
    main()
