/* Real data: UCI Online Retail invoices and the R rfm sample orders loaded
 * through the C API, every analysis checked against figures computed
 * independently (tests/data/make_expected.py: pandas and SQLite). */
#include "test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_KEYS 256

typedef struct expected {
    char key[MAX_KEYS][64];
    char value[MAX_KEYS][64];
    size_t n;
} expected;

/* key=value lines; '#' starts a comment line. */
static void read_expected(expected *e, const char *name)
{
    FILE *fp = open_test_data(name);
    char line[256];
    e->n = 0;
    while (fgets(line, sizeof line, fp)) {
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq)
            continue;
        assert_true(e->n < MAX_KEYS);
        *eq = '\0';
        line[strcspn(line, "\n")] = '\0';
        eq[1 + strcspn(eq + 1, "\n")] = '\0';
        snprintf(e->key[e->n], sizeof e->key[0], "%.63s", line);
        snprintf(e->value[e->n], sizeof e->value[0], "%.63s", eq + 1);
        e->n++;
    }
    fclose(fp);
}

static const char *lookup(const expected *e, const char *key)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->key[i], key) == 0)
            return e->value[i];
    fail_msg("no expected value %s", key);
    return NULL;
}

static int64_t want_i64(const expected *e, const char *key)
{
    return atoll(lookup(e, key));
}

/* Ratios are written with 9 significant digits. */
static void expect_ratio(const expected *e, const char *key, double got)
{
    double want = atof(lookup(e, key));
    if (fabs(got - want) > 1e-8 * fmax(1.0, fabs(want)))
        fail_msg("%s: got %.12g, want %.12g", key, got, want);
}

/* ---- Online Retail ---- */

typedef struct retail {
    seg_context *ctx;
    seg_dataset *clean, *all;
    expected e;
} retail;

/* invoice,customer,date,amount(thousandths),clean — one row per invoice part. */
static seg_dataset *load_retail(seg_context *ctx, int only_clean)
{
    seg_dataset *ds = NULL;
    FILE *fp = open_test_data("online_retail_invoices.csv");
    char line[128], invoice[16], date[16];
    long long customer, amount;
    int clean;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 3), SEG_OK);
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        size_t c;
        assert_int_equal(sscanf(line, "%15[^,],%lld,%15[^,],%lld,%d", invoice, &customer, date, &amount, &clean), 5);
        if (only_clean && !clean)
            continue;
        assert_int_equal(seg_dataset_customer_i64(&c, ds, customer), SEG_OK);
        assert_int_equal(seg_dataset_add_transaction(ds, c, day(date), amount, invoice, strlen(invoice), NULL, NULL),
                         SEG_OK);
    }
    fclose(fp);
    return ds;
}

static int retail_setup(void **state)
{
    static retail f;
    if (seg_context_new(&f.ctx) != SEG_OK)
        return -1;
    f.clean = load_retail(f.ctx, 1);
    f.all = load_retail(f.ctx, 0);
    read_expected(&f.e, "online_retail_expected.txt");
    *state = &f;
    return 0;
}

static int retail_teardown(void **state)
{
    retail *f = *state;
    seg_dataset_free(f->clean);
    seg_dataset_free(f->all);
    seg_context_free(f->ctx);
    return 0;
}

static seg_params *retail_params(seg_context *ctx)
{
    seg_params *p = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_AS_OF, day("2011-12-10")), SEG_OK);
    return p;
}

static seg_result *run(seg_context *ctx, seg_dataset *ds, seg_params *p)
{
    seg_result *r = NULL;
    if (seg_analyze(&r, ds, p) != SEG_OK)
        fail_msg("analyze: %s", seg_context_errmsg(ctx));
    return r;
}

static int64_t class_count(const seg_result *r, seg_column col, int64_t value)
{
    int64_t n = -1;
    assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, col, value), SEG_OK);
    return n;
}

static void expect_count(const expected *e, const char *key, const seg_result *r, seg_column col, int64_t value)
{
    int64_t got = class_count(r, col, value), want = want_i64(e, key);
    if (got != want)
        fail_msg("%s: got %lld, want %lld", key, (long long)got, (long long)want);
}

static void expect_sum_i64(const expected *e, const char *key, const seg_result *r, seg_summary s)
{
    int64_t v = 0;
    assert_int_equal(seg_result_summary_i64(&v, r, s), SEG_OK);
    if (v != want_i64(e, key))
        fail_msg("%s: got %lld, want %lld", key, (long long)v, (long long)want_i64(e, key));
}

static double sum_f64(const seg_result *r, seg_summary s)
{
    double v = (double)NAN;
    assert_int_equal(seg_result_summary_f64(&v, r, s), SEG_OK);
    return v;
}

static void expect_abc(const expected *e, const char *prefix, const seg_result *r)
{
    static const char cls[] = "ABC";
    char key[64];
    for (int i = 0; i < 3; i++) {
        snprintf(key, sizeof key, "%s.%c", prefix, cls[i]);
        expect_count(e, key, r, SEG_COL_ABC, i + 1);
    }
}

static void expect_rfm_counts(const expected *e, const char *prefix, const seg_result *r)
{
    static const char axes[] = "RFM";
    char key[64];
    for (int a = 0; a < 3; a++)
        for (int s = 1; s <= 5; s++) {
            snprintf(key, sizeof key, "%s%c%d", prefix, axes[a], s);
            expect_count(e, key, r, (seg_column)(SEG_COL_R + a), s);
        }
}

static double now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void retail_totals_abc_pareto_lifecycle(void **state)
{
    retail *f = *state;
    seg_params *p = retail_params(f->ctx);
    double t0 = now();
    seg_result *r = run(f->ctx, f->clean, p);
    double spent = now() - t0;
    int64_t metric = 0;
    expect_sum_i64(&f->e, "buyers", r, SEG_SUM_BUYERS);
    expect_sum_i64(&f->e, "revenue", r, SEG_SUM_NET_AMOUNT);
    expect_sum_i64(&f->e, "metric_total", r, SEG_SUM_METRIC_TOTAL);
    expect_abc(&f->e, "abc.smallest", r);
    assert_int_equal(seg_result_class_summary(NULL, &metric, NULL, NULL, r, SEG_COL_ABC, SEG_ABC_A), SEG_OK);
    assert_int_equal(metric, want_i64(&f->e, "abc.smallest.metric.A"));
    expect_sum_i64(&f->e, "pareto.top_n", r, SEG_SUM_PARETO_TOP_COUNT);
    expect_sum_i64(&f->e, "pareto.reach_k", r, SEG_SUM_PARETO_REACH_COUNT);
    expect_ratio(&f->e, "pareto.top_share", sum_f64(r, SEG_SUM_PARETO_TOP_SHARE));
    expect_ratio(&f->e, "pareto.reach_share", sum_f64(r, SEG_SUM_PARETO_REACH_SHARE));
    expect_ratio(&f->e, "gini", sum_f64(r, SEG_SUM_GINI));
    expect_count(&f->e, "lifecycle.current", r, SEG_COL_LIFECYCLE, SEG_LIFECYCLE_CURRENT);
    expect_count(&f->e, "lifecycle.churned", r, SEG_COL_LIFECYCLE, SEG_LIFECYCLE_CHURNED);
    printf("Online Retail, clean, as of 2011-12-10: %lld buyers; ABC (smallest set) A/B/C = %lld/%lld/%lld; "
           "the top 20 %% of customers bring %.2f %% of revenue; %.2f %% of customers reach 80 %%; "
           "all analyses in %.1f ms\n",
           (long long)want_i64(&f->e, "buyers"), (long long)class_count(r, SEG_COL_ABC, SEG_ABC_A),
           (long long)class_count(r, SEG_COL_ABC, SEG_ABC_B), (long long)class_count(r, SEG_COL_ABC, SEG_ABC_C),
           100 * sum_f64(r, SEG_SUM_PARETO_TOP_SHARE), 100 * sum_f64(r, SEG_SUM_PARETO_REACH_SHARE), spent * 1e3);
    seg_result_free(r);
    seg_params_free(p);
}

static void retail_abc_variants(void **state)
{
    retail *f = *state;
    seg_params *p = retail_params(f->ctx);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_ABC), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE), SEG_OK);
    seg_result *r = run(f->ctx, f->clean, p);
    expect_abc(&f->e, "abc.inclusive", r);
    printf("Online Retail ABC (inclusive) A/B/C = %lld/%lld/%lld\n", (long long)class_count(r, SEG_COL_ABC, 1),
           (long long)class_count(r, SEG_COL_ABC, 2), (long long)class_count(r, SEG_COL_ABC, 3));
    seg_result_free(r);
    assert_int_equal(seg_params_reset(p, SEG_PARAM_ABC_BOUNDARY), SEG_OK);
    assert_int_equal(seg_params_apply_preset(p, SEG_PRESET_ABC_80_96), SEG_OK);
    r = run(f->ctx, f->clean, p);
    expect_abc(&f->e, "abc.preset_80_96", r);
    seg_result_free(r);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_ABC_BY_COUNT, 1), SEG_OK);
    r = run(f->ctx, f->clean, p);
    expect_abc(&f->e, "abc.count", r);
    seg_result_free(r);
    seg_params_free(p);
}

static void retail_rfm(void **state)
{
    retail *f = *state;
    seg_params *p = retail_params(f->ctx);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_RFM), SEG_OK);
    seg_result *r = run(f->ctx, f->clean, p);
    expect_rfm_counts(&f->e, "rfm.tie.", r);
    seg_result_free(r);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE), SEG_OK);
    r = run(f->ctx, f->clean, p);
    expect_rfm_counts(&f->e, "rfm.ntile.", r);
    seg_result_free(r);
    seg_params_free(p);
}

static void retail_xyz_and_matrix(void **state)
{
    retail *f = *state;
    static const char *const cls[] = {"X", "Y", "Z", "too_new", "no_mean"};
    char key[64];
    seg_params *p = retail_params(f->ctx);
    seg_result *r = run(f->ctx, f->clean, p);
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "xyz.%s", cls[i]);
        expect_count(&f->e, key, r, SEG_COL_XYZ, i + 1);
    }
    expect_ratio(&f->e, "xyz.cv_p10", sum_f64(r, SEG_SUM_XYZ_CV_P10));
    expect_ratio(&f->e, "xyz.cv_p50", sum_f64(r, SEG_SUM_XYZ_CV_MEDIAN));
    expect_ratio(&f->e, "xyz.cv_p90", sum_f64(r, SEG_SUM_XYZ_CV_P90));
    int64_t counts[9];
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_OK);
    for (int i = 0; i < 9; i++) {
        snprintf(key, sizeof key, "abc_xyz.%c%c", "ABC"[i / 3], "XYZ"[i % 3]);
        assert_int_equal(counts[i], want_i64(&f->e, key));
    }
    int64_t start = 0;
    assert_int_equal(seg_result_period_count(r), 12);
    assert_int_equal(seg_result_period_i64(&start, r, 0, SEG_PSTAT_START), SEG_OK);
    assert_int_equal(start, day("2010-12-01"));
    assert_int_equal(seg_result_period_i64(&start, r, 11, SEG_PSTAT_START), SEG_OK);
    assert_int_equal(start, day("2011-11-01"));
    seg_result_free(r);
    assert_int_equal(seg_params_apply_preset(p, SEG_PRESET_XYZ_50_100), SEG_OK);
    r = run(f->ctx, f->clean, p);
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "xyz_wide.%s", cls[i]);
        expect_count(&f->e, key, r, SEG_COL_XYZ, i + 1);
    }
    seg_result_free(r);
    seg_params_free(p);
}

/* Refunds included: they subtract from revenue and never count as purchases. */
static void retail_with_cancellations(void **state)
{
    retail *f = *state;
    seg_params *p = retail_params(f->ctx);
    seg_result *r = run(f->ctx, f->all, p);
    expect_sum_i64(&f->e, "all.customers", r, SEG_SUM_CUSTOMERS);
    expect_sum_i64(&f->e, "all.buyers", r, SEG_SUM_BUYERS);
    expect_sum_i64(&f->e, "all.revenue", r, SEG_SUM_NET_AMOUNT);
    expect_sum_i64(&f->e, "all.metric_total", r, SEG_SUM_METRIC_TOTAL);
    expect_abc(&f->e, "all.abc.smallest", r);
    expect_rfm_counts(&f->e, "all.rfm.tie.", r);
    seg_result_free(r);
    seg_params_free(p);
}

/* Output collected in memory, to compare runs byte for byte. */
typedef struct sink {
    char *buf;
    size_t len;
} sink;

static int collect(const void *bytes, size_t len, void *ud)
{
    sink *k = ud;
    char *grown = realloc(k->buf, k->len + len);
    assert_non_null(grown);
    k->buf = grown;
    memcpy(k->buf + k->len, bytes, len);
    k->len += len;
    return 0;
}

static sink everything(const seg_result *r)
{
    sink k = {NULL, 0};
    assert_int_equal(seg_result_write(r, SEG_OUTPUT_TABLE, SEG_FORMAT_JSON, collect, &k), SEG_OK);
    assert_int_equal(seg_result_write(r, SEG_OUTPUT_SUMMARY, SEG_FORMAT_JSON, collect, &k), SEG_OK);
    return k;
}

/* Worker threads change nothing in the result, byte for byte. */
static void retail_threads_give_the_same_result(void **state)
{
    retail *f = *state;
    seg_params *p = retail_params(f->ctx);
    seg_result *one = run(f->ctx, f->all, p);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_THREADS, 4), SEG_OK);
    seg_result *four = run(f->ctx, f->all, p);
    sink a = everything(one), b = everything(four);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    free(a.buf);
    free(b.buf);
    seg_result_free(one);
    seg_result_free(four);
    seg_params_free(p);
}

/* ---- R rfm sample orders: rfm_table_order() scores, customer by customer ---- */

static void rfm_package_scores(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    seg_params *p = NULL;
    seg_result *r = NULL;
    char line[256], name[128], date[16];
    int revenue, recency, count, amount, rs, fs, ms, checked = 0;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 0), SEG_OK);
    FILE *fp = open_test_data("rfm_data_orders.csv");
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        size_t c;
        assert_int_equal(sscanf(line, "%127[^,],%15[^,],%d", name, date, &revenue), 3);
        assert_int_equal(seg_dataset_customer_str(&c, ds, name, strlen(name)), SEG_OK);
        assert_int_equal(seg_dataset_add_transaction(ds, c, day(date), revenue, NULL, 0, NULL, NULL), SEG_OK);
    }
    fclose(fp);
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_AS_OF, day("2006-12-31")), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_RFM_METHOD, SEG_RFM_R_RFM), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_FREQUENCY, SEG_FREQUENCY_ROWS), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, p), SEG_OK);
    fp = open_test_data("rfm_orders_expected.csv");
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        size_t c;
        assert_int_equal(sscanf(line, "%127[^,],%d,%d,%d,%d,%d,%d", name, &recency, &count, &amount, &rs, &fs, &ms), 7);
        assert_int_equal(seg_dataset_find_str(&c, ds, name, strlen(name)), SEG_OK);
        int64_t got[6] = {col_i64(r, SEG_COL_RECENCY_DAYS, c, NULL), col_i64(r, SEG_COL_FREQUENCY, c, NULL),
                          col_i64(r, SEG_COL_MONETARY, c, NULL), col_i64(r, SEG_COL_R, c, NULL),
                          col_i64(r, SEG_COL_F, c, NULL), col_i64(r, SEG_COL_M, c, NULL)};
        const int want[6] = {recency, count, amount, rs, fs, ms};
        for (int i = 0; i < 6; i++)
            if (got[i] != want[i])
                fail_msg("%s: field %d is %lld, R rfm says %d", name, i, (long long)got[i], want[i]);
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, 995);
    /* The break points rfm reports (recency.breaks etc. in rfm_orders_breaks.txt). */
    static const double breaks[3][4] = {{115.0, 181.0, 297.4000000000001, 482.0},
                                        {4.0, 5.0, 6.0, 8.0},
                                        {255.8, 382.0, 506.4000000000001, 666.0}};
    for (int a = 0; a < 3; a++) {
        double got[4];
        size_t n = 0;
        assert_int_equal(seg_result_rfm_breaks(got, 4, &n, r, (seg_rfm_axis)(SEG_AXIS_R + a)), SEG_OK);
        assert_int_equal(n, 4);
        for (int j = 0; j < 4; j++)
            assert_true(got[j] == breaks[a][j]);
    }
    seg_result_free(r);
    seg_params_free(p);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest retail_tests[] = {
        cmocka_unit_test(retail_totals_abc_pareto_lifecycle),
        cmocka_unit_test(retail_abc_variants),
        cmocka_unit_test(retail_rfm),
        cmocka_unit_test(retail_xyz_and_matrix),
        cmocka_unit_test(retail_with_cancellations),
        cmocka_unit_test(retail_threads_give_the_same_result),
    };
    const struct CMUnitTest rfm_tests[] = {
        cmocka_unit_test(rfm_package_scores),
    };
    return cmocka_run_group_tests(retail_tests, retail_setup, retail_teardown) |
           cmocka_run_group_tests(rfm_tests, ctx_setup, ctx_teardown);
}
