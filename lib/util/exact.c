/* Exact share thresholds: a fraction taken to nine decimals, compared with
 * ratios of 64-bit sums in 128-bit integer arithmetic, and floor(p · n). */
#include "exact.h"

#include <math.h>

typedef struct u128 {
    uint64_t hi, lo;
} u128;

static u128 mul64(uint64_t a, uint64_t b)
{
    uint64_t a_lo = (uint32_t)a, a_hi = a >> 32, b_lo = (uint32_t)b, b_hi = b >> 32;
    uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    u128 r;
    r.lo = (mid << 32) | (uint32_t)ll;
    r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return r;
}

static int cmp128(u128 a, u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    return a.lo < b.lo ? -1 : a.lo > b.lo;
}

uint64_t seg__ppb(double fraction)
{
    double v = nearbyint(fraction * 1e9);
    return v <= 0 ? 0 : (uint64_t)v;
}

/* Sign of part / total − ppb / 10⁹. */
static int compare_share(uint64_t part, uint64_t total, uint64_t ppb)
{
    return cmp128(mul64(part, SEG_PPB), mul64(total, ppb));
}

int seg__share_reaches(uint64_t part, uint64_t total, uint64_t ppb)
{
    return compare_share(part, total, ppb) >= 0;
}

int seg__share_within(uint64_t part, uint64_t total, uint64_t ppb)
{
    return compare_share(part, total, ppb) <= 0;
}

uint64_t seg__ppb_of(uint64_t n, uint64_t ppb)
{
    /* The quotient is at most n, so p.hi < 10⁹ and long division by bits works. */
    u128 p = mul64(n, ppb);
    uint64_t r = p.hi, q = 0;
    for (int bit = 63; bit >= 0; bit--) {
        r = (r << 1) | ((p.lo >> bit) & 1);
        if (r >= SEG_PPB) {
            r -= SEG_PPB;
            q |= UINT64_C(1) << bit;
        }
    }
    return q;
}
