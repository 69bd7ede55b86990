/* ABC classes against docs/analyses.md, every expected value computed by
 * hand: both boundary rules, ties, exact thresholds, presets, by-count mode,
 * metrics, ranks, cumulative shares and the class summaries. */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>

typedef analysis_fixture fixture;

enum { NONE = 0, A = SEG_ABC_A, B = SEG_ABC_B, C = SEG_ABC_C };

static int setup(void **state)
{
    if (analysis_setup(state))
        return -1;
    fixture *f = *state;
    return seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2024-06-30")) == SEG_OK &&
           seg_params_set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC) == SEG_OK ? 0 : -1;
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

/* Customers 1 … n, created last first, each with one purchase of v[i − 1]. */
static void load_values(seg_dataset *ds, const int64_t *v, size_t n)
{
    for (size_t i = n; i > 0; i--)
        cust(ds, (int64_t)i);
    for (size_t i = 0; i < n; i++)
        tx(ds, find(ds, (int64_t)i + 1), "2024-06-01", v[i]);
}

static seg_result *run(const fixture *f)
{
    seg_result *r = NULL;
    if (seg_analyze(&r, f->ds, f->p) != SEG_OK)
        fail_msg("seg_analyze: %s", seg_context_errmsg(f->ctx));
    return r;
}

static void set_f64(seg_params *p, seg_param key, double v)
{
    assert_int_equal(seg_params_set_f64(p, key, v), SEG_OK);
}

static void set_i64(seg_params *p, seg_param key, int64_t v)
{
    assert_int_equal(seg_params_set_i64(p, key, v), SEG_OK);
}

/* Classes of customers 1 … n as a string such as "AAABBC" ('-' = none). */
static void expect_classes(const seg_result *r, const seg_dataset *ds, const char *want)
{
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++) {
        uint8_t valid = 0;
        int64_t got = col_i64(r, SEG_COL_ABC, find(ds, (int64_t)i + 1), &valid);
        char g = valid ? "?ABC"[got] : '-';
        if (g != want[i])
            fail_msg("customer %zu: class %c, want %c (all: want %s)", i + 1, g, want[i], want);
    }
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static double share_of(const seg_result *r, const seg_dataset *ds, int64_t id, uint8_t *valid)
{
    double v = 0;
    assert_int_equal(seg_result_copy_f64(&v, valid, r, SEG_COL_ABC_SHARE, find(ds, id), 1), SEG_OK);
    return v;
}

/* The worked example: ten customers 40, 20, 10, 8, 7, 5, 4, 3, 2, 1 (T = 100).
 * Ranked descending, cumulative: 40 60 70 78 85 90 94 97 99 100. */
static const int64_t ten[10] = {40, 20, 10, 8, 7, 5, 4, 3, 2, 1};

/* Smallest set, A 80 %, B 95 %:
 *   A: the first cumulative ≥ 80 is 85 at customer 5 → A = 1–5 (5 crosses, is A);
 *   B: the first cumulative ≥ 95 is 97 at customer 8 → B = 6–8; C = 9, 10. */
static void smallest_set_default(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAAAABBBCC");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 100);
    seg_result_free(r);
}

/* Inclusive, A 80 %, B 95 %: A while cumulative ≤ 80: 40 60 70 78 → A = 1–4
 * (85 > 80); B while ≤ 95: 85 90 94 → B = 5–7 (97 > 95); C = 8–10. */
static void inclusive_default(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAAABBBCCC");
    seg_result_free(r);
}

/* Ranks 1 … 10 follow the values; the share is cumulative / 100. */
static void ranks_and_cumulative_shares(void **state)
{
    fixture *f = *state;
    static const int64_t cum[10] = {40, 60, 70, 78, 85, 90, 94, 97, 99, 100};
    load_values(f->ds, ten, 10);
    seg_result *r = run(f);
    for (int64_t id = 1; id <= 10; id++) {
        uint8_t valid = 0;
        assert_int_equal(col_i64(r, SEG_COL_ABC_RANK, find(f->ds, id), &valid), id);
        assert_true(valid);
        assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, find(f->ds, id), NULL), ten[id - 1]);
        double s = share_of(r, f->ds, id, &valid);
        assert_true(valid);
        assert_true(s == (double)cum[id - 1] / 100.0);
    }
    seg_result_free(r);
}

/* "80 % then 80 % of the rest": the preset sets A 0.80 and B 0.96.
 * Ten: smallest set, B first reaches 96 at 97 (customer 8) → same as 95 here.
 * A second example separates 95 from 96: 40 20 10 8 7 6 4 3 1 1, cumulative
 * 40 60 70 78 85 91 95 98 99 100:
 *   80/95 smallest: A = 1–5 (85), B: 95 is reached exactly at 7 → B = 6, 7;
 *   80/96 smallest: B: first ≥ 96 is 98 at 8 → B = 6–8; C = 9, 10 (tied at 1).
 *   80/95 inclusive: A = 1–4, B ≤ 95: 85 91 95 → 5–7 (95 = 95 is in). */
static void preset_80_96(void **state)
{
    fixture *f = *state;
    double a = 0, b = 0;
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_ABC_80_96), SEG_OK);
    assert_int_equal(seg_params_get_f64(&a, f->p, SEG_PARAM_ABC_A), SEG_OK);
    assert_int_equal(seg_params_get_f64(&b, f->p, SEG_PARAM_ABC_B), SEG_OK);
    assert_true(a == 0.80 && b == 0.96);
    load_values(f->ds, ten, 10);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAAAABBBCC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AAAABBBCCC"); /* B ≤ 96: 85 90 94, 97 > 96 */
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_ABC_80_95), SEG_OK);
    assert_int_equal(seg_params_get_f64(&b, f->p, SEG_PARAM_ABC_B), SEG_OK);
    assert_true(b == 0.95);
}

static void preset_80_96_differs_from_default(void **state)
{
    fixture *f = *state;
    static const int64_t v[10] = {40, 20, 10, 8, 7, 6, 4, 3, 1, 1};
    load_values(f->ds, v, 10);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAAAABBCCC");
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_ABC_80_96), SEG_OK);
    r = run(f);
    expect_classes(r, f->ds, "AAAAABBBCC");
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_ABC_80_95), SEG_OK);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AAAABBBCCC");
    seg_result_free(r);
}

/* Ties: 40 25 15 15 3 2 (T = 100), cumulative 40 65 80 95 98 100; B 98 %.
 *   Smallest: 80 is reached exactly at customer 3 → A; customer 4 ties with
 *     the last A (15) → A too: A = 1–4. B: first ≥ 98 is 98 at 5 → B = 5; C = 6.
 *   Inclusive: customer 3 alone (80 ≤ 80) would fit, but its tie group {3, 4}
 *     would reach 95 > 80, so it stays out whole: A = 1, 2. B ≤ 98: 80 95 98
 *     → B = 3–5 (100 > 98); C = 6. */
static void ties_stay_together(void **state)
{
    fixture *f = *state;
    static const int64_t v[6] = {40, 25, 15, 15, 3, 2};
    load_values(f->ds, v, 6);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.98);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAAABC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AABBBC");
    seg_result_free(r);
}

/* A tie group crossing B under the inclusive rule stays out of B whole:
 * 50 30 5 5 5 5 (T = 100), cumulative 50 80 85 90 95 100, A 80 %, B 87 %:
 *   inclusive A: 50 80 → A = 1, 2; B ≤ 87: customer 3 (85) fits, but the
 *     group of 5s {3, 4, 5, 6} would reach 100 → all C.
 *   smallest A: 80 at 2 → A = 1, 2; B: first ≥ 87 is 90 at 4, tied with
 *     5 and 6 → B = 3–6. */
static void tie_group_crossing_b(void **state)
{
    fixture *f = *state;
    static const int64_t v[6] = {50, 30, 5, 5, 5, 5};
    load_values(f->ds, v, 6);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.87);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AABBBB");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AACCCC");
    seg_result_free(r);
}

/* Exact thresholds: 40 30 20 10 with A 70 %, B 90 %: the cumulative equals
 * each threshold exactly (70 of 100, 90 of 100). Smallest: 70 reaches 70 →
 * A = 1, 2; 90 reaches 90 → B = 3; C = 4. Inclusive: 70 ≤ 70 and 90 ≤ 90 →
 * the same. (In doubles 0.4 + 0.3 = 0.7000000000000001 > 0.7.) */
static void exact_threshold_small(void **state)
{
    fixture *f = *state;
    static const int64_t v[4] = {40, 30, 20, 10};
    load_values(f->ds, v, 4);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.7);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.9);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AABC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AABC");
    seg_result_free(r);
}

/* 80 of 100 exactly, the brief's case: 50 30 20. Smallest: 80 ≥ 80 → A = 1, 2;
 * B ≥ 95: 100 at 3 → B = 3. Inclusive: 80 ≤ 80 → A = 1, 2; 100 > 95 → C = 3. */
static void exact_threshold_80_of_100(void **state)
{
    fixture *f = *state;
    static const int64_t v[3] = {50, 30, 20};
    load_values(f->ds, v, 3);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAB");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "AAC");
    seg_result_free(r);
}

/* Exact at a scale where doubles and 64-bit products fail. T = 10¹⁸.
 *   7·10¹⁷, 2·10¹⁷, 10¹⁷ with A 70 %, B 90 %: cumulatives are exactly 0.7 T
 *     and 0.9 T → A = 1, B = 2, C = 3 under both rules.
 *   699999999999999999, 200000000000000001, 10¹⁷ (same T): the first is one
 *     unit below 0.7 T (as a double it rounds to 7·10¹⁷):
 *     smallest A: 2 needed (9·10¹⁷ ≥ 7·10¹⁷) → A = 1, 2; B 95 %: 10¹⁸ at 3 → B = 3.
 *     inclusive A: first ≤ 0.7 T → A = 1; B ≤ 0.95 T: 9·10¹⁷ → B = 2; C = 3. */
static void exact_threshold_large(void **state)
{
    fixture *f = *state;
    static const int64_t v[3] = {700000000000000000, 200000000000000000, 100000000000000000};
    load_values(f->ds, v, 3);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.7);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.9);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "ABC");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 1000000000000000000);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "ABC");
    seg_result_free(r);

    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, f->ctx), SEG_OK);
    static const int64_t w[3] = {699999999999999999, 200000000000000001, 100000000000000000};
    load_values(ds, w, 3);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.95);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_SMALLEST);
    assert_int_equal(seg_analyze(&r, ds, f->p), SEG_OK);
    expect_classes(r, ds, "AAB");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    assert_int_equal(seg_analyze(&r, ds, f->p), SEG_OK);
    expect_classes(r, ds, "ABC");
    seg_result_free(r);
    seg_dataset_free(ds);
}

/* A threshold is taken to nine decimals. On 50 30 20 (cumulative 80 at 2),
 * A = 0.8000000001 and A = 0.8000000004 are both 0.800000000 (rounded or
 * truncated alike): the smallest set stops at 2 (80 ≥ 80), where an exact
 * 80.00000001 would need customer 3. */
static void thresholds_taken_to_nine_decimals(void **state)
{
    fixture *f = *state;
    load_values(f->ds, (const int64_t[]){50, 30, 20}, 3);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.8000000001);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAB");
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.8000000004);
    r = run(f);
    expect_classes(r, f->ds, "AAB");
    seg_result_free(r);
}

/* A look-back of 3 months as of 2024-06-30 (April–June) restricts ABC, RFM
 * and Pareto to what happened in it:
 *   1: 01-10 +1000 (outside), 05-10 +100  → in the window F 1, M 100, 51 days
 *   2: 2023-12-01 +500, 06-01 −50 → no purchase in the window: no class
 *   3: 04-05 +300, 06-20 +200             → F 2, M 500, 10 days
 *   4: 03-31 +999 (March, outside)        → no class
 * Buyers 1 and 3 (n = 2), T = 600: 500/600 ≥ 80 % → A = 3; B = 1.
 * RFM: R 51 days rank 1 → 1, 10 days rank 2 → 1 + floor(5/2) = 3; F and M
 * likewise 1 and 3. Pareto: top floor(0.4) = 0; reach 500 ≥ 480 → 1/2. */
static void lookback_window(void **state)
{
    fixture *f = *state;
    for (int64_t id = 1; id <= 4; id++)
        cust(f->ds, id);
    tx(f->ds, find(f->ds, 1), "2024-01-10", 1000);
    tx(f->ds, find(f->ds, 1), "2024-05-10", 100);
    tx(f->ds, find(f->ds, 2), "2023-12-01", 500);
    tx(f->ds, find(f->ds, 2), "2024-06-01", -50);
    tx(f->ds, find(f->ds, 3), "2024-04-05", 300);
    tx(f->ds, find(f->ds, 3), "2024-06-20", 200);
    tx(f->ds, find(f->ds, 4), "2024-03-31", 999);
    set_i64(f->p, SEG_PARAM_LOOKBACK_PERIODS, 3);
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC | SEG_ANALYSIS_RFM | SEG_ANALYSIS_PARETO);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "B-A-");
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 600);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 2);
    assert_int_equal(col_i64(r, SEG_COL_RECENCY_DAYS, find(f->ds, 1), NULL), 51);
    assert_int_equal(col_i64(r, SEG_COL_RFM, find(f->ds, 1), NULL), 111);
    assert_int_equal(col_i64(r, SEG_COL_RFM, find(f->ds, 3), NULL), 333);
    uint8_t valid = 1;
    col_i64(r, SEG_COL_RFM, find(f->ds, 2), &valid);
    assert_false(valid);
    double v = 0;
    assert_int_equal(seg_result_summary_f64(&v, r, SEG_SUM_PARETO_REACH_SHARE), SEG_OK);
    assert_true(v == 0.5);
    seg_result_free(r);
}

/* By count, n = 11 buyers: 40 20 20 8 7 7 4 3 2 1 and customer 11 who bought
 * 5 and returned 10 (net −5, last by rank, C whatever the counts). "Ties kept
 * together" does not say which way; as with the smallest set, the tie group
 * of the last customer in a class joins it.
 *   A: floor(0.20 · 11) = 2 → ranks 1, 2; rank 3 ties with rank 2 (20) → A = 1–3.
 *   B: up to floor(0.50 · 11) = 5 → ranks 4, 5; rank 6 ties with 5 (7) → B = 4–6.
 *   C: 7–11.
 * Shares 0.1 / 0.2: floor(1.1) = 1 → A = 1; up to floor(0.3 · 11) = 3 → B = 2, 3. */
static void by_count(void **state)
{
    fixture *f = *state;
    static const int64_t v[10] = {40, 20, 20, 8, 7, 7, 4, 3, 2, 1};
    load_values(f->ds, v, 10);
    size_t c11 = cust(f->ds, 11);
    tx(f->ds, c11, "2024-06-01", 5);
    tx(f->ds, c11, "2024-06-02", -10);
    set_i64(f->p, SEG_PARAM_ABC_BY_COUNT, 1);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAABBBCCCCC");
    assert_int_equal(col_i64(r, SEG_COL_ABC_RANK, c11, NULL), 11);
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_ABC_COUNT_A, 0.1);
    set_f64(f->p, SEG_PARAM_ABC_COUNT_B, 0.2);
    r = run(f);
    expect_classes(r, f->ds, "ABBCCCCCCCC");
    seg_result_free(r);
}

/* Metric ≤ 0 and no purchase, revenue:
 *   1: +100   2: +60   7: +40                       (positive, T = 200)
 *   3: +30, refund −60 → net −30: bought, nets nothing → C
 *   4: +20, refund −20 → net 0 → C
 *   5: a refund of −40 only: no purchase → no class (null)
 *   6: a lead: null
 * Ranking: 1 (100), 2 (60), 7 (40), 4 (0), 3 (−30). Cumulative of positives:
 * 100 160 200 200 200 → shares 0.5 0.8 1 1 1. Smallest: 160 ≥ 160 → A = 1, 2;
 * 200 ≥ 190 → B = 7; C = 4, 3. */
static void metric_not_positive_and_leads(void **state)
{
    fixture *f = *state;
    for (int64_t id = 1; id <= 7; id++)
        cust(f->ds, id);
    tx(f->ds, find(f->ds, 1), "2024-06-01", 100);
    tx(f->ds, find(f->ds, 2), "2024-06-01", 60);
    tx(f->ds, find(f->ds, 7), "2024-06-01", 40);
    tx(f->ds, find(f->ds, 3), "2024-06-01", 30);
    tx(f->ds, find(f->ds, 3), "2024-06-05", -60);
    tx(f->ds, find(f->ds, 4), "2024-06-01", 20);
    tx(f->ds, find(f->ds, 4), "2024-06-05", -20);
    tx(f->ds, find(f->ds, 5), "2024-06-05", -40);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AACC--B");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 200);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 5);
    static const int64_t rank[7] = {1, 2, 5, 4, 0, 0, 3};
    static const double share[7] = {0.5, 0.8, 1, 1, 0, 0, 1};
    for (int64_t id = 1; id <= 7; id++) {
        uint8_t valid = 0;
        int64_t got = col_i64(r, SEG_COL_ABC_RANK, find(f->ds, id), &valid);
        assert_int_equal(valid, rank[id - 1] != 0);
        assert_int_equal(got, rank[id - 1]);
        double s = share_of(r, f->ds, id, &valid);
        assert_int_equal(valid, rank[id - 1] != 0);
        if (valid)
            assert_true(s == share[id - 1]);
        else
            assert_true(isnan(s));
    }
    uint8_t valid = 1;
    assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, find(f->ds, 3), NULL), -30);
    col_i64(r, SEG_COL_ABC_METRIC, find(f->ds, 6), &valid);
    assert_false(valid);
    /* The summary: count share of the 5 buyers; metric of the class (net,
     * negatives included: C = −30 + 0) over the metric of all 5 (170). */
    int64_t n = 0, m = 0;
    double cs = 0, ms = 0;
    assert_int_equal(seg_result_class_summary(&n, &m, &cs, &ms, r, SEG_COL_ABC, SEG_ABC_C), SEG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m, -30);
    assert_true(cs == 2.0 / 5.0);
    assert_true(fabs(ms - -30.0 / 170.0) < 1e-15);
    assert_int_equal(seg_result_class_summary(&n, &m, &cs, &ms, r, SEG_COL_ABC, SEG_ABC_A), SEG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m, 160);
    assert_true(fabs(ms - 160.0 / 170.0) < 1e-15);
    seg_result_free(r);
}

/* Thresholds 0 and 1 on the ten (cumulative 40 60 70 78 85 90 94 97 99 100):
 *   A 0, smallest: the empty prefix already reaches 0 → no A; B 95 → 1–8; C 9, 10.
 *   A 0, inclusive: no customer keeps the cumulative ≤ 0 → no A; B ≤ 95 → 1–7.
 *   A 1 = B 1, smallest: only the whole ranking reaches 100 → all 10 A; the
 *     buyer 11 with net 0 is still C. Inclusive: every cumulative ≤ 100 → the same. */
static void thresholds_zero_and_one(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    size_t c11 = cust(f->ds, 11);
    tx(f->ds, c11, "2024-06-01", 7);
    tx(f->ds, c11, "2024-06-02", -7);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.0);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "BBBBBBBBCCC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "BBBBBBBCCCC");
    seg_result_free(r);
    set_f64(f->p, SEG_PARAM_ABC_B, 1.0);
    set_f64(f->p, SEG_PARAM_ABC_A, 1.0);
    r = run(f);
    expect_classes(r, f->ds, "AAAAAAAAAAC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_SMALLEST);
    r = run(f);
    expect_classes(r, f->ds, "AAAAAAAAAAC");
    seg_result_free(r);
}

/* One customer brings 90 of 100 (then 10): smallest set, 90 ≥ 80 → A = 1;
 * 100 ≥ 95 → B = 2. Inclusive: 90 > 80 already, so nobody is A; 90 ≤ 95 →
 * B = 1; 100 > 95 → C = 2. */
static void dominant_customer(void **state)
{
    fixture *f = *state;
    load_values(f->ds, (const int64_t[]){90, 10}, 2);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AB");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "BC");
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_ABC, SEG_ABC_A), SEG_OK);
    assert_int_equal(n, 0);
    seg_result_free(r);
}

/* Every buyer nets ≤ 0 (T = 0): all C, under every rule and mode. */
static void no_positive_metric(void **state)
{
    fixture *f = *state;
    for (int64_t id = 1; id <= 3; id++) {
        size_t c = cust(f->ds, id);
        tx(f->ds, c, "2024-06-01", 10 * id);
        tx(f->ds, c, "2024-06-02", -10 * id - (id - 1));
    }
    seg_result *r = run(f);
    expect_classes(r, f->ds, "CCC");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 0);
    /* Net 0, −1, −2: ranked by metric descending → 1, 2, 3. */
    for (int64_t id = 1; id <= 3; id++)
        assert_int_equal(col_i64(r, SEG_COL_ABC_RANK, find(f->ds, id), NULL), id);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    r = run(f);
    expect_classes(r, f->ds, "CCC");
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_ABC_BY_COUNT, 1);
    set_f64(f->p, SEG_PARAM_ABC_COUNT_A, 0.5);
    r = run(f);
    expect_classes(r, f->ds, "CCC");
    seg_result_free(r);
}

static void invalid_thresholds(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    load_values(f->ds, ten, 10);
    set_f64(f->p, SEG_PARAM_ABC_A, 0.9);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.85);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_INVALID_ARGUMENT);
    assert_null(r);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    set_f64(f->p, SEG_PARAM_ABC_B, 0.9); /* B = A is allowed */
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_OK);
    seg_result_free(r);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_ABC_A, 1.5), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_ABC_B, -0.1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_f64(f->p, SEG_PARAM_ABC_A, NAN), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_ABC_METRIC, 4), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, 2), SEG_ERR_RANGE);
}

static void tx_full(seg_dataset *ds, size_t c, int64_t amount, const char *order, const int64_t *margin,
                    const int64_t *quantity)
{
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-06-01"), amount, order, order ? strlen(order) : 0,
                                                 margin, quantity),
                     SEG_OK);
}

/* Margin: revenue 1000, 500, 200, 300 with margins 100, 400, 500, −50.
 * Ranked by margin: 3 (500), 2 (400), 1 (100), 4 (−50); T = 1000:
 * cumulative 50 % 90 % 100 %: A = 3, 2 (90 ≥ 80); B = 1; C = 4 (margin < 0).
 * By revenue the order would be 1, 2, 4, 3. */
static void metric_margin(void **state)
{
    fixture *f = *state;
    static const int64_t amount[4] = {1000, 500, 200, 300}, margin[4] = {100, 400, 500, -50};
    for (int i = 0; i < 4; i++)
        tx_full(f->ds, cust(f->ds, i + 1), amount[i], NULL, &margin[i], NULL);
    set_i64(f->p, SEG_PARAM_ABC_METRIC, SEG_METRIC_MARGIN);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "BAAC");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 1000);
    static const int64_t rank[4] = {3, 2, 1, 4};
    for (int64_t id = 1; id <= 4; id++) {
        assert_int_equal(col_i64(r, SEG_COL_ABC_RANK, find(f->ds, id), NULL), rank[id - 1]);
        assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, find(f->ds, id), NULL), margin[id - 1]);
    }
    seg_result_free(r);
}

/* Quantity: 5, 60, 25, 10 units (T = 100), ranked 2, 3, 4, 1, cumulative 60 85
 * 95 100: A = 2, 3; B = 4 (95 reaches 95 exactly); C = 1. */
static void metric_quantity(void **state)
{
    fixture *f = *state;
    static const int64_t qty[4] = {5, 60, 25, 10};
    for (int i = 0; i < 4; i++)
        tx_full(f->ds, cust(f->ds, i + 1), 100, NULL, NULL, &qty[i]);
    set_i64(f->p, SEG_PARAM_ABC_METRIC, SEG_METRIC_QUANTITY);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "CAAB");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 100);
    assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, find(f->ds, 2), NULL), 60);
    seg_result_free(r);
}

/* Purchases (the frequency, orders by default):
 *   1: six orders of one line            → 6 purchases, 6 rows
 *   2: orders X (2 lines), Y (2), Z (1)  → 3 purchases, 5 rows
 *   3: order Q with 3 lines and a refund → 1 purchase, 3 purchase rows
 * T = 10: ranked 1, 2, 3, cumulative 60 90 100 → A = 1, 2; B = 3.
 * Counting rows instead (6, 5, 3; T = 14): 6 and 11 stay below 0.8 · 14 = 11.2,
 * so customer 3 crosses → all A. */
static void metric_purchases(void **state)
{
    fixture *f = *state;
    static const char *const orders1[6] = {"a", "b", "c", "d", "e", "f"};
    static const char *const orders2[5] = {"X", "X", "Y", "Y", "Z"};
    size_t c1 = cust(f->ds, 1), c2 = cust(f->ds, 2), c3 = cust(f->ds, 3);
    for (int i = 0; i < 6; i++)
        tx_full(f->ds, c1, 10, orders1[i], NULL, NULL);
    for (int i = 0; i < 5; i++)
        tx_full(f->ds, c2, 10, orders2[i], NULL, NULL);
    for (int i = 0; i < 3; i++)
        tx_full(f->ds, c3, 10, "Q", NULL, NULL);
    tx_full(f->ds, c3, -10, "Q", NULL, NULL);
    set_i64(f->p, SEG_PARAM_ABC_METRIC, SEG_METRIC_PURCHASES);
    seg_result *r = run(f);
    expect_classes(r, f->ds, "AAB");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 10);
    assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, c2, NULL), 3);
    assert_int_equal(col_i64(r, SEG_COL_ABC_METRIC, c3, NULL), 1);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_FREQUENCY, SEG_FREQUENCY_ROWS);
    r = run(f);
    expect_classes(r, f->ds, "AAA");
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 14);
    seg_result_free(r);
}

/* Ranks break ties by id: integers first, numerically, then strings.
 *   7 → 200; -1, 5 and "A" → 100 each; "0" → 50. T = 550.
 * Rank: 7 (1), -1 (2), 5 (3), "A" (4), "0" (5); shares 200/550 300/550 400/550
 * 500/550 1. Smallest: 400 ≥ 440? no; 500 ≥ 440 → A reaches at "A", whose tie
 * group (-1, 5, "A") is already in: A = 7, -1, 5, "A"; B: 550 ≥ 522.5 → "0". */
static void ranks_ties_by_id(void **state)
{
    fixture *f = *state;
    size_t s0 = 0, sA = 0, i5, im1, i7;
    assert_int_equal(seg_dataset_customer_str(&sA, f->ds, "A", 1), SEG_OK);
    i5 = cust(f->ds, 5);
    assert_int_equal(seg_dataset_customer_str(&s0, f->ds, "0", 1), SEG_OK);
    im1 = cust(f->ds, -1);
    i7 = cust(f->ds, 7);
    tx(f->ds, sA, "2024-06-01", 100);
    tx(f->ds, i5, "2024-06-01", 100);
    tx(f->ds, s0, "2024-06-01", 50);
    tx(f->ds, im1, "2024-06-01", 100);
    tx(f->ds, i7, "2024-06-01", 200);
    seg_result *r = run(f);
    const size_t order[5] = {i7, im1, i5, sA, s0};
    const int64_t cum[5] = {200, 300, 400, 500, 550};
    for (int k = 0; k < 5; k++) {
        double s = 0;
        assert_int_equal(col_i64(r, SEG_COL_ABC_RANK, order[k], NULL), k + 1);
        assert_int_equal(seg_result_copy_f64(&s, NULL, r, SEG_COL_ABC_SHARE, order[k], 1), SEG_OK);
        assert_true(s == (double)cum[k] / 550.0);
        assert_int_equal(col_i64(r, SEG_COL_ABC, order[k], NULL), k < 4 ? A : B);
    }
    seg_result_free(r);
}

/* Class summaries of the ten (smallest, 80/95: A 1–5, B 6–8, C 9–10):
 *   A: 5 customers (0.5), metric 40+20+10+8+7 = 85 (0.85)
 *   B: 3 (0.3), 5+4+3 = 12 (0.12);  C: 2 (0.2), 2+1 = 3 (0.03).
 * Counts sum to the 10 buyers, metric shares to 1. */
static void class_summaries(void **state)
{
    fixture *f = *state;
    load_values(f->ds, ten, 10);
    cust(f->ds, 99); /* a lead: no class, not counted */
    seg_result *r = run(f);
    static const int64_t count[3] = {5, 3, 2}, metric[3] = {85, 12, 3};
    int64_t n_sum = 0;
    double share_sum = 0, count_share_sum = 0;
    for (int k = 0; k < 3; k++) {
        int64_t n = -1, m = -1;
        double cs = -1, ms = -1;
        assert_int_equal(seg_result_class_summary(&n, &m, &cs, &ms, r, SEG_COL_ABC, k + 1), SEG_OK);
        assert_int_equal(n, count[k]);
        assert_int_equal(m, metric[k]);
        assert_true(cs == (double)count[k] / 10.0);
        assert_true(fabs(ms - (double)metric[k] / 100.0) < 1e-15);
        n_sum += n;
        share_sum += ms;
        count_share_sum += cs;
    }
    assert_int_equal(n_sum, sum_i64(r, SEG_SUM_BUYERS));
    assert_true(fabs(share_sum - 1.0) < 1e-12);
    assert_true(fabs(count_share_sum - 1.0) < 1e-12);
    /* Every out-parameter may be NULL; an absent class has zero everything. */
    assert_int_equal(seg_result_class_summary(NULL, NULL, NULL, NULL, r, SEG_COL_ABC, SEG_ABC_A), SEG_OK);
    int64_t n = -1;
    double ms = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, &ms, r, SEG_COL_ABC, 7), SEG_OK);
    assert_int_equal(n, 0);
    assert_true(ms == 0.0);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_MONETARY, 1),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, (seg_column)999, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, NULL, SEG_COL_ABC, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_XYZ, 1), SEG_ERR_STATE);
    seg_result_free(r);
    /* ABC did not run. */
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_RFM);
    r = run(f);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_ABC, 1), SEG_ERR_STATE);
    seg_result_free(r);
}

/* Property over 60 buyers with values from a small LCG range (many ties),
 * every rule and mode: class counts sum to the buyers and metric shares to 1;
 * classes never improve down the ranking; equal values share a class. */
static void property_summaries_add_up(void **state)
{
    fixture *f = *state;
    uint32_t s = 99;
    enum { N = 60 };
    int64_t v[N];
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = 1 + (int64_t)((s >> 8) % 9) * ((s >> 20) % 3 == 0 ? 100 : 1);
    }
    load_values(f->ds, v, N);
    const int modes[4][2] = {{SEG_ABC_SMALLEST, 0}, {SEG_ABC_INCLUSIVE, 0}, {SEG_ABC_SMALLEST, 1}, {SEG_ABC_INCLUSIVE, 1}};
    for (int m = 0; m < 4; m++) {
        set_i64(f->p, SEG_PARAM_ABC_BOUNDARY, modes[m][0]);
        set_i64(f->p, SEG_PARAM_ABC_BY_COUNT, modes[m][1]);
        seg_result *r = run(f);
        int64_t total = 0;
        double share = 0;
        for (int k = 1; k <= 3; k++) {
            int64_t n = 0;
            double ms = 0;
            assert_int_equal(seg_result_class_summary(&n, NULL, NULL, &ms, r, SEG_COL_ABC, k), SEG_OK);
            total += n;
            share += ms;
        }
        assert_int_equal(total, N);
        assert_true(fabs(share - 1.0) < 1e-12);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                size_t ci = find(f->ds, i + 1), cj = find(f->ds, j + 1);
                int64_t ki = col_i64(r, SEG_COL_ABC, ci, NULL), kj = col_i64(r, SEG_COL_ABC, cj, NULL);
                if (v[i] == v[j])
                    assert_int_equal(ki, kj);
                if (v[i] > v[j])
                    assert_true(ki <= kj);
            }
        seg_result_free(r);
    }
}

static void presets_api(void **state)
{
    fixture *f = *state;
    double x = 0, y = 0;
    assert_int_equal(seg_params_apply_preset(f->p, (seg_preset)0), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_params_apply_preset(f->p, (seg_preset)5), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_params_apply_preset(NULL, SEG_PRESET_ABC_80_96), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_XYZ_50_100), SEG_OK);
    assert_int_equal(seg_params_get_f64(&x, f->p, SEG_PARAM_XYZ_X), SEG_OK);
    assert_int_equal(seg_params_get_f64(&y, f->p, SEG_PARAM_XYZ_Y), SEG_OK);
    assert_true(x == 0.50 && y == 1.00);
    assert_int_equal(seg_params_apply_preset(f->p, SEG_PRESET_XYZ_10_25), SEG_OK);
    assert_int_equal(seg_params_get_f64(&x, f->p, SEG_PARAM_XYZ_X), SEG_OK);
    assert_int_equal(seg_params_get_f64(&y, f->p, SEG_PARAM_XYZ_Y), SEG_OK);
    assert_true(x == 0.10 && y == 0.25);
    /* An unknown preset leaves the parameters alone. */
    assert_int_equal(seg_params_get_f64(&x, f->p, SEG_PARAM_ABC_B), SEG_OK);
    assert_true(x == 0.95);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(smallest_set_default),
        T(inclusive_default),
        T(ranks_and_cumulative_shares),
        T(preset_80_96),
        T(preset_80_96_differs_from_default),
        T(ties_stay_together),
        T(tie_group_crossing_b),
        T(exact_threshold_small),
        T(exact_threshold_80_of_100),
        T(exact_threshold_large),
        T(thresholds_taken_to_nine_decimals),
        T(lookback_window),
        T(by_count),
        T(metric_not_positive_and_leads),
        T(thresholds_zero_and_one),
        T(dominant_customer),
        T(no_positive_metric),
        T(invalid_thresholds),
        T(metric_margin),
        T(metric_quantity),
        T(metric_purchases),
        T(ranks_ties_by_id),
        T(class_summaries),
        T(property_summaries_add_up),
        T(presets_api),
    };
    return cmocka_run_group_tests_name("abc", tests, NULL, NULL);
}
