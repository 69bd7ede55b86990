/* Tests of civil dates: year/month/day conversion both ways, formatting, and
 * the ISO 8601 parser with its error status, column and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

#define DAY_2011_12_09 15317
#define SENTINEL 123456

static int setup(void **state)
{
    seg_context *ctx = NULL;
    if (seg_context_new(&ctx) != SEG_OK)
        return -1;
    *state = ctx;
    return 0;
}

static int teardown(void **state)
{
    seg_context_free(*state);
    return 0;
}

/* ---- helpers ---- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 ? 28 + is_leap(y) : days[m - 1];
}

static void expect_ymd(int year, int month, int day, int32_t expected)
{
    int32_t d = SENTINEL;
    assert_int_equal(seg_date_from_ymd(&d, year, month, day), SEG_OK);
    assert_int_equal(d, expected);
}

static void expect_bad_ymd(int year, int month, int day)
{
    int32_t d = SENTINEL;
    assert_int_equal(seg_date_from_ymd(&d, year, month, day), SEG_ERR_RANGE);
    assert_int_equal(d, SENTINEL);
}

/* Parse `text[0..len)` from a heap copy of exactly `len` bytes, so that any
 * read past the end is caught by valgrind. */
static seg_status parse_exact(int32_t *out, seg_context *ctx, const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    seg_status st = seg_date_parse(out, ctx, copy, len);
    free(copy);
    return st;
}

static void expect_parse(seg_context *ctx, const char *text, int32_t expected)
{
    int32_t d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, text, strlen(text)), SEG_OK);
    assert_int_equal(d, expected);
    if (ctx) {
        assert_int_equal(seg_context_errcode(ctx), SEG_OK);
        assert_string_equal(seg_context_errmsg(ctx), "");
    }
}

static void expect_parse_error(seg_context *ctx, const char *text, seg_status status, int64_t column)
{
    int32_t d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, text, strlen(text)), status);
    assert_int_equal(d, SENTINEL);
    assert_int_equal(seg_context_errcode(ctx), status);
    assert_int_equal(seg_context_error_line(ctx), 0);
    assert_int_equal(seg_context_error_column(ctx), column);
    const char *msg = seg_context_errmsg(ctx);
    assert_true(strlen(msg) > 0);
    assert_non_null(strstr(msg, text));
    /* The same verdict without a context. */
    assert_int_equal(parse_exact(&d, NULL, text, strlen(text)), status);
    assert_int_equal(d, SENTINEL);
}

/* The calendar day after (y, m, d). */
static void next_day(int *y, int *m, int *d)
{
    if (++*d > month_days(*y, *m)) {
        *d = 1;
        if (++*m > 12) {
            *m = 1;
            ++*y;
        }
    }
}

/* Every day in [first, first + count) converts to y/m/d and back, the y/m/d
 * advance by exactly one calendar day, and format/parse agree. */
static void check_days(int32_t first, int32_t count)
{
    int y0, m0, d0;
    assert_int_equal(seg_date_to_ymd(&y0, &m0, &d0, first), SEG_OK);
    for (int32_t date = first; date < first + count; date++) {
        int y, m, d;
        assert_int_equal(seg_date_to_ymd(&y, &m, &d, date), SEG_OK);
        assert_int_equal(y, y0);
        assert_int_equal(m, m0);
        assert_int_equal(d, d0);
        int32_t back = SENTINEL;
        assert_int_equal(seg_date_from_ymd(&back, y, m, d), SEG_OK);
        assert_int_equal(back, date);

        char buf[11], want[16];
        assert_int_equal(seg_date_format(buf, sizeof buf, date), SEG_OK);
        snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
        assert_string_equal(buf, want);
        int32_t parsed = SENTINEL;
        assert_int_equal(seg_date_parse(&parsed, NULL, buf, 10), SEG_OK);
        assert_int_equal(parsed, date);
        next_day(&y0, &m0, &d0);
    }
}

/* ---- seg_date_from_ymd ---- */

static void from_ymd_known_days(void **state)
{
    (void)state;
    expect_ymd(1970, 1, 1, 0);
    expect_ymd(1969, 12, 31, -1);
    expect_ymd(1970, 1, 2, 1);
    expect_ymd(2000, 2, 29, 11016);
    expect_ymd(2000, 3, 1, 11017);
    expect_ymd(2011, 12, 9, DAY_2011_12_09);
    expect_ymd(1, 1, 1, SEG_DATE_MIN);
    expect_ymd(9999, 12, 31, SEG_DATE_MAX);
    assert_int_equal(SEG_DATE_MIN, -719162);
    assert_int_equal(SEG_DATE_MAX, 2932896);
}

static void from_ymd_rejects_impossible_dates(void **state)
{
    (void)state;
    expect_bad_ymd(1900, 2, 29); /* not a leap year */
    expect_bad_ymd(2023, 2, 29);
    expect_bad_ymd(2023, 4, 31);
    expect_bad_ymd(0, 12, 31);
    expect_bad_ymd(10000, 1, 1);
    expect_bad_ymd(-1, 1, 1);
    expect_bad_ymd(2000, 13, 1);
    expect_bad_ymd(2000, 0, 1);
    expect_bad_ymd(2000, 1, 0);
    expect_bad_ymd(2000, 1, 32);
    expect_bad_ymd(2000, 1, -5);
    assert_int_equal(seg_date_from_ymd(NULL, 2000, 1, 1), SEG_ERR_INVALID_ARGUMENT);
}

static void from_ymd_leap_days(void **state)
{
    (void)state;
    int32_t d;
    const int leap[] = {4, 400, 1600, 1996, 2000, 2024, 9996};
    const int common[] = {1, 100, 1700, 1800, 1900, 2100, 2023, 9999};
    for (size_t i = 0; i < sizeof leap / sizeof leap[0]; i++)
        assert_int_equal(seg_date_from_ymd(&d, leap[i], 2, 29), SEG_OK);
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        expect_bad_ymd(common[i], 2, 29);
}

/* ---- seg_date_to_ymd ---- */

static void round_trip_around_1970(void **state)
{
    (void)state;
    check_days(-4000, 8000);
}

static void round_trip_around_2000(void **state)
{
    (void)state;
    check_days(11016 - 4000, 8000);
}

static void round_trip_near_the_ends(void **state)
{
    (void)state;
    check_days(SEG_DATE_MIN, 5000);
    check_days(SEG_DATE_MAX - 4999, 5000);
}

static void to_ymd_rejects_out_of_range(void **state)
{
    (void)state;
    int y = 7, m = 7, d = 7;
    assert_int_equal(seg_date_to_ymd(&y, &m, &d, SEG_DATE_MIN - 1), SEG_ERR_RANGE);
    assert_int_equal(seg_date_to_ymd(&y, &m, &d, SEG_DATE_MAX + 1), SEG_ERR_RANGE);
    assert_int_equal(seg_date_to_ymd(&y, &m, &d, INT32_MIN), SEG_ERR_RANGE);
    assert_int_equal(seg_date_to_ymd(&y, &m, &d, INT32_MAX), SEG_ERR_RANGE);
    assert_int_equal(y, 7);
    assert_int_equal(m, 7);
    assert_int_equal(d, 7);
    assert_int_equal(seg_date_to_ymd(NULL, &m, &d, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_date_to_ymd(&y, NULL, &d, 0), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_date_to_ymd(&y, &m, NULL, 0), SEG_ERR_INVALID_ARGUMENT);
}

/* ---- seg_date_format ---- */

static void format_writes_iso_text(void **state)
{
    (void)state;
    char buf[11];
    assert_int_equal(seg_date_format(buf, sizeof buf, 0), SEG_OK);
    assert_string_equal(buf, "1970-01-01");
    assert_int_equal(seg_date_format(buf, sizeof buf, -1), SEG_OK);
    assert_string_equal(buf, "1969-12-31");
    assert_int_equal(seg_date_format(buf, sizeof buf, SEG_DATE_MIN), SEG_OK);
    assert_string_equal(buf, "0001-01-01");
    assert_int_equal(seg_date_format(buf, sizeof buf, SEG_DATE_MAX), SEG_OK);
    assert_string_equal(buf, "9999-12-31");
}

static void format_rejects_small_buffer(void **state)
{
    (void)state;
    char buf[11];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(seg_date_format(buf, 10, 0), SEG_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(seg_date_format(buf, 0, 0), SEG_ERR_BUFFER_TOO_SMALL);
    for (size_t i = 0; i < sizeof buf; i++)
        assert_int_equal(buf[i], 'x');
    assert_int_equal(seg_date_format(NULL, 11, 0), SEG_ERR_INVALID_ARGUMENT);
}

static void format_rejects_out_of_range(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(seg_date_format(buf, sizeof buf, SEG_DATE_MIN - 1), SEG_ERR_RANGE);
    assert_int_equal(seg_date_format(buf, sizeof buf, SEG_DATE_MAX + 1), SEG_ERR_RANGE);
    assert_int_equal(seg_date_format(buf, sizeof buf, SEG_NONE), SEG_ERR_RANGE);
}

/* ---- seg_date_parse: accepted forms ---- */

static void parse_date_only(void **state)
{
    expect_parse(*state, "2011-12-09", DAY_2011_12_09);
    expect_parse(*state, "1970-01-01", 0);
    expect_parse(*state, "0001-01-01", SEG_DATE_MIN);
    expect_parse(*state, "9999-12-31", SEG_DATE_MAX);
    expect_parse(*state, "2000-02-29", 11016);
}

static void parse_with_times(void **state)
{
    const char *const texts[] = {
        "2011-12-09 12:50",
        "2011-12-09T12:50",
        "2011-12-09T12:50:00",
        "2011-12-09T23:59:59",
        "2011-12-09T12:50:00.123Z",
        "2011-12-09T12:50:00Z",
        "2011-12-09T12:50:00+03:00",
        "2011-12-09T12:50:00-05:30",
        "2011-12-09 00:00:00.5",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        expect_parse(*state, texts[i], DAY_2011_12_09);
}

static void parse_works_without_context(void **state)
{
    (void)state;
    expect_parse(NULL, "2011-12-09", DAY_2011_12_09);
    expect_parse(NULL, "2011-12-09T12:50:00+03:00", DAY_2011_12_09);
}

static void parse_reads_only_len_bytes(void **state)
{
    seg_context *ctx = *state;
    int32_t d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, "2011-12-09junk", 10), SEG_OK);
    assert_int_equal(d, DAY_2011_12_09);
    d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, "2011-12-09T12:50:00Zjunk", 20), SEG_OK);
    assert_int_equal(d, DAY_2011_12_09);
    /* Cut inside the day: a parse error at the end of the given bytes. */
    d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, "2011-12-09", 9), SEG_ERR_PARSE);
    assert_int_equal(d, SENTINEL);
    assert_int_equal(seg_context_error_column(ctx), 10);
}

static void parse_rejects_null_arguments(void **state)
{
    seg_context *ctx = *state;
    int32_t d = SENTINEL;
    assert_int_equal(seg_date_parse(NULL, ctx, "2011-12-09", 10), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_date_parse(&d, ctx, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_date_parse(&d, NULL, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    /* NULL with length 0 is the empty text: a parse error, not a crash. */
    assert_int_equal(seg_date_parse(&d, ctx, NULL, 0), SEG_ERR_PARSE);
    assert_int_equal(d, SENTINEL);
}

/* ---- seg_date_parse: errors with status and column ---- */

static void parse_rejects_month_13(void **state)
{
    expect_parse_error(*state, "2011-13-01", SEG_ERR_RANGE, 1);
}

static void parse_rejects_february_30(void **state)
{
    expect_parse_error(*state, "2023-02-30", SEG_ERR_RANGE, 1);
}

static void parse_rejects_year_0(void **state)
{
    expect_parse_error(*state, "0000-01-01", SEG_ERR_RANGE, 1);
}

static void parse_rejects_one_digit_month(void **state)
{
    /* The '-' after the single month digit is the offending byte. */
    expect_parse_error(*state, "2011-1-01", SEG_ERR_PARSE, 7);
}

static void parse_rejects_basic_format(void **state)
{
    expect_parse_error(*state, "20111209", SEG_ERR_PARSE, 5);
}

static void parse_rejects_trailing_text(void **state)
{
    expect_parse_error(*state, "2011-12-09x", SEG_ERR_PARSE, 11);
}

static void parse_rejects_empty_text(void **state)
{
    expect_parse_error(*state, "", SEG_ERR_PARSE, 1);
}

static void parse_rejects_hour_25_at_the_hour(void **state)
{
    /* The hour "25" starts at byte 12 of this 16-byte value. */
    expect_parse_error(*state, "2011-12-09 25:00", SEG_ERR_RANGE, 12);
}

static void parse_rejects_minute_60_within_the_value(void **state)
{
    seg_context *ctx = *state;
    const char *text = "2011-12-09T12:60";
    int32_t d = SENTINEL;
    assert_int_equal(parse_exact(&d, ctx, text, strlen(text)), SEG_ERR_RANGE);
    int64_t col = seg_context_error_column(ctx);
    assert_true(col >= 12 && col <= (int64_t)strlen(text));
}

static void parse_rejects_malformed_times(void **state)
{
    expect_parse_error(*state, "2011-12-09T", SEG_ERR_PARSE, 12);
    expect_parse_error(*state, "2011-12-09T1250", SEG_ERR_PARSE, 14);
    expect_parse_error(*state, "2011-12-09T12:50:", SEG_ERR_PARSE, 18);
    expect_parse_error(*state, "2011-12-09T12:50:00.", SEG_ERR_PARSE, 21);
    expect_parse_error(*state, "2011-12-09T12:50:00+3", SEG_ERR_PARSE, 22);
    expect_parse_error(*state, "2011-12-09T12:50:00Zx", SEG_ERR_PARSE, 21);
}

static void parse_error_then_success_clears_context(void **state)
{
    seg_context *ctx = *state;
    expect_parse_error(ctx, "20111209", SEG_ERR_PARSE, 5);
    expect_parse(ctx, "2011-12-09", DAY_2011_12_09);
    assert_int_equal(seg_context_error_column(ctx), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(from_ymd_known_days),
        T(from_ymd_rejects_impossible_dates),
        T(from_ymd_leap_days),
        T(round_trip_around_1970),
        T(round_trip_around_2000),
        T(round_trip_near_the_ends),
        T(to_ymd_rejects_out_of_range),
        T(format_writes_iso_text),
        T(format_rejects_small_buffer),
        T(format_rejects_out_of_range),
        T(parse_date_only),
        T(parse_with_times),
        T(parse_works_without_context),
        T(parse_reads_only_len_bytes),
        T(parse_rejects_null_arguments),
        T(parse_rejects_month_13),
        T(parse_rejects_february_30),
        T(parse_rejects_year_0),
        T(parse_rejects_one_digit_month),
        T(parse_rejects_basic_format),
        T(parse_rejects_trailing_text),
        T(parse_rejects_empty_text),
        T(parse_rejects_hour_25_at_the_hour),
        T(parse_rejects_minute_60_within_the_value),
        T(parse_rejects_malformed_times),
        T(parse_error_then_success_clears_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
