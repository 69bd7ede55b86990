/* Calendar periods (day, ISO week, month, quarter): the period index of a
 * date, the day's position inside it, and the first day of a period. */
#include "period.h"

#include "io/date.h"

static int32_t floor_div(int32_t a, int32_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int32_t seg__period_of(seg_period period, int32_t date, unsigned *day_in_period)
{
    int y, m, d;
    switch (period) {
    case SEG_PERIOD_DAY:
        *day_in_period = 0;
        return date;
    case SEG_PERIOD_WEEK: { /* 1969-12-29, day -3, is a Monday */
        int32_t week = floor_div(date + 3, 7);
        *day_in_period = (unsigned)(date + 3 - week * 7);
        return week;
    }
    case SEG_PERIOD_QUARTER: {
        seg__civil_from_days(date, &y, &m, &d);
        int first_month = (m - 1) / 3 * 3 + 1;
        *day_in_period = (unsigned)(date - seg__days_from_civil(y, first_month, 1));
        return (y - 1970) * 4 + (m - 1) / 3;
    }
    case SEG_PERIOD_MONTH:
    default:
        seg__civil_from_days(date, &y, &m, &d);
        *day_in_period = (unsigned)(d - 1);
        return (y - 1970) * 12 + (m - 1);
    }
}

int32_t seg__period_start(seg_period period, int32_t index)
{
    switch (period) {
    case SEG_PERIOD_DAY:
        return index;
    case SEG_PERIOD_WEEK:
        return index * 7 - 3;
    case SEG_PERIOD_QUARTER:
        return seg__days_from_civil(1970 + floor_div(index, 4), (index - floor_div(index, 4) * 4) * 3 + 1, 1);
    case SEG_PERIOD_MONTH:
    default:
        return seg__days_from_civil(1970 + floor_div(index, 12), index - floor_div(index, 12) * 12 + 1, 1);
    }
}
