/* White-box tests of the cells grouped by customer: the radix-partitioned
 * grouping, with buckets of every size, equals a plain per-customer scan. */
#include "test_util.h"

#include "analysis/cells.h"
#include "analysis/run.h"

#include <stdio.h>
#include <stdlib.h>

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* `customers` customers with 0–24 rows each at random days of 2021–2024, in
 * no order (so cells of one customer arrive out of period order), some of
 * them refunds, orders repeating within a customer; a few customers between
 * have no rows at all (so the customer count exceeds those with cells), and
 * the last buys every day of 2023 (cells of 28 to 92 purchase days). */
static seg_dataset *random_dataset(seg_context *ctx, seg_period period, size_t customers, uint64_t seed)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, period), SEG_OK);
    for (size_t i = 0; i < customers; i++) {
        char id[32];
        size_t c = 0;
        snprintf(id, sizeof id, "C%zu", i);
        assert_int_equal(seg_dataset_customer_str(&c, ds, id, strlen(id)), SEG_OK);
    }
    size_t rows = customers * 12;
    for (size_t r = 0; r < rows; r++) {
        size_t c = (size_t)(next_random(&seed) % customers);
        if (c % 7 == 3)
            continue;
        int32_t date = 18628 + (int32_t)(next_random(&seed) % 1461); /* 2021-01-01 … 2024-12-31 */
        int64_t amount = (int64_t)(next_random(&seed) % 20000) - 2000;
        char order[16];
        snprintf(order, sizeof order, "%u", (unsigned)(next_random(&seed) % 40));
        assert_int_equal(seg_dataset_add_transaction(ds, c, date, amount, order, strlen(order), NULL, NULL),
                         SEG_OK);
    }
    for (int32_t date = 19358; date < 19358 + 365; date++) /* 2023-01-01 … 2023-12-31 */
        assert_int_equal(seg_dataset_add_transaction(ds, customers - 1, date, 100, NULL, 0, NULL, NULL), SEG_OK);
    return ds;
}

static seg_run make_run(seg_context *ctx, const seg_dataset *ds, seg_opts *o, seg_frequency frequency)
{
    seg_params *p = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_FREQUENCY, frequency), SEG_OK);
    assert_int_equal(seg__opts_resolve(o, ds, p), SEG_OK);
    seg_params_free(p);
    seg_run run;
    memset(&run, 0, sizeof run);
    run.ctx = ctx;
    run.ds = ds;
    run.o = o;
    run.n = seg__customer_count(ds);
    return run;
}

static void end_run(seg_run *run)
{
    for (size_t i = 0; i < run->nscratch; i++)
        seg__free(run->ctx, run->scratch[i]);
    run->nscratch = 0;
}

/* The grouping of `run` against a scan of all cells for each customer:
 * the same cells in period order, packed fields, days and capped purchases. */
static void check_grouping(const seg_run *run, int window)
{
    const seg_dataset *ds = run->ds;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t j = 0; j < ds->ncells; j++) {
        lo = ds->cell_keys[j].period < lo ? ds->cell_keys[j].period : lo;
        hi = ds->cell_keys[j].period > hi ? ds->cell_keys[j].period : hi;
    }
    assert_int_equal(run->pmin, lo);
    assert_int_equal(run->pmax, hi);
    assert_int_equal(run->cell_off[0], 0);
    assert_int_equal(run->cell_off[run->n], ds->ncells);
    for (uint32_t c = 0; c < run->n; c++) {
        uint32_t k = run->cell_off[c], days = 0;
        unsigned buys = 0;
        for (int32_t p = lo; p <= hi && ds->ncells; p++)
            for (uint32_t j = 0; j < ds->ncells; j++) {
                if (ds->cell_keys[j].customer != c || ds->cell_keys[j].period != p)
                    continue;
                int64_t b = seg__cell_purchases(ds, j, run->o->frequency);
                uint32_t packed = (uint32_t)(p - lo) | (uint32_t)SEG_NO_DAY << 24;
                if (window)
                    packed = (uint32_t)(p - lo) | (uint32_t)(b < 2 ? b : 2) << SEG_REF_BUYS_SHIFT |
                             (uint32_t)seg__cell_last_bit(ds, j) << 24;
                assert_true(k < run->cell_off[c + 1]);
                assert_int_equal(run->cells[k].j, j);
                assert_int_equal(run->cells[k].packed, packed);
                k++;
                days += seg__cell_days(ds, j);
                buys += b < 2 ? (unsigned)b : 2;
            }
        assert_int_equal(k, run->cell_off[c + 1]);
        assert_int_equal(run->hist_days[c], days);
        if (window)
            assert_int_equal(run->hist_buys[c], buys < 2 ? buys : 2);
    }
}

/* Bucket sizes from one customer to all of them, and bucket limits that
 * force wider buckets than the minimum. */
static const struct {
    unsigned shift_min;
    size_t buckets_max;
} sizes[] = {{0, 1000000}, {0, 3}, {1, 7}, {3, 1}, {5, 40}, {12, 512}};

static void grouping_case(seg_period period, size_t customers, uint64_t seed)
{
    seg_context *ctx = NULL;
    assert_int_equal(seg_context_new(&ctx), SEG_OK);
    seg_dataset *ds = random_dataset(ctx, period, customers, seed);
    static const seg_frequency freq[] = {SEG_FREQUENCY_ORDERS, SEG_FREQUENCY_ROWS, SEG_FREQUENCY_DAYS};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int window = 0; window < 2; window++) {
            seg_opts o;
            seg_run run = make_run(ctx, ds, &o, freq[s % 3]);
            assert_int_equal(seg__cells_by_customer_tuned(&run, window, sizes[s].shift_min, sizes[s].buckets_max),
                             SEG_OK);
            check_grouping(&run, window);
            end_run(&run);
        }
    seg_dataset_free(ds);
    seg_context_free(ctx);
}

static void months_many_buckets(void **state)
{
    (void)state;
    grouping_case(SEG_PERIOD_MONTH, 300, 7);
}

/* Quarters have purchase days from the 65th on, in the cells' extra column. */
static void quarters_many_buckets(void **state)
{
    (void)state;
    grouping_case(SEG_PERIOD_QUARTER, 257, 11);
}

/* Customers but no cells, and a single customer. */
static void edges(void **state)
{
    (void)state;
    grouping_case(SEG_PERIOD_MONTH, 1, 3);
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    size_t c = 0;
    assert_int_equal(seg_context_new(&ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_str(&c, ds, "lead", 4), SEG_OK);
    seg_opts o;
    seg_run run = make_run(ctx, ds, &o, SEG_FREQUENCY_ORDERS);
    assert_int_equal(seg__cells_by_customer_tuned(&run, 1, 0, 2), SEG_OK);
    check_grouping(&run, 1);
    assert_int_equal(run.hist_days[0], 0);
    end_run(&run);
    seg_dataset_free(ds);
    seg_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_many_buckets),
        cmocka_unit_test(quarters_many_buckets),
        cmocka_unit_test(edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
