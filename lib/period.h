/* Calendar periods (day, ISO week, month, quarter): the period index of a
 * date, the day's position inside it, and the first day of a period. */
#ifndef SEG_PERIOD_H
#define SEG_PERIOD_H

#include <libsegment/segment.h>

/* Period index of `date` (monotonic in date) and its 0-based day within the
 * period (< 92, so it fits a 128-bit day mask). */
int32_t seg__period_of(seg_period period, int32_t date, unsigned *day_in_period);

/* The last answer of seg__period_of, for inputs whose rows share dates. */
typedef struct seg_period_memo {
    seg_period kind;
    int32_t date, period; /* date INT32_MIN: empty */
    unsigned day;
} seg_period_memo;

static inline int32_t seg__period_memo(seg_period_memo *m, seg_period kind, int32_t date, unsigned *day)
{
    if (date != m->date || kind != m->kind) {
        m->period = seg__period_of(kind, date, &m->day);
        m->date = date;
        m->kind = kind;
    }
    *day = m->day;
    return m->period;
}

/* First day of period `index`. */
int32_t seg__period_start(seg_period period, int32_t index);

#endif
