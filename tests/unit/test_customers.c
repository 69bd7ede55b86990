/* Tests of customer profile fields: one-record setters and getters, the
 * customers batch (upsert, "leave as is" for missing values), ratings, attributes. */
#include "test_util.h"

static seg_dataset *new_dataset(seg_context *ctx)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    return ds;
}

static void one_record_fields(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    size_t c;
    int32_t v;
    const char *s;
    size_t len;
    assert_int_equal(seg_dataset_customer_str(&c, ds, "ACME", 4), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_NONE);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_LEAD_DATE), SEG_OK);
    assert_int_equal(v, SEG_NONE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_STATUS, SEG_LIFECYCLE_REFUSED), SEG_OK);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_DATE, day("2024-02-01")), SEG_OK);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, 1), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_REFUSED);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_LEAD_DATE), SEG_OK);
    assert_int_equal(v, day("2024-02-01"));
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_STATUS, SEG_NONE), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_NONE);
    assert_int_equal(seg_dataset_get_str(&s, &len, ds, c, SEG_FIELD_NAME), SEG_OK);
    assert_null(s);
    assert_int_equal(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, "ООО Ромашка", strlen("ООО Ромашка")), SEG_OK);
    assert_int_equal(seg_dataset_get_str(&s, &len, ds, c, SEG_FIELD_NAME), SEG_OK);
    assert_string_equal(s, "ООО Ромашка");
    assert_int_equal(len, strlen("ООО Ромашка"));
    seg_dataset_free(ds);
}

static void field_values_are_checked(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    size_t c;
    int32_t v;
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 7), SEG_OK);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_STATUS, 5), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, 2), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_CHURN_DATE, SEG_DATE_MAX + 1), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_ACTIVITY, 101), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_CAPACITY, -1), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_NAME, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_set_int(ds, c, (seg_field)999, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_dataset_set_str(ds, c, SEG_FIELD_STATUS, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_set_int(ds, 9, SEG_FIELD_ACTIVITY, 1), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_get_int(&v, ds, 9, SEG_FIELD_ACTIVITY), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_ACTIVITY), SEG_OK);
    assert_int_equal(v, SEG_NONE); /* the failed sets changed nothing */
    seg_dataset_free(ds);
}

static void ratings_and_attributes(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    size_t a, b;
    int32_t v;
    const char *s;
    size_t len;
    assert_int_equal(seg_dataset_customer_i64(&a, ds, 1), SEG_OK);
    assert_int_equal(seg_dataset_set_rating(ds, a, "brand", 5, 4), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&b, ds, 2), SEG_OK); /* created after the column */
    assert_int_equal(seg_dataset_get_rating(&v, ds, a, "brand", 5), SEG_OK);
    assert_int_equal(v, 4);
    assert_int_equal(seg_dataset_get_rating(&v, ds, b, "brand", 5), SEG_OK);
    assert_int_equal(v, SEG_NONE);
    assert_int_equal(seg_dataset_get_rating(&v, ds, a, "deal", 4), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_set_rating(ds, a, "deal", 4, 101), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_rating(ds, a, "", 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_set_attribute(ds, b, "region", 6, "Сибирь", strlen("Сибирь")), SEG_OK);
    assert_int_equal(seg_dataset_get_attribute(&s, &len, ds, b, "region", 6), SEG_OK);
    assert_string_equal(s, "Сибирь");
    assert_int_equal(seg_dataset_get_attribute(&s, &len, ds, a, "region", 6), SEG_OK);
    assert_null(s);
    assert_int_equal(len, 0);
    assert_int_equal(seg_dataset_set_attribute(ds, b, "region", 6, NULL, 0), SEG_OK);
    assert_int_equal(seg_dataset_get_attribute(&s, &len, ds, b, "region", 6), SEG_OK);
    assert_null(s);
    seg_dataset_free(ds);
}

static void customers_batch_upserts(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    seg_batch *b = NULL;
    const char *ids[] = {"C1", "C2", "C1"};
    const char *names[] = {"Alpha", "Beta", ""};
    char idbuf[16], namebuf[16];
    int64_t idoff[4], nameoff[4];
    pack_strings(idbuf, idoff, ids, 3);
    pack_strings(namebuf, nameoff, names, 3);
    int32_t status[] = {SEG_LIFECYCLE_PROSPECT, SEG_NONE, SEG_NONE};
    int32_t lead[] = {(int32_t)day("2024-01-10"), SEG_NONE, (int32_t)day("2024-01-10")};
    int32_t brand[] = {3, SEG_NONE, SEG_NONE};
    size_t loaded = 99, c;
    int32_t v;
    const char *s;
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, idbuf, idoff), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_NAME, namebuf, nameoff), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_STATUS, status), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_LEAD_DATE, lead), SEG_OK);
    assert_int_equal(seg_batch_bind_rating(b, "brand", 5, brand), SEG_OK);
    assert_int_equal(seg_dataset_add_customers(ds, b, 3, &loaded), SEG_OK);
    assert_int_equal(loaded, 3);
    assert_int_equal(seg_dataset_find_str(&c, ds, "C1", 2), SEG_OK);
    assert_int_equal(c, 0);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_PROSPECT); /* SEG_NONE in row 3 left it as is */
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_LEAD_DATE), SEG_OK);
    assert_int_equal(v, day("2024-01-10")); /* row 3 repeated it */
    assert_int_equal(seg_dataset_get_str(&s, NULL, ds, c, SEG_FIELD_NAME), SEG_OK);
    assert_string_equal(s, "Alpha"); /* empty name left it as is */
    assert_int_equal(seg_dataset_get_rating(&v, ds, c, "brand", 5), SEG_OK);
    assert_int_equal(v, 3);
    seg_batch_free(b);
    seg_dataset_free(ds);
}

/* Within one load a customer may be declared again only without contradiction;
 * a later load may change any field (an update). */
static void customers_batch_contradictions(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    seg_batch *b = NULL;
    const char *ids[] = {"C1", "C2", "C1", "C3"};
    char idbuf[16];
    int64_t idoff[5];
    pack_strings(idbuf, idoff, ids, 4);
    int32_t status[] = {SEG_LIFECYCLE_PROSPECT, SEG_NONE, SEG_LIFECYCLE_REFUSED, SEG_NONE};
    size_t loaded = 99, c;
    int32_t v;
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, idbuf, idoff), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_STATUS, status), SEG_OK);
    assert_int_equal(seg_dataset_add_customers(ds, b, 4, &loaded), SEG_ERR_STATE);
    assert_int_equal(loaded, 2);
    assert_string_equal(seg_context_errmsg(ctx),
                        "customers row 3: the customer was declared in row 1 with a different status");
    assert_int_equal(seg_context_error_line(ctx), 3);
    assert_int_equal(seg_dataset_find_str(&c, ds, "C1", 2), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_PROSPECT); /* row 3 changed nothing */
    assert_int_equal(seg_dataset_find_str(&c, ds, "C3", 2), SEG_ERR_NOT_FOUND);
    /* a new load of rows 3–4 updates C1 */
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, idbuf, idoff + 2), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_STATUS, status + 2), SEG_OK);
    assert_int_equal(seg_dataset_add_customers(ds, b, 2, &loaded), SEG_OK);
    assert_int_equal(seg_dataset_find_str(&c, ds, "C1", 2), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_REFUSED);
    seg_batch_free(b);
    seg_dataset_free(ds);
}

/* A column of the other record kind is refused, not silently ignored. */
static void batches_refuse_the_other_kind(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    seg_batch *b = NULL;
    int64_t ids[] = {1}, amounts[] = {100};
    int32_t dates[] = {(int32_t)day("2024-01-01")}, status[] = {SEG_LIFECYCLE_CURRENT};
    size_t loaded = 9;
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_dataset_add_customers(ds, b, 1, &loaded), SEG_ERR_INVALID_ARGUMENT);
    assert_string_equal(seg_context_errmsg(ctx),
                        "a customers batch has a date column, which seg_dataset_add_customers() does not read");
    assert_int_equal(loaded, 0);
    assert_int_equal(seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_STATUS, status), SEG_OK);
    assert_int_equal(seg_dataset_add_transactions(ds, b, 1, &loaded), SEG_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(seg_context_errmsg(ctx), "a transactions batch has a status column"));
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_STATUS, NULL), SEG_OK);
    assert_int_equal(seg_batch_bind_rating(b, "brand", 5, status), SEG_OK);
    assert_int_equal(seg_dataset_add_transactions(ds, b, 1, &loaded), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_batch_bind_rating(b, "brand", 5, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transactions(ds, b, 1, &loaded), SEG_OK);
    assert_int_equal(loaded, 1);
    seg_batch_free(b);
    seg_dataset_free(ds);
}

static void customers_batch_bad_row_is_not_half_loaded(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = new_dataset(ctx);
    seg_batch *b = NULL;
    int64_t ids[] = {10, 11, 12};
    int32_t lead[] = {(int32_t)day("2024-01-10"), (int32_t)day("2024-01-11"), (int32_t)day("2024-01-12")};
    int32_t act[] = {10, 200, 30};
    size_t loaded = 99, c;
    int64_t n;
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_LEAD_DATE, lead), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_ACTIVITY, act), SEG_OK);
    assert_int_equal(seg_dataset_add_customers(ds, b, 3, &loaded), SEG_ERR_RANGE);
    assert_int_equal(loaded, 1);
    assert_int_equal(seg_context_error_line(ctx), 2);
    assert_non_null(strstr(seg_context_errmsg(ctx), "row 2, field activity"));
    assert_int_equal(seg_dataset_find_i64(&c, ds, 11), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_stat(&n, ds, SEG_STAT_CUSTOMERS), SEG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(seg_dataset_add_customers(ds, b, 0, &loaded), SEG_OK);
    seg_batch_free(b);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_record_fields),
        cmocka_unit_test(field_values_are_checked),
        cmocka_unit_test(ratings_and_attributes),
        cmocka_unit_test(customers_batch_upserts),
        cmocka_unit_test(customers_batch_contradictions),
        cmocka_unit_test(batches_refuse_the_other_kind),
        cmocka_unit_test(customers_batch_bad_row_is_not_half_loaded),
    };
    return cmocka_run_group_tests_name("customers", tests, ctx_setup, ctx_teardown);
}
