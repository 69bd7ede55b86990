/* A failure inside one text value as the value parsers (money, dates, text)
 * report it without a context: status, byte offset and a static description. */
#ifndef SEG_VALUE_H
#define SEG_VALUE_H

#include "../ctx.h"

typedef struct seg_value_error {
    seg_status status;
    size_t pos;       /* 0-based byte within the value */
    const char *what; /* static text, e.g. "expected a decimal number like -1234.56" */
} seg_value_error;

static inline seg_status seg__value_fail(seg_value_error *err, seg_status st, size_t pos, const char *what)
{
    err->status = st;
    err->pos = pos;
    err->what = what;
    return st;
}

#endif
