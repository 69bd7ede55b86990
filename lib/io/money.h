/* Exact decimal money: text to int64 minor units at a scale of 0-6 and back.
 * Nothing is ever rounded; extra non-zero digits are an error. */
#ifndef SEG_MONEY_H
#define SEG_MONEY_H

#include "value.h"

#include <string.h>

#define SEG_SCALE_MAX 6

/* How decimal text is written. The plain format (a NULL format) is the API's:
 * a point, no thousands separators. */
typedef struct seg_numfmt {
    char decimal;           /* '.', ',' or 0 = either; the first one seen is written back */
    unsigned char grouping; /* accept thousands separators: space, U+00A0, U+202F, apostrophe */
    unsigned char nbsp_byte;/* a lone 0xA0 byte is a no-break space (Windows-1251 text) */
} seg_numfmt;

/* 10^scale for scale 0..SEG_SCALE_MAX. */
int64_t seg__pow10(int scale);
extern const int64_t seg__pow10_table[SEG_SCALE_MAX + 1];

/* The common shape, inline for loaders: an optional sign, digits, and (when
 * the mark is known) the mark with at most `scale` digits; 18 digits at
 * most, so nothing can overflow. 1 when *out was set; 0 when the text needs
 * seg__money_scan, which handles (or refuses) everything else. */
static inline int seg__money_fast(int64_t *out, const char *s, size_t len, int scale, char mark)
{
    size_t i = 0, digits;
    int frac = 0, negative = 0, sign = len && (s[0] == '-' || s[0] == '+');
    uint64_t v = 0;
    if (sign)
        negative = s[i++] == '-';
    for (; i < len && (unsigned)(s[i] - '0') < 10u; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    digits = i - (size_t)sign;
    if (i < len) {
        if (!mark || s[i] != mark)
            return 0;
        for (i++; i < len && frac < scale && (unsigned)(s[i] - '0') < 10u; i++, frac++)
            v = v * 10 + (uint64_t)(s[i] - '0');
        if (i < len)
            return 0;
    }
    if (digits + (size_t)frac == 0 || digits + (size_t)scale > 18)
        return 0;
    v *= (uint64_t)seg__pow10_table[scale - frac];
    *out = negative ? -(int64_t)v : (int64_t)v;
    return 1;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SEG_MONEY_SWAR 1

/* Bits below byte n of a word (n ≤ 8). */
static inline uint64_t seg__low_bytes(size_t n)
{
    return n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
}

/* Eight ASCII digits (first in the low byte, '0' already subtracted) as a
 * number: three multiplications instead of eight steps. */
static inline uint64_t seg__eight_digits(uint64_t v)
{
    const uint64_t mask = 0x000000FF000000FFu, mul1 = 100 + (1000000ull << 32), mul2 = 1 + (10000ull << 32);
    v = v * 10 + (v >> 8);
    return ((v & mask) * mul1 + ((v >> 16) & mask) * mul2) >> 32;
}

/* 0x80 in each byte of x that is not zero (no carry crosses a byte). */
static inline uint64_t seg__nonzero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu;
    return (((x & low7) + low7) | x) & ~low7;
}

/* seg__money_fast for the commonest shapes, without a loop: an optional
 * sign, then at most 8 bytes: digits and, when scale > 0, the mark and
 * exactly `scale` digits. Reads the 8 bytes that end at s + len, which must
 * be readable. 1 when *out was set (the value seg__money_fast gives), 0 for
 * seg__money_fast to decide. */
static inline int seg__money_swar(int64_t *out, const char *s, size_t len, int scale, char mark)
{
    const uint64_t ones = 0x0101010101010101u, low = 0x0F * ones;
    int negative = len && s[0] == '-', sign = len && (s[0] == '-' || s[0] == '+');
    size_t n = len - (size_t)sign, ndigits = n - (scale > 0);
    uint64_t x;
    if (n == 0 || n > 8 || (scale > 0 && (!mark || n <= (size_t)scale || s[len - 1 - (size_t)scale] != mark)))
        return 0;
    memcpy(&x, s + len - 8, 8); /* the value's last byte on top */
    x ^= ones * '0';
    if (scale > 0) { /* the mark taken out: the bytes below it move up one */
        uint64_t below = seg__low_bytes(8 - (size_t)scale);
        x = (x & ~below) | ((x << 8) & below);
    }
    x &= ~seg__low_bytes(8 - ndigits); /* what precedes the digits reads as 0 */
    if (seg__nonzero_bytes((x & ~low) | (((x & low) + 6 * ones) & 0x10 * ones)))
        return 0; /* a byte that is not 0-9 */
    uint64_t v = seg__eight_digits(x);
    *out = negative ? -(int64_t)v : (int64_t)v;
    return 1;
}
#endif

/* Parse without a context; on failure fill *err and leave *out alone. */
seg_status seg__money_scan(int64_t *out, const char *text, size_t len, int scale, seg_numfmt *fmt,
                           seg_value_error *err);

/* Parse the plain format; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale);

#endif
