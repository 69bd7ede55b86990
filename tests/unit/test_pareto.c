/* Pareto against docs/analyses.md, every expected value computed by hand:
 * top and reach shares, Gini, the Lorenz curve and the per-period top lists. */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>

typedef analysis_fixture fixture;

static int setup(void **state)
{
    if (analysis_setup(state))
        return -1;
    fixture *f = *state;
    return seg_params_set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_PARETO) == SEG_OK ? 0 : -1;
}

static size_t cust(seg_dataset *ds, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, ds, id), SEG_OK);
    return c;
}

static size_t find(const seg_dataset *ds, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_find_i64(&c, ds, id), SEG_OK);
    return c;
}

static void tx(seg_dataset *ds, size_t c, const char *date, int64_t amount)
{
    assert_int_equal(seg_dataset_add_transaction(ds, c, day(date), amount, NULL, 0, NULL, NULL), SEG_OK);
}

/* Customers 1 … n, each with one purchase of v[i − 1] on 2024-06-01. */
static void load_values(seg_dataset *ds, const int64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tx(ds, cust(ds, (int64_t)i + 1), "2024-06-01", v[i]);
}

/* A buyer whose net is `net` ≤ 0: a purchase of 10, then a refund. */
static void load_non_positive(seg_dataset *ds, int64_t id, int64_t net)
{
    size_t c = cust(ds, id);
    tx(ds, c, "2024-06-01", 10);
    tx(ds, c, "2024-06-02", net - 10);
}

static seg_result *run(const fixture *f)
{
    seg_result *r = NULL;
    if (seg_analyze(&r, f->ds, f->p) != SEG_OK)
        fail_msg("seg_analyze: %s", seg_context_errmsg(f->ctx));
    return r;
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static double sum_f64(const seg_result *r, seg_summary key)
{
    double v = NAN;
    assert_int_equal(seg_result_summary_f64(&v, r, key), SEG_OK);
    return v;
}

static void expect_near(double got, double want, const char *what)
{
    if (!(fabs(got - want) <= 1e-12))
        fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

/* Top count and share, reach count and share, Gini. */
static void expect_pareto(const seg_result *r, int64_t top_n, double top_share, int64_t reach_k, double reach_share,
                          double gini)
{
    assert_int_equal(sum_i64(r, SEG_SUM_PARETO_TOP_COUNT), top_n);
    expect_near(sum_f64(r, SEG_SUM_PARETO_TOP_SHARE), top_share, "top share");
    assert_int_equal(sum_i64(r, SEG_SUM_PARETO_REACH_COUNT), reach_k);
    expect_near(sum_f64(r, SEG_SUM_PARETO_REACH_SHARE), reach_share, "reach share");
    expect_near(sum_f64(r, SEG_SUM_GINI), gini, "gini");
}

static void set_f64(seg_params *p, seg_param key, double v)
{
    assert_int_equal(seg_params_set_f64(p, key, v), SEG_OK);
}

static void set_i64(seg_params *p, seg_param key, int64_t v)
{
    assert_int_equal(seg_params_set_i64(p, key, v), SEG_OK);
}

/* The Lorenz curve, compared point by point. */
static void expect_lorenz(const seg_result *r, const double *x, const double *y, size_t n)
{
    double gx[128], gy[128];
    size_t got = 0;
    assert_int_equal(seg_result_lorenz(gx, gy, 128, &got, r), SEG_OK);
    assert_int_equal(got, n);
    for (size_t i = 0; i < n; i++) {
        expect_near(gx[i], x[i], "lorenz x");
        expect_near(gy[i], y[i], "lorenz y");
    }
}

/* Values 1, 2, 3, 4 (n = 4, T = 10):
 *   Gini = Σ (2i − n − 1) vᵢ / (n T) = (−3·1 − 1·2 + 1·3 + 3·4) / 40 = 10/40 = 0.25.
 *   Top 20 %: floor(0.2 · 4) = 0 buyers → 0 / 10 = 0.
 *   Reach 80 %: descending 4, 7, 9 → the third reaches 8: k = 3 → 3/4. */
static void one_to_four(void **state)
{
    fixture *f = *state;
    load_values(f->ds, (const int64_t[]){1, 2, 3, 4}, 4);
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 10);
    expect_pareto(r, 0, 0.0, 3, 0.75, 0.25);
    seg_result_free(r);
    /* Top 50 %: floor(2) = 2 → (4 + 3)/10; reach 70 %: 4, 7 → k = 2 → 2/4. */
    set_f64(f->p, SEG_PARAM_PARETO_TOP, 0.5);
    set_f64(f->p, SEG_PARAM_PARETO_REACH, 0.7);
    r = run(f);
    expect_pareto(r, 2, 0.7, 2, 0.5, 0.25);
    seg_result_free(r);
}

/* The worked example 40 20 10 8 7 5 4 3 2 1 (n = 10, T = 100):
 *   Top 20 %: floor(2) = 2 → 60/100.  Reach 80 %: 40 60 70 78 85 → k = 5 → 5/10.
 *   Gini: ascending 1 2 3 4 5 7 8 10 20 40 with weights 2i − 11 = −9 … 9:
 *     −9 −14 −15 −12 −5 +7 +24 +50 +140 +360 = 526 → 526 / 1000 = 0.526.
 *   Top 30 %: floor(3) = 3 → 0.7. Reach 85 % is met exactly at k = 5;
 *   reach 86 % needs the sixth (90) → 6/10. */
static const int64_t ten[10] = {40, 20, 10, 8, 7, 5, 4, 3, 2, 1};

static void worked_example(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    seg_result *r = run(f);
    expect_pareto(r, 2, 0.6, 5, 0.5, 0.526);
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_PARETO_TOP, 0.3);
    set_f64(f->p, SEG_PARAM_PARETO_REACH, 0.85);
    r = run(f);
    expect_pareto(r, 3, 0.7, 5, 0.5, 0.526);
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_PARETO_REACH, 0.86);
    r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_PARETO_REACH_COUNT), 6);
    expect_near(sum_f64(r, SEG_SUM_PARETO_REACH_SHARE), 0.6, "reach 86 %");
    seg_result_free(r);
}

/* Negative values count as 0, and such buyers still count in n. The ten plus
 * buyer 11 (net 0) and buyer 12 (net −20): n = 12, T = 100 still.
 *   Top: floor(0.2 · 12) = 2 → 60/100. Reach: k = 5 → 5/12.
 *   Gini, ascending 0 0 1 2 3 4 5 7 8 10 20 40, weights 2i − 13 = −11 … 11:
 *     −7 −10 −9 −4 +5 +21 +40 +70 +180 +440 = 726 → 726 / 1200 = 0.605. */
static void negatives_count_as_zero(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    load_non_positive(f->ds, 11, 0);
    load_non_positive(f->ds, 12, -20);
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 12);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 100);
    expect_pareto(r, 2, 0.6, 5, 5.0 / 12.0, 0.605);
    seg_result_free(r);
}

/* Extremes. All equal (4 × 25): Gini 0; top floor(0.8) = 0 → 0; reach needs
 * all four (25 50 75 100) → 1.
 * One buyer has everything among n = 5: 100, and four buyers netting 0, 0,
 * −50 (→ 0) and 0: Gini = (2·5 − 5 − 1)·100 / (5·100) = 4/5 = (n − 1)/n;
 * top floor(1) = 1 → 1; reach k = 1 → 1/5. */
static void gini_extremes(void **state)
{
    fixture *f = *state;
    load_values(f->ds, (const int64_t[]){25, 25, 25, 25}, 4);
    seg_result *r = run(f);
    expect_pareto(r, 0, 0.0, 4, 1.0, 0.0);
    seg_result_free(r);

    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, f->ctx), SEG_OK);
    load_non_positive(ds, 1, 0);
    load_non_positive(ds, 2, 0);
    tx(ds, cust(ds, 3), "2024-06-01", 100);
    load_non_positive(ds, 4, -50);
    load_non_positive(ds, 5, 0);
    assert_int_equal(seg_analyze(&r, ds, f->p), SEG_OK);
    expect_pareto(r, 1, 1.0, 1, 0.2, 0.8);
    /* Lorenz at 6 points: the four smallest hold nothing. */
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 6);
    assert_int_equal(seg_analyze(&r, ds, f->p), SEG_OK);
    expect_lorenz(r, (const double[]){0, 0.2, 0.4, 0.6, 0.8, 1}, (const double[]){0, 0, 0, 0, 0, 1}, 6);
    seg_result_free(r);
    seg_dataset_free(ds);
}

/* floor(p · n) exactly: 100 buyers with metric 1 … 100 (T = 5050), p = 0.29.
 * floor(0.29 · 100) = 29 (in doubles 0.29 · 100 = 28.999999999999996).
 * Top 29 = 72 + … + 100 = 29 · 172 / 2 = 2494 → 2494 / 5050.
 * Reach 50 % (2525): the top k hold k (201 − k)/2: k = 29 → 2494, k = 30 →
 * 2565 → 30/100. Gini: Σ (2i − 101) i = 2 · 338350 − 101 · 5050 = 166650,
 * over 100 · 5050 → 0.33. */
static void exact_floor_of_top_share(void **state)
{
    fixture *f = *state;
    for (int64_t i = 1; i <= 100; i++)
        tx(f->ds, cust(f->ds, i), "2024-06-01", i);
    set_f64(f->p, SEG_PARAM_PARETO_TOP, 0.29);
    set_f64(f->p, SEG_PARAM_PARETO_REACH, 0.5);
    seg_result *r = run(f);
    expect_pareto(r, 29, 2494.0 / 5050.0, 30, 0.3, 0.33);
    seg_result_free(r);
}

/* Lorenz of 1, 2, 3, 4 (T = 10), y(x) = share held by the smallest x · 4,
 * linear between customers:
 *   5 points, x · 4 = 0 1 2 3 4: y = 0, 1/10, 3/10, 6/10, 1.
 *   9 points, x · 4 = 0, 0.5, 1, …: y(0.125) = 0.5 · 1 / 10 = 0.05,
 *     y(0.375) = (1 + 0.5 · 2)/10 = 0.2, y(0.625) = (3 + 0.5 · 3)/10 = 0.45,
 *     y(0.875) = (6 + 0.5 · 4)/10 = 0.8.
 *   4 points, x · 4 = 4/3, 8/3: y(1/3) = (1 + (1/3) · 2)/10 = 1/6,
 *     y(2/3) = (1 + 2 + (2/3) · 3)/10 = 0.5.
 *   2 points: (0, 0), (1, 1).
 *   101 points [default]: x = 0.25 → 0.1, x = 0.5 → 0.3, x = 1 → 1. */
static void lorenz_points(void **state)
{
    fixture *f = *state;
    load_values(f->ds, (const int64_t[]){3, 1, 4, 2}, 4);
    seg_result *r = run(f);
    double x[101], y[101];
    size_t n = 0;
    assert_int_equal(seg_result_lorenz(x, y, 101, &n, r), SEG_OK);
    assert_int_equal(n, 101);
    expect_near(x[0], 0, "x0");
    expect_near(y[0], 0, "y0");
    expect_near(x[25], 0.25, "x25");
    expect_near(y[25], 0.1, "y25");
    expect_near(x[50], 0.5, "x50");
    expect_near(y[50], 0.3, "y50");
    expect_near(x[100], 1, "x100");
    expect_near(y[100], 1, "y100");
    /* x = 0.01 → 0.04 of a customer → 0.04 · 1 / 10. */
    expect_near(y[1], 0.004, "y1");
    for (int i = 1; i < 101; i++)
        assert_true(y[i] >= y[i - 1] && y[i] <= x[i] + 1e-15); /* convex, below the diagonal */
    assert_int_equal(seg_result_lorenz(x, y, 100, &n, r), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 101);
    assert_int_equal(seg_result_lorenz(NULL, NULL, 0, &n, r), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 101);
    assert_int_equal(seg_result_lorenz(x, NULL, 5, &n, r), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_lorenz(x, y, 5, NULL, r), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_lorenz(x, y, 5, &n, NULL), SEG_ERR_INVALID_ARGUMENT);
    seg_result_free(r);

    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 5);
    r = run(f);
    expect_lorenz(r, (const double[]){0, 0.25, 0.5, 0.75, 1}, (const double[]){0, 0.1, 0.3, 0.6, 1}, 5);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 9);
    r = run(f);
    expect_lorenz(r, (const double[]){0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1},
                  (const double[]){0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1}, 9);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 4);
    r = run(f);
    expect_lorenz(r, (const double[]){0, 1.0 / 3, 2.0 / 3, 1}, (const double[]){0, 1.0 / 6, 0.5, 1}, 4);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 2);
    r = run(f);
    expect_lorenz(r, (const double[]){0, 1}, (const double[]){0, 1}, 2);
    seg_result_free(r);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 10001), SEG_ERR_RANGE);
}

/* Negative values count as 0 on the curve: −5 (a buyer of 5 who returned 10),
 * 0, 10, 30 (T = 40). 5 points: y = 0, 0, 0, 10/40, 1. Gini: ascending
 * 0 0 10 30, weights −3 −1 1 3 → (10 + 90) / (4 · 40) = 0.625. */
static void lorenz_with_negatives(void **state)
{
    fixture *f = *state;
    size_t c1 = cust(f->ds, 1);
    tx(f->ds, c1, "2024-06-01", 5);
    tx(f->ds, c1, "2024-06-02", -10);
    load_non_positive(f->ds, 2, 0);
    tx(f->ds, cust(f->ds, 3), "2024-06-01", 10);
    tx(f->ds, cust(f->ds, 4), "2024-06-01", 30);
    set_i64(f->p, SEG_PARAM_LORENZ_POINTS, 5);
    seg_result *r = run(f);
    expect_lorenz(r, (const double[]){0, 0.25, 0.5, 0.75, 1}, (const double[]){0, 0, 0, 0.25, 1}, 5);
    expect_near(sum_f64(r, SEG_SUM_GINI), 0.625, "gini");
    seg_result_free(r);
}

/* Per-period lists, as of 2024-03-31, a window of 3 months (Jan, Feb, Mar
 * 2024; March is complete). Customers created 3, 2, 1, 4, 5, 10 … 6.
 *   Dec 2023 (outside): 1 +10000.
 *   Jan: 3 +300, 2 +300, 1 +100, 4 +50, 5 +200: m = 5 payers, top floor(0.2·5)
 *        = 1: 300 is tied by 2 and 3, ties by id → [2].
 *   Feb: 1 +500, 4 +100, 5 −50 (negative, not a payer), 2 +100 and −100
 *        (0, not a payer): m = 2 → floor(0.4) = 0 → [].
 *   Mar: k = 1 … 7 pay 10·k, 8 and 9 pay 90, 10 pays 100: m = 10 → 2 →
 *        100 (10), then 90 tied by 8 and 9 → [10, 8].
 * Periods on a list: 2, 8, 10 → 1 each; everyone else 0. */
static void load_periods(seg_dataset *ds)
{
    static const int64_t order[10] = {3, 2, 1, 4, 5, 10, 9, 8, 7, 6};
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, day("2024-03-31")), SEG_OK);
    for (int i = 0; i < 10; i++)
        cust(ds, order[i]);
    tx(ds, find(ds, 1), "2023-12-15", 10000);
    tx(ds, find(ds, 3), "2024-01-10", 300);
    tx(ds, find(ds, 2), "2024-01-10", 300);
    tx(ds, find(ds, 1), "2024-01-10", 100);
    tx(ds, find(ds, 4), "2024-01-10", 50);
    tx(ds, find(ds, 5), "2024-01-10", 200);
    tx(ds, find(ds, 1), "2024-02-10", 500);
    tx(ds, find(ds, 4), "2024-02-10", 100);
    tx(ds, find(ds, 5), "2024-02-10", -50);
    tx(ds, find(ds, 2), "2024-02-10", 100);
    tx(ds, find(ds, 2), "2024-02-11", -100);
    for (int64_t k = 1; k <= 10; k++)
        tx(ds, find(ds, k), "2024-03-10", k == 10 ? 100 : k >= 8 ? 90 : 10 * k);
}

static void expect_top(const seg_result *r, const seg_dataset *ds, size_t period, const int64_t *ids, size_t n)
{
    size_t got[16], got_n = 99;
    int64_t count = -1;
    assert_int_equal(seg_result_period_top(got, 16, &got_n, r, period), SEG_OK);
    assert_int_equal(got_n, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], find(ds, ids[i]));
    assert_int_equal(seg_result_period_i64(&count, r, period, SEG_PSTAT_TOP_COUNT), SEG_OK);
    assert_int_equal(count, (int64_t)n);
}

static void expect_periods_on_list(const seg_result *r, const seg_dataset *ds, const int64_t *want)
{
    for (int64_t id = 1; id <= 10; id++) {
        uint8_t valid = 0;
        int64_t got = col_i64(r, SEG_COL_PARETO_PERIODS, find(ds, id), &valid);
        assert_true(valid);
        if (got != want[id - 1])
            fail_msg("customer %lld: on %lld lists, want %lld", (long long)id, (long long)got,
                     (long long)want[id - 1]);
    }
}

static void period_top_lists(void **state)
{
    fixture *f = *state;
    load_periods(f->ds);
    set_i64(f->p, SEG_PARAM_XYZ_WINDOW, 3);
    seg_result *r = run(f);
    assert_int_equal(seg_result_period_count(r), 3);
    int64_t start = 0;
    assert_int_equal(seg_result_period_i64(&start, r, 0, SEG_PSTAT_START), SEG_OK);
    assert_int_equal(start, day("2024-01-01"));
    expect_top(r, f->ds, 0, (const int64_t[]){2}, 1);
    expect_top(r, f->ds, 1, NULL, 0);
    expect_top(r, f->ds, 2, (const int64_t[]){10, 8}, 2);
    expect_periods_on_list(r, f->ds, (const int64_t[]){0, 1, 0, 0, 0, 0, 0, 1, 0, 1});
    size_t one[1], n = 0;
    assert_int_equal(seg_result_period_top(one, 1, &n, r, 2), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 2);
    assert_int_equal(seg_result_period_top(NULL, 0, &n, r, 1), SEG_OK);
    assert_int_equal(n, 0);
    assert_int_equal(seg_result_period_top(one, 1, &n, r, 3), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_result_period_top(NULL, 1, &n, r, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_period_top(one, 1, NULL, r, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_period_top(one, 1, &n, NULL, 0), SEG_ERR_INVALID_ARGUMENT);
    seg_result_free(r);
}

/* p = 0.4: Jan floor(2) = 2 → [2, 3]; Feb floor(0.8) = 0; Mar floor(4) = 4 →
 * [10, 8, 9, 7]. p = 0.5: Jan floor(2.5) = 2 → [2, 3]; Feb floor(1) = 1 →
 * [1] (500 beats 100); Mar 5 → [10, 8, 9, 7, 6]. */
static void period_top_share(void **state)
{
    fixture *f = *state;
    load_periods(f->ds);
    set_i64(f->p, SEG_PARAM_XYZ_WINDOW, 3);
    set_f64(f->p, SEG_PARAM_PARETO_TOP, 0.4);
    seg_result *r = run(f);
    expect_top(r, f->ds, 0, (const int64_t[]){2, 3}, 2);
    expect_top(r, f->ds, 1, NULL, 0);
    expect_top(r, f->ds, 2, (const int64_t[]){10, 8, 9, 7}, 4);
    expect_periods_on_list(r, f->ds, (const int64_t[]){0, 1, 1, 0, 0, 0, 1, 1, 1, 1});
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_PARETO_TOP, 0.5);
    r = run(f);
    expect_top(r, f->ds, 0, (const int64_t[]){2, 3}, 2);
    expect_top(r, f->ds, 1, (const int64_t[]){1}, 1);
    expect_top(r, f->ds, 2, (const int64_t[]){10, 8, 9, 7, 6}, 5);
    expect_periods_on_list(r, f->ds, (const int64_t[]){1, 1, 1, 0, 0, 1, 1, 1, 1, 1});
    seg_result_free(r);
}

/* The window is XYZ's: as of 2024-04-15, April is partial and left out, so
 * the window is still Jan–Mar with the same lists; with the partial period
 * included it is Feb, Mar, Apr: [] then [10, 8] then [] (nobody paid in April). */
static void period_window_follows_xyz(void **state)
{
    fixture *f = *state;
    load_periods(f->ds);
    set_i64(f->p, SEG_PARAM_XYZ_WINDOW, 3);
    set_i64(f->p, SEG_PARAM_AS_OF, day("2024-04-15"));
    seg_result *r = run(f);
    expect_top(r, f->ds, 0, (const int64_t[]){2}, 1);
    expect_top(r, f->ds, 2, (const int64_t[]){10, 8}, 2);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_XYZ_PARTIAL, 1);
    r = run(f);
    int64_t start = 0;
    assert_int_equal(seg_result_period_i64(&start, r, 2, SEG_PSTAT_START), SEG_OK);
    assert_int_equal(start, day("2024-04-01"));
    expect_top(r, f->ds, 0, NULL, 0);
    expect_top(r, f->ds, 1, (const int64_t[]){10, 8}, 2);
    expect_top(r, f->ds, 2, NULL, 0);
    seg_result_free(r);
}

/* No buyers (a lead and a refund-only customer): nothing to share. The
 * summaries are undefined (NaN, as segment.h says) and floor(p · 0) = 0. */
static void no_buyers(void **state)
{
    fixture *f = *state;
    cust(f->ds, 1);
    tx(f->ds, cust(f->ds, 2), "2024-06-01", -10);
    seg_result *r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 0);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 0);
    assert_int_equal(sum_i64(r, SEG_SUM_PARETO_TOP_COUNT), 0);
    assert_true(isnan(sum_f64(r, SEG_SUM_PARETO_TOP_SHARE)));
    assert_true(isnan(sum_f64(r, SEG_SUM_PARETO_REACH_SHARE)));
    assert_true(isnan(sum_f64(r, SEG_SUM_GINI)));
    seg_result_free(r);
}

/* Pareto did not run: its reads are refused with SEG_ERR_STATE. */
static void state_when_pareto_did_not_run(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC | SEG_ANALYSIS_RFM);
    seg_result *r = run(f);
    double x[4], y[4];
    size_t n = 0, top[4];
    int64_t v = 0;
    assert_int_equal(seg_result_lorenz(x, y, 4, &n, r), SEG_ERR_STATE);
    assert_int_equal(seg_result_period_top(top, 4, &n, r, 0), SEG_ERR_STATE);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_PARETO | SEG_ANALYSIS_XYZ);
    r = run(f);
    assert_int_equal(seg_result_period_top(top, 4, &n, r, 0), SEG_OK);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_TOP_COUNT), SEG_OK);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_XYZ);
    r = run(f);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_TOP_COUNT), SEG_ERR_STATE);
    assert_int_equal(seg_result_lorenz(x, y, 4, &n, r), SEG_ERR_STATE);
    seg_result_free(r);
}

static void pareto_params(void **state)
{
    fixture *f = *state;
    double v = 0;
    int64_t i = 0;
    assert_int_equal(seg_param_default_f64(&v, SEG_PARAM_PARETO_TOP), SEG_OK);
    assert_true(v == 0.20);
    assert_int_equal(seg_param_default_f64(&v, SEG_PARAM_PARETO_REACH), SEG_OK);
    assert_true(v == 0.80);
    assert_int_equal(seg_param_default_i64(&i, SEG_PARAM_LORENZ_POINTS), SEG_OK);
    assert_int_equal(i, 101);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_PARETO_TOP, 1.01), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_PARETO_REACH, -0.01), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_PARETO_TOP, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_LORENZ_POINTS, 5), SEG_ERR_INVALID_ARGUMENT);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(one_to_four),
        T(worked_example),
        T(negatives_count_as_zero),
        T(gini_extremes),
        T(exact_floor_of_top_share),
        T(lorenz_points),
        T(lorenz_with_negatives),
        T(period_top_lists),
        T(period_top_share),
        T(period_window_follows_xyz),
        T(no_buyers),
        T(state_when_pareto_did_not_run),
        T(pareto_params),
    };
    return cmocka_run_group_tests_name("pareto", tests, NULL, NULL);
}
