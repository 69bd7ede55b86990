/* Exact share thresholds: a fraction taken to nine decimals, compared with
 * ratios of 64-bit sums in 128-bit integer arithmetic, and floor(p · n). */
#include "exact.h"

#include <math.h>

static int cmp128(seg_u128 a, seg_u128 b)
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
    return cmp128(seg__mul64(part, SEG_PPB), seg__mul64(total, ppb));
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
    seg_u128 p = seg__mul64(n, ppb);
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
