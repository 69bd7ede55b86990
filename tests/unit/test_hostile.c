/* Hostile and broken CSV input: each refused with file, line, column and
 * what was expected, every row accounted for, and nothing half-loaded. */
#include "test_csv_util.h"

/* A stream that repeats a pattern for `total` bytes, after a prefix and before a suffix. */
typedef struct flood {
    const char *prefix, *pattern, *suffix;
    uint64_t total, sent;
    size_t calls;
} flood;

static size_t put(char *dst, size_t cap, const char *s, uint64_t from, uint64_t len)
{
    size_t n = (size_t)(len - from < cap ? len - from : cap);
    memcpy(dst, s + from, n);
    return n;
}

static int flood_read(void *buf, size_t cap, size_t *got, void *user_data)
{
    flood *f = user_data;
    uint64_t pre = strlen(f->prefix), pat = strlen(f->pattern), suf = strlen(f->suffix);
    char *b = buf;
    size_t out = 0;
    f->calls++;
    while (out < cap) {
        uint64_t at = f->sent;
        size_t n;
        if (at < pre)
            n = put(b + out, cap - out, f->prefix, at, pre);
        else if (at < pre + f->total)
            n = put(b + out, cap - out, f->pattern, (at - pre) % pat, pat);
        else if (at < pre + f->total + suf)
            n = put(b + out, cap - out, f->suffix, at - pre - f->total, suf);
        else
            break;
        if (at < pre + f->total && at + n > pre + f->total)
            n = (size_t)(pre + f->total - at);
        out += n;
        f->sent += n;
    }
    *got = out;
    return 0;
}

static seg_status load_flood(csv_fixture *f, flood *fl, seg_record_kind kind)
{
    return seg_dataset_load_csv_stream(f->rep, f->ds, kind, f->opts, flood_read, fl);
}

static void expect_accounted(csv_fixture *f, int64_t loaded, int64_t rejected)
{
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_LOADED), loaded);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_REJECTED), rejected);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_READ), loaded + rejected);
}

/* A 100 MB quoted field, made on the fly: rejected whole, its neighbours loaded. */
static void hundred_megabyte_field(void **state)
{
    csv_fixture *f = *state;
    flood fl = {"customer,date,amount\nA,2024-01-01,1\n\"", "xxxxxxxxxxxxxxxx", "\",2024-01-02,2\nB,2024-01-03,3\n",
                100u << 20, 0, 0};
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(load_flood(f, &fl, SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 2, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_TOO_LONG), 1);
    expect_error(f, 0, 3, 0, SEG_REJECT_TOO_LONG, "<stream>:3: the record is longer than 1048576 bytes");
    assert_int_equal(rep_stat(f, SEG_LOAD_BYTES), (int64_t)fl.sent);
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), 400);
}

/* A header of a billion columns: refused after the record limit, not read to the end. */
static void billion_column_header(void **state)
{
    csv_fixture *f = *state;
    flood fl = {"customer,date,amount", ",x", "\nA,2024-01-01,1\n", 2000000000ull, 0, 0};
    seg_status st = load_flood(f, &fl, SEG_RECORDS_TRANSACTIONS);
    if (st != SEG_ERR_PARSE && st != SEG_ERR_RANGE)
        fail_msg("status %d: %s", (int)st, seg_context_errmsg(f->ctx));
    expect_msg_has(f, "<stream>:1");
    expect_msg_has(f, "longer than 1048576 bytes");
    assert_true(fl.sent < (8u << 20)); /* stopped early */
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 0);
}

static void invalid_windows_1251(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_ENCODING, SEG_CSV_ENCODING_CP1251);
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f, "customer,date,amount\n\xc0\xe1\x98,2024-01-01,1\n\xc0\xe1,2024-01-01,2\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 1, 1);
    expect_error(f, 0, 2, 3, SEG_REJECT_ENCODING, "byte 0x98, which Windows-1251 leaves unassigned");
}

/* Dates that do not exist, each rejected at its column. */
static void impossible_dates(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f,
                                   "customer,date,amount\n"
                                   "A,0000-01-01,1\n"
                                   "A,9999-12-32,1\n"
                                   "A,31.02.2024,1\n"
                                   "A,2023-02-29,1\n"
                                   "A,10000-01-01,1\n"
                                   "A,2024-02-29,1\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 1, 5);
    assert_int_equal(rep_rejected(f, SEG_REJECT_DATE), 5);
    for (size_t i = 0; i < 5; i++)
        expect_error(f, i, (int64_t)i + 2, 3, SEG_REJECT_DATE, "date");
}

/* Numbers a spreadsheet or a careless export might write: all refused, none misread. */
static void not_numbers(void **state)
{
    csv_fixture *f = *state;
    static const char *const bad[] = {"NaN", "nan", "inf", "-Infinity", "1e5", "--5", "+-3", "\xe2\x88\x92" "5",
                                      "5-", "0x10", "1.2.3", "- 5", "(5)", "١٢"};
    char text[1024];
    size_t pos = (size_t)snprintf(text, sizeof text, "customer,date,amount\nA,2024-01-01,-5.25\n");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        pos += (size_t)snprintf(text + pos, sizeof text - pos, "A,2024-01-01,%s\n", bad[i]);
    csv_set(f, SEG_CSV_STRICT, 0);
    csv_set(f, SEG_CSV_DECIMAL, SEG_CSV_DECIMAL_POINT);
    assert_int_equal(csv_load_text(f, text, SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 1, (int64_t)(sizeof bad / sizeof *bad));
    assert_int_equal(rep_rejected(f, SEG_REJECT_NUMBER), (int64_t)(sizeof bad / sizeof *bad));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t line = 0, col = 0;
        seg_reject_reason why;
        const char *msg = NULL;
        assert_int_equal(seg_load_report_error(&line, &col, &why, NULL, &msg, f->rep, i), SEG_OK);
        assert_int_equal(line, (int64_t)i + 3);
        assert_true(col >= 14 && col <= 14 + (int64_t)strlen(bad[i])); /* at the offending character */
        if (!strstr(msg, "expected a decimal number") && !strstr(msg, "thousands separator"))
            fail_msg("%s", msg);
    }
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), -525); /* the refund loaded */
    assert_int_equal(ds_stat(f, SEG_STAT_REFUND_ROWS), 1);
}

/* Minor units beyond int64: the row is refused, never wrapped or rounded. */
static void amounts_beyond_int64(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f,
                                   "customer,date,amount\n"
                                   "A,2024-01-01,92233720368547758.07\n"
                                   "A,2024-01-01,92233720368547758.08\n"
                                   "B,2024-01-01,-92233720368547758.08\n"
                                   "B,2024-01-01,99999999999999999999999\n"
                                   "C,2024-01-01,1.001\n"
                                   "A,2024-01-01,0.01\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 1, 5);
    assert_int_equal(rep_rejected(f, SEG_REJECT_OVERFLOW), 4); /* three values, one running total */
    assert_int_equal(rep_rejected(f, SEG_REJECT_INEXACT), 1);
    expect_error(f, 4, 7, 14, SEG_REJECT_OVERFLOW, "overflow");
    assert_int_equal(ds_stat(f, SEG_STAT_NET_AMOUNT), INT64_MAX);
}

static const char contradicting_customers[] =
    "id,name,status,brand\n"
    "K-1,Ural Steel,refused,4\n"
    "K-2,Volga Trade,current,\n"
    "K-1,Ural Steel,,4\n"       /* a repeat that agrees */
    "K-1,Ural Steel,current,\n" /* status contradicts line 2 */
    "K-1,Ural Steel Ltd,,\n"    /* name contradicts line 2 */
    "K-2,,,5\n";                /* adds a rating: no contradiction */

static void customers_declared_twice(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f, contradicting_customers, SEG_RECORDS_CUSTOMERS), SEG_OK);
    expect_accounted(f, 4, 2);
    assert_int_equal(rep_rejected(f, SEG_REJECT_CONFLICT), 2);
    expect_error(f, 0, 5, 16, SEG_REJECT_CONFLICT, "declared on line 2 with a different status");
    expect_error(f, 1, 6, 5, SEG_REJECT_CONFLICT, "declared on line 2 with a different name");
    size_t c = 0;
    int32_t v = 0;
    assert_int_equal(seg_dataset_find_str(&c, f->ds, "K-1", 3), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, f->ds, c, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(v, SEG_LIFECYCLE_REFUSED);
    assert_int_equal(seg_dataset_find_str(&c, f->ds, "K-2", 3), SEG_OK);
    assert_int_equal(seg_dataset_get_rating(&v, f->ds, c, "brand", 5), SEG_OK);
    assert_int_equal(v, 5);
}

static void customers_declared_twice_strict(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load_text(f, contradicting_customers, SEG_RECORDS_CUSTOMERS), SEG_ERR_STATE);
    assert_string_equal(seg_context_errmsg(f->ctx), "<buffer>:5:16: status 'current': the customer was "
                                                    "declared on line 2 with a different status");
    assert_int_equal(seg_context_error_line(f->ctx), 5);
    expect_accounted(f, 3, 1);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 2);
}

/* An as-of date before every row: the rows are counted as ignored, not lost. */
static void as_of_before_all_data(void **state)
{
    csv_fixture *f = *state;
    seg_result *r = NULL;
    int64_t buyers = -1;
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_AS_OF, day("2020-01-01")), SEG_OK);
    assert_int_equal(csv_load_text(f, "customer,date,amount\nA,2024-01-01,1\nB,2024-02-01,2\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_accounted(f, 2, 0);
    assert_int_equal(ds_stat(f, SEG_STAT_IGNORED_AFTER_AS_OF), 2);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 0);
    assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
    assert_int_equal(seg_result_summary_i64(&buyers, r, SEG_SUM_BUYERS), SEG_OK);
    assert_int_equal(buyers, 0);
    seg_result_free(r);
}

/* An analysis as-of date before loaded data cannot silently drop rows. */
static void analysis_as_of_before_the_data(void **state)
{
    csv_fixture *f = *state;
    seg_params *p = NULL;
    seg_result *r = NULL;
    assert_int_equal(csv_load_text(f, "customer,date,amount\nA,2024-01-01,1\n", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(seg_params_new(&p, f->ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_AS_OF, day("2023-06-30")), SEG_OK);
    assert_int_equal(seg_analyze(&r, f->ds, p), SEG_ERR_STATE);
    expect_msg_has(f, "before a folded transaction");
    assert_null(r);
    seg_params_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hundred_megabyte_field, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(billion_column_header, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(invalid_windows_1251, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(impossible_dates, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(not_numbers, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(amounts_beyond_int64, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(customers_declared_twice, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(customers_declared_twice_strict, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(as_of_before_all_data, csv_setup, csv_teardown),
        cmocka_unit_test_setup_teardown(analysis_as_of_before_the_data, csv_setup, csv_teardown),
    };
    return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
