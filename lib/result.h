/* Private layout of a result: per-customer columns computed once by
 * seg_analyze, and the summaries over them. */
#ifndef SEG_RESULT_H
#define SEG_RESULT_H

#include "dataset.h"

#define SEG_RESULT_I64_COLUMNS 15 /* SEG_COL_RECENCY_DAYS … SEG_COL_ACTIVE_PERIODS */
#define SEG_NULL_I64 INT64_MIN

struct seg_result {
    seg_context *ctx;
    seg_dataset *ds;
    size_t rows;
    int64_t *i64[SEG_RESULT_I64_COLUMNS + 1]; /* indexed by seg_column; [0] unused */
    double *mean_gap;
    int32_t as_of;
    int scale;
    int64_t buyers, net, purchases;
    double mean_monetary;
};

/* Fill the aggregate columns (§3.1 of the design) of a fresh result. */
void seg__aggregate(seg_result *r, const seg_params *params);

#endif
