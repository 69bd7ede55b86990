/* Two-thread CSV loads (SEG_CSV_THREADS 2) against one-thread loads of the
 * same text: the same dataset bytes, report, errors, stops and cancels. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <libsegment/segment.h>

/* Everything a load leaves behind, to compare one thread with two. */
typedef struct outcome {
    seg_status status;
    char errmsg[512];
    int64_t errline, errcol;
    int64_t stats[7], rejected[12];
    char *errors; /* every kept error: line, column, reason, message */
    size_t errors_cap;
    unsigned char *state;
    size_t state_len;
} outcome;

typedef struct input {
    const char *text;
    size_t len, at, piece; /* streamed `piece` bytes at a time (0: a buffer) */
} input;

static int read_piece(void *buf, size_t cap, size_t *got, void *user_data)
{
    input *in = user_data;
    size_t n = in->len - in->at;
    n = n < cap ? n : cap;
    n = n < in->piece ? n : in->piece;
    memcpy(buf, in->text + in->at, n);
    in->at += n;
    *got = n;
    return 0;
}

static void keep_report(outcome *o, const seg_load_report *r)
{
    size_t used = 0;
    for (int k = 0; k < 6; k++)
        assert_int_equal(seg_load_report_stat(&o->stats[k], r, (seg_load_stat)(k + 1)), SEG_OK);
    for (int k = 1; k < 12; k++)
        assert_int_equal(seg_load_report_rejected(&o->rejected[k], r, (seg_reject_reason)k), SEG_OK);
    for (size_t i = 0; i < (size_t)o->stats[5]; i++) {
        int64_t line, col;
        seg_reject_reason reason;
        const char *msg;
        assert_int_equal(seg_load_report_error(&line, &col, &reason, NULL, &msg, r, i), SEG_OK);
        used += (size_t)snprintf(o->errors + used, o->errors_cap - used, "%lld:%lld:%d:%s\n", (long long)line,
                                 (long long)col, (int)reason, msg);
        assert_true(used < o->errors_cap);
    }
}

static void keep_state(outcome *o, const seg_dataset *ds)
{
    assert_int_equal(seg_dataset_serialize(NULL, 0, &o->state_len, ds), SEG_ERR_BUFFER_TOO_SMALL);
    o->state = malloc(o->state_len);
    assert_non_null(o->state);
    assert_int_equal(seg_dataset_serialize(o->state, o->state_len, &o->state_len, ds), SEG_OK);
}

typedef struct setup {
    seg_record_kind kind;
    int strict, validate_only, cancel_at;
    size_t piece;
    int64_t max_errors; /* 0: 40 */
    int slow_helper;    /* allocations off the calling thread take 2 ms: the helper falls behind */
    int64_t max_record; /* 0: the default */
} setup;

/* The allocator hooks of a slow helper: they sleep 2 ms off the calling
 * thread and note whether two threads were ever inside them at once. */
static pthread_t caller;
static atomic_int in_hook, overlapped, allocations;

static void enter_hook(void)
{
    struct timespec pause = {0, 2000000};
    if (atomic_exchange(&in_hook, 1))
        atomic_store(&overlapped, 1);
    atomic_fetch_add(&allocations, 1);
    if (!pthread_equal(pthread_self(), caller))
        nanosleep(&pause, NULL);
}

static void *slow_malloc(size_t n, void *u)
{
    (void)u;
    enter_hook();
    void *p = malloc(n);
    atomic_store(&in_hook, 0);
    return p;
}

static void *slow_realloc(void *p, size_t n, void *u)
{
    (void)u;
    enter_hook();
    void *q = realloc(p, n);
    atomic_store(&in_hook, 0);
    return q;
}

static void slow_free(void *p, void *u)
{
    (void)u;
    enter_hook();
    free(p);
    atomic_store(&in_hook, 0);
}

static int cancel_calls, cancel_at;

static int on_progress(uint64_t done, uint64_t total, void *user_data)
{
    (void)done, (void)total, (void)user_data;
    return ++cancel_calls == cancel_at;
}

static outcome load(const char *text, size_t len, const setup *s, int threads)
{
    outcome o;
    memset(&o, 0, sizeof o);
    o.errors_cap = s->max_errors ? (size_t)s->max_errors * 256 : 16384;
    o.errors = calloc(1, o.errors_cap);
    assert_non_null(o.errors);
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_csv_options *opts = NULL;
    seg_load_report *rep = NULL;
    caller = pthread_self();
    if (s->slow_helper)
        assert_int_equal(seg_context_new_with_allocator(&ctx, slow_malloc, slow_realloc, slow_free, NULL), SEG_OK);
    else
        assert_int_equal(seg_context_new(&ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_new(&opts, ctx), SEG_OK);
    assert_int_equal(seg_load_report_new(&rep, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_THREADS, threads), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_STRICT, s->strict), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_VALIDATE_ONLY, s->validate_only), SEG_OK);
    if (s->max_record)
        assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_MAX_RECORD_BYTES, s->max_record), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(opts, SEG_CSV_MAX_ERRORS, s->max_errors ? s->max_errors : 40), SEG_OK);
    cancel_calls = 0;
    cancel_at = s->cancel_at;
    if (s->cancel_at)
        assert_int_equal(seg_csv_options_set_progress(opts, on_progress, NULL), SEG_OK);
    input in = {text, len, 0, s->piece};
    o.status = s->piece ? seg_dataset_load_csv_stream(rep, ds, s->kind, opts, read_piece, &in)
                        : seg_dataset_load_csv_buffer(rep, ds, s->kind, opts, text, len);
    snprintf(o.errmsg, sizeof o.errmsg, "%s", seg_context_errmsg(ctx));
    o.errline = seg_context_error_line(ctx);
    o.errcol = seg_context_error_column(ctx);
    keep_report(&o, rep);
    keep_state(&o, ds);
    seg_load_report_free(rep);
    seg_csv_options_free(opts);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return o;
}

/* Load with one thread and with two; everything must agree. */
static outcome same_both_ways(const char *text, size_t len, const setup *s)
{
    atomic_store(&overlapped, 0);
    outcome one = load(text, len, s, 1), two = load(text, len, s, 2);
    assert_int_equal(atomic_load(&overlapped), 0); /* the hooks never ran on two threads at once */
    assert_int_equal(two.status, one.status);
    assert_string_equal(two.errmsg, one.errmsg);
    assert_int_equal(two.errline, one.errline);
    assert_int_equal(two.errcol, one.errcol);
    assert_memory_equal(two.stats, one.stats, sizeof one.stats);
    assert_memory_equal(two.rejected, one.rejected, sizeof one.rejected);
    assert_string_equal(two.errors, one.errors);
    assert_int_equal(two.state_len, one.state_len);
    assert_memory_equal(two.state, one.state, one.state_len);
    free(two.state);
    free(two.errors);
    return one; /* the caller releases it */
}

static void release(outcome *o)
{
    free(o->state);
    free(o->errors);
}

/* ---- inputs: many chunks of rows, bad rows at chosen places ---- */

#define ROWS 60000
#define LONG_ROWS 200000
#define TEXT_CAP ((size_t)LONG_ROWS * 64)

static char *text;
static size_t text_len;

enum { BAD_VALUES = 1, BIG_TOTALS = 2 };

/* Transactions with integer and string orders, quoted ids with doubled
 * quotes (the arena) and refunds; row `stop` has a bad amount. BAD_VALUES
 * adds empty amounts and impossible dates; BIG_TOTALS a customer whose
 * running total overflows on its second row (4100), so the fold refuses it. */
static size_t transactions(size_t rows, size_t stop, int noise)
{
    size_t n = (size_t)snprintf(text, TEXT_CAP, "customer,date,amount,order\n");
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < rows; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        unsigned c = (unsigned)(x % 3000);
        char *at = text + n;
        size_t room = TEXT_CAP - n;
        if (i == stop)
            n += (size_t)snprintf(at, room, "C%u,2024-01-02,12x,%zu\n", c, i);
        else if ((noise & BIG_TOTALS) && i % 4093 == 7)
            n += (size_t)snprintf(at, room, "BIG,2024-03-01,90000000000000000,%zu\n", i);
        else if ((noise & BAD_VALUES) && i % 2011 == 5)
            n += (size_t)snprintf(at, room, "C%u,2024-02-30,1.00,%zu\n", c, i);
        else if ((noise & BAD_VALUES) && i % 997 == 13)
            n += (size_t)snprintf(at, room, "C%u,2024-01-02,,%zu\n", c, i);
        else if (i % 5 == 0)
            n += (size_t)snprintf(at, room, "\"Q \"\"%u\"\"\",2023-%02u-%02u,%s%u.%02u,S%zu\n", c % 50,
                                  (unsigned)(1 + x % 12), (unsigned)(1 + x % 28), x % 11 ? "" : "-",
                                  (unsigned)(x % 5000), (unsigned)(x % 100), i / 3);
        else
            n += (size_t)snprintf(at, room, "C%u,2024-%02u-%02u,%u.%02u,%zu\n", c, (unsigned)(1 + x % 12),
                                  (unsigned)(1 + x % 28), (unsigned)(x % 9000), (unsigned)(x % 100), i / 2);
        assert_true(n < TEXT_CAP);
    }
    return n;
}

static int make_text(void **state)
{
    (void)state;
    text = malloc(TEXT_CAP);
    return text ? 0 : -1;
}

static int free_text(void **state)
{
    (void)state;
    free(text);
    return 0;
}

static void lenient_rejects_agree(void **state)
{
    (void)state;
    text_len = transactions(ROWS, SIZE_MAX, BAD_VALUES | BIG_TOTALS);
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 0, 0, 0, 0, 0, 0};
    outcome o = same_both_ways(text, text_len, &s);
    assert_int_equal(o.stats[0], ROWS);
    assert_true(o.rejected[SEG_REJECT_MISSING] > 20); /* the empty amounts */
    assert_true(o.rejected[SEG_REJECT_DATE] > 10);
    assert_true(o.rejected[SEG_REJECT_OVERFLOW] > 0); /* refused by the fold */
    release(&o);
}

/* Rows with a bad amount on row `stop` (and the `noise`), loaded both ways:
 * the status, and the line of the error that stopped the load (0: none). */
static void stops_agree(const setup *s, size_t stop, int noise, seg_status status, int64_t line)
{
    text_len = transactions(ROWS, stop, noise);
    outcome o = same_both_ways(text, text_len, s);
    assert_int_equal(o.status, status);
    assert_int_equal(o.errline, line);
    release(&o);
}

/* A strict load stops at a bad value in the third chunk of 4096 rows, or at
 * a row the fold refuses in the second (while the third is parsed). */
static void strict_stops_agree(void **state)
{
    (void)state;
    setup s = {SEG_RECORDS_TRANSACTIONS, 1, 0, 0, 0, 0, 0, 0};
    stops_agree(&s, 9000, 0, SEG_ERR_PARSE, 9002);
    stops_agree(&s, SIZE_MAX, BIG_TOTALS, SEG_ERR_OVERFLOW, 4102);
}

/* A strict stop in the eighth chunk with the helper behind (its allocations
 * slowed), so that the chunks queued after the failing one are dropped; and
 * the same rows lenient. */
static void strict_stops_with_a_queue_agree(void **state)
{
    (void)state;
    setup s = {SEG_RECORDS_TRANSACTIONS, 1, 0, 0, 0, 0, 1, 0};
    stops_agree(&s, 30000, 0, SEG_ERR_PARSE, 30002);
    s.strict = 0;
    stops_agree(&s, 30000, 0, SEG_OK, 0);
}

static void validate_only_agrees(void **state)
{
    (void)state;
    text_len = transactions(ROWS, 20000, BAD_VALUES | BIG_TOTALS);
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 1, 0, 0, 0, 0, 0};
    outcome o = same_both_ways(text, text_len, &s);
    assert_int_equal(o.stats[0], ROWS);
    release(&o);
}

/* Streamed 4000 bytes at a time: the window slides many times. */
static void streamed_agrees(void **state)
{
    (void)state;
    text_len = transactions(ROWS, 25000, BAD_VALUES | BIG_TOTALS);
    setup lenient = {SEG_RECORDS_TRANSACTIONS, 0, 0, 0, 4000, 0, 0, 0}, strict = {SEG_RECORDS_TRANSACTIONS, 1, 0, 0, 4000, 0, 0, 0};
    outcome a = same_both_ways(text, text_len, &lenient), b = same_both_ways(text, text_len, &strict);
    release(&a);
    release(&b);
}

/* Cancelled by the progress callback at its first call (about 1 MiB in). */
static void cancel_agrees(void **state)
{
    (void)state;
    text_len = transactions(ROWS, SIZE_MAX, BAD_VALUES);
    assert_true(text_len > ((size_t)3 << 19));
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 0, 1, 65536, 0, 0, 0};
    outcome o = same_both_ways(text, text_len, &s);
    assert_int_equal(o.status, SEG_ERR_CANCELLED);
    assert_true(o.stats[0] > 0 && o.stats[0] < ROWS);
    release(&o);
}

static void customers_agree(void **state)
{
    (void)state;
    size_t n = (size_t)snprintf(text, 64, "id,name,status\n");
    for (size_t i = 0; i < 12000; i++)
        n += (size_t)snprintf(text + n, TEXT_CAP - n, "c%zu,\"Name \"\"%zu\"\"\",%s\n", i % 9000, i,
                              i % 9000 == 17 && i > 9000 ? "churned" : i % 777 == 3 ? "maybe" : "current");
    setup lenient = {SEG_RECORDS_CUSTOMERS, 0, 0, 0, 0, 0, 0, 0}, strict = {SEG_RECORDS_CUSTOMERS, 1, 0, 0, 0, 0, 0, 0};
    outcome a = same_both_ways(text, n, &lenient);
    release(&a);
    outcome o = same_both_ways(text, n, &strict);
    assert_int_equal(o.status, SEG_ERR_RANGE); /* "maybe" is no status */
    release(&o);
}

/* Streamed past several 1 MiB windows: the helper commits the queued chunks
 * of the window left behind while the next is read, and every bad row's
 * message (line, column, value) is kept, on both sides of each slide. */
static void long_stream_agrees(void **state)
{
    (void)state;
    text_len = transactions(LONG_ROWS, SIZE_MAX, BAD_VALUES | BIG_TOTALS);
    assert_true(text_len > ((size_t)6 << 20));
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 0, 0, (size_t)1 << 20, 4000, 0, 0};
    outcome o = same_both_ways(text, text_len, &s);
    assert_int_equal(o.stats[0], LONG_ROWS);
    assert_true(o.stats[5] > 250); /* errors kept */
    release(&o);
}

/* Row `at` becomes one with a quoted order id of `bytes` bytes. */
static void insert_long_row(size_t at, size_t bytes)
{
    char *p = text;
    for (size_t line = 0; line <= at; line++)
        p = strchr(p, '\n') + 1;
    size_t head = (size_t)(p - text), add = bytes + 24;
    assert_true(text_len + add < TEXT_CAP);
    memmove(p + add, p, text_len - head);
    int n = snprintf(p, 22, "C1,2024-01-02,1.00,\"");
    memset(p + n, 'A', add - (size_t)n - 2);
    memcpy(p + add - 2, "\"\n", 2);
    text_len += add;
}

/* Streamed on two threads with a 1.5 MiB record and the helper behind: the
 * window grows past its blocks, with the helper drained first (the hooks
 * never overlap), and the rows after it still agree. */
static void long_record_agrees(void **state)
{
    (void)state;
    text_len = transactions(ROWS, SIZE_MAX, BAD_VALUES);
    insert_long_row(30000, (size_t)3 << 19);
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 0, 0, 65536, 0, 1, (int64_t)4 << 20};
    outcome o = same_both_ways(text, text_len, &s);
    assert_int_equal(o.stats[0], ROWS + 1);
    assert_true(o.rejected[SEG_REJECT_DATE] > 10);
    release(&o);
}

/* Input of one chunk is loaded on the calling thread alone: no helper, no
 * queue, the same allocations as with one thread. */
static void one_chunk_starts_no_helper(void **state)
{
    (void)state;
    text_len = transactions(3000, SIZE_MAX, BAD_VALUES);
    setup s = {SEG_RECORDS_TRANSACTIONS, 0, 0, 0, 0, 0, 1, 0};
    int counts[2];
    for (int threads = 1; threads <= 2; threads++) {
        atomic_store(&allocations, 0);
        outcome o = load(text, text_len, &s, threads);
        counts[threads - 1] = atomic_load(&allocations);
        assert_int_equal(o.stats[0], 3000);
        release(&o);
    }
    assert_int_equal(counts[1], counts[0]);
}

static void threads_option_bounds(void **state)
{
    (void)state;
    int64_t lo = 0, hi = 0, def = 0;
    assert_int_equal(seg_csv_option_bounds_i64(&lo, &hi, SEG_CSV_THREADS), SEG_OK);
    assert_int_equal(seg_csv_option_default_i64(&def, SEG_CSV_THREADS), SEG_OK);
    assert_int_equal(lo, 1);
    assert_int_equal(hi, 64);
    assert_int_equal(def, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_option_bounds), cmocka_unit_test(lenient_rejects_agree),
        cmocka_unit_test(strict_stops_agree),    cmocka_unit_test(strict_stops_with_a_queue_agree),    cmocka_unit_test(validate_only_agrees),
        cmocka_unit_test(streamed_agrees),       cmocka_unit_test(cancel_agrees),
        cmocka_unit_test(customers_agree),       cmocka_unit_test(long_stream_agrees),
        cmocka_unit_test(long_record_agrees),    cmocka_unit_test(one_chunk_starts_no_helper),
    };
    return cmocka_run_group_tests(tests, make_text, free_text);
}
