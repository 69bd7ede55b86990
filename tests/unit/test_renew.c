/* Renew (docs/analyses.md, "Renew score") and the look-back window ("The
 * as-of date and the window"): weighted scores of refused leads, unrated
 * leads, ranks with ties by id, the binary scale, ratings out of scale,
 * custom criteria, the re-contact date, and what a look-back window does to
 * the aggregates, RFM, ABC and the lifecycle. Every expected value is
 * computed by hand from the spec; the arithmetic is in the comment above each
 * case. Unless a case says otherwise the as-of date is 2024-12-31. */
#include "test_util.h"

#include <math.h>
#include <stdio.h>

typedef analysis_fixture fixture;

static int setup(void **state)
{
    if (analysis_setup(state))
        return -1;
    fixture *f = *state;
    return seg_params_set_i64(f->p, SEG_PARAM_AS_OF, day("2024-12-31")) == SEG_OK ? 0 : -1;
}

/* ---- helpers ---- */

#define NUL INT64_MIN
#define SKIP (-1) /* leave a rating unset */

static size_t cust(fixture *f, int64_t id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, f->ds, id), SEG_OK);
    return c;
}

static size_t cust_str(fixture *f, const char *id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_str(&c, f->ds, id, strlen(id)), SEG_OK);
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

static void rating(fixture *f, size_t c, const char *criterion, int32_t v)
{
    if (v != SKIP)
        assert_int_equal(seg_dataset_set_rating(f->ds, c, criterion, strlen(criterion), v), SEG_OK);
}

/* Brand, deal and closeness ratings of customer c. */
static void rate(fixture *f, size_t c, int32_t brand, int32_t deal, int32_t closeness)
{
    rating(f, c, "brand", brand);
    rating(f, c, "deal", deal);
    rating(f, c, "closeness", closeness);
}

/* A lost deal: the lead is closed, so the customer is refused. */
static size_t refused(fixture *f, size_t c)
{
    assert_int_equal(seg_dataset_set_int(f->ds, c, SEG_FIELD_LEAD_CLOSED, 1), SEG_OK);
    return c;
}

static void set_date(fixture *f, size_t c, seg_field field, const char *date)
{
    assert_int_equal(seg_dataset_set_int(f->ds, c, field, day(date)), SEG_OK);
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

static void expect_f64(const seg_result *r, seg_column col, size_t i, double want)
{
    double v = 0;
    uint8_t ok = 0;
    assert_int_equal(seg_result_copy_f64(&v, &ok, r, col, i, 1), SEG_OK);
    if (isnan(want) && ok)
        fail_msg("%s row %zu: got %.17g, want null", seg_result_column_name(col), i, v);
    if (!isnan(want) && (!ok || v != want))
        fail_msg("%s row %zu: got %.17g%s, want %.17g", seg_result_column_name(col), i, v, ok ? "" : " (null)",
                 want);
}

/* Renew score (NAN: null), rank and status (NUL: null) of row c. */
static void expect_renew(const seg_result *r, size_t c, double score, int64_t rank, int64_t status)
{
    expect_f64(r, SEG_COL_RENEW, c, score);
    expect_i64(r, SEG_COL_RENEW_RANK, c, rank);
    expect_i64(r, SEG_COL_RENEW_STATUS, c, status);
}

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = -1;
    assert_int_equal(seg_result_summary_i64(&v, r, key), SEG_OK);
    return v;
}

static int64_t date_or_null(const char *iso)
{
    return iso ? day(iso) : NUL;
}

#define SCORED SEG_RENEW_SCORED
#define UNRATED SEG_RENEW_UNRATED

/* ---- scores and ranks ---- */

/* The seeds' example: three criteria rated 1–5, weights 1. Customer 1 is
 * rated 4, 4, 3 → 11; customer 2 is rated brand 5, deal 4, closeness 3 → 12
 * and ranks first although its id is larger. */
static void seeds_worked_example(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2));
    rate(f, a, 4, 4, 3);
    rate(f, b, 5, 4, 3);
    seg_result *r = run(f);
    expect_renew(r, a, 11.0, 2, SCORED);
    expect_renew(r, b, 12.0, 1, SCORED);
    expect_i64(r, SEG_COL_LIFECYCLE, a, SEG_LIFECYCLE_REFUSED);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_SCORED), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_UNRATED), 0);
    seg_result_free(r);
}

/* Ties by id: integer ids first in numeric order, then string ids in byte
 * order, shorter first on a common prefix. Declared in the order 10, "a", 9,
 * "ab", 2, "B". Scores: 2 → 5 + 4 + 3 = 12; all others 4 + 4 + 3 = 11.
 * Ranks: 2 (12) first; the 11s by id: 9 < 10 (numerically, although "10" <
 * "9" as text), then "B" (0x42) < "a" (0x61) < "ab" → 9: 2, 10: 3, "B": 4,
 * "a": 5, "ab": 6. */
static void ties_by_id(void **state)
{
    fixture *f = *state;
    size_t c10 = refused(f, cust(f, 10)), ca = refused(f, cust_str(f, "a")), c9 = refused(f, cust(f, 9));
    size_t cab = refused(f, cust_str(f, "ab")), c2 = refused(f, cust(f, 2)), cB = refused(f, cust_str(f, "B"));
    rate(f, c10, 4, 4, 3);
    rate(f, ca, 4, 4, 3);
    rate(f, c9, 4, 4, 3);
    rate(f, cab, 4, 4, 3);
    rate(f, c2, 5, 4, 3);
    rate(f, cB, 4, 4, 3);
    seg_result *r = run(f);
    expect_renew(r, c2, 12.0, 1, SCORED);
    expect_renew(r, c9, 11.0, 2, SCORED);
    expect_renew(r, c10, 11.0, 3, SCORED);
    expect_renew(r, cB, 11.0, 4, SCORED);
    expect_renew(r, ca, 11.0, 5, SCORED);
    expect_renew(r, cab, 11.0, 6, SCORED);
    seg_result_free(r);
}

/* Weights 1: 1 (5, 4, 3) → 12, 2 (4, 4, 3) → 11, 3 (1, 5, 5) → 11; ranks 1, 2,
 * 3 (2 before 3 by id).
 * Re-adding the criteria changes their weights: brand 0.5, deal 2,
 * closeness 2: 1 → 2.5 + 8 + 6 = 16.5; 2 → 2 + 8 + 6 = 16; 3 → 0.5 + 10 + 10
 * = 20.5; ranks 3: 1, 1: 2, 2: 3. */
static void weights(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2)), c = refused(f, cust(f, 3));
    rate(f, a, 5, 4, 3);
    rate(f, b, 4, 4, 3);
    rate(f, c, 1, 5, 5);
    seg_result *r = run(f);
    expect_renew(r, a, 12.0, 1, SCORED);
    expect_renew(r, b, 11.0, 2, SCORED);
    expect_renew(r, c, 11.0, 3, SCORED);
    seg_result_free(r);
    assert_int_equal(seg_params_renew_add(f->p, "brand", 5, 0.5), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "deal", 4, 2.0), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "closeness", 9, 2.0), SEG_OK);
    assert_int_equal(seg_params_renew_count(f->p), 3);
    r = run(f);
    expect_renew(r, a, 16.5, 2, SCORED);
    expect_renew(r, b, 16.0, 3, SCORED);
    expect_renew(r, c, 20.5, 1, SCORED);
    seg_result_free(r);
}

/* Fractional weights: brand 0.5, deal 0.25, closeness 2 (binary fractions,
 * so every weighted sum here is exact):
 *   1: 3, 5, 1 → 1.5 + 1.25 + 2 = 4.75
 *   2: 5, 1, 1 → 2.5 + 0.25 + 2 = 4.75
 *   3: 5, 5, 5 → 2.5 + 1.25 + 10 = 13.75
 * 1 and 2 tie at 4.75 and are ranked by id: 3: 1, 1: 2, 2: 3. */
static void fractional_weights_tie_by_id(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2)), c = refused(f, cust(f, 3));
    assert_int_equal(seg_params_renew_add(f->p, "brand", 5, 0.5), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "deal", 4, 0.25), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "closeness", 9, 2.0), SEG_OK);
    rate(f, a, 3, 5, 1);
    rate(f, b, 5, 1, 1);
    rate(f, c, 5, 5, 5);
    seg_result *r = run(f);
    expect_renew(r, a, 4.75, 2, SCORED);
    expect_renew(r, b, 4.75, 3, SCORED);
    expect_renew(r, c, 13.75, 1, SCORED);
    seg_result_free(r);
}

/* Decimal weights are taken to nine decimals and summed exactly, so sums
 * equal on paper tie even where doubles would differ in the last bit:
 * weights 0.1, 0.2, 0.3
 *   1: 5, 1, 2 → 0.5 + 0.2 + 0.6 = 1.3
 *   2: 1, 3, 2 → 0.1 + 0.6 + 0.6 = 1.3
 *   3: 1, 1, 1 → 0.6
 * 1 and 2 tie and are ranked by id; the score reads as the double nearest 1.3. */
static void decimal_weights_tie_exactly(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2)), c = refused(f, cust(f, 3));
    assert_int_equal(seg_params_renew_add(f->p, "brand", 5, 0.1), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "deal", 4, 0.2), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "closeness", 9, 0.3), SEG_OK);
    rate(f, a, 5, 1, 2);
    rate(f, b, 1, 3, 2);
    rate(f, c, 1, 1, 1);
    seg_result *r = run(f);
    expect_renew(r, a, 1.3, 1, SCORED);
    expect_renew(r, b, 1.3, 2, SCORED);
    expect_renew(r, c, 0.6, 3, SCORED);
    seg_result_free(r);
}

/* A missing rating makes a lead unrated: no score, no rank — never 0.
 *   1: 5, 4, 3 → 12, rank 1
 *   2: 5, –, 3 → unrated
 *   3: no ratings → unrated
 *   4: 1, 1, 1 → 3, rank 2 (the ranks of the scored leads stay 1, 2)
 *   5: rated 5, 5, 5, then deal cleared (SEG_NONE) → unrated
 * Scored 2, unrated 3. */
static void missing_rating_is_unrated(void **state)
{
    fixture *f = *state;
    size_t c[5];
    for (int i = 0; i < 5; i++)
        c[i] = refused(f, cust(f, i + 1));
    rate(f, c[0], 5, 4, 3);
    rate(f, c[1], 5, SKIP, 3);
    rate(f, c[3], 1, 1, 1);
    rate(f, c[4], 5, 5, 5);
    rating(f, c[4], "deal", SEG_NONE);
    seg_result *r = run(f);
    expect_renew(r, c[0], 12.0, 1, SCORED);
    expect_renew(r, c[1], NAN, NUL, UNRATED);
    expect_renew(r, c[2], NAN, NUL, UNRATED);
    expect_renew(r, c[3], 3.0, 2, SCORED);
    expect_renew(r, c[4], NAN, NUL, UNRATED);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_SCORED), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_UNRATED), 3);
    int64_t n = 0;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_RENEW_STATUS, UNRATED), SEG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_RENEW_STATUS, SCORED), SEG_OK);
    assert_int_equal(n, 2);
    seg_result_free(r);
}

/* Binary scale, good = 1 / bad = 0: 1 (1, 0, 1) → 2; 2 (0, 0, 0) → 0, a
 * real score of 0 (every rating is there); 3 (1, 1, 1) → 3. Ranks 3: 1,
 * 1: 2, 2: 3. A 2 is outside the binary scale → SEG_ERR_RANGE; so are the
 * 0s on the default 1–5 scale. */
static void binary_scale(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2)), c = refused(f, cust(f, 3));
    rate(f, a, 1, 0, 1);
    rate(f, b, 0, 0, 0);
    rate(f, c, 1, 1, 1);
    set_i64(f, SEG_PARAM_RENEW_BINARY, 1);
    r = run(f);
    expect_renew(r, a, 2.0, 2, SCORED);
    expect_renew(r, b, 0.0, 3, SCORED);
    expect_renew(r, c, 3.0, 1, SCORED);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_SCORED), 3);
    seg_result_free(r);
    r = NULL;
    set_i64(f, SEG_PARAM_RENEW_BINARY, 0);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_RANGE);
    assert_null(r);
    set_i64(f, SEG_PARAM_RENEW_BINARY, 1);
    rating(f, c, "deal", 2);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_RANGE);
    assert_null(r);
}

/* A rating outside 1–5 fails the analysis with SEG_ERR_RANGE, and the message
 * names the customer. Checked one at a time: "ACME" with brand 6; then the
 * integer id 4242 with closeness 0; then "Zed" whose brand is missing (so it
 * would be unrated) and whose deal is 7 — out of scale all the same. */
static void rating_outside_scale_names_customer(void **state)
{
    fixture *f = *state;
    seg_result *r = NULL;
    size_t acme = refused(f, cust_str(f, "ACME"));
    rate(f, acme, 6, 4, 3);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_RANGE);
    assert_null(r);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "ACME"));
    rating(f, acme, "brand", 5);
    size_t n4242 = refused(f, cust(f, 4242));
    rate(f, n4242, 3, 3, 0);
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_RANGE);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "4242"));
    rating(f, n4242, "closeness", 1);
    r = run(f);
    expect_renew(r, acme, 12.0, 1, SCORED);
    expect_renew(r, n4242, 7.0, 2, SCORED);
    seg_result_free(r);
    size_t zed = refused(f, cust_str(f, "Zed"));
    rate(f, zed, SKIP, 7, 3);
    r = NULL;
    assert_int_equal(seg_analyze(&r, f->ds, f->p), SEG_ERR_RANGE);
    assert_null(r);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "Zed"));
}

/* ---- custom criteria ---- */

static void criteria_list(void **state)
{
    fixture *f = *state;
    const char *name = NULL;
    size_t len = 0;
    double w = 0;
    static const char *const defaults[3] = {"brand", "deal", "closeness"};
    assert_int_equal(seg_params_renew_count(f->p), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(seg_params_renew_get(&name, &len, &w, f->p, i), SEG_OK);
        assert_string_equal(name, defaults[i]);
        assert_int_equal(len, strlen(defaults[i]));
        assert_true(w == 1.0);
    }
    assert_int_equal(seg_params_renew_clear(f->p), SEG_OK);
    assert_int_equal(seg_params_renew_count(f->p), 0);
    assert_int_equal(seg_params_renew_get(&name, NULL, NULL, f->p, 0), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, 1.5), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "timing", 6, 1.0), SEG_OK);
    assert_int_equal(seg_params_renew_count(f->p), 2);
    assert_int_equal(seg_params_renew_get(&name, &len, &w, f->p, 0), SEG_OK);
    assert_string_equal(name, "price");
    assert_true(len == 5 && w == 1.5);
    /* Re-adding changes the weight, not the count or the order. */
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, 3.0), SEG_OK);
    assert_int_equal(seg_params_renew_count(f->p), 2);
    assert_int_equal(seg_params_renew_get(&name, NULL, &w, f->p, 0), SEG_OK);
    assert_string_equal(name, "price");
    assert_true(w == 3.0);
    /* Weights are finite, 0–1000; a refused weight changes nothing. */
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, -1.0), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, 1000.5), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, NAN), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, INFINITY), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_add(f->p, "other", 5, -0.5), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_count(f->p), 2);
    assert_int_equal(seg_params_renew_get(&name, NULL, &w, f->p, 0), SEG_OK);
    assert_true(w == 3.0);
    assert_int_equal(seg_params_renew_add(f->p, "timing", 6, 1000.0), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "timing", 6, 0.0), SEG_OK);
    /* Names of 1–64 bytes. */
    char long_name[65];
    memset(long_name, 'n', sizeof long_name);
    assert_int_equal(seg_params_renew_add(f->p, long_name, 64, 1.0), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, long_name, 65, 1.0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_renew_add(f->p, "x", 0, 1.0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_renew_add(f->p, NULL, 1, 1.0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_renew_add(NULL, "x", 1, 1.0), SEG_ERR_INVALID_ARGUMENT);
    /* At most 16 criteria: 3 so far, 13 more fit, the 17th does not, and
     * re-adding one of the 16 still works. */
    for (int i = 0; i < 13; i++) {
        char n[8];
        snprintf(n, sizeof n, "c%02d", i);
        assert_int_equal(seg_params_renew_add(f->p, n, strlen(n), 1.0), SEG_OK);
    }
    assert_int_equal(seg_params_renew_count(f->p), 16);
    assert_int_equal(seg_params_renew_add(f->p, "c13", 3, 1.0), SEG_ERR_RANGE);
    assert_int_equal(seg_params_renew_count(f->p), 16);
    assert_int_equal(seg_params_renew_add(f->p, "c00", 3, 7.0), SEG_OK);
    assert_int_equal(seg_params_renew_get(&name, NULL, &w, f->p, 3), SEG_OK);
    assert_string_equal(name, "c00");
    assert_true(w == 7.0);
    assert_int_equal(seg_params_renew_get(&name, NULL, NULL, f->p, 16), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_params_renew_get(NULL, NULL, NULL, f->p, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_renew_get(&name, NULL, NULL, NULL, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_renew_count(NULL), 0);
    assert_int_equal(seg_params_renew_clear(NULL), SEG_ERR_INVALID_ARGUMENT);
}

/* Custom criteria price (weight 3) and timing (weight 1) replace the
 * defaults:
 *   1: price 2, timing 5 (and a brand rating, no longer a criterion)
 *      → 3 · 2 + 5 = 11
 *   2: rated brand, deal, closeness 5 only → price missing → unrated
 *   3: price 5, timing 5 → 15 + 5 = 20
 * Ranks 3: 1, 1: 2. */
static void custom_criteria_scores(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1)), b = refused(f, cust(f, 2)), c = refused(f, cust(f, 3));
    assert_int_equal(seg_params_renew_clear(f->p), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "price", 5, 3.0), SEG_OK);
    assert_int_equal(seg_params_renew_add(f->p, "timing", 6, 1.0), SEG_OK);
    rating(f, a, "price", 2);
    rating(f, a, "timing", 5);
    rating(f, a, "brand", 1);
    rate(f, b, 5, 5, 5);
    rating(f, c, "price", 5);
    rating(f, c, "timing", 5);
    seg_result *r = run(f);
    expect_renew(r, a, 11.0, 2, SCORED);
    expect_renew(r, b, NAN, NUL, UNRATED);
    expect_renew(r, c, 20.0, 1, SCORED);
    seg_result_free(r);
}

/* ---- who gets a renew score ---- */

/* Only refused leads. As of 2024-12-31, all rated and with a competitor
 * deadline of 2025-02-01:
 *   1: a current buyer (2024-12-01)              → renew, rank, status, date null
 *   2: an open lead from 2024-12-01 (prospect)   → null
 *   3: a churned buyer (2023-01-01)              → null
 *   4: lead from 2024-01-01, 365 days > 90 → refused (timeout), rated 3, 3, 3
 *      → 9, rank 2
 *   5: closed lead → refused, rated 4, 4, 4 → 12, rank 1 */
static void only_refused_leads(void **state)
{
    fixture *f = *state;
    size_t c[5];
    buy(f, 1, "2024-12-01", 100);
    c[0] = cust(f, 1);
    c[1] = cust(f, 2);
    set_date(f, c[1], SEG_FIELD_LEAD_DATE, "2024-12-01");
    buy(f, 3, "2023-01-01", 100);
    c[2] = cust(f, 3);
    c[3] = cust(f, 4);
    set_date(f, c[3], SEG_FIELD_LEAD_DATE, "2024-01-01");
    c[4] = refused(f, cust(f, 5));
    for (int i = 0; i < 5; i++)
        set_date(f, c[i], SEG_FIELD_COMPETITOR_DEADLINE, "2025-02-01");
    rate(f, c[0], 5, 5, 5);
    rate(f, c[1], 5, 5, 5);
    rate(f, c[2], 5, 5, 5);
    rate(f, c[3], 3, 3, 3);
    rate(f, c[4], 4, 4, 4);
    seg_result *r = run(f);
    static const int64_t stage[5] = {SEG_LIFECYCLE_CURRENT, SEG_LIFECYCLE_PROSPECT, SEG_LIFECYCLE_CHURNED,
                                     SEG_LIFECYCLE_REFUSED, SEG_LIFECYCLE_REFUSED};
    for (int i = 0; i < 5; i++)
        expect_i64(r, SEG_COL_LIFECYCLE, c[i], stage[i]);
    for (int i = 0; i < 3; i++) {
        expect_renew(r, c[i], NAN, NUL, NUL);
        expect_i64(r, SEG_COL_RECONTACT_DATE, c[i], NUL);
    }
    expect_renew(r, c[3], 9.0, 2, SCORED);
    expect_renew(r, c[4], 12.0, 1, SCORED);
    expect_i64(r, SEG_COL_RECONTACT_DATE, c[4], day("2025-01-18"));
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_SCORED), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_RENEW_UNRATED), 0);
    seg_result_free(r);
}

/* ---- re-contact date ---- */

/* Refused leads (rated 3, 3, 3), as of 2024-12-31:
 *   1: deadline 2025-02-01                      → 02-01 − 14 = 2025-01-18
 *   2: launch 2024-11-15, deadline 2025-03-01   → launch + 60 = 15 (Nov) + 31
 *      + 14 = 2025-01-14; deadline − 14 = 2025-02-15; earliest 2025-01-14
 *   3: deadline 2025-01-10, launch 2024-12-01   → deadline − 14 = 2024-12-27
 *      is past; launch + 60 = 30 (Dec) + 30 = 2025-01-30
 *   4: deadline 2025-01-14                      → 2024-12-31, the as-of date
 *      itself: not before it → 2024-12-31
 *   5: deadline 2024-12-01, launch 2024-09-01   → 2024-11-17 and 2024-10-31,
 *      both past → none
 *   6: nothing known                            → none
 * Offsets 30 before the deadline, 10 after the launch:
 *   1: 02-01 − 30 = 2025-01-02
 *   2: launch + 10 = 2024-11-25 past; 03-01 − 30 = 2025-01-30
 *   3: 01-10 − 30 = 2024-12-11 and 12-01 + 10 = 2024-12-11, both past → none
 *   4: 01-14 − 30 = 2024-12-15 past → none
 *   5, 6: none
 * Offsets 0 and 0: 1: 2025-02-01; 2: launch 2024-11-15 past → 2025-03-01;
 *   3: launch 2024-12-01 past → 2025-01-10; 4: 2025-01-14; 5, 6: none. */
static void recontact_date(void **state)
{
    fixture *f = *state;
    size_t c[6];
    for (int i = 0; i < 6; i++) {
        c[i] = refused(f, cust(f, i + 1));
        rate(f, c[i], 3, 3, 3);
    }
    set_date(f, c[0], SEG_FIELD_COMPETITOR_DEADLINE, "2025-02-01");
    set_date(f, c[1], SEG_FIELD_PROJECT_LAUNCH, "2024-11-15");
    set_date(f, c[1], SEG_FIELD_COMPETITOR_DEADLINE, "2025-03-01");
    set_date(f, c[2], SEG_FIELD_COMPETITOR_DEADLINE, "2025-01-10");
    set_date(f, c[2], SEG_FIELD_PROJECT_LAUNCH, "2024-12-01");
    set_date(f, c[3], SEG_FIELD_COMPETITOR_DEADLINE, "2025-01-14");
    set_date(f, c[4], SEG_FIELD_COMPETITOR_DEADLINE, "2024-12-01");
    set_date(f, c[4], SEG_FIELD_PROJECT_LAUNCH, "2024-09-01");
    static const struct {
        int64_t before, after;
        const char *want[6];
    } cases[] = {
        {14, 60, {"2025-01-18", "2025-01-14", "2025-01-30", "2024-12-31", NULL, NULL}},
        {30, 10, {"2025-01-02", "2025-01-30", NULL, NULL, NULL, NULL}},
        {0, 0, {"2025-02-01", "2025-03-01", "2025-01-10", "2025-01-14", NULL, NULL}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        if (k > 0) {
            set_i64(f, SEG_PARAM_RENEW_BEFORE_DEADLINE, cases[k].before);
            set_i64(f, SEG_PARAM_RENEW_AFTER_LAUNCH, cases[k].after);
        }
        seg_result *r = run(f);
        for (int i = 0; i < 6; i++)
            expect_i64(r, SEG_COL_RECONTACT_DATE, c[i], date_or_null(cases[k].want[i]));
        seg_result_free(r);
    }
}

/* Renew needs its analysis; asking for renew alone runs the lifecycle it
 * depends on. */
static void renew_needs_its_analysis(void **state)
{
    fixture *f = *state;
    size_t a = refused(f, cust(f, 1));
    rate(f, a, 5, 4, 3);
    int64_t v;
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_LIFECYCLE);
    seg_result *r = run(f);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_RENEW_SCORED), SEG_ERR_STATE);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_RENEW_UNRATED), SEG_ERR_STATE);
    assert_int_equal(seg_result_class_summary(&v, NULL, NULL, NULL, r, SEG_COL_RENEW_STATUS, SCORED), SEG_ERR_STATE);
    expect_renew(r, a, NAN, NUL, NUL);
    seg_result_free(r);
    set_i64(f, SEG_PARAM_ANALYSES, SEG_ANALYSIS_RENEW);
    r = run(f);
    assert_int_equal(sum_i64(r, SEG_SUM_ANALYSES), SEG_ANALYSIS_RENEW | SEG_ANALYSIS_LIFECYCLE);
    expect_i64(r, SEG_COL_LIFECYCLE, a, SEG_LIFECYCLE_REFUSED);
    expect_renew(r, a, 12.0, 1, SCORED);
    seg_result_free(r);
}

/* ---- the look-back window ---- */

/* A monthly dataset as of 2024-12-31, look-back 3 months: October, November,
 * December 2024.
 *   1: 500 (order o1) on 03-10, 300 on 05-10 — all before the window.
 *   2: 100 on 09-30 (before), 200 on 10-01, −50 on 11-15, order z in two
 *      lines (300 + 100) on 12-20.
 *   3: 1000 on 12-01.
 *   4: 100 on 06-01 (before), a −30 refund on 11-01 (in the window).
 * In the window:
 *   1: no row → not a buyer: recency, first purchase, R and ABC null; net 0,
 *      orders 0.
 *   2: net 200 − 50 + 300 + 100 = 550; rows 4, purchase rows 3, refund rows
 *      1; orders: the 10-01 row (no id) + z = 2 = frequency; first 10-01,
 *      last 12-20; recency 11; tenure 31 + 30 + 30 = 91; monetary 550.
 *   3: net 1000, orders 1, recency 30.
 *   4: a refund but no purchase → not a buyer: net −30, refund rows 1,
 *      recency and ABC null.
 *   Buyers 2, RFM scored 2; ABC total T = 1000 + 550 = 1550, ranks 3: 1,
 *   2: 2.
 * The lifecycle sees the whole history: 1 last bought 05-10 → recency 21 +
 * 30 + 31 + 31 + 30 + 31 + 30 + 31 = 235 > 180 → churned; 2 → 11, current;
 * 3 → 30, current; 4 last bought 06-01 → 213 → churned. So does XYZ: 1's
 * series runs from March: 500, 0, 300, 0 × 7 (10 periods).
 * Without a window (0): 1 net 800, orders 2, recency 235; 2 net 650, orders
 * 3, first 09-30, tenure 92; buyers 4; T = 800 + 650 + 1000 + 70 = 2520.
 * Look-back 1 (December only): 2 net 400, orders 1, rows 2, first 12-20; 3
 * net 1000; 4 net 0. */
static void lookback_window(void **state)
{
    fixture *f = *state;
    txn(f, 1, "2024-03-10", 500, "o1");
    buy(f, 1, "2024-05-10", 300);
    buy(f, 2, "2024-09-30", 100);
    buy(f, 2, "2024-10-01", 200);
    buy(f, 2, "2024-11-15", -50);
    txn(f, 2, "2024-12-20", 300, "z");
    txn(f, 2, "2024-12-20", 100, "z");
    buy(f, 3, "2024-12-01", 1000);
    buy(f, 4, "2024-06-01", 100);
    buy(f, 4, "2024-11-01", -30);
    size_t w1 = cust(f, 1), w2 = cust(f, 2), w3 = cust(f, 3), w4 = cust(f, 4);
    set_i64(f, SEG_PARAM_LOOKBACK_PERIODS, 3);
    seg_result *r = run(f);
    /* 1: nothing in the window. */
    expect_i64(r, SEG_COL_NET_AMOUNT, w1, 0);
    expect_i64(r, SEG_COL_ORDERS, w1, 0);
    expect_i64(r, SEG_COL_FREQUENCY, w1, 0);
    expect_i64(r, SEG_COL_RECENCY_DAYS, w1, NUL);
    expect_i64(r, SEG_COL_FIRST_PURCHASE, w1, NUL);
    expect_i64(r, SEG_COL_R, w1, NUL);
    expect_i64(r, SEG_COL_ABC, w1, NUL);
    expect_i64(r, SEG_COL_LIFECYCLE, w1, SEG_LIFECYCLE_CHURNED);
    expect_i64(r, SEG_COL_LIFECYCLE_REASON, w1, SEG_REASON_RECENCY);
    expect_i64(r, SEG_COL_XYZ_PERIODS, w1, 10);
    /* 2: window totals. */
    expect_i64(r, SEG_COL_NET_AMOUNT, w2, 550);
    expect_i64(r, SEG_COL_ROWS, w2, 4);
    expect_i64(r, SEG_COL_PURCHASE_ROWS, w2, 3);
    expect_i64(r, SEG_COL_REFUND_ROWS, w2, 1);
    expect_i64(r, SEG_COL_ORDERS, w2, 2);
    expect_i64(r, SEG_COL_FREQUENCY, w2, 2);
    expect_i64(r, SEG_COL_MONETARY, w2, 550);
    expect_i64(r, SEG_COL_FIRST_PURCHASE, w2, day("2024-10-01"));
    expect_i64(r, SEG_COL_LAST_PURCHASE, w2, day("2024-12-20"));
    expect_i64(r, SEG_COL_RECENCY_DAYS, w2, 11);
    expect_i64(r, SEG_COL_TENURE_DAYS, w2, 91);
    expect_i64(r, SEG_COL_ABC_RANK, w2, 2);
    expect_i64(r, SEG_COL_LIFECYCLE, w2, SEG_LIFECYCLE_CURRENT);
    /* 3 */
    expect_i64(r, SEG_COL_NET_AMOUNT, w3, 1000);
    expect_i64(r, SEG_COL_ORDERS, w3, 1);
    expect_i64(r, SEG_COL_RECENCY_DAYS, w3, 30);
    expect_i64(r, SEG_COL_ABC_RANK, w3, 1);
    /* 4: only a refund in the window. */
    expect_i64(r, SEG_COL_NET_AMOUNT, w4, -30);
    expect_i64(r, SEG_COL_REFUND_ROWS, w4, 1);
    expect_i64(r, SEG_COL_RECENCY_DAYS, w4, NUL);
    expect_i64(r, SEG_COL_ABC, w4, NUL);
    expect_i64(r, SEG_COL_R, w4, NUL);
    expect_i64(r, SEG_COL_LIFECYCLE, w4, SEG_LIFECYCLE_CHURNED);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_RFM_SCORED), 2);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 1550);
    seg_result_free(r);

    set_i64(f, SEG_PARAM_LOOKBACK_PERIODS, 0);
    r = run(f);
    expect_i64(r, SEG_COL_NET_AMOUNT, w1, 800);
    expect_i64(r, SEG_COL_ORDERS, w1, 2);
    expect_i64(r, SEG_COL_RECENCY_DAYS, w1, 235);
    expect_i64(r, SEG_COL_LIFECYCLE, w1, SEG_LIFECYCLE_CHURNED);
    expect_i64(r, SEG_COL_NET_AMOUNT, w2, 650);
    expect_i64(r, SEG_COL_ORDERS, w2, 3);
    expect_i64(r, SEG_COL_FIRST_PURCHASE, w2, day("2024-09-30"));
    expect_i64(r, SEG_COL_TENURE_DAYS, w2, 92);
    expect_i64(r, SEG_COL_NET_AMOUNT, w4, 70);
    assert_int_equal(sum_i64(r, SEG_SUM_BUYERS), 4);
    assert_int_equal(sum_i64(r, SEG_SUM_METRIC_TOTAL), 2520);
    seg_result_free(r);

    set_i64(f, SEG_PARAM_LOOKBACK_PERIODS, 1);
    r = run(f);
    expect_i64(r, SEG_COL_NET_AMOUNT, w2, 400);
    expect_i64(r, SEG_COL_ORDERS, w2, 1);
    expect_i64(r, SEG_COL_ROWS, w2, 2);
    expect_i64(r, SEG_COL_FIRST_PURCHASE, w2, day("2024-12-20"));
    expect_i64(r, SEG_COL_NET_AMOUNT, w3, 1000);
    expect_i64(r, SEG_COL_NET_AMOUNT, w4, 0);
    expect_i64(r, SEG_COL_REFUND_ROWS, w4, 0);
    seg_result_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, analysis_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(seeds_worked_example),
        T(ties_by_id),
        T(weights),
        T(fractional_weights_tie_by_id),
        T(decimal_weights_tie_exactly),
        T(missing_rating_is_unrated),
        T(binary_scale),
        T(rating_outside_scale_names_customer),
        T(criteria_list),
        T(custom_criteria_scores),
        T(only_refused_leads),
        T(recontact_date),
        T(renew_needs_its_analysis),
        T(lookback_window),
    };
    return cmocka_run_group_tests_name("renew", tests, NULL, NULL);
}
