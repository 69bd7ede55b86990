/* White-box tests of calendar periods: ISO weeks start on Monday, months and
 * quarters follow the calendar, and every day maps into its period's mask. */
#include "test_util.h"

#include "period.h"

static void weeks_start_on_monday(void **state)
{
    (void)state;
    unsigned d;
    int32_t mon = day("2024-01-01"); /* a Monday */
    int32_t w = seg__period_of(SEG_PERIOD_WEEK, mon, &d);
    assert_int_equal(d, 0);
    assert_int_equal(seg__period_of(SEG_PERIOD_WEEK, mon + 6, &d), w);
    assert_int_equal(d, 6);
    assert_int_equal(seg__period_of(SEG_PERIOD_WEEK, mon + 7, &d), w + 1);
    assert_int_equal(seg__period_of(SEG_PERIOD_WEEK, mon - 1, &d), w - 1);
    assert_int_equal(seg__period_start(SEG_PERIOD_WEEK, w), mon);
    assert_int_equal(seg__period_of(SEG_PERIOD_WEEK, day("1969-12-29"), &d), 0);
}

static void months_and_quarters(void **state)
{
    (void)state;
    unsigned d;
    assert_int_equal(seg__period_of(SEG_PERIOD_MONTH, day("1970-01-31"), &d), 0);
    assert_int_equal(d, 30);
    assert_int_equal(seg__period_of(SEG_PERIOD_MONTH, day("1969-12-01"), &d), -1);
    assert_int_equal(seg__period_of(SEG_PERIOD_MONTH, day("2011-12-09"), &d), 41 * 12 + 11);
    assert_int_equal(seg__period_start(SEG_PERIOD_MONTH, -1), day("1969-12-01"));
    assert_int_equal(seg__period_of(SEG_PERIOD_QUARTER, day("2011-12-31"), &d), 41 * 4 + 3);
    assert_int_equal(d, 91);
    assert_int_equal(seg__period_start(SEG_PERIOD_QUARTER, 41 * 4 + 3), day("2011-10-01"));
    assert_int_equal(seg__period_of(SEG_PERIOD_QUARTER, day("1969-11-15"), &d), -1);
    assert_int_equal(seg__period_start(SEG_PERIOD_QUARTER, -1), day("1969-10-01"));
}

/* For every granularity and every day over a long span: the index never goes
 * down, the start of the period maps to day 0, and the day fits a 128-bit mask. */
static void periods_are_consistent(void **state)
{
    (void)state;
    const seg_period kinds[] = {SEG_PERIOD_DAY, SEG_PERIOD_WEEK, SEG_PERIOD_MONTH, SEG_PERIOD_QUARTER};
    const int32_t spans[][2] = {{SEG_DATE_MIN, SEG_DATE_MIN + 800}, {-1500, 20000}, {SEG_DATE_MAX - 800, SEG_DATE_MAX}};
    for (size_t k = 0; k < 4; k++) {
        for (size_t s = 0; s < 3; s++) {
            unsigned d;
            int32_t prev = seg__period_of(kinds[k], spans[s][0], &d);
            for (int32_t t = spans[s][0]; t <= spans[s][1]; t++) {
                int32_t p = seg__period_of(kinds[k], t, &d);
                assert_true(p == prev || p == prev + 1);
                assert_true(d < 92);
                assert_int_equal(seg__period_start(kinds[k], p) + (int32_t)d, t);
                prev = p;
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weeks_start_on_monday),
        cmocka_unit_test(months_and_quarters),
        cmocka_unit_test(periods_are_consistent),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
