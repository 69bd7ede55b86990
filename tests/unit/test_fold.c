/* Tests of folding transactions: distinct orders, refunds, zero rows, the
 * as-of cut, purchase days, overflow and the all-or-nothing row rule. */
#include "test_util.h"

typedef struct fixture {
    seg_context *ctx;
    seg_dataset *ds;
} fixture;

static int setup(void **state)
{
    static fixture f;
    if (seg_context_new(&f.ctx) != SEG_OK || seg_dataset_new(&f.ds, f.ctx) != SEG_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    return 0;
}

static size_t cust(fixture *f, const char *id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_str(&c, f->ds, id, strlen(id)), SEG_OK);
    return c;
}

static void add(fixture *f, size_t c, const char *date, int64_t amount, const char *order)
{
    assert_int_equal(seg_dataset_add_transaction(f->ds, c, day(date), amount, order,
                                                 order ? strlen(order) : 0, NULL, NULL), SEG_OK);
}

static int64_t stat(fixture *f, seg_dataset_stat_key k)
{
    int64_t v = 0;
    assert_int_equal(seg_dataset_stat(&v, f->ds, k), SEG_OK);
    return v;
}

/* Column value for customer c from a fresh result. */
static int64_t value(fixture *f, seg_column col, size_t c, uint8_t *valid)
{
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
    int64_t v = col_i64(r, col, c, valid);
    seg_result_free(r);
    return v;
}

static void order_lines_count_once(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A"), b = cust(f, "B");
    add(f, a, "2024-01-05", 1000, "INV-1");
    add(f, a, "2024-01-05", 250, "INV-2");
    add(f, a, "2024-01-05", 500, "INV-1"); /* a later line of INV-1 */
    add(f, b, "2024-01-06", 700, "INV-1"); /* same id, other customer */
    add(f, a, "2024-02-01", 300, NULL);    /* no order id: a purchase of its own */
    add(f, a, "2024-02-01", 300, NULL);
    add(f, a, "2024-02-03", -100, "INV-3"); /* refund only: no purchase */
    assert_int_equal(value(f, SEG_COL_ORDERS, a, NULL), 4);
    assert_int_equal(value(f, SEG_COL_ORDERS, b, NULL), 1);
    assert_int_equal(value(f, SEG_COL_PURCHASE_ROWS, a, NULL), 5);
    assert_int_equal(value(f, SEG_COL_REFUND_ROWS, a, NULL), 1);
    assert_int_equal(value(f, SEG_COL_PURCHASE_DAYS, a, NULL), 2);
    assert_int_equal(value(f, SEG_COL_NET_AMOUNT, a, NULL), 1000 + 250 + 500 + 300 + 300 - 100);
    assert_int_equal(stat(f, SEG_STAT_ORDERS), 3); /* (A,INV-1) (A,INV-2) (B,INV-1) */
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 7);
    assert_int_equal(stat(f, SEG_STAT_PERIOD_CELLS), 3); /* A Jan, A Feb, B Jan */
}

static void refunds_and_zero_rows(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A");
    uint8_t ok;
    add(f, a, "2024-03-01", 5000, "S1");
    add(f, a, "2024-03-20", -5000, "S1"); /* full return of S1 */
    add(f, a, "2024-03-25", 0, "S9");     /* zero row: neither purchase nor refund */
    assert_int_equal(value(f, SEG_COL_NET_AMOUNT, a, NULL), 0);
    assert_int_equal(value(f, SEG_COL_ORDERS, a, NULL), 1);
    assert_int_equal(value(f, SEG_COL_ROWS, a, NULL), 3);
    assert_int_equal(value(f, SEG_COL_PURCHASE_ROWS, a, NULL), 1);
    assert_int_equal(value(f, SEG_COL_REFUND_ROWS, a, NULL), 1);
    assert_int_equal(value(f, SEG_COL_LAST_PURCHASE, a, &ok), day("2024-03-01"));
    assert_true(ok);
    assert_int_equal(value(f, SEG_COL_RECENCY_DAYS, a, NULL), 24); /* as-of = latest row, 03-25 */
    assert_int_equal(stat(f, SEG_STAT_REFUND_ROWS), 1);
    assert_int_equal(stat(f, SEG_STAT_PURCHASE_ROWS), 1);
    assert_int_equal(stat(f, SEG_STAT_NET_AMOUNT), 0);
}

static void refund_only_customer_never_purchased(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "R");
    uint8_t ok = 1;
    add(f, a, "2024-03-01", -300, NULL);
    assert_int_equal(value(f, SEG_COL_FIRST_PURCHASE, a, &ok), 0);
    assert_false(ok);
    assert_int_equal(value(f, SEG_COL_NET_AMOUNT, a, NULL), -300);
    assert_int_equal(value(f, SEG_COL_FREQUENCY, a, NULL), 0);
}

static void rows_after_explicit_as_of_are_counted_and_skipped(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2024-06-30")), SEG_OK);
    size_t a = cust(f, "A");
    add(f, a, "2024-06-30", 100, NULL);
    add(f, a, "2024-07-01", 900, NULL);
    int64_t ids[] = {5, 6};
    int32_t dates[] = {(int32_t)day("2024-07-02"), (int32_t)day("2024-06-01")};
    int64_t amounts[] = {10, 20};
    seg_batch *b = NULL;
    size_t n = 0, c;
    assert_int_equal(seg_batch_new(&b, f->ctx), SEG_OK);
    seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, dates);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
    assert_int_equal(seg_dataset_add_transactions(f->ds, b, 2, &n), SEG_OK);
    assert_int_equal(n, 2);
    seg_batch_free(b);
    assert_int_equal(seg_dataset_find_i64(&c, f->ds, 5), SEG_ERR_NOT_FOUND); /* only later rows */
    assert_int_equal(seg_dataset_find_i64(&c, f->ds, 6), SEG_OK);
    assert_int_equal(stat(f, SEG_STAT_IGNORED_AFTER_AS_OF), 2);
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 2);
    assert_int_equal(value(f, SEG_COL_NET_AMOUNT, a, NULL), 100);
    assert_int_equal(value(f, SEG_COL_RECENCY_DAYS, c, NULL), 29);
}

static void overflow_leaves_state_unchanged(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A"), b = cust(f, "B");
    add(f, a, "2024-01-01", INT64_MAX, "X");
    assert_int_equal(seg_dataset_add_transaction(f->ds, a, day("2024-01-02"), 1, "Y", 1, NULL, NULL),
                     SEG_ERR_OVERFLOW);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_OVERFLOW);
    /* B's own total would fit, but the dataset's net total would not */
    assert_int_equal(seg_dataset_add_transaction(f->ds, b, day("2024-01-02"), 1, NULL, 0, NULL, NULL),
                     SEG_ERR_OVERFLOW);
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 1);
    assert_int_equal(stat(f, SEG_STAT_ORDERS), 1);
    assert_int_equal(stat(f, SEG_STAT_PERIOD_CELLS), 1);
    assert_int_equal(value(f, SEG_COL_ORDERS, a, NULL), 1);
    add(f, b, "2024-01-02", -5, NULL); /* still usable */
    assert_int_equal(stat(f, SEG_STAT_NET_AMOUNT), INT64_MAX - 5);
}

static void bad_dates_are_refused(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A");
    assert_int_equal(seg_dataset_add_transaction(f->ds, a, SEG_DATE_MAX + 1, 1, NULL, 0, NULL, NULL), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_add_transaction(f->ds, a, SEG_NONE, 1, NULL, 0, NULL, NULL), SEG_ERR_RANGE);
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 0);
    add(f, a, "0001-01-01", 1, NULL);
    add(f, a, "9999-12-31", 1, NULL);
    assert_int_equal(stat(f, SEG_STAT_FIRST_DATE), SEG_DATE_MIN);
    assert_int_equal(stat(f, SEG_STAT_LAST_DATE), SEG_DATE_MAX);
}

static void batch_error_keeps_earlier_rows(void **state)
{
    fixture *f = *state;
    int64_t ids[] = {1, 2, 3, 4};
    const char *dates[] = {"2024-01-01", "2024-01-02", "2024-02-30", "2024-01-04"};
    char buf[64];
    int64_t off[5];
    pack_strings(buf, off, dates, 4);
    int64_t amounts[] = {100, 200, 300, 400};
    int64_t orders[] = {INT64_MIN, 77, 78, 79};
    seg_batch *b = NULL;
    size_t n = 0;
    assert_int_equal(seg_batch_new(&b, f->ctx), SEG_OK);
    seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids);
    seg_batch_bind_str(b, SEG_FIELD_DATE, buf, off);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
    seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, orders);
    assert_int_equal(seg_dataset_add_transactions(f->ds, b, 4, &n), SEG_ERR_RANGE);
    assert_int_equal(n, 2);
    assert_int_equal(seg_context_error_line(f->ctx), 3);
    assert_int_equal(seg_context_error_column(f->ctx), 1);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "transactions row 3, field date"));
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "2024-02-30"));
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 2);
    assert_int_equal(stat(f, SEG_STAT_CUSTOMERS), 2);
    assert_int_equal(stat(f, SEG_STAT_ORDERS), 1); /* row 1 had no order id */
    seg_batch_free(b);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(order_lines_count_once),
        T(refunds_and_zero_rows),
        T(refund_only_customer_never_purchased),
        T(rows_after_explicit_as_of_are_counted_and_skipped),
        T(overflow_leaves_state_unchanged),
        T(bad_dates_are_refused),
        T(batch_error_keeps_earlier_rows),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
