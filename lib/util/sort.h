/* Radix sorts on dense arrays: a stable LSD sort of (64-bit key, 32-bit value)
 * pairs, and order-preserving keys for signed integers and doubles. */
#ifndef SEG_SORT_H
#define SEG_SORT_H

#include "../ctx.h"

#include <string.h>

/* Sort keys[0..n) ascending, moving vals along; stable, so equal keys keep
 * their input order. Scratch comes from ctx; SEG_ERR_OUT_OF_MEMORY leaves the
 * arrays unchanged. */
seg_status seg__sort_pairs(seg_context *ctx, uint64_t *keys, uint32_t *vals, size_t n);

/* Sort bare keys ascending; SEG_ERR_OUT_OF_MEMORY leaves them unchanged. */
seg_status seg__sort_keys(seg_context *ctx, uint64_t *keys, size_t n);

/* Keys whose unsigned order is the numeric order of the value. */
static inline uint64_t seg__key_i64(int64_t v)
{
    return (uint64_t)v ^ UINT64_C(0x8000000000000000);
}

/* Numeric order for finite doubles and infinities (NaN must not occur). */
static inline uint64_t seg__key_f64(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : u | UINT64_C(0x8000000000000000);
}

/* The double whose seg__key_f64 is k. */
static inline double seg__f64_of_key(uint64_t k)
{
    uint64_t u = (k >> 63) ? k & ~UINT64_C(0x8000000000000000) : ~k;
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

#endif
