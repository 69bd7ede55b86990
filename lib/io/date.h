/* Civil dates as days since 1970-01-01 (proleptic Gregorian): conversion to
 * and from year/month/day, and the ISO 8601 parser shared by every loader. */
#ifndef SEG_DATE_H
#define SEG_DATE_H

#include "value.h"

int32_t seg__days_from_civil(int year, int month, int day);
void seg__civil_from_days(int32_t days, int *year, int *month, int *day);
int seg__days_in_month(int year, int month);

static inline int seg__date_valid(int64_t days)
{
    return days >= SEG_DATE_MIN && days <= SEG_DATE_MAX;
}

/* Parse ISO text; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len);

/* Parse any shape a CSV export uses: ISO (with or without a time), YYYYMMDD,
 * YYYY/MM/DD, D.M.YYYY and A/B/YYYY (one or two digits, optional time, AM/PM).
 * Slash dates follow *order (a seg_csv_date_order); while it is AUTO a date
 * with a part above 12 decides it (written back) and an ambiguous one fails.
 * 1C's empty date 01.01.0001 gives SEG_NONE. No context: failures fill *err. */
seg_status seg__date_scan(int32_t *out, const char *text, size_t len, int *order, seg_value_error *err);

/* What one value says about the day/month order of slash dates. */
enum { SEG_DATE_HINT_NONE = 0, SEG_DATE_HINT_DMY = 1, SEG_DATE_HINT_MDY = 2, SEG_DATE_HINT_AMBIGUOUS = 3 };
int seg__date_order_hint(const char *text, size_t len);

#endif
