/* The result handle: its per-customer columns (borrowed from the dataset or
 * owned, stored compactly, read as int64 or double), bulk copies, summaries. */
#include "result.h"

#include "util/workers.h"

#include <math.h>
#include <string.h>

typedef struct column_info {
    seg_column column;
    const char *name;
    seg_param_type type;
} column_info;

static const column_info columns[] = {
    {SEG_COL_RECENCY_DAYS, "recency_days", SEG_TYPE_I64},
    {SEG_COL_FREQUENCY, "frequency", SEG_TYPE_I64},
    {SEG_COL_MONETARY, "monetary", SEG_TYPE_I64},
    {SEG_COL_NET_AMOUNT, "net_amount", SEG_TYPE_I64},
    {SEG_COL_MARGIN, "margin", SEG_TYPE_I64},
    {SEG_COL_QUANTITY, "quantity", SEG_TYPE_I64},
    {SEG_COL_ROWS, "rows", SEG_TYPE_I64},
    {SEG_COL_PURCHASE_ROWS, "purchase_rows", SEG_TYPE_I64},
    {SEG_COL_REFUND_ROWS, "refund_rows", SEG_TYPE_I64},
    {SEG_COL_ORDERS, "orders", SEG_TYPE_I64},
    {SEG_COL_PURCHASE_DAYS, "purchase_days", SEG_TYPE_I64},
    {SEG_COL_FIRST_PURCHASE, "first_purchase", SEG_TYPE_I64},
    {SEG_COL_LAST_PURCHASE, "last_purchase", SEG_TYPE_I64},
    {SEG_COL_TENURE_DAYS, "tenure_days", SEG_TYPE_I64},
    {SEG_COL_ACTIVE_PERIODS, "active_periods", SEG_TYPE_I64},
    {SEG_COL_MEAN_GAP_DAYS, "mean_gap_days", SEG_TYPE_F64},
    {SEG_COL_R, "r", SEG_TYPE_I64},
    {SEG_COL_F, "f", SEG_TYPE_I64},
    {SEG_COL_M, "m", SEG_TYPE_I64},
    {SEG_COL_RFM, "rfm", SEG_TYPE_I64},
    {SEG_COL_RFM_SEGMENT, "rfm_segment", SEG_TYPE_I64},
    {SEG_COL_ABC, "abc", SEG_TYPE_I64},
    {SEG_COL_ABC_METRIC, "abc_metric", SEG_TYPE_I64},
    {SEG_COL_ABC_RANK, "abc_rank", SEG_TYPE_I64},
    {SEG_COL_ABC_SHARE, "abc_share", SEG_TYPE_F64},
    {SEG_COL_XYZ, "xyz", SEG_TYPE_I64},
    {SEG_COL_XYZ_CV, "xyz_cv", SEG_TYPE_F64},
    {SEG_COL_XYZ_PERIODS, "xyz_periods", SEG_TYPE_I64},
    {SEG_COL_XYZ_MEAN, "xyz_mean", SEG_TYPE_F64},
    {SEG_COL_PARETO_PERIODS, "pareto_periods", SEG_TYPE_I64},
    {SEG_COL_LIFECYCLE, "lifecycle", SEG_TYPE_I64},
    {SEG_COL_LIFECYCLE_REASON, "lifecycle_reason", SEG_TYPE_I64},
    {SEG_COL_CHURN_HORIZON, "churn_horizon", SEG_TYPE_I64},
    {SEG_COL_RENEW, "renew", SEG_TYPE_F64},
    {SEG_COL_RENEW_RANK, "renew_rank", SEG_TYPE_I64},
    {SEG_COL_RENEW_STATUS, "renew_status", SEG_TYPE_I64},
    {SEG_COL_RECONTACT_DATE, "recontact_date", SEG_TYPE_I64},
};

static const column_info *find_column(seg_column c)
{
    for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
        if (columns[i].column == c)
            return &columns[i];
    return NULL;
}

void *seg__result_alloc(seg_result *r, size_t bytes)
{
    void *p = seg__malloc(r->ctx, bytes ? bytes : 1);
    if (r->lock)
        seg__mutex_lock(r->lock);
    if (p && r->nowned < SEG_MAX_OWNED)
        r->owned[r->nowned++] = p;
    else if (p) {
        seg__free(r->ctx, p);
        p = NULL;
    }
    if (r->lock)
        seg__mutex_unlock(r->lock);
    return p;
}

void *seg__result_column(seg_result *r, seg_column column, seg_rc_kind kind)
{
    static const size_t width[] = {0, 8, 4, 4, 4, 1, 8};
    if (r->rows > SIZE_MAX / 8)
        return NULL;
    void *p = seg__result_alloc(r, r->rows * width[kind]);
    if (p)
        seg__result_view(r, column, kind, p);
    return p;
}

void seg__result_view(seg_result *r, seg_column column, seg_rc_kind kind, const void *data)
{
    r->col[column].data = data;
    r->col[column].kind = kind;
}

SEG_API void seg_result_free(seg_result *result)
{
    if (!seg__live(result, SEG_TAG_RESULT))
        return;
    result->ds->live_results--;
    for (size_t i = 0; i < result->nowned; i++)
        seg__free(result->ctx, result->owned[i]);
    seg__handle_release(result->ctx, result);
}

SEG_API size_t seg_result_rows(const seg_result *result)
{
    return seg__live(result, SEG_TAG_RESULT) ? result->rows : 0;
}

SEG_API seg_status seg_result_column_type(seg_param_type *out, seg_column column)
{
    if (!out)
        return SEG_ERR_INVALID_ARGUMENT;
    const column_info *ci = find_column(column);
    if (!ci)
        return SEG_ERR_UNSUPPORTED;
    *out = ci->type;
    return SEG_OK;
}

SEG_API const char *seg_result_column_name(seg_column column)
{
    const column_info *ci = find_column(column);
    return ci ? ci->name : NULL;
}

static seg_status check_copy(const seg_result *r, seg_column column, seg_param_type type,
                             const void *values, size_t first, size_t count)
{
    if (!seg__live(r, SEG_TAG_RESULT) || (!values && count))
        return SEG_ERR_INVALID_ARGUMENT;
    const column_info *ci = find_column(column);
    if (!ci)
        return SEG_ERR_UNSUPPORTED;
    if (ci->type != type)
        return SEG_ERR_INVALID_ARGUMENT;
    if (first > r->rows || count > r->rows - first)
        return SEG_ERR_RANGE;
    return SEG_OK;
}

SEG_API seg_status seg_result_copy_i64(int64_t *values, uint8_t *valid, const seg_result *result,
                                       seg_column column, size_t first, size_t count)
{
    SEG_TRY(check_copy(result, column, SEG_TYPE_I64, values, first, count));
    const seg_rcol *c = &result->col[column];
    for (size_t i = 0; i < count; i++) {
        int ok = seg__rcol_i64(c, first + i, &values[i]);
        if (valid)
            valid[i] = (uint8_t)ok;
    }
    return SEG_OK;
}

SEG_API seg_status seg_result_copy_f64(double *values, uint8_t *valid, const seg_result *result,
                                       seg_column column, size_t first, size_t count)
{
    SEG_TRY(check_copy(result, column, SEG_TYPE_F64, values, first, count));
    const seg_rcol *c = &result->col[column];
    for (size_t i = 0; i < count; i++) {
        int ok = seg__rcol_f64(c, first + i, &values[i]);
        if (valid)
            valid[i] = (uint8_t)ok;
    }
    return SEG_OK;
}

/* The analysis an integer summary needs (0 = always there), or -1 if unknown / real. */
static int i64_summary(const seg_result *r, seg_summary key, int64_t *out)
{
    switch (key) {
    case SEG_SUM_CUSTOMERS: *out = (int64_t)r->rows; return 0;
    case SEG_SUM_BUYERS: *out = r->buyers; return 0;
    case SEG_SUM_AS_OF: *out = r->opts.as_of; return 0;
    case SEG_SUM_NET_AMOUNT: *out = r->net; return 0;
    case SEG_SUM_PURCHASES: *out = r->purchases; return 0;
    case SEG_SUM_SCALE: *out = r->scale; return 0;
    case SEG_SUM_ANALYSES: *out = r->ran; return 0;
    case SEG_SUM_RFM_SCORED: *out = r->rfm_scored; return SEG_ANALYSIS_RFM;
    case SEG_SUM_RFM_UNSEGMENTED: *out = r->rfm_unsegmented; return SEG_ANALYSIS_RFM;
    case SEG_SUM_METRIC_TOTAL: *out = r->metric_total; return SEG_ANALYSIS_ABC | SEG_ANALYSIS_PARETO;
    case SEG_SUM_PERIODS: *out = (int64_t)r->nperiods; return 0;
    case SEG_SUM_PARETO_TOP_COUNT: *out = r->top_count; return SEG_ANALYSIS_PARETO;
    case SEG_SUM_PARETO_REACH_COUNT: *out = r->reach_count; return SEG_ANALYSIS_PARETO;
    case SEG_SUM_RENEW_SCORED: *out = r->renew_scored; return SEG_ANALYSIS_RENEW;
    case SEG_SUM_RENEW_UNRATED: *out = r->renew_unrated; return SEG_ANALYSIS_RENEW;
    case SEG_SUM_XYZ_PERIOD: *out = r->win.period; return 0;
    default: return -1;
    }
}

static int f64_summary(const seg_result *r, seg_summary key, double *out)
{
    if (key >= SEG_SUM_XYZ_CV_MIN && key <= SEG_SUM_XYZ_CV_MAX) {
        *out = r->cv_quantile[key - SEG_SUM_XYZ_CV_MIN];
        return SEG_ANALYSIS_XYZ;
    }
    switch (key) {
    case SEG_SUM_MEAN_MONETARY: *out = r->mean_monetary; return 0;
    case SEG_SUM_GINI: *out = r->gini; return SEG_ANALYSIS_PARETO;
    case SEG_SUM_PARETO_TOP_SHARE: *out = r->top_share; return SEG_ANALYSIS_PARETO;
    case SEG_SUM_PARETO_REACH_SHARE: *out = r->reach_share; return SEG_ANALYSIS_PARETO;
    case SEG_SUM_TYPICAL_GAP_DAYS: *out = r->typical_gap; return SEG_ANALYSIS_LIFECYCLE;
    case SEG_SUM_REPEAT_RATE: *out = r->repeat_rate; return SEG_ANALYSIS_LIFECYCLE;
    default: return -1;
    }
}

/* A summary needing any of `bits` is there when one of them ran. */
static seg_status summary_status(const seg_result *r, int bits)
{
    if (bits < 0)
        return SEG_ERR_UNSUPPORTED;
    return bits && !(r->ran & (unsigned)bits) ? SEG_ERR_STATE : SEG_OK;
}

SEG_API seg_status seg_result_summary_i64(int64_t *out, const seg_result *result, seg_summary key)
{
    if (!out || !seg__live(result, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    int64_t v = 0;
    double f;
    int bits = i64_summary(result, key, &v);
    if (bits < 0)
        return f64_summary(result, key, &f) < 0 ? SEG_ERR_UNSUPPORTED : SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(summary_status(result, bits));
    *out = v;
    return SEG_OK;
}

SEG_API seg_status seg_result_summary_f64(double *out, const seg_result *result, seg_summary key)
{
    if (!out || !seg__live(result, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    double v = 0;
    int64_t i;
    int bits = f64_summary(result, key, &v);
    if (bits < 0)
        return i64_summary(result, key, &i) < 0 ? SEG_ERR_UNSUPPORTED : SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(summary_status(result, bits));
    *out = v;
    return SEG_OK;
}

SEG_API const seg_dataset *seg_result_dataset(const seg_result *result)
{
    return seg__live(result, SEG_TAG_RESULT) ? result->ds : NULL;
}

SEG_API const seg_params *seg_result_params(const seg_result *result)
{
    return seg__live(result, SEG_TAG_RESULT) ? &result->used : NULL;
}
