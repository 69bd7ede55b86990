/* Exact decimal money: text to int64 minor units at a scale of 0-6 and back.
 * Nothing is ever rounded; extra non-zero digits are an error. */
#include "money.h"

#include "../util/digits.h"

#include <string.h>

const int64_t seg__pow10_table[SEG_SCALE_MAX + 1] = {1, 10, 100, 1000, 10000, 100000, 1000000};

int64_t seg__pow10(int scale)
{
    return seg__pow10_table[scale];
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

/* Length of the thousands separator at text[i], or 0. */
static size_t separator_at(const char *text, size_t i, size_t len, const seg_numfmt *fmt)
{
    unsigned char c = (unsigned char)text[i];
    if (c == ' ' || c == '\'')
        return 1;
    if (c == 0xA0 && fmt->nbsp_byte)
        return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] == 0xA0)
        return 2; /* U+00A0 no-break space */
    if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 && (unsigned char)text[i + 2] == 0xAF)
        return 3; /* U+202F narrow no-break space */
    return 0;
}

static const char *not_a_number(char mark)
{
    return mark == ',' ? "expected a decimal number like -1234,56" : "expected a decimal number like -1234.56";
}

/* State of one scan: digits of the integer part since the last thousands
 * separator (`run`), and whether a separator was seen. */
typedef struct money_scan {
    uint64_t mag;
    size_t ndigits, run;
    int frac, grouped;
    char mark;
} money_scan;

static seg_status on_mark(money_scan *m, char c, size_t i, seg_value_error *err, const seg_numfmt *fmt)
{
    if (m->mark && c != m->mark)
        return seg__value_fail(err, SEG_ERR_PARSE, i,
                               !fmt ? not_a_number('.')
                               : c == ',' ? "a decimal comma, but this file's decimal mark is a point"
                                          : "a decimal point, but this file's decimal mark is a comma");
    if (m->grouped && m->run != 3)
        return seg__value_fail(err, SEG_ERR_PARSE, i, "misplaced thousands separator");
    m->mark = c;
    m->frac = 1;
    return SEG_OK;
}

static seg_status on_separator(money_scan *m, size_t i, seg_value_error *err)
{
    if (m->frac || m->run == 0 || m->run > 3 || (m->grouped && m->run != 3))
        return seg__value_fail(err, SEG_ERR_PARSE, i, "misplaced thousands separator");
    m->grouped = 1;
    m->run = 0;
    return SEG_OK;
}

static seg_status on_digit(money_scan *m, int digit, int scale, size_t i, seg_value_error *err)
{
    m->ndigits++;
    m->run += !m->frac;
    if (m->frac && m->frac > scale) {
        if (digit != 0)
            return seg__value_fail(err, SEG_ERR_INEXACT, i,
                                   "more decimals than the money scale allows (never rounded)");
        return SEG_OK;
    }
    if (!push_digit(&m->mag, digit))
        return seg__value_fail(err, SEG_ERR_OVERFLOW, i, "does not fit in 64-bit minor units");
    m->frac += m->frac > 0;
    return SEG_OK;
}

seg_status seg__money_scan(int64_t *out, const char *text, size_t len, int scale, seg_numfmt *fmt,
                           seg_value_error *err)
{
    if (seg__money_fast(out, text, len, scale, fmt ? fmt->decimal : '.'))
        return SEG_OK;
    money_scan m = {0, 0, 0, 0, 0, fmt ? fmt->decimal : '.'};
    size_t i = 0, sep;
    int negative = 0;
    if (i < len && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    for (; i < len; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9')
            SEG_TRY(on_digit(&m, c - '0', scale, i, err));
        else if ((c == '.' || (c == ',' && fmt)) && m.frac == 0)
            SEG_TRY(on_mark(&m, c, i, err, fmt));
        else if (fmt && fmt->grouping && (sep = separator_at(text, i, len, fmt)) != 0) {
            SEG_TRY(on_separator(&m, i, err));
            i += sep - 1;
        } else
            return seg__value_fail(err, SEG_ERR_PARSE, i, not_a_number(m.mark));
    }
    if (m.ndigits == 0 || (m.grouped && m.run != 3 && !m.frac))
        return seg__value_fail(err, SEG_ERR_PARSE, i,
                               m.ndigits ? "misplaced thousands separator" : not_a_number(m.mark));
    for (int k = m.frac ? m.frac - 1 : 0; k < scale; k++)
        if (!push_digit(&m.mag, 0))
            return seg__value_fail(err, SEG_ERR_OVERFLOW, 0, "does not fit in 64-bit minor units");
    if (fmt && m.frac)
        fmt->decimal = m.mark;
    *out = negative ? -(int64_t)m.mag : (int64_t)m.mag;
    return SEG_OK;
}

seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale)
{
    seg_value_error err;
    seg_status st = seg__money_scan(out, text, len, scale, NULL, &err);
    if (st == SEG_OK || !ctx)
        return st;
    return seg__error_at(ctx, st, 0, (int64_t)err.pos + 1, "amount '%.*s': %s",
                         (int)(len > 40 ? 40 : len), text, err.what);
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
    char tmp[48];
    size_t n = seg__digits_scaled(tmp, amount, scale, (uint64_t)seg__pow10(scale));
    if (n + 1 > cap)
        return SEG_ERR_BUFFER_TOO_SMALL;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return SEG_OK;
}
