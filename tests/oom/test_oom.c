/* Failure injection: an allocator (installed through the context hooks) fails
 * the Nth allocation; every public operation that allocates is run for
 * N = 1, 2, … until it succeeds. Each failure must be SEG_ERR_OUT_OF_MEMORY,
 * leak nothing, and leave objects usable: finishing the work afterwards gives
 * exactly the result of a run that never failed. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

/* ---- the failing allocator ---- */

typedef struct faults {
    long count;   /* allocations so far while armed */
    long fail_at; /* fail this one (1-based); 0 = never */
    int hit;      /* a failure was injected */
    long live;    /* blocks not yet freed */
} faults;

static faults F;
static pthread_mutex_t F_lock = PTHREAD_MUTEX_INITIALIZER; /* analyses on two threads allocate at once */

static int should_fail(void)
{
    pthread_mutex_lock(&F_lock);
    int fail = F.fail_at && ++F.count == F.fail_at;
    F.hit |= fail;
    pthread_mutex_unlock(&F_lock);
    return fail;
}

static void *t_malloc(size_t size, void *ud)
{
    assert_ptr_equal(ud, &F); /* user data comes last, unchanged */
    if (should_fail())
        return NULL;
    void *p = malloc(size);
    pthread_mutex_lock(&F_lock);
    F.live += p != NULL;
    pthread_mutex_unlock(&F_lock);
    return p;
}

static void *t_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (should_fail())
        return NULL;
    return realloc(ptr, size);
}

static void t_free(void *ptr, void *ud)
{
    (void)ud;
    pthread_mutex_lock(&F_lock);
    F.live -= ptr != NULL;
    pthread_mutex_unlock(&F_lock);
    free(ptr);
}

static seg_context *new_ctx(void)
{
    seg_context *ctx = NULL;
    assert_int_equal(seg_context_new_with_allocator(&ctx, t_malloc, t_realloc, t_free, &F), SEG_OK);
    return ctx;
}

static void arm(long n)
{
    F.count = 0;
    F.fail_at = n;
    F.hit = 0;
}

static void disarm(void)
{
    F.fail_at = 0;
}

/* ---- test data: many customers, string ids and orders, decimal text ---- */

#define N_ROWS 400

typedef struct data {
    char ids[N_ROWS * 8], orders[N_ROWS * 8], amounts[N_ROWS * 12], names[N_ROWS * 16];
    int64_t id_off[N_ROWS + 1], order_off[N_ROWS + 1], amount_off[N_ROWS + 1], name_off[N_ROWS + 1];
    int32_t dates[N_ROWS], ratings[N_ROWS];
    int64_t margins[N_ROWS]; /* 0 in the first half: the cells' extra column appears mid-load */
} data;

static data D;

static void append(char *buf, int64_t *off, int i, const char *text)
{
    size_t len = strlen(text);
    memcpy(buf + off[i], text, len);
    off[i + 1] = off[i] + (int64_t)len;
}

static void make_data(void)
{
    char tmp[32];
    D.id_off[0] = D.order_off[0] = D.amount_off[0] = D.name_off[0] = 0;
    for (int i = 0; i < N_ROWS; i++) {
        snprintf(tmp, sizeof tmp, "c%d", (i * 37) % 150);
        append(D.ids, D.id_off, i, tmp);
        snprintf(tmp, sizeof tmp, "o%d", i / 3);
        append(D.orders, D.order_off, i, tmp);
        snprintf(tmp, sizeof tmp, "%s%d.%02d", i % 11 == 0 ? "-" : "", i * 13 % 977, i % 100);
        append(D.amounts, D.amount_off, i, tmp);
        snprintf(tmp, sizeof tmp, "Name %d", (i * 37) % 150); /* one value per customer: a */
        append(D.names, D.name_off, i, tmp);                   /* load refuses contradictions */
        D.dates[i] = 15000 + (i * 53) % 900;
        D.ratings[i] = (i * 37) % 150 % 6;
        D.margins[i] = i < N_ROWS / 2 ? 0 : (i * 7) % 300 - 50;
    }
}

/* ---- scenarios: each creates what it needs from ctx, frees it all, and
 * returns the first failing status; `finish` asks it to complete the work
 * after a failure and check the outcome against the reference. ---- */

/* A scenario arms the fault (arm(n)) where the operation under test begins. */
typedef seg_status (*scenario_fn)(seg_context *ctx, long n);

/* A fingerprint of a dataset's observable state, to compare runs. */
static uint64_t fingerprint(seg_dataset *ds)
{
    uint64_t h = 1469598103934665603ULL;
    int64_t v;
    for (int k = SEG_STAT_CUSTOMERS; k <= SEG_STAT_NET_AMOUNT; k++) {
        assert_int_equal(seg_dataset_stat(&v, ds, (seg_dataset_stat_key)k), SEG_OK);
        h = (h ^ (uint64_t)v) * 1099511628211ULL;
    }
    seg_result *r = NULL;
    disarm();
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    size_t n = seg_result_rows(r);
    for (int c = SEG_COL_RECENCY_DAYS; c <= SEG_COL_ACTIVE_PERIODS; c++)
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(seg_result_copy_i64(&v, NULL, r, (seg_column)c, i, 1), SEG_OK);
            h = (h ^ (uint64_t)v) * 1099511628211ULL;
        }
    for (size_t i = 0; i < n; i++) {
        const char *s = NULL;
        size_t len = 0;
        int32_t rating = 0;
        assert_int_equal(seg_dataset_get_str(&s, &len, ds, i, SEG_FIELD_NAME), SEG_OK);
        h = (h ^ len) * 1099511628211ULL;
        if (seg_dataset_get_rating(&rating, ds, i, "brand", 5) == SEG_OK)
            h = (h ^ (uint64_t)rating) * 1099511628211ULL;
    }
    seg_result_free(r);
    return h;
}

static seg_batch *txn_batch(seg_context *ctx)
{
    seg_batch *b = NULL;
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, D.ids, D.id_off);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, D.dates);
    seg_batch_bind_str(b, SEG_FIELD_AMOUNT, D.amounts, D.amount_off);
    seg_batch_bind_str(b, SEG_FIELD_ORDER_ID, D.orders, D.order_off);
    seg_batch_bind_i64(b, SEG_FIELD_MARGIN, D.margins);
    return b;
}

static uint64_t reference_load;
static uint64_t reference_customers;

/* Load the whole batch; on a failure check the rows before it are loaded
 * whole, then finish without faults and compare with the reference. */
static seg_status load_transactions(seg_context *ctx, long fail_at)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    seg_batch *b = txn_batch(ctx);
    size_t n = 0;
    arm(fail_at);
    seg_status st = seg_dataset_add_transactions(ds, b, N_ROWS, &n);
    disarm();
    if (st != SEG_OK) {
        int64_t rows;
        assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
        assert_int_equal(seg_context_errcode(ctx), SEG_ERR_OUT_OF_MEMORY);
        assert_int_equal(seg_dataset_stat(&rows, ds, SEG_STAT_TRANSACTIONS), SEG_OK);
        assert_int_equal(rows, (int64_t)n);
        /* finish from the failed row: a sub-batch over the same arrays */
        seg_batch *rest = NULL;
        assert_int_equal(seg_batch_new(&rest, ctx), SEG_OK);
        seg_batch_bind_str(rest, SEG_FIELD_CUSTOMER_ID, D.ids, D.id_off + n);
        seg_batch_bind_i32(rest, SEG_FIELD_DATE, D.dates + n);
        seg_batch_bind_str(rest, SEG_FIELD_AMOUNT, D.amounts, D.amount_off + n);
        seg_batch_bind_str(rest, SEG_FIELD_ORDER_ID, D.orders, D.order_off + n);
        seg_batch_bind_i64(rest, SEG_FIELD_MARGIN, D.margins + n);
        assert_int_equal(seg_dataset_add_transactions(ds, rest, N_ROWS - n, NULL), SEG_OK);
        seg_batch_free(rest);
    }
    uint64_t fp = fingerprint(ds);
    if (!reference_load)
        reference_load = fp;
    assert_true(fp == reference_load);
    seg_batch_free(b);
    seg_dataset_free(ds);
    return st;
}

static seg_status load_customers(seg_context *ctx, long fail_at)
{
    seg_dataset *ds = NULL;
    seg_batch *b = NULL;
    arm(fail_at);
    seg_status st = seg_dataset_new(&ds, ctx);
    if (st == SEG_OK)
        st = seg_batch_new(&b, ctx);
    if (st == SEG_OK)
        st = seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, D.ids, D.id_off);
    if (st == SEG_OK)
        st = seg_batch_bind_str(b, SEG_FIELD_NAME, D.names, D.name_off);
    if (st == SEG_OK)
        st = seg_batch_bind_rating(b, "brand", 5, D.ratings);
    if (st == SEG_OK)
        st = seg_batch_bind_attribute(b, "region", 6, D.names, D.name_off);
    size_t n = 0;
    if (st == SEG_OK) {
        st = seg_dataset_add_customers(ds, b, N_ROWS, &n);
        if (st != SEG_OK) {
            disarm();
            assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
            seg_batch *rest = NULL;
            assert_int_equal(seg_batch_new(&rest, ctx), SEG_OK);
            seg_batch_bind_str(rest, SEG_FIELD_CUSTOMER_ID, D.ids, D.id_off + n);
            seg_batch_bind_str(rest, SEG_FIELD_NAME, D.names, D.name_off + n);
            seg_batch_bind_rating(rest, "brand", 5, D.ratings + n);
            seg_batch_bind_attribute(rest, "region", 6, D.names, D.name_off + n);
            assert_int_equal(seg_dataset_add_customers(ds, rest, N_ROWS - n, NULL), SEG_OK);
            seg_batch_free(rest);
        }
        uint64_t fp = fingerprint(ds);
        if (!reference_customers)
            reference_customers = fp;
        assert_true(fp == reference_customers);
    }
    seg_batch_free(b);
    seg_dataset_free(ds);
    return st;
}

/* One-record calls, each retried after a failure. */
static seg_status one_record_calls(seg_context *ctx, long fail_at)
{
    seg_dataset *ds = NULL;
    arm(fail_at);
    seg_status st = seg_dataset_new(&ds, ctx), first = SEG_OK;
    if (st != SEG_OK)
        return st;
    for (int i = 0; i < 60; i++) {
        char id[16], name[24];
        size_t c = 0;
        int len = snprintf(id, sizeof id, "k%d", i % 40);
        int nlen = snprintf(name, sizeof name, "customer %d", i);
#define RETRY(call)                                                                                \
    do {                                                                                           \
        seg_status s_ = (call);                                                                    \
        if (s_ != SEG_OK) {                                                                        \
            assert_int_equal(s_, SEG_ERR_OUT_OF_MEMORY);                                           \
            if (first == SEG_OK)                                                                   \
                first = s_;                                                                        \
            long keep = F.fail_at;                                                                 \
            disarm();                                                                              \
            assert_int_equal((call), SEG_OK);                                                      \
            F.fail_at = keep;                                                                      \
        }                                                                                          \
    } while (0)
        RETRY(seg_dataset_customer_str(&c, ds, id, (size_t)len));
        RETRY(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, name, (size_t)nlen));
        RETRY(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_DATE, 16000 + i));
        RETRY(seg_dataset_set_rating(ds, c, "brand", 5, i % 5));
        RETRY(seg_dataset_set_attribute(ds, c, "region", 6, name, (size_t)nlen));
        RETRY(seg_dataset_add_transaction(ds, c, 16000 + i * 9, 100 + i, name, (size_t)nlen, NULL, NULL));
#undef RETRY
    }
    int64_t v;
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_TRANSACTIONS), SEG_OK);
    assert_int_equal(v, 60);
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_CUSTOMERS), SEG_OK);
    assert_int_equal(v, 40);
    seg_dataset_free(ds);
    return first;
}

/* ---- analyses and outputs ---- */

/* Output collected in plain memory (not through the failing allocator). */
typedef struct sink {
    char *buf;
    size_t len;
} sink;

static int collect(const void *bytes, size_t len, void *ud)
{
    sink *k = ud;
    k->buf = realloc(k->buf, k->len + len);
    assert_non_null(k->buf);
    memcpy(k->buf + k->len, bytes, len);
    k->len += len;
    return 0;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Every table and summary in both formats, hashed: the observable result. */
static uint64_t result_hash(const seg_result *r)
{
    uint64_t h = 0;
    for (int what = SEG_OUTPUT_TABLE; what <= SEG_OUTPUT_SUMMARY; what++)
        for (int fmt = SEG_FORMAT_CSV; fmt <= SEG_FORMAT_JSON; fmt++) {
            sink k = {NULL, 0};
            assert_int_equal(seg_result_write(r, (seg_output)what, (seg_format)fmt, collect, &k), SEG_OK);
            h = h * 31 + hash_bytes(k.buf, k.len);
            free(k.buf);
        }
    return h;
}

/* Transactions plus leads with lifecycle fields and renew ratings. */
static seg_dataset *full_dataset(seg_context *ctx)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    seg_batch *b = txn_batch(ctx);
    assert_int_equal(seg_dataset_add_transactions(ds, b, N_ROWS, NULL), SEG_OK);
    seg_batch_free(b);
    for (int i = 0; i < 30; i++) {
        char id[16];
        size_t c;
        int len = snprintf(id, sizeof id, "lead%d", i);
        assert_int_equal(seg_dataset_customer_str(&c, ds, id, (size_t)len), SEG_OK);
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_DATE, 15000 + 7 * i), SEG_OK);
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, i % 3 == 0), SEG_OK);
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_COMPETITOR_DEADLINE, 16000 + i), SEG_OK);
        assert_int_equal(seg_dataset_set_rating(ds, c, "brand", 5, 1 + i % 5), SEG_OK);
        assert_int_equal(seg_dataset_set_rating(ds, c, "deal", 4, 1 + i % 4), SEG_OK);
        if (i % 7)
            assert_int_equal(seg_dataset_set_rating(ds, c, "closeness", 9, 1 + i % 3), SEG_OK);
    }
    return ds;
}

/* Parameters that take the other code paths: look-back, R rfm, XYZ by rank
 * over quarters, inclusive ABC by margin, adaptive churn, custom segments. */
static seg_status variant_params(seg_params *p)
{
    seg_status st = SEG_OK;
    const int64_t r_breaks[2] = {30, 90};
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_LOOKBACK_PERIODS, 20);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_RFM_METHOD, SEG_RFM_R_RFM);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_XYZ_BY_RANK, 1);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_XYZ_PERIOD, SEG_PERIOD_QUARTER);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_ABC_BOUNDARY, SEG_ABC_INCLUSIVE);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_FREQUENCY, SEG_FREQUENCY_DAYS);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_MONETARY, SEG_MONETARY_MEAN);
    if (st == SEG_OK) st = seg_params_set_i64(p, SEG_PARAM_CHURN_ADAPTIVE, 1);
    if (st == SEG_OK) st = seg_params_set_i64_array(p, SEG_PARAM_RFM_THRESHOLDS_R, r_breaks, 2);
    if (st == SEG_OK) st = seg_params_segments_clear(p);
    if (st == SEG_OK) st = seg_params_segment_add(p, "Top", 3, 4, 5, 1, 5, 1, 5);
    if (st == SEG_OK) st = seg_params_segment_add(p, "Rest", 4, 1, 3, 1, 5, 1, 5);
    return st;
}

static uint64_t reference_analysis[2];

/* variant 0: defaults; 1: variant_params(); 2: defaults on two threads, which
 * must give the result of one thread (the same reference). */
static seg_status analyze_with(seg_context *ctx, long fail_at, int variant)
{
    int ref = variant == 1;
    seg_dataset *ds = full_dataset(ctx);
    seg_params *p = NULL;
    seg_result *r = NULL;
    arm(fail_at);
    seg_status st = seg_params_new(&p, ctx);
    if (st == SEG_OK && variant == 1)
        st = variant_params(p);
    if (st == SEG_OK && variant == 2)
        st = seg_params_set_i64(p, SEG_PARAM_THREADS, 2);
    if (st == SEG_OK)
        st = seg_analyze(&r, ds, p);
    disarm();
    if (st == SEG_OK) {
        uint64_t h = result_hash(r);
        if (!reference_analysis[ref])
            reference_analysis[ref] = h;
        assert_true(h == reference_analysis[ref]);
    } else {
        size_t c;
        assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
        assert_int_equal(seg_dataset_customer_i64(&c, ds, 1), SEG_OK); /* no result was left alive */
    }
    seg_result_free(r);
    seg_params_free(p);
    seg_dataset_free(ds);
    return st;
}

static seg_status analyze(seg_context *ctx, long fail_at) { return analyze_with(ctx, fail_at, 0); }
static seg_status analyze_variant(seg_context *ctx, long fail_at) { return analyze_with(ctx, fail_at, 1); }
static seg_status analyze_two_threads(seg_context *ctx, long fail_at) { return analyze_with(ctx, fail_at, 2); }

/* Writers, cursors and explanations on a result made without faults. */
static seg_status outputs(seg_context *ctx, long fail_at)
{
    seg_dataset *ds = full_dataset(ctx);
    seg_result *r = NULL;
    seg_cursor *cur = NULL;
    seg_status st = SEG_OK;
    char text[4096];
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    uint64_t want = result_hash(r);
    arm(fail_at);
    for (int what = SEG_OUTPUT_TABLE; what <= SEG_OUTPUT_SUMMARY && st == SEG_OK; what++)
        for (int fmt = SEG_FORMAT_CSV; fmt <= SEG_FORMAT_JSON && st == SEG_OK; fmt++) {
            sink k = {NULL, 0};
            st = seg_result_write(r, (seg_output)what, (seg_format)fmt, collect, &k);
            free(k.buf);
        }
    if (st == SEG_OK)
        st = seg_cursor_new(&cur, r);
    if (st == SEG_OK)
        st = seg_result_explain(text, sizeof text, NULL, r, 3, SEG_ANALYSIS_ALL);
    disarm();
    if (st != SEG_OK)
        assert_int_equal(seg_context_errcode(ctx), SEG_ERR_OUT_OF_MEMORY);
    assert_true(result_hash(r) == want); /* the result is intact */
    seg_cursor_free(cur);
    seg_result_free(r);
    seg_dataset_free(ds);
    return st;
}

/* Partial state: a serialised dataset merged into another, then that one
 * merged in memory into an empty one; a failed step leaves its target as it was. */
static uint64_t reference_merge;

static seg_status merge_states(seg_context *ctx, long fail_at)
{
    seg_dataset *a = full_dataset(ctx), *b = full_dataset(ctx), *c = NULL;
    size_t len = 0;
    assert_int_equal(seg_dataset_new(&c, ctx), SEG_OK);
    assert_int_equal(seg_dataset_serialize(NULL, 0, &len, b), SEG_ERR_BUFFER_TOO_SMALL);
    unsigned char *bytes = malloc(len);
    assert_non_null(bytes);
    assert_int_equal(seg_dataset_serialize(bytes, len, NULL, b), SEG_OK);
    uint64_t before = fingerprint(a);
    arm(fail_at);
    seg_status st = seg_dataset_merge_serialized(a, bytes, len), first = st;
    if (st == SEG_OK)
        st = seg_dataset_merge(c, a);
    disarm();
    if (first != SEG_OK) {
        assert_true(fingerprint(a) == before);
        assert_int_equal(seg_dataset_merge_serialized(a, bytes, len), SEG_OK);
    }
    if (st != SEG_OK) {
        int64_t customers = -1;
        assert_int_equal(seg_dataset_stat(&customers, c, SEG_STAT_CUSTOMERS), SEG_OK);
        assert_int_equal(customers, 0);
        assert_int_equal(seg_dataset_merge(c, a), SEG_OK);
    }
    uint64_t h = fingerprint(c);
    if (!reference_merge)
        reference_merge = h;
    assert_true(h == reference_merge && h == fingerprint(a));
    free(bytes);
    seg_dataset_free(a);
    seg_dataset_free(b);
    seg_dataset_free(c);
    return st;
}

/* Run `fn` with the Nth allocation failing, N = 1, 2, … until it succeeds. */
static void exhaust(scenario_fn fn, const char *name)
{
    long n;
    for (n = 1; n < 100000; n++) {
        seg_context *ctx = new_ctx();
        seg_status st = fn(ctx, n);
        int hit = F.hit;
        disarm();
        seg_context_free(ctx);
        assert_int_equal(F.live, 0);
        if (!hit) {
            assert_int_equal(st, SEG_OK);
            break;
        }
        assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
    }
    printf("[ oom      ] %s: %ld allocation points failed and recovered\n", name, n - 1);
    assert_true(n > 1);
}

/* ---- CSV: transactions (lenient, with bad rows) and customers ---- */

#define CSV_ROWS 300        /* one chunk */
#define CSV_ROWS_PIPE 40000 /* chunks in flight on two threads, and a window slide (over 1 MiB) */
#define CSV_CAP (CSV_ROWS_PIPE * 96 + 256)

/* Header and rows [first, CSV_ROWS): quoted ids with doubled quotes,
 * Cyrillic, two date shapes, decimal comma with no-break spaces, and every
 * 37th amount bad, so that the arena and the report's errors grow too. */
static size_t csv_text(char *buf, size_t first, size_t rows)
{
    size_t n = (size_t)snprintf(buf, CSV_CAP, "Клиент;Дата;Сумма;Номер\n");
    for (size_t i = first; i < rows; i++) {
        const char *amount = i % 37 == 5 ? "x" : "1\xc2\xa0" "234,5";
        if (i % 3 == 0)
            n += (size_t)snprintf(buf + n, CSV_CAP - n, "\"Ф \"\"%zu\"\"\";%02zu.%02zu.2023;%s;Д%zu\n", i % 70,
                                  1 + i % 28, 1 + i % 12, amount, i / 2);
        else
            n += (size_t)snprintf(buf + n, CSV_CAP - n, "К%zu;2024-%02zu-%02zu;%s%zu,%02zu;Д%zu\n", i % 90,
                                  1 + i % 12, 1 + i % 28, i % 10 ? "" : "-", i % 500, i % 100, i / 2);
    }
    return n;
}

typedef struct csv_feed {
    const char *text;
    size_t len, at;
} csv_feed;

static int csv_feed_read(void *buf, size_t cap, size_t *got, void *ud)
{
    csv_feed *fd = ud;
    size_t n = fd->len - fd->at < cap ? fd->len - fd->at : cap;
    memcpy(buf, fd->text + fd->at, n);
    fd->at += n;
    *got = n;
    return 0;
}

static char csv_buf[CSV_CAP];
static uint64_t reference_csv[2], reference_csv_customers;

/* Load the CSV text through a read callback; on a failure the rows the
 * report counts as read are done (loaded whole or rejected), so loading
 * the rest must give exactly the result of a run that never failed. */
static seg_status load_csv_with(seg_context *ctx, long fail_at, int threads)
{
    seg_dataset *ds = NULL;
    seg_csv_options *o = NULL;
    seg_load_report *r = NULL;
    int64_t read = 0, loaded = 0, rows = 0;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_new(&o, ctx), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(o, SEG_CSV_STRICT, 0), SEG_OK);
    assert_int_equal(seg_csv_options_set_i64(o, SEG_CSV_THREADS, threads), SEG_OK);
    assert_int_equal(seg_load_report_new(&r, ctx), SEG_OK);
    size_t nrows = threads > 1 ? CSV_ROWS_PIPE : CSV_ROWS;
    csv_feed fd = {csv_buf, csv_text(csv_buf, 0, nrows), 0};
    arm(fail_at);
    seg_status st = seg_dataset_load_csv_stream(r, ds, SEG_RECORDS_TRANSACTIONS, o, csv_feed_read, &fd);
    disarm();
    if (st != SEG_OK) {
        assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
        assert_int_equal(seg_load_report_stat(&read, r, SEG_LOAD_ROWS_READ), SEG_OK);
        assert_int_equal(seg_load_report_stat(&loaded, r, SEG_LOAD_ROWS_LOADED), SEG_OK);
        assert_int_equal(seg_dataset_stat(&rows, ds, SEG_STAT_TRANSACTIONS), SEG_OK);
        assert_int_equal(rows, loaded); /* nothing half-loaded */
        fd = (csv_feed){csv_buf, csv_text(csv_buf, (size_t)read, nrows), 0};
        assert_int_equal(seg_dataset_load_csv_stream(r, ds, SEG_RECORDS_TRANSACTIONS, o, csv_feed_read, &fd), SEG_OK);
    }
    uint64_t fp = fingerprint(ds);
    if (!reference_csv[threads > 1])
        reference_csv[threads > 1] = fp;
    assert_true(fp == reference_csv[threads > 1]);
    seg_load_report_free(r);
    seg_csv_options_free(o);
    seg_dataset_free(ds);
    return st;
}

static seg_status load_csv(seg_context *ctx, long fail_at) { return load_csv_with(ctx, fail_at, 1); }

/* The same with a helper thread committing chunks: allocations still never
 * overlap (the counter here is not atomic), and every point recovers. */
static seg_status load_csv_two_threads(seg_context *ctx, long fail_at) { return load_csv_with(ctx, fail_at, 2); }

static const char csv_customers[] =
    "id,name,status,lead_date,brand,deal,Region,attr:manager\n"
    "c1,\"Acme, Inc\",current,2023-01-10,4,5,North,Anna\n"
    "c2,Бета,refused,01.05.2023,2,,South,Борис\n"
    "c3,\"Gamma \"\"G\"\"\",churned,,,1,,Vera\n"
    "c1,\"Acme, Inc\",current,,4,,,\n"; /* declared again, contradicting nothing */

/* Customers are upserts: after a failure, loading the whole file again
 * gives exactly the reference. */
static seg_status load_csv_customers(seg_context *ctx, long fail_at)
{
    seg_dataset *ds = NULL;
    seg_load_report *r = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    arm(fail_at);
    seg_status st = seg_load_report_new(&r, ctx);
    if (st == SEG_OK)
        st = seg_dataset_load_csv_buffer(r, ds, SEG_RECORDS_CUSTOMERS, NULL, csv_customers, sizeof csv_customers - 1);
    disarm();
    if (st != SEG_OK) {
        assert_int_equal(st, SEG_ERR_OUT_OF_MEMORY);
        assert_int_equal(seg_dataset_load_csv_buffer(r, ds, SEG_RECORDS_CUSTOMERS, NULL, csv_customers,
                                                     sizeof csv_customers - 1), SEG_OK);
    }
    uint64_t fp = fingerprint(ds);
    if (!reference_csv_customers)
        reference_csv_customers = fp;
    assert_true(fp == reference_csv_customers);
    seg_load_report_free(r);
    seg_dataset_free(ds);
    return st;
}

/* Options and their mappings, each call retried after a failure. */
static seg_status csv_options(seg_context *ctx, long fail_at)
{
    seg_csv_options *o = NULL;
    char role[32];
    arm(fail_at);
    seg_status st = seg_csv_options_new(&o, ctx), first = SEG_OK;
    if (st != SEG_OK)
        return st;
    for (int i = 0; i < 40; i++) {
        int n = snprintf(role, sizeof role, "attr:a%d", i);
        seg_status s = seg_csv_options_map(o, role, (size_t)n, "header", 6);
        if (s != SEG_OK) {
            assert_int_equal(s, SEG_ERR_OUT_OF_MEMORY);
            first = first ? first : s;
            long keep = F.fail_at;
            disarm();
            assert_int_equal(seg_csv_options_map(o, role, (size_t)n, "header", 6), SEG_OK);
            F.fail_at = keep;
        }
    }
    disarm();
    seg_csv_options_free(o);
    return first;
}

static void csv_transactions(void **state) { (void)state; exhaust(load_csv, "CSV transactions (stream)"); }
static void csv_transactions_two_threads(void **state)
{
    (void)state;
    exhaust(load_csv_two_threads, "CSV transactions (stream, two threads)");
}
static void csv_customers_file(void **state) { (void)state; exhaust(load_csv_customers, "CSV customers"); }
static void csv_options_and_mappings(void **state) { (void)state; exhaust(csv_options, "CSV options and mappings"); }

static void context_creation(void **state)
{
    (void)state;
    seg_context *ctx = NULL;
    arm(1);
    assert_int_equal(seg_context_new_with_allocator(&ctx, t_malloc, t_realloc, t_free, &F), SEG_ERR_OUT_OF_MEMORY);
    assert_null(ctx);
    disarm();
    assert_int_equal(F.live, 0);
}

static void constructors(void **state)
{
    (void)state;
    seg_context *ctx = new_ctx();
    seg_dataset *ds = NULL;
    seg_params *p = NULL;
    seg_batch *b = NULL;
    arm(1);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_ERR_OUT_OF_MEMORY);
    arm(1);
    assert_int_equal(seg_params_new(&p, ctx), SEG_ERR_OUT_OF_MEMORY);
    arm(1);
    assert_int_equal(seg_batch_new(&b, ctx), SEG_ERR_OUT_OF_MEMORY);
    assert_non_null(strstr(seg_context_errmsg(ctx), "out of memory"));
    disarm();
    assert_null(ds);
    assert_null(p);
    assert_null(b);
    seg_context_free(ctx);
    assert_int_equal(F.live, 0);
}

static void transactions_batch(void **state) { (void)state; exhaust(load_transactions, "transactions batch"); }
static void customers_batch(void **state) { (void)state; exhaust(load_customers, "customers batch"); }
static void one_record(void **state) { (void)state; exhaust(one_record_calls, "one-record calls"); }
static void analysis(void **state) { (void)state; exhaust(analyze, "params + analyze (defaults)"); }
static void analysis_variant(void **state) { (void)state; exhaust(analyze_variant, "params + analyze (other paths)"); }
static void analysis_two_threads(void **state) { (void)state; exhaust(analyze_two_threads, "params + analyze (2 threads)"); }
static void writers(void **state) { (void)state; exhaust(outputs, "writers, cursor, explain"); }
static void partial_state(void **state) { (void)state; exhaust(merge_states, "serialise + merge"); }

int main(void)
{
    make_data();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(context_creation),
        cmocka_unit_test(constructors),
        cmocka_unit_test(transactions_batch),
        cmocka_unit_test(customers_batch),
        cmocka_unit_test(one_record),
        cmocka_unit_test(analysis),
        cmocka_unit_test(analysis_variant),
        cmocka_unit_test(analysis_two_threads), /* after analysis: it checks against its reference */
        cmocka_unit_test(writers),
        cmocka_unit_test(partial_state),
        cmocka_unit_test(csv_transactions),
        cmocka_unit_test(csv_transactions_two_threads),
        cmocka_unit_test(csv_customers_file),
        cmocka_unit_test(csv_options_and_mappings),
    };
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}
