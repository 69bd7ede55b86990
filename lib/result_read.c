/* Structured reads of a result: class counts and shares, segment names, RFM
 * break points, the ABC × XYZ matrix, the Lorenz curve and window periods. */
#include "result.h"

#include <math.h>

/* The analysis behind a class column, or 0 if the column is not one. */
static unsigned class_analysis(seg_column column)
{
    switch (column) {
    case SEG_COL_ABC: return SEG_ANALYSIS_ABC;
    case SEG_COL_XYZ: return SEG_ANALYSIS_XYZ;
    case SEG_COL_LIFECYCLE: return SEG_ANALYSIS_LIFECYCLE;
    case SEG_COL_RENEW_STATUS: return SEG_ANALYSIS_RENEW;
    case SEG_COL_RFM_SEGMENT:
    case SEG_COL_R:
    case SEG_COL_F:
    case SEG_COL_M: return SEG_ANALYSIS_RFM;
    default: return 0;
    }
}

/* The ABC metric of a row, 0 when it has none (leads, or ABC not computed). */
static int64_t metric_at(const seg_result *r, size_t row)
{
    int64_t m = 0;
    seg__rcol_i64(&r->col[SEG_COL_ABC_METRIC], row, &m);
    return m;
}

SEG_API seg_status seg_result_class_summary(int64_t *count, int64_t *metric, double *count_share,
                                            double *metric_share, const seg_result *r, seg_column column,
                                            int64_t value)
{
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!seg_result_column_name(column))
        return SEG_ERR_UNSUPPORTED;
    unsigned analysis = class_analysis(column);
    if (!analysis)
        return SEG_ERR_INVALID_ARGUMENT;
    if (!(r->ran & analysis))
        return SEG_ERR_STATE;
    int64_t n = 0, all = 0, v;
    long double m = 0, m_all = 0;
    for (size_t row = 0; row < r->rows; row++) {
        if (!seg__rcol_i64(&r->col[column], row, &v))
            continue;
        all++;
        m_all += (long double)metric_at(r, row);
        if (v != value)
            continue;
        n++;
        m += (long double)metric_at(r, row);
    }
    if (count)
        *count = n;
    if (metric)
        *metric = (int64_t)m;
    if (count_share)
        *count_share = all ? (double)n / (double)all : (double)NAN;
    if (metric_share)
        *metric_share = m_all != 0 ? (double)(m / m_all) : (double)NAN;
    return SEG_OK;
}

SEG_API size_t seg_result_segment_count(const seg_result *r)
{
    return seg__live(r, SEG_TAG_RESULT) && (r->ran & SEG_ANALYSIS_RFM) ? r->opts.rules.n : 0;
}

SEG_API const char *seg_result_segment_name(const seg_result *r, int64_t segment)
{
    if (!seg__live(r, SEG_TAG_RESULT) || segment < 0 || (uint64_t)segment >= seg_result_segment_count(r))
        return NULL;
    return r->opts.rules.rule[segment].name.name;
}

/* Copy n values into a caller array of `cap`, reporting n. */
static seg_status copy_out(double *dst, size_t cap, size_t *n_out, const double *src, size_t n)
{
    *n_out = n;
    if (cap < n)
        return SEG_ERR_BUFFER_TOO_SMALL;
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
    return SEG_OK;
}

SEG_API seg_status seg_result_rfm_breaks(double *values, size_t cap, size_t *n, const seg_result *r,
                                         seg_rfm_axis axis)
{
    if (!n || !seg__live(r, SEG_TAG_RESULT) || (!values && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    if (axis < SEG_AXIS_R || axis > SEG_AXIS_M)
        return SEG_ERR_UNSUPPORTED;
    if (!(r->ran & SEG_ANALYSIS_RFM))
        return SEG_ERR_STATE;
    return copy_out(values, cap, n, r->breaks[axis - 1], (size_t)r->opts.bins[axis - 1] - 1);
}

SEG_API seg_status seg_result_abc_xyz(int64_t *counts, double *shares, const seg_result *r)
{
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    if ((r->ran & (SEG_ANALYSIS_ABC | SEG_ANALYSIS_XYZ)) != (SEG_ANALYSIS_ABC | SEG_ANALYSIS_XYZ))
        return SEG_ERR_STATE;
    int64_t n[9] = {0};
    long double m[9] = {0}, total = 0;
    for (size_t row = 0; row < r->rows; row++) {
        int64_t abc, xyz;
        if (!seg__rcol_i64(&r->col[SEG_COL_ABC], row, &abc))
            continue;
        total += (long double)metric_at(r, row);
        if (!seg__rcol_i64(&r->col[SEG_COL_XYZ], row, &xyz) || xyz > SEG_XYZ_Z)
            continue;
        size_t cell = (size_t)(3 * (abc - 1) + (xyz - 1));
        n[cell]++;
        m[cell] += (long double)metric_at(r, row);
    }
    for (int i = 0; i < 9; i++) {
        if (counts)
            counts[i] = n[i];
        if (shares)
            shares[i] = total != 0 ? (double)(m[i] / total) : (double)NAN;
    }
    return SEG_OK;
}

SEG_API seg_status seg_result_lorenz(double *x, double *y, size_t cap, size_t *n, const seg_result *r)
{
    if (!n || !seg__live(r, SEG_TAG_RESULT) || ((!x || !y) && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!(r->ran & SEG_ANALYSIS_PARETO))
        return SEG_ERR_STATE;
    SEG_TRY(copy_out(x, cap, n, r->lorenz_x, r->lorenz_n));
    return copy_out(y, cap, n, r->lorenz_y, r->lorenz_n);
}

SEG_API size_t seg_result_period_count(const seg_result *r)
{
    return seg__live(r, SEG_TAG_RESULT) ? r->nperiods : 0;
}

/* The analysis a period figure needs (0 = the window), or -1 when unknown. */
static int period_analysis(seg_period_stat key)
{
    switch (key) {
    case SEG_PSTAT_START:
    case SEG_PSTAT_END:
    case SEG_PSTAT_COMPLETE:
    case SEG_PSTAT_BUYERS:
    case SEG_PSTAT_REPEAT_BUYERS:
    case SEG_PSTAT_NEW:
    case SEG_PSTAT_METRIC:
    case SEG_PSTAT_REPEAT_RATE: return 0;
    case SEG_PSTAT_CURRENT_AT_START:
    case SEG_PSTAT_CHURNED:
    case SEG_PSTAT_CHURN_RATE: return SEG_ANALYSIS_LIFECYCLE;
    case SEG_PSTAT_TOP_COUNT: return SEG_ANALYSIS_PARETO;
    default: return -1;
    }
}

static seg_status check_period(const seg_result *r, size_t period, seg_period_stat key, int real)
{
    int bits = period_analysis(key);
    if (bits < 0)
        return SEG_ERR_UNSUPPORTED;
    if ((key >= SEG_PSTAT_CHURN_RATE) != real)
        return SEG_ERR_INVALID_ARGUMENT;
    if (period >= r->nperiods)
        return SEG_ERR_NOT_FOUND;
    return bits && !(r->ran & (unsigned)bits) ? SEG_ERR_STATE : SEG_OK;
}

SEG_API seg_status seg_result_period_i64(int64_t *out, const seg_result *r, size_t period, seg_period_stat key)
{
    if (!out || !seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(check_period(r, period, key, 0));
    const seg_period_row *p = &r->periods[period];
    switch (key) {
    case SEG_PSTAT_START: *out = p->start; break;
    case SEG_PSTAT_END: *out = p->end; break;
    case SEG_PSTAT_COMPLETE: *out = p->complete; break;
    case SEG_PSTAT_BUYERS: *out = p->buyers; break;
    case SEG_PSTAT_REPEAT_BUYERS: *out = p->repeat_buyers; break;
    case SEG_PSTAT_NEW: *out = p->new_customers; break;
    case SEG_PSTAT_CURRENT_AT_START: *out = p->current; break;
    case SEG_PSTAT_CHURNED: *out = p->churned; break;
    case SEG_PSTAT_TOP_COUNT: *out = p->top_count; break;
    default: *out = p->metric; break;
    }
    return SEG_OK;
}

SEG_API seg_status seg_result_period_f64(double *out, const seg_result *r, size_t period, seg_period_stat key)
{
    if (!out || !seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(check_period(r, period, key, 1));
    const seg_period_row *p = &r->periods[period];
    if (key == SEG_PSTAT_CHURN_RATE)
        *out = p->current ? (double)p->churned / (double)p->current : (double)NAN;
    else
        *out = p->buyers ? (double)p->repeat_buyers / (double)p->buyers : (double)NAN;
    return SEG_OK;
}

SEG_API seg_status seg_result_period_top(size_t *customers, size_t cap, size_t *n, const seg_result *r,
                                         size_t period)
{
    if (!n || !seg__live(r, SEG_TAG_RESULT) || (!customers && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!(r->ran & SEG_ANALYSIS_PARETO))
        return SEG_ERR_STATE;
    if (period >= r->nperiods)
        return SEG_ERR_NOT_FOUND;
    size_t first = r->top_off[period], count = r->top_off[period + 1] - first;
    *n = count;
    if (cap < count)
        return SEG_ERR_BUFFER_TOO_SMALL;
    for (size_t i = 0; i < count; i++)
        customers[i] = r->top[first + i];
    return SEG_OK;
}
