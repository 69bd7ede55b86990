/* Bit counts and positions in 64-bit masks: the instructions where the
 * compiler has them (GCC, Clang), else a few portable arithmetic steps. */
#ifndef SEG_BITS_H
#define SEG_BITS_H

#include <stdint.h>

/* Set bits of x (the popcount instruction only where the target has it). */
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

/* Position of the highest set bit of x != 0. */
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

/* Position of the lowest set bit of x != 0. */
static inline int seg__low_bit(uint64_t x)
{
#if defined(__GNUC__)
    return __builtin_ctzll(x);
#else
    int n = 0;
    for (; !(x & 1); x >>= 1)
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

#endif
