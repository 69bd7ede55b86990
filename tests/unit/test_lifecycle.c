/* Lifecycle (docs/analyses.md, "Lifecycle" and "The as-of date"): every stage
 * and the reason for it, the fixed and the adaptive churn horizon, the rates
 * per window period, and as-of dates before, at and after the data. Every
 * expected value is computed by hand from the spec; the day counts are in the
 * comment above each case. */
#include "test_util.h"

#include <math.h>

typedef analysis_fixture fixture;

/* ---- helpers ---- */

#define NUL INT64_MIN

static size_t cust(fixture *f, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, f->ds, id), SEG_OK);
    return c;
}

static void txn(fixture *f, int64_t id, const char *date, int64_t amount, const char *order)
{
    assert_int_equal(seg_dataset_add_transaction(f->ds, cust(f, id), day(date), amount, order,
                                                 order ? strlen(order) : 0, NULL, NULL),
                     SEG_OK);
}

static void buy(fixture *f, int64_t id, const char *date, int64_t amount)
{
    txn(f, id, date, amount, NULL);
}

static void set_field(fixture *f, int64_t id, seg_field field, int32_t value)
{
    assert_int_equal(seg_dataset_set_int(f->ds, cust(f, id), field, value), SEG_OK);
}

static void set_date(fixture *f, int64_t id, seg_field field, const char *date)
{
    set_field(f, id, field, day(date));
}

static void set_i64(fixture *f, seg_param key, int64_t v)
{
    assert_int_equal(seg_params_set_i64(f->p, key, v), SEG_OK);
}

static seg_result *run(fixture *f)
{
    seg_result *r = NULL;
    if (seg_analyze(&r, f->ds, f->p) != SEG_OK)
        fail_msg("seg_analyze: %s", seg_context_errmsg(f->ctx));
    return r;
}

static seg_result *run_at(fixture *f, const char *as_of)
{
    set_i64(f, SEG_PARAM_AS_OF, day(as_of));
    return run(f);
}

static size_t row(fixture *f, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_find_i64(&c, f->ds, id), SEG_OK);
    return c;
}

static void expect_i64(const seg_result *r, seg_column col, size_t i, int64_t want)
{
    int64_t v = 0;
    uint8_t ok = 0;
    assert_int_equal(seg_result_copy_i64(&v, &ok, r, col, i, 1), SEG_OK);
    if (want == NUL && ok)
        fail_msg("%s row %zu: got %lld, want null", seg_result_column_name(col), i, (long long)v);
    if (want != NUL && (!ok || v != want))
        fail_msg("%s row %zu: got %lld%s, want %lld", seg_result_column_name(col), i, (long long)v,
                 ok ? "" : " (null)", (long long)want);
}

/* Stage, reason and churn horizon (NUL: null) of customer `id`. */
static void expect_stage(fixture *f, const seg_result *r, int64_t id, int64_t stage, int64_t reason, int64_t horizon)
{
    size_t i = row(f, id);
    expect_i64(r, SEG_COL_LIFECYCLE, i, stage);
    expect_i64(r, SEG_COL_LIFECYCLE_REASON, i, reason);
    expect_i64(r, SEG_COL_CHURN_HORIZON, i, horizon);
}

static int64_t period_i64(const seg_result *r, size_t p, seg_period_stat key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_period_i64(&v, r, p, key), SEG_OK);
    return v;
}

static double period_f64(const seg_result *r, size_t p, seg_period_stat key)
{
    double v = -1;
    assert_int_equal(seg_result_period_f64(&v, r, p, key), SEG_OK);
    return v;
}

static double sum_f64(const seg_result *r, seg_summary key)
{
    double v = -1;
    assert_int_equal(seg_result_summary_f64(&v, r, key), SEG_OK);
    return v;
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static int64_t stat(fixture *f, seg_dataset_stat_key key)
{
    int64_t v = -1;
    assert_int_equal(seg_dataset_stat(&v, f->ds, key), SEG_OK);
    return v;
}

static int64_t class_count(const seg_result *r, seg_column col, int64_t value)
{
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, col, value), SEG_OK);
    return n;
}

#define CURRENT SEG_LIFECYCLE_CURRENT
#define PROSPECT SEG_LIFECYCLE_PROSPECT
#define REFUSED SEG_LIFECYCLE_REFUSED
#define CHURNED SEG_LIFECYCLE_CHURNED

/* ---- stages and reasons ---- */

/* As of 2024-12-31, fixed horizon 180 days. An explicit status wins over
 * everything the data says:
 *   1: bought 2024-12-30 (recency 1, would be current), status churned
 *   2: bought 2023-11-01 (recency 426, would be churned), status current
 *   3: a closed lead (would be refused), status prospect
 *   4: an open lead from 2024-12-01 (would be prospect), status refused
 *   5: bought 2024-12-30, status "none" (0): no override → current by recency
 *   6: bought 2024-01-01, churn date 2024-06-01 (would be churned by date),
 *      status current
 * Buyers have the horizon 180, leads none. Stages: current {2, 5, 6},
 * churned {1}, prospect {3}, refused {4}. */
static void explicit_status_wins(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-12-30", 100);
    set_field(f, 1, SEG_FIELD_STATUS, CHURNED);
    buy(f, 2, "2023-11-01", 100);
    set_field(f, 2, SEG_FIELD_STATUS, CURRENT);
    set_field(f, 3, SEG_FIELD_LEAD_CLOSED, 1);
    set_field(f, 3, SEG_FIELD_STATUS, PROSPECT);
    set_date(f, 4, SEG_FIELD_LEAD_DATE, "2024-12-01");
    set_field(f, 4, SEG_FIELD_LEAD_CLOSED, 0);
    set_field(f, 4, SEG_FIELD_STATUS, REFUSED);
    buy(f, 5, "2024-12-30", 100);
    set_field(f, 5, SEG_FIELD_STATUS, SEG_LIFECYCLE_NONE);
    buy(f, 6, "2024-01-01", 100);
    set_date(f, 6, SEG_FIELD_CHURN_DATE, "2024-06-01");
    set_field(f, 6, SEG_FIELD_STATUS, CURRENT);
    seg_result *r = run_at(f, "2024-12-31");
    expect_stage(f, r, 1, CHURNED, SEG_REASON_STATUS, 180);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_STATUS, 180);
    expect_stage(f, r, 3, PROSPECT, SEG_REASON_STATUS, NUL);
    expect_stage(f, r, 4, REFUSED, SEG_REASON_STATUS, NUL);
    expect_stage(f, r, 5, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 6, CURRENT, SEG_REASON_STATUS, 180);
    assert_int_equal(class_count(r, SEG_COL_LIFECYCLE, CURRENT), 3);
    assert_int_equal(class_count(r, SEG_COL_LIFECYCLE, CHURNED), 1);
    assert_int_equal(class_count(r, SEG_COL_LIFECYCLE, PROSPECT), 1);
    assert_int_equal(class_count(r, SEG_COL_LIFECYCLE, REFUSED), 1);
    seg_result_free(r);
}

/* As of 2024-12-31, horizon 180:
 *   1: bought 2024-11-01 (recency 60), churn date 2024-12-01, nothing after
 *      → churned by the churn date.
 *   2: bought 2024-12-31, churn date 2024-12-31 = the as-of date; the
 *      purchase is on the date, not after it → churned by the churn date.
 *   3: bought 2024-05-01, churn date 2024-06-01, bought again 2024-10-01
 *      → a purchase after the date: judged by recency, 2024-10-01 →
 *      2024-12-31 = 30 + 31 + 30 = 91 days ≤ 180 → current.
 *   4: bought 2024-12-01, churn date 2025-01-15, after the as-of date
 *      → ignored: recency 30 → current.
 *   5: bought 2024-01-01, churn date 2024-02-01, bought 2024-03-01 → judged
 *      by recency: day 61 → day 366 of 2024 = 305 days > 180 → churned by
 *      recency, not by the date.
 *   6: never bought, churn date 2024-11-01: rule 2 comes before the lead
 *      rules → churned by the churn date. */
static void explicit_churn_date(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-11-01", 100);
    set_date(f, 1, SEG_FIELD_CHURN_DATE, "2024-12-01");
    buy(f, 2, "2024-12-31", 100);
    set_date(f, 2, SEG_FIELD_CHURN_DATE, "2024-12-31");
    buy(f, 3, "2024-05-01", 100);
    buy(f, 3, "2024-10-01", 100);
    set_date(f, 3, SEG_FIELD_CHURN_DATE, "2024-06-01");
    buy(f, 4, "2024-12-01", 100);
    set_date(f, 4, SEG_FIELD_CHURN_DATE, "2025-01-15");
    buy(f, 5, "2024-01-01", 100);
    buy(f, 5, "2024-03-01", 100);
    set_date(f, 5, SEG_FIELD_CHURN_DATE, "2024-02-01");
    set_date(f, 6, SEG_FIELD_CHURN_DATE, "2024-11-01");
    seg_result *r = run_at(f, "2024-12-31");
    expect_stage(f, r, 1, CHURNED, SEG_REASON_CHURN_DATE, 180);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_CHURN_DATE, 180);
    expect_stage(f, r, 3, CURRENT, SEG_REASON_RECENCY, 180);
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 3), 91);
    expect_stage(f, r, 4, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 5, CHURNED, SEG_REASON_RECENCY, 180);
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 5), 305);
    expect_stage(f, r, 6, CHURNED, SEG_REASON_CHURN_DATE, NUL);
    seg_result_free(r);
}

/* As of 2024-12-31 (day 366 of 2024). 2024-07-04 is day 186: recency
 * 366 − 186 = 180 = the horizon → current (churned only when it exceeds it).
 * 2024-07-03: recency 181 → churned. With SEG_PARAM_CHURN_DAYS 181 both are
 * current; with 179 both are churned. */
static void recency_at_the_horizon(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-07-04", 100);
    buy(f, 2, "2024-07-03", 100);
    seg_result *r = run_at(f, "2024-12-31");
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 1), 180);
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 2), 181);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_CHURN_DAYS, 181);
    r = run(f);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 181);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 181);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_CHURN_DAYS, 179);
    r = run(f);
    expect_stage(f, r, 1, CHURNED, SEG_REASON_RECENCY, 179);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 179);
    seg_result_free(r);
}

/* Customers who never bought, as of 2024-12-31, lead timeout 90 days:
 *   1: lead closed (lead date 2024-12-01, recent) → refused, lead closed.
 *   2: lead date 2024-10-02: 29 (Oct) + 30 + 31 = 90 days before → not more
 *      than 90 → prospect, lead open.
 *   3: lead date 2024-10-01: 91 days → refused, lead timeout.
 *   4: lead date 2024-12-01, lead open (closed = 0) → prospect, lead open.
 *   5: nothing known → prospect, no lead.
 *   6: only a refund (no purchase) → never bought, nothing known → prospect,
 *      no lead, no horizon.
 *   7: a buyer (2024-12-20) whose lead is closed: rule 3 comes first →
 *      current by recency.
 *   8: lead date 2025-01-10, after the as-of date → prospect, lead open.
 * Timeout 91: customer 3 (91 days) is a prospect. Timeout 89: customer 2
 * (90 days) is refused by timeout. */
static void leads_refused_or_prospect(void **state)
{
    fixture *f = *state;
    set_field(f, 1, SEG_FIELD_LEAD_CLOSED, 1);
    set_date(f, 1, SEG_FIELD_LEAD_DATE, "2024-12-01");
    set_date(f, 2, SEG_FIELD_LEAD_DATE, "2024-10-02");
    set_date(f, 3, SEG_FIELD_LEAD_DATE, "2024-10-01");
    set_date(f, 4, SEG_FIELD_LEAD_DATE, "2024-12-01");
    set_field(f, 4, SEG_FIELD_LEAD_CLOSED, 0);
    (void)cust(f, 5);
    buy(f, 6, "2024-12-10", -30);
    buy(f, 7, "2024-12-20", 100);
    set_field(f, 7, SEG_FIELD_LEAD_CLOSED, 1);
    set_date(f, 8, SEG_FIELD_LEAD_DATE, "2025-01-10");
    seg_result *r = run_at(f, "2024-12-31");
    expect_stage(f, r, 1, REFUSED, SEG_REASON_LEAD_CLOSED, NUL);
    expect_stage(f, r, 2, PROSPECT, SEG_REASON_LEAD_OPEN, NUL);
    expect_stage(f, r, 3, REFUSED, SEG_REASON_LEAD_TIMEOUT, NUL);
    expect_stage(f, r, 4, PROSPECT, SEG_REASON_LEAD_OPEN, NUL);
    expect_stage(f, r, 5, PROSPECT, SEG_REASON_NO_LEAD, NUL);
    expect_stage(f, r, 6, PROSPECT, SEG_REASON_NO_LEAD, NUL);
    expect_stage(f, r, 7, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 8, PROSPECT, SEG_REASON_LEAD_OPEN, NUL);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_LEAD_TIMEOUT_DAYS, 91);
    r = run(f);
    expect_stage(f, r, 2, PROSPECT, SEG_REASON_LEAD_OPEN, NUL);
    expect_stage(f, r, 3, PROSPECT, SEG_REASON_LEAD_OPEN, NUL);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_LEAD_TIMEOUT_DAYS, 89);
    r = run(f);
    expect_stage(f, r, 2, REFUSED, SEG_REASON_LEAD_TIMEOUT, NUL);
    seg_result_free(r);
}

/* ---- the adaptive horizon ---- */

/* As of 2024-12-31; horizon = floor(max(min 30, m 3 × mean gap)):
 *   1: 12-01, 12-11, 12-21: gap 20 / 2 = 10 → 3 · 10 = 30 → 30;
 *      recency 10 → current.
 *   2: 06-01, 08-01: gap 30 + 31 = 61 → 183; recency 08-01 → 12-31 =
 *      31 + 30 + 31 + 30 + 30 = 152 ≤ 183 → current.
 *   3: 10-01, 10-08, 10-15: gap 14 / 2 = 7 → 21 < 30 → 30; recency
 *      10-15 → 12-31 = 31 + 30 + 16 = 77 > 30 → churned.
 *   4: 09-01, 09-21, 10-12: gap (20 + 21) / 2 = 20.5 → 61.5 → floor 61;
 *      recency 10-12 → 12-31 = 31 + 30 + 19 = 80 > 61 → churned.
 *   5: one purchase 11-20 — one-time buyer: the typical gap, the median of
 *      the mean gaps {7, 10, 20.5, 61} = (10 + 20.5) / 2 = 15.25 → 3 · 15.25
 *      = 45.75 → 45; recency 10 + 31 = 41 ≤ 45 → current.
 *   6: two orders on 11-15, one purchase day → one-time buyer, horizon 45;
 *      recency 15 + 31 = 46 > 45 → churned.
 *   7: a lead: no horizon.
 * With the fixed horizon (adaptive off) every buyer has 180 and 3 and 6 are
 * current. */
static void load_gaps(fixture *f)
{
    buy(f, 1, "2024-12-01", 100);
    buy(f, 1, "2024-12-11", 100);
    buy(f, 1, "2024-12-21", 100);
    buy(f, 2, "2024-06-01", 100);
    buy(f, 2, "2024-08-01", 100);
    buy(f, 3, "2024-10-01", 100);
    buy(f, 3, "2024-10-08", 100);
    buy(f, 3, "2024-10-15", 100);
    buy(f, 4, "2024-09-01", 100);
    buy(f, 4, "2024-09-21", 100);
    buy(f, 4, "2024-10-12", 100);
    buy(f, 5, "2024-11-20", 100);
    txn(f, 6, "2024-11-15", 100, "p");
    txn(f, 6, "2024-11-15", 100, "q");
    (void)cust(f, 7);
}

static void adaptive_horizon(void **state)
{
    fixture *f = *state;
    load_gaps(f);
    seg_result *r = run_at(f, "2024-12-31");
    for (int64_t id = 1; id <= 6; id++)
        expect_i64(r, SEG_COL_CHURN_HORIZON, row(f, id), 180);
    expect_stage(f, r, 3, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 6, CURRENT, SEG_REASON_RECENCY, 180);
    /* The typical gap is reported whether or not the horizon is adaptive. */
    assert_true(sum_f64(r, SEG_SUM_TYPICAL_GAP_DAYS) == 15.25);
    seg_result_free(r);

    set_i64(f, SEG_PARAM_CHURN_ADAPTIVE, 1);
    r = run(f);
    assert_true(sum_f64(r, SEG_SUM_TYPICAL_GAP_DAYS) == 15.25);
    double gap = 0;
    assert_int_equal(seg_result_copy_f64(&gap, NULL, r, SEG_COL_MEAN_GAP_DAYS, row(f, 4), 1), SEG_OK);
    assert_true(gap == 20.5);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 183);
    expect_stage(f, r, 3, CHURNED, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 4, CHURNED, SEG_REASON_RECENCY, 61);
    expect_stage(f, r, 5, CURRENT, SEG_REASON_RECENCY, 45);
    expect_stage(f, r, 6, CHURNED, SEG_REASON_RECENCY, 45);
    expect_stage(f, r, 7, PROSPECT, SEG_REASON_NO_LEAD, NUL);
    seg_result_free(r);
}

/* The same customers with m = 2: 1 → max(30, 20) = 30; 2 → 122, recency 152
 * → churned; 3 → max(30, 14) = 30; 4 → 41, recency 80 → churned; one-time
 * buyers 2 · 15.25 = 30.5 → 30: 5 (41) and 6 (46) churned.
 * With m = 3 and the minimum 50: 1 → 50; 2 → 183; 3 → 50, recency 77 →
 * churned; 4 → 61; one-time buyers max(50, 45.75) = 50: 5 (41) and 6 (46)
 * current. */
static void adaptive_factor_and_minimum(void **state)
{
    fixture *f = *state;
    load_gaps(f);
    set_i64(f, SEG_PARAM_CHURN_ADAPTIVE, 1);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_CHURN_GAP_FACTOR, 2.0), SEG_OK);
    seg_result *r = run_at(f, "2024-12-31");
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 122);
    expect_stage(f, r, 3, CHURNED, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 4, CHURNED, SEG_REASON_RECENCY, 41);
    expect_stage(f, r, 5, CHURNED, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 6, CHURNED, SEG_REASON_RECENCY, 30);
    seg_result_free(r);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_CHURN_GAP_FACTOR, 3.0), SEG_OK);
    set_i64(f, SEG_PARAM_CHURN_MIN_DAYS, 50);
    r = run(f);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 50);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 183);
    expect_stage(f, r, 3, CHURNED, SEG_REASON_RECENCY, 50);
    expect_stage(f, r, 4, CHURNED, SEG_REASON_RECENCY, 61);
    expect_stage(f, r, 5, CURRENT, SEG_REASON_RECENCY, 50);
    expect_stage(f, r, 6, CURRENT, SEG_REASON_RECENCY, 50);
    seg_result_free(r);
}

/* Nobody bought on two days: no typical gap (NaN), so the adaptive horizon
 * falls back to the fixed one, here 100 days (not m × anything, not the
 * minimum). As of 2024-12-31: 1 bought 2024-09-22, recency 8 + 31 + 30 + 31
 * = 100 → current; 2 bought 2024-09-21, recency 101 → churned; 3 bought
 * twice on 2024-12-01 (one day) → recency 30 → current. */
static void adaptive_falls_back_to_fixed_horizon(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-09-22", 100);
    buy(f, 2, "2024-09-21", 100);
    buy(f, 3, "2024-12-01", 100);
    buy(f, 3, "2024-12-01", 50);
    set_i64(f, SEG_PARAM_CHURN_ADAPTIVE, 1);
    set_i64(f, SEG_PARAM_CHURN_DAYS, 100);
    set_i64(f, SEG_PARAM_CHURN_MIN_DAYS, 30);
    seg_result *r = run_at(f, "2024-12-31");
    assert_true(isnan(sum_f64(r, SEG_SUM_TYPICAL_GAP_DAYS)));
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 100);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 100);
    expect_stage(f, r, 3, CURRENT, SEG_REASON_RECENCY, 100);
    seg_result_free(r);
}

/* ---- rates per period ---- */

/* A window of 3 months as of 2024-04-30: February (02-01 … 02-29), March,
 * April. Horizon 30 days.
 *   1: 01-15, 02-10, 03-05, 04-20
 *   2: 01-20
 *   3: 01-31, churn date 02-15
 *   4: orders a and b on 02-05, order c on 04-29
 *   5: two rows without an order id on 03-31
 *   6: 03-01
 * Current on day t = last purchase up to t within 30 days, and no churn
 * date on or before t following it.
 * February — day before 01-31: 1 (16 days), 2 (11), 3 (0; its churn date is
 *   later) → 3 current. On 02-29: 1 (02-10, 19) still current; 2 (40 days)
 *   and 3 (churn date 02-15 ≤ 02-29 after its last purchase) are not →
 *   churned 2, rate 2/3. Buyers {1, 4}; 4 has 2 orders → repeat 1; new {4}.
 * March — day before 02-29: 1 (19), 4 (24) → 2. On 03-31: 1 (03-05, 26)
 *   current; 4 (02-05: 24 + 31 = 55) not → churned 1, rate 1/2. Buyers {1, 5,
 *   6}; 5 has 2 purchases (rows without an order id) → repeat 1; new {5, 6}.
 * April — day before 03-31: 1 (26), 5 (0), 6 (30, on the horizon) → 3; 4 is
 *   not (55). On 04-30: 1 (04-20, 10) and 5 (30) current, 6 (60) not →
 *   churned 1, rate 1/3. Buyers {1, 4}, repeat 0, new 0.
 * Whole history: purchases 1: 4, 2: 1, 3: 1, 4: 3, 5: 2, 6: 1 → 3 of 6 buyers
 * with ≥ 2 → SEG_SUM_REPEAT_RATE 0.5.
 * Stages on 04-30: 1 current (10), 2 churned (101), 3 churned (churn date),
 * 4 current (1), 5 current (30), 6 churned (60). */
static void rates_per_period(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-01-15", 100);
    buy(f, 1, "2024-02-10", 100);
    buy(f, 1, "2024-03-05", 100);
    buy(f, 1, "2024-04-20", 100);
    buy(f, 2, "2024-01-20", 100);
    buy(f, 3, "2024-01-31", 100);
    set_date(f, 3, SEG_FIELD_CHURN_DATE, "2024-02-15");
    txn(f, 4, "2024-02-05", 100, "a");
    txn(f, 4, "2024-02-05", 100, "b");
    txn(f, 4, "2024-04-29", 100, "c");
    buy(f, 5, "2024-03-31", 100);
    buy(f, 5, "2024-03-31", 100);
    buy(f, 6, "2024-03-01", 100);
    set_i64(f, SEG_PARAM_CHURN_DAYS, 30);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 3);
    seg_result *r = run_at(f, "2024-04-30");
    assert_int_equal(seg_result_period_count(r), 3);
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_START), day("2024-02-01"));
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_END), day("2024-02-29"));
    assert_int_equal(period_i64(r, 2, SEG_PSTAT_END), day("2024-04-30"));
    static const int64_t current[3] = {3, 2, 3}, churned[3] = {2, 1, 1}, buyers[3] = {2, 3, 2},
                         repeat[3] = {1, 1, 0}, fresh[3] = {1, 2, 0};
    static const double rate[3] = {2.0 / 3.0, 0.5, 1.0 / 3.0}, repeat_rate[3] = {0.5, 1.0 / 3.0, 0.0};
    for (size_t p = 0; p < 3; p++) {
        assert_int_equal(period_i64(r, p, SEG_PSTAT_CURRENT_AT_START), current[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_CHURNED), churned[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_BUYERS), buyers[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_REPEAT_BUYERS), repeat[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_NEW), fresh[p]);
        assert_true(period_f64(r, p, SEG_PSTAT_CHURN_RATE) == rate[p]);
        assert_true(period_f64(r, p, SEG_PSTAT_REPEAT_RATE) == repeat_rate[p]);
    }
    assert_true(sum_f64(r, SEG_SUM_REPEAT_RATE) == 0.5);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 3, CHURNED, SEG_REASON_CHURN_DATE, 30);
    expect_stage(f, r, 4, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 5, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 6, CHURNED, SEG_REASON_RECENCY, 30);
    seg_result_free(r);
}

/* The partial last period counts churn by its last counted day, the as-of
 * date. As of 2024-04-15 with the partial period, window 2: March (complete)
 * and April (04-01 … 04-15, not complete). Horizon 30.
 *   1: bought 03-10.
 *   2: bought 03-20.
 *   3: bought 02-05 and 03-10: lapsed from 03-07 (02-05 + 30 = 03-06) until
 *      it bought again on 03-10.
 * March — day before 02-29: 3 (24 days) → 1 current. On 03-31: 3 (03-10,
 *   21) current again: only the last day counts → churned 0, rate 0.
 *   Buyers {1, 2, 3}, new {1, 2}.
 * April — day before 03-31: 1 (21), 2 (11), 3 (21) → 3. On 04-15: 1 (36) and
 *   3 (36) are past the horizon, 2 (26) is not (it would be by 04-30, 41
 *   days) → churned 2, rate 2/3. No buyers: repeat rate NaN.
 * Stages on 04-15: 1 churned, 2 current, 3 churned. */
static void rates_partial_last_period(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-03-10", 100);
    buy(f, 2, "2024-03-20", 100);
    buy(f, 3, "2024-02-05", 100);
    buy(f, 3, "2024-03-10", 100);
    set_i64(f, SEG_PARAM_CHURN_DAYS, 30);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 2);
    set_i64(f, SEG_PARAM_XYZ_PARTIAL, 1);
    seg_result *r = run_at(f, "2024-04-15");
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_START), day("2024-03-01"));
    assert_int_equal(period_i64(r, 1, SEG_PSTAT_END), day("2024-04-15"));
    assert_int_equal(period_i64(r, 1, SEG_PSTAT_COMPLETE), 0);
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_CURRENT_AT_START), 1);
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_CHURNED), 0);
    assert_true(period_f64(r, 0, SEG_PSTAT_CHURN_RATE) == 0.0);
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_BUYERS), 3);
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_NEW), 2);
    assert_int_equal(period_i64(r, 1, SEG_PSTAT_CURRENT_AT_START), 3);
    assert_int_equal(period_i64(r, 1, SEG_PSTAT_CHURNED), 2);
    assert_true(period_f64(r, 1, SEG_PSTAT_CHURN_RATE) == 2.0 / 3.0);
    assert_int_equal(period_i64(r, 1, SEG_PSTAT_BUYERS), 0);
    assert_true(isnan(period_f64(r, 1, SEG_PSTAT_REPEAT_RATE)));
    expect_stage(f, r, 1, CHURNED, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 30);
    expect_stage(f, r, 3, CHURNED, SEG_REASON_RECENCY, 30);
    seg_result_free(r);
}

/* Nobody current before a period: the churn rate is undefined (NaN), and a
 * period without buyers has no repeat rate. As of 2024-03-31, window 3
 * (January … March): one customer buying first on 2024-03-10. January and
 * February: 0 current at start, 0 buyers → both rates NaN. */
static void rates_without_customers_are_nan(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-03-10", 100);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 3);
    seg_result *r = run_at(f, "2024-03-31");
    assert_int_equal(period_i64(r, 0, SEG_PSTAT_CURRENT_AT_START), 0);
    assert_true(isnan(period_f64(r, 0, SEG_PSTAT_CHURN_RATE)));
    assert_true(isnan(period_f64(r, 1, SEG_PSTAT_REPEAT_RATE)));
    assert_int_equal(period_i64(r, 2, SEG_PSTAT_NEW), 1);
    assert_true(period_f64(r, 2, SEG_PSTAT_REPEAT_RATE) == 0.0);
    seg_result_free(r);
}

/* "Purchases" follow SEG_PARAM_FREQUENCY, in each period and over the whole
 * history alike ("the same ratio"). As of 2024-03-31, window 3 (January …
 * March); each customer buys in one month only, so the whole-history ratio
 * is the ratio of the per-period counts.
 *   1: orders a and b on 01-10 (2 orders, 2 rows, 1 day)
 *   2: order c in two rows on 02-10 (1 order, 2 rows, 1 day)
 *   3: rows without an order id on 03-05 and 03-20 (2 orders, 2 rows, 2 days)
 * Orders: ≥ 2 for {1, 3} → periods 1/1, 0/1, 1/1; whole history 2/3.
 * Rows:   ≥ 2 for {1, 2, 3} → 1/1 each; whole history 3/3 = 1.
 * Days:   ≥ 2 for {3} → 0/1, 0/1, 1/1; whole history 1/3. */
static void repeat_rate_follows_frequency(void **state)
{
    fixture *f = *state;
    txn(f, 1, "2024-01-10", 100, "a");
    txn(f, 1, "2024-01-10", 100, "b");
    txn(f, 2, "2024-02-10", 100, "c");
    txn(f, 2, "2024-02-10", 100, "c");
    buy(f, 3, "2024-03-05", 100);
    buy(f, 3, "2024-03-20", 100);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 3);
    set_i64(f, SEG_PARAM_AS_OF, day("2024-03-31"));
    static const struct {
        seg_frequency frequency;
        int64_t repeat[3];
        double whole;
    } cases[] = {
        {SEG_FREQUENCY_ORDERS, {1, 0, 1}, 2.0 / 3.0},
        {SEG_FREQUENCY_ROWS, {1, 1, 1}, 1.0},
        {SEG_FREQUENCY_DAYS, {0, 0, 1}, 1.0 / 3.0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        set_i64(f, SEG_PARAM_FREQUENCY, cases[k].frequency);
        seg_result *r = run(f);
        for (size_t p = 0; p < 3; p++)
            assert_int_equal(period_i64(r, p, SEG_PSTAT_REPEAT_BUYERS), cases[k].repeat[p]);
        double got = sum_f64(r, SEG_SUM_REPEAT_RATE);
        if (got != cases[k].whole)
            fail_msg("frequency %d: repeat rate %.17g, want %.17g", (int)cases[k].frequency, got, cases[k].whole);
        seg_result_free(r);
    }
}

/* ---- the as-of date ---- */

/* SEG_PARAM_AS_OF may not lie before a folded transaction: the latest is
 * 2024-06-30, so 2024-06-29 is refused with SEG_ERR_STATE and a message,
 * 2024-06-30 itself is fine. */
static void as_of_before_a_folded_transaction_is_refused(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    buy(f, 1, "2024-01-01", 100);
    buy(f, 1, "2024-06-30", 100);
    set_i64(f, SEG_PARAM_AS_OF, day("2024-06-29"));
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_STATE);
    assert_null(r);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_STATE);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    r = run_at(f, "2024-06-30");
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2024-06-30"));
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
}

/* SEG_DATASET_AS_OF 2024-06-30 set before loading: later rows are counted in
 * SEG_STAT_IGNORED_AFTER_AS_OF and skipped.
 *   1: 100 on 2024-01-01 (kept), 100 on 2024-07-15 (ignored)
 *   2: 50 on 2024-06-30 (kept, on the as-of date), −20 on 2024-08-01 (ignored)
 * Folded rows 2, ignored 2, latest date 2024-06-30. Customer 1's recency:
 * 2024-01-01 is day 1, 2024-06-30 day 182 → 181 > 180 → churned (the July
 * purchase would have made it current). Customer 2: recency 0 → current, net
 * 50 (the refund is ignored). */
static void dataset_as_of_ignores_later_rows(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2024-06-30")), SEG_OK);
    buy(f, 1, "2024-01-01", 100);
    buy(f, 1, "2024-07-15", 100);
    buy(f, 2, "2024-06-30", 50);
    buy(f, 2, "2024-08-01", -20);
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 2);
    assert_int_equal(stat(f, SEG_STAT_IGNORED_AFTER_AS_OF), 2);
    assert_int_equal(stat(f, SEG_STAT_LAST_DATE), day("2024-06-30"));
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2024-06-30"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 1), 181);
    expect_stage(f, r, 1, CHURNED, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 180);
    expect_i64(r, SEG_COL_NET_AMOUNT, row(f, 2), 50);
    expect_i64(r, SEG_COL_LAST_PURCHASE, row(f, 1), day("2024-01-01"));
    seg_result_free(r);
}

/* An as-of date after the data ("today") shifts recency. Customer 1 bought
 * 2024-12-31, customer 2 2024-07-04.
 * Default as-of = the latest transaction, 2024-12-31: recencies 0 and 180 →
 * both current.
 * As of 2025-06-30: 2024-12-31 → 2025-06-30 = 31 + 28 + 31 + 30 + 31 + 30
 * = 181 → churned; customer 2: 180 + 181 = 361 → churned. Tenure equals
 * recency here (one purchase each). */
static void as_of_after_the_data(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-12-31", 100);
    buy(f, 2, "2024-07-04", 100);
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2024-12-31"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 1), 0);
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 2), 180);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 2, CURRENT, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
    r = run_at(f, "2025-06-30");
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2025-06-30"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 1), 181);
    expect_i64(r, SEG_COL_TENURE_DAYS, row(f, 1), 181);
    expect_i64(r, SEG_COL_RECENCY_DAYS, row(f, 2), 361);
    expect_stage(f, r, 1, CHURNED, SEG_REASON_RECENCY, 180);
    expect_stage(f, r, 2, CHURNED, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
}

/* The as-of date is SEG_PARAM_AS_OF if set, else the dataset's
 * SEG_DATASET_AS_OF, else the latest transaction. Dataset as-of 2025-06-30,
 * one purchase on 2024-12-31:
 *   no parameter → 2025-06-30, recency 181 (as above) → churned;
 *   parameter 2025-01-31 (before the dataset's as-of, but not before a
 *   folded transaction) → recency 31 → current;
 *   parameter 2025-07-01 → recency 182 → churned. */
static void as_of_precedence(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2025-06-30")), SEG_OK);
    buy(f, 1, "2024-12-31", 100);
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2025-06-30"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, 0, 181);
    expect_stage(f, r, 1, CHURNED, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
    r = run_at(f, "2025-01-31");
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2025-01-31"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, 0, 31);
    expect_stage(f, r, 1, CURRENT, SEG_REASON_RECENCY, 180);
    seg_result_free(r);
    r = run_at(f, "2025-07-01");
    expect_i64(r, SEG_COL_RECENCY_DAYS, 0, 182);
    seg_result_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, analysis_setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(explicit_status_wins),
        T(explicit_churn_date),
        T(recency_at_the_horizon),
        T(leads_refused_or_prospect),
        T(adaptive_horizon),
        T(adaptive_factor_and_minimum),
        T(adaptive_falls_back_to_fixed_horizon),
        T(rates_per_period),
        T(rates_partial_last_period),
        T(rates_without_customers_are_nan),
        T(repeat_rate_follows_frequency),
        T(as_of_before_a_folded_transaction_is_refused),
        T(dataset_as_of_ignores_later_rows),
        T(as_of_after_the_data),
        T(as_of_precedence),
    };
    return cmocka_run_group_tests_name("lifecycle", tests, NULL, NULL);
}
