/* Tests of the result handle: per-customer aggregates checked against values
 * computed by hand, the frequency and monetary definitions, nulls, summaries. */
#include "test_util.h"

#include <math.h>

typedef struct fixture {
    seg_context *ctx;
    seg_dataset *ds;
    seg_params *params;
} fixture;

/* A: four rows over three months (one refund), B: a lead, C: two small
 * purchases and a larger refund. As of 2024-12-31, scale 2. */
static int setup(void **state)
{
    static fixture f;
    size_t a, b, c;
    if (seg_context_new(&f.ctx) || seg_dataset_new(&f.ds, f.ctx) || seg_params_new(&f.params, f.ctx))
        return -1;
    seg_dataset_set_option(f.ds, SEG_DATASET_AS_OF, day("2024-12-31"));
    seg_dataset_customer_str(&a, f.ds, "A", 1);
    seg_dataset_customer_str(&b, f.ds, "B", 1);
    seg_dataset_customer_str(&c, f.ds, "C", 1);
    seg_dataset_add_transaction(f.ds, a, day("2024-01-10"), 100000, "O1", 2, NULL, NULL);
    seg_dataset_add_transaction(f.ds, a, day("2024-01-10"), 5000, "O2", 2, NULL, NULL);
    seg_dataset_add_transaction(f.ds, a, day("2024-03-15"), 25050, "O3", 2, NULL, NULL);
    seg_dataset_add_transaction(f.ds, a, day("2024-06-01"), -10000, "O3", 2, NULL, NULL);
    seg_dataset_add_transaction(f.ds, c, day("2024-12-30"), 1, NULL, 0, NULL, NULL);
    seg_dataset_add_transaction(f.ds, c, day("2024-12-30"), 2, NULL, 0, NULL, NULL);
    seg_dataset_add_transaction(f.ds, c, day("2024-12-31"), -8, NULL, 0, NULL, NULL);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    seg_params_free(f->params);
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    return 0;
}

static seg_result *analyze(fixture *f)
{
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, f->ds, f->params), SEG_OK);
    assert_int_equal(seg_result_rows(r), 3);
    return r;
}

/* Expect a column's three rows; INT64_MIN marks an expected null. */
static void expect(const seg_result *r, seg_column col, int64_t a, int64_t b, int64_t c)
{
    const int64_t want[3] = {a, b, c};
    int64_t got[3];
    uint8_t valid[3];
    assert_int_equal(seg_result_copy_i64(got, valid, r, col, 0, 3), SEG_OK);
    for (int i = 0; i < 3; i++) {
        if (want[i] == INT64_MIN) {
            assert_int_equal(valid[i], 0);
            assert_int_equal(got[i], 0);
        } else {
            assert_int_equal(valid[i], 1);
            assert_int_equal(got[i], want[i]);
        }
    }
}

#define NUL INT64_MIN

static void aggregates_by_hand(void **state)
{
    fixture *f = *state;
    seg_result *r = analyze(f);
    expect(r, SEG_COL_NET_AMOUNT, 120050, 0, -5);
    expect(r, SEG_COL_ROWS, 4, 0, 3);
    expect(r, SEG_COL_PURCHASE_ROWS, 3, 0, 2);
    expect(r, SEG_COL_REFUND_ROWS, 1, 0, 1);
    expect(r, SEG_COL_ORDERS, 3, 0, 2);
    expect(r, SEG_COL_PURCHASE_DAYS, 2, 0, 1);
    expect(r, SEG_COL_ACTIVE_PERIODS, 3, 0, 1);
    expect(r, SEG_COL_FIRST_PURCHASE, day("2024-01-10"), NUL, day("2024-12-30"));
    expect(r, SEG_COL_LAST_PURCHASE, day("2024-03-15"), NUL, day("2024-12-30"));
    expect(r, SEG_COL_RECENCY_DAYS, 291, NUL, 1);
    expect(r, SEG_COL_TENURE_DAYS, 356, NUL, 1);
    expect(r, SEG_COL_FREQUENCY, 3, 0, 2);
    expect(r, SEG_COL_MONETARY, 120050, 0, -5);
    double gap[3];
    uint8_t valid[3];
    assert_int_equal(seg_result_copy_f64(gap, valid, r, SEG_COL_MEAN_GAP_DAYS, 0, 3), SEG_OK);
    assert_true(valid[0] && !valid[1] && !valid[2]);
    assert_true(gap[0] == 65.0 && isnan(gap[1]) && isnan(gap[2]));
    seg_result_free(r);
}

static void frequency_and_monetary_definitions(void **state)
{
    fixture *f = *state;
    seg_params_set_i64(f->params, SEG_PARAM_MONETARY, SEG_MONETARY_MEAN);
    seg_result *r = analyze(f);
    expect(r, SEG_COL_MONETARY, 40017, NUL, -3); /* 120050/3 = 40016.67; -5/2 = -2.5 → -3 */
    seg_result_free(r);
    seg_params_set_i64(f->params, SEG_PARAM_FREQUENCY, SEG_FREQUENCY_DAYS);
    r = analyze(f);
    expect(r, SEG_COL_FREQUENCY, 2, 0, 1);
    expect(r, SEG_COL_MONETARY, 60025, NUL, -5);
    seg_result_free(r);
    seg_params_set_i64(f->params, SEG_PARAM_FREQUENCY, SEG_FREQUENCY_ROWS);
    r = analyze(f);
    expect(r, SEG_COL_FREQUENCY, 3, 0, 2);
    seg_result_free(r);
}

static void summaries(void **state)
{
    fixture *f = *state;
    seg_result *r = analyze(f);
    int64_t v;
    double d;
    const struct { seg_summary key; int64_t want; } cases[] = {
        {SEG_SUM_CUSTOMERS, 3}, {SEG_SUM_BUYERS, 2}, {SEG_SUM_AS_OF, day("2024-12-31")},
        {SEG_SUM_NET_AMOUNT, 120045}, {SEG_SUM_PURCHASES, 5}, {SEG_SUM_SCALE, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(seg_result_summary_i64(&v, r, cases[i].key), SEG_OK);
        assert_int_equal(v, cases[i].want);
    }
    assert_int_equal(seg_result_summary_f64(&d, r, SEG_SUM_MEAN_MONETARY), SEG_OK);
    assert_true(d == 60022.5);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_MEAN_MONETARY), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_summary_f64(&d, r, SEG_SUM_BUYERS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_summary_i64(&v, r, (seg_summary)55), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_summary_f64(&d, r, (seg_summary)55), SEG_ERR_UNSUPPORTED);
    assert_ptr_equal(seg_result_dataset(r), f->ds);
    seg_result_free(r);
}

static void columns_are_described(void **state)
{
    (void)state;
    seg_param_type t;
    for (int c = SEG_COL_RECENCY_DAYS; c <= SEG_COL_MEAN_GAP_DAYS; c++) {
        assert_int_equal(seg_result_column_type(&t, (seg_column)c), SEG_OK);
        assert_int_equal(t, c == SEG_COL_MEAN_GAP_DAYS ? SEG_TYPE_F64 : SEG_TYPE_I64);
        assert_non_null(seg_result_column_name((seg_column)c));
        for (int d = SEG_COL_RECENCY_DAYS; d < c; d++)
            assert_string_not_equal(seg_result_column_name((seg_column)c), seg_result_column_name((seg_column)d));
    }
    assert_string_equal(seg_result_column_name(SEG_COL_RECENCY_DAYS), "recency_days");
    assert_null(seg_result_column_name((seg_column)0));
    assert_int_equal(seg_result_column_type(&t, (seg_column)99), SEG_ERR_UNSUPPORTED);
}

static void copy_checks_its_arguments(void **state)
{
    fixture *f = *state;
    seg_result *r = analyze(f);
    int64_t v[3];
    double d[3];
    assert_int_equal(seg_result_copy_i64(v, NULL, r, SEG_COL_ROWS, 1, 2), SEG_OK);
    assert_int_equal(v[0], 0);
    assert_int_equal(v[1], 3);
    assert_int_equal(seg_result_copy_i64(v, NULL, r, SEG_COL_ROWS, 2, 2), SEG_ERR_RANGE);
    assert_int_equal(seg_result_copy_i64(v, NULL, r, SEG_COL_ROWS, 4, 0), SEG_ERR_RANGE);
    assert_int_equal(seg_result_copy_i64(v, NULL, r, SEG_COL_ROWS, 3, 0), SEG_OK);
    assert_int_equal(seg_result_copy_i64(NULL, NULL, r, SEG_COL_ROWS, 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_copy_i64(v, NULL, r, SEG_COL_MEAN_GAP_DAYS, 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_copy_f64(d, NULL, r, SEG_COL_ROWS, 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_copy_i64(v, NULL, r, (seg_column)0, 0, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_copy_i64(v, NULL, NULL, SEG_COL_ROWS, 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_rows(NULL), 0);
    assert_null(seg_result_dataset(NULL));
    seg_result_free(r);
    seg_result_free(NULL);
    assert_int_equal(seg_analyze(NULL, f->ds, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_analyze(&r, NULL, NULL), SEG_ERR_INVALID_ARGUMENT);
}

static void empty_dataset(void **state)
{
    fixture *f = *state;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    int64_t v;
    double d;
    assert_int_equal(seg_dataset_new(&ds, f->ctx), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    assert_int_equal(seg_result_rows(r), 0);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_AS_OF), SEG_OK);
    assert_int_equal(v, SEG_NONE);
    assert_int_equal(seg_result_summary_f64(&d, r, SEG_SUM_MEAN_MONETARY), SEG_OK);
    assert_true(isnan(d));
    seg_result_free(r);
    seg_dataset_free(ds);
}

/* The net summary is the dataset's net even when customers' nets near the
 * int64 limit cancel out in another order than they were folded. */
static void net_total_nets_out(void **state)
{
    fixture *f = *state;
    const int64_t big = INT64_C(9000000000000000000);
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    size_t c[3];
    int64_t v = 0;
    assert_int_equal(seg_dataset_new(&ds, f->ctx), SEG_OK);
    for (int k = 0; k < 3; k++)
        assert_int_equal(seg_dataset_customer_i64(&c[k], ds, k + 1), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[2], 19000, -big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19100, big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[1], 19200, big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_ANALYSES, SEG_ANALYSIS_LIFECYCLE), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, f->params), SEG_OK);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_NET_AMOUNT), SEG_OK);
    assert_int_equal(v, big);
    seg_result_free(r);
    seg_dataset_free(ds);
}

/* Per-period sums are exact too: across customers (the period metric) and
 * across one customer's months in a coarser XYZ period (its series). */
static void period_sums_net_out(void **state)
{
    fixture *f = *state;
    const int64_t big = INT64_C(9000000000000000000);
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    size_t c[5];
    int64_t v = 0;
    assert_int_equal(seg_dataset_new(&ds, f->ctx), SEG_OK);
    for (int k = 0; k < 5; k++)
        assert_int_equal(seg_dataset_customer_i64(&c[k], ds, k + 1), SEG_OK);
    /* customers 1-3 in one month: +big, +big, -big (folded -big first) */
    assert_int_equal(seg_dataset_add_transaction(ds, c[2], day("2024-01-05"), -big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], day("2024-01-06"), big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[1], day("2024-01-07"), big, NULL, 0, NULL, NULL), SEG_OK);
    /* customer 5 in the third quarter: -big, so the dataset's net stays in range */
    assert_int_equal(seg_dataset_add_transaction(ds, c[4], day("2024-08-05"), -big, NULL, 0, NULL, NULL), SEG_OK);
    /* customer 4 in the second quarter: June -big, then April and May +big */
    assert_int_equal(seg_dataset_add_transaction(ds, c[3], day("2024-06-05"), -big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[3], day("2024-04-05"), big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[3], day("2024-05-05"), big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_AS_OF, day("2024-12-31")), SEG_OK);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_QUARTER), SEG_OK);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_XYZ_WINDOW, 4), SEG_OK);
    /* not ABC or Pareto: their total of positive metrics (3 · big) does overflow */
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_ANALYSES, SEG_ANALYSIS_XYZ | SEG_ANALYSIS_LIFECYCLE),
                     SEG_OK);
    if (seg_analyze(&r, ds, f->params) != SEG_OK)
        fail_msg("%s", seg_context_errmsg(f->ctx));
    assert_int_equal(seg_result_period_count(r), 4);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_METRIC), SEG_OK);
    assert_int_equal(v, big); /* across customers */
    assert_int_equal(seg_result_period_i64(&v, r, 1, SEG_PSTAT_METRIC), SEG_OK);
    assert_int_equal(v, big); /* across customer 4's months */
    seg_result_free(r);
    seg_dataset_free(ds);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(aggregates_by_hand),
        T(frequency_and_monetary_definitions),
        T(summaries),
        T(columns_are_described),
        T(copy_checks_its_arguments),
        T(empty_dataset),
        T(net_total_nets_out),
        T(period_sums_net_out),
    };
    return cmocka_run_group_tests_name("result", tests, NULL, NULL);
}
