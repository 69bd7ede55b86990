/* Exact decimal money: text to int64 minor units at a scale of 0-6 and back.
 * Nothing is ever rounded; extra non-zero digits are an error. */
#ifndef SEG_MONEY_H
#define SEG_MONEY_H

#include "../ctx.h"

#define SEG_SCALE_MAX 6

/* 10^scale for scale 0..SEG_SCALE_MAX. */
int64_t seg__pow10(int scale);

/* Parse; on error set ctx (if any) with the 1-based byte column. */
seg_status seg__money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len, int scale);

#endif
