/* Tests of the context: creation with the standard and a custom allocator, the
 * log callback, the last-error getters, seg_strerror and the version calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

/* ---- a counting allocator: every block carries a header with a magic tag,
 * so a block not made by these hooks (or freed elsewhere) is detected. ---- */

#define MAGIC 0x5E6A110Cu

typedef struct counter {
    size_t mallocs, reallocs, frees;
    long live;           /* blocks allocated and not yet freed */
    size_t live_bytes;   /* their total size */
    size_t wrong_data;   /* hook calls whose user_data was not this counter */
    size_t foreign_free; /* frees of a pointer these hooks did not allocate */
    int fail_malloc;     /* when set, the malloc hook returns NULL */
} counter;

typedef union header {
    struct {
        uint32_t magic;
        size_t size;
    } h;
    max_align_t align;
} header;

static void *count_malloc(size_t size, void *user_data)
{
    counter *c = user_data;
    if (c == NULL)
        return NULL;
    c->mallocs++;
    if (c->fail_malloc)
        return NULL;
    header *p = malloc(sizeof *p + size);
    if (!p)
        return NULL;
    p->h.magic = MAGIC;
    p->h.size = size;
    c->live++;
    c->live_bytes += size;
    return p + 1;
}

static void *count_realloc(void *ptr, size_t size, void *user_data)
{
    counter *c = user_data;
    c->reallocs++;
    header *old = (header *)ptr - 1;
    if (old->h.magic != MAGIC) {
        c->foreign_free++;
        return NULL;
    }
    size_t old_size = old->h.size;
    header *p = realloc(old, sizeof *p + size);
    if (!p)
        return NULL;
    c->live_bytes = c->live_bytes - old_size + size;
    p->h.size = size;
    return p + 1;
}

static void count_free(void *ptr, void *user_data)
{
    counter *c = user_data;
    c->frees++;
    if (!ptr)
        return;
    header *p = (header *)ptr - 1;
    if (p->h.magic != MAGIC) {
        c->foreign_free++;
        return;
    }
    p->h.magic = 0;
    c->live--;
    c->live_bytes -= p->h.size;
    free(p);
}

/* The user_data check is done by giving each hook a wrapper that records it. */
static counter *expected_counter;

static void *check_malloc(size_t size, void *user_data)
{
    if (user_data != expected_counter)
        expected_counter->wrong_data++;
    return count_malloc(size, expected_counter);
}

static void *check_realloc(void *ptr, size_t size, void *user_data)
{
    if (user_data != expected_counter)
        expected_counter->wrong_data++;
    return count_realloc(ptr, size, expected_counter);
}

static void check_free(void *ptr, void *user_data)
{
    if (user_data != expected_counter)
        expected_counter->wrong_data++;
    count_free(ptr, expected_counter);
}

static seg_context *new_counted_context(counter *c)
{
    seg_context *ctx = NULL;
    memset(c, 0, sizeof *c);
    expected_counter = c;
    assert_int_equal(seg_context_new_with_allocator(&ctx, check_malloc, check_realloc, check_free, c),
                     SEG_OK);
    assert_non_null(ctx);
    return ctx;
}

/* ---- log capture ---- */

typedef struct log_capture {
    int calls;
    seg_log_level level;
    char message[1024];
    void *user_data;
} log_capture;

static void capture_log(seg_log_level level, const char *message, void *user_data)
{
    log_capture *lc = user_data;
    lc->calls++;
    lc->level = level;
    lc->user_data = user_data;
    strncpy(lc->message, message, sizeof lc->message - 1);
    lc->message[sizeof lc->message - 1] = '\0';
}

/* ---- fixture ---- */

static int setup(void **state)
{
    seg_context *ctx = NULL;
    if (seg_context_new(&ctx) != SEG_OK)
        return -1;
    *state = ctx;
    return 0;
}

static int teardown(void **state)
{
    seg_context_free(*state);
    return 0;
}

/* Make one call fail with SEG_ERR_RANGE through a parameter set. */
static void fail_with_range(seg_context *ctx)
{
    seg_params *p = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_RFM_BINS_R, 11), SEG_ERR_RANGE);
    seg_params_free(p);
}

static void expect_clean(const seg_context *ctx)
{
    assert_string_equal(seg_context_errmsg(ctx), "");
    assert_int_equal(seg_context_errcode(ctx), SEG_OK);
    assert_int_equal(seg_context_error_line(ctx), 0);
    assert_int_equal(seg_context_error_column(ctx), 0);
}

/* ---- creation ---- */

static void new_rejects_null_out(void **state)
{
    (void)state;
    assert_int_equal(seg_context_new(NULL), SEG_ERR_INVALID_ARGUMENT);
}

static void new_with_allocator_rejects_null_hooks(void **state)
{
    (void)state;
    counter c;
    memset(&c, 0, sizeof c);
    seg_context *sentinel = (seg_context *)&c;
    seg_context *ctx = sentinel;
    assert_int_equal(seg_context_new_with_allocator(NULL, count_malloc, count_realloc, count_free, &c),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_new_with_allocator(&ctx, NULL, count_realloc, count_free, &c),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_new_with_allocator(&ctx, count_malloc, NULL, count_free, &c),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_new_with_allocator(&ctx, count_malloc, count_realloc, NULL, &c),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_ptr_equal(ctx, sentinel);
    assert_int_equal(c.mallocs, 0);
}

static void new_with_failing_allocator_is_out_of_memory(void **state)
{
    (void)state;
    counter c;
    memset(&c, 0, sizeof c);
    c.fail_malloc = 1;
    seg_context *sentinel = (seg_context *)&c;
    seg_context *ctx = sentinel;
    assert_int_equal(seg_context_new_with_allocator(&ctx, count_malloc, count_realloc, count_free, &c),
                     SEG_ERR_OUT_OF_MEMORY);
    assert_ptr_equal(ctx, sentinel);
    assert_int_equal(c.mallocs, 1);
}

static void user_data_may_be_null(void **state)
{
    (void)state;
    /* count_malloc returns NULL for a NULL user_data, so this proves the hook
     * was called with exactly the NULL that was given. */
    seg_context *ctx = NULL;
    assert_int_equal(seg_context_new_with_allocator(&ctx, count_malloc, count_realloc, count_free, NULL),
                     SEG_ERR_OUT_OF_MEMORY);
    assert_null(ctx);
}

static void context_itself_comes_from_the_hooks(void **state)
{
    (void)state;
    counter c;
    seg_context *ctx = new_counted_context(&c);
    assert_int_equal(c.mallocs, 1);
    assert_int_equal(c.live, 1);
    seg_context_free(ctx);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.frees, 1);
    assert_int_equal(c.wrong_data, 0);
    assert_int_equal(c.foreign_free, 0);
}

static void every_allocation_goes_through_the_hooks(void **state)
{
    (void)state;
    counter c;
    seg_context *ctx = new_counted_context(&c);
    seg_dataset *ds = NULL;
    seg_params *params = NULL;
    seg_batch *batch = NULL;
    seg_result *result = NULL;

    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    size_t after_dataset = c.mallocs;
    assert_true(after_dataset > 1);
    assert_int_equal(seg_params_new(&params, ctx), SEG_OK);
    assert_int_equal(seg_batch_new(&batch, ctx), SEG_OK);
    assert_true(c.mallocs >= after_dataset + 2);

    /* Enough customers and periods to make the dataset grow (realloc). */
    for (int64_t id = 0; id < 2000; id++) {
        size_t index = 0;
        assert_int_equal(seg_dataset_customer_i64(&index, ds, id), SEG_OK);
        assert_int_equal(seg_dataset_add_transaction(ds, index, (int32_t)(19000 + id % 400), 100 + id,
                                                     NULL, 0, NULL, NULL),
                         SEG_OK);
    }
    /* The memory the dataset reports holding is memory the hooks handed out. */
    int64_t held = 0;
    assert_int_equal(seg_dataset_stat(&held, ds, SEG_STAT_MEMORY_BYTES), SEG_OK);
    assert_true(held > 0);
    assert_true((size_t)held <= c.live_bytes);
    assert_int_equal(seg_analyze(&result, ds, params), SEG_OK);
    assert_true(c.reallocs > 0);

    seg_result_free(result);
    seg_batch_free(batch);
    seg_params_free(params);
    seg_dataset_free(ds);
    assert_int_equal(c.live, 5); /* the context and the four freed handles it keeps */
    seg_context_free(ctx);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.live_bytes, 0);
    assert_int_equal(c.wrong_data, 0);
    assert_int_equal(c.foreign_free, 0);
}

static void free_accepts_null(void **state)
{
    (void)state;
    seg_context_free(NULL);
}

/* ---- log ---- */

static void set_log_rejects_bad_level(void **state)
{
    seg_context *ctx = *state;
    log_capture lc;
    memset(&lc, 0, sizeof lc);
    const int bad[] = {0, 5, -1, 100};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(seg_context_set_log(ctx, capture_log, (seg_log_level)bad[i], &lc), SEG_ERR_RANGE);
        assert_int_equal(seg_context_errcode(ctx), SEG_ERR_RANGE);
        assert_true(strlen(seg_context_errmsg(ctx)) > 0);
    }
    /* The rejected callback was not installed. */
    fail_with_range(ctx);
    assert_int_equal(lc.calls, 0);
    for (int level = SEG_LOG_ERROR; level <= SEG_LOG_DEBUG; level++) {
        assert_int_equal(seg_context_set_log(ctx, capture_log, (seg_log_level)level, &lc), SEG_OK);
        expect_clean(ctx);
    }
}

static void set_log_rejects_null_context(void **state)
{
    (void)state;
    assert_int_equal(seg_context_set_log(NULL, capture_log, SEG_LOG_ERROR, NULL), SEG_ERR_INVALID_ARGUMENT);
}

static void log_receives_the_error_message(void **state)
{
    seg_context *ctx = *state;
    log_capture lc;
    memset(&lc, 0, sizeof lc);
    assert_int_equal(seg_context_set_log(ctx, capture_log, SEG_LOG_ERROR, &lc), SEG_OK);
    fail_with_range(ctx);
    assert_int_equal(lc.calls, 1);
    assert_int_equal(lc.level, SEG_LOG_ERROR);
    assert_ptr_equal(lc.user_data, &lc);
    assert_true(strlen(lc.message) > 0);
    assert_string_equal(lc.message, seg_context_errmsg(ctx));
    assert_non_null(strstr(lc.message, "11"));
}

static void log_removed_with_null_callback(void **state)
{
    seg_context *ctx = *state;
    log_capture lc;
    memset(&lc, 0, sizeof lc);
    assert_int_equal(seg_context_set_log(ctx, capture_log, SEG_LOG_DEBUG, &lc), SEG_OK);
    fail_with_range(ctx);
    assert_int_equal(lc.calls, 1);
    assert_int_equal(seg_context_set_log(ctx, NULL, SEG_LOG_DEBUG, NULL), SEG_OK);
    fail_with_range(ctx);
    assert_int_equal(lc.calls, 1);
}

/* ---- last error ---- */

static void fresh_context_has_no_error(void **state)
{
    expect_clean(*state);
}

static void error_is_recorded_then_cleared_by_success(void **state)
{
    seg_context *ctx = *state;
    int32_t d = 0;
    assert_int_equal(seg_date_parse(&d, ctx, "20111209", 8), SEG_ERR_PARSE);
    assert_int_equal(seg_context_errcode(ctx), SEG_ERR_PARSE);
    assert_int_equal(seg_context_error_line(ctx), 0);
    assert_int_equal(seg_context_error_column(ctx), 5);
    assert_non_null(strstr(seg_context_errmsg(ctx), "20111209"));

    assert_int_equal(seg_date_parse(&d, ctx, "2011-12-09", 10), SEG_OK);
    assert_int_equal(d, 15317);
    expect_clean(ctx);

    fail_with_range(ctx);
    assert_int_equal(seg_context_errcode(ctx), SEG_ERR_RANGE);
    assert_int_equal(seg_context_error_column(ctx), 0);
    assert_true(strlen(seg_context_errmsg(ctx)) > 0);
}

static void error_line_comes_from_a_batch_row(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    seg_batch *b = NULL;
    const int64_t ids[2] = {1, 2};
    const int32_t dates[2] = {15317, 15318};
    const char amounts[] = "1.00x";
    const int64_t offsets[3] = {0, 4, 5};
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_DATE, dates), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_AMOUNT, amounts, offsets), SEG_OK);
    assert_int_equal(seg_dataset_add_transactions(ds, b, 2, NULL), SEG_ERR_PARSE);
    assert_int_equal(seg_context_errcode(ctx), SEG_ERR_PARSE);
    assert_int_equal(seg_context_error_line(ctx), 2);
    assert_int_equal(seg_context_error_column(ctx), 1);
    seg_batch_free(b);
    seg_dataset_free(ds);
}

static void null_context_getters(void **state)
{
    (void)state;
    const char *msg = seg_context_errmsg(NULL);
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    assert_int_equal(seg_context_errcode(NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_error_line(NULL), 0);
    assert_int_equal(seg_context_error_column(NULL), 0);
}

/* ---- strerror and version ---- */

static void strerror_is_distinct_for_every_status(void **state)
{
    (void)state;
    const char *texts[13];
    for (int s = 0; s >= -12; s--) {
        const char *t = seg_strerror((seg_status)s);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        assert_string_not_equal(t, "unknown status");
        for (int k = 0; k < -s; k++)
            assert_string_not_equal(t, texts[k]);
        texts[-s] = t;
    }
}

static void strerror_of_unknown_status(void **state)
{
    (void)state;
    const int unknown[] = {1, -14, 42, -1000, INT32_MIN};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        assert_string_equal(seg_strerror((seg_status)unknown[i]), "unknown status");
}

static void version_matches_the_headers(void **state)
{
    (void)state;
    assert_int_equal(seg_version_major(), SEG_VERSION_MAJOR);
    assert_int_equal(seg_version_minor(), SEG_VERSION_MINOR);
    assert_int_equal(seg_version_patch(), SEG_VERSION_PATCH);
    assert_int_equal(seg_version_number(), SEG_VERSION_NUMBER);
    assert_int_equal(SEG_VERSION_NUMBER,
                     SEG_VERSION_MAJOR * 10000 + SEG_VERSION_MINOR * 100 + SEG_VERSION_PATCH);
    assert_int_equal(seg_version_number(),
                     seg_version_major() * 10000 + seg_version_minor() * 100 + seg_version_patch());
    assert_non_null(seg_version_string());
    assert_string_equal(seg_version_string(), SEG_VERSION_STRING);
}

static void version_string_spells_the_numbers(void **state)
{
    (void)state;
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", seg_version_major(), seg_version_minor(),
             seg_version_patch());
    assert_string_equal(seg_version_string(), expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_rejects_null_out),
        cmocka_unit_test(new_with_allocator_rejects_null_hooks),
        cmocka_unit_test(new_with_failing_allocator_is_out_of_memory),
        cmocka_unit_test(user_data_may_be_null),
        cmocka_unit_test(context_itself_comes_from_the_hooks),
        cmocka_unit_test(every_allocation_goes_through_the_hooks),
        cmocka_unit_test(free_accepts_null),
        cmocka_unit_test_setup_teardown(set_log_rejects_bad_level, setup, teardown),
        cmocka_unit_test(set_log_rejects_null_context),
        cmocka_unit_test_setup_teardown(log_receives_the_error_message, setup, teardown),
        cmocka_unit_test_setup_teardown(log_removed_with_null_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(fresh_context_has_no_error, setup, teardown),
        cmocka_unit_test_setup_teardown(error_is_recorded_then_cleared_by_success, setup, teardown),
        cmocka_unit_test_setup_teardown(error_line_comes_from_a_batch_row, setup, teardown),
        cmocka_unit_test(null_context_getters),
        cmocka_unit_test(strerror_is_distinct_for_every_status),
        cmocka_unit_test(strerror_of_unknown_status),
        cmocka_unit_test(version_matches_the_headers),
        cmocka_unit_test(version_string_spells_the_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
