/* Tests of the dataset handle: options and their bounds, the rule that shaping
 * options are fixed by the first transaction, customer ids and counters. */
#include "test_util.h"

static void options_have_defaults_and_bounds(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    int64_t v, lo, hi;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    const seg_dataset_option keys[] = {SEG_DATASET_SCALE, SEG_DATASET_AS_OF, SEG_DATASET_PERIOD};
    const int64_t defaults[] = {2, SEG_NONE, SEG_PERIOD_MONTH};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(seg_dataset_get_option(&v, ds, keys[i]), SEG_OK);
        assert_int_equal(v, defaults[i]);
        assert_int_equal(seg_dataset_option_default(&v, keys[i]), SEG_OK);
        assert_int_equal(v, defaults[i]);
        assert_int_equal(seg_dataset_option_bounds(&lo, &hi, keys[i]), SEG_OK);
        assert_true(lo <= defaults[i] && defaults[i] <= hi);
        assert_int_equal(seg_dataset_set_option(ds, keys[i], hi), SEG_OK);
        assert_int_equal(seg_dataset_set_option(ds, keys[i], hi + 1), SEG_ERR_RANGE);
        assert_int_equal(seg_dataset_get_option(&v, ds, keys[i]), SEG_OK);
        assert_int_equal(v, hi);
    }
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, -1), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, SEG_DATE_MIN - 1), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, 0), SEG_ERR_RANGE);
    assert_int_equal(seg_dataset_set_option(ds, (seg_dataset_option)77, 1), SEG_ERR_UNSUPPORTED);
    assert_non_null(strstr(seg_context_errmsg(ctx), "77"));
    assert_int_equal(seg_dataset_get_option(&v, ds, (seg_dataset_option)77), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_dataset_option_bounds(&lo, &hi, (seg_dataset_option)0), SEG_ERR_UNSUPPORTED);
    seg_dataset_free(ds);
}

static void options_freeze_at_first_transaction(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    size_t c;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 1), SEG_OK);
    /* declaring customers does not freeze the options */
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 3), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-01-02"), 1000, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 2), SEG_ERR_STATE);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, SEG_PERIOD_WEEK), SEG_ERR_STATE);
    assert_non_null(strstr(seg_context_errmsg(ctx), "before the first transaction"));
    seg_dataset_free(ds);
}

static void ids_are_reported_as_given(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    size_t a, b, c, again;
    seg_id_kind kind;
    int64_t iv;
    const char *sv;
    size_t len;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&a, ds, 17850), SEG_OK);
    assert_int_equal(seg_dataset_customer_str(&b, ds, "17850", 5), SEG_OK);
    assert_int_equal(seg_dataset_customer_str(&c, ds, "Ab\0y", 4), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&again, ds, 17850), SEG_OK);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c, 2);
    assert_int_equal(again, 0);
    assert_int_equal(seg_dataset_customer_id(&kind, &iv, &sv, &len, ds, 0), SEG_OK);
    assert_int_equal(kind, SEG_ID_INT);
    assert_int_equal(iv, 17850);
    assert_null(sv);
    assert_int_equal(seg_dataset_customer_id(&kind, &iv, &sv, &len, ds, 2), SEG_OK);
    assert_int_equal(kind, SEG_ID_STRING);
    assert_int_equal(len, 4);
    assert_memory_equal(sv, "Ab\0y", 5);
    assert_int_equal(seg_dataset_customer_id(&kind, NULL, NULL, NULL, ds, 3), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_find_str(&again, ds, "17850", 5), SEG_OK);
    assert_int_equal(again, 1);
    assert_int_equal(seg_dataset_find_i64(&again, ds, 5), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_dataset_customer_str(&again, ds, "", 0), SEG_ERR_INVALID_ARGUMENT);
    int64_t n;
    assert_int_equal(seg_dataset_stat(&n, ds, SEG_STAT_CUSTOMERS), SEG_OK);
    assert_int_equal(n, 3);
    seg_dataset_free(ds);
}

static void null_arguments_are_refused(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    size_t c;
    int64_t v;
    assert_int_equal(seg_dataset_new(NULL, ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_new(&ds, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(NULL, ds, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_customer_str(&c, ds, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_stat(NULL, ds, SEG_STAT_CUSTOMERS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_stat(&v, NULL, SEG_STAT_CUSTOMERS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_stat(&v, ds, (seg_dataset_stat_key)99), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_dataset_add_transactions(ds, NULL, 1, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_add_transaction(NULL, 0, 0, 0, NULL, 0, NULL, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_add_transaction(ds, 0, 0, 1, NULL, 0, NULL, NULL), SEG_ERR_NOT_FOUND);
    seg_dataset_free(ds);
    seg_dataset_free(NULL);
}

static void live_result_blocks_loading(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    size_t c;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 1), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, 0, 100, NULL, 0, NULL, NULL), SEG_ERR_STATE);
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 2), SEG_ERR_STATE);
    assert_int_equal(seg_dataset_set_int(ds, 0, SEG_FIELD_ACTIVITY, 5), SEG_ERR_STATE);
    seg_result_free(r);
    assert_int_equal(seg_dataset_add_transaction(ds, c, 0, 100, NULL, 0, NULL, NULL), SEG_OK);
    seg_dataset_free(ds);
}

static void memory_grows_with_customers_not_rows(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    size_t c;
    int64_t before, after;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 42), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-03-01"), 5, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_stat(&before, ds, SEG_STAT_MEMORY_BYTES), SEG_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-03-01") + i % 28, 5, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_stat(&after, ds, SEG_STAT_MEMORY_BYTES), SEG_OK);
    assert_int_equal(after, before);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_have_defaults_and_bounds),
        cmocka_unit_test(options_freeze_at_first_transaction),
        cmocka_unit_test(ids_are_reported_as_given),
        cmocka_unit_test(null_arguments_are_refused),
        cmocka_unit_test(live_result_blocks_loading),
        cmocka_unit_test(memory_grows_with_customers_not_rows),
    };
    return cmocka_run_group_tests_name("dataset", tests, ctx_setup, ctx_teardown);
}
