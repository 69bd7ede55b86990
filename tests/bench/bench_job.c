/* libsegment's side of the DuckDB comparison: one job (load, analyse, write
 * the per-customer CSV) timed by phase, printed as one JSON line. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <libsegment/segment.h>

/* Usage:
 *   bench_job csv FILE OUT THREADS   load FILE, analyse, write OUT
 *   bench_job mem FILE THREADS       pre-parse FILE into columns (untimed),
 *                                    then time the bulk load and the analysis
 *   bench_job stream THREADS         load CSV from standard input, analyse
 * The job: RFM by NTILE(5), ABC 80/95 by revenue, XYZ over 12 months with CV
 * bounds 10 %/25 %, Pareto top 20 %, lifecycle with a 180-day horizon. */

typedef struct timing {
    double load, analysis, write, e2e;     /* wall seconds */
    double cload, canalysis, cwrite, ce2e; /* CPU seconds of the process, all threads */
} timing;

typedef struct columns {
    char *ids;
    int64_t *id_off, *order, *amount;
    int32_t *date;
    size_t n;
} columns;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(seg_context *ctx, const char *what)
{
    fprintf(stderr, "bench_job: %s: %s\n", what, seg_context_errmsg(ctx));
    return 1;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static seg_params *job_params(seg_context *ctx, int threads)
{
    seg_params *p = NULL;
    if (seg_params_new(&p, ctx))
        return NULL;
    int bad = seg_params_set_i64(p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_RFM | SEG_ANALYSIS_ABC |
                                 SEG_ANALYSIS_XYZ | SEG_ANALYSIS_PARETO | SEG_ANALYSIS_LIFECYCLE) ||
              seg_params_set_i64(p, SEG_PARAM_THREADS, threads) ||
              seg_params_set_i64(p, SEG_PARAM_RFM_METHOD, SEG_RFM_NTILE) ||
              seg_params_set_f64(p, SEG_PARAM_ABC_A, 0.80) || seg_params_set_f64(p, SEG_PARAM_ABC_B, 0.95) ||
              seg_params_set_i64(p, SEG_PARAM_XYZ_WINDOW, 12) || seg_params_set_f64(p, SEG_PARAM_XYZ_X, 0.10) ||
              seg_params_set_f64(p, SEG_PARAM_XYZ_Y, 0.25) || seg_params_set_f64(p, SEG_PARAM_PARETO_TOP, 0.20) ||
              seg_params_set_i64(p, SEG_PARAM_CHURN_DAYS, 180);
    if (bad) {
        seg_params_free(p);
        return NULL;
    }
    return p;
}

static void report(const char *mode, const timing *t, const seg_dataset *ds, const seg_result *r)
{
    int64_t rows = 0, customers = 0, bytes = 0, orders = 0, cells = 0;
    double top = 0;
    seg_dataset_stat(&orders, ds, SEG_STAT_ORDERS);
    seg_dataset_stat(&cells, ds, SEG_STAT_PERIOD_CELLS);
    seg_dataset_stat(&rows, ds, SEG_STAT_TRANSACTIONS);
    seg_dataset_stat(&customers, ds, SEG_STAT_CUSTOMERS);
    seg_dataset_stat(&bytes, ds, SEG_STAT_MEMORY_BYTES);
    seg_result_summary_f64(&top, r, SEG_SUM_PARETO_TOP_SHARE);
    printf("{\"mode\":\"%s\",\"load\":%.6f,\"analysis\":%.6f,\"write\":%.6f,\"e2e\":%.6f,"
           "\"cpu_load\":%.6f,\"cpu_analysis\":%.6f,\"cpu_write\":%.6f,\"cpu_e2e\":%.6f,"
           "\"rows\":%lld,\"customers\":%lld,\"orders\":%lld,\"cells\":%lld,\"dataset_bytes\":%lld,\"pareto_top_share\":%.12f,"
           "\"peak_rss_kib\":%ld}\n",
           mode, t->load, t->analysis, t->write, t->e2e, t->cload, t->canalysis, t->cwrite, t->ce2e,
           (long long)rows, (long long)customers, (long long)orders, (long long)cells,
           (long long)bytes, top, peak_rss_kib());
}

static int analyse(seg_result **r, seg_dataset *ds, seg_context *ctx, int threads, timing *t)
{
    seg_params *p = job_params(ctx, threads);
    if (!p)
        return fail(ctx, "parameters");
    double t0 = now(), c0 = cpu_now();
    seg_status s = seg_analyze(r, ds, p);
    t->analysis = now() - t0;
    t->canalysis = cpu_now() - c0;
    seg_params_free(p);
    return s ? fail(ctx, "analysis") : 0;
}

static int read_stdin(void *buf, size_t cap, size_t *got, void *user_data)
{
    *got = fread(buf, 1, cap, (FILE *)user_data);
    return ferror((FILE *)user_data) ? 1 : 0;
}

/* CSV options with SEG_CSV_THREADS = threads, or NULL after a failure. */
static seg_csv_options *csv_options(seg_context *ctx, int threads)
{
    seg_csv_options *o = NULL;
    if (seg_csv_options_new(&o, ctx))
        return NULL;
    if (seg_csv_options_set_i64(o, SEG_CSV_THREADS, threads)) {
        seg_csv_options_free(o);
        return NULL;
    }
    return o;
}

/* Load a CSV file or stdin (in == NULL) with `threads` threads. */
static int load_csv(seg_context *ctx, seg_dataset *ds, const char *in, int threads)
{
    seg_csv_options *o = csv_options(ctx, threads);
    if (!o)
        return fail(ctx, "CSV options");
    seg_status s = in ? seg_dataset_load_csv_path(NULL, ds, SEG_RECORDS_TRANSACTIONS, o, in, strlen(in))
                      : seg_dataset_load_csv_stream(NULL, ds, SEG_RECORDS_TRANSACTIONS, o, read_stdin, stdin);
    seg_csv_options_free(o);
    return s ? fail(ctx, in ? in : "<stdin>") : 0;
}

static int job_csv(seg_context *ctx, seg_dataset *ds, const char *in, const char *out, int threads)
{
    timing t = {0};
    seg_result *r = NULL;
    double t0 = now(), c0 = cpu_now();
    if (load_csv(ctx, ds, in, threads))
        return 1;
    t.load = now() - t0;
    t.cload = cpu_now() - c0;
    if (analyse(&r, ds, ctx, threads, &t))
        return 1;
    double t1 = now(), c1 = cpu_now();
    if (seg_result_write_file(r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, out, strlen(out)))
        return fail(ctx, out);
    t.write = now() - t1;
    t.cwrite = cpu_now() - c1;
    t.e2e = now() - t0;
    t.ce2e = cpu_now() - c0;
    report("csv", &t, ds, r);
    seg_result_free(r);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END))
        return NULL;
    long size = ftell(f);
    char *buf = malloc((size_t)size + 1);
    rewind(f);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))) != NULL; p++)
        n++;
    return n;
}

/* One `customer_id,date,order_id,amount` line of gen_orders into row i. */
static int parse_line(columns *c, size_t i, const char *p, const char *end, seg_context *ctx)
{
    const char *f[4];
    size_t flen[4];
    for (int k = 0; k < 4; k++) {
        const char *stop = memchr(p, k < 3 ? ',' : '\n', (size_t)(end - p));
        if (!stop)
            stop = end;
        f[k] = p;
        flen[k] = (size_t)(stop - p);
        p = stop + 1;
    }
    memcpy(c->ids + c->id_off[i], f[0], flen[0]);
    c->id_off[i + 1] = c->id_off[i] + (int64_t)flen[0];
    c->order[i] = strtoll(f[2], NULL, 10);
    return seg_date_parse(&c->date[i], ctx, f[1], flen[1]) ||
           seg_money_parse(&c->amount[i], ctx, f[3], flen[3], 2);
}

static int parse_columns(columns *c, const char *path, seg_context *ctx)
{
    size_t len;
    char *text = slurp(path, &len);
    if (!text)
        return 1;
    size_t lines = count_lines(text, len);
    c->ids = malloc(len);
    c->id_off = malloc((lines + 1) * sizeof *c->id_off);
    c->order = malloc(lines * sizeof *c->order);
    c->amount = malloc(lines * sizeof *c->amount);
    c->date = malloc(lines * sizeof *c->date);
    if (!c->ids || !c->id_off || !c->order || !c->amount || !c->date)
        return 1;
    c->id_off[0] = 0;
    const char *p = (const char *)memchr(text, '\n', len) + 1, *end = text + len;
    for (c->n = 0; p < end; c->n++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (parse_line(c, c->n, p, eol ? eol : end, ctx))
            return 1;
        p = eol ? eol + 1 : end;
    }
    free(text);
    return 0;
}

static int job_mem(seg_context *ctx, seg_dataset *ds, const char *in, int threads)
{
    columns c = {0};
    timing t = {0};
    seg_batch *b = NULL;
    seg_result *r = NULL;
    if (parse_columns(&c, in, ctx) || seg_batch_new(&b, ctx))
        return fail(ctx, "pre-parsing");
    seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, c.ids, c.id_off);
    seg_batch_bind_i32(b, SEG_FIELD_DATE, c.date);
    seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, c.amount);
    seg_batch_bind_i64(b, SEG_FIELD_ORDER_ID, c.order);
    double t0 = now(), c0 = cpu_now();
    if (seg_dataset_add_transactions(ds, b, c.n, NULL))
        return fail(ctx, "bulk load");
    t.load = now() - t0;
    t.cload = cpu_now() - c0;
    if (analyse(&r, ds, ctx, threads, &t))
        return 1;
    t.e2e = now() - t0;
    t.ce2e = cpu_now() - c0;
    report("mem", &t, ds, r);
    seg_result_free(r);
    seg_batch_free(b);
    free(c.ids), free(c.id_off), free(c.order), free(c.amount), free(c.date);
    return 0;
}


static int job_stream(seg_context *ctx, seg_dataset *ds, int threads)
{
    timing t = {0};
    seg_result *r = NULL;
    double t0 = now(), c0 = cpu_now();
    if (load_csv(ctx, ds, NULL, threads))
        return 1;
    t.load = now() - t0;
    t.cload = cpu_now() - c0;
    if (analyse(&r, ds, ctx, threads, &t))
        return 1;
    t.e2e = now() - t0;
    t.ce2e = cpu_now() - c0;
    report("stream", &t, ds, r);
    seg_result_free(r);
    return 0;
}

static int dispatch(int argc, char **argv, seg_context *ctx, seg_dataset *ds)
{
    if (argc == 5 && !strcmp(argv[1], "csv"))
        return job_csv(ctx, ds, argv[2], argv[3], atoi(argv[4]));
    if (argc == 4 && !strcmp(argv[1], "mem"))
        return job_mem(ctx, ds, argv[2], atoi(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "stream"))
        return job_stream(ctx, ds, atoi(argv[2]));
    fprintf(stderr, "usage: bench_job csv FILE OUT THREADS | mem FILE THREADS | stream THREADS\n");
    return 2;
}

int main(int argc, char **argv)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    if (seg_context_new(&ctx) || seg_dataset_new(&ds, ctx))
        return 1;
    int rc = dispatch(argc, argv, ctx, ds);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return rc;
}
