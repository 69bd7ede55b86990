/* Load throughput of the bulk API: synthetic order lines (string or int ids,
 * string order ids, several lines per order) folded in batches; prints rows/s
 * and the dataset's bytes per customer. Usage: bench_load [rows] [customers]. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libsegment/segment.h>

#define BATCH 65536

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

typedef struct columns {
    char ids[BATCH * 12], orders[BATCH * 12];
    int64_t id_off[BATCH + 1], order_off[BATCH + 1], int_ids[BATCH], amount[BATCH];
    int32_t date[BATCH];
} columns;

/* Rows [first, first + n): lines of orders, three lines per order on average. */
static void fill(columns *c, size_t first, size_t n, long customers, uint64_t *seed)
{
    c->id_off[0] = c->order_off[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t row = first + i;
        long cust = (long)((row / 3 * 2654435761u) % (uint64_t)customers);
        c->int_ids[i] = cust;
        c->id_off[i + 1] = c->id_off[i] + sprintf(c->ids + c->id_off[i], "C%07ld", cust);
        c->order_off[i + 1] = c->order_off[i] + sprintf(c->orders + c->order_off[i], "%zu", row / 3);
        c->amount[i] = (int64_t)(next(seed) % 200000) - (next(seed) % 20 == 0 ? 250000 : 0);
        c->date[i] = 14944 + (int32_t)(row * 400 / 10000000 % 4000);
    }
}

static int run(size_t rows, long customers, int string_ids)
{
    static columns c;
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_batch *b = NULL;
    uint64_t seed = 88172645463325252ULL;
    double spent = 0;
    if (seg_context_new(&ctx) || seg_dataset_new(&ds, ctx) || seg_batch_new(&b, ctx))
        return 1;
    if (string_ids)
        seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, c.ids, c.id_off);
    else
        seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, c.int_ids);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, c.date);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, c.amount);
    seg_batch_bind_str(b, SEG_FIELD_ORDER_ID, c.orders, c.order_off);
    for (size_t first = 0; first < rows; first += BATCH) {
        size_t n = rows - first < BATCH ? rows - first : BATCH;
        fill(&c, first, n, customers, &seed);
        double t0 = now();
        if (seg_dataset_add_transactions(ds, b, n, NULL) != SEG_OK) {
            fprintf(stderr, "load: %s\n", seg_context_errmsg(ctx));
            return 1;
        }
        spent += now() - t0;
    }
    int64_t ncust, bytes, orders, cells;
    seg_dataset_stat(&ncust, ds, SEG_STAT_CUSTOMERS);
    seg_dataset_stat(&bytes, ds, SEG_STAT_MEMORY_BYTES);
    seg_dataset_stat(&orders, ds, SEG_STAT_ORDERS);
    seg_dataset_stat(&cells, ds, SEG_STAT_PERIOD_CELLS);
    printf("%-6s ids: %zu rows, %lld customers, %lld orders, %lld period cells: %.2f s, "
           "%.2f M rows/s, %lld bytes held = %.0f bytes/customer\n",
           string_ids ? "string" : "int", rows, (long long)ncust, (long long)orders, (long long)cells,
           spent, (double)rows / spent / 1e6, (long long)bytes, (double)bytes / (double)ncust);
    seg_batch_free(b);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    size_t rows = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
    long customers = argc > 2 ? atol(argv[2]) : 100000;
    return run(rows, customers, 1) || run(rows, customers, 0);
}
