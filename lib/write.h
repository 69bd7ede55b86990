/* The writers: the per-customer table (one row per customer), and every
 * summary of a result as records (section, name, label, value), rendered as
 * long-format CSV or nested JSON. */
#ifndef SEG_WRITE_H
#define SEG_WRITE_H

#include "io/out.h"
#include "result.h"

void seg__write_summary(seg_out *o, const seg_result *r, seg_format format);
void seg__write_table(seg_out *o, const seg_result *r, seg_format format);

#endif
