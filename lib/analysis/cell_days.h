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
    uint64_t hi = seg__bits_upto(seg__cell_days_hi(ds, j), b - 64), lo = seg__bits_upto(ds->cells[j].days_lo, b);
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
    uint64_t lo = ds->cells[j].days_lo, hi = seg__cell_days_hi(ds, j);
    return (uint8_t)(hi ? 64 + seg__high_bit(hi) : lo ? seg__high_bit(lo) : SEG_NO_DAY);
}

/* Set bits of x: the instruction where the target has it, else a few
 * arithmetic steps (not a library call). */
static inline uint32_t seg__bit_count(uint64_t x)
{
#if defined(__GNUC__) && defined(__POPCNT__)
    return (uint32_t)__builtin_popcountll(x);
#else
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
    return (uint32_t)((x * UINT64_C(0x0101010101010101)) >> 56);
#endif
}

/* Purchase days of cell j (days 64 and later occur only in quarters). */
static inline uint32_t seg__cell_day_count(const seg_dataset *ds, uint32_t j)
{
    uint64_t hi = seg__cell_days_hi(ds, j);
    return seg__bit_count(ds->cells[j].days_lo) + (hi ? seg__bit_count(hi) : 0);
}

#endif
