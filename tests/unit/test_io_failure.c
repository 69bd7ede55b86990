/* I/O failure at every point: a read callback that fails at its k-th call and
 * a write callback that fails at its k-th call, for every k until none fails. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>

#define ROWS 60

typedef struct feed {
    const char *text;
    size_t len, pos, step;
    int calls, fail_at;
} feed;

static int feed_read(void *buf, size_t cap, size_t *got, void *user_data)
{
    feed *f = user_data;
    if (++f->calls == f->fail_at)
        return -1;
    size_t n = f->len - f->pos < f->step ? f->len - f->pos : f->step;
    n = n < cap ? n : cap;
    memcpy(buf, f->text + f->pos, n);
    f->pos += n;
    *got = n;
    return 0;
}

/* Header and ROWS rows: quoted ids with commas and line breaks, refunds, decimals. */
static size_t make_csv_of(char *buf, size_t cap, size_t rows, size_t customers)
{
    size_t pos = (size_t)snprintf(buf, cap, "customer,date,amount,order\n");
    for (size_t i = 0; i < rows; i++)
        pos += (size_t)snprintf(buf + pos, cap - pos, "%s%zu%s,2024-%02zu-%02zu,%s%zu.%02zu,o%zu\n",
                                i % 4 ? "K-" : "\"Ural, \"\"North\"\"\n", i % customers, i % 4 ? "" : "\"",
                                1 + i % 12, 1 + i % 28, i % 9 == 0 ? "-" : "", 10 + i * 7, i % 100, i / 2);
    return pos;
}

static size_t make_csv(char *buf, size_t cap, size_t rows)
{
    return make_csv_of(buf, cap, rows, 17);
}

typedef struct bytes {
    unsigned char *data;
    size_t len;
} bytes;

static bytes state_of(const seg_dataset *ds)
{
    bytes b = {NULL, 0};
    assert_int_equal(seg_dataset_serialize(NULL, 0, &b.len, ds), SEG_ERR_BUFFER_TOO_SMALL);
    b.data = malloc(b.len);
    assert_non_null(b.data);
    assert_int_equal(seg_dataset_serialize(b.data, b.len, NULL, ds), SEG_OK);
    return b;
}

/* The state of a dataset loaded with the first `rows` rows only. */
static bytes prefix_state(seg_context *ctx, size_t rows)
{
    static char text[ROWS * 96];
    seg_dataset *ds = NULL;
    size_t len = make_csv(text, sizeof text, rows);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_load_csv_buffer(NULL, ds, SEG_RECORDS_TRANSACTIONS, NULL, text, len), SEG_OK);
    bytes b = state_of(ds);
    seg_dataset_free(ds);
    return b;
}

static int64_t report_stat(const seg_load_report *r, seg_load_stat key)
{
    int64_t v = -1;
    assert_int_equal(seg_load_report_stat(&v, r, key), SEG_OK);
    return v;
}

/* One load failing at read call `fail_at`; returns the status. The rows it
 * kept must be exactly the first rows of the file: nothing half-loaded. */
static seg_status load_failing_at(seg_context *ctx, const char *text, size_t len, size_t step, int fail_at,
                                  const seg_csv_options *opts)
{
    seg_dataset *ds = NULL;
    seg_load_report *rep = NULL;
    feed f = {text, len, 0, step, 0, fail_at};
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_load_report_new(&rep, ctx), SEG_OK);
    seg_status st = seg_dataset_load_csv_stream(rep, ds, SEG_RECORDS_TRANSACTIONS, opts, feed_read, &f);
    int64_t loaded = report_stat(rep, SEG_LOAD_ROWS_LOADED), transactions = -1;
    assert_int_equal(report_stat(rep, SEG_LOAD_ROWS_READ), loaded + report_stat(rep, SEG_LOAD_ROWS_REJECTED));
    assert_int_equal(seg_dataset_stat(&transactions, ds, SEG_STAT_TRANSACTIONS), SEG_OK);
    assert_int_equal(transactions, loaded);
    if (st == SEG_OK) {
        assert_true(f.calls < fail_at || fail_at == 0);
        assert_int_equal(loaded, ROWS);
    } else {
        assert_int_equal(st, SEG_ERR_IO);
        assert_non_null(strstr(seg_context_errmsg(ctx), "<stream>: the read callback failed"));
    }
    bytes got = state_of(ds), want = prefix_state(ctx, (size_t)loaded);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, got.len);
    free(got.data);
    free(want.data);
    seg_load_report_free(rep);
    seg_dataset_free(ds);
    return st;
}

static void every_read_failure(seg_context *ctx, const seg_csv_options *opts, size_t step)
{
    static char text[ROWS * 96];
    size_t len = make_csv(text, sizeof text, ROWS);
    int k = 1;
    while (load_failing_at(ctx, text, len, step, k, opts) != SEG_OK)
        k++;
    printf("[ io       ] %zu-byte reads (%s): %d failure points, each kept a clean prefix\n", step,
           opts ? "lenient" : "strict", k - 1);
    assert_true((size_t)k > len / step);
}

static void read_fails_at_every_call(void **state)
{
    const size_t steps[] = {1, 7, 64, 4096};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        every_read_failure(*state, NULL, steps[i]);
}

static void read_fails_at_every_call_lenient(void **state)
{
    seg_context *ctx = *state;
    seg_csv_options *opts = NULL;
    assert_int_equal(seg_csv_options_new(&opts, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_STRICT, 0), SEG_OK);
    every_read_failure(ctx, opts, 13);
    seg_csv_options_free(opts);
}

typedef struct sink {
    int calls, fail_at;
    size_t bytes;
} sink;

static int sink_write(const void *data, size_t len, void *user_data)
{
    sink *s = user_data;
    (void)data;
    if (++s->calls == s->fail_at)
        return 1;
    s->bytes += len;
    return 0;
}

/* Every writer, failing at each of its calls in turn; the result stays intact. */
static void write_fails_at_every_call(void **state)
{
    seg_context *ctx = *state;
    static char text[20000 * 96];
    size_t len = make_csv_of(text, sizeof text, 20000, 5000); /* outputs of several writes each */
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_load_csv_buffer(NULL, ds, SEG_RECORDS_TRANSACTIONS, NULL, text, len), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    for (int what = SEG_OUTPUT_TABLE; what <= SEG_OUTPUT_SUMMARY; what++)
        for (int fmt = SEG_FORMAT_CSV; fmt <= SEG_FORMAT_JSON; fmt++) {
            sink full = {0, 0, 0};
            assert_int_equal(seg_result_write(r, (seg_output)what, (seg_format)fmt, sink_write, &full), SEG_OK);
            assert_true(full.calls >= 1);
            for (int k = 1; k <= full.calls; k++) {
                sink s = {0, k, 0};
                assert_int_equal(seg_result_write(r, (seg_output)what, (seg_format)fmt, sink_write, &s), SEG_ERR_IO);
                assert_int_equal(s.calls, k); /* no call after the failure */
            }
            printf("[ io       ] writer %d/%d: %d failure points\n", what, fmt, full.calls);
            sink again = {0, 0, 0};
            assert_int_equal(seg_result_write(r, (seg_output)what, (seg_format)fmt, sink_write, &again), SEG_OK);
            assert_int_equal(again.bytes, full.bytes);
        }
    seg_result_free(r);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(read_fails_at_every_call, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(read_fails_at_every_call_lenient, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(write_fails_at_every_call, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
