/* Ten million distinct customers with one row each, streamed from a generator
 * (never written to disk): every row loaded and every customer analysed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

#define CUSTOMERS 10000000L

typedef struct gen {
    long next, n;
    char line[64];
    size_t len, pos;
    int header;
} gen;

/* Row i: customer C<i>, a date in 2024, an amount; row 0 is the header. */
static void next_line(gen *g)
{
    long i = g->next++;
    if (!g->header) {
        g->len = (size_t)snprintf(g->line, sizeof g->line, "customer,date,amount\n");
        g->header = 1;
        g->next = 0;
        return;
    }
    g->len = (size_t)snprintf(g->line, sizeof g->line, "C%ld,2024-%02ld-%02ld,%ld.%02ld\n", i, 1 + i % 12,
                              1 + i % 28, 1 + i % 5000, i % 100);
}

static int gen_read(void *buf, size_t cap, size_t *got, void *user_data)
{
    gen *g = user_data;
    char *b = buf;
    size_t out = 0;
    while (out < cap) {
        if (g->pos == g->len) {
            if (g->header && g->next >= g->n)
                break;
            next_line(g);
            g->pos = 0;
        }
        size_t k = g->len - g->pos < cap - out ? g->len - g->pos : cap - out;
        memcpy(b + out, g->line + g->pos, k);
        out += k;
        g->pos += k;
    }
    *got = out;
    return 0;
}

static int64_t stat(const seg_dataset *ds, seg_dataset_stat_key key)
{
    int64_t v = -1;
    assert_int_equal(seg_dataset_stat(&v, ds, key), SEG_OK);
    return v;
}

static void ten_million_customers(void **state)
{
    (void)state;
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_load_report *rep = NULL;
    seg_result *r = NULL;
    gen g = {0, CUSTOMERS, {0}, 0, 0, 0};
    int64_t loaded = 0, read = 0, abc = 0, n = 0;
    assert_int_equal(seg_context_new(&ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_load_report_new(&rep, ctx), SEG_OK);
    assert_int_equal(seg_dataset_load_csv_stream(rep, ds, SEG_RECORDS_TRANSACTIONS, NULL, gen_read, &g), SEG_OK);
    assert_int_equal(seg_load_report_stat(&loaded, rep, SEG_LOAD_ROWS_LOADED), SEG_OK);
    assert_int_equal(seg_load_report_stat(&read, rep, SEG_LOAD_ROWS_READ), SEG_OK);
    assert_int_equal(loaded, CUSTOMERS);
    assert_int_equal(read, CUSTOMERS);
    assert_int_equal(stat(ds, SEG_STAT_CUSTOMERS), CUSTOMERS);
    assert_int_equal(stat(ds, SEG_STAT_TRANSACTIONS), CUSTOMERS);
    printf("[ stress   ] %ld customers loaded, dataset %lld MB\n", CUSTOMERS,
           (long long)(stat(ds, SEG_STAT_MEMORY_BYTES) >> 20));
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    assert_int_equal(seg_result_rows(r), (size_t)CUSTOMERS);
    for (int64_t cls = 1; cls <= 3; cls++) {
        assert_int_equal(seg_result_class_summary(&n, NULL, NULL, NULL, r, SEG_COL_ABC, cls), SEG_OK);
        abc += n;
    }
    assert_int_equal(abc, CUSTOMERS); /* every buyer has an ABC class */
    size_t last = 0;
    assert_int_equal(seg_dataset_find_str(&last, ds, "C9999999", 8), SEG_OK);
    assert_int_equal(last, CUSTOMERS - 1);
    seg_result_free(r);
    seg_load_report_free(rep);
    seg_dataset_free(ds);
    seg_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(ten_million_customers)};
    return cmocka_run_group_tests_name("stress", tests, NULL, NULL);
}
