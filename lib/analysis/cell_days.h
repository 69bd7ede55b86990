/* Purchase days of a folded cell whose first day the caller already knows
 * (from the run's period-start table), so hot loops skip calendar arithmetic. */
#ifndef SEG_CELL_DAYS_H
#define SEG_CELL_DAYS_H

#include "cells.h"

static inline int seg__high_bit(uint64_t x)
{
#if defined(__GNUC__)
    return 63 - __builtin_clzll(x);
#else
    int n = -1;
    for (; x; x >>= 1)
        n++;
    return n;
#endif
}

/* Bits 0 … b of a mask (b may be ≥ 64 or < 0). */
static inline uint64_t seg__bits_upto(uint64_t mask, int64_t b)
{
    if (b < 0)
        return 0;
    return b >= 63 ? mask : mask & ((UINT64_C(2) << b) - 1);
}

/* Last purchase day of cell j (first day `start`) on or before `upto`, or SEG_NONE. */
static inline int32_t seg__cell_last_from(const seg_dataset *ds, uint32_t j, int32_t start, int32_t upto)
{
    int64_t b = (int64_t)upto - start;
    uint64_t hi = seg__bits_upto(ds->cells.days_hi[j], b - 64), lo = seg__bits_upto(ds->cells.days_lo[j], b);
    if (hi)
        return start + 64 + seg__high_bit(hi);
    return lo ? start + seg__high_bit(lo) : SEG_NONE;
}

#ifndef SEG_NO_DAY
#define SEG_NO_DAY 255
#endif

/* Position of cell j's last purchase day within its period (0 … 127), or
 * SEG_NO_DAY without a purchase. */
static inline uint8_t seg__cell_last_bit(const seg_dataset *ds, uint32_t j)
{
    uint64_t lo = ds->cells.days_lo[j], hi = ds->cells.days_hi[j];
    return (uint8_t)(hi ? 64 + seg__high_bit(hi) : lo ? seg__high_bit(lo) : SEG_NO_DAY);
}

/* Purchase days of cell j, with the popcount instruction where there is one. */
static inline uint32_t seg__cell_day_count(const seg_dataset *ds, uint32_t j)
{
#if defined(__GNUC__)
    return (uint32_t)(__builtin_popcountll(ds->cells.days_lo[j]) + __builtin_popcountll(ds->cells.days_hi[j]));
#else
    return seg__cell_days(ds, j);
#endif
}

#endif
