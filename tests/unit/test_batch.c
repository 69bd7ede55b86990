/* Tests of batches: binding each field with allowed and refused types, named
 * rating/attribute columns, and loading transactions with row-level errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

typedef struct fixture {
    seg_context *ctx;
    seg_dataset *ds;
    seg_batch *b;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    if (seg_context_new(&f.ctx) != SEG_OK || seg_dataset_new(&f.ds, f.ctx) != SEG_OK ||
        seg_batch_new(&f.b, f.ctx) != SEG_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    seg_batch_free(f->b);
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    return 0;
}

/* ---- helpers ---- */

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Arrow offsets for n NUL-terminated strings packed into buf. */
static void pack(char *buf, int64_t *offsets, const char *const *s, size_t n)
{
    int64_t pos = 0;
    offsets[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(s[i]);
        memcpy(buf + pos, s[i], len);
        pos += (int64_t)len;
        offsets[i + 1] = pos;
    }
}

static int64_t ds_stat(const fixture *f, seg_dataset_stat_key key)
{
    int64_t v = -77;
    assert_int_equal(seg_dataset_stat(&v, f->ds, key), SEG_OK);
    return v;
}

/* Load n rows and expect `st` with `loaded` rows taken. */
static void load(fixture *f, size_t n, seg_status st, size_t loaded)
{
    size_t got = 999;
    assert_int_equal(seg_dataset_add_transactions(f->ds, f->b, n, &got), st);
    assert_int_equal(got, loaded);
    assert_int_equal(seg_context_errcode(f->ctx), st);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), (int64_t)loaded);
}

/* Analyze with default parameters and compare one i64 column over all rows;
 * every value must be present (not null). */
static void expect_column(fixture *f, seg_column col, const int64_t *want, size_t n)
{
    seg_result *r = NULL;
    int64_t got[8];
    uint8_t valid[8];
    assert_true(n <= N(got));
    assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
    assert_int_equal(seg_result_rows(r), n);
    assert_int_equal(seg_result_copy_i64(got, valid, r, col, 0, n), SEG_OK);
    seg_result_free(r);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(valid[i], 1);
        assert_int_equal(got[i], want[i]);
    }
}

static void expect_message_has(const fixture *f, const char *part)
{
    const char *msg = seg_context_errmsg(f->ctx);
    if (!strstr(msg, part))
        fail_msg("message '%s' lacks '%s'", msg, part);
}

/* Three customers with one dated row each; the caller binds the amount. */
static const int64_t ids3[3] = {1, 2, 3};
static const int32_t dates3[3] = {19737, 19738, 19739};

static void bind_ids_and_dates(fixture *f)
{
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids3), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates3), SEG_OK);
}

/* ---- new, free, clear ---- */

static void new_rejects_null_arguments(void **state)
{
    fixture *f = *state;
    seg_batch *b = f->b;
    assert_int_equal(seg_batch_new(NULL, f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_new(&b, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_ptr_equal(b, f->b);
}

static void free_and_clear_accept_null(void **state)
{
    (void)state;
    seg_batch_free(NULL);
    seg_batch_clear(NULL);
}

static void clear_unbinds_every_column(void **state)
{
    fixture *f = *state;
    const int64_t amounts[3] = {100, 200, 300};
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    seg_batch_clear(f->b);
    load(f, 3, SEG_ERR_INVALID_ARGUMENT, 0);
    /* The cleared batch is reusable. */
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    load(f, 3, SEG_OK, 3);
}

/* ---- binding fields ---- */

typedef struct field_types {
    seg_field field;
    int i64, i32, str; /* 1 = allowed */
} field_types;

static const field_types field_table[] = {
    {SEG_FIELD_CUSTOMER_ID, 1, 0, 1},
    {SEG_FIELD_DATE, 0, 1, 1},
    {SEG_FIELD_AMOUNT, 1, 0, 1},
    {SEG_FIELD_ORDER_ID, 1, 0, 1},
    {SEG_FIELD_MARGIN, 1, 0, 1},
    {SEG_FIELD_QUANTITY, 1, 0, 1},
    {SEG_FIELD_UNIT_PRICE, 1, 0, 1},
    {SEG_FIELD_NAME, 0, 0, 1},
    {SEG_FIELD_STATUS, 0, 1, 0},
    {SEG_FIELD_LEAD_DATE, 0, 1, 1},
    {SEG_FIELD_LEAD_CLOSED, 0, 1, 0},
    {SEG_FIELD_CHURN_DATE, 0, 1, 1},
    {SEG_FIELD_COMPETITOR_DEADLINE, 0, 1, 1},
    {SEG_FIELD_PROJECT_LAUNCH, 0, 1, 1},
    {SEG_FIELD_ACTIVITY, 0, 1, 0},
    {SEG_FIELD_CAPACITY, 0, 1, 0},
};

static void expect_bind(const fixture *f, seg_status got, int allowed)
{
    seg_status want = allowed ? SEG_OK : SEG_ERR_INVALID_ARGUMENT;
    assert_int_equal(got, want);
    assert_int_equal(seg_context_errcode(f->ctx), want);
    if (!allowed)
        assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
}

static void fields_take_their_documented_types(void **state)
{
    fixture *f = *state;
    static const int64_t i64[1] = {1};
    static const int32_t i32[1] = {1};
    static const int64_t offsets[2] = {0, 1};
    for (size_t i = 0; i < N(field_table); i++) {
        const field_types *t = &field_table[i];
        expect_bind(f, seg_batch_bind_i64(f->b, t->field, i64), t->i64);
        expect_bind(f, seg_batch_bind_i32(f->b, t->field, i32), t->i32);
        expect_bind(f, seg_batch_bind_str(f->b, t->field, "1", offsets), t->str);
    }
}

static void unknown_fields_are_unsupported(void **state)
{
    fixture *f = *state;
    static const int64_t i64[1] = {1};
    static const int32_t i32[1] = {1};
    static const int64_t offsets[2] = {0, 1};
    const int unknown[] = {999, 0, 2, 9, 16, 29, 39, 40, -1};
    for (size_t i = 0; i < N(unknown); i++) {
        seg_field field = (seg_field)unknown[i];
        assert_int_equal(seg_batch_bind_i64(f->b, field, i64), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_UNSUPPORTED);
        assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
        assert_int_equal(seg_batch_bind_i32(f->b, field, i32), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_batch_bind_str(f->b, field, "1", offsets), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_batch_bind_i64(f->b, field, NULL), SEG_ERR_UNSUPPORTED);
    }
    expect_message_has(f, "-1");
}

static void null_batch_is_invalid(void **state)
{
    (void)state;
    static const int64_t i64[1] = {1};
    static const int32_t i32[1] = {1};
    static const int64_t offsets[2] = {0, 1};
    assert_int_equal(seg_batch_bind_i64(NULL, SEG_FIELD_AMOUNT, i64), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_i32(NULL, SEG_FIELD_DATE, i32), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_str(NULL, SEG_FIELD_NAME, "1", offsets), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_rating(NULL, "brand", 5, i32), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_attribute(NULL, "region", 6, "1", offsets), SEG_ERR_INVALID_ARGUMENT);
}

static void str_binding_needs_offsets(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_CUSTOMER_ID, "abc", NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
    /* NULL data (unbinding) needs no offsets. */
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_CUSTOMER_ID, NULL, NULL), SEG_OK);
}

static void binding_null_unbinds_a_field(void **state)
{
    fixture *f = *state;
    const int64_t amounts[3] = {100, 200, 300};
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, NULL), SEG_OK);
    load(f, 3, SEG_ERR_INVALID_ARGUMENT, 0);
    expect_message_has(f, "amount");
}

/* ---- named columns: ratings and attributes ---- */

static void rating_names_must_have_1_to_64_bytes(void **state)
{
    fixture *f = *state;
    static const int32_t ratings[1] = {50};
    char name[66];
    memset(name, 'n', sizeof name);
    assert_int_equal(seg_batch_bind_rating(f->b, "", 0, ratings), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_rating(f->b, NULL, 5, ratings), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_rating(f->b, name, 65, ratings), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_rating(f->b, name, 64, ratings), SEG_OK);
    assert_int_equal(seg_batch_bind_rating(f->b, name, 1, ratings), SEG_OK);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_OK);
}

static void attribute_names_must_have_1_to_64_bytes(void **state)
{
    fixture *f = *state;
    static const int64_t offsets[2] = {0, 2};
    char name[66];
    memset(name, 'a', sizeof name);
    assert_int_equal(seg_batch_bind_attribute(f->b, "", 0, "EU", offsets), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_attribute(f->b, NULL, 3, "EU", offsets), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_attribute(f->b, name, 65, "EU", offsets), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_attribute(f->b, name, 64, "EU", offsets), SEG_OK);
    assert_int_equal(seg_batch_bind_attribute(f->b, "region", 6, "EU", NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_attribute(f->b, "region", 6, NULL, NULL), SEG_OK);
}

/* Bind rating "c<i>" (three characters). */
static seg_status bind_criterion(const fixture *f, int i, const int32_t *values)
{
    char name[4] = {'c', (char)('0' + i / 10), (char)('0' + i % 10), '\0'};
    return seg_batch_bind_rating(f->b, name, 3, values);
}

static void at_most_16_criteria(void **state)
{
    fixture *f = *state;
    static const int32_t ratings[1] = {50};
    for (int i = 0; i < 16; i++)
        assert_int_equal(bind_criterion(f, i, ratings), SEG_OK);
    assert_int_equal(bind_criterion(f, 16, ratings), SEG_ERR_RANGE);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_RANGE);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    /* Rebinding a known criterion is not a new one. */
    assert_int_equal(bind_criterion(f, 3, ratings), SEG_OK);
    /* Unbinding one makes room for another. */
    assert_int_equal(bind_criterion(f, 3, NULL), SEG_OK);
    assert_int_equal(bind_criterion(f, 16, ratings), SEG_OK);
    assert_int_equal(bind_criterion(f, 17, ratings), SEG_ERR_RANGE);
    /* Unbinding an unknown criterion is harmless; clear forgets them all. */
    assert_int_equal(bind_criterion(f, 42, NULL), SEG_OK);
    seg_batch_clear(f->b);
    for (int i = 20; i < 36; i++)
        assert_int_equal(bind_criterion(f, i, ratings), SEG_OK);
}

/* ---- loading transactions ---- */

static void missing_required_columns_are_invalid(void **state)
{
    fixture *f = *state;
    const int64_t amounts[3] = {100, 200, 300};
    const seg_field required[] = {SEG_FIELD_CUSTOMER_ID, SEG_FIELD_DATE, SEG_FIELD_AMOUNT};
    for (size_t i = 0; i < N(required); i++) {
        seg_batch_clear(f->b);
        bind_ids_and_dates(f);
        assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
        if (required[i] == SEG_FIELD_DATE)
            assert_int_equal(seg_batch_bind_i32(f->b, required[i], NULL), SEG_OK);
        else
            assert_int_equal(seg_batch_bind_i64(f->b, required[i], NULL), SEG_OK);
        load(f, 3, SEG_ERR_INVALID_ARGUMENT, 0);
        assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    }
    /* Quantity alone does not replace the amount. */
    seg_batch_clear(f->b);
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_QUANTITY, amounts), SEG_OK);
    load(f, 3, SEG_ERR_INVALID_ARGUMENT, 0);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 0);
}

static void null_dataset_or_batch_is_invalid(void **state)
{
    fixture *f = *state;
    size_t loaded = 999;
    assert_int_equal(seg_dataset_add_transactions(NULL, f->b, 1, &loaded), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_add_transactions(f->ds, NULL, 1, &loaded), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(loaded, 0);
}

static void amounts_as_decimal_text(void **state)
{
    fixture *f = *state;
    const char *const text[3] = {"12.50", "-3", "0.07"};
    char data[32];
    int64_t offsets[4];
    pack(data, offsets, text, 3);
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_AMOUNT, data, offsets), SEG_OK);
    load(f, 3, SEG_OK, 3);
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), 1250 - 300 + 7);
    const int64_t want[3] = {1250, -300, 7};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 3);
}

static void amount_is_quantity_times_unit_price(void **state)
{
    fixture *f = *state;
    const int64_t quantity[3] = {2, 3, -1};
    const int64_t price[3] = {150, 1999, 500};
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_QUANTITY, quantity), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_UNIT_PRICE, price), SEG_OK);
    load(f, 3, SEG_OK, 3);
    const int64_t want[3] = {300, 5997, -500};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 3);
    expect_column(f, SEG_COL_QUANTITY, quantity, 3);
}

static void unit_price_as_decimal_text(void **state)
{
    fixture *f = *state;
    const int64_t quantity[3] = {2, 3, -1};
    const char *const text[3] = {"1.50", "19.99", "5"};
    char data[32];
    int64_t offsets[4];
    pack(data, offsets, text, 3);
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_QUANTITY, quantity), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_UNIT_PRICE, data, offsets), SEG_OK);
    load(f, 3, SEG_OK, 3);
    const int64_t want[3] = {300, 5997, -500};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 3);
}

static void dates_as_iso_text(void **state)
{
    fixture *f = *state;
    const char *const text[3] = {"2024-01-15", "2024-02-29T10:00:00", "2023-12-31 23:59"};
    const int64_t amounts[3] = {100, 200, 300};
    char data[64];
    int64_t offsets[4];
    pack(data, offsets, text, 3);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids3), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_DATE, data, offsets), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    load(f, 3, SEG_OK, 3);
    assert_int_equal(ds_stat(f, SEG_STAT_FIRST_DATE), 19722); /* 2023-12-31 */
    assert_int_equal(ds_stat(f, SEG_STAT_LAST_DATE), 19782);  /* 2024-02-29 */
    const int64_t want[3] = {19737, 19782, 19722};
    expect_column(f, SEG_COL_FIRST_PURCHASE, want, 3);
}

static void bad_row_3_of_5_keeps_rows_1_and_2(void **state)
{
    fixture *f = *state;
    const int64_t ids[5] = {1, 2, 3, 4, 5};
    const int32_t dates[5] = {19737, 19737, 19737, 19737, 19737};
    const char *const text[5] = {"1.00", "2.00", "1.234", "4.00", "5.00"};
    char data[64];
    int64_t offsets[6];
    pack(data, offsets, text, 5);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_AMOUNT, data, offsets), SEG_OK);
    load(f, 5, SEG_ERR_INEXACT, 2);
    assert_int_equal(seg_context_error_line(f->ctx), 3);
    assert_int_equal(seg_context_error_column(f->ctx), 5); /* the '4' of "1.234" */
    expect_message_has(f, "row 3");
    expect_message_has(f, "amount");
    expect_message_has(f, "1.234");
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), 300);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 2);
    const int64_t want[2] = {100, 200};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 2);
}

static void decreasing_string_offsets_are_invalid(void **state)
{
    fixture *f = *state;
    const char data[] = "abc";
    const int64_t offsets[4] = {0, 1, 2, 1}; /* row 3 would end before it starts */
    const int64_t amounts[3] = {100, 200, 300};
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_CUSTOMER_ID, data, offsets), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates3), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    load(f, 3, SEG_ERR_INVALID_ARGUMENT, 2);
    assert_int_equal(seg_context_error_line(f->ctx), 3);
    expect_message_has(f, "row 3");
    expect_message_has(f, "customer_id");
}

static void negative_string_offset_is_invalid(void **state)
{
    fixture *f = *state;
    const int64_t ids[2] = {1, 2};
    const int32_t dates[2] = {19737, 19738};
    const char data[] = "1.002.00";
    const int64_t offsets[3] = {-4, 4, 8}; /* row 1 starts before the data */
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_AMOUNT, data, offsets), SEG_OK);
    load(f, 2, SEG_ERR_INVALID_ARGUMENT, 0);
    assert_int_equal(seg_context_error_line(f->ctx), 1);
    expect_message_has(f, "amount");
}

static void quantity_times_price_overflow(void **state)
{
    fixture *f = *state;
    const int64_t ids[3] = {1, 2, 3};
    const int32_t dates[3] = {19737, 19737, 19737};
    const int64_t quantity[3] = {3, INT64_C(4611686018427387904), 1}; /* 2^62 */
    const int64_t price[3] = {2, 2, 2};
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_QUANTITY, quantity), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_UNIT_PRICE, price), SEG_OK);
    load(f, 3, SEG_ERR_OVERFLOW, 1);
    assert_int_equal(seg_context_error_line(f->ctx), 2);
    expect_message_has(f, "row 2");
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), 6);
}

/* Bind one priced row (customer 1) and load it. */
static void load_priced_row(fixture *f, int64_t quantity, int64_t price, seg_status st)
{
    const int64_t q[1] = {quantity}, p[1] = {price};
    seg_batch_clear(f->b);
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_QUANTITY, q), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_UNIT_PRICE, p), SEG_OK);
    load(f, 1, st, st == SEG_OK ? 1 : 0);
}

static void quantity_times_price_overflow_at_the_int64_edges(void **state)
{
    fixture *f = *state;
    load_priced_row(f, -1, INT64_MIN, SEG_ERR_OVERFLOW); /* +2^63 */
    assert_int_equal(seg_context_error_line(f->ctx), 1);
    load_priced_row(f, INT64_MIN, -1, SEG_ERR_OVERFLOW);
    load_priced_row(f, INT64_C(-3037000500), INT64_C(3037000500), SEG_ERR_OVERFLOW);
    load_priced_row(f, INT64_C(3037000500), INT64_C(3037000500), SEG_ERR_OVERFLOW);
    load_priced_row(f, INT64_C(4611686018427387904), 2, SEG_ERR_OVERFLOW); /* +2^63 */
}

/* -2^63 is INT64_MIN, the "none" marker: amounts are symmetric. */
static void quantity_times_price_at_int64_min_is_reserved(void **state)
{
    fixture *f = *state;
    load_priced_row(f, INT64_C(-4611686018427387904), 2, SEG_ERR_OVERFLOW); /* -2^63 */
    load_priced_row(f, -1, INT64_MAX, SEG_OK);
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), -INT64_MAX);
    const int64_t want[1] = {-INT64_MAX};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 1);
}

static void quantity_times_price_at_int64_max_fits(void **state)
{
    fixture *f = *state;
    load_priced_row(f, 1, INT64_MAX, SEG_OK);
    const int64_t want[1] = {INT64_MAX};
    expect_column(f, SEG_COL_NET_AMOUNT, want, 1);
}

static void empty_batch_loads_nothing(void **state)
{
    fixture *f = *state;
    const int64_t amounts[3] = {100, 200, 300};
    bind_ids_and_dates(f);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    load(f, 0, SEG_OK, 0);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 0);
}

/* 3,000 rows in runs of string ids, past two full fold groups, with a bad
 * date on row 2,500: ids that share a length or a prefix stay apart though
 * a repeated id reuses the row before's hash. */
static void string_id_runs_over_several_groups(void **state)
{
    enum { ROWS = 3000, BAD = 2499 };
    static char ids[ROWS * 8];
    static int64_t off[ROWS + 1], amounts[ROWS];
    static int32_t dates[ROWS];
    static const char *const names[4] = {"acme", "acmf", "acm", "acme2"};
    fixture *f = *state;
    int64_t want[4] = {0};
    off[0] = 0;
    for (size_t r = 0; r < ROWS; r++) {
        const char *id = names[(r / 3 + r / 7) % 4];
        size_t len = strlen(id);
        memcpy(ids + off[r], id, len);
        off[r + 1] = off[r] + (int64_t)len;
        amounts[r] = (int64_t)r + 1;
        dates[r] = r == BAD ? INT32_MIN + 1 : 19737 + (int32_t)(r / 100);
        if (r < BAD)
            want[(r / 3 + r / 7) % 4] += amounts[r];
    }
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_CUSTOMER_ID, ids, off), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(f->b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    load(f, ROWS, SEG_ERR_RANGE, BAD);
    expect_message_has(f, "row 2500");
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 4);
    for (size_t i = 0; i < 4; i++) {
        size_t c = 99;
        int64_t net = 0;
        uint8_t valid = 0;
        seg_result *r = NULL;
        assert_int_equal(seg_dataset_find_str(&c, f->ds, names[i], strlen(names[i])), SEG_OK);
        assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
        assert_int_equal(seg_result_copy_i64(&net, &valid, r, SEG_COL_NET_AMOUNT, c, 1), SEG_OK);
        seg_result_free(r);
        assert_int_equal(net, want[i]);
    }
}

/* Fields are read a column at a time, yet the error is the one of the first
 * bad row, and of its first bad field, as when reading row by row. */
static void first_bad_row_and_field_win(void **state)
{
    fixture *f = *state;
    const int64_t ids[6] = {1, 2, 3, 4, 5, 6};
    const char *const dates[6] = {"2024-01-01", "2024-01-02", "2024-01-03", "2024-02-30", "2024-02-31", "2024-01-06"};
    const char *const amounts[6] = {"1.00", "2.00", "3.00", "4.00", "5.005", "6.005"};
    char dbuf[96], abuf[64];
    int64_t doff[7], aoff[7];
    pack(dbuf, doff, dates, 6);
    pack(abuf, aoff, amounts, 6);
    assert_int_equal(seg_batch_bind_i64(f->b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_DATE, dbuf, doff), SEG_OK);
    assert_int_equal(seg_batch_bind_str(f->b, SEG_FIELD_AMOUNT, abuf, aoff), SEG_OK);
    load(f, 6, SEG_ERR_RANGE, 3); /* row 4: a bad date; row 5's date and amount and row 6's amount come later */
    expect_message_has(f, "row 4, field date");
    const char *const amounts2[6] = {"1.00", "2.00", "3.005", "4.00", "5.005", "6.00"};
    pack(abuf, aoff, amounts2, 6);
    size_t got = 99;
    assert_int_equal(seg_dataset_add_transactions(f->ds, f->b, 6, &got), SEG_ERR_INEXACT);
    assert_int_equal(got, 2); /* rows 1 and 2 again, then row 3's amount comes before row 4's date */
    expect_message_has(f, "row 3, field amount");
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 5);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(new_rejects_null_arguments),
        T(free_and_clear_accept_null),
        T(clear_unbinds_every_column),
        T(fields_take_their_documented_types),
        T(unknown_fields_are_unsupported),
        T(null_batch_is_invalid),
        T(str_binding_needs_offsets),
        T(binding_null_unbinds_a_field),
        T(rating_names_must_have_1_to_64_bytes),
        T(attribute_names_must_have_1_to_64_bytes),
        T(at_most_16_criteria),
        T(missing_required_columns_are_invalid),
        T(null_dataset_or_batch_is_invalid),
        T(amounts_as_decimal_text),
        T(amount_is_quantity_times_unit_price),
        T(unit_price_as_decimal_text),
        T(dates_as_iso_text),
        T(bad_row_3_of_5_keeps_rows_1_and_2),
        T(decreasing_string_offsets_are_invalid),
        T(negative_string_offset_is_invalid),
        T(quantity_times_price_overflow),
        T(quantity_times_price_overflow_at_the_int64_edges),
        T(quantity_times_price_at_int64_min_is_reserved),
        T(quantity_times_price_at_int64_max_fits),
        T(empty_batch_loads_nothing),
        T(string_id_runs_over_several_groups),
        T(first_bad_row_and_field_win),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
