/* Decimal digits without printf: unsigned and signed integers, fixed widths
 * with leading zeros and scaled decimals, for the writers' hot path. */
#ifndef SEG_DIGITS_H
#define SEG_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const char seg__digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* How many decimal digits v has (1-20). */
static inline size_t seg__digits_count(uint64_t v)
{
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && v >= p; p *= 10)
        n++;
    return n;
}

/* v (< 10^width) in exactly `width` digits, zero-padded (no NUL); written
 * from the end, two digits a step from the table of the pairs 00-99. */
static inline void seg__digits_fixed(char *buf, uint64_t v, size_t width)
{
    char *end = buf + width;
    while (end - buf >= 2) {
        end -= 2;
        memcpy(end, seg__digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (end > buf)
        buf[0] = (char)('0' + v % 10);
}

/* The digits of v at buf (at least 20 bytes, no NUL); returns their count. */
static inline size_t seg__digits_u64(char *buf, uint64_t v)
{
    size_t n = seg__digits_count(v);
    seg__digits_fixed(buf, v, n);
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
        seg__digits_fixed(buf + n, mag % unit, (size_t)scale);
        n += (size_t)scale;
    }
    return n;
}

#endif
