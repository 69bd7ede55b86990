/* CSV load throughput on one core: a generated CSV of order lines (default
 * 128 MB) is (a) tokenized and parsed only (SEG_CSV_VALIDATE_ONLY) and (b)
 * loaded into a dataset through the fold, from memory; best of 3 runs.
 * Usage: bench_csv [megabytes] [customers], or bench_csv --file PATH [scale]. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libsegment/segment.h>

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

/* Order lines: customer, date, order, amount, quantity, margin; about 60 bytes a row. */
static char *generate(size_t bytes, long customers, size_t *len, size_t *rows)
{
    char *text = malloc(bytes + 256);
    uint64_t seed = 88172645463325252ULL;
    size_t n = (size_t)sprintf(text, "customer_id,order_date,order_id,amount,quantity,margin\n"), r = 0;
    if (!text)
        return NULL;
    for (; n < bytes; r++) {
        long c = (long)((r / 3 * 2654435761u) % (uint64_t)customers);
        int day = (int)(r * 1461 / 2000000 % 1461);
        int y = 2021 + day / 365, m = 1 + day % 365 / 31, d = 1 + day % 31 % 28;
        uint64_t cents = next(&seed) % 500000;
        n += (size_t)sprintf(text + n, "C%07ld,%04d-%02d-%02d,SO-%08zu,%s%llu.%02llu,%llu,%llu.%02llu\n", c, y, m, d,
                             r / 3, next(&seed) % 20 ? "" : "-", (unsigned long long)(cents / 100),
                             (unsigned long long)(cents % 100), (unsigned long long)(1 + next(&seed) % 9),
                             (unsigned long long)(cents / 900), (unsigned long long)(cents % 100));
    }
    *len = n;
    *rows = r;
    return text;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = size > 0 ? malloc((size_t)size) : NULL;
    *len = text ? fread(text, 1, (size_t)size, f) : 0;
    fclose(f);
    return text;
}

/* One load from memory; returns seconds, or a negative number on failure. */
static double load_once(const char *text, size_t len, int validate_only, int scale, int64_t *loaded)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_csv_options *o = NULL;
    seg_load_report *r = NULL;
    if (seg_context_new(&ctx) || seg_dataset_new(&ds, ctx) || seg_csv_options_new(&o, ctx) ||
        seg_load_report_new(&r, ctx) || seg_dataset_set_option(ds, SEG_DATASET_SCALE, scale))
        return -1;
    seg_csv_options_set_i64(o, SEG_CSV_VALIDATE_ONLY, validate_only);
    seg_csv_options_set_i64(o, SEG_CSV_STRICT, 0);
    double t0 = now();
    seg_status st = seg_dataset_load_csv_buffer(r, ds, SEG_RECORDS_TRANSACTIONS, o, text, len);
    double spent = now() - t0;
    if (st != SEG_OK)
        fprintf(stderr, "load: %s\n", seg_context_errmsg(ctx));
    seg_load_report_stat(loaded, r, SEG_LOAD_ROWS_LOADED);
    seg_load_report_free(r);
    seg_csv_options_free(o);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return st == SEG_OK ? spent : -1;
}

static int measure(const char *what, const char *text, size_t len, size_t rows, int validate_only, int scale)
{
    double best = 1e30;
    int64_t loaded = 0;
    for (int i = 0; i < 3; i++) {
        double t = load_once(text, len, validate_only, scale, &loaded);
        if (t < 0)
            return 1;
        best = t < best ? t : best;
    }
    printf("%-34s %8.1f MB/s %8.2f M rows/s  (%zu bytes, %zu rows, %lld loaded, best of 3: %.3f s)\n", what,
           (double)len / best / 1e6, (double)rows / best / 1e6, len, rows, (long long)loaded, best);
    return 0;
}

int main(int argc, char **argv)
{
    size_t len = 0, rows = 0;
    int scale = 2;
    char *text;
    if (argc > 2 && strcmp(argv[1], "--file") == 0) {
        text = read_file(argv[2], &len);
        scale = argc > 3 ? atoi(argv[3]) : 2;
        for (size_t i = 0; text && i < len; i++)
            rows += text[i] == '\n';
        rows -= rows > 0; /* the header */
    } else {
        size_t mb = argc > 1 ? strtoull(argv[1], NULL, 10) : 128;
        long customers = argc > 2 ? atol(argv[2]) : 100000;
        text = generate(mb * 1000000, customers, &len, &rows);
    }
    if (!text) {
        fprintf(stderr, "no input\n");
        return 1;
    }
    printf("libsegment %s, one core, CSV from memory (MB = 10^6 bytes)\n", seg_version_string());
    int rc = measure("(a) tokenize + parse (validate-only)", text, len, rows, 1, scale) ||
             measure("(b) full load into a dataset", text, len, rows, 0, scale);
    free(text);
    return rc;
}
