/* Civil dates as days since 1970-01-01 (proleptic Gregorian): conversion to
 * and from year/month/day, and the ISO 8601 parser shared by every loader. */
#ifndef SEG_DATE_H
#define SEG_DATE_H

#include "../ctx.h"

int32_t seg__days_from_civil(int year, int month, int day);
void seg__civil_from_days(int32_t days, int *year, int *month, int *day);
int seg__days_in_month(int year, int month);

static inline int seg__date_valid(int64_t days)
{
    return days >= SEG_DATE_MIN && days <= SEG_DATE_MAX;
}

/* Parse ISO text; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len);

#endif
