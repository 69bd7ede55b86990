/* The result handle: seg_analyze runs the selected analyses into one block of
 * per-customer columns; readers copy ranges out and read summaries. */
#include "result.h"

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
};

static const column_info *find_column(seg_column c)
{
    for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
        if (columns[i].column == c)
            return &columns[i];
    return NULL;
}

/* One allocation for the struct and every column. */
static seg_status allocate(seg_result **out, seg_dataset *ds)
{
    size_t n = seg__customer_count(ds);
    size_t per_row = SEG_RESULT_I64_COLUMNS * sizeof(int64_t) + sizeof(double);
    if (n > (SIZE_MAX - sizeof(seg_result)) / per_row)
        return seg__nomem(ds->ctx, SIZE_MAX);
    size_t bytes = sizeof(seg_result) + n * per_row;
    seg_result *r = seg__malloc(ds->ctx, bytes);
    if (!r)
        return seg__nomem(ds->ctx, bytes);
    memset(r, 0, sizeof *r);
    int64_t *base = (int64_t *)(void *)(r + 1);
    for (int c = 1; c <= SEG_RESULT_I64_COLUMNS; c++)
        r->i64[c] = base + (size_t)(c - 1) * n;
    r->mean_gap = (double *)(void *)(base + (size_t)SEG_RESULT_I64_COLUMNS * n);
    r->ctx = ds->ctx;
    r->ds = ds;
    r->rows = n;
    *out = r;
    return SEG_OK;
}

SEG_API seg_status seg_analyze(seg_result **out, seg_dataset *ds, const seg_params *params)
{
    if (!ds)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, out, "out is NULL");
    seg_result *r = NULL;
    SEG_TRY(allocate(&r, ds));
    r->as_of = ds->as_of != SEG_NONE ? ds->as_of : ds->stats.last_date;
    r->scale = ds->scale;
    seg__aggregate(r, params);
    ds->live_results++;
    *out = r;
    return SEG_OK;
}

SEG_API void seg_result_free(seg_result *result)
{
    if (!result)
        return;
    result->ds->live_results--;
    seg__free(result->ctx, result);
}

SEG_API size_t seg_result_rows(const seg_result *result)
{
    return result ? result->rows : 0;
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
    if (!r || (!values && count))
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
    const int64_t *src = result->i64[column] + first;
    for (size_t i = 0; i < count; i++) {
        int ok = src[i] != SEG_NULL_I64;
        values[i] = ok ? src[i] : 0;
        if (valid)
            valid[i] = (uint8_t)ok;
    }
    return SEG_OK;
}

SEG_API seg_status seg_result_copy_f64(double *values, uint8_t *valid, const seg_result *result,
                                       seg_column column, size_t first, size_t count)
{
    SEG_TRY(check_copy(result, column, SEG_TYPE_F64, values, first, count));
    const double *src = result->mean_gap + first;
    for (size_t i = 0; i < count; i++) {
        values[i] = src[i];
        if (valid)
            valid[i] = (uint8_t)!isnan(src[i]);
    }
    return SEG_OK;
}

SEG_API seg_status seg_result_summary_i64(int64_t *out, const seg_result *result, seg_summary key)
{
    if (!out || !result)
        return SEG_ERR_INVALID_ARGUMENT;
    switch (key) {
    case SEG_SUM_CUSTOMERS: *out = (int64_t)result->rows; return SEG_OK;
    case SEG_SUM_BUYERS: *out = result->buyers; return SEG_OK;
    case SEG_SUM_AS_OF: *out = result->as_of; return SEG_OK;
    case SEG_SUM_NET_AMOUNT: *out = result->net; return SEG_OK;
    case SEG_SUM_PURCHASES: *out = result->purchases; return SEG_OK;
    case SEG_SUM_SCALE: *out = result->scale; return SEG_OK;
    case SEG_SUM_MEAN_MONETARY: return SEG_ERR_INVALID_ARGUMENT;
    }
    return SEG_ERR_UNSUPPORTED;
}

SEG_API seg_status seg_result_summary_f64(double *out, const seg_result *result, seg_summary key)
{
    if (!out || !result)
        return SEG_ERR_INVALID_ARGUMENT;
    if (key == SEG_SUM_MEAN_MONETARY) {
        *out = result->mean_monetary;
        return SEG_OK;
    }
    int64_t ignored;
    return seg_result_summary_i64(&ignored, result, key) == SEG_ERR_UNSUPPORTED ? SEG_ERR_UNSUPPORTED
                                                                                 : SEG_ERR_INVALID_ARGUMENT;
}

SEG_API const seg_dataset *seg_result_dataset(const seg_result *result)
{
    return result ? result->ds : NULL;
}
