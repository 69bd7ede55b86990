/* Private layout of a result: per-customer columns (borrowed from the dataset
 * or owned), the options used, and the summaries computed by seg_analyze. */
#ifndef SEG_RESULT_H
#define SEG_RESULT_H

#include "analysis/opts.h"

#include <math.h>

#define SEG_COL_SLOTS 80 /* above the largest seg_column value */
#define SEG_MAX_OWNED 48

/* How a column's values are stored, and which stored value means null. */
typedef enum seg_rc_kind {
    SEG_RC_NONE = 0, /* not computed: null throughout */
    SEG_RC_I64,      /* null INT64_MIN */
    SEG_RC_I32,      /* null SEG_NONE */
    SEG_RC_U32,      /* never null */
    SEG_RC_U32N,     /* null UINT32_MAX */
    SEG_RC_U8,       /* null 0 */
    SEG_RC_F64       /* null NaN */
} seg_rc_kind;

typedef struct seg_rcol {
    const void *data;
    seg_rc_kind kind;
} seg_rcol;

/* Figures of one window period. */
typedef struct seg_period_row {
    int32_t start, end;
    int complete;
    int64_t buyers, repeat_buyers, new_customers, current, churned, top_count, metric;
} seg_period_row;

struct seg_result {
    uint32_t tag; /* SEG_TAG_RESULT (handle.h) */
    seg_context *ctx;
    seg_dataset *ds;
    size_t rows;
    seg_rcol col[SEG_COL_SLOTS];
    void *owned[SEG_MAX_OWNED];
    size_t nowned;
    seg_opts opts;
    unsigned ran; /* seg_analysis bits */
    int scale;
    int64_t buyers, net, purchases;
    double mean_monetary;
    double breaks[3][SEG_MAX_THRESHOLDS];
    int64_t rfm_scored, rfm_unsegmented;
    int64_t metric_total, top_count, reach_count;
    double gini, top_share, reach_share;
    double *lorenz_x, *lorenz_y;
    size_t lorenz_n;
    seg_window win;
    size_t nperiods;
    seg_period_row *periods;
    uint32_t *top_off, *top; /* period p's list: top[top_off[p] .. top_off[p+1]) */
    double cv_quantile[7];   /* min, p10, p25, p50, p75, p90, max */
    double typical_gap, repeat_rate;
    int64_t renew_scored, renew_unrated;
    int64_t abc_count[3]; /* customers in A, B, C */
    struct seg_mutex *lock; /* guards `owned` while analyses run on worker threads */
    seg_params used;        /* the parameters, with resolved values patched in */
};

/* An owned block of `bytes`, freed with the result. */
void *seg__result_alloc(seg_result *r, size_t bytes);

/* An owned column of `rows` values of `kind`, registered under `column`. */
void *seg__result_column(seg_result *r, seg_column column, seg_rc_kind kind);

/* Register a borrowed dataset array as `column`. */
void seg__result_view(seg_result *r, seg_column column, seg_rc_kind kind, const void *data);

/* Value of row `row` of a column as int64 or double; 1 when not null (a null
 * gives 0, and NaN for a double). Inline: the writers call them per cell. */
static inline int seg__rcol_i64(const seg_rcol *c, size_t row, int64_t *value)
{
    int64_t v = 0;
    int ok = 1;
    switch (c->kind) {
    case SEG_RC_I64: v = ((const int64_t *)c->data)[row]; ok = v != INT64_MIN; break;
    case SEG_RC_I32: v = ((const int32_t *)c->data)[row]; ok = v != SEG_NONE; break;
    case SEG_RC_U32: v = ((const uint32_t *)c->data)[row]; break;
    case SEG_RC_U32N: v = ((const uint32_t *)c->data)[row]; ok = v != UINT32_MAX; break;
    case SEG_RC_U8: v = ((const uint8_t *)c->data)[row]; ok = v != 0; break;
    default: ok = 0; break;
    }
    *value = ok ? v : 0;
    return ok;
}

static inline int seg__rcol_f64(const seg_rcol *c, size_t row, double *value)
{
    double v = c->kind == SEG_RC_F64 ? ((const double *)c->data)[row] : (double)NAN;
    *value = v;
    return !isnan(v);
}

#endif
