/* Private view of the parameter set: one value slot per table entry, read by
 * the analyses through seg__param_i64 / seg__param_f64. */
#ifndef SEG_PARAMS_H
#define SEG_PARAMS_H

#include "ctx.h"

/* Value of a parameter in `p`, or its default when p is NULL; the key must exist. */
int64_t seg__param_i64(const seg_params *p, seg_param key);
double seg__param_f64(const seg_params *p, seg_param key);

#endif
