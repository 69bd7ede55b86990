/* Exact share thresholds: a fraction taken to nine decimals, compared with
 * ratios of 64-bit sums in 128-bit integer arithmetic, and floor(p · n). */
#ifndef SEG_EXACT_H
#define SEG_EXACT_H

#include <stdint.h>

#define SEG_PPB UINT64_C(1000000000)

/* A fraction 0–1 in parts per billion, rounded to nearest. */
uint64_t seg__ppb(double fraction);

/* 1 if part / total ≥ ppb / 10⁹ (part, total ≥ 0, total > 0). */
int seg__share_reaches(uint64_t part, uint64_t total, uint64_t ppb);

/* 1 if part / total ≤ ppb / 10⁹. */
int seg__share_within(uint64_t part, uint64_t total, uint64_t ppb);

/* floor(n · ppb / 10⁹). */
uint64_t seg__ppb_of(uint64_t n, uint64_t ppb);

/* An unsigned 128-bit value in two words. */
typedef struct seg_u128 {
    uint64_t hi, lo;
} seg_u128;

/* a · b exactly. */
static inline seg_u128 seg__mul64(uint64_t a, uint64_t b)
{
    uint64_t a_lo = (uint32_t)a, a_hi = a >> 32, b_lo = (uint32_t)b, b_hi = b >> 32;
    uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    seg_u128 r = {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (uint32_t)ll};
    return r;
}

/* An exact sum of int64 values in two words: no order of the terms can make
 * it overflow (fewer than 2^63 of them), only the total can fail to fit. */
typedef struct seg_wide {
    int64_t hi;
    uint64_t lo;
} seg_wide;

static inline void seg__wide_add(seg_wide *w, int64_t v)
{
    uint64_t lo = w->lo + (uint64_t)v;
    w->hi += (v < 0 ? -1 : 0) + (lo < w->lo);
    w->lo = lo;
}

/* 1 if the sum fits in an int64 (INT64_MIN included), stored in *out. */
static inline int seg__wide_get(const seg_wide *w, int64_t *out)
{
    if (w->hi != ((w->lo >> 63) ? -1 : 0))
        return 0;
    *out = (int64_t)w->lo;
    return 1;
}

/* 1 if the sum is exactly v. */
static inline int seg__wide_is(const seg_wide *w, int64_t v)
{
    return w->lo == (uint64_t)v && w->hi == (v < 0 ? -1 : 0);
}

#endif
