/* Tests of exact money: seg_money_parse at scales 0-6 (signs, trailing zeros,
 * inexact digits, int64 limits, error columns) and seg_money_format round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

#define SENTINEL INT64_C(-4242)

static const int64_t pow10_table[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

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

/* Parse text from a heap copy of exactly its length (no NUL), so valgrind
 * catches any read past the end. */
static seg_status parse_n(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    seg_status st = seg_money_parse(out, ctx, copy, len, scale);
    free(copy);
    return st;
}

static void expect_amount(seg_context *ctx, const char *text, int scale, int64_t expected)
{
    int64_t v = SENTINEL;
    seg_status st = parse_n(&v, ctx, text, strlen(text), scale);
    if (st != SEG_OK)
        fail_msg("'%s' at scale %d: status %d (%s)", text, scale, (int)st, seg_context_errmsg(ctx));
    assert_int_equal(v, expected);
    assert_int_equal(seg_context_errcode(ctx), SEG_OK);
    assert_string_equal(seg_context_errmsg(ctx), "");
}

/* Expect a failure with the given status; column 0 means "somewhere within
 * the text" (checked as 1..len), otherwise the exact 1-based byte. */
static void expect_error(seg_context *ctx, const char *text, int scale, seg_status status, int64_t column)
{
    int64_t v = SENTINEL;
    size_t len = strlen(text);
    seg_status st = parse_n(&v, ctx, text, len, scale);
    if (st != status)
        fail_msg("'%s' at scale %d: status %d, expected %d", text, scale, (int)st, (int)status);
    assert_int_equal(v, SENTINEL);
    assert_int_equal(seg_context_errcode(ctx), status);
    assert_int_equal(seg_context_error_line(ctx), 0);
    int64_t col = seg_context_error_column(ctx);
    if (column)
        assert_int_equal(col, column);
    else
        assert_true(col >= 1 && col <= (int64_t)len);
    assert_non_null(strstr(seg_context_errmsg(ctx), text));
    /* The same verdict without a context. */
    assert_int_equal(parse_n(&v, NULL, text, len, scale), status);
    assert_int_equal(v, SENTINEL);
}

/* ---- parse: values at every scale ---- */

static void parse_zero_and_negative_zero(void **state)
{
    for (int s = 0; s <= 6; s++) {
        expect_amount(*state, "0", s, 0);
        expect_amount(*state, "-0", s, 0);
        expect_amount(*state, "+0", s, 0);
        expect_amount(*state, "-0.0", s, 0);
    }
}

static void parse_integers(void **state)
{
    for (int s = 0; s <= 6; s++) {
        expect_amount(*state, "12", s, 12 * pow10_table[s]);
        expect_amount(*state, "-12", s, -12 * pow10_table[s]);
        expect_amount(*state, "+12", s, 12 * pow10_table[s]);
        expect_amount(*state, "0012", s, 12 * pow10_table[s]);
    }
}

static void parse_minus_12_5(void **state)
{
    expect_error(*state, "-12.5", 0, SEG_ERR_INEXACT, 5);
    for (int s = 1; s <= 6; s++)
        expect_amount(*state, "-12.5", s, -125 * pow10_table[s - 1]);
    expect_amount(*state, "-12.5", 2, -1250);
}

static void parse_plus_0_07(void **state)
{
    expect_error(*state, "+0.07", 0, SEG_ERR_INEXACT, 5);
    expect_error(*state, "+0.07", 1, SEG_ERR_INEXACT, 5);
    for (int s = 2; s <= 6; s++)
        expect_amount(*state, "+0.07", s, 7 * pow10_table[s - 2]);
}

static void parse_trailing_zeros_are_exact(void **state)
{
    expect_amount(*state, "1.500", 2, 150);
    expect_amount(*state, "1.500000000", 2, 150);
    expect_amount(*state, "-1.500", 1, -15);
    expect_amount(*state, "7.000", 0, 7);
    expect_amount(*state, "7.", 0, 7);
}

static void parse_never_rounds(void **state)
{
    expect_error(*state, "1.505", 2, SEG_ERR_INEXACT, 5);
    expect_error(*state, "1.5001", 2, SEG_ERR_INEXACT, 6);
    expect_error(*state, "0.0000001", 6, SEG_ERR_INEXACT, 9);
    expect_error(*state, "-0.5", 0, SEG_ERR_INEXACT, 4);
}

static void parse_leading_dot_is_accepted_as_a_fraction(void **state)
{
    /* ".5" means 0.5: exact at scale >= 1, never rounded to 0 or 1 at scale 0. */
    for (int s = 1; s <= 6; s++)
        expect_amount(*state, ".5", s, 5 * pow10_table[s - 1]);
    expect_amount(*state, "-.5", 2, -50);
    expect_error(*state, ".5", 0, SEG_ERR_INEXACT, 2);
}

static void parse_trailing_dot_is_accepted_as_an_integer(void **state)
{
    /* "5." means 5 exactly, at every scale. */
    for (int s = 0; s <= 6; s++)
        expect_amount(*state, "5.", s, 5 * pow10_table[s]);
}

/* ---- parse: malformed text ---- */

static void parse_rejects_two_dots(void **state)
{
    expect_error(*state, "1.2.3", 2, SEG_ERR_PARSE, 4);
}

static void parse_rejects_empty_and_sign_only(void **state)
{
    expect_error(*state, "", 2, SEG_ERR_PARSE, 1);
    expect_error(*state, "-", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, "+", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, ".", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, "-.", 2, SEG_ERR_PARSE, 3);
}

static void parse_rejects_letters_and_spaces(void **state)
{
    expect_error(*state, "abc", 2, SEG_ERR_PARSE, 1);
    expect_error(*state, " 1", 2, SEG_ERR_PARSE, 1);
    expect_error(*state, "1 ", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, "12x", 2, SEG_ERR_PARSE, 3);
    expect_error(*state, "+-1", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, "1e5", 2, SEG_ERR_PARSE, 2);
    expect_error(*state, "1,5", 2, SEG_ERR_PARSE, 2);
}

static void parse_reads_only_len_bytes(void **state)
{
    seg_context *ctx = *state;
    int64_t v = SENTINEL;
    assert_int_equal(parse_n(&v, ctx, "12.34xyz", 5, 2), SEG_OK);
    assert_int_equal(v, 1234);
    assert_int_equal(parse_n(&v, ctx, "12.345", 4, 2), SEG_OK);
    assert_int_equal(v, 1230);
}

static void parse_rejects_bad_arguments(void **state)
{
    seg_context *ctx = *state;
    int64_t v = SENTINEL;
    assert_int_equal(seg_money_parse(NULL, ctx, "1", 1, 2), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_money_parse(&v, ctx, NULL, 1, 2), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_money_parse(&v, NULL, NULL, 1, 2), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_money_parse(&v, ctx, NULL, 0, 2), SEG_ERR_PARSE);
    assert_int_equal(v, SENTINEL);
}

static void parse_rejects_scale_out_of_range(void **state)
{
    seg_context *ctx = *state;
    const int bad[] = {7, -1, 100, INT32_MIN};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = SENTINEL;
        assert_int_equal(seg_money_parse(&v, ctx, "1", 1, bad[i]), SEG_ERR_RANGE);
        assert_int_equal(seg_context_errcode(ctx), SEG_ERR_RANGE);
        assert_true(strlen(seg_context_errmsg(ctx)) > 0);
        assert_int_equal(seg_money_parse(&v, NULL, "1", 1, bad[i]), SEG_ERR_RANGE);
        assert_int_equal(v, SENTINEL);
    }
}

/* ---- parse: int64 limits ---- */

static void parse_int64_limits_exactly(void **state)
{
    expect_amount(*state, "9223372036854775807", 0, INT64_MAX);
    expect_amount(*state, "-9223372036854775807", 0, -INT64_MAX);
    expect_amount(*state, "+9223372036854775807", 0, INT64_MAX);
    expect_amount(*state, "00009223372036854775807", 0, INT64_MAX);
    expect_amount(*state, "92233720368547758.07", 2, INT64_MAX);
    expect_amount(*state, "-92233720368547758.07", 2, -INT64_MAX);
    expect_amount(*state, "92233720368547758.0700", 2, INT64_MAX);
    expect_amount(*state, "9223372036854.775807", 6, INT64_MAX);
    expect_amount(*state, "-9223372036854.775807", 6, -INT64_MAX);
}

static void parse_one_past_the_limits_overflows(void **state)
{
    expect_error(*state, "9223372036854775808", 0, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "-9223372036854775809", 0, SEG_ERR_OVERFLOW, 0);
    /* INT64_MIN is the "none" marker of int64 fields, never an amount. */
    expect_error(*state, "-9223372036854775808", 0, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "-92233720368547758.08", 2, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "99999999999999999999999", 0, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "92233720368547758.08", 2, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "-92233720368547758.09", 2, SEG_ERR_OVERFLOW, 0);
}

static void parse_overflow_through_the_scale(void **state)
{
    /* The digits fit, the implied trailing zeros of the scale do not. */
    expect_error(*state, "92233720368547758.1", 2, SEG_ERR_OVERFLOW, 0);
    expect_error(*state, "92233720368547759", 2, SEG_ERR_OVERFLOW, 0);
    expect_amount(*state, "92233720368547758", 2, INT64_C(9223372036854775800));
    expect_error(*state, "9223372036854776", 6, SEG_ERR_OVERFLOW, 0);
    expect_amount(*state, "9223372036854775", 3, INT64_C(9223372036854775000));
}

/* ---- format ---- */

typedef struct formatted {
    int64_t amount;
    int scale;
    const char *text;
} formatted;

static const formatted format_cases[] = {
    {0, 0, "0"},
    {0, 2, "0.00"},
    {0, 6, "0.000000"},
    {5, 2, "0.05"},
    {-5, 2, "-0.05"},
    {-1, 6, "-0.000001"},
    {1, 6, "0.000001"},
    {-99, 2, "-0.99"},
    {-100, 2, "-1.00"},
    {7, 1, "0.7"},
    {100, 0, "100"},
    {-123450, 2, "-1234.50"},
    {123456789, 3, "123456.789"},
    {INT64_MAX, 0, "9223372036854775807"},
    {-INT64_MAX, 0, "-9223372036854775807"},
    {INT64_MAX, 2, "92233720368547758.07"},
    {-INT64_MAX, 2, "-92233720368547758.07"},
    {INT64_MAX, 6, "9223372036854.775807"},
    {-INT64_MAX, 6, "-9223372036854.775807"},
    {-INT64_MAX, 1, "-922337203685477580.7"},
};

/* INT64_MIN is no amount (parsing rejects it), but formatting is total. */
static void format_int64_min(void **state)
{
    (void)state;
    char buf[29];
    assert_int_equal(seg_money_format(buf, sizeof buf, INT64_MIN, 2), SEG_OK);
    assert_string_equal(buf, "-92233720368547758.08");
}

static void format_known_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++) {
        const formatted *f = &format_cases[i];
        char buf[29];
        assert_int_equal(seg_money_format(buf, sizeof buf, f->amount, f->scale), SEG_OK);
        assert_string_equal(buf, f->text);
    }
}

static void format_buffer_exact_size_and_one_short(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++) {
        const formatted *f = &format_cases[i];
        size_t need = strlen(f->text) + 1;
        char *buf = malloc(need);
        assert_non_null(buf);
        memset(buf, 'x', need);
        assert_int_equal(seg_money_format(buf, need - 1, f->amount, f->scale), SEG_ERR_BUFFER_TOO_SMALL);
        for (size_t k = 0; k < need; k++)
            assert_int_equal(buf[k], 'x');
        assert_int_equal(seg_money_format(buf, need, f->amount, f->scale), SEG_OK);
        assert_string_equal(buf, f->text);
        free(buf);
    }
}

static void format_then_parse_known_values(void **state)
{
    for (size_t i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++)
        expect_amount(*state, format_cases[i].text, format_cases[i].scale, format_cases[i].amount);
}

static void format_rejects_bad_arguments(void **state)
{
    (void)state;
    char buf[29] = "unchanged";
    assert_int_equal(seg_money_format(NULL, 29, 1, 2), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_money_format(buf, sizeof buf, 1, 7), SEG_ERR_RANGE);
    assert_int_equal(seg_money_format(buf, sizeof buf, 1, -1), SEG_ERR_RANGE);
    assert_int_equal(seg_money_format(buf, 0, 1, 2), SEG_ERR_BUFFER_TOO_SMALL);
    assert_string_equal(buf, "unchanged");
}

/* ---- property: format then parse is the identity ---- */

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static void format_parse_round_trip_random(void **state)
{
    (void)state;
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    for (int i = 0; i < 100000; i++) {
        uint64_t r = xorshift64(&seed);
        /* Shift by a random amount so that small magnitudes are common too. */
        int64_t v = (int64_t)(r >> (xorshift64(&seed) % 64));
        if (r & 1)
            v = -v;
        if (i == 0)
            v = -INT64_MAX;
        for (int s = 0; s <= 6; s++) {
            char buf[29];
            assert_int_equal(seg_money_format(buf, sizeof buf, v, s), SEG_OK);
            int64_t back = SENTINEL;
            seg_status st = seg_money_parse(&back, NULL, buf, strlen(buf), s);
            if (st != SEG_OK || back != v)
                fail_msg("value %lld scale %d: '%s' parsed with status %d as %lld", (long long)v, s, buf,
                         (int)st, (long long)back);
        }
    }
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(parse_zero_and_negative_zero),
        T(parse_integers),
        T(parse_minus_12_5),
        T(parse_plus_0_07),
        T(parse_trailing_zeros_are_exact),
        T(parse_never_rounds),
        T(parse_leading_dot_is_accepted_as_a_fraction),
        T(parse_trailing_dot_is_accepted_as_an_integer),
        T(parse_rejects_two_dots),
        T(parse_rejects_empty_and_sign_only),
        T(parse_rejects_letters_and_spaces),
        T(parse_reads_only_len_bytes),
        T(parse_rejects_bad_arguments),
        T(parse_rejects_scale_out_of_range),
        T(parse_int64_limits_exactly),
        T(parse_one_past_the_limits_overflows),
        T(parse_overflow_through_the_scale),
        T(format_known_values),
        T(format_int64_min),
        T(format_buffer_exact_size_and_one_short),
        T(format_then_parse_known_values),
        T(format_rejects_bad_arguments),
        T(format_parse_round_trip_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
