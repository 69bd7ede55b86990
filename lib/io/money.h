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

/* Parse without a context; on failure fill *err and leave *out alone. */
seg_status seg__money_scan(int64_t *out, const char *text, size_t len, int scale, seg_numfmt *fmt,
                           seg_value_error *err);

/* Parse the plain format; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale);

#endif
