/* Purchase days of a folded cell from its 128-bit day mask: the first one and
 * the last one up to a date, for aggregates, windows and lifecycle rates. */
#include "cells.h"

static int lowest_bit(uint64_t x)
{
    int n = 0;
    for (; !(x & 1); x >>= 1)
        n++;
    return n;
}

static int highest_bit(uint64_t x)
{
    int n = -1;
    for (; x; x >>= 1)
        n++;
    return n;
}

/* Bits 0 … b of a mask (b may be ≥ 64 or < 0). */
static uint64_t upto_bit(uint64_t mask, int64_t b)
{
    if (b < 0)
        return 0;
    return b >= 63 ? mask : mask & ((UINT64_C(2) << b) - 1);
}

int32_t seg__cell_last_purchase(const seg_dataset *ds, uint32_t j, int32_t upto)
{
    int32_t start = seg__cell_start(ds, j);
    int64_t b = (int64_t)upto - start;
    uint64_t hi = upto_bit(seg__cell_days_hi(ds, j), b - 64), lo = upto_bit(ds->cells[j].days_lo, b);
    if (hi)
        return start + 64 + highest_bit(hi);
    return lo ? start + highest_bit(lo) : SEG_NONE;
}

int32_t seg__cell_first_purchase(const seg_dataset *ds, uint32_t j)
{
    uint64_t lo = ds->cells[j].days_lo, hi = seg__cell_days_hi(ds, j);
    if (lo)
        return seg__cell_start(ds, j) + lowest_bit(lo);
    return hi ? seg__cell_start(ds, j) + 64 + lowest_bit(hi) : SEG_NONE;
}
