/* Misused handles: freed ones, freed twice, of the wrong type, or garbage are
 * refused with SEG_ERR_INVALID_ARGUMENT; clean under ASan and valgrind. */
#include "test_util.h"

#include <stdlib.h>

typedef struct handles {
    seg_dataset *ds;
    seg_params *params;
    seg_batch *batch;
    seg_result *result;
    seg_cursor *cursor;
    seg_csv_options *opts;
    seg_load_report *report;
} handles;

static void make_all(seg_context *ctx, handles *h)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_new(&h->ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_str(&c, h->ds, "K-1", 3), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(h->ds, c, day("2024-05-01"), 100, "o", 1, NULL, NULL), SEG_OK);
    assert_int_equal(seg_params_new(&h->params, ctx), SEG_OK);
    assert_int_equal(seg_batch_new(&h->batch, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_new(&h->opts, ctx), SEG_OK);
    assert_int_equal(seg_load_report_new(&h->report, ctx), SEG_OK);
    assert_int_equal(seg_analyze(&h->result, h->ds, h->params), SEG_OK);
    assert_int_equal(seg_cursor_new(&h->cursor, h->result), SEG_OK);
}

/* Free what is left, in the documented order (freed ones are skipped by the tags). */
static void free_all(handles *h)
{
    seg_cursor_free(h->cursor);
    seg_result_free(h->result);
    seg_batch_free(h->batch);
    seg_params_free(h->params);
    seg_csv_options_free(h->opts);
    seg_load_report_free(h->report);
    seg_dataset_free(h->ds);
}

/* Every handle freed (in the documented order), then used: refused. */
static void freed_handles_are_refused(void **state)
{
    seg_context *ctx = *state;
    handles h;
    int64_t v = 0;
    uint8_t ok = 0;
    size_t n = 0;
    char text[64];
    make_all(ctx, &h);
    free_all(&h);
    assert_int_equal(seg_dataset_stat(&v, h.ds, SEG_STAT_CUSTOMERS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_customer_i64(&n, h.ds, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_serialize(NULL, 0, &n, h.ds), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_i64(h.params, SEG_PARAM_THREADS, 2), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segments_clear(h.params), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_segment_count(h.params), 0);
    assert_int_equal(seg_batch_bind_i64(h.batch, SEG_FIELD_CUSTOMER_ID, &v), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_rows(h.result), 0);
    assert_null(seg_result_dataset(h.result));
    assert_int_equal(seg_result_copy_i64(&v, &ok, h.result, SEG_COL_ABC, 0, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_explain(text, sizeof text, NULL, h.result, 0, SEG_ANALYSIS_ALL),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_cursor_next(h.cursor), 0); /* no row */
    assert_int_equal(seg_cursor_get_i64(&v, NULL, h.cursor, SEG_COL_ABC), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_set_i64(h.opts, SEG_CSV_STRICT, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_stat(&v, h.report, SEG_LOAD_ROWS_READ), SEG_ERR_INVALID_ARGUMENT);
    free_all(&h); /* a second free is a no-op */
}

/* A result freed under its cursor: the cursor refuses to read it. */
static void cursor_outliving_its_result(void **state)
{
    seg_context *ctx = *state;
    handles h;
    make_all(ctx, &h);
    int64_t v = 0;
    assert_int_equal(seg_cursor_next(h.cursor), 1);
    assert_int_equal(seg_cursor_get_i64(&v, NULL, h.cursor, SEG_COL_ABC), SEG_OK);
    seg_result_free(h.result);
    assert_int_equal(seg_cursor_next(h.cursor), 0);
    assert_int_equal(seg_cursor_get_i64(&v, NULL, h.cursor, SEG_COL_ABC), SEG_ERR_INVALID_ARGUMENT);
    free_all(&h);
}

/* One kind of handle passed as another, or a block that is no handle at all. */
static void wrong_handles_are_refused(void **state)
{
    seg_context *ctx = *state;
    handles h;
    int64_t v = 0;
    size_t n = 0;
    seg_result *r = NULL;
    uint64_t *garbage = calloc(64, sizeof *garbage);
    assert_non_null(garbage);
    make_all(ctx, &h);
    assert_int_equal(seg_dataset_stat(&v, (seg_dataset *)(void *)h.params, SEG_STAT_CUSTOMERS),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_i64(&v, (seg_params *)(void *)h.ds, SEG_PARAM_THREADS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_analyze(&r, h.ds, (seg_params *)(void *)h.batch), SEG_ERR_INVALID_ARGUMENT);
    assert_null(r);
    assert_int_equal(seg_dataset_merge(h.ds, (seg_dataset *)(void *)h.result), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_buffer((seg_load_report *)(void *)h.opts, h.ds, SEG_RECORDS_TRANSACTIONS,
                                                 NULL, "customer,date,amount\n", 21),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_rows((seg_result *)(void *)garbage), 0);
    assert_int_equal(seg_dataset_find_i64(&n, (seg_dataset *)(void *)garbage, 1), SEG_ERR_INVALID_ARGUMENT);
    seg_dataset_free((seg_dataset *)(void *)garbage); /* not a dataset: left alone */
    free_all(&h);
    free(garbage);
}

/* Wrong parameter types and values out of range: a status, never a crash. */
static void wrong_types_and_ranges(void **state)
{
    seg_context *ctx = *state;
    seg_params *p = NULL;
    double f = 0;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_f64(p, SEG_PARAM_THREADS, 2.0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_f64(&f, p, SEG_PARAM_THREADS), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_RFM_BINS_R, 11), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(p, (seg_param)999999, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_params_set_i64(NULL, SEG_PARAM_THREADS, 1), SEG_ERR_INVALID_ARGUMENT);
    seg_params_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(freed_handles_are_refused, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(cursor_outliving_its_result, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(wrong_handles_are_refused, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(wrong_types_and_ranges, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests_name("handles", tests, NULL, NULL);
}
