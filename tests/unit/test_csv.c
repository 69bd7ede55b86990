/* Tests of the CSV API: options by key, mappings, reports, misuse, the three
 * sources (path, buffer, read callback) giving the same result across block
 * boundaries, I/O failures, progress and cancel, and CDNOW read as CSV. */
#include "test_csv_util.h"

/* ---- options ---- */

static void option_defaults_and_bounds(void **state)
{
    csv_fixture *f = *state;
    static const struct {
        seg_csv_option key;
        int64_t def, min, max;
    } table[] = {
        {SEG_CSV_DELIMITER, SEG_CSV_DELIMITER_AUTO, 0, SEG_CSV_DELIMITER_TAB},
        {SEG_CSV_ENCODING, SEG_CSV_ENCODING_AUTO, 0, SEG_CSV_ENCODING_CP1251},
        {SEG_CSV_DECIMAL, SEG_CSV_DECIMAL_AUTO, 0, SEG_CSV_DECIMAL_COMMA},
        {SEG_CSV_DATE_ORDER, SEG_CSV_DATE_ORDER_AUTO, 0, SEG_CSV_DATE_ORDER_MDY},
        {SEG_CSV_HEADER, 1, 0, 1},
        {SEG_CSV_GUESS_ROLES, 1, 0, 1},
        {SEG_CSV_STRICT, 1, 0, 1},
        {SEG_CSV_MAX_ERRORS, 100, 0, 1000000},
        {SEG_CSV_MAX_RECORD_BYTES, 1 << 20, 1024, 1 << 29},
        {SEG_CSV_VALIDATE_ONLY, 0, 0, 1},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        int64_t v = -1, lo = -1, hi = -1;
        assert_int_equal(seg_csv_option_default_i64(&v, table[i].key), SEG_OK);
        assert_int_equal(v, table[i].def);
        assert_int_equal(seg_csv_options_get_i64(&v, f->opts, table[i].key), SEG_OK);
        assert_int_equal(v, table[i].def);
        assert_int_equal(seg_csv_option_bounds_i64(&lo, &hi, table[i].key), SEG_OK);
        assert_int_equal(lo, table[i].min);
        assert_int_equal(hi, table[i].max);
        assert_int_equal(seg_csv_options_set_i64(f->opts, table[i].key, hi + 1), SEG_ERR_RANGE);
        assert_int_equal(seg_csv_options_set_i64(f->opts, table[i].key, lo - 1), SEG_ERR_RANGE);
        assert_int_equal(seg_csv_options_set_i64(f->opts, table[i].key, hi), SEG_OK);
        assert_int_equal(seg_csv_options_get_i64(&v, f->opts, table[i].key), SEG_OK);
        assert_int_equal(v, hi);
    }
}

static void unknown_options_are_unsupported(void **state)
{
    csv_fixture *f = *state;
    int64_t v = 0, lo = 0, hi = 0;
    const seg_csv_option unknown = (seg_csv_option)999;
    assert_int_equal(seg_csv_options_set_i64(f->opts, unknown, 1), SEG_ERR_UNSUPPORTED);
    expect_msg_has(f, "unknown CSV option 999");
    assert_int_equal(seg_csv_options_get_i64(&v, f->opts, unknown), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_csv_option_default_i64(&v, unknown), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_csv_option_bounds_i64(&lo, &hi, unknown), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_csv_options_set_i64(NULL, SEG_CSV_STRICT, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_get_i64(NULL, f->opts, SEG_CSV_STRICT), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_get_i64(&v, NULL, SEG_CSV_STRICT), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_option_default_i64(NULL, SEG_CSV_STRICT), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_option_bounds_i64(NULL, &hi, SEG_CSV_STRICT), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_set_progress(NULL, NULL, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_new(NULL, f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_new(&f->opts, NULL), SEG_ERR_INVALID_ARGUMENT);
    seg_csv_options_free(NULL);
}

static void role_mappings(void **state)
{
    csv_fixture *f = *state;
    char role[96];
    assert_int_equal(seg_csv_options_map(f->opts, "amount", 6, "Sum", 3), SEG_OK);
    assert_int_equal(seg_csv_options_map(f->opts, "amount", 6, "Total", 5), SEG_OK); /* replaces */
    assert_int_equal(seg_csv_options_map(f->opts, "amount", 6, NULL, 0), SEG_OK);    /* removes */
    assert_int_equal(seg_csv_options_map(f->opts, "amount", 6, NULL, 0), SEG_OK);
    assert_int_equal(seg_csv_options_map(f->opts, "amounts", 7, "x", 1), SEG_ERR_UNSUPPORTED);
    expect_msg_has(f, "unknown role 'amounts'");
    assert_int_equal(seg_csv_options_map(f->opts, "", 0, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(f->opts, "rating:", 7, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    memset(role, 'n', sizeof role);
    memcpy(role, "attr:", 5);
    assert_int_equal(seg_csv_options_map(f->opts, role, 5 + 64, "x", 1), SEG_OK);
    assert_int_equal(seg_csv_options_map(f->opts, role, 5 + 65, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(f->opts, "date", 4, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(f->opts, "date", 4, "", 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(f->opts, "date", 4, "a\0b", 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(f->opts, NULL, 4, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_csv_options_map(NULL, "date", 4, "x", 1), SEG_ERR_INVALID_ARGUMENT);
    for (int i = 1; i < 128; i++) {
        int n = snprintf(role, sizeof role, "attr:a%d", i);
        assert_int_equal(seg_csv_options_map(f->opts, role, (size_t)n, "x", 1), SEG_OK);
    }
    assert_int_equal(seg_csv_options_map(f->opts, "attr:more", 9, "x", 1), SEG_ERR_RANGE);
    assert_int_equal(seg_csv_options_map(f->opts, "attr:a7", 7, NULL, 0), SEG_OK);
    assert_int_equal(seg_csv_options_map(f->opts, "attr:more", 9, "x", 1), SEG_OK);
}

static void report_getters(void **state)
{
    csv_fixture *f = *state;
    int64_t v = 0;
    seg_load_report *r = NULL;
    assert_int_equal(seg_load_report_new(NULL, f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_new(&r, NULL), SEG_ERR_INVALID_ARGUMENT);
    seg_load_report_free(NULL);
    assert_int_equal(seg_load_report_stat(&v, f->rep, SEG_LOAD_ROWS_READ), SEG_OK);
    assert_int_equal(v, 0);
    assert_int_equal(seg_load_report_stat(&v, f->rep, (seg_load_stat)99), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_load_report_stat(NULL, f->rep, SEG_LOAD_ROWS_READ), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_stat(&v, NULL, SEG_LOAD_ROWS_READ), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_rejected(&v, f->rep, (seg_reject_reason)0), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_load_report_rejected(&v, f->rep, (seg_reject_reason)12), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_load_report_rejected(NULL, f->rep, SEG_REJECT_QUOTE), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_error(NULL, NULL, NULL, NULL, NULL, f->rep, 0), SEG_ERR_RANGE);
    assert_int_equal(seg_load_report_error(NULL, NULL, NULL, NULL, NULL, NULL, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_load_report_role(NULL, NULL, NULL, f->rep, 0), SEG_ERR_RANGE);
    assert_int_equal(seg_load_report_role(NULL, NULL, NULL, NULL, 0), SEG_ERR_INVALID_ARGUMENT);
    for (int i = SEG_REJECT_FIELD_COUNT; i <= SEG_REJECT_CONFLICT; i++) {
        const char *name = seg_reject_reason_name((seg_reject_reason)i);
        assert_non_null(name);
        for (int j = SEG_REJECT_FIELD_COUNT; j < i; j++)
            assert_string_not_equal(name, seg_reject_reason_name((seg_reject_reason)j));
    }
    assert_string_equal(seg_reject_reason_name(SEG_REJECT_FIELD_COUNT), "field_count");
    assert_null(seg_reject_reason_name((seg_reject_reason)0));
    assert_null(seg_reject_reason_name((seg_reject_reason)12));
}

static void a_load_replaces_the_report(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "lenient.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 11, 3, 8);
    assert_int_equal(csv_load(f, "tab.tsv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_ERRORS), 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROLES), 3);
    /* no report at all is fine too */
    assert_int_equal(seg_dataset_load_csv_buffer(NULL, f->ds, SEG_RECORDS_TRANSACTIONS, NULL,
                                                 "customer,date,amount\nZ,2024-01-01,1\n", 35), SEG_OK);
    assert_int_equal(net_of(f, "Z"), 100);
}

static void misuse(void **state)
{
    csv_fixture *f = *state;
    seg_result *res = NULL;
    const char *ok = "customer,date,amount\nA,2024-01-01,1\n";
    assert_int_equal(seg_dataset_load_csv_buffer(f->rep, NULL, SEG_RECORDS_TRANSACTIONS, NULL, ok, strlen(ok)),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_buffer(f->rep, f->ds, (seg_record_kind)7, NULL, ok, strlen(ok)),
                     SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_dataset_load_csv_buffer(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, NULL, 3),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, NULL, 3),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, "a.csv", 0),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, "a\0b", 3),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_stream(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, NULL, NULL),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_path(f->rep, NULL, SEG_RECORDS_TRANSACTIONS, NULL, "a", 1),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_load_csv_stream(f->rep, NULL, SEG_RECORDS_TRANSACTIONS, NULL, NULL, NULL),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_analyze(&res, f->ds, NULL), SEG_OK);
    assert_int_equal(seg_dataset_load_csv_buffer(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, ok, strlen(ok)),
                     SEG_ERR_STATE);
    seg_result_free(res);
    assert_int_equal(seg_dataset_load_csv_buffer(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, ok, strlen(ok)),
                     SEG_OK);
}

static void files_that_cannot_be_read(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "no_such_file.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_IO);
    expect_msg_has(f, "no_such_file.csv: cannot open: no such file or directory");
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, NULL, TEST_DATA_DIR,
                                               strlen(TEST_DATA_DIR)),
                     SEG_ERR_IO);
}

/* ---- sources: the same rows from a path, a buffer and a callback ---- */

typedef struct big {
    char *text;
    size_t len, rows;
} big;

/* About 3 MiB of transactions: quoted fields with doubled quotes and line
 * breaks, LF and CRLF, a decimal comma, so records straddle every block. */
static void make_big(big *b)
{
    size_t cap = 4u << 20, n = 0;
    b->text = malloc(cap);
    assert_non_null(b->text);
    n += (size_t)snprintf(b->text + n, cap - n, "Клиент;Дата;Сумма;Документ\r\n");
    for (b->rows = 0; n < cap - 200; b->rows++) {
        size_t i = b->rows;
        if (i % 7 == 0)
            n += (size_t)snprintf(b->text + n, cap - n, "\"Клиент \"\"%zu\"\"\";%02zu.%02zu.2023;%zu,%02zu;\"Д-%zu\r\nстрока\"\r\n",
                                  i % 997, 1 + i % 28, 1 + i % 12, i % 5000, i % 100, i / 3);
        else
            n += (size_t)snprintf(b->text + n, cap - n, "К%zu;%zu.%zu.2024;%s%zu %03zu,5;Д-%zu\n", i % 997,
                                  1 + i % 28, 1 + i % 12, i % 11 ? "" : "-", i % 90, i % 1000, i / 3);
    }
    b->len = n;
}

static uint64_t fingerprint(csv_fixture *f)
{
    uint64_t h = 1469598103934665603ULL;
    for (int k = SEG_STAT_CUSTOMERS; k <= SEG_STAT_NET_AMOUNT; k++)
        h = (h ^ (uint64_t)ds_stat(f, (seg_dataset_stat_key)k)) * 1099511628211ULL;
    for (int k = SEG_LOAD_ROWS_READ; k <= SEG_LOAD_BYTES; k++)
        h = (h ^ (uint64_t)rep_stat(f, (seg_load_stat)k)) * 1099511628211ULL;
    return h;
}

typedef struct feed {
    const char *text;
    size_t len, at, step, fail_after;
    int oversize;
} feed;

static int feed_read(void *buf, size_t cap, size_t *got, void *user_data)
{
    feed *fd = user_data;
    size_t n = fd->len - fd->at;
    if (fd->fail_after && fd->at >= fd->fail_after)
        return -1;
    n = n < cap ? n : cap;
    n = n < fd->step ? n : fd->step;
    memcpy(buf, fd->text + fd->at, n);
    fd->at += n;
    *got = fd->oversize ? cap + 1 : n;
    return 0;
}

static seg_status load_feed(csv_fixture *f, feed *fd)
{
    return seg_dataset_load_csv_stream(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, f->opts, feed_read, fd);
}

static void reset_dataset(csv_fixture *f)
{
    seg_dataset_free(f->ds);
    assert_int_equal(seg_dataset_new(&f->ds, f->ctx), SEG_OK);
}

static void three_sources_agree(void **state)
{
    csv_fixture *f = *state;
    big b;
    make_big(&b);
    assert_int_equal(csv_load_text(f, b.text, SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, (int64_t)b.rows, (int64_t)b.rows, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_BYTES), (int64_t)b.len);
    uint64_t want = fingerprint(f);
    FILE *fp = fopen("test_csv_big.csv", "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b.text, 1, b.len, fp), b.len);
    fclose(fp);
    reset_dataset(f);
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, f->opts, "test_csv_big.csv", 16),
                     SEG_OK);
    assert_true(fingerprint(f) == want);
    remove("test_csv_big.csv");
    for (size_t step = 4093; step <= (2u << 20); step *= 23) {
        feed fd = {b.text, b.len, 0, step, 0, 0};
        reset_dataset(f);
        assert_int_equal(load_feed(f, &fd), SEG_OK);
        assert_true(fingerprint(f) == want);
    }
    free(b.text);
}

static void tiny_reads(void **state)
{
    csv_fixture *f = *state;
    const char *text = "customer,date,amount\r\n\"A\r\nB\",2024-01-01,1\r\nC,2024-01-02,2";
    feed fd = {text, strlen(text), 0, 1, 0, 0};
    assert_int_equal(load_feed(f, &fd), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(net_of(f, "A\r\nB"), 100);
}

static void read_callback_failures(void **state)
{
    csv_fixture *f = *state;
    big b;
    make_big(&b);
    feed fd = {b.text, b.len, 0, 65536, 3u << 19, 0};
    assert_int_equal(load_feed(f, &fd), SEG_ERR_IO);
    expect_msg_has(f, "<stream>: the read callback failed after");
    assert_true(rep_stat(f, SEG_LOAD_ROWS_LOADED) > 0);
    expect_rows(f, rep_stat(f, SEG_LOAD_ROWS_LOADED), rep_stat(f, SEG_LOAD_ROWS_LOADED), 0);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), rep_stat(f, SEG_LOAD_ROWS_LOADED));
    feed over = {b.text, b.len, 0, 100, 0, 1};
    assert_int_equal(load_feed(f, &over), SEG_ERR_IO);
    expect_msg_has(f, "reported 1048577 bytes for a 1048576-byte buffer");
    free(b.text);
}

typedef struct progress_log {
    int calls, cancel_at;
    uint64_t last_done, total;
} progress_log;

static int on_progress(uint64_t done, uint64_t total, void *user_data)
{
    progress_log *p = user_data;
    assert_true(done >= p->last_done);
    p->last_done = done;
    p->total = total;
    return ++p->calls == p->cancel_at;
}

static void progress_and_cancel(void **state)
{
    csv_fixture *f = *state;
    big b;
    progress_log log = {0, 0, 0, 0};
    make_big(&b);
    assert_int_equal(seg_csv_options_set_progress(f->opts, on_progress, &log), SEG_OK);
    assert_int_equal(csv_load_text(f, b.text, SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_true(log.calls >= 4);
    assert_int_equal(log.last_done, b.len);
    assert_int_equal(log.total, b.len);
    feed fd = {b.text, b.len, 0, b.len, 0, 0};
    log = (progress_log){0, 0, 0, 0};
    reset_dataset(f);
    assert_int_equal(load_feed(f, &fd), SEG_OK);
    assert_int_equal(log.total, 0); /* unknown for streams */
    assert_int_equal(log.last_done, b.len);
    log = (progress_log){0, 2, 0, 0};
    reset_dataset(f);
    assert_int_equal(csv_load_text(f, b.text, SEG_RECORDS_TRANSACTIONS), SEG_ERR_CANCELLED);
    expect_msg_has(f, "cancelled by the progress callback");
    int64_t loaded = rep_stat(f, SEG_LOAD_ROWS_LOADED);
    assert_true(loaded > 0 && loaded < (int64_t)b.rows);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), loaded); /* rows loaded so far stay loaded */
    expect_rows(f, loaded, loaded, 0);
    log = (progress_log){0, 1, 0, 0}; /* small: the one call is the last, which cannot stop a finished load */
    assert_int_equal(csv_load_text(f, "customer,date,amount\nQ,2024-01-01,1\n", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(log.calls, 1);
    assert_int_equal(seg_csv_options_set_progress(f->opts, NULL, NULL), SEG_OK);
    free(b.text);
}

/* A record of several MiB that the block must grow for, then give up on. */
static void very_long_records_in_a_stream(void **state)
{
    csv_fixture *f = *state;
    size_t size = 3u << 20, n = 0;
    char *text = malloc(2 * size + 200);
    assert_non_null(text);
    n += (size_t)sprintf(text, "customer,date,amount,note\nA,2024-01-01,1,");
    memset(text + n, 'x', size), n += size;
    n += (size_t)sprintf(text + n, "\nB,2024-01-02,2,\"");
    for (size_t i = 0; i < size; i++)
        text[n++] = i % 1000 == 999 ? '\n' : 'y';
    n += (size_t)sprintf(text + n, "\"\nC,2024-01-03,3,ok\n");
    feed fd = {text, n, 0, 1u << 16, 0, 0};
    assert_int_equal(load_feed(f, &fd), SEG_ERR_RANGE);
    expect_msg_has(f, "<stream>:2: the record is longer than 1048576 bytes");
    csv_set(f, SEG_CSV_STRICT, 0);
    fd.at = 0;
    reset_dataset(f);
    assert_int_equal(load_feed(f, &fd), SEG_OK);
    expect_rows(f, 3, 1, 2);
    assert_int_equal(rep_rejected(f, SEG_REJECT_TOO_LONG), 2);
    expect_error(f, 0, 2, 0, SEG_REJECT_TOO_LONG, "longer");
    expect_error(f, 1, 3, 0, SEG_REJECT_TOO_LONG, "longer");
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 3 + (int64_t)(size / 1000) + 1);
    assert_int_equal(net_of(f, "C"), 300);
    free(text);
}

/* ---- real data: CDNOW through CSV equals CDNOW through a batch ---- */

static void cdnow_as_csv(void **state)
{
    csv_fixture *f = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/cdnow_sample.csv", TEST_DATA_DIR);
    csv_map(f, "customer", "sample_id");
    csv_map(f, "amount", "dollar_value");
    csv_map(f, "quantity", "number_of_cds");
    assert_int_equal(seg_dataset_load_csv_path(f->rep, f->ds, SEG_RECORDS_TRANSACTIONS, f->opts, path, strlen(path)),
                     SEG_OK);
    expect_rows(f, 6919, 6919, 0);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 2357);
    /* the same file through the bulk API */
    FILE *fp = fopen(path, "r");
    char line[128], sample[16], dollars[16];
    int ymd, cds;
    int64_t net = 0, quantity = 0;
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        int64_t cents = 0;
        assert_int_equal(sscanf(line, "%*[^,],%15[^,],%d,%d,%15s", sample, &ymd, &cds, dollars), 4);
        assert_int_equal(seg_money_parse(&cents, NULL, dollars, strlen(dollars), 2), SEG_OK);
        net += cents;
        quantity += cds;
    }
    fclose(fp);
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), net);
    assert_int_equal(col_of(f, "0001", SEG_COL_QUANTITY), 2 + 2 + 1 + 2);
    assert_true(quantity > 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, csv_setup, csv_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(option_defaults_and_bounds),
        T(unknown_options_are_unsupported),
        T(role_mappings),
        T(report_getters),
        T(a_load_replaces_the_report),
        T(misuse),
        T(files_that_cannot_be_read),
        T(three_sources_agree),
        T(tiny_reads),
        T(read_callback_failures),
        T(progress_and_cancel),
        T(very_long_records_in_a_stream),
        T(cdnow_as_csv),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
