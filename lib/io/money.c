/* Exact decimal money: text to int64 minor units at a scale of 0-6 and back.
 * Nothing is ever rounded; extra non-zero digits are an error. */
#include "money.h"

#include <stdio.h>

int64_t seg__pow10(int scale)
{
    static const int64_t p[SEG_SCALE_MAX + 1] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    return p[scale];
}

static seg_status fail(seg_context *ctx, seg_status st, const char *text, size_t len, size_t pos,
                       const char *what)
{
    if (!ctx)
        return st;
    return seg__error_at(ctx, st, 0, (int64_t)pos + 1, "amount '%.*s': %s",
                         (int)(len > 40 ? 40 : len), text, what);
}

/* Accumulate one digit into a non-negative magnitude bounded by INT64_MAX.
 * Amounts are symmetric, within ±(2^63 − 1): INT64_MIN is the "none" marker
 * of int64 fields and never an amount. */
static int push_digit(uint64_t *mag, int digit)
{
    const uint64_t limit = (uint64_t)INT64_MAX;
    if (*mag > (limit - (uint64_t)digit) / 10)
        return 0;
    *mag = *mag * 10 + (uint64_t)digit;
    return 1;
}

seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale)
{
    size_t i = 0, ndigits = 0;
    int negative = 0, frac = 0;
    uint64_t mag = 0;
    if (i < len && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    for (; i < len; i++) {
        char c = text[i];
        if (c == '.' && frac == 0) {
            frac = 1;
            continue;
        }
        if (c < '0' || c > '9')
            return fail(ctx, SEG_ERR_PARSE, text, len, i, "expected a decimal number like -1234.56");
        ndigits++;
        if (frac && frac > scale) {
            if (c != '0')
                return fail(ctx, SEG_ERR_INEXACT, text, len, i,
                            "more decimals than the money scale allows (never rounded)");
            continue;
        }
        if (!push_digit(&mag, c - '0'))
            return fail(ctx, SEG_ERR_OVERFLOW, text, len, i, "does not fit in 64-bit minor units");
        frac += frac > 0;
    }
    if (ndigits == 0)
        return fail(ctx, SEG_ERR_PARSE, text, len, i, "expected a decimal number like -1234.56");
    for (int k = frac ? frac - 1 : 0; k < scale; k++)
        if (!push_digit(&mag, 0))
            return fail(ctx, SEG_ERR_OVERFLOW, text, len, 0, "does not fit in 64-bit minor units");
    *out = negative ? -(int64_t)mag : (int64_t)mag;
    return SEG_OK;
}

SEG_API seg_status seg_money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len,
                                   int scale)
{
    if (ctx)
        seg__reset(ctx);
    if (!out || (!text && len))
        return ctx ? seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "seg_money_parse: NULL argument")
                   : SEG_ERR_INVALID_ARGUMENT;
    if (scale < 0 || scale > SEG_SCALE_MAX)
        return ctx ? seg__error(ctx, SEG_ERR_RANGE, "scale %d is outside 0-6", scale) : SEG_ERR_RANGE;
    return seg__money_parse(out, ctx, text ? text : "", len, scale);
}

SEG_API seg_status seg_money_format(char *buf, size_t cap, int64_t amount, int scale)
{
    if (!buf)
        return SEG_ERR_INVALID_ARGUMENT;
    if (scale < 0 || scale > SEG_SCALE_MAX)
        return SEG_ERR_RANGE;
    uint64_t mag = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
    uint64_t unit = (uint64_t)seg__pow10(scale);
    char tmp[32];
    int n;
    if (scale)
        n = snprintf(tmp, sizeof tmp, "%s%llu.%0*llu", amount < 0 ? "-" : "",
                     (unsigned long long)(mag / unit), scale, (unsigned long long)(mag % unit));
    else
        n = snprintf(tmp, sizeof tmp, "%s%llu", amount < 0 ? "-" : "", (unsigned long long)mag);
    if ((size_t)n + 1 > cap)
        return SEG_ERR_BUFFER_TOO_SMALL;
    for (int i = 0; i <= n; i++)
        buf[i] = tmp[i];
    return SEG_OK;
}
