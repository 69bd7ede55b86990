/* Loading the tool's CSV files through the library: dataset options from the
 * command line, the CSV dialect and mappings, progress on a terminal, and
 * errors that name the file, line, column and what was expected. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct progress {
    const char *file;
    int last;
} progress;

/* Percent done on stderr, redrawn in place; only called when it is a terminal. */
static int show_progress(uint64_t done, uint64_t total, void *user_data)
{
    progress *p = user_data;
    int pct = total ? (int)(done * 100 / total) : 0;
    if (pct != p->last) {
        fprintf(stderr, "\rsegment: loading %s %3d %%", p->file, pct);
        p->last = pct;
    }
    return 0;
}

static int fail(seg_context *ctx, const char *what)
{
    fprintf(stderr, "segment: %s%s%s\n", what, *what ? ": " : "", seg_context_errmsg(ctx));
    return 1;
}

/* CSV options of one file: the dialect switches, strictness and mappings. */
static int csv_options(seg_csv_options **out, seg_context *ctx, const cli *c, const cli_map *maps, int n,
                       progress *p)
{
    seg_csv_options *o = NULL;
    if (seg_csv_options_new(&o, ctx) != SEG_OK)
        return fail(ctx, "");
    *out = o;
    for (int key = 0; key < 16; key++)
        if (c->csv[key] >= 0 && seg_csv_options_set_i64(o, (seg_csv_option)key, c->csv[key]) != SEG_OK)
            return fail(ctx, "CSV option");
    if (seg_csv_options_set_i64(o, SEG_CSV_STRICT, c->strict) != SEG_OK)
        return fail(ctx, "CSV option");
    for (int i = 0; i < n; i++) {
        size_t role_len = (size_t)(maps[i].header - 1 - maps[i].role);
        if (seg_csv_options_map(o, maps[i].role, role_len, maps[i].header, strlen(maps[i].header)) != SEG_OK)
            return fail(ctx, maps == c->maps ? "--col" : "--customer-col");
    }
    if (isatty(STDERR_FILENO) && seg_csv_options_set_progress(o, show_progress, p) != SEG_OK)
        return fail(ctx, "");
    return 0;
}

/* In a lenient load, say what was rejected and why, with the first errors. */
static void report_rejections(const seg_load_report *rep, const char *file)
{
    int64_t read = 0, rejected = 0, kept = 0;
    seg_load_report_stat(&read, rep, SEG_LOAD_ROWS_READ);
    seg_load_report_stat(&rejected, rep, SEG_LOAD_ROWS_REJECTED);
    seg_load_report_stat(&kept, rep, SEG_LOAD_ERRORS);
    if (!rejected)
        return;
    fprintf(stderr, "segment: %s: %lld of %lld rows rejected (", file, (long long)rejected, (long long)read);
    for (int r = SEG_REJECT_FIELD_COUNT, first = 1; r <= SEG_REJECT_OVERFLOW; r++) {
        int64_t n = 0;
        if (seg_load_report_rejected(&n, rep, (seg_reject_reason)r) == SEG_OK && n) {
            fprintf(stderr, "%s%lld %s", first ? "" : ", ", (long long)n, seg_reject_reason_name((seg_reject_reason)r));
            first = 0;
        }
    }
    fprintf(stderr, ")\n");
    for (size_t i = 0; i < (size_t)kept && i < 10; i++) {
        int64_t line = 0, column = 0;
        const char *message = NULL;
        if (seg_load_report_error(&line, &column, NULL, NULL, &message, rep, i) == SEG_OK)
            fprintf(stderr, "  %s:%lld:%lld: %s\n", file, (long long)line, (long long)column, message);
    }
}

static int load_file(seg_context *ctx, seg_dataset *ds, const cli *c, const char *file, seg_record_kind kind)
{
    const cli_map *maps = kind == SEG_RECORDS_CUSTOMERS ? c->customer_maps : c->maps;
    int n = kind == SEG_RECORDS_CUSTOMERS ? c->ncustomer_maps : c->nmaps;
    seg_csv_options *o = NULL;
    seg_load_report *rep = NULL;
    progress p = {file, -1};
    int failed = csv_options(&o, ctx, c, maps, n, &p);
    if (!failed && seg_load_report_new(&rep, ctx) != SEG_OK)
        failed = fail(ctx, "");
    if (!failed) {
        seg_status st = seg_dataset_load_csv_path(rep, ds, kind, o, file, strlen(file));
        if (p.last >= 0)
            fputc('\n', stderr);
        failed = st != SEG_OK ? fail(ctx, "") : 0;
        if (!failed)
            report_rejections(rep, file);
    }
    seg_load_report_free(rep);
    seg_csv_options_free(o);
    return failed;
}

/* --as-of cuts the data: rows after it are ignored, as the analysis date. */
static int dataset_options(seg_context *ctx, seg_dataset *ds, const cli *c)
{
    int64_t as_of = SEG_NONE;
    seg_params_get_i64(&as_of, c->params, SEG_PARAM_AS_OF);
    if (seg_dataset_set_option(ds, SEG_DATASET_SCALE, c->scale) != SEG_OK ||
        seg_dataset_set_option(ds, SEG_DATASET_PERIOD, c->period ? c->period : SEG_PERIOD_MONTH) != SEG_OK ||
        seg_dataset_set_option(ds, SEG_DATASET_AS_OF, as_of) != SEG_OK)
        return fail(ctx, "dataset");
    return 0;
}

int cli_load(seg_dataset **out, seg_context *ctx, const cli *c)
{
    seg_dataset *ds = NULL;
    if (seg_dataset_new(&ds, ctx) != SEG_OK)
        return fail(ctx, "");
    int failed = dataset_options(ctx, ds, c);
    if (!failed && c->customers)
        failed = load_file(ctx, ds, c, c->customers, SEG_RECORDS_CUSTOMERS);
    if (!failed)
        failed = load_file(ctx, ds, c, c->orders, SEG_RECORDS_TRANSACTIONS);
    if (failed) {
        seg_dataset_free(ds);
        return 1;
    }
    *out = ds;
    return 0;
}
