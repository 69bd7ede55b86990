/* XYZ (docs/analyses.md, "XYZ"): the window of complete periods, each buyer's
 * series and its CV, the bounds, the wide preset and rank mode, weeks and
 * quarters, other metrics, the CV quantiles, the ABC × XYZ matrix and the
 * window's period figures. Every expected value is computed by hand from the
 * spec; the arithmetic is in the comment above each case. Amounts are in
 * minor units, so a series value of 100 is 100 minor units. */
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

/* One transaction; order may be NULL (no order id), qty NULL (unknown). */
static void txn(fixture *f, int64_t id, const char *date, int64_t amount, const char *order, const int64_t *qty)
{
    assert_int_equal(seg_dataset_add_transaction(f->ds, cust(f, id), day(date), amount, order,
                                                 order ? strlen(order) : 0, NULL, qty),
                     SEG_OK);
}

static void buy(fixture *f, int64_t id, const char *date, int64_t amount)
{
    txn(f, id, date, amount, NULL, NULL);
}

/* Purchases on the 15th of September … December 2024 (0 = no purchase). */
static void sep_to_dec(fixture *f, int64_t id, int64_t sep, int64_t oct, int64_t nov, int64_t dec)
{
    static const char *const dates[4] = {"2024-09-15", "2024-10-15", "2024-11-15", "2024-12-15"};
    const int64_t v[4] = {sep, oct, nov, dec};
    for (int i = 0; i < 4; i++)
        if (v[i])
            buy(f, id, dates[i], v[i]);
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

/* An integer cell; NUL expects null. */
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

static int close_to(double got, double want)
{
    return fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want));
}

/* A real cell; NAN expects null. */
static void expect_f64(const seg_result *r, seg_column col, size_t i, double want)
{
    double v = 0;
    uint8_t ok = 0;
    assert_int_equal(seg_result_copy_f64(&v, &ok, r, col, i, 1), SEG_OK);
    if (isnan(want) && ok)
        fail_msg("%s row %zu: got %.17g, want null", seg_result_column_name(col), i, v);
    if (!isnan(want) && (!ok || !close_to(v, want)))
        fail_msg("%s row %zu: got %.17g%s, want %.17g", seg_result_column_name(col), i, v, ok ? "" : " (null)",
                 want);
}

/* Class, CV, series length and mean of one customer. */
static void expect_xyz(const seg_result *r, size_t i, int64_t cls, double cv, int64_t periods, double mean)
{
    expect_i64(r, SEG_COL_XYZ, i, cls);
    expect_f64(r, SEG_COL_XYZ_CV, i, cv);
    expect_i64(r, SEG_COL_XYZ_PERIODS, i, periods);
    expect_f64(r, SEG_COL_XYZ_MEAN, i, mean);
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

static void expect_period(const seg_result *r, size_t p, const char *start, const char *end, int64_t complete)
{
    assert_int_equal(period_i64(r, p, SEG_PSTAT_START), day(start));
    assert_int_equal(period_i64(r, p, SEG_PSTAT_END), day(end));
    assert_int_equal(period_i64(r, p, SEG_PSTAT_COMPLETE), complete);
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static double sum_f64(const seg_result *r, seg_summary key)
{
    double v = -1;
    assert_int_equal(seg_result_summary_f64(&v, r, key), SEG_OK);
    return v;
}

static int64_t class_count(const seg_result *r, seg_column col, int64_t value)
{
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, col, value), SEG_OK);
    return n;
}

/* ---- the window ---- */

/* Customer 1 buys 100 on the 10th of every month January … November 2024 and
 * 1000 on 2024-12-10; customer 2 buys once, 70 on 2024-12-05. */
static void load_monthly_100(fixture *f)
{
    static const char *const dates[11] = {"2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10",
                                          "2024-05-10", "2024-06-10", "2024-07-10", "2024-08-10",
                                          "2024-09-10", "2024-10-10", "2024-11-10"};
    for (int i = 0; i < 11; i++)
        buy(f, 1, dates[i], 100);
    buy(f, 1, "2024-12-10", 1000);
    buy(f, 2, "2024-12-05", 70);
}

/* As of 2024-12-31, the last day of December: December is complete, so the
 * window is the 12 months January … December 2024, all complete.
 * Customer 1's series (first purchase in January) has 12 values, eleven 100s
 * and one 1000: mean = (1100 + 1000) / 12 = 175; population variance =
 * (11 · (100 − 175)² + (1000 − 175)²) / 12 = (11 · 5625 + 680625) / 12
 * = 742500 / 12 = 61875; CV = √61875 / 175 ≈ 1.421 > 0.25 → Z.
 * Customer 2: one period (December) < 3 → too new. */
static void window_ends_on_month_end(void **state)
{
    fixture *f = *state;
    load_monthly_100(f);
    seg_result *r = run_at(f, "2024-12-31");
    assert_int_equal(seg_result_period_count(r), 12);
    assert_int_equal(sum_i64(r, SEG_SUM_PERIODS), 12);
    assert_int_equal(sum_i64(r, SEG_SUM_XYZ_PERIOD), SEG_PERIOD_MONTH);
    expect_period(r, 0, "2024-01-01", "2024-01-31", 1);
    expect_period(r, 1, "2024-02-01", "2024-02-29", 1);
    expect_period(r, 11, "2024-12-01", "2024-12-31", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(61875.0) / 175.0, 12, 175.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_TOO_NEW, NAN, 1, NAN);
    seg_result_free(r);
}

/* As of 2024-12-15 (mid-month) December is partial and left out: the window
 * is December 2023 … November 2024. Customer 1's series starts at its first
 * purchase (January 2024): 11 periods of 100 → mean 100, CV 0 → X; the 1000 of
 * December is outside. Customer 2's only purchase is in the partial month, so
 * its series is empty: 0 periods < 3 → too new. */
static void mid_month_as_of_excludes_partial_month(void **state)
{
    fixture *f = *state;
    load_monthly_100(f);
    seg_result *r = run_at(f, "2024-12-15");
    assert_int_equal(seg_result_period_count(r), 12);
    expect_period(r, 0, "2023-12-01", "2023-12-31", 1);
    expect_period(r, 11, "2024-11-01", "2024-11-30", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.0, 11, 100.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_TOO_NEW, NAN, 0, NAN);
    /* November's metric: customer 1's 100. */
    assert_int_equal(period_i64(r, 11, SEG_PSTAT_METRIC), 100);
    seg_result_free(r);
}

/* With SEG_PARAM_XYZ_PARTIAL the partial December is the last of the 12:
 * January … December 2024, December counted up to the as-of date 2024-12-15
 * and not complete. Customer 1's series is then the same 12 values as at
 * month end: CV = √61875 / 175, mean 175. December's metric = 1000 + 70. */
static void partial_month_on_request(void **state)
{
    fixture *f = *state;
    load_monthly_100(f);
    set_i64(f, SEG_PARAM_XYZ_PARTIAL, 1);
    seg_result *r = run_at(f, "2024-12-15");
    assert_int_equal(seg_result_period_count(r), 12);
    expect_period(r, 0, "2024-01-01", "2024-01-31", 1);
    expect_period(r, 11, "2024-12-01", "2024-12-15", 0);
    assert_int_equal(period_i64(r, 11, SEG_PSTAT_METRIC), 1070);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(61875.0) / 175.0, 12, 175.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_TOO_NEW, NAN, 1, NAN);
    seg_result_free(r);
}

/* ---- the series ---- */

/* As of 2024-12-31 (window January … December 2024).
 * Customer 1 buys 30 in September and 60 in November.
 *   Default: series from September: 30, 0, 60, 0 (October and December count
 *   0): 4 periods, mean 90 / 4 = 22.5, variance ((7.5)² + (22.5)² + (37.5)² +
 *   (22.5)²) / 4 = (56.25 + 506.25 + 1406.25 + 506.25) / 4 = 2475 / 4 = 618.75,
 *   CV = √618.75 / 22.5 ≈ 1.106 → Z.
 *   Zero-filled: 12 periods, ten of them 0: mean 90 / 12 = 7.5, variance
 *   ((22.5)² + (52.5)² + 10 · (7.5)²) / 12 = (506.25 + 2756.25 + 562.5) / 12
 *   = 3825 / 12 = 318.75, CV = √318.75 / 7.5 ≈ 2.380 → Z.
 * Customer 2 first bought in June 2023, before the window, and again 120 in
 * March 2024: its series is the whole window either way, 120 in March and 0
 * elsewhere: mean 10, variance (110² + 11 · 10²) / 12 = 13200 / 12 = 1100,
 * CV = √1100 / 10 ≈ 3.317 → Z. */
static void series_from_first_purchase_or_zero_filled(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-09-15", 30);
    buy(f, 1, "2024-11-15", 60);
    buy(f, 2, "2023-06-10", 120);
    buy(f, 2, "2024-03-10", 120);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(618.75) / 22.5, 4, 22.5);
    expect_xyz(r, row(f, 2), SEG_XYZ_Z, sqrt(1100.0) / 10.0, 12, 10.0);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_ZERO_FILL, 1);
    r = run(f);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(318.75) / 7.5, 12, 7.5);
    expect_xyz(r, row(f, 2), SEG_XYZ_Z, sqrt(1100.0) / 10.0, 12, 10.0);
    seg_result_free(r);
}

/* As of 2024-12-31. Customer 1 buys 50 in November and December: 2 periods;
 * customer 2 buys 40 in October, November and December: 3 periods.
 * Default minimum 3: customer 1 is too new (2 < 3, no CV), customer 2 has
 * exactly 3 → mean 40, CV 0 → X. With a minimum of 2 customer 1 gets CV 0 →
 * X (mean 50); with a minimum of 4 both are too new. */
static void too_new_below_min_periods(void **state)
{
    fixture *f = *state;
    sep_to_dec(f, 1, 0, 0, 50, 50);
    sep_to_dec(f, 2, 0, 40, 40, 40);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, row(f, 1), SEG_XYZ_TOO_NEW, NAN, 2, NAN);
    expect_xyz(r, row(f, 2), SEG_XYZ_X, 0.0, 3, 40.0);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_TOO_NEW), 1);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_MIN_PERIODS, 2);
    r = run(f);
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.0, 2, 50.0);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_MIN_PERIODS, 4);
    r = run(f);
    expect_i64(r, SEG_COL_XYZ, row(f, 1), SEG_XYZ_TOO_NEW);
    expect_i64(r, SEG_COL_XYZ, row(f, 2), SEG_XYZ_TOO_NEW);
    expect_f64(r, SEG_COL_XYZ_CV, row(f, 2), NAN);
    seg_result_free(r);
}

/* As of 2024-12-31. Refunds subtract from the revenue series.
 * Customer 1: +100 in January, −150 in February: series January … December =
 * 100, −150, 0 × 10: mean −50 / 12 < 0 → no mean ("-"), no CV.
 * Customer 2: +100 in March, −100 in April: series March … December (10
 * periods) sums to 0: mean 0 ≤ 0 → no mean.
 * Customer 3: +100 and −40 in October, 60 in November and December: series
 * 60, 60, 60 → mean 60, CV 0 → X (a refund inside a month nets out). */
static void non_positive_mean_has_no_cv(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-01-15", 100);
    buy(f, 1, "2024-02-15", -150);
    buy(f, 2, "2024-03-15", 100);
    buy(f, 2, "2024-04-15", -100);
    buy(f, 3, "2024-10-02", 100);
    buy(f, 3, "2024-10-20", -40);
    buy(f, 3, "2024-11-15", 60);
    buy(f, 3, "2024-12-15", 60);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, row(f, 1), SEG_XYZ_NO_MEAN, NAN, 12, -50.0 / 12.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_NO_MEAN, NAN, 10, 0.0);
    expect_xyz(r, row(f, 3), SEG_XYZ_X, 0.0, 3, 60.0);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_NO_MEAN), 2);
    seg_result_free(r);
}

/* Series 10, 20, 30 (October … December 2024, as of 2024-12-31): mean 20.
 * Population: variance (100 + 0 + 100) / 3 = 200 / 3, CV = √(200/3) / 20
 * ≈ 0.408 → Z at 10/25. Sample: variance 200 / 2 = 100, std 10, CV = 10 / 20
 * = 0.5 → Z at 10/25, and X under the wide preset, whose X bound is ≤ 0.5. */
static void population_or_sample_std(void **state)
{
    fixture *f = *state;
    sep_to_dec(f, 1, 0, 10, 20, 30);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(200.0 / 3.0) / 20.0, 3, 20.0);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_SAMPLE_STD, 1);
    r = run(f);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, 0.5, 3, 20.0);
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_XYZ_50_100), SEG_OK);
    r = run(f);
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.5, 3, 20.0);
    seg_result_free(r);
}

/* Eight customers with four-month series (September … December, as of
 * 2024-12-31). With a mean of 100 and deviations ±d the population std is d:
 *   1: 90, 110, 90, 110    → CV 10/100 = 0.10
 *   2: 89, 111, 89, 111    → CV 0.11
 *   3: 75, 125, 75, 125    → CV 0.25
 *   4: 74, 126, 74, 126    → CV 0.26
 *   5: 50, 150, 50, 150    → CV 0.50
 *   6: 49, 151, 49, 151    → CV 0.51
 *   7: 200, 0, 200, 0      → CV 100/100 = 1.0
 *   8: 400, 0, 0, 0        → mean 100, variance (300² + 3 · 100²) / 4 = 30000,
 *                            CV = √30000 / 100 = √3 ≈ 1.732 */
static void load_bounds(fixture *f)
{
    sep_to_dec(f, 1, 90, 110, 90, 110);
    sep_to_dec(f, 2, 89, 111, 89, 111);
    sep_to_dec(f, 3, 75, 125, 75, 125);
    sep_to_dec(f, 4, 74, 126, 74, 126);
    sep_to_dec(f, 5, 50, 150, 50, 150);
    sep_to_dec(f, 6, 49, 151, 49, 151);
    sep_to_dec(f, 7, 200, 0, 200, 0);
    sep_to_dec(f, 8, 400, 0, 0, 0);
}

static const double bounds_cv[8] = {0.10, 0.11, 0.25, 0.26, 0.50, 0.51, 1.0, 1.7320508075688772};

/* Default bounds X ≤ 0.10 < Y ≤ 0.25 < Z: 1 → X (on the bound), 2, 3 → Y (3
 * on the bound), 4 … 8 → Z. Wide preset X ≤ 0.50 < Y ≤ 1.00: 1 … 5 → X (5
 * on the bound), 6, 7 → Y (7 on the bound), 8 → Z. */
static void bounds_and_wide_preset(void **state)
{
    fixture *f = *state;
    static const int64_t narrow[8] = {SEG_XYZ_X, SEG_XYZ_Y, SEG_XYZ_Y, SEG_XYZ_Z,
                                      SEG_XYZ_Z, SEG_XYZ_Z, SEG_XYZ_Z, SEG_XYZ_Z};
    static const int64_t wide[8] = {SEG_XYZ_X, SEG_XYZ_X, SEG_XYZ_X, SEG_XYZ_X,
                                    SEG_XYZ_X, SEG_XYZ_Y, SEG_XYZ_Y, SEG_XYZ_Z};
    double x = 0, y = 0;
    load_bounds(f);
    seg_result *r = run_at(f, "2024-12-31");
    for (int i = 0; i < 8; i++) {
        expect_xyz(r, row(f, i + 1), narrow[i], bounds_cv[i], 4, 100.0);
    }
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_X), 1);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_Y), 2);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_Z), 5);
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_XYZ_50_100), SEG_OK);
    assert_int_equal(seg_params_get_f64(&x, f->p, SEG_PARAM_XYZ_X), SEG_OK);
    assert_int_equal(seg_params_get_f64(&y, f->p, SEG_PARAM_XYZ_Y), SEG_OK);
    assert_true(x == 0.5 && y == 1.0);
    r = run(f);
    for (int i = 0; i < 8; i++)
        expect_i64(r, SEG_COL_XYZ, row(f, i + 1), wide[i]);
    seg_result_free(r);
    /* The preset back: 10 % / 25 %. */
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_XYZ_10_25), SEG_OK);
    r = run(f);
    for (int i = 0; i < 8; i++)
        expect_i64(r, SEG_COL_XYZ, row(f, i + 1), narrow[i]);
    seg_result_free(r);
}

/* CV quantiles over the eight CVs above, sorted: 0.10, 0.11, 0.25, 0.26, 0.50,
 * 0.51, 1.0, √3 (n = 8). Type 7: h = (n − 1) p = 7p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1]
 * − x[⌊h⌋]), 0-based:
 *   min = 0.10; max = √3
 *   p10: h = 0.7  → 0.10 + 0.7 · 0.01        = 0.107
 *   p25: h = 1.75 → 0.11 + 0.75 · 0.14       = 0.215
 *   p50: h = 3.5  → 0.26 + 0.5 · 0.24        = 0.38
 *   p75: h = 5.25 → 0.51 + 0.25 · 0.49       = 0.6325
 *   p90: h = 6.3  → 1.0 + 0.3 · (√3 − 1)     ≈ 1.2196 */
static void cv_quantiles_type7(void **state)
{
    fixture *f = *state;
    load_bounds(f);
    buy(f, 9, "2024-12-20", 500); /* too new: no CV, not in the quantiles */
    seg_result *r = run_at(f, "2024-12-31");
    const struct {
        seg_summary key;
        double want;
    } q[] = {
        {SEG_SUM_XYZ_CV_MIN, 0.10},   {SEG_SUM_XYZ_CV_P10, 0.107},
        {SEG_SUM_XYZ_CV_P25, 0.215},  {SEG_SUM_XYZ_CV_MEDIAN, 0.38},
        {SEG_SUM_XYZ_CV_P75, 0.6325}, {SEG_SUM_XYZ_CV_P90, 1.0 + 0.3 * (sqrt(3.0) - 1.0)},
        {SEG_SUM_XYZ_CV_MAX, sqrt(3.0)},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        double got = sum_f64(r, q[i].key);
        if (!close_to(got, q[i].want))
            fail_msg("quantile %zu: got %.17g, want %.17g", i, got, q[i].want);
    }
    seg_result_free(r);
}

/* Rank mode over ten customers with a CV and one too new (not ranked):
 * n = 10, X = the steadiest floor(0.2 · 10) = 2, Y up to floor(0.5 · 10) = 5,
 * ties kept together. Four-month series as above:
 *   1: CV 0.0   2: 0.1   3: 0.1   4: 0.2   5: 0.3   6: 0.3
 *   7: 0.4      8: 0.5   9: 0.6  10: 1.0  11: too new
 * Sorted by CV: 1, 2, 3 | 4, 5, 6 | 7 … 10. The 2nd and 3rd tie at 0.1, so the
 * tie is kept together in X (as ABC's smallest set keeps the customers tied
 * with the last A customer in A): X = {1, 2, 3}. The 5th and 6th tie at 0.3:
 * Y = {4, 5, 6}. Z = {7, 8, 9, 10}. The bounds play no part: by the 10/25
 * bounds customers 5 and 6 (0.3) would be Z, here they are Y. */
static void rank_mode_keeps_ties_together(void **state)
{
    fixture *f = *state;
    static const int64_t dev[10] = {0, 10, 10, 20, 30, 30, 40, 50, 60, -1};
    static const int64_t want[11] = {SEG_XYZ_X, SEG_XYZ_X, SEG_XYZ_X, SEG_XYZ_Y, SEG_XYZ_Y, SEG_XYZ_Y,
                                     SEG_XYZ_Z, SEG_XYZ_Z, SEG_XYZ_Z, SEG_XYZ_Z, SEG_XYZ_TOO_NEW};
    for (int i = 0; i < 10; i++) {
        if (dev[i] < 0)
            sep_to_dec(f, i + 1, 200, 0, 200, 0); /* CV 1.0 */
        else
            sep_to_dec(f, i + 1, 100 - dev[i], 100 + dev[i], 100 - dev[i], 100 + dev[i]);
    }
    sep_to_dec(f, 11, 0, 0, 0, 100);
    set_i64(f, SEG_PARAM_XYZ_BY_RANK, 1);
    seg_result *r = run_at(f, "2024-12-31");
    for (int i = 0; i < 11; i++)
        expect_i64(r, SEG_COL_XYZ, row(f, i + 1), want[i]);
    expect_f64(r, SEG_COL_XYZ_CV, row(f, 5), 0.3);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_X), 3);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_Y), 3);
    assert_int_equal(class_count(r, SEG_COL_XYZ, SEG_XYZ_Z), 4);
    seg_result_free(r);
    /* Shares 0.3 / 0.3: X = floor(3) = 3 → {1, 2, 3} (no tie at the cut);
     * Y up to floor(6) = 6 → {4, 5, 6}, the 6th and 7th (0.3, 0.4) not tied. */
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_XYZ_RANK_X, 0.3), SEG_OK);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_XYZ_RANK_Y, 0.3), SEG_OK);
    r = run(f);
    for (int i = 0; i < 11; i++)
        expect_i64(r, SEG_COL_XYZ, row(f, i + 1), want[i]);
    seg_result_free(r);
    /* Shares 0.1 / 0.3: X = floor(1) = 1 → {1}; Y up to floor(4) = 4: the 4th
     * is customer 4 (0.2) and the 5th (0.3) is not tied with it → Y = {2, 3, 4}. */
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_XYZ_RANK_X, 0.1), SEG_OK);
    r = run(f);
    expect_i64(r, SEG_COL_XYZ, row(f, 1), SEG_XYZ_X);
    expect_i64(r, SEG_COL_XYZ, row(f, 2), SEG_XYZ_Y);
    expect_i64(r, SEG_COL_XYZ, row(f, 3), SEG_XYZ_Y);
    expect_i64(r, SEG_COL_XYZ, row(f, 4), SEG_XYZ_Y);
    expect_i64(r, SEG_COL_XYZ, row(f, 5), SEG_XYZ_Z);
    expect_i64(r, SEG_COL_XYZ, row(f, 6), SEG_XYZ_Z);
    seg_result_free(r);
}

/* ---- weeks and quarters ---- */

/* A dataset folded by day, analysed by ISO week (Monday … Sunday); 2024-12-02,
 * -09, -16, -23 are Mondays, 2024-12-08, -22, -29 Sundays.
 * Customer 1: 100 on Mon 12-02 and 100 on Sun 12-08 (one week), 200 on Mon
 * 12-09, 200 on Sun 12-22, 200 on Mon 12-23. Customer 2: 100 on Wed 12-04, 300
 * on Thu 12-12.
 * As of Sunday 2024-12-29 the last week is complete; a window of 4 weeks
 * starts on the Mondays 12-02, 12-09, 12-16, 12-23.
 *   Customer 1: 200, 200, 200, 200 → CV 0 → X, mean 200 (a Sunday-first week
 *   would give 100, 300, …).
 *   Customer 2: 100, 300, 0, 0 → mean 100, variance (0 + 200² + 100² + 100²)
 *   / 4 = 15000, CV = √15000 / 100 ≈ 1.225 → Z.
 *   Metric per week: 300, 500, 200, 200.
 * As of Wednesday 2024-12-25 the week of 12-23 is partial and left out: the
 * window is the weeks of 11-25, 12-02, 12-09, 12-16.
 *   Customer 1 from its first week (12-02): 200, 200, 200 → X, 3 periods.
 *   Customer 2: 100, 300, 0 → mean 400/3, deviations −100/3, 500/3, −400/3,
 *   variance (10000 + 250000 + 160000) / 9 / 3 = 140000 / 9, std √140000 / 3,
 *   CV = √140000 / 400 ≈ 0.935 → Z. */
static void weeks_from_a_daily_dataset(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_PERIOD, SEG_PERIOD_DAY), SEG_OK);
    buy(f, 1, "2024-12-02", 100);
    buy(f, 1, "2024-12-08", 100);
    buy(f, 1, "2024-12-09", 200);
    buy(f, 1, "2024-12-22", 200);
    buy(f, 1, "2024-12-23", 200);
    buy(f, 2, "2024-12-04", 100);
    buy(f, 2, "2024-12-12", 300);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_WEEK);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 4);
    seg_result *r = run_at(f, "2024-12-29");
    assert_int_equal(sum_i64(r, SEG_SUM_XYZ_PERIOD), SEG_PERIOD_WEEK);
    assert_int_equal(seg_result_period_count(r), 4);
    expect_period(r, 0, "2024-12-02", "2024-12-08", 1);
    expect_period(r, 3, "2024-12-23", "2024-12-29", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.0, 4, 200.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_Z, sqrt(15000.0) / 100.0, 4, 100.0);
    static const int64_t metric[4] = {300, 500, 200, 200};
    for (size_t p = 0; p < 4; p++)
        assert_int_equal(period_i64(r, p, SEG_PSTAT_METRIC), metric[p]);
    seg_result_free(r);
    r = run_at(f, "2024-12-25");
    expect_period(r, 0, "2024-11-25", "2024-12-01", 1);
    expect_period(r, 3, "2024-12-16", "2024-12-22", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.0, 3, 200.0);
    expect_xyz(r, row(f, 2), SEG_XYZ_Z, sqrt(140000.0) / 400.0, 3, 400.0 / 3.0);
    seg_result_free(r);
}

/* A monthly dataset analysed by quarter. Customer 1: 100 in January and March
 * (Q1 = 200), 200 in May (Q2), 100 in August and 200 in September (Q3 = 300),
 * 100 on 2024-11-05 (Q4).
 * As of 2024-12-31, 4 quarters 2024 Q1 … Q4: 200, 200, 300, 100 → mean 200,
 * variance (0 + 0 + 100² + 100²) / 4 = 5000, CV = √5000 / 200 ≈ 0.354 → Z.
 * As of 2024-11-30, the last day of a month but not of its quarter: Q4 is
 * partial and left out; window 2023 Q4 … 2024 Q3, series from Q1: 200, 200,
 * 300 → mean 700/3, deviations −100/3, −100/3, 200/3, variance 60000 / 9 / 3,
 * std √20000 / 3, CV = √20000 / 700 ≈ 0.202 → Y.
 * As of 2024-11-30 with the partial period: Q1 … Q4 again, Q4 counted up to
 * 2024-11-30 and not complete: CV √5000 / 200. */
static void quarters_from_a_monthly_dataset(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2024-01-10", 100);
    buy(f, 1, "2024-03-10", 100);
    buy(f, 1, "2024-05-10", 200);
    buy(f, 1, "2024-08-10", 100);
    buy(f, 1, "2024-09-10", 200);
    buy(f, 1, "2024-11-05", 100);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_QUARTER);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 4);
    seg_result *r = run_at(f, "2024-12-31");
    assert_int_equal(sum_i64(r, SEG_SUM_XYZ_PERIOD), SEG_PERIOD_QUARTER);
    expect_period(r, 0, "2024-01-01", "2024-03-31", 1);
    expect_period(r, 3, "2024-10-01", "2024-12-31", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(5000.0) / 200.0, 4, 200.0);
    assert_int_equal(period_i64(r, 2, SEG_PSTAT_METRIC), 300);
    seg_result_free(r);
    r = run_at(f, "2024-11-30");
    expect_period(r, 0, "2023-10-01", "2023-12-31", 1);
    expect_period(r, 3, "2024-07-01", "2024-09-30", 1);
    expect_xyz(r, row(f, 1), SEG_XYZ_Y, sqrt(20000.0) / 700.0, 3, 700.0 / 3.0);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_PARTIAL, 1);
    r = run(f);
    expect_period(r, 3, "2024-10-01", "2024-11-30", 0);
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(5000.0) / 200.0, 4, 200.0);
    seg_result_free(r);
}

/* A dataset folded by day allows months and quarters too; purchases on the
 * last and first days of quarters land in the right period. As of
 * 2024-12-31, one customer buys 100 on 03-31, 04-01, 09-30, 10-01 and 12-31.
 * Quarters (window 4): Q1 100, Q2 100, Q3 100, Q4 200 → mean 125, variance
 * (3 · 25² + 75²) / 4 = (1875 + 5625) / 4 = 1875, CV = √1875 / 125 ≈ 0.346 → Z.
 * Months (window 12, January … December), from March: 100, 100, 0, 0, 0, 0,
 * 100, 100, 0, 100 → 10 periods, mean 50, every value 50 from the mean →
 * std 50, CV 1.0 → Z. */
static void months_and_quarters_from_a_daily_dataset(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_PERIOD, SEG_PERIOD_DAY), SEG_OK);
    buy(f, 1, "2024-03-31", 100);
    buy(f, 1, "2024-04-01", 100);
    buy(f, 1, "2024-09-30", 100);
    buy(f, 1, "2024-10-01", 100);
    buy(f, 1, "2024-12-31", 100);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_QUARTER);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 4);
    seg_result *r = run(f);
    expect_period(r, 0, "2024-01-01", "2024-03-31", 1);
    expect_xyz(r, 0, SEG_XYZ_Z, sqrt(1875.0) / 125.0, 4, 125.0);
    assert_int_equal(period_i64(r, 3, SEG_PSTAT_METRIC), 200);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_MONTH);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 12);
    r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_XYZ_PERIOD), SEG_PERIOD_MONTH);
    expect_period(r, 0, "2024-01-01", "2024-01-31", 1);
    expect_xyz(r, 0, SEG_XYZ_Z, 1.0, 10, 50.0);
    seg_result_free(r);
}

/* A week is not made of months (nor a day): a monthly dataset refuses them
 * with SEG_ERR_STATE and a message. Quarter and month are fine. */
static void week_from_a_monthly_dataset_is_refused(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    buy(f, 1, "2024-12-10", 100);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_WEEK);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_STATE);
    assert_null(r);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_DAY);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_STATE);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_QUARTER);
    r = run(f);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_MONTH);
    r = run(f);
    seg_result_free(r);
}

/* ---- metrics ---- */

/* As of 2024-12-31; one customer, each row its own order:
 *   October:  100 (qty 2)                       → revenue 100, qty 2, purchases 1
 *   November: 50 (qty 2), 50 (qty 2)            → revenue 100, qty 4, purchases 2
 *   December: 40 (qty 2), 30 (qty 2), 30 (qty 2) → revenue 100, qty 6, purchases 3
 * Revenue 100, 100, 100 → mean 100, CV 0 → X.
 * Quantity 2, 4, 6 → mean 4, variance (4 + 0 + 4) / 3 = 8/3, CV = √(8/3) / 4
 * ≈ 0.408 → Z.
 * Purchases 1, 2, 3 → mean 2, variance (1 + 0 + 1) / 3 = 2/3, CV = √(2/3) / 2
 * ≈ 0.408 → Z. December's period metric: 100, 6, 3. */
static void quantity_and_purchases_metrics(void **state)
{
    fixture *f = *state;
    const int64_t two = 2;
    txn(f, 1, "2024-10-05", 100, "a", &two);
    txn(f, 1, "2024-11-05", 50, "b", &two);
    txn(f, 1, "2024-11-20", 50, "c", &two);
    txn(f, 1, "2024-12-05", 40, "d", &two);
    txn(f, 1, "2024-12-06", 30, "e", &two);
    txn(f, 1, "2024-12-07", 30, "f", &two);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, 0, SEG_XYZ_X, 0.0, 3, 100.0);
    assert_int_equal(period_i64(r, 11, SEG_PSTAT_METRIC), 100);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_METRIC, SEG_METRIC_QUANTITY);
    r = run(f);
    expect_xyz(r, 0, SEG_XYZ_Z, sqrt(8.0 / 3.0) / 4.0, 3, 4.0);
    assert_int_equal(period_i64(r, 11, SEG_PSTAT_METRIC), 6);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_XYZ_METRIC, SEG_METRIC_PURCHASES);
    r = run(f);
    expect_xyz(r, 0, SEG_XYZ_Z, sqrt(2.0 / 3.0) / 2.0, 3, 2.0);
    assert_int_equal(period_i64(r, 11, SEG_PSTAT_METRIC), 3);
    seg_result_free(r);
}

/* Customers without a purchase get no XYZ values: a declared lead and a
 * customer with only a refund (a refund is never a purchase). */
static void leads_have_no_xyz(void **state)
{
    fixture *f = *state;
    sep_to_dec(f, 1, 100, 100, 100, 100);
    (void)cust(f, 2);
    buy(f, 3, "2024-10-10", -40);
    seg_result *r = run_at(f, "2024-12-31");
    expect_xyz(r, row(f, 1), SEG_XYZ_X, 0.0, 4, 100.0);
    for (int64_t id = 2; id <= 3; id++)
        expect_xyz(r, row(f, id), NUL, NAN, NUL, NAN);
    /* Class shares count only customers with an XYZ value: X is 1 of 1. */
    double share = 0;
    assert_int_equal(seg_result_class_summary(NULL, NULL, &share, NULL, r, SEG_COL_XYZ, SEG_XYZ_X), SEG_OK);
    assert_true(share == 1.0);
    seg_result_free(r);
}

/* ---- ABC × XYZ ---- */

/* As of 2024-12-31, four-month series (September … December):
 *   1: 250, 250, 250, 250 → total 1000, CV 0 → X
 *   2: 100, 300, 100, 300 → total 800, mean 200, std 100, CV 0.5 → Z
 *   3: December only, 100 → total 100, too new ("-")
 *   4: 20, 30, 20, 30     → total 100, mean 25, std 5, CV 0.2 → Y
 *   5: 20, 20, 20, 20     → total 80, CV 0 → X
 *   6: a lead.
 *   7: 100 in September, −100 in October → total 0, series 100, −100, 0, 0
 *      with mean 0 → no mean ("-"); ABC C (bought, metric ≤ 0).
 * ABC over revenue: T = 1000 + 800 + 100 + 100 + 80 = 2080. Ranking 1, 2, 3,
 * 4 (3 and 4 tie at 100, by id), 5, 7. Cumulative 1000, 1800, 1900, 2000,
 * 2080, 2080.
 * A: smallest prefix reaching 0.80 · 2080 = 1664 → {1, 2} (1800).
 * B: smallest longer prefix reaching 0.95 · 2080 = 1976 → {3, 4} (2000).
 * C: {5, 7}.
 * Matrix (rows A, B, C; columns X, Y, Z), customers 3 and 7 left out:
 *   A: X 1 (1000), Y 0, Z 1 (800)
 *   B: X 0, Y 1 (100), Z 0
 *   C: X 1 (80), Y 0, Z 0
 * Shares of the metric of all customers with an ABC class (2080 + 0): 1000/2080,
 * 0, 800/2080, 0, 100/2080, 0, 80/2080, 0, 0.
 * XYZ class summary: X holds customers 1 and 5 of the 6 with an XYZ value:
 * count share 2/6, metric 1080, metric share 1080/2080. */
static void abc_xyz_matrix(void **state)
{
    fixture *f = *state;
    sep_to_dec(f, 1, 250, 250, 250, 250);
    sep_to_dec(f, 2, 100, 300, 100, 300);
    sep_to_dec(f, 3, 0, 0, 0, 100);
    sep_to_dec(f, 4, 20, 30, 20, 30);
    sep_to_dec(f, 5, 20, 20, 20, 20);
    (void)cust(f, 6);
    sep_to_dec(f, 7, 100, -100, 0, 0);
    seg_result *r = run_at(f, "2024-12-31");
    static const int64_t abc[7] = {SEG_ABC_A, SEG_ABC_A, SEG_ABC_B, SEG_ABC_B, SEG_ABC_C, NUL, SEG_ABC_C};
    static const int64_t xyz[7] = {SEG_XYZ_X, SEG_XYZ_Z, SEG_XYZ_TOO_NEW, SEG_XYZ_Y, SEG_XYZ_X, NUL, SEG_XYZ_NO_MEAN};
    for (int i = 0; i < 7; i++) {
        expect_i64(r, SEG_COL_ABC, row(f, i + 1), abc[i]);
        expect_i64(r, SEG_COL_XYZ, row(f, i + 1), xyz[i]);
    }
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 2080);
    int64_t counts[9];
    double shares[9];
    static const int64_t want_counts[9] = {1, 0, 1, 0, 1, 0, 1, 0, 0};
    static const double want_metric[9] = {1000, 0, 800, 0, 100, 0, 80, 0, 0};
    assert_int_equal(seg_result_abc_xyz(counts, shares, r), SEG_OK);
    for (int i = 0; i < 9; i++) {
        assert_int_equal(counts[i], want_counts[i]);
        if (!close_to(shares[i], want_metric[i] / 2080.0))
            fail_msg("cell %d: share %.17g, want %.17g", i, shares[i], want_metric[i] / 2080.0);
    }
    assert_int_equal(seg_result_abc_xyz(NULL, shares, r), SEG_OK);
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_OK);
    assert_int_equal(seg_result_abc_xyz(counts, shares, NULL), SEG_ERR_INVALID_ARGUMENT);
    int64_t n = 0, metric = 0;
    double count_share = 0, metric_share = 0;
    assert_int_equal(seg_result_class_summary(&n, &metric, &count_share, &metric_share, r, SEG_COL_XYZ, SEG_XYZ_X),
                     SEG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(metric, 1080);
    assert_true(close_to(count_share, 2.0 / 6.0));
    assert_true(close_to(metric_share, 1080.0 / 2080.0));
    seg_result_free(r);
}

/* The matrix needs both ABC and XYZ; the XYZ summaries need XYZ. */
static void abc_xyz_needs_both(void **state)
{
    fixture *f = *state;
    int64_t counts[9];
    double d;
    sep_to_dec(f, 1, 100, 100, 100, 100);
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC);
    seg_result *r = run_at(f, "2024-12-31");
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_ERR_STATE);
    assert_int_equal(seg_result_summary_f64(&d, r, SEG_SUM_XYZ_CV_MEDIAN), SEG_ERR_STATE);
    assert_int_equal(seg_result_class_summary(counts, NULL, NULL, NULL, r, SEG_COL_XYZ, SEG_XYZ_X), SEG_ERR_STATE);
    expect_i64(r, SEG_COL_XYZ, 0, NUL);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_XYZ);
    r = run(f);
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_ERR_STATE);
    expect_i64(r, SEG_COL_XYZ, 0, SEG_XYZ_X);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_XYZ | SEG_ANALYSIS_ABC);
    r = run(f);
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_OK);
    assert_int_equal(counts[0], 1); /* A × X */
    seg_result_free(r);
}

/* ---- the window's period figures ---- */

/* A window of 3 months as of 2024-03-31 (the last day of March): January,
 * February, March 2024.
 *   Customer 1: 100 on 2023-12-20 (before the window), orders o1 (50) on
 *   01-05 and o2 (70) on 01-20, 30 on 03-10 (no order id).
 *   Customer 2: 200 and a −50 refund on 02-14.
 *   Customer 3: order x in two lines (40, 10) on 03-01, 80 on 03-31 (no id).
 *   Customer 4: a lead.
 * January: buyers {1}; purchases of 1: 2 orders → repeat 1; new 0 (1 first
 *   bought in December 2023); metric 50 + 70 = 120; repeat rate 1/1.
 * February: buyers {2}, 1 purchase → repeat 0; new {2} → 1; metric 200 − 50
 *   = 150; repeat rate 0/1.
 * March: buyers {1, 3}; 3 has order x + one row without an id = 2 purchases
 *   → repeat 1, 1 has one; new {3} → 1; metric 30 + 40 + 10 + 80 = 160;
 *   repeat rate 1/2.
 * XYZ of customer 1: first purchase before the window, so January … March:
 * 120, 0, 30 → mean 50, variance (70² + 50² + 20²) / 3 = 7800 / 3 = 2600,
 * CV = √2600 / 50 ≈ 1.020 → Z. */
static void window_period_figures(void **state)
{
    fixture *f = *state;
    buy(f, 1, "2023-12-20", 100);
    txn(f, 1, "2024-01-05", 50, "o1", NULL);
    txn(f, 1, "2024-01-20", 70, "o2", NULL);
    buy(f, 1, "2024-03-10", 30);
    buy(f, 2, "2024-02-14", 200);
    buy(f, 2, "2024-02-14", -50);
    txn(f, 3, "2024-03-01", 40, "x", NULL);
    txn(f, 3, "2024-03-01", 10, "x", NULL);
    buy(f, 3, "2024-03-31", 80);
    (void)cust(f, 4);
    set_i64(f, SEG_PARAM_XYZ_WINDOW, 3);
    seg_result *r = run(f); /* as of the latest transaction, 2024-03-31 */
    assert_int_equal(sum_i64(r, SEG_SUM_AS_OF), day("2024-03-31"));
    assert_int_equal(seg_result_period_count(r), 3);
    expect_period(r, 0, "2024-01-01", "2024-01-31", 1);
    expect_period(r, 1, "2024-02-01", "2024-02-29", 1);
    expect_period(r, 2, "2024-03-01", "2024-03-31", 1);
    static const int64_t buyers[3] = {1, 1, 2}, repeat[3] = {1, 0, 1}, fresh[3] = {0, 1, 1},
                         metric[3] = {120, 150, 160};
    static const double rate[3] = {1.0, 0.0, 0.5};
    for (size_t p = 0; p < 3; p++) {
        assert_int_equal(period_i64(r, p, SEG_PSTAT_BUYERS), buyers[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_REPEAT_BUYERS), repeat[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_NEW), fresh[p]);
        assert_int_equal(period_i64(r, p, SEG_PSTAT_METRIC), metric[p]);
        assert_true(period_f64(r, p, SEG_PSTAT_REPEAT_RATE) == rate[p]);
    }
    expect_xyz(r, row(f, 1), SEG_XYZ_Z, sqrt(2600.0) / 50.0, 3, 50.0);
    int64_t v;
    double d;
    assert_int_equal(seg_result_period_i64(&v, r, 3, SEG_PSTAT_BUYERS), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_CHURN_RATE), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_period_f64(&d, r, 0, SEG_PSTAT_BUYERS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_period_i64(&v, r, 0, (seg_period_stat)77), SEG_ERR_UNSUPPORTED);
    seg_result_free(r);
    /* XYZ alone: the window's own figures are there, the lifecycle's and
     * Pareto's are not. */
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_XYZ);
    r = run(f);
    assert_int_equal(period_i64(r, 2, SEG_PSTAT_BUYERS), 2);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_CURRENT_AT_START), SEG_ERR_STATE);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_TOP_COUNT), SEG_ERR_STATE);
    assert_int_equal(seg_result_period_f64(&d, r, 0, SEG_PSTAT_CHURN_RATE), SEG_ERR_STATE);
    seg_result_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, analysis_setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(window_ends_on_month_end),
        T(mid_month_as_of_excludes_partial_month),
        T(partial_month_on_request),
        T(series_from_first_purchase_or_zero_filled),
        T(too_new_below_min_periods),
        T(non_positive_mean_has_no_cv),
        T(population_or_sample_std),
        T(bounds_and_wide_preset),
        T(cv_quantiles_type7),
        T(rank_mode_keeps_ties_together),
        T(weeks_from_a_daily_dataset),
        T(quarters_from_a_monthly_dataset),
        T(months_and_quarters_from_a_daily_dataset),
        T(week_from_a_monthly_dataset_is_refused),
        T(quantity_and_purchases_metrics),
        T(leads_have_no_xyz),
        T(abc_xyz_matrix),
        T(abc_xyz_needs_both),
        T(window_period_figures),
    };
    return cmocka_run_group_tests_name("xyz", tests, NULL, NULL);
}
