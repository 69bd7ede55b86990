/* Fuzz target: the CSV loader (a buffer on one thread and a stream on two give the same load),
 * dialect options from the first 3 bytes; checks the report's invariants, then analyses and writes. */
#include <string.h>

#include "fuzz_common.h"

/* Input layout: byte 0 flags, byte 1 dialect, byte 2 dataset and mapping, then CSV text. */
enum { HEADER_BYTES = 3 };

typedef struct stream_src {
    const char *data;
    size_t len, pos, chunk;
} stream_src;

/* seg_read_fn handing out the text in chunks of 1-64 bytes. */
static int stream_read(void *buf, size_t cap, size_t *got, void *user_data)
{
    stream_src *s = user_data;
    size_t n = s->len - s->pos;
    if (n > s->chunk)
        n = s->chunk;
    if (n > cap)
        n = cap;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    *got = n;
    return 0;
}

/* Header mappings, chosen by byte 2: none, by position, German names, customers by position. */
static void map_roles(seg_csv_options *opts, unsigned which)
{
    static const char *const maps[4][5][2] = {
        {{NULL, NULL}},
        {{"customer", "#1"}, {"date", "#2"}, {"amount", "#3"}, {"order", "#4"}, {NULL, NULL}},
        {{"customer", "Kunde"}, {"date", "Datum"}, {"amount", "Betrag"}, {"order", "Beleg"}, {NULL, NULL}},
        {{"customer", "#1"}, {"attr:region", "#2"}, {"rating:brand", "#3"}, {"status", "#4"}, {NULL, NULL}},
    };
    for (int i = 0; maps[which][i][0]; i++) {
        seg_status st = seg_csv_options_map(opts, maps[which][i][0], strlen(maps[which][i][0]),
                                            maps[which][i][1], strlen(maps[which][i][1]));
        FUZZ_CHECK(st == SEG_OK);
    }
}

/* CSV options from bytes 0 and 1. */
static seg_csv_options *make_options(seg_context *ctx, const uint8_t *h)
{
    seg_csv_options *opts = NULL;
    FUZZ_CHECK(seg_csv_options_new(&opts, ctx) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_STRICT, h[0] >> 2 & 1) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_HEADER, !(h[0] >> 3 & 1)) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_GUESS_ROLES, !(h[0] >> 4 & 1)) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_VALIDATE_ONLY, h[0] >> 5 & 1) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_MAX_ERRORS, h[0] >> 6) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_MAX_RECORD_BYTES, h[0] & 2 ? 1024 : 1048576) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_DELIMITER, h[1] & 3) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_ENCODING, (h[1] >> 2 & 3) % 3) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_DECIMAL, (h[1] >> 4 & 3) % 3) == SEG_OK);
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_DATE_ORDER, (h[1] >> 6) % 3) == SEG_OK);
    /* Out of range: refused, the set unchanged. */
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_DELIMITER, 4 + h[1]) == SEG_ERR_RANGE);
    map_roles(opts, h[2] >> 4 & 3);
    return opts;
}

/* A dataset shaped by byte 2: scale 0-6 and the period granularity. */
static seg_dataset *make_dataset(seg_context *ctx, uint8_t b)
{
    seg_dataset *ds = NULL;
    FUZZ_CHECK(seg_dataset_new(&ds, ctx) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_option(ds, SEG_DATASET_SCALE, (b & 7) % 7) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, 1 + (b >> 3 & 1) * 2 + (b >> 6 & 1)) == SEG_OK);
    return ds;
}

static int64_t report_stat(const seg_load_report *r, seg_load_stat key)
{
    int64_t v = -1;
    FUZZ_CHECK(seg_load_report_stat(&v, r, key) == SEG_OK);
    return v;
}

static int64_t ds_stat(const seg_dataset *ds, seg_dataset_stat_key key)
{
    int64_t v = -1;
    FUZZ_CHECK(seg_dataset_stat(&v, ds, key) == SEG_OK);
    return v;
}

/* What seg_load_report documents: read = loaded + rejected, reasons add up, errors bounded. */
static void check_report(const seg_load_report *r, int64_t max_errors)
{
    int64_t read = report_stat(r, SEG_LOAD_ROWS_READ), loaded = report_stat(r, SEG_LOAD_ROWS_LOADED);
    int64_t rejected = report_stat(r, SEG_LOAD_ROWS_REJECTED), by_reason = 0;
    FUZZ_CHECK(read >= 0 && loaded >= 0 && rejected >= 0);
    FUZZ_CHECK(read == loaded + rejected);
    for (int reason = SEG_REJECT_FIELD_COUNT; seg_reject_reason_name((seg_reject_reason)reason); reason++) {
        int64_t n = -1;
        FUZZ_CHECK(seg_load_report_rejected(&n, r, (seg_reject_reason)reason) == SEG_OK && n >= 0);
        by_reason += n;
    }
    FUZZ_CHECK(by_reason == rejected);
    int64_t errors = report_stat(r, SEG_LOAD_ERRORS), roles = report_stat(r, SEG_LOAD_ROLES);
    FUZZ_CHECK(errors >= 0 && errors <= max_errors && errors <= rejected + 1);
    for (int64_t i = 0; i < errors; i++) {
        int64_t line = 0, column = -1;
        seg_reject_reason reason = 0;
        const char *header = NULL, *message = NULL;
        FUZZ_CHECK(seg_load_report_error(&line, &column, &reason, &header, &message, r, (size_t)i) == SEG_OK);
        FUZZ_CHECK(line >= 1 && column >= 0 && header && message && seg_reject_reason_name(reason));
    }
    FUZZ_CHECK(seg_load_report_error(NULL, NULL, NULL, NULL, NULL, r, (size_t)errors) == SEG_ERR_RANGE);
    for (int64_t i = 0; i < roles; i++) {
        const char *role = NULL, *header = NULL;
        int64_t column = 0;
        FUZZ_CHECK(seg_load_report_role(&role, &header, &column, r, (size_t)i) == SEG_OK);
        FUZZ_CHECK(role && header && column >= 1);
    }
}

/* Analyse the loaded dataset and write the table and summary as CSV and JSON. */
static void analyse_and_write(seg_dataset *ds)
{
    seg_result *res = NULL;
    seg_status st = seg_analyze(&res, ds, NULL);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK)
        return;
    FUZZ_CHECK(seg_result_rows(res) == (size_t)ds_stat(ds, SEG_STAT_CUSTOMERS));
    for (int what = SEG_OUTPUT_TABLE; what <= SEG_OUTPUT_SUMMARY; what++)
        for (int fmt = SEG_FORMAT_CSV; fmt <= SEG_FORMAT_JSON; fmt++) {
            size_t bytes = 0;
            st = seg_result_write(res, (seg_output)what, (seg_format)fmt, fuzz_discard, &bytes);
            FUZZ_CHECK(st == SEG_OK && bytes > 0);
        }
    seg_result_free(res);
}

/* The state a load left, as bytes (NULL for none); the caller frees it. */
static unsigned char *state_of(const seg_dataset *ds, size_t *len)
{
    size_t needed = 0;
    FUZZ_CHECK(seg_dataset_serialize(NULL, 0, &needed, ds) == SEG_ERR_BUFFER_TOO_SMALL);
    unsigned char *buf = malloc(needed);
    FUZZ_CHECK(buf != NULL);
    FUZZ_CHECK(seg_dataset_serialize(buf, needed, len, ds) == SEG_OK && *len == needed);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER_BYTES)
        return 0;
    const char *text = (const char *)data + HEADER_BYTES;
    size_t len = size - HEADER_BYTES;
    seg_record_kind kind = data[0] & 1 ? SEG_RECORDS_CUSTOMERS : SEG_RECORDS_TRANSACTIONS;
    int validate_only = data[0] >> 5 & 1;
    seg_context *ctx = NULL;
    seg_load_report *report = NULL, *report2 = NULL;
    FUZZ_CHECK(seg_context_new(&ctx) == SEG_OK);
    seg_csv_options *opts = make_options(ctx, data);
    seg_dataset *ds = make_dataset(ctx, data[2]), *ds2 = make_dataset(ctx, data[2]);
    FUZZ_CHECK(seg_load_report_new(&report, ctx) == SEG_OK && seg_load_report_new(&report2, ctx) == SEG_OK);

    seg_status st = seg_dataset_load_csv_buffer(report, ds, kind, opts, len ? text : NULL, len);
    FUZZ_CHECK(fuzz_status_ok(st));
    FUZZ_CHECK(st == SEG_OK || seg_context_errcode(ctx) == st);
    check_report(report, data[0] >> 6);
    int64_t loaded = report_stat(report, SEG_LOAD_ROWS_LOADED);
    if (validate_only)
        FUZZ_CHECK(ds_stat(ds, SEG_STAT_CUSTOMERS) == 0 && ds_stat(ds, SEG_STAT_TRANSACTIONS) == 0);
    else if (kind == SEG_RECORDS_TRANSACTIONS)
        FUZZ_CHECK(ds_stat(ds, SEG_STAT_TRANSACTIONS) + ds_stat(ds, SEG_STAT_IGNORED_AFTER_AS_OF) == loaded);

    /* The same bytes through a read callback in small chunks, on two threads: the same load. */
    FUZZ_CHECK(seg_csv_options_set_i64(opts, SEG_CSV_THREADS, 2) == SEG_OK);
    stream_src src = {text, len, 0, 1 + (data[2] & 63)};
    seg_status st2 = seg_dataset_load_csv_stream(report2, ds2, kind, opts, stream_read, &src);
    FUZZ_CHECK(st2 == st);
    FUZZ_CHECK(report_stat(report2, SEG_LOAD_ROWS_READ) == report_stat(report, SEG_LOAD_ROWS_READ));
    FUZZ_CHECK(report_stat(report2, SEG_LOAD_ROWS_LOADED) == loaded);
    FUZZ_CHECK(report_stat(report2, SEG_LOAD_LINES) == report_stat(report, SEG_LOAD_LINES));
    size_t len1 = 0, len2 = 0;
    unsigned char *s1 = state_of(ds, &len1), *s2 = state_of(ds2, &len2);
    FUZZ_CHECK(len1 == len2 && memcmp(s1, s2, len1) == 0);
    free(s1);
    free(s2);

    if (st == SEG_OK)
        analyse_and_write(ds);
    seg_load_report_free(report);
    seg_load_report_free(report2);
    seg_dataset_free(ds);
    seg_dataset_free(ds2);
    seg_csv_options_free(opts);
    seg_context_free(ctx);
    return 0;
}
