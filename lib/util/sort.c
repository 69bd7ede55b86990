/* Radix sorts on dense arrays: a stable LSD sort of (64-bit key, 32-bit value)
 * pairs or of bare keys, and order-preserving keys for signed integers and
 * doubles. */
#include "sort.h"

#define RADIX_BITS 8
#define BUCKETS (1u << RADIX_BITS)
#define PASSES (64 / RADIX_BITS)

/* The byte positions in which the keys differ (a bit per pass), so that
 * constant bytes cost neither a histogram nor a pass. */
static unsigned varying_passes(const uint64_t *keys, size_t n)
{
    uint64_t any = 0, all = ~UINT64_C(0);
    unsigned mask = 0;
    for (size_t i = 0; i < n; i++) {
        any |= keys[i];
        all &= keys[i];
    }
    for (unsigned p = 0; p < PASSES; p++)
        if (((any ^ all) >> (p * RADIX_BITS)) & (BUCKETS - 1))
            mask |= 1u << p;
    return mask;
}

/* Histograms of the varying byte positions in one read of the keys. */
static void histograms(size_t (*count)[BUCKETS], const uint64_t *keys, size_t n, unsigned passes)
{
    unsigned shift[PASSES], np = 0;
    memset(count, 0, sizeof(size_t) * BUCKETS * PASSES);
    for (unsigned p = 0; p < PASSES; p++)
        if (passes >> p & 1)
            shift[np++] = p;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        for (unsigned q = 0; q < np; q++)
            count[shift[q]][(k >> (shift[q] * RADIX_BITS)) & (BUCKETS - 1)]++;
    }
}

/* One counting pass by byte `pass`, from (ks, vs) into (kd, vd). */
static void scatter(const uint64_t *ks, const uint32_t *vs, uint64_t *kd, uint32_t *vd, size_t n,
                    const size_t *count, unsigned pass)
{
    size_t pos[BUCKETS], sum = 0;
    for (unsigned b = 0; b < BUCKETS; b++) {
        pos[b] = sum;
        sum += count[b];
    }
    unsigned shift = pass * RADIX_BITS;
    for (size_t i = 0; i < n; i++) {
        size_t d = pos[(ks[i] >> shift) & (BUCKETS - 1)]++;
        kd[d] = ks[i];
        vd[d] = vs[i];
    }
}

seg_status seg__sort_pairs(seg_context *ctx, uint64_t *keys, uint32_t *vals, size_t n)
{
    if (n < 2)
        return SEG_OK;
    size_t bytes = n * (sizeof *keys + sizeof *vals);
    if (n > SIZE_MAX / (sizeof *keys + sizeof *vals))
        return seg__nomem(ctx, SIZE_MAX);
    size_t (*count)[BUCKETS] = seg__malloc(ctx, sizeof(size_t) * BUCKETS * PASSES);
    uint64_t *ktmp = seg__malloc(ctx, bytes);
    if (!count || !ktmp) {
        seg__free(ctx, count);
        seg__free(ctx, ktmp);
        return seg__nomem(ctx, bytes);
    }
    uint32_t *vtmp = (uint32_t *)(ktmp + n);
    unsigned passes = varying_passes(keys, n);
    histograms(count, keys, n, passes);
    uint64_t *ks = keys, *kd = ktmp;
    uint32_t *vs = vals, *vd = vtmp;
    for (unsigned p = 0; p < PASSES; p++) {
        if (!(passes >> p & 1))
            continue; /* every key has the same byte here */
        scatter(ks, vs, kd, vd, n, count[p], p);
        uint64_t *kt = ks; ks = kd; kd = kt;
        uint32_t *vt = vs; vs = vd; vd = vt;
    }
    if (ks != keys) {
        memcpy(keys, ks, n * sizeof *keys);
        memcpy(vals, vs, n * sizeof *vals);
    }
    seg__free(ctx, count);
    seg__free(ctx, ktmp);
    return SEG_OK;
}

/* One counting pass of bare keys by byte `pass`. */
static void scatter_keys(const uint64_t *ks, uint64_t *kd, size_t n, const size_t *count, unsigned pass)
{
    size_t pos[BUCKETS], sum = 0;
    for (unsigned b = 0; b < BUCKETS; b++) {
        pos[b] = sum;
        sum += count[b];
    }
    unsigned shift = pass * RADIX_BITS;
    for (size_t i = 0; i < n; i++)
        kd[pos[(ks[i] >> shift) & (BUCKETS - 1)]++] = ks[i];
}

seg_status seg__sort_keys(seg_context *ctx, uint64_t *keys, size_t n)
{
    if (n < 2)
        return SEG_OK;
    if (n > SIZE_MAX / sizeof *keys)
        return seg__nomem(ctx, SIZE_MAX);
    size_t (*count)[BUCKETS] = seg__malloc(ctx, sizeof(size_t) * BUCKETS * PASSES);
    uint64_t *tmp = seg__malloc(ctx, n * sizeof *keys);
    if (!count || !tmp) {
        seg__free(ctx, count);
        seg__free(ctx, tmp);
        return seg__nomem(ctx, n * sizeof *keys);
    }
    unsigned passes = varying_passes(keys, n);
    histograms(count, keys, n, passes);
    uint64_t *ks = keys, *kd = tmp;
    for (unsigned p = 0; p < PASSES; p++) {
        if (!(passes >> p & 1))
            continue;
        scatter_keys(ks, kd, n, count[p], p);
        uint64_t *kt = ks; ks = kd; kd = kt;
    }
    if (ks != keys)
        memcpy(keys, ks, n * sizeof *keys);
    seg__free(ctx, count);
    seg__free(ctx, tmp);
    return SEG_OK;
}
