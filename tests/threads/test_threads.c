/* Concurrency as documented: threads analysing separate datasets in separate
 * contexts, and threads reading one shared result; run also under TSan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include <libsegment/segment.h>

#define THREADS 4
#define ROWS 40000

/* Deterministic rows: customer, date, amount, order. */
static size_t make_csv(char *buf, size_t cap)
{
    size_t pos = (size_t)snprintf(buf, cap, "customer,date,amount,order\n");
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < ROWS; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        pos += (size_t)snprintf(buf + pos, cap - pos, "C%llu,2024-%02u-%02u,%s%llu.%02u,o%zu\n",
                                (unsigned long long)(x % 700), (unsigned)(1 + x % 12), (unsigned)(1 + x % 28),
                                x % 13 ? "" : "-", (unsigned long long)(x % 9000), (unsigned)(x % 100), i / 3);
    }
    return pos;
}

static char csv[ROWS * 48];
static size_t csv_len;

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

/* Everything a reader may read concurrently, hashed; 0 on any failed call. */
static uint64_t read_all(const seg_result *r)
{
    uint64_t h = 1469598103934665603ULL;
    size_t n = seg_result_rows(r);
    int64_t *v = malloc((n + 1) * sizeof *v);
    uint8_t *ok = malloc(n + 1);
    char text[4096];
    if (!v || !ok)
        return 0;
    for (int col = 0; col < 100; col++) {
        seg_param_type type;
        if (seg_result_column_type(&type, (seg_column)col) != SEG_OK)
            continue;
        seg_status st = type == SEG_TYPE_F64 ? seg_result_copy_f64((double *)v, ok, r, (seg_column)col, 0, n)
                                             : seg_result_copy_i64(v, ok, r, (seg_column)col, 0, n);
        if (st != SEG_OK)
            return 0;
        h = fnv(fnv(h, v, n * sizeof *v), ok, n);
    }
    for (int key = SEG_SUM_CUSTOMERS; key <= SEG_SUM_PARETO_TOP_COUNT; key++) {
        int64_t s = 0;
        if (seg_result_summary_i64(&s, r, (seg_summary)key) == SEG_OK)
            h = fnv(h, &s, sizeof s);
    }
    for (int64_t cls = 1; cls <= 3; cls++) {
        int64_t count = 0;
        if (seg_result_class_summary(&count, NULL, NULL, NULL, r, SEG_COL_ABC, cls) != SEG_OK)
            return 0;
        h = fnv(h, &count, sizeof count);
    }
    for (size_t c = 0; c < n; c += 97) {
        size_t needed = 0;
        if (seg_result_explain(text, sizeof text, &needed, r, c, SEG_ANALYSIS_ALL) != SEG_OK)
            return 0;
        h = fnv(h, text, strlen(text));
        seg_id_kind kind;
        const char *id = NULL;
        size_t len = 0, found = 0;
        if (seg_dataset_customer_id(&kind, NULL, &id, &len, seg_result_dataset(r), c) != SEG_OK ||
            seg_dataset_find_str(&found, seg_result_dataset(r), id, len) != SEG_OK || found != c)
            return 0;
    }
    int64_t window = 0, customers = 0;
    if (seg_params_get_i64(&window, seg_result_params(r), SEG_PARAM_XYZ_PERIOD) != SEG_OK ||
        seg_dataset_stat(&customers, seg_result_dataset(r), SEG_STAT_CUSTOMERS) != SEG_OK)
        return 0;
    h = fnv(fnv(h, &window, sizeof window), &customers, sizeof customers);
    for (size_t p = 0; p < seg_result_period_count(r); p++) {
        int64_t buyers = 0;
        if (seg_result_period_i64(&buyers, r, p, SEG_PSTAT_BUYERS) != SEG_OK)
            return 0;
        h = fnv(h, &buyers, sizeof buyers);
    }
    free(v);
    free(ok);
    return h;
}

static void *reader(void *arg)
{
    const seg_result *r = *(const seg_result **)arg;
    uint64_t h = 0;
    for (int round = 0; round < 5; round++)
        h = read_all(r);
    uint64_t *slot = malloc(sizeof *slot);
    if (slot)
        *slot = h;
    return slot;
}

/* Load, analyse (with `threads` workers) and hash, all in a private context. */
static uint64_t analyse_alone(int threads)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_params *p = NULL;
    seg_result *r = NULL;
    uint64_t h = 0;
    if (seg_context_new(&ctx) == SEG_OK && seg_dataset_new(&ds, ctx) == SEG_OK &&
        seg_dataset_load_csv_buffer(NULL, ds, SEG_RECORDS_TRANSACTIONS, NULL, csv, csv_len) == SEG_OK &&
        seg_params_new(&p, ctx) == SEG_OK && seg_params_set_i64(p, SEG_PARAM_THREADS, threads) == SEG_OK &&
        seg_analyze(&r, ds, p) == SEG_OK)
        h = read_all(r);
    seg_result_free(r);
    seg_params_free(p);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return h;
}

static void *analyser(void *arg)
{
    uint64_t *slot = malloc(sizeof *slot);
    if (slot)
        *slot = analyse_alone((int)(intptr_t)arg);
    return slot;
}

static uint64_t join(pthread_t t)
{
    void *ret = NULL;
    assert_int_equal(pthread_join(t, &ret), 0);
    assert_non_null(ret);
    uint64_t h = *(uint64_t *)ret;
    free(ret);
    return h;
}

static void separate_contexts_in_parallel(void **state)
{
    (void)state;
    uint64_t want = analyse_alone(1);
    assert_true(want != 0);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) /* half of them with two workers each */
        assert_int_equal(pthread_create(&t[i], NULL, analyser, (void *)(intptr_t)(1 + i % 2)), 0);
    for (int i = 0; i < THREADS; i++)
        assert_true(join(t[i]) == want);
}

static void one_result_many_readers(void **state)
{
    (void)state;
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    assert_int_equal(seg_context_new(&ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_load_csv_buffer(NULL, ds, SEG_RECORDS_TRANSACTIONS, NULL, csv, csv_len), SEG_OK);
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    uint64_t want = read_all(r);
    assert_true(want != 0);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, reader, &r), 0);
    for (int i = 0; i < THREADS; i++)
        assert_true(join(t[i]) == want);
    seg_result_free(r);
    seg_dataset_free(ds);
    seg_context_free(ctx);
}

int main(void)
{
    csv_len = make_csv(csv, sizeof csv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(separate_contexts_in_parallel),
        cmocka_unit_test(one_result_many_readers),
    };
    return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
