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

/* seg__money_fast for the shortest shapes, without a loop: digits, then
 * optionally the mark and 1..scale digits, 1-8 bytes after an optional sign.
 * All 8 bytes from s + (sign) must be readable. 1 when *out was set (the
 * value seg__money_fast gives), 0 for seg__money_fast to decide. */
static inline int seg__money_swar(int64_t *out, const char *s, size_t len, int scale, char mark)
{
    const uint64_t ones = 0x0101010101010101u;
    int negative = len && s[0] == '-', sign = len && (s[0] == '-' || s[0] == '+');
    uint64_t w;
    s += sign, len -= (size_t)sign;
    if (len == 0 || len > 8 || !mark)
        return 0;
    memcpy(&w, s, 8);
    uint64_t x = (w ^ ones * '0') & seg__low_bytes(len), low = 0x0F * ones; /* digit values; 0 past len */
    uint64_t odd = seg__nonzero_bytes((x & ~low) | (((x & low) + 6 * ones) & 0x10 * ones)); /* not 0-9 */
    size_t at = odd ? (size_t)__builtin_ctzll(odd) / 8 : len, frac = odd ? len - at - 1 : 0;
    if (odd && ((odd & (odd - 1)) || at == 0 || s[at] != mark || frac == 0 || frac > (size_t)scale))
        return 0;
    x = (x & seg__low_bytes(at)) | ((x >> 8) & ~seg__low_bytes(at)); /* the mark taken out */
    uint64_t v = seg__eight_digits(x << (8 * (8 - (len - (odd != 0)))));
    v *= (uint64_t)seg__pow10_table[scale - (int)frac];
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
