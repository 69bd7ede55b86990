/* Decimal digits without printf: unsigned and signed integers and fixed
 * widths with leading zeros, for the writers' hot path. */
#ifndef SEG_DIGITS_H
#define SEG_DIGITS_H

#include <stddef.h>
#include <stdint.h>

/* The digits of v at buf (at least 20 bytes, no NUL); returns their count. */
static inline size_t seg__digits_u64(char *buf, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
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

#endif
