#!/usr/bin/env python3
"""Generate the bundled demo data deterministically (standard library only).

orders.csv    an accounting export as 1C or Bitrix writes it: UTF-8 with a BOM,
              ';' separators, decimal commas, DD.MM.YYYY dates, Russian headers;
              order lines (several per order), credit notes (refunds), 2021-2024.
customers.csv a CRM export: every buyer and lead with its name, industry and
              region, lead dates, lost leads with the manager's ratings
              (brand, deal, closeness on 1-5), competitors' deadlines and
              project launches, a few explicit churn dates and statuses.

The companies are invented. Run:  /usr/bin/python3 make_sample.py [OUT_DIR]
"""
import csv
import datetime as dt
import os
import random
import sys

SEED = 20241231
START, END = dt.date(2021, 1, 1), dt.date(2024, 12, 31)

PREFIXES = ["Alfa", "Baltic", "Volga", "Gamma", "Delta", "Sever", "Omega", "Ural", "Kama", "Neva", "Oka",
            "Sibir", "Don", "Amur", "Vector", "Orion", "Polus", "Zenit", "Avangard", "Rubin", "Almaz",
            "Granit", "Kedr", "Start", "Signal", "Impuls", "Progress", "Tekhno", "Sfera", "Parus"]
SUFFIXES = ["Steel", "Foods", "Trade", "Build", "Print", "Oil", "Tools", "Paper", "Logistics", "Pharma",
            "Textile", "Energy", "Agro", "Pack", "Auto", "Med", "Soft", "Glass", "Chem", "Wood"]
FORMS = ["LLC", "JSC", "Group", "Holding", "Plant"]
INDUSTRIES = ["manufacturing", "retail", "construction", "logistics", "healthcare", "agriculture", "IT"]
REGIONS = ["Moscow", "St Petersburg", "Kazan", "Yekaterinburg", "Novosibirsk", "Samara", "Rostov"]


def company_names(rng, n):
    names = set()
    while len(names) < n:
        names.add(f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)} {rng.choice(FORMS)}")
    return sorted(names)


def money(kopecks):
    """Exact decimal-comma text of an amount in kopecks."""
    sign = "-" if kopecks < 0 else ""
    k = abs(kopecks)
    return f"{sign}{k // 100},{k % 100:02d}"


def ru_date(d):
    return d.strftime("%d.%m.%Y")


def buyer_profile(rng):
    """Size (typical order in roubles), rhythm (days between orders) and life span."""
    size = int(rng.paretovariate(1.3) * 20000)
    rhythm = rng.choice([14, 21, 30, 30, 45, 60, 90, 120, 180])
    first = START + dt.timedelta(days=rng.randrange(0, 1420))
    lifetime = rng.choice([60, 200, 400, 700, 1500, 1500, 1500])
    last = min(END, first + dt.timedelta(days=lifetime))
    return size, rhythm, first, last


def orders_of(rng, code, profile, next_doc):
    size, rhythm, day, last = profile
    rows = []
    while day <= last:
        doc = f"{next_doc():06d}"
        lines = rng.choice([1, 1, 2, 3, 4])
        total = 0
        for _ in range(lines):
            amount = max(100_00, int(size * 100 * rng.uniform(0.3, 1.7) / lines))
            rows.append([code, ru_date(day), doc, money(amount)])
            total += amount
        if rng.random() < 0.04:  # a credit note for part of the order, a few days later
            back = day + dt.timedelta(days=rng.randrange(3, 20))
            if back <= END:
                rows.append([code, ru_date(back), "CN-" + doc, money(-int(total * rng.uniform(0.1, 1.0)))])
        day += dt.timedelta(days=max(1, int(rng.gauss(rhythm, rhythm / 4))))
    return rows


def lead_row(rng, code, name):
    lead = START + dt.timedelta(days=rng.randrange(300, 1450))
    closed = rng.random() < 0.7
    row = {"customer": code, "name": name, "status": "", "lead_date": ru_date(lead),
           "lead_closed": "yes" if closed else "no", "churn_date": "",
           "industry": rng.choice(INDUSTRIES), "region": rng.choice(REGIONS)}
    if closed:
        for k in ("brand", "deal", "closeness"):
            if rng.random() > 0.08:
                row[k] = str(rng.randint(1, 5))
        if rng.random() < 0.5:
            row["competitor_deadline"] = ru_date(END + dt.timedelta(days=rng.randrange(-60, 240)))
        elif rng.random() < 0.5:
            row["project_launch"] = ru_date(END + dt.timedelta(days=rng.randrange(-120, 60)))
    return row


def main(out_dir):
    rng = random.Random(SEED)
    names = company_names(rng, 330)
    codes = [f"K-{i:05d}" for i in range(1, len(names) + 1)]
    doc = [100000]

    def next_doc():
        doc[0] += 1
        return doc[0]

    orders, customers = [], []
    for code, name in zip(codes[:260], names[:260]):
        profile = buyer_profile(rng)
        orders += orders_of(rng, code, profile, next_doc)
        row = {"customer": code, "name": name, "status": "", "lead_date": ru_date(profile[2] - dt.timedelta(days=rng.randrange(5, 60))),
               "lead_closed": "", "churn_date": "", "industry": rng.choice(INDUSTRIES), "region": rng.choice(REGIONS)}
        if profile[3] < END - dt.timedelta(days=200) and rng.random() < 0.3:
            row["churn_date"] = ru_date(profile[3] + dt.timedelta(days=rng.randrange(10, 90)))  # contract ended
        if rng.random() < 0.02:
            row["status"] = "churned"
        customers.append(row)
    for code, name in zip(codes[260:], names[260:]):
        customers.append(lead_row(rng, code, name))
    orders.sort(key=lambda r: (r[1][6:], r[1][3:5], r[1][:2], r[2]))

    with open(os.path.join(out_dir, "orders.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Контрагент", "Дата", "Номер", "Сумма"])
        w.writerows(orders)
    fields = ["customer", "name", "status", "lead_date", "lead_closed", "churn_date", "rating:brand",
              "rating:deal", "rating:closeness", "competitor_deadline", "project_launch", "attr:industry",
              "attr:region"]
    keys = {"rating:brand": "brand", "rating:deal": "deal", "rating:closeness": "closeness",
            "attr:industry": "industry", "attr:region": "region"}
    with open(os.path.join(out_dir, "customers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        for row in customers:
            w.writerow([row.get(keys.get(k, k), "") for k in fields])
    print(f"{len(orders)} order lines, {len(customers)} customers written to {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
