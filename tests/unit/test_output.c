/* Tests of what a result gives back: the CSV and JSON writers (quoting,
 * formula neutralisation, UTF-8, nulls), explanations, cursors, class
 * summaries, and the errors of every reader. */
#define _POSIX_C_SOURCE 200809L
#include "test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct fixture {
    seg_context *ctx;
    seg_dataset *ds;
    seg_result *r;
} fixture;

static size_t cust(seg_dataset *ds, const char *id)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_str(&c, ds, id, strlen(id)), SEG_OK);
    return c;
}

static void buy(seg_dataset *ds, size_t c, const char *date, int64_t cents)
{
    assert_int_equal(seg_dataset_add_transaction(ds, c, day(date), cents, NULL, 0, NULL, NULL), SEG_OK);
}

/* Six customers whose ids exercise CSV quoting and formula neutralisation,
 * plus a refused lead with ratings; as of 2024-06-30. */
static int setup(void **state)
{
    static fixture f;
    size_t c;
    if (seg_context_new(&f.ctx) || seg_dataset_new(&f.ds, f.ctx))
        return -1;
    assert_int_equal(seg_dataset_customer_i64(&c, f.ds, 7), SEG_OK);
    buy(f.ds, c, "2024-06-20", 125050);
    buy(f.ds, cust(f.ds, "ACME"), "2024-05-02", 99);
    buy(f.ds, cust(f.ds, "=HYPERLINK(\"http://x\")"), "2023-11-15", 5000);
    buy(f.ds, cust(f.ds, "Comma, Inc"), "2024-06-01", 700000);
    buy(f.ds, cust(f.ds, "-5"), "2024-01-10", 1);
    buy(f.ds, cust(f.ds, "Bad\xff" "byte\ttab"), "2024-06-30", -300);
    c = cust(f.ds, "Lead \"One\"");
    assert_int_equal(seg_dataset_set_int(f.ds, c, SEG_FIELD_LEAD_CLOSED, 1), SEG_OK);
    assert_int_equal(seg_dataset_set_rating(f.ds, c, "brand", 5, 5), SEG_OK);
    assert_int_equal(seg_dataset_set_rating(f.ds, c, "deal", 4, 4), SEG_OK);
    assert_int_equal(seg_dataset_set_rating(f.ds, c, "closeness", 9, 3), SEG_OK);
    assert_int_equal(seg_dataset_set_str(f.ds, c, SEG_FIELD_NAME, "Lead One LLC", 12), SEG_OK);
    assert_int_equal(seg_analyze(&f.r, f.ds, NULL), SEG_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    seg_result_free(f->r);
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    return 0;
}

/* ---- collecting writer output ---- */

typedef struct sink {
    char buf[65536];
    size_t len;
    int fail_after; /* calls before failing; < 0 = never */
} sink;

static int collect(const void *bytes, size_t len, void *ud)
{
    sink *k = ud;
    if (k->fail_after == 0)
        return 1;
    k->fail_after--;
    assert_true(k->len + len < sizeof k->buf);
    memcpy(k->buf + k->len, bytes, len);
    k->len += len;
    k->buf[k->len] = '\0';
    return 0;
}

static const char *write_out(fixture *f, sink *k, seg_output what, seg_format fmt)
{
    k->len = 0;
    k->fail_after = -1;
    k->buf[0] = '\0';
    assert_int_equal(seg_result_write(f->r, what, fmt, collect, k), SEG_OK);
    return k->buf;
}

/* The CSV line of a customer, found by the start of its first cell. */
static const char *line_starting(const char *csv, const char *start)
{
    size_t n = strlen(start);
    for (const char *p = csv; p && *p; p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL)
        if (strncmp(p, start, n) == 0)
            return p;
    fail_msg("no line starts with %s", start);
    return NULL;
}

static void expect_line(const char *csv, const char *start, const char *whole_prefix)
{
    const char *line = line_starting(csv, start);
    if (strncmp(line, whole_prefix, strlen(whole_prefix)) != 0)
        fail_msg("line '%.*s' does not start with '%s'", (int)strcspn(line, "\r"), line, whole_prefix);
}

static void csv_table_header_and_cells(void **state)
{
    fixture *f = *state;
    static sink k;
    const char *csv = write_out(f, &k, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV);
    const char *head = "customer_id,lifecycle,recency_days,frequency,monetary,r,f,m,rfm,rfm_segment,abc,xyz,"
                       "renew,renew_rank,";
    assert_true(strncmp(csv, head, strlen(head)) == 0);
    /* integer id; money at scale 2; an empty cell for no renew */
    expect_line(csv, "7,", "7,current,10,1,1250.50,");
    /* a formula is neutralised, its quotes doubled, the cell quoted */
    expect_line(csv, "\"'=HYPERLINK", "\"'=HYPERLINK(\"\"http://x\"\")\",churned,228,1,50.00,");
    /* a comma forces quotes; a plain negative number is not neutralised */
    expect_line(csv, "\"Comma, Inc\"", "\"Comma, Inc\",current,29,1,7000.00,");
    expect_line(csv, "-5,", "-5,current,172,1,0.01,");
    /* a lead: no RFM, ABC or XYZ; renew 12 ranked 1 */
    expect_line(csv, "\"Lead \"\"One\"\"\"", "\"Lead \"\"One\"\"\",refused,,0,0.00,,,,,,,,12,1,Lead One LLC,");
    /* refund only: a customer, but no buyer */
    expect_line(csv, "Bad", "Bad\xff" "byte\ttab,");
}

/* A tiny JSON checker: values, objects, arrays, strings, numbers, literals. */
static const char *json_value(const char *p);

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

static const char *json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    for (; *p && *p != '"'; p++) {
        if ((unsigned char)*p < 0x20)
            return NULL;
        if (*p == '\\' && !*++p)
            return NULL;
    }
    return *p == '"' ? p + 1 : NULL;
}

static const char *json_list(const char *p, char close, int keyed)
{
    p = json_ws(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (keyed) {
            p = json_string(json_ws(p));
            if (!p || *(p = json_ws(p)) != ':')
                return NULL;
            p++;
        }
        p = json_value(p);
        if (!p)
            return NULL;
        p = json_ws(p);
        if (*p == close)
            return p + 1;
        if (*p++ != ',')
            return NULL;
    }
}

static const char *json_value(const char *p)
{
    p = json_ws(p);
    if (*p == '{')
        return json_list(p, '}', 1);
    if (*p == '[')
        return json_list(p, ']', 0);
    if (*p == '"')
        return json_string(p);
    for (const char *lit = "null\0true\0false\0"; *lit; lit += strlen(lit) + 1)
        if (strncmp(p, lit, strlen(lit)) == 0)
            return p + strlen(lit);
    char *end;
    strtod(p, &end);
    return end > p ? end : NULL;
}

static void expect_valid_json(const char *text)
{
    const char *end = json_value(text);
    if (!end || *json_ws(end))
        fail_msg("invalid JSON near '%.40s'", end ? end : text);
}

static void json_table_is_valid_and_typed(void **state)
{
    fixture *f = *state;
    static sink k;
    const char *json = write_out(f, &k, SEG_OUTPUT_TABLE, SEG_FORMAT_JSON);
    expect_valid_json(json);
    assert_non_null(strstr(json, "{\"customer_id\":7,\"lifecycle\":\"current\",\"recency_days\":10,"
                                 "\"frequency\":1,\"monetary\":1250.50,"));
    assert_non_null(strstr(json, "\"customer_id\":\"=HYPERLINK(\\\"http://x\\\")\"")); /* JSON needs no neutralising */
    assert_non_null(strstr(json, "\"customer_id\":\"Bad\xEF\xBF\xBD" "byte\\u0009tab\"")); /* U+FFFD, escaped tab */
    assert_non_null(strstr(json, "\"renew\":12,\"renew_rank\":1,\"name\":\"Lead One LLC\""));
    assert_non_null(strstr(json, "\"abc\":null"));
}

static void summaries_in_both_formats(void **state)
{
    fixture *f = *state;
    static sink k;
    const char *json = write_out(f, &k, SEG_OUTPUT_SUMMARY, SEG_FORMAT_JSON);
    expect_valid_json(json);
    assert_non_null(strstr(json, "\"dataset\":{\"customers\":7,\"buyers\":5,\"as_of\":\"2024-06-30\""));
    assert_non_null(strstr(json, "\"abc_classes\":{\"A\":{\"count\":"));
    assert_non_null(strstr(json, "\"renew\":{\"scored\":1,\"unrated\":0}"));
    assert_non_null(strstr(json, "\"renew_criteria\":{\"brand\":1,\"deal\":1,\"closeness\":1}"));
    const char *csv = write_out(f, &k, SEG_OUTPUT_SUMMARY, SEG_FORMAT_CSV);
    const char *head = "section,name,label,value\r\ndataset,customers,,7\r\n";
    assert_true(strncmp(csv, head, strlen(head)) == 0);
    assert_non_null(strstr(csv, "\r\nabc_classes,A,count,"));
    assert_non_null(strstr(csv, "\r\nrfm_segments,Champions,rule,\"R 4-5, F 4-5, M 4-5\"\r\n"));
}

static void writer_errors(void **state)
{
    fixture *f = *state;
    static sink k;
    k.len = 0;
    k.fail_after = 0;
    assert_int_equal(seg_result_write(f->r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, collect, &k), SEG_ERR_IO);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), "write callback"));
    assert_int_equal(seg_result_write(f->r, (seg_output)9, SEG_FORMAT_CSV, collect, &k), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_write(f->r, SEG_OUTPUT_TABLE, (seg_format)9, collect, &k), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_write(f->r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, NULL, &k), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_write(NULL, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, collect, &k), SEG_ERR_INVALID_ARGUMENT);
    const char *bad = "/nonexistent-dir/out.csv";
    assert_int_equal(seg_result_write_file(f->r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, bad, strlen(bad)), SEG_ERR_IO);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), bad));
    assert_int_equal(seg_result_write_file(f->r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, bad, 0), SEG_ERR_INVALID_ARGUMENT);
}

static void write_file_matches_callback(void **state)
{
    fixture *f = *state;
    static sink k;
    char path[] = "/tmp/segment-test-XXXXXX", back[65536];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_out(f, &k, SEG_OUTPUT_TABLE, SEG_FORMAT_JSON);
    assert_int_equal(seg_result_write_file(f->r, SEG_OUTPUT_TABLE, SEG_FORMAT_JSON, path, strlen(path)), SEG_OK);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    size_t n = fread(back, 1, sizeof back, fp);
    fclose(fp);
    remove(path);
    assert_int_equal(n, k.len);
    assert_memory_equal(back, k.buf, n);
}

/* ---- explanations ---- */

static void explanations_quote_numbers(void **state)
{
    fixture *f = *state;
    char buf[4096];
    size_t need = 0, acme;
    assert_int_equal(seg_dataset_find_str(&acme, f->ds, "ACME", 4), SEG_OK);
    assert_int_equal(seg_result_explain(buf, sizeof buf, &need, f->r, acme, SEG_ANALYSIS_ALL), SEG_OK);
    assert_int_equal(need, strlen(buf) + 1);
    assert_non_null(strstr(buf, "RFM "));
    assert_non_null(strstr(buf, "ABC "));
    assert_non_null(strstr(buf, "its revenue 0.99 ranks"));
    assert_non_null(strstr(buf, "current: its last purchase on 2024-05-02 is 59 days before the as-of date "
                                "2024-06-30, within the 180-day churn horizon."));
    assert_non_null(strstr(buf, "Renew: not a refused lead."));
    size_t lead;
    assert_int_equal(seg_dataset_find_str(&lead, f->ds, "Lead \"One\"", 10), SEG_OK);
    assert_int_equal(seg_result_explain(buf, sizeof buf, NULL, f->r, lead, SEG_ANALYSIS_RENEW), SEG_OK);
    assert_string_equal(buf, "Renew 12 = brand 5 x 1 + deal 4 x 1 + closeness 3 x 1, rank 1 of 1 rated refused leads.");
    assert_int_equal(seg_result_explain(buf, sizeof buf, NULL, f->r, lead, SEG_ANALYSIS_ABC), SEG_OK);
    assert_string_equal(buf, "ABC: no class, since it made no purchase.");
}

static void explain_buffer_rules(void **state)
{
    fixture *f = *state;
    char small[8] = "xxxxxxx";
    size_t need = 0;
    assert_int_equal(seg_result_explain(NULL, 0, &need, f->r, 0, SEG_ANALYSIS_ALL), SEG_ERR_BUFFER_TOO_SMALL);
    assert_true(need > 100);
    assert_int_equal(seg_result_explain(small, sizeof small, &need, f->r, 0, SEG_ANALYSIS_ALL),
                     SEG_ERR_BUFFER_TOO_SMALL);
    assert_string_equal(small, "xxxxxxx"); /* nothing written */
    assert_int_equal(seg_result_explain(small, sizeof small, NULL, f->r, 99, SEG_ANALYSIS_ALL), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_result_explain(NULL, 4, NULL, f->r, 0, SEG_ANALYSIS_ALL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_explain(small, sizeof small, &need, f->r, 0, (seg_analysis)0), SEG_OK);
    assert_string_equal(small, "");
}

/* ---- cursors and class summaries ---- */

static void cursor_walks_and_filters(void **state)
{
    fixture *f = *state;
    seg_cursor *cur = NULL;
    size_t rows = 0, c;
    int64_t v, n_current = 0;
    uint8_t valid;
    assert_int_equal(seg_cursor_new(&cur, f->r), SEG_OK);
    assert_int_equal(seg_cursor_customer(&c, cur), SEG_ERR_STATE);
    assert_int_equal(seg_cursor_get_i64(&v, &valid, cur, SEG_COL_ABC), SEG_ERR_STATE);
    while (seg_cursor_next(cur)) {
        assert_int_equal(seg_cursor_customer(&c, cur), SEG_OK);
        assert_int_equal(c, rows++);
    }
    assert_int_equal(rows, 7);
    assert_int_equal(seg_cursor_next(cur), 0);
    assert_int_equal(seg_cursor_filter(cur, SEG_COL_LIFECYCLE, SEG_LIFECYCLE_CURRENT), SEG_OK);
    while (seg_cursor_next(cur)) {
        assert_int_equal(seg_cursor_get_i64(&v, &valid, cur, SEG_COL_LIFECYCLE), SEG_OK);
        assert_int_equal(v, SEG_LIFECYCLE_CURRENT);
        n_current++;
    }
    int64_t count = 0;
    assert_int_equal(seg_result_class_summary(&count, NULL, NULL, NULL, f->r, SEG_COL_LIFECYCLE,
                                              SEG_LIFECYCLE_CURRENT), SEG_OK);
    assert_int_equal(n_current, count);
    double d;
    assert_int_equal(seg_cursor_filter(cur, 0, 0), SEG_OK);
    assert_int_equal(seg_cursor_next(cur), 1);
    assert_int_equal(seg_cursor_get_f64(&d, &valid, cur, SEG_COL_MEAN_GAP_DAYS), SEG_OK);
    assert_int_equal(valid, 0);
    assert_true(isnan(d));
    assert_int_equal(seg_cursor_get_f64(&d, &valid, cur, SEG_COL_ABC), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_cursor_get_i64(&v, &valid, cur, (seg_column)999), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_cursor_filter(cur, SEG_COL_XYZ_CV, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_cursor_filter(cur, (seg_column)999, 1), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_cursor_new(NULL, f->r), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_cursor_next(NULL), 0);
    seg_cursor_free(cur);
    seg_cursor_free(NULL);
}

static void readers_refuse_what_did_not_run(void **state)
{
    fixture *f = *state;
    seg_params *p = NULL;
    seg_result *r = NULL;
    int64_t v, counts[9];
    double d, x[4], y[4];
    size_t n;
    assert_int_equal(seg_params_new(&p, f->ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_ANALYSES, SEG_ANALYSIS_LIFECYCLE), SEG_OK);
    assert_int_equal(seg_analyze(&r, f->ds, p), SEG_OK); /* a second result of the same dataset */
    assert_int_equal(seg_result_summary_f64(&d, r, SEG_SUM_GINI), SEG_ERR_STATE);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_RFM_SCORED), SEG_ERR_STATE);
    assert_int_equal(seg_result_summary_i64(&v, r, SEG_SUM_GINI), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_summary_i64(&v, r, (seg_summary)999), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_result_class_summary(&v, NULL, NULL, NULL, r, SEG_COL_ABC, 1), SEG_ERR_STATE);
    assert_int_equal(seg_result_class_summary(&v, NULL, NULL, NULL, r, SEG_COL_RECENCY_DAYS, 1),
                     SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_abc_xyz(counts, NULL, r), SEG_ERR_STATE);
    assert_int_equal(seg_result_lorenz(x, y, 4, &n, r), SEG_ERR_STATE);
    assert_int_equal(seg_result_rfm_breaks(x, 4, &n, r, SEG_AXIS_R), SEG_ERR_STATE);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_TOP_COUNT), SEG_ERR_STATE);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_CURRENT_AT_START), SEG_OK);
    assert_int_equal(seg_result_period_i64(&v, r, 99, SEG_PSTAT_START), SEG_ERR_NOT_FOUND);
    assert_int_equal(seg_result_period_i64(&v, r, 0, SEG_PSTAT_CHURN_RATE), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_result_period_f64(&d, r, 0, SEG_PSTAT_BUYERS), SEG_ERR_INVALID_ARGUMENT);
    assert_null(seg_result_segment_name(r, 0));
    /* columns of analyses that did not run read as null */
    assert_int_equal(seg_result_copy_i64(&v, (uint8_t *)&n, r, SEG_COL_ABC, 0, 1), SEG_OK);
    assert_int_equal(v, 0);
    assert_int_equal(*(uint8_t *)&n, 0);
    seg_result_free(r);
    seg_params_free(p);
}

/* The parameters a result used, resolved: the default as-of becomes the
 * latest transaction, period 0 the dataset's, bins those of the thresholds. */
static void result_knows_its_parameters(void **state)
{
    fixture *f = *state;
    seg_params *p = NULL;
    seg_result *r = NULL;
    const int64_t breaks[2] = {30, 90};
    int64_t v = 0, list[4];
    size_t n = 0;
    double d = 0;
    assert_int_equal(seg_params_new(&p, f->ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS), SEG_OK);
    assert_int_equal(seg_params_set_i64_array(p, SEG_PARAM_RFM_THRESHOLDS_R, breaks, 2), SEG_OK);
    assert_int_equal(seg_params_set_i64_array(p, SEG_PARAM_RFM_THRESHOLDS_F, breaks, 1), SEG_OK);
    assert_int_equal(seg_params_set_i64_array(p, SEG_PARAM_RFM_THRESHOLDS_M, breaks, 2), SEG_OK);
    assert_int_equal(seg_params_set_f64(p, SEG_PARAM_ABC_A, 0.7), SEG_OK);
    assert_int_equal(seg_analyze(&r, f->ds, p), SEG_OK);
    seg_params_free(p); /* the result keeps its own copy */
    const seg_params *used = seg_result_params(r);
    assert_non_null(used);
    assert_int_equal(seg_params_get_i64(&v, used, SEG_PARAM_AS_OF), SEG_OK);
    assert_int_equal(v, day("2024-06-30"));
    assert_int_equal(seg_params_get_i64(&v, used, SEG_PARAM_XYZ_PERIOD), SEG_OK);
    assert_int_equal(v, SEG_PERIOD_MONTH);
    assert_int_equal(seg_params_get_i64(&v, used, SEG_PARAM_RFM_BINS_R), SEG_OK);
    assert_int_equal(v, 3);
    assert_int_equal(seg_params_get_i64(&v, used, SEG_PARAM_RFM_BINS_F), SEG_OK);
    assert_int_equal(v, 2);
    assert_int_equal(seg_params_get_f64(&d, used, SEG_PARAM_ABC_A), SEG_OK);
    assert_true(d == 0.7);
    assert_int_equal(seg_params_get_i64_array(list, 4, &n, used, SEG_PARAM_RFM_THRESHOLDS_R), SEG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[1], 90);
    assert_int_equal(seg_params_renew_count(used), 3);
    assert_int_equal(seg_params_segment_count(used), 11);
    assert_null(seg_result_params(NULL));
    seg_result_free(r);
}

/* An error on a worker thread reaches the caller's context whole. */
static void worker_errors_reach_the_caller(void **state)
{
    fixture *f = *state;
    seg_params *p = NULL;
    seg_result *r = NULL;
    size_t lead;
    assert_int_equal(seg_dataset_find_str(&lead, f->ds, "Lead \"One\"", 10), SEG_OK);
    seg_result_free(f->r);
    f->r = NULL;
    assert_int_equal(seg_dataset_set_rating(f->ds, lead, "deal", 4, 9), SEG_OK); /* outside 1-5 */
    assert_int_equal(seg_params_new(&p, f->ctx), SEG_OK);
    for (int threads = 1; threads <= 4; threads += 3) {
        assert_int_equal(seg_params_set_i64(p, SEG_PARAM_THREADS, threads), SEG_OK);
        assert_int_equal(seg_analyze(&r, f->ds, p), SEG_ERR_RANGE);
        assert_null(r);
        assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_RANGE);
        assert_string_equal(seg_context_errmsg(f->ctx),
                            "customer 'Lead \"One\"': rating deal = 9 is outside the renew scale 1-5");
    }
    assert_int_equal(seg_dataset_set_rating(f->ds, lead, "deal", 4, 4), SEG_OK);
    assert_int_equal(seg_analyze(&f->r, f->ds, p), SEG_OK);
    seg_params_free(p);
}

static void class_shares_add_up(void **state)
{
    fixture *f = *state;
    double cs = 0, ms = 0, c1, m1;
    int64_t n = 0, k, buyers;
    for (int cls = SEG_ABC_A; cls <= SEG_ABC_C; cls++) {
        assert_int_equal(seg_result_class_summary(&k, NULL, &c1, &m1, f->r, SEG_COL_ABC, cls), SEG_OK);
        n += k;
        cs += c1;
        ms += m1;
    }
    assert_int_equal(seg_result_summary_i64(&buyers, f->r, SEG_SUM_BUYERS), SEG_OK);
    assert_int_equal(n, buyers);
    assert_true(fabs(cs - 1) < 1e-12);
    assert_true(fabs(ms - 1) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_table_header_and_cells),
        cmocka_unit_test(json_table_is_valid_and_typed),
        cmocka_unit_test(summaries_in_both_formats),
        cmocka_unit_test(writer_errors),
        cmocka_unit_test(write_file_matches_callback),
        cmocka_unit_test(explanations_quote_numbers),
        cmocka_unit_test(explain_buffer_rules),
        cmocka_unit_test(cursor_walks_and_filters),
        cmocka_unit_test(class_shares_add_up),
        cmocka_unit_test(readers_refuse_what_did_not_run),
        cmocka_unit_test(worker_errors_reach_the_caller),
        cmocka_unit_test(result_knows_its_parameters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
