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

#endif
