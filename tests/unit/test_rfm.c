/* RFM scores against docs/analyses.md, every expected value computed by hand:
 * the four methods, break points, bins, leads, segments and two properties. */
#include "test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef analysis_fixture fixture;

/* A fresh context, an empty dataset as of 2024-06-30 and default parameters. */
static int setup(void **state)
{
    if (analysis_setup(state))
        return -1;
    fixture *f = *state;
    return seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2024-06-30")) == SEG_OK ? 0 : -1;
}

static size_t cust(seg_dataset *ds, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, ds, id), SEG_OK);
    return c;
}

static size_t scust(seg_dataset *ds, const char *id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_str(&c, ds, id, strlen(id)), SEG_OK);
    return c;
}

/* One transaction without an order id (each purchase row is one purchase). */
static void tx(seg_dataset *ds, size_t c, const char *date, int64_t amount)
{
    assert_int_equal(seg_dataset_add_transaction(ds, c, day(date), amount, NULL, 0, NULL, NULL), SEG_OK);
}

/* `n` purchases of `amount` each on `date`. */
static void txn(seg_dataset *ds, size_t c, const char *date, int64_t amount, int n)
{
    for (int i = 0; i < n; i++)
        tx(ds, c, date, amount);
}

static seg_result *run(const fixture *f)
{
    seg_result *r = NULL;
    if (seg_analyze(&r, f->ds, f->p) != SEG_OK)
        fail_msg("seg_analyze: %s", seg_context_errmsg(f->ctx));
    return r;
}

static void set_i64(seg_params *p, seg_param key, int64_t v)
{
    assert_int_equal(seg_params_set_i64(p, key, v), SEG_OK);
}

static void set_bins(seg_params *p, int r, int f, int m)
{
    set_i64(p, SEG_PARAM_RFM_BINS_R, r);
    set_i64(p, SEG_PARAM_RFM_BINS_F, f);
    set_i64(p, SEG_PARAM_RFM_BINS_M, m);
}

static void set_list(seg_params *p, seg_param key, const int64_t *v, size_t n)
{
    assert_int_equal(seg_params_set_i64_array(p, key, v, n), SEG_OK);
}

/* R, F, M of customer c; 0 means "expect null". */
static void expect_rfm(const seg_result *r, size_t c, int want_r, int want_f, int want_m)
{
    static const seg_column cols[3] = {SEG_COL_R, SEG_COL_F, SEG_COL_M};
    const int want[3] = {want_r, want_f, want_m};
    for (int a = 0; a < 3; a++) {
        uint8_t valid = 0;
        int64_t got = col_i64(r, cols[a], c, &valid);
        if (want[a] == 0 && valid)
            fail_msg("customer %zu axis %c: got %lld, want null", c, "RFM"[a], (long long)got);
        if (want[a] != 0 && (!valid || got != want[a]))
            fail_msg("customer %zu axis %c: got %lld (valid %d), want %d", c, "RFM"[a], (long long)got, valid,
                     want[a]);
    }
    uint8_t valid = 0;
    int64_t code = col_i64(r, SEG_COL_RFM, c, &valid);
    if (want_r == 0) {
        assert_false(valid);
    } else {
        assert_true(valid);
        assert_int_equal(code, 100 * want_r + 10 * want_f + want_m);
    }
}

/* Break points of one axis, compared exactly (every expected value is exact). */
static void expect_breaks(const seg_result *r, seg_rfm_axis axis, const double *want, size_t n)
{
    double got[9];
    size_t got_n = 0;
    assert_int_equal(seg_result_rfm_breaks(got, 9, &got_n, r, axis), SEG_OK);
    assert_int_equal(got_n, n);
    for (size_t i = 0; i < n; i++)
        if (!(got[i] == want[i]))
            fail_msg("axis %d break %zu: got %.17g, want %.17g", (int)axis, i, got[i], want[i]);
}

/* Name of customer c's segment, or NULL when it has none. */
static const char *segment_of(const seg_result *r, size_t c)
{
    uint8_t valid = 0;
    int64_t s = col_i64(r, SEG_COL_RFM_SEGMENT, c, &valid);
    if (!valid)
        return NULL;
    const char *name = seg_result_segment_name(r, s);
    assert_non_null(name);
    return name;
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static size_t find(const seg_dataset *ds, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_find_i64(&c, ds, id), SEG_OK);
    return c;
}

/* ---- the six-buyer fixture ----
 * As of 2024-06-30 (no order ids, so every purchase row is a purchase):
 *   id  purchases (date +amount)                              days  F  M
 *   1   06-20 +100                                             10   1  100
 *   2   05-01 +80, 06-20 +120                                   10   2  200
 *   3   04-01 +150, 05-31 +50                                   30   2  200
 *   4   03-10 +100, 04-10 +60, 06-25 +40                         5   3  200
 *   5   05-01 +80, then a refund 06-28 −30                      60   1  50
 *   6   01-05, 02-05, 03-05, 05-31, +75 each                    30   4  300
 *   7   a lead: no transaction
 *   8   a refund only: 06-29 −100 (no purchase, so not a buyer)
 * Customer 5's refund neither counts as a purchase nor moves its last
 * purchase: 06-30 − 05-01 = 60 days. Customers are created in reverse id
 * order, so dense indices differ from ids. */
static void load_six(seg_dataset *ds)
{
    for (int64_t id = 8; id >= 1; id--)
        cust(ds, id);
    tx(ds, find(ds, 1), "2024-06-20", 100);
    tx(ds, find(ds, 2), "2024-05-01", 80);
    tx(ds, find(ds, 2), "2024-06-20", 120);
    tx(ds, find(ds, 3), "2024-04-01", 150);
    tx(ds, find(ds, 3), "2024-05-31", 50);
    tx(ds, find(ds, 4), "2024-03-10", 100);
    tx(ds, find(ds, 4), "2024-04-10", 60);
    tx(ds, find(ds, 4), "2024-06-25", 40);
    tx(ds, find(ds, 5), "2024-05-01", 80);
    tx(ds, find(ds, 5), "2024-06-28", -30);
    tx(ds, find(ds, 6), "2024-01-05", 75);
    tx(ds, find(ds, 6), "2024-02-05", 75);
    tx(ds, find(ds, 6), "2024-03-05", 75);
    tx(ds, find(ds, 6), "2024-05-31", 75);
    tx(ds, find(ds, 8), "2024-06-29", -100);
}

static void six_aggregates(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    seg_result *r = run(f);
    static const int64_t days[6] = {10, 10, 30, 5, 60, 30}, freq[6] = {1, 2, 2, 3, 1, 4},
                         money[6] = {100, 200, 200, 200, 50, 300};
    for (int64_t id = 1; id <= 6; id++) {
        size_t c = find(f->ds, id);
        assert_int_equal(col_i64(r, SEG_COL_RECENCY_DAYS, c, NULL), days[id - 1]);
        assert_int_equal(col_i64(r, SEG_COL_FREQUENCY, c, NULL), freq[id - 1]);
        assert_int_equal(col_i64(r, SEG_COL_MONETARY, c, NULL), money[id - 1]);
    }
    seg_result_free(r);
}

/* Tie-aware quantile, k = 5, n = 6 (leads 7 and 8 are not scored):
 *   score = 1 + floor(5 (rank_min − 1) / 6)
 * R, goodness ascending = days descending: 60(5) 30(3) 30(6) 10(1) 10(2) 5(4)
 *   rank_min 1, 2, 2, 4, 4, 6 → 1+floor(0/6)=1, 1+floor(5/6)=1, 1+floor(15/6)=3,
 *   1+floor(25/6)=5: R = 1:3 2:3 3:1 4:5 5:1 6:1 (scores 2 and 4 skipped).
 * F ascending: 1(1) 1(5) 2(2) 2(3) 3(4) 4(6): rank_min 1,1,3,3,5,6
 *   → 1, 1, 1+floor(10/6)=2, 2, 1+floor(20/6)=4, 1+floor(25/6)=5 (3 skipped).
 * M ascending: 50(5) 100(1) 200(2) 200(3) 200(4) 300(6): rank_min 1,2,3,3,3,6
 *   → 1, 1+floor(5/6)=1, 1+floor(10/6)=2 ×3, 1+floor(25/6)=5 (3 and 4 skipped:
 *   the tie of three at 200 takes them). */
static void tie_quantile_with_ties(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    seg_result *r = run(f);
    expect_rfm(r, find(f->ds, 1), 3, 1, 1);
    expect_rfm(r, find(f->ds, 2), 3, 2, 2);
    expect_rfm(r, find(f->ds, 3), 1, 2, 2);
    expect_rfm(r, find(f->ds, 4), 5, 4, 2);
    expect_rfm(r, find(f->ds, 5), 1, 1, 1);
    expect_rfm(r, find(f->ds, 6), 1, 5, 5);
    expect_rfm(r, find(f->ds, 7), 0, 0, 0);
    expect_rfm(r, find(f->ds, 8), 0, 0, 0);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 6);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 6);
    assert_int_equal(sum_i64(r, SEG_SUM_CUSTOMERS), 8);
    /* Skipped scores have no customers: R = 1, 3, 5 hold 3, 2, 1; 2 and 4 none. */
    static const int64_t r_counts[5] = {3, 0, 2, 0, 1};
    for (int s = 1; s <= 5; s++) {
        int64_t n = -1;
        double share = 0;
        assert_int_equal(seg_result_class_summary(&n, NULL, &share, NULL, r, SEG_COL_R, s), SEG_OK);
        assert_int_equal(n, r_counts[s - 1]);
        assert_true(share == (double)r_counts[s - 1] / 6.0); /* of the 6 scored */
    }
    seg_result_free(r);
}

/* Break points in the thresholds form (smallest value reaching the next score):
 *   F: b_j = smallest F value with score ≥ j + 2: ≥2 → 2, ≥3 → 3 (score 4),
 *      ≥4 → 3, ≥5 → 4 → [2, 3, 3, 4]; check F = 1 + #{b ≤ 3} = 4.
 *   M: ≥2 → 200, ≥3/4/5 → 300 → [200, 300, 300, 300].
 *   R: b_j = fewest days with R ≤ 4 − j: R ≤ 4 and R ≤ 3 → 10 (customers 1, 2),
 *      R ≤ 2 and R ≤ 1 → 30 → [10, 10, 30, 30]; check R(30 days) = 5 − 4 = 1. */
static void tie_quantile_breaks(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    seg_result *r = run(f);
    expect_breaks(r, SEG_AXIS_R, (const double[]){10, 10, 30, 30}, 4);
    expect_breaks(r, SEG_AXIS_F, (const double[]){2, 3, 3, 4}, 4);
    expect_breaks(r, SEG_AXIS_M, (const double[]){200, 300, 300, 300}, 4);
    seg_result_free(r);
}

/* Default table (5 bins), first match wins:
 *   1: 311 → R3, F1–2, M1–2: About to sleep (Need attention needs M 3–5)
 *   2: 322 → About to sleep;  3: 122 → Lost;  4: 542 → Loyal (Champions needs M ≥ 4)
 *   5: 111 → Lost;  6: 155 → Can't lose them. */
static void six_segments(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    seg_result *r = run(f);
    assert_int_equal(seg_result_segment_count(r), 11);
    assert_string_equal(segment_of(r, find(f->ds, 1)), "About to sleep");
    assert_string_equal(segment_of(r, find(f->ds, 2)), "About to sleep");
    assert_string_equal(segment_of(r, find(f->ds, 3)), "Lost");
    assert_string_equal(segment_of(r, find(f->ds, 4)), "Loyal");
    assert_string_equal(segment_of(r, find(f->ds, 5)), "Lost");
    assert_string_equal(segment_of(r, find(f->ds, 6)), "Can't lose them");
    assert_null(segment_of(r, find(f->ds, 7)));
    assert_null(segment_of(r, find(f->ds, 8)));
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_UNSEGMENTED), 0);
    assert_null(seg_result_segment_name(r, 11));
    assert_null(seg_result_segment_name(r, -1));
    assert_string_equal(seg_result_segment_name(r, 0), "Champions");
    seg_result_free(r);
}

/* NTILE(5) over n = 6: 6 mod 5 = 1, so bin 1 holds ⌈6/5⌉ = 2, bins 2–5 hold 1.
 *   M by (value, id): 50(5) 100(1) 200(2) 200(3) 200(4) 300(6) → 1 1 2 3 4 5:
 *     the three tied at 200 get 2, 3, 4, split by id.
 *   F: 1(1) 1(5) 2(2) 2(3) 3(4) 4(6) → 1 1 2 3 4 5.
 *   R by (days descending, id): 60(5) 30(3) 30(6) 10(1) 10(2) 5(4) → 1 1 2 3 4 5.
 * Breaks, first value reaching each score: M ≥2: 200(2), ≥3: 200(3), ≥4: 200(4),
 *   ≥5: 300 → [200, 200, 200, 300]; F → [2, 2, 3, 4]; R: fewest days with
 *   R ≤ 4: 10, ≤ 3: 10, ≤ 2: 30, ≤ 1: 30 → [10, 10, 30, 30]. */
static void ntile_remainder_and_ties(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    seg_result *r = run(f);
    expect_rfm(r, find(f->ds, 1), 3, 1, 1);
    expect_rfm(r, find(f->ds, 2), 4, 2, 2);
    expect_rfm(r, find(f->ds, 3), 1, 3, 3);
    expect_rfm(r, find(f->ds, 4), 5, 4, 4);
    expect_rfm(r, find(f->ds, 5), 1, 1, 1);
    expect_rfm(r, find(f->ds, 6), 2, 5, 5);
    expect_rfm(r, find(f->ds, 7), 0, 0, 0);
    expect_rfm(r, find(f->ds, 8), 0, 0, 0);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 6);
    expect_breaks(r, SEG_AXIS_R, (const double[]){10, 10, 30, 30}, 4);
    expect_breaks(r, SEG_AXIS_F, (const double[]){2, 2, 3, 4}, 4);
    expect_breaks(r, SEG_AXIS_M, (const double[]){200, 200, 200, 300}, 4);
    seg_result_free(r);
}

/* Seven customers with identical purchases (500 on 2024-06-20), created in
 * the order "ab", 10, "B", -3, "a", "10", 2. Id order: integers first
 * numerically (-3, 2, 10), then strings by bytes ("10" 0x31 < "B" 0x42 <
 * "a" 0x61 < "ab", the shorter first on a common prefix).
 * NTILE(5), n = 7: 7 mod 5 = 2 bins of ⌈7/5⌉ = 2, then three of 1:
 *   -3:1  2:1  10:2  "10":2  "B":3  "a":4  "ab":5 on every axis.
 * Tie-aware: every rank_min is 1, so every score is 1. */
static void ntile_ties_split_by_id(void **state)
{
    fixture *f = *state;
    size_t ab = scust(f->ds, "ab"), i10 = cust(f->ds, 10), B = scust(f->ds, "B"), m3 = cust(f->ds, -3);
    size_t a = scust(f->ds, "a"), s10 = scust(f->ds, "10"), i2 = cust(f->ds, 2);
    const size_t all[7] = {ab, i10, B, m3, a, s10, i2};
    for (int i = 0; i < 7; i++)
        tx(f->ds, all[i], "2024-06-20", 500);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    seg_result *r = run(f);
    const size_t order[7] = {m3, i2, i10, s10, B, a, ab};
    const int want[7] = {1, 1, 2, 2, 3, 4, 5};
    for (int i = 0; i < 7; i++)
        expect_rfm(r, order[i], want[i], want[i], want[i]);
    /* M: b = first 500 reaching 2, 3, 4, 5 → all 500, equal values straddle. */
    expect_breaks(r, SEG_AXIS_M, (const double[]){500, 500, 500, 500}, 4);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_TIE_QUANTILE);
    r = run(f);
    for (int i = 0; i < 7; i++)
        expect_rfm(r, order[i], 1, 1, 1);
    seg_result_free(r);
}

/* Twenty string ids "customer-1" … "customer-20", all tied, created in
 * numeric order. Byte order ('-1' < '-10' < … < '-19' < '-2' < '-20' < '-3'):
 *   customer-1, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -2, -20,
 *   -3, -4, -5, -6, -7, -8, -9.
 * NTILE(10), n = 20: ten bins of 2, so position p (0-based) scores p/2 + 1. */
static void ntile_string_ids_in_byte_order(void **state)
{
    fixture *f = *state;
    static const int sorted[20] = {1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 2, 20, 3, 4, 5, 6, 7, 8, 9};
    char id[32];
    for (int i = 1; i <= 20; i++) {
        snprintf(id, sizeof id, "customer-%d", i);
        tx(f->ds, scust(f->ds, id), "2024-06-01", 1000);
    }
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    set_bins(f->p, 10, 10, 10);
    seg_result *r = run(f);
    for (int p = 0; p < 20; p++) {
        size_t c = 0;
        snprintf(id, sizeof id, "customer-%d", sorted[p]);
        assert_int_equal(seg_dataset_find_str(&c, f->ds, id, strlen(id)), SEG_OK);
        expect_rfm(r, c, p / 2 + 1, p / 2 + 1, p / 2 + 1);
    }
    seg_result_free(r);
}

/* Three buyers, same day, M = 100, 200, 300 (ids 1, 2, 3).
 * NTILE(5), n = 3 < k: 3 mod 5 = 3 bins of ⌈3/5⌉ = 1, two of ⌊3/5⌋ = 0:
 *   M = 1, 2, 3; F and R (all tied) by id: 1, 2, 3. Scores 4 and 5 are never
 *   reached: M breaks [200, 300, +∞, +∞].
 * Tie-aware: M rank_min 1, 2, 3 → 1, 1+floor(5/3)=2, 1+floor(10/3)=4:
 *   M breaks ≥2: 200, ≥3: 300, ≥4: 300, ≥5: none → [200, 300, 300, +∞]. */
static void unreachable_scores_are_infinite(void **state)
{
    fixture *f = *state;
    for (int64_t id = 1; id <= 3; id++)
        tx(f->ds, cust(f->ds, id), "2024-06-10", 100 * id);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    seg_result *r = run(f);
    for (int64_t id = 1; id <= 3; id++)
        expect_rfm(r, find(f->ds, id), (int)id, (int)id, (int)id);
    expect_breaks(r, SEG_AXIS_M, (const double[]){200, 300, INFINITY, INFINITY}, 4);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_TIE_QUANTILE);
    r = run(f);
    expect_rfm(r, find(f->ds, 1), 1, 1, 1);
    expect_rfm(r, find(f->ds, 2), 1, 1, 2);
    expect_rfm(r, find(f->ds, 3), 1, 1, 4);
    expect_breaks(r, SEG_AXIS_M, (const double[]){200, 300, 300, INFINITY}, 4);
    /* F all tied at 1: nobody reaches 2 → all +∞. R all 20 days, score 1:
     * every b_j (fewest days with R ≤ 4 − j) is 20 → R = 5 − 4 = 1. */
    expect_breaks(r, SEG_AXIS_F, (const double[]){INFINITY, INFINITY, INFINITY, INFINITY}, 4);
    expect_breaks(r, SEG_AXIS_R, (const double[]){20, 20, 20, 20}, 4);
    seg_result_free(r);
}

/* seg_result_rfm_breaks: k − 1 points, the buffer and the axis checked. */
static void breaks_api(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    set_bins(f->p, 2, 10, 5);
    seg_result *r = run(f);
    double b[9];
    size_t n = 0;
    assert_int_equal(seg_result_rfm_breaks(b, 3, &n, r, SEG_AXIS_M), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 4);
    assert_int_equal(seg_result_rfm_breaks(NULL, 0, &n, r, SEG_AXIS_F), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 9);
    assert_int_equal(seg_result_rfm_breaks(b, 1, &n, r, SEG_AXIS_R), SEG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(seg_result_rfm_breaks(b, 9, &n, r, (seg_rfm_axis)4), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_rfm_breaks(b, 9, NULL, r, SEG_AXIS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_rfm_breaks(NULL, 9, &n, r, SEG_AXIS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_rfm_breaks(b, 9, &n, NULL, SEG_AXIS_R), SEG_ERR_INVALID_ARGUMENT);
    seg_result_free(r);
    /* RFM did not run. */
    set_i64(f->p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC);
    r = run(f);
    assert_int_equal(seg_result_rfm_breaks(b, 9, &n, r, SEG_AXIS_R), SEG_ERR_STATE);
    int64_t count = 0;
    assert_int_equal(seg_result_class_summary(&count, NULL, NULL, NULL, r, SEG_COL_R, 1), SEG_ERR_STATE);
    assert_int_equal(seg_result_segment_count(r), 0);
    seg_result_free(r);
}

/* Ten buyers, id i bought once, i days before the as-of date, for
 * M = 4000, 2000, 1000, 800, 700, 500, 400, 300, 200, 100 (ids 1 … 10).
 * Tie-aware, n = 10, every value distinct:
 *   M, k = 10: score = 1 + floor(10 (rank − 1) / 10) = rank: id i → 11 − i.
 *     Breaks (first value scoring ≥ j + 2): 200 300 400 500 700 800 1000 2000 4000.
 *   R, k = 2: goodness ascending = days descending, id 10 has rank 1 … id 1
 *     rank 10; score = 1 + floor(2 (rank − 1) / 10): ranks 1–5 → 1 (ids 10–6),
 *     ranks 6–10 → 2 (ids 5–1). Break: fewest days with R ≤ 1 → 6.
 *   F, k = 5: all 1, nobody reaches 2: breaks all +∞. */
static void load_ten(seg_dataset *ds)
{
    static const int64_t money[10] = {4000, 2000, 1000, 800, 700, 500, 400, 300, 200, 100};
    static const char *const dates[10] = {"2024-06-29", "2024-06-28", "2024-06-27", "2024-06-26", "2024-06-25",
                                          "2024-06-24", "2024-06-23", "2024-06-22", "2024-06-21", "2024-06-20"};
    for (int i = 0; i < 10; i++)
        tx(ds, cust(ds, i + 1), dates[i], money[i]);
}

static void bins_two_and_ten(void **state)
{
    fixture *f = *state;
    load_ten(f->ds);
    set_bins(f->p, 2, 5, 10);
    seg_result *r = run(f);
    for (int64_t id = 1; id <= 10; id++)
        expect_rfm(r, find(f->ds, id), id <= 5 ? 2 : 1, 1, (int)(11 - id));
    expect_breaks(r, SEG_AXIS_R, (const double[]){6}, 1);
    expect_breaks(r, SEG_AXIS_F, (const double[]){INFINITY, INFINITY, INFINITY, INFINITY}, 4);
    expect_breaks(r, SEG_AXIS_M, (const double[]){200, 300, 400, 500, 700, 800, 1000, 2000, 4000}, 9);
    /* Default table, rescaled: s of k → round(1 + 4 (s − 1) / (k − 1)).
     *   id 1: R 2 of 2 → 5, F 1, M 10 of 10 → 5: (5,1,5) → New.
     *   id 6: R 1 → 1, F 1, M 5 of 10 → round(1 + 16/9 = 2.78) = 3: (1,1,3) → Lost.
     *   id 5: R 2 → 5, M 6 → round(1 + 20/9 = 3.22) = 3: (5,1,3) → New. */
    assert_string_equal(segment_of(r, find(f->ds, 1)), "New");
    assert_string_equal(segment_of(r, find(f->ds, 6)), "Lost");
    assert_string_equal(segment_of(r, find(f->ds, 5)), "New");
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_UNSEGMENTED), 0);
    seg_result_free(r);
}

/* Thresholds on the six buyers (days, F, M = 1:10,1,100 2:10,2,200 3:30,2,200
 * 4:5,3,200 5:60,1,50 6:30,4,300):
 *   R: b = [30, 60], k = 3, R = 3 − #{b ≤ days}:
 *      10 → 3, 30 → 2, 5 → 3, 60 → 1: R = 3 3 2 3 1 2.
 *   F: b = [2, 4, 6], k = 4, F = 1 + #{b ≤ F}: 1 → 1, 2 → 2, 3 → 2, 4 → 3
 *      (score 4 needs 6 purchases): F = 1 2 2 2 1 3.
 *   M: b = [100, 200], k = 3: 100 → 2, 200 → 3, 50 → 1, 300 → 3: M = 2 3 3 3 1 3.
 * The bins follow the lists (3, 4, 3) whatever SEG_PARAM_RFM_BINS_* say. */
static void thresholds_method(void **state)
{
    fixture *f = *state;
    load_six(f->ds);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS);
    set_bins(f->p, 7, 7, 7);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){30, 60}, 2);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, (const int64_t[]){2, 4, 6}, 3);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){100, 200}, 2);
    seg_result *r = run(f);
    expect_rfm(r, find(f->ds, 1), 3, 1, 2);
    expect_rfm(r, find(f->ds, 2), 3, 2, 3);
    expect_rfm(r, find(f->ds, 3), 2, 2, 3);
    expect_rfm(r, find(f->ds, 4), 3, 2, 3);
    expect_rfm(r, find(f->ds, 5), 1, 1, 1);
    expect_rfm(r, find(f->ds, 6), 2, 3, 3);
    expect_rfm(r, find(f->ds, 7), 0, 0, 0);
    expect_breaks(r, SEG_AXIS_R, (const double[]){30, 60}, 2);
    expect_breaks(r, SEG_AXIS_F, (const double[]){2, 4, 6}, 3);
    expect_breaks(r, SEG_AXIS_M, (const double[]){100, 200}, 2);
    /* The default table reads R and M of 3 bins as 1 → 1, 2 → 3, 3 → 5 and F
     * of 4 bins as 1 → 1, 2 → round(2.33) = 2, 3 → round(3.67) = 4:
     *   1: (5,1,3) New            2: (5,2,5) Potential loyalist
     *   3: (3,2,5) Need attention 4: (5,2,5) Potential loyalist
     *   5: (1,1,1) Lost           6: (3,4,5) Loyal */
    assert_string_equal(segment_of(r, find(f->ds, 1)), "New");
    assert_string_equal(segment_of(r, find(f->ds, 2)), "Potential loyalist");
    assert_string_equal(segment_of(r, find(f->ds, 3)), "Need attention");
    assert_string_equal(segment_of(r, find(f->ds, 4)), "Potential loyalist");
    assert_string_equal(segment_of(r, find(f->ds, 5)), "Lost");
    assert_string_equal(segment_of(r, find(f->ds, 6)), "Loyal");
    size_t missing = 99;
    assert_int_equal(seg_params_segments_check(NULL, 0, &missing, f->p), SEG_OK);
    assert_int_equal(missing, 0);
    seg_result_free(r);
}

static void thresholds_need_every_list(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    load_six(f->ds);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){30, 60}, 2);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, (const int64_t[]){2}, 1);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_INVALID_ARGUMENT);
    assert_null(r);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){100}, 1);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_OK);
    seg_result_free(r);
    r = NULL;
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, NULL, 0); /* emptied again */
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_INVALID_ARGUMENT);
    assert_null(r);
    /* The lists are ignored by the other methods. */
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_TIE_QUANTILE);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_OK);
    seg_result_free(r);
}

static void threshold_list_validation(void **state)
{
    fixture *f = *state;
    const int64_t ten[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    int64_t got[9];
    size_t n = 0;
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_M, ten, 10), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_M, ten, 9), SEG_OK);
    assert_int_equal(seg_params_get_i64_array(got, 9, &n, f->p, SEG_PARAM_RFM_THRESHOLDS_M), SEG_OK);
    assert_int_equal(n, 9);
    assert_int_equal(got[8], 9);
    /* Not strictly increasing: equal, then decreasing; the list stays as it was. */
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){1, 2, 2}, 3),
                     SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){30, 10}, 2),
                     SEG_ERR_RANGE);
    assert_int_equal(seg_params_get_i64_array(got, 9, &n, f->p, SEG_PARAM_RFM_THRESHOLDS_M), SEG_OK);
    assert_int_equal(n, 9);
    assert_int_equal(seg_params_get_i64_array(got, 9, &n, f->p, SEG_PARAM_RFM_THRESHOLDS_R), SEG_OK);
    assert_int_equal(n, 0);
    assert_int_equal(seg_params_get_i64_array(got, 2, &n, f->p, SEG_PARAM_RFM_THRESHOLDS_M),
                     SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 9);
    /* Negative break points are allowed as long as they increase. */
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){-5, 0}, 2), SEG_OK);
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_THRESHOLDS_M, NULL, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_i64_array(f->p, SEG_PARAM_RFM_BINS_R, ten, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_i64_array(f->p, (seg_param)107, ten, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_params_set_i64_array(NULL, SEG_PARAM_RFM_THRESHOLDS_M, ten, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_i64(f->p, SEG_PARAM_RFM_THRESHOLDS_M, 1), SEG_ERR_INVALID_ARGUMENT);
}

/* R rfm 0.3.0, bins 4, scale 2, as of 2024-06-30, three buyers:
 *   id  purchases                               days  F  monetary (major units)
 *   1   06-20 10.00                               10   1  10.00
 *   2   03-01 10.00, 04-01 10.00, 05-31 5.50      30   3  25.50
 *   3   06-01 5.00, 06-27 10.00                    3   2  15.00
 * p = i · (1/4) = 0.25, 0.5, 0.75; index = 1 + (3 − 1) p = 1.5, 2, 2.5; a
 * fractional index mixes its neighbours half and half; break = q + 1:
 *   R, days sorted 3 10 30:  q = 6.5, 10, 20          → [7.5, 11, 21]
 *   F, 1 2 3:                q = 1.5, 2, 2.5          → [2.5, 3, 3.5]
 *   M, 10 15 25.5:           q = 12.5, 15, 20.25      → [13.5, 16, 21.25]
 *                                       reported in minor units [1350, 1600, 2125]
 * Scores, bands [lower, upper): F = 1 + #{b ≤ F}, M likewise, R = 4 − #{b ≤ days}:
 *   1: R 4 − #{7.5} = 3, F 1, M 1 (10 < 13.5)        → 311
 *   2: R 4 − 3 = 1, F 1 + #{2.5, 3} = 3, M 1 + 3 = 4 → 134
 *   3: R 4 − 0 = 4, F 1 (2 < 2.5), M 1 + #{13.5} = 2 → 412
 * F = 2 is empty: no frequency lies in [2.5, 3). */
static void r_rfm_method(void **state)
{
    fixture *f = *state;
    size_t c1 = cust(f->ds, 1), c2 = cust(f->ds, 2), c3 = cust(f->ds, 3);
    tx(f->ds, c1, "2024-06-20", 1000);
    tx(f->ds, c2, "2024-03-01", 1000);
    tx(f->ds, c2, "2024-04-01", 1000);
    tx(f->ds, c2, "2024-05-31", 550);
    tx(f->ds, c3, "2024-06-01", 500);
    tx(f->ds, c3, "2024-06-27", 1000);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_R_RFM);
    set_bins(f->p, 4, 4, 4);
    seg_result *r = run(f);
    expect_rfm(r, c1, 3, 1, 1);
    expect_rfm(r, c2, 1, 3, 4);
    expect_rfm(r, c3, 4, 1, 2);
    expect_breaks(r, SEG_AXIS_R, (const double[]){7.5, 11, 21}, 3);
    expect_breaks(r, SEG_AXIS_F, (const double[]){2.5, 3, 3.5}, 3);
    expect_breaks(r, SEG_AXIS_M, (const double[]){1350, 1600, 2125}, 3);
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_F, 2), SEG_OK);
    assert_int_equal(n, 0);
    seg_result_free(r);
}

/* One buyer: rank_min = 1, n = 1 → 1 + floor(k · 0 / 1) = 1 on every axis;
 * cell 111 is Lost. F and M breaks are all +∞ (no one reaches 2); R breaks
 * are its 20 days (R = 5 − 4 = 1). NTILE puts it in bin 1 too. */
static void single_customer(void **state)
{
    fixture *f = *state;
    size_t c = cust(f->ds, 42);
    tx(f->ds, c, "2024-06-10", 12345);
    seg_result *r = run(f);
    expect_rfm(r, c, 1, 1, 1);
    assert_string_equal(segment_of(r, c), "Lost");
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 1);
    expect_breaks(r, SEG_AXIS_R, (const double[]){20, 20, 20, 20}, 4);
    expect_breaks(r, SEG_AXIS_F, (const double[]){INFINITY, INFINITY, INFINITY, INFINITY}, 4);
    expect_breaks(r, SEG_AXIS_M, (const double[]){INFINITY, INFINITY, INFINITY, INFINITY}, 4);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    r = run(f);
    expect_rfm(r, c, 1, 1, 1);
    seg_result_free(r);
}

/* Four buyers with identical histories (two purchases of 250, on 06-01 and
 * 06-15): tie-aware gives 1 everywhere (rank_min = 1); NTILE(5) with n = 4
 * splits them by id into bins 1, 2, 3, 4. */
static void all_equal_values(void **state)
{
    fixture *f = *state;
    for (int64_t id = 4; id >= 1; id--) {
        size_t c = cust(f->ds, id);
        tx(f->ds, c, "2024-06-01", 250);
        tx(f->ds, c, "2024-06-15", 250);
    }
    seg_result *r = run(f);
    for (int64_t id = 1; id <= 4; id++)
        expect_rfm(r, find(f->ds, id), 1, 1, 1);
    expect_breaks(r, SEG_AXIS_M, (const double[]){INFINITY, INFINITY, INFINITY, INFINITY}, 4);
    expect_breaks(r, SEG_AXIS_R, (const double[]){15, 15, 15, 15}, 4);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE);
    r = run(f);
    for (int64_t id = 1; id <= 4; id++)
        expect_rfm(r, find(f->ds, id), (int)id, (int)id, (int)id);
    seg_result_free(r);
}

/* A refund is not a purchase: a buyer who bought 500 on 06-01 and returned
 * 100 on 06-29 has recency 29 (not 1), frequency 1 and monetary 400. A
 * customer with refunds only and a lead are not buyers: no scores, not in n. */
static void refunds_and_leads(void **state)
{
    fixture *f = *state;
    size_t buyer = cust(f->ds, 1), refunder = cust(f->ds, 2), lead = cust(f->ds, 3), other = cust(f->ds, 4);
    tx(f->ds, buyer, "2024-06-01", 500);
    tx(f->ds, buyer, "2024-06-29", -100);
    tx(f->ds, refunder, "2024-06-30", -50);
    tx(f->ds, other, "2024-06-10", 100);
    seg_result *r = run(f);
    assert_int_equal(col_i64(r, SEG_COL_RECENCY_DAYS, buyer, NULL), 29);
    assert_int_equal(col_i64(r, SEG_COL_FREQUENCY, buyer, NULL), 1);
    assert_int_equal(col_i64(r, SEG_COL_MONETARY, buyer, NULL), 400);
    /* n = 2: buyer (29 days, 400) vs other (20 days, 100):
     *   R: 29 days is worse → rank 1 → 1; other rank 2 → 1 + floor(5/2) = 3.
     *   M: 100 rank 1 → 1; 400 rank 2 → 3. F tied → 1. */
    expect_rfm(r, buyer, 1, 1, 3);
    expect_rfm(r, other, 3, 1, 1);
    expect_rfm(r, refunder, 0, 0, 0);
    expect_rfm(r, lead, 0, 0, 0);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 2);
    /* (1,1,3) is Lost (rule 10), (3,1,1) About to sleep: one each, leads not counted. */
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_RFM_SEGMENT, 10), SEG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(segment_of(r, buyer), "Lost");
    assert_string_equal(segment_of(r, other), "About to sleep");
    seg_result_free(r);
}

/* Monetary = net sum [total], or net / frequency rounded half away from zero:
 *   id  purchases            net   mean
 *   1   10 × 100            1000   100
 *   2   1 × 300              300   300
 *   3   100, 100, 101        301   301/3 = 100.33 → 100
 *   4   100, 101             201   201/2 = 100.5  → 101
 *   5   50, 50, refund −201 −101   −101/2 = −50.5 → −51
 * Tie-aware M (k = 5, n = 5):
 *   total ascending −101(5) 201(4) 300(2) 301(3) 1000(1): ranks 1–5, all
 *     distinct → score = 1 + floor(5 (rank − 1)/5) = rank: 1:5 2:3 3:4 4:2 5:1.
 *   mean ascending −51(5) 100(1) 100(3) 101(4) 300(2): rank_min 1, 2, 2, 4, 5
 *     → 1, 2, 2, 4, 5: 1:2 2:5 3:2 4:4 5:1. */
static void monetary_mean(void **state)
{
    fixture *f = *state;
    for (int64_t id = 1; id <= 5; id++)
        cust(f->ds, id);
    txn(f->ds, find(f->ds, 1), "2024-06-01", 100, 10);
    tx(f->ds, find(f->ds, 2), "2024-06-01", 300);
    txn(f->ds, find(f->ds, 3), "2024-06-01", 100, 2);
    tx(f->ds, find(f->ds, 3), "2024-06-01", 101);
    tx(f->ds, find(f->ds, 4), "2024-06-01", 100);
    tx(f->ds, find(f->ds, 4), "2024-06-01", 101);
    txn(f->ds, find(f->ds, 5), "2024-06-01", 50, 2);
    tx(f->ds, find(f->ds, 5), "2024-06-02", -201);
    static const int64_t total_m[5] = {5, 3, 4, 2, 1}, mean[5] = {100, 300, 100, 101, -51},
                         mean_m[5] = {2, 5, 2, 4, 1};
    seg_result *r = run(f);
    for (int64_t id = 1; id <= 5; id++)
        assert_int_equal(col_i64(r, SEG_COL_M, find(f->ds, id), NULL), total_m[id - 1]);
    seg_result_free(r);
    set_i64(f->p, SEG_PARAM_MONETARY, SEG_MONETARY_MEAN);
    r = run(f);
    for (int64_t id = 1; id <= 5; id++) {
        assert_int_equal(col_i64(r, SEG_COL_MONETARY, find(f->ds, id), NULL), mean[id - 1]);
        assert_int_equal(col_i64(r, SEG_COL_M, find(f->ds, id), NULL), mean_m[id - 1]);
    }
    /* Breaks in minor units of the mean: ≥2 → 100, ≥3 → 101 (score 4), ≥4 → 101, ≥5 → 300. */
    expect_breaks(r, SEG_AXIS_M, (const double[]){100, 101, 101, 300}, 4);
    seg_result_free(r);
}

/* The seeds' cells with thresholds that place customers exactly:
 *   R b = [10, 20, 30, 40] (R = 5 − #{b ≤ days}), F b = [2, 3, 4, 5],
 *   M b = [100, 200, 300, 400], as of 2024-06-30.
 *   1: 5 × 100 on 06-25 (5 days):  R 5, F 5, M 5 (500)  → 555 Champions
 *   2: 5 × 100 on 05-11 (50 days): R 5 − 4 = 1, F 5, M 5 → 155 Can't lose them
 *   3: 5 × 10 on 06-25:            R 5, F 5, M 1 (50)   → 551 Loyal (Champions
 *      needs M 4–5; Loyal is R 3–5, F 3–5, M 1–5)
 *   4: 1 × 50 on 06-05 (25 days):  R 5 − 2 = 3, F 1, M 1 → 311 About to sleep
 *   5: 1 × 250 on 06-05:           R 3, F 1, M 1 + 2 = 3 → 313 Need attention */
static void load_seeds(fixture *f)
{
    for (int64_t id = 1; id <= 5; id++)
        cust(f->ds, id);
    txn(f->ds, find(f->ds, 1), "2024-06-25", 100, 5);
    txn(f->ds, find(f->ds, 2), "2024-05-11", 100, 5);
    txn(f->ds, find(f->ds, 3), "2024-06-25", 10, 5);
    tx(f->ds, find(f->ds, 4), "2024-06-05", 50);
    tx(f->ds, find(f->ds, 5), "2024-06-05", 250);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){10, 20, 30, 40}, 4);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, (const int64_t[]){2, 3, 4, 5}, 4);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){100, 200, 300, 400}, 4);
}

static void seeds_cells_and_names(void **state)
{
    fixture *f = *state;
    load_seeds(f);
    seg_result *r = run(f);
    expect_rfm(r, find(f->ds, 1), 5, 5, 5);
    expect_rfm(r, find(f->ds, 2), 1, 5, 5);
    expect_rfm(r, find(f->ds, 3), 5, 5, 1);
    expect_rfm(r, find(f->ds, 4), 3, 1, 1);
    expect_rfm(r, find(f->ds, 5), 3, 1, 3);
    assert_string_equal(segment_of(r, find(f->ds, 1)), "Champions");
    assert_string_equal(segment_of(r, find(f->ds, 2)), "Can't lose them");
    assert_string_equal(segment_of(r, find(f->ds, 3)), "Loyal");
    assert_string_equal(segment_of(r, find(f->ds, 4)), "About to sleep");
    assert_string_equal(segment_of(r, find(f->ds, 5)), "Need attention");
    /* Segment values are rule indices of the default table. */
    assert_int_equal(col_i64(r, SEG_COL_RFM_SEGMENT, find(f->ds, 1), NULL), 0);
    assert_int_equal(col_i64(r, SEG_COL_RFM_SEGMENT, find(f->ds, 3), NULL), 1);
    assert_int_equal(col_i64(r, SEG_COL_RFM_SEGMENT, find(f->ds, 2), NULL), 2);
    seg_result_free(r);
}

/* The default table is the one in docs/analyses.md, rule by rule. */
static void default_table_as_documented(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *name;
        int32_t ranges[6];
    } doc[11] = {
        {"Champions", {4, 5, 4, 5, 4, 5}},         {"Loyal", {3, 5, 3, 5, 1, 5}},
        {"Can't lose them", {1, 2, 4, 5, 4, 5}},   {"At risk", {1, 2, 3, 5, 1, 5}},
        {"New", {5, 5, 1, 1, 1, 5}},               {"Promising", {4, 4, 1, 1, 1, 5}},
        {"Potential loyalist", {4, 5, 2, 2, 1, 5}}, {"Need attention", {3, 3, 1, 2, 3, 5}},
        {"About to sleep", {3, 3, 1, 2, 1, 2}},    {"Hibernating", {2, 2, 1, 2, 1, 5}},
        {"Lost", {1, 1, 1, 2, 1, 5}},
    };
    assert_int_equal(seg_params_segment_count(f->p), 11);
    for (size_t i = 0; i < 11; i++) {
        const char *name = NULL;
        int32_t ranges[6];
        assert_int_equal(seg_params_segment_get(&name, NULL, ranges, f->p, i), SEG_OK);
        assert_string_equal(name, doc[i].name);
        for (int j = 0; j < 6; j++)
            assert_int_equal(ranges[j], doc[i].ranges[j]);
    }
}

/* The default table covers every cell: 5³ = 125, and through the rescaling
 * round(1 + 4 (s − 1)/(k − 1)) also 3³, 10³ and mixed bin counts. */
static void default_table_covers_every_cell(void **state)
{
    fixture *f = *state;
    static const int bins[][3] = {{5, 5, 5}, {3, 3, 3}, {10, 10, 10}, {2, 2, 2}, {2, 10, 3}, {9, 4, 7}};
    int32_t cells[3 * 8];
    size_t n = 99;
    assert_int_equal(seg_params_segment_count(f->p), 11);
    for (size_t i = 0; i < sizeof bins / sizeof *bins; i++) {
        set_bins(f->p, bins[i][0], bins[i][1], bins[i][2]);
        assert_int_equal(seg_params_segments_check(cells, 8, &n, f->p), SEG_OK);
        assert_int_equal(n, 0);
    }
    assert_int_equal(seg_params_segments_check(NULL, 0, NULL, f->p), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segments_check(NULL, 1, &n, f->p), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segments_check(cells, 1, &n, NULL), SEG_ERR_INVALID_ARGUMENT);
}

/* Ten bins through thresholds R b = [1 … 9] (R = 10 − min(days, 9)),
 * F b = [2 … 10] (F = purchases up to 10), M b = [100, 200, … 900]
 * (M = 1 + floor(money / 100) below 1000). Read as 5-bin scores with
 * round(1 + 4 (s − 1)/9): 1→1 2→1 3→2 4→2 5→3 6→3 7→4 8→4 9→5 10→5.
 *   A: 10 × 100 today (0 days):  (10,10,10) → (5,5,5) Champions
 *   B: 1 × 50, 6 days:           (4,1,1)    → (2,1,1) Hibernating
 *   C: 2 × 150, 3 days:          (7,2,4)    → (4,1,2) Promising
 *   D: 3 × 200, 5 days:          (5,3,7)    → (3,2,4) Need attention
 *   E: 4 × 50, 7 days:           (3,4,3)    → (2,2,2) Hibernating
 * And three bins, R b = [10, 20], F b = [2, 3], M b = [100, 200] (1→1 2→3 3→5):
 *   A: (3,3,3) → (5,5,5) Champions;  C: 3 days, 2 purchases, 300: (3,2,3) →
 *   (5,3,5) Loyal;  D: 5 days, 3, 600: (3,3,3) Champions;  B: (3,1,1) → (5,1,1)
 *   New;  E: 7 days, 4, 200: (3,3,3) → Champions. */
static void rescaled_default_table(void **state)
{
    fixture *f = *state;
    size_t a = cust(f->ds, 1), b = cust(f->ds, 2), c = cust(f->ds, 3), d = cust(f->ds, 4), e = cust(f->ds, 5);
    txn(f->ds, a, "2024-06-30", 100, 10);
    tx(f->ds, b, "2024-06-24", 50);
    txn(f->ds, c, "2024-06-27", 150, 2);
    txn(f->ds, d, "2024-06-25", 200, 3);
    txn(f->ds, e, "2024-06-23", 50, 4);
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){1, 2, 3, 4, 5, 6, 7, 8, 9}, 9);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, (const int64_t[]){2, 3, 4, 5, 6, 7, 8, 9, 10}, 9);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){100, 200, 300, 400, 500, 600, 700, 800, 900}, 9);
    seg_result *r = run(f);
    expect_rfm(r, b, 4, 1, 1);
    expect_rfm(r, c, 7, 2, 4);
    expect_rfm(r, d, 5, 3, 7);
    expect_rfm(r, e, 3, 4, 3);
    uint8_t valid = 0;
    assert_int_equal(col_i64(r, SEG_COL_R, a, &valid), 10);
    assert_int_equal(col_i64(r, SEG_COL_RFM, a, NULL), 100 * 10 + 10 * 10 + 10); /* 100·R + 10·F + M */
    assert_string_equal(segment_of(r, a), "Champions");
    assert_string_equal(segment_of(r, b), "Hibernating");
    assert_string_equal(segment_of(r, c), "Promising");
    assert_string_equal(segment_of(r, d), "Need attention");
    assert_string_equal(segment_of(r, e), "Hibernating");
    seg_result_free(r);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_R, (const int64_t[]){10, 20}, 2);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_F, (const int64_t[]){2, 3}, 2);
    set_list(f->p, SEG_PARAM_RFM_THRESHOLDS_M, (const int64_t[]){100, 200}, 2);
    r = run(f);
    expect_rfm(r, a, 3, 3, 3);
    expect_rfm(r, b, 3, 1, 1);
    expect_rfm(r, c, 3, 2, 3);
    expect_rfm(r, d, 3, 3, 3);
    expect_rfm(r, e, 3, 3, 3);
    assert_string_equal(segment_of(r, a), "Champions");
    assert_string_equal(segment_of(r, b), "New");
    assert_string_equal(segment_of(r, c), "Loyal");
    assert_string_equal(segment_of(r, d), "Champions");
    seg_result_free(r);
}

/* A custom table, not rescaled: Top R 4–5, Bottom R 1–2, Mid R 3 with M 2–5.
 * With 5 bins it misses exactly (3, f, 1) for f = 1 … 5, listed R, F, M
 * ascending. On the seeds' fixture (cells 555, 155, 551, 311, 313):
 * 555 → Top (0), 155 → Bottom (1), 551 → Top, 311 → none, 313 → Mid (2). */
static void custom_table_with_a_gap(void **state)
{
    fixture *f = *state;
    load_seeds(f);
    assert_int_equal(seg_params_segments_clear(f->p), SEG_OK);
    assert_int_equal(seg_params_segment_count(f->p), 0);
    assert_int_equal(seg_params_segment_add(f->p, "Top", 3, 4, 5, 1, 5, 1, 5), SEG_OK);
    assert_int_equal(seg_params_segment_add(f->p, "Bottom", 6, 1, 2, 1, 5, 1, 5), SEG_OK);
    assert_int_equal(seg_params_segment_add(f->p, "Mid", 3, 3, 3, 1, 5, 2, 5), SEG_OK);
    int32_t cells[3 * 5];
    size_t n = 0;
    assert_int_equal(seg_params_segments_check(cells, 5, &n, f->p), SEG_OK);
    assert_int_equal(n, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(cells[3 * i], 3);
        assert_int_equal(cells[3 * i + 1], i + 1);
        assert_int_equal(cells[3 * i + 2], 1);
    }
    /* A short buffer still reports the full count and fills what fits. */
    int32_t two[6] = {0};
    assert_int_equal(seg_params_segments_check(two, 2, &n, f->p), SEG_OK);
    assert_int_equal(n, 5);
    assert_int_equal(two[3], 3);
    assert_int_equal(two[4], 2);
    assert_int_equal(two[5], 1);
    assert_int_equal(seg_params_segments_check(NULL, 0, &n, f->p), SEG_OK);
    assert_int_equal(n, 5);
    seg_result *r = run(f);
    assert_int_equal(seg_result_segment_count(r), 3);
    assert_string_equal(segment_of(r, find(f->ds, 1)), "Top");
    assert_string_equal(segment_of(r, find(f->ds, 2)), "Bottom");
    assert_string_equal(segment_of(r, find(f->ds, 3)), "Top");
    assert_null(segment_of(r, find(f->ds, 4)));
    assert_string_equal(segment_of(r, find(f->ds, 5)), "Mid");
    assert_int_equal(col_i64(r, SEG_COL_RFM_SEGMENT, find(f->ds, 5), NULL), 2);
    expect_rfm(r, find(f->ds, 4), 3, 1, 1); /* scored, only unsegmented */
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_UNSEGMENTED), 1);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 5);
    int64_t count = -1;
    assert_int_equal(seg_result_class_summary(&count, NULL, NULL, NULL, r, SEG_COL_RFM_SEGMENT, 0), SEG_OK);
    assert_int_equal(count, 2);
    /* The result keeps the table it used, whatever happens to the parameters. */
    assert_int_equal(seg_params_segments_default(f->p), SEG_OK);
    assert_int_equal(seg_result_segment_count(r), 3);
    assert_string_equal(seg_result_segment_name(r, 2), "Mid");
    seg_result_free(r);
    assert_int_equal(seg_params_segments_clear(f->p), SEG_OK);
    assert_int_equal(seg_params_segment_add(f->p, "Top", 3, 4, 5, 1, 5, 1, 5), SEG_OK);
    assert_int_equal(seg_params_segment_add(f->p, "Bottom", 6, 1, 2, 1, 5, 1, 5), SEG_OK);
    assert_int_equal(seg_params_segment_add(f->p, "Mid", 3, 3, 3, 1, 5, 2, 5), SEG_OK);
    /* Not rescaled: with 3 bins, R 3 is read as 3, so (3, f, 1), f = 1 … 3, miss. */
    set_i64(f->p, SEG_PARAM_RFM_METHOD, SEG_RFM_TIE_QUANTILE);
    set_bins(f->p, 3, 3, 3);
    assert_int_equal(seg_params_segments_check(cells, 5, &n, f->p), SEG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(cells[0], 3);
    assert_int_equal(cells[4], 2);
    assert_int_equal(cells[8], 1);
}

static void segment_table_api(void **state)
{
    fixture *f = *state;
    const char *name = NULL;
    size_t len = 0;
    int32_t ranges[6];
    char long_name[66];
    memset(long_name, 'x', sizeof long_name);
    /* The default table: 11 rules, in the documented order. */
    assert_int_equal(seg_params_segment_get(&name, &len, ranges, f->p, 2), SEG_OK);
    assert_string_equal(name, "Can't lose them");
    assert_int_equal(len, strlen("Can't lose them"));
    const int32_t clt[6] = {1, 2, 4, 5, 4, 5};
    for (int i = 0; i < 6; i++)
        assert_int_equal(ranges[i], clt[i]);
    assert_int_equal(seg_params_segment_get(&name, &len, ranges, f->p, 11), SEG_ERR_NOT_FOUND);
    /* Failed adds leave the default table as it is. */
    assert_int_equal(seg_params_segment_add(f->p, "x", 0, 1, 1, 1, 1, 1, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segment_add(f->p, long_name, 65, 1, 1, 1, 1, 1, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segment_add(f->p, NULL, 1, 1, 1, 1, 1, 1, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segment_add(f->p, "x", 1, 0, 1, 1, 1, 1, 1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_segment_add(f->p, "x", 1, 2, 1, 1, 1, 1, 1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_segment_add(f->p, "x", 1, 1, 1, 1, 11, 1, 1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_segment_add(f->p, "x", 1, 1, 1, 1, 1, 3, 2), SEG_ERR_RANGE);
    assert_int_equal(seg_params_segment_count(f->p), 11);
    /* Appending to the default table first empties it; a 64-byte name is fine. */
    assert_int_equal(seg_params_segment_add(f->p, long_name, 64, 1, 10, 1, 10, 1, 10), SEG_OK);
    assert_int_equal(seg_params_segment_count(f->p), 1);
    assert_int_equal(seg_params_segment_get(&name, &len, ranges, f->p, 0), SEG_OK);
    assert_int_equal(len, 64);
    assert_int_equal(strlen(name), 64);
    assert_int_equal(ranges[1], 10);
    /* Up to 64 rules; the 65th is refused and the table keeps 64. */
    for (int i = 1; i < 64; i++)
        assert_int_equal(seg_params_segment_add(f->p, "r", 1, 1, 1, 1, 1, 1, 1), SEG_OK);
    assert_int_equal(seg_params_segment_count(f->p), 64);
    assert_int_equal(seg_params_segment_add(f->p, "r", 1, 1, 1, 1, 1, 1, 1), SEG_ERR_RANGE);
    assert_int_equal(seg_params_segment_count(f->p), 64);
    assert_int_equal(seg_params_segments_default(f->p), SEG_OK);
    assert_int_equal(seg_params_segment_count(f->p), 11);
    assert_int_equal(seg_params_segments_clear(NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segments_default(NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segment_count(NULL), 0);
    assert_int_equal(seg_params_segment_get(NULL, &len, ranges, f->p, 0), SEG_ERR_INVALID_ARGUMENT);
    /* An empty table segments no one. */
    assert_int_equal(seg_params_segments_clear(f->p), SEG_OK);
    size_t n = 0;
    assert_int_equal(seg_params_segments_check(NULL, 0, &n, f->p), SEG_OK);
    assert_int_equal(n, 125);
}

/* ---- properties over a larger pseudo-random base ---- */

#define PROP_CUSTOMERS 400
#define PROP_ROWS 1400

typedef struct row {
    int cust;       /* 0 … PROP_CUSTOMERS − 1; odd ones have string ids */
    int32_t date;
    int64_t amount;
} row;

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Every customer buys at least once; amounts come from a few values so that
 * ties are common; about one row in eight is a refund. */
static void make_rows(row *rows)
{
    uint32_t s = 12345;
    int32_t base = day("2023-07-01");
    for (int i = 0; i < PROP_ROWS; i++) {
        rows[i].cust = i < PROP_CUSTOMERS ? i : (int)(lcg(&s) % PROP_CUSTOMERS);
        rows[i].date = base + (int32_t)(lcg(&s) % 365);
        rows[i].amount = 100 * (int64_t)(1 + lcg(&s) % 12);
        if (i >= PROP_CUSTOMERS && lcg(&s) % 8 == 0)
            rows[i].amount = -rows[i].amount / 2;
    }
}

static void prop_id(char *buf, size_t cap, int c)
{
    snprintf(buf, cap, "acct-%d", c * 7919 % 1000);
}

static size_t prop_customer(seg_dataset *ds, int c, int create)
{
    char id[32];
    size_t index = 0;
    if (c % 2 == 0) {
        int64_t v = (int64_t)(c * 37 % 1000) - 300;
        assert_int_equal(create ? seg_dataset_customer_i64(&index, ds, v) : seg_dataset_find_i64(&index, ds, v),
                         SEG_OK);
        return index;
    }
    prop_id(id, sizeof id, c);
    assert_int_equal(create ? seg_dataset_customer_str(&index, ds, id, strlen(id))
                            : seg_dataset_find_str(&index, ds, id, strlen(id)),
                     SEG_OK);
    return index;
}

/* Load rows in the order `perm` gives, amounts multiplied by `factor`. */
static seg_dataset *load_rows(seg_context *ctx, const row *rows, const int *perm, int64_t factor)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, day("2024-06-30")), SEG_OK);
    for (int i = 0; i < PROP_ROWS; i++) {
        const row *w = &rows[perm[i]];
        size_t c = prop_customer(ds, w->cust, 1);
        assert_int_equal(seg_dataset_add_transaction(ds, c, w->date, w->amount * factor, NULL, 0, NULL, NULL),
                         SEG_OK);
    }
    return ds;
}

/* R, F, M of every customer, in the customer numbering of make_rows. */
static void scores_by_customer(int (*out)[3], seg_context *ctx, seg_dataset *ds, const seg_params *p)
{
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, ds, p), SEG_OK);
    for (int c = 0; c < PROP_CUSTOMERS; c++) {
        size_t index = prop_customer(ds, c, 0);
        for (int a = 0; a < 3; a++)
            out[c][a] = (int)col_i64(r, (seg_column)(SEG_COL_R + a), index, NULL);
    }
    seg_result_free(r);
    (void)ctx;
}

static void expect_same_scores(int (*a)[3], int (*b)[3], const char *what)
{
    for (int c = 0; c < PROP_CUSTOMERS; c++)
        for (int x = 0; x < 3; x++)
            if (a[c][x] != b[c][x])
                fail_msg("%s: customer %d axis %c: %d vs %d", what, c, "RFM"[x], a[c][x], b[c][x]);
}

/* For the tie-aware method the reported break points, read in the
 * thresholds form (F, M = 1 + #{b ≤ v}; R = k − #{b ≤ days}), give back every
 * customer's score, for several bin counts. */
static void property_breaks_reproduce_scores(void **state)
{
    fixture *f = *state;
    row *rows = malloc(PROP_ROWS * sizeof *rows);
    int *perm = malloc(PROP_ROWS * sizeof *perm);
    assert_non_null(rows && perm);
    make_rows(rows);
    for (int i = 0; i < PROP_ROWS; i++)
        perm[i] = i;
    seg_dataset *ds = load_rows(f->ctx, rows, perm, 1);
    static const int bins[3][3] = {{5, 5, 5}, {2, 3, 10}, {10, 7, 4}};
    static const seg_column value_col[3] = {SEG_COL_RECENCY_DAYS, SEG_COL_FREQUENCY, SEG_COL_MONETARY};
    for (int b = 0; b < 3; b++) {
        set_bins(f->p, bins[b][0], bins[b][1], bins[b][2]);
        seg_result *r = NULL;
        assert_int_equal(seg_analyze(&r, ds, f->p), SEG_OK);
        for (int a = 0; a < 3; a++) {
            double br[9];
            size_t n = 0;
            int k = bins[b][a];
            assert_int_equal(seg_result_rfm_breaks(br, 9, &n, r, (seg_rfm_axis)(SEG_AXIS_R + a)), SEG_OK);
            assert_int_equal(n, (size_t)k - 1);
            for (size_t j = 1; j < n; j++)
                assert_true(br[j - 1] <= br[j]);
            for (size_t c = 0; c < seg_result_rows(r); c++) {
                double v = (double)col_i64(r, value_col[a], c, NULL);
                int below = 0;
                for (size_t j = 0; j < n; j++)
                    below += br[j] <= v;
                int want = a == 0 ? k - below : 1 + below;
                assert_int_equal(col_i64(r, (seg_column)(SEG_COL_R + a), c, NULL), want);
            }
        }
        seg_result_free(r);
    }
    seg_dataset_free(ds);
    free(rows);
    free(perm);
}

/* Scores depend only on the order of values: multiplying every amount by 7
 * (and by 7 000 000) changes no R, F or M, for tie-aware and NTILE alike.
 * The break points of M scale by the same factor. */
static void property_rescaling_amounts(void **state)
{
    fixture *f = *state;
    row *rows = malloc(PROP_ROWS * sizeof *rows);
    int *perm = malloc(PROP_ROWS * sizeof *perm);
    int (*base)[3] = malloc(PROP_CUSTOMERS * sizeof *base), (*other)[3] = malloc(PROP_CUSTOMERS * sizeof *other);
    assert_non_null(rows && perm && base && other);
    make_rows(rows);
    for (int i = 0; i < PROP_ROWS; i++)
        perm[i] = i;
    static const int methods[2] = {SEG_RFM_TIE_QUANTILE, SEG_RFM_NTILE};
    static const int64_t factors[2] = {7, 7000000};
    seg_dataset *ds1 = load_rows(f->ctx, rows, perm, 1);
    for (int m = 0; m < 2; m++) {
        set_i64(f->p, SEG_PARAM_RFM_METHOD, methods[m]);
        scores_by_customer(base, f->ctx, ds1, f->p);
        for (int k = 0; k < 2; k++) {
            seg_dataset *ds = load_rows(f->ctx, rows, perm, factors[k]);
            scores_by_customer(other, f->ctx, ds, f->p);
            expect_same_scores(base, other, methods[m] ? "ntile" : "tie-aware");
            seg_result *r1 = NULL, *r2 = NULL;
            double b1[4], b2[4];
            size_t n = 0;
            assert_int_equal(seg_analyze(&r1, ds1, f->p), SEG_OK);
            assert_int_equal(seg_analyze(&r2, ds, f->p), SEG_OK);
            assert_int_equal(seg_result_rfm_breaks(b1, 4, &n, r1, SEG_AXIS_M), SEG_OK);
            assert_int_equal(seg_result_rfm_breaks(b2, 4, &n, r2, SEG_AXIS_M), SEG_OK);
            for (int j = 0; j < 4; j++)
                assert_true(b2[j] == b1[j] * (double)factors[k]);
            seg_result_free(r1);
            seg_result_free(r2);
            seg_dataset_free(ds);
        }
    }
    seg_dataset_free(ds1);
    free(rows);
    free(perm);
    free(base);
    free(other);
}

/* The order rows arrive in changes dense indices, never scores: a
 * deterministic Fisher–Yates shuffle of the rows gives every customer the
 * same R, F, M under each method. */
static void property_row_order(void **state)
{
    fixture *f = *state;
    row *rows = malloc(PROP_ROWS * sizeof *rows);
    int *perm = malloc(PROP_ROWS * sizeof *perm), *shuffled = malloc(PROP_ROWS * sizeof *shuffled);
    int (*base)[3] = malloc(PROP_CUSTOMERS * sizeof *base), (*other)[3] = malloc(PROP_CUSTOMERS * sizeof *other);
    assert_non_null(rows && perm && shuffled && base && other);
    make_rows(rows);
    uint32_t s = 2024;
    for (int i = 0; i < PROP_ROWS; i++)
        perm[i] = shuffled[i] = i;
    for (int i = PROP_ROWS - 1; i > 0; i--) {
        int j = (int)(lcg(&s) % (uint32_t)(i + 1)), t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
    }
    seg_dataset *ds1 = load_rows(f->ctx, rows, perm, 1), *ds2 = load_rows(f->ctx, rows, shuffled, 1);
    size_t first = prop_customer(ds2, 0, 0);
    assert_int_not_equal(first, 0); /* the shuffle did move customer 0 */
    static const int methods[3] = {SEG_RFM_TIE_QUANTILE, SEG_RFM_NTILE, SEG_RFM_R_RFM};
    for (int m = 0; m < 3; m++) {
        set_i64(f->p, SEG_PARAM_RFM_METHOD, methods[m]);
        scores_by_customer(base, f->ctx, ds1, f->p);
        scores_by_customer(other, f->ctx, ds2, f->p);
        expect_same_scores(base, other, "shuffled rows");
    }
    seg_dataset_free(ds1);
    seg_dataset_free(ds2);
    free(rows);
    free(perm);
    free(shuffled);
    free(base);
    free(other);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(six_aggregates),
        T(tie_quantile_with_ties),
        T(tie_quantile_breaks),
        T(six_segments),
        T(ntile_remainder_and_ties),
        T(ntile_ties_split_by_id),
        T(ntile_string_ids_in_byte_order),
        T(unreachable_scores_are_infinite),
        T(breaks_api),
        T(bins_two_and_ten),
        T(thresholds_method),
        T(thresholds_need_every_list),
        T(threshold_list_validation),
        T(r_rfm_method),
        T(single_customer),
        T(all_equal_values),
        T(refunds_and_leads),
        T(monetary_mean),
        T(seeds_cells_and_names),
        T(default_table_as_documented),
        T(default_table_covers_every_cell),
        T(rescaled_default_table),
        T(custom_table_with_a_gap),
        T(segment_table_api),
        T(property_breaks_reproduce_scores),
        T(property_rescaling_amounts),
        T(property_row_order),
    };
    return cmocka_run_group_tests_name("rfm", tests, NULL, NULL);
}
