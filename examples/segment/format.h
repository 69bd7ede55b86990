/* Numbers, money and dates as text for people: thousands separators, fixed
 * decimals, "–" for a missing value. Independent of the C locale, so the same
 * result always gives the same bytes. */
#ifndef SEGMENT_FORMAT_H
#define SEGMENT_FORMAT_H

#include <stdint.h>

/* A formatted value, returned by value so that it can be used inline:
 * fprintf(out, "%s", fmt_pct(x).s). Never longer than 47 bytes. */
typedef struct fmt_buf {
    char s[48];
} fmt_buf;

/* The text of a missing value: an en dash. */
#define FMT_NONE "\xE2\x80\x93"

fmt_buf fmt_int(int64_t v);                 /* 1,234,567 */
fmt_buf fmt_money(int64_t minor, int scale); /* 1,234,567.50 at scale 2 */
fmt_buf fmt_fixed(double v, int decimals);  /* 12.3 (no grouping); FMT_NONE unless finite */
fmt_buf fmt_pct(double share);              /* 0.1234 gives "12.3 %" */
fmt_buf fmt_real(double v);                 /* at most 2 decimals, trailing zeros dropped */
fmt_buf fmt_date(int64_t day);              /* 2024-12-17; FMT_NONE outside the date range */
fmt_buf fmt_time(int64_t unix_seconds);     /* 2024-12-17 09:30 UTC */

#endif
