/* Exact decimal money: text to int64 minor units at a scale of 0-6 and back.
 * Nothing is ever rounded; extra non-zero digits are an error. */
#ifndef SEG_MONEY_H
#define SEG_MONEY_H

#include "value.h"

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

/* Parse without a context; on failure fill *err and leave *out alone. */
seg_status seg__money_scan(int64_t *out, const char *text, size_t len, int scale, seg_numfmt *fmt,
                           seg_value_error *err);

/* Parse the plain format; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale);

#endif
