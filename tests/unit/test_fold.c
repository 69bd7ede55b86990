/* Tests of folding transactions: distinct orders, refunds, zero rows, the
 * as-of cut, purchase days, overflow, the all-or-nothing row rule, and the
 * batch fold giving exactly the row-by-row state. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>

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
    assert_int_equal(value(f, SEG_COL_ORDERS, 0, NULL), 1); /* ... and is a purchase of its own */
    seg_batch_free(b);
}


static void digit_order_ids_are_integers(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A");
    int64_t amounts[3] = {100, 200, 300}, orders[3] = {42, 43, 7};
    int32_t dates[3] = {day("2024-01-02"), day("2024-01-03"), day("2024-01-04")};
    add(f, a, "2024-01-01", 100, "42");  /* the same order as the integer 42 below */
    add(f, a, "2024-01-01", 100, "042"); /* not canonical: a text id of its own */
    add(f, a, "2024-01-01", 100, "7x");
    seg_batch *b = NULL;
    size_t n = 0;
    int64_t off[4] = {0, 1, 2, 3};
    char ids[4] = "AAA";
    assert_int_equal(seg_batch_new(&b, f->ctx), SEG_OK);
    seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, ids, off);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, dates);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
    seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, orders);
    assert_int_equal(seg_dataset_add_transactions(f->ds, b, 3, &n), SEG_OK);
    /* 42 (twice), "042", "7x", 43, 7 */
    assert_int_equal(stat(f, SEG_STAT_ORDERS), 5);
    assert_int_equal(value(f, SEG_COL_FREQUENCY, a, NULL), 5);
    seg_batch_free(b);
}

/* The Online Retail invoices through the one-row call (row by row) and
 * through bulk batches (the phased fold) serialise to the same bytes. */
static unsigned char *retail_state(seg_context *ctx, int bulk, size_t *len)
{
    enum { GROUP = 5000 }; /* even */
    static char invoices[GROUP][16];
    static int64_t off[GROUP + 1], customers[GROUP], amounts[GROUP];
    static int32_t dates[GROUP];
    static char text[GROUP * 16];
    seg_dataset *ds = NULL;
    seg_batch *b = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    FILE *fp = open_test_data("online_retail_invoices.csv");
    char line[128], date[16];
    long long customer, amount;
    int clean;
    size_t m = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, fp) != NULL;
        if (more) { /* each invoice as two lines, so that order lines repeat */
            assert_int_equal(sscanf(line, "%15[^,],%lld,%15[^,],%lld,%d", invoices[m], &customer, date, &amount, &clean), 5);
            memcpy(invoices[m + 1], invoices[m], sizeof invoices[m]);
            customers[m] = customers[m + 1] = customer;
            dates[m] = dates[m + 1] = day(date);
            amounts[m] = amount - amount / 3, amounts[m + 1] = amount / 3;
            m += 2;
        }
        if (m == GROUP || (!more && m)) {
            off[0] = 0;
            for (size_t i = 0; i < m; i++) {
                size_t l = strlen(invoices[i]);
                memcpy(text + off[i], invoices[i], l);
                off[i + 1] = off[i] + (int64_t)l;
            }
            for (size_t i = 0; !bulk && i < m; i++) {
                size_t c = 0;
                assert_int_equal(seg_dataset_customer_i64(&c, ds, customers[i]), SEG_OK);
                assert_int_equal(seg_dataset_add_transaction(ds, c, dates[i], amounts[i], invoices[i],
                                                             strlen(invoices[i]), NULL, NULL), SEG_OK);
            }
            if (bulk) {
                seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, customers);
                seg_batch_bind_i32(b, SEG_FIELD_DATE, dates);
                seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
                seg_batch_bind_str(b, SEG_FIELD_ORDER_ID, text, off);
                assert_int_equal(seg_dataset_add_transactions(ds, b, m, NULL), SEG_OK);
            }
            m = 0;
        }
    }
    fclose(fp);
    assert_int_equal(seg_dataset_serialize(NULL, 0, len, ds), SEG_ERR_BUFFER_TOO_SMALL);
    unsigned char *bytes = malloc(*len);
    assert_non_null(bytes);
    assert_int_equal(seg_dataset_serialize(bytes, *len, len, ds), SEG_OK);
    seg_batch_free(b);
    seg_dataset_free(ds);
    return bytes;
}

static void batch_fold_equals_row_fold(void **state)
{
    fixture *f = *state;
    size_t row_len = 0, bulk_len = 0;
    unsigned char *rows = retail_state(f->ctx, 0, &row_len), *bulk = retail_state(f->ctx, 1, &bulk_len);
    assert_true(row_len > 1000000);
    assert_int_equal(row_len, bulk_len);
    assert_memory_equal(rows, bulk, row_len);
    free(rows);
    free(bulk);
}

/* A batch whose totals could pass 2^63 - 1 folds row by row: the row that
 * overflows is refused with the rows before it folded. */
static void batch_near_the_limit_goes_row_by_row(void **state)
{
    fixture *f = *state;
    int64_t ids[4] = {1, 1, 1, 1}, amounts[4] = {INT64_MAX - 10, 5, -3, 9}, orders[4] = {1, 2, 3, 4};
    int32_t dates[4] = {day("2024-01-01"), day("2024-01-02"), day("2024-01-03"), day("2024-01-04")};
    seg_batch *b = NULL;
    size_t n = 0;
    assert_int_equal(seg_batch_new(&b, f->ctx), SEG_OK);
    seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, dates);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
    seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, orders);
    assert_int_equal(seg_dataset_add_transactions(f->ds, b, 4, &n), SEG_ERR_OVERFLOW);
    assert_int_equal(n, 3);
    assert_int_equal(stat(f, SEG_STAT_TRANSACTIONS), 3);
    seg_batch_free(b);
}

/* Integer and string order ids of one customer: each kind has its own memory
 * (the greatest integer id, the last string id), and a lower integer id
 * after a greater one goes through the order set. */
static void mixed_order_kinds_count_once(void **state)
{
    fixture *f = *state;
    size_t a = cust(f, "A");
    add(f, a, "2024-03-01", 100, "7");
    add(f, a, "2024-03-01", 100, "INV-7");
    add(f, a, "2024-03-02", 100, "7");     /* repeat of 7 after a string id */
    add(f, a, "2024-03-03", 100, "5");     /* below the greatest: new */
    add(f, a, "2024-03-03", 100, "INV-7"); /* repeat */
    add(f, a, "2024-03-04", 100, "7");     /* repeat, found in the order set */
    add(f, a, "2024-03-04", 100, "5");     /* repeat below the greatest */
    add(f, a, "2024-02-20", 100, "6");     /* earlier period and a lower id: both indexes built */
    add(f, a, "2024-03-05", 100, "6");
    assert_int_equal(value(f, SEG_COL_ORDERS, a, NULL), 4); /* 7, INV-7, 5, 6 */
    assert_int_equal(stat(f, SEG_STAT_ORDERS), 4);
    assert_int_equal(stat(f, SEG_STAT_PERIOD_CELLS), 2);
    assert_int_equal(value(f, SEG_COL_PURCHASE_DAYS, a, NULL), 6);
}

/* ---- rows in and out of order: the fold answers in-order periods and
 * increasing order ids without its indexes, and builds them at the first
 * row out of order; every order of rows must give the same customers ---- */

enum { OO_ROWS = 4000, OO_CUSTOMERS = 37, OO_ORDERS = 250 };

typedef struct oo_row {
    int64_t customer, amount, order;
    int32_t date;
} oo_row;

static uint64_t oo_seed = 88172645463325252ULL;

static uint64_t oo_next(void)
{
    oo_seed ^= oo_seed << 13, oo_seed ^= oo_seed >> 7, oo_seed ^= oo_seed << 17;
    return oo_seed;
}

/* Rows sorted by date, order ids increasing with the date per customer. */
static void oo_rows(oo_row *r)
{
    oo_seed = 88172645463325252ULL;
    for (size_t i = 0; i < OO_ROWS; i++) {
        r[i].customer = (int64_t)(oo_next() % OO_CUSTOMERS);
        r[i].date = day("2023-01-01") + (int32_t)(i * 400 / OO_ROWS);
        r[i].order = (int64_t)(i * OO_ORDERS / OO_ROWS); /* several lines per order */
        r[i].amount = oo_next() % 5 == 0 ? -(int64_t)(oo_next() % 500) : (int64_t)(oo_next() % 9000);
    }
}

typedef struct oo_model {
    int64_t orders[OO_CUSTOMERS], cells, all_orders;
} oo_model;

/* Distinct (customer, order) on purchase rows and (customer, month), counted naively. */
static void oo_count(const oo_row *r, oo_model *m)
{
    static uint8_t bought[OO_CUSTOMERS][OO_ORDERS], active[OO_CUSTOMERS][20];
    memset(bought, 0, sizeof bought);
    memset(active, 0, sizeof active);
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < OO_ROWS; i++) {
        int c = (int)r[i].customer;
        char iso[11];
        assert_int_equal(seg_date_format(iso, sizeof iso, r[i].date), SEG_OK);
        int mi = (iso[3] - '3') * 12 + (iso[5] - '0') * 10 + (iso[6] - '0') - 1;
        if (!active[c][mi])
            active[c][mi] = 1, m->cells++;
        if (r[i].amount > 0 && !bought[c][r[i].order])
            bought[c][r[i].order] = 1, m->orders[c]++, m->all_orders++;
    }
}

/* Fold rows through the one-row call or in bulk; check against the model. */
static void oo_check(seg_context *ctx, const oo_row *r, int bulk, const oo_model *m)
{
    static int64_t ids[OO_ROWS], amounts[OO_ROWS], orders[OO_ROWS];
    static int32_t dates[OO_ROWS];
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    size_t index[OO_CUSTOMERS];
    for (int c = 0; c < OO_CUSTOMERS; c++)
        assert_int_equal(seg_dataset_customer_i64(&index[c], ds, c), SEG_OK);
    for (size_t i = 0; i < OO_ROWS; i++) {
        ids[i] = r[i].customer, amounts[i] = r[i].amount, orders[i] = r[i].order, dates[i] = r[i].date;
        char text[24];
        int len = snprintf(text, sizeof text, "%lld", (long long)r[i].order);
        if (!bulk)
            assert_int_equal(seg_dataset_add_transaction(ds, index[r[i].customer], r[i].date, r[i].amount,
                                                         text, (size_t)len, NULL, NULL), SEG_OK);
    }
    if (bulk) {
        seg_batch *b = NULL;
        assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
        seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids);
        seg_batch_bind_i32(b, SEG_FIELD_DATE, dates);
        seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts);
        seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, orders);
        assert_int_equal(seg_dataset_add_transactions(ds, b, OO_ROWS, NULL), SEG_OK);
        seg_batch_free(b);
    }
    int64_t v = 0;
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_PERIOD_CELLS), SEG_OK);
    assert_int_equal(v, m->cells);
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_ORDERS), SEG_OK);
    assert_int_equal(v, m->all_orders);
    seg_result *res = NULL;
    assert_int_equal(seg_analyze(&res, ds, NULL), SEG_OK);
    for (int c = 0; c < OO_CUSTOMERS; c++)
        assert_int_equal(col_i64(res, SEG_COL_ORDERS, index[c], NULL), m->orders[c]);
    seg_result_free(res);
    seg_dataset_free(ds);
}

static void rows_in_any_order_fold_alike(void **state)
{
    fixture *f = *state;
    static oo_row r[OO_ROWS];
    oo_model m;
    oo_rows(r);
    oo_count(r, &m);
    assert_true(m.cells > 200 && m.all_orders > 150);
    for (int bulk = 0; bulk < 2; bulk++) {
        oo_check(f->ctx, r, bulk, &m); /* in order: no index built */
        oo_row late = r[OO_ROWS / 2];  /* one row moved to the end: both indexes built there */
        memmove(&r[OO_ROWS / 2], &r[OO_ROWS / 2 + 1], (OO_ROWS / 2 - 1) * sizeof *r);
        r[OO_ROWS - 1] = late;
        oo_check(f->ctx, r, bulk, &m);
        for (size_t i = OO_ROWS - 1; i > 0; i--) { /* shuffled: built early */
            size_t j = (size_t)(oo_next() % (i + 1));
            oo_row t = r[i];
            r[i] = r[j], r[j] = t;
        }
        oo_check(f->ctx, r, bulk, &m);
        oo_rows(r);
    }
}

/* ---- margins, quantities and the days from 64 on (of a quarter) live in a
 * column of the cells made at the first row that has any; the cells before
 * read as zero there. Row fold, batch fold, a state round trip and merges
 * must all agree with a naive count over the rows of the window. ---- */

enum { EX_ROWS = 3000, EX_CUSTOMERS = 7, EX_PART = 700 };

typedef struct ex_rows {
    int64_t id[EX_ROWS], amount[EX_ROWS], margin[EX_ROWS], quantity[EX_ROWS];
    int32_t date[EX_ROWS];
} ex_rows;

/* The first half dated within the first 60 days of 2023 with neither margin
 * nor quantity; then dates from 2023-03-10 (day 68 of its quarter), with
 * margins and quantities only in the last quarter of the rows. */
static void ex_make(ex_rows *x)
{
    for (size_t i = 0; i < EX_ROWS; i++) {
        size_t h = EX_ROWS / 2;
        x->id[i] = (int64_t)(i * 5 % EX_CUSTOMERS);
        x->date[i] = i < h ? day("2023-01-01") + (int32_t)(i * 60 / h)
                           : day("2023-03-10") + (int32_t)((i - h) * 290 / h);
        x->amount[i] = i % 9 == 0 ? -40 : i % 23 == 0 ? 0 : 100 + (int64_t)(i % 13);
        x->margin[i] = i >= 3 * EX_ROWS / 4 ? (int64_t)(i % 17) - 5 : 0;
        x->quantity[i] = i >= 3 * EX_ROWS / 4 && i % 3 ? (int64_t)(i % 4) : 0;
    }
}

static int32_t ex_period(int32_t date, seg_period kind)
{
    int y = 0, m = 0, d = 0;
    assert_int_equal(seg_date_to_ymd(&y, &m, &d, date), SEG_OK);
    return kind == SEG_PERIOD_QUARTER ? y * 4 + (m - 1) / 3 : y * 12 + m - 1;
}

/* Rows [from, to) into ds: one at a time, or in bulk calls of EX_PART rows. */
static void ex_load(seg_context *ctx, seg_dataset *ds, const ex_rows *x, size_t from, size_t to, int bulk)
{
    for (size_t i = from; !bulk && i < to; i++) {
        size_t c = 0;
        char order[24];
        int len = snprintf(order, sizeof order, "%zu", i / 3);
        assert_int_equal(seg_dataset_customer_i64(&c, ds, x->id[i]), SEG_OK);
        assert_int_equal(seg_dataset_add_transaction(ds, c, x->date[i], x->amount[i], order, (size_t)len,
                                                     &x->margin[i], &x->quantity[i]), SEG_OK);
    }
    static int64_t orders[EX_ROWS];
    for (size_t i = from; bulk && i < to; i += EX_PART) {
        size_t n = to - i < EX_PART ? to - i : EX_PART;
        seg_batch *b = NULL;
        for (size_t r = i; r < i + n; r++)
            orders[r] = (int64_t)(r / 3);
        assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
        seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, x->id + i);
        seg_batch_bind_i32(b, SEG_FIELD_DATE, x->date + i);
        seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, x->amount + i);
        seg_batch_bind_i64(b, SEG_FIELD_MARGIN, x->margin + i);
        seg_batch_bind_i64(b, SEG_FIELD_QUANTITY, x->quantity + i);
        seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, orders + i);
        assert_int_equal(seg_dataset_add_transactions(ds, b, n, NULL), SEG_OK);
        seg_batch_free(b);
    }
}

static seg_dataset *ex_dataset(seg_context *ctx, seg_period kind)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, kind), SEG_OK);
    return ds;
}

static unsigned char *ex_state(const seg_dataset *ds, size_t *len)
{
    assert_int_equal(seg_dataset_serialize(NULL, 0, len, ds), SEG_ERR_BUFFER_TOO_SMALL);
    unsigned char *bytes = malloc(*len);
    assert_non_null(bytes);
    assert_int_equal(seg_dataset_serialize(bytes, *len, len, ds), SEG_OK);
    return bytes;
}

/* Margin, quantity and purchase days of each customer over the last two
 * periods, from the cells, against the rows. */
static void ex_check_window(seg_context *ctx, seg_dataset *ds, const ex_rows *x, seg_period kind)
{
    int64_t margin[EX_CUSTOMERS] = {0}, quantity[EX_CUSTOMERS] = {0}, days[EX_CUSTOMERS] = {0};
    int32_t last_day[EX_CUSTOMERS] = {0};
    int32_t hi = ex_period(x->date[EX_ROWS - 1], kind);
    for (size_t i = 0; i < EX_ROWS; i++) { /* dates never decrease */
        size_t c = (size_t)x->id[i];
        if (ex_period(x->date[i], kind) < hi - 1)
            continue;
        margin[c] += x->margin[i];
        quantity[c] += x->quantity[i];
        if (x->amount[i] > 0 && last_day[c] != x->date[i])
            days[c]++, last_day[c] = x->date[i];
    }
    size_t index[EX_CUSTOMERS];
    for (int64_t id = 0; id < EX_CUSTOMERS; id++)
        assert_int_equal(seg_dataset_customer_i64(&index[id], ds, id), SEG_OK);
    seg_params *p = NULL;
    seg_result *r = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_LOOKBACK_PERIODS, 2), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, p), SEG_OK);
    for (int64_t id = 0; id < EX_CUSTOMERS; id++) {
        size_t c = index[id];
        assert_int_equal(col_i64(r, SEG_COL_MARGIN, c, NULL), margin[id]);
        assert_int_equal(col_i64(r, SEG_COL_QUANTITY, c, NULL), quantity[id]);
        assert_int_equal(col_i64(r, SEG_COL_PURCHASE_DAYS, c, NULL), days[id]);
    }
    assert_true(margin[0] != 0 && quantity[0] != 0);
    seg_result_free(r);
    seg_params_free(p);
}

static void extra_cell_values_arrive_late(void **state)
{
    fixture *f = *state;
    static ex_rows x;
    ex_make(&x);
    const seg_period kinds[2] = {SEG_PERIOD_MONTH, SEG_PERIOD_QUARTER};
    for (int k = 0; k < 2; k++) {
        seg_dataset *rows = ex_dataset(f->ctx, kinds[k]), *bulk = ex_dataset(f->ctx, kinds[k]);
        seg_dataset *copy = ex_dataset(f->ctx, kinds[k]);
        ex_load(f->ctx, rows, &x, 0, EX_ROWS, 0);
        ex_load(f->ctx, bulk, &x, 0, EX_ROWS, 1);
        size_t a_len = 0, b_len = 0, c_len = 0;
        unsigned char *a = ex_state(rows, &a_len), *b = ex_state(bulk, &b_len);
        assert_int_equal(a_len, b_len);
        assert_memory_equal(a, b, a_len);
        /* the reader checks that every customer's totals are the sums of its cells */
        assert_int_equal(seg_dataset_merge_serialized(copy, a, a_len), SEG_OK);
        unsigned char *c = ex_state(copy, &c_len);
        assert_int_equal(c_len, a_len);
        assert_memory_equal(c, a, a_len);
        ex_check_window(f->ctx, rows, &x, kinds[k]);
        ex_check_window(f->ctx, bulk, &x, kinds[k]);
        free(a), free(b), free(c);
        seg_dataset_free(rows), seg_dataset_free(bulk), seg_dataset_free(copy);
    }
}

/* A dataset without the column merged with one that has it, both ways. */
static void extra_cell_values_merge(void **state)
{
    fixture *f = *state;
    static ex_rows x;
    ex_make(&x);
    for (int way = 0; way < 2; way++) {
        seg_dataset *plain = ex_dataset(f->ctx, SEG_PERIOD_QUARTER), *extra = ex_dataset(f->ctx, SEG_PERIOD_QUARTER);
        ex_load(f->ctx, plain, &x, 0, EX_ROWS / 2, 1);
        ex_load(f->ctx, extra, &x, EX_ROWS / 2, EX_ROWS, way);
        seg_dataset *into = way ? extra : plain;
        assert_int_equal(seg_dataset_merge(into, way ? plain : extra), SEG_OK);
        ex_check_window(f->ctx, into, &x, SEG_PERIOD_QUARTER);
        size_t len = 0;
        unsigned char *bytes = ex_state(into, &len);
        seg_dataset *copy = ex_dataset(f->ctx, SEG_PERIOD_QUARTER);
        assert_int_equal(seg_dataset_merge_serialized(copy, bytes, len), SEG_OK);
        free(bytes);
        seg_dataset_free(copy), seg_dataset_free(plain), seg_dataset_free(extra);
    }
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
        T(digit_order_ids_are_integers),
        T(batch_fold_equals_row_fold),
        T(batch_near_the_limit_goes_row_by_row),
        T(mixed_order_kinds_count_once),
        T(rows_in_any_order_fold_alike),
        T(extra_cell_values_arrive_late),
        T(extra_cell_values_merge),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
