/* Decimal digits without printf: unsigned and signed integers, fixed widths
 * with leading zeros and scaled decimals, for the writers' hot path. */
#ifndef SEG_DIGITS_H
#define SEG_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* How many decimal digits v has (1-20). */
static inline size_t seg__digits_count(uint64_t v)
{
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && v >= p; p *= 10)
        n++;
    return n;
}

/* The digits of v at buf (at least 20 bytes, no NUL); returns their count.
 * Written from the end, two digits a step from a table of the pairs 00-99. */
static inline size_t seg__digits_u64(char *buf, uint64_t v)
{
    static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                   "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                   "8081828384858687888990919293949596979899";
    size_t n = seg__digits_count(v);
    char *end = buf + n;
    while (v >= 100) {
        end -= 2;
        memcpy(end, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10)
        memcpy(end - 2, pairs + 2 * v, 2);
    else
        end[-1] = (char)('0' + v);
    return n;
}

/* v with a leading '-' when negative (at least 21 bytes, no NUL). */
static inline size_t seg__digits_i64(char *buf, int64_t v)
{
    if (v >= 0)
        return seg__digits_u64(buf, (uint64_t)v);
    buf[0] = '-';
    return 1 + seg__digits_u64(buf + 1, 0 - (uint64_t)v);
}

/* v (< 10^width) in exactly `width` digits, zero-padded (no NUL). */
static inline void seg__digits_fixed(char *buf, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        buf[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* amount / unit as [-]digits[.digits] with `scale` decimals, where unit is
 * 10^scale (scale 0-18; at most 41 bytes, no NUL): money in minor units. */
static inline size_t seg__digits_scaled(char *buf, int64_t amount, int scale, uint64_t unit)
{
    uint64_t mag = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
    size_t n = amount < 0;
    buf[0] = '-';
    n += seg__digits_u64(buf + n, mag / unit);
    if (scale) {
        buf[n++] = '.';
        seg__digits_fixed(buf + n, mag % unit, scale);
        n += (size_t)scale;
    }
    return n;
}

#endif
