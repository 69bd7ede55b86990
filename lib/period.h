/* Calendar periods (day, ISO week, month, quarter): the period index of a
 * date, the day's position inside it, and the first day of a period. */
#ifndef SEG_PERIOD_H
#define SEG_PERIOD_H

#include <libsegment/segment.h>

/* Period index of `date` (monotonic in date) and its 0-based day within the
 * period (< 92, so it fits a 128-bit day mask). */
int32_t seg__period_of(seg_period period, int32_t date, unsigned *day_in_period);

/* First day of period `index`. */
int32_t seg__period_start(seg_period period, int32_t index);

#endif
