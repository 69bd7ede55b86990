/* Analysis parameters: the key table (name, type, bounds, default) and the
 * typed setters and getters over it. Unknown keys are SEG_ERR_UNSUPPORTED. */
#include "params.h"

#include "util/optspec.h"
#include "util/real.h"

#include <math.h>
#include <string.h>

#define I(key, name, lo, hi, def) {key, name, SEG_TYPE_I64, lo, hi, def, 0, 0, 0}
#define F(key, name, lo, hi, def) {key, name, SEG_TYPE_F64, 0, 0, 0, lo, hi, def}
#define A(key, name) {key, name, SEG_TYPE_I64_ARRAY, 0, SEG_MAX_THRESHOLDS, 0, 0, 0, 0}

static const seg_optspec params[] = {
    I(SEG_PARAM_ANALYSES, "analyses", 0, SEG_ANALYSIS_ALL, SEG_ANALYSIS_ALL),
    I(SEG_PARAM_AS_OF, "as_of", SEG_NONE, SEG_DATE_MAX, SEG_NONE),
    I(SEG_PARAM_LOOKBACK_PERIODS, "lookback_periods", 0, 10000, 0),
    I(SEG_PARAM_THREADS, "threads", 1, 64, 1),
    I(SEG_PARAM_FREQUENCY, "frequency", SEG_FREQUENCY_ORDERS, SEG_FREQUENCY_DAYS, SEG_FREQUENCY_ORDERS),
    I(SEG_PARAM_MONETARY, "monetary", SEG_MONETARY_TOTAL, SEG_MONETARY_MEAN, SEG_MONETARY_TOTAL),
    I(SEG_PARAM_RFM_METHOD, "rfm_method", SEG_RFM_TIE_QUANTILE, SEG_RFM_R_RFM, SEG_RFM_TIE_QUANTILE),
    I(SEG_PARAM_RFM_BINS_R, "rfm_bins_r", 2, 10, 5),
    I(SEG_PARAM_RFM_BINS_F, "rfm_bins_f", 2, 10, 5),
    I(SEG_PARAM_RFM_BINS_M, "rfm_bins_m", 2, 10, 5),
    A(SEG_PARAM_RFM_THRESHOLDS_R, "rfm_thresholds_r"),
    A(SEG_PARAM_RFM_THRESHOLDS_F, "rfm_thresholds_f"),
    A(SEG_PARAM_RFM_THRESHOLDS_M, "rfm_thresholds_m"),
    I(SEG_PARAM_ABC_METRIC, "abc_metric", SEG_METRIC_REVENUE, SEG_METRIC_PURCHASES, SEG_METRIC_REVENUE),
    F(SEG_PARAM_ABC_A, "abc_a", 0.0, 1.0, 0.80),
    F(SEG_PARAM_ABC_B, "abc_b", 0.0, 1.0, 0.95),
    I(SEG_PARAM_ABC_BOUNDARY, "abc_boundary", SEG_ABC_SMALLEST, SEG_ABC_INCLUSIVE, SEG_ABC_SMALLEST),
    I(SEG_PARAM_ABC_BY_COUNT, "abc_by_count", 0, 1, 0),
    F(SEG_PARAM_ABC_COUNT_A, "abc_count_a", 0.0, 1.0, 0.20),
    F(SEG_PARAM_ABC_COUNT_B, "abc_count_b", 0.0, 1.0, 0.30),
    I(SEG_PARAM_XYZ_WINDOW, "xyz_window", 2, 520, 12),
    I(SEG_PARAM_XYZ_PARTIAL, "xyz_partial", 0, 1, 0),
    I(SEG_PARAM_XYZ_ZERO_FILL, "xyz_zero_fill", 0, 1, 0),
    I(SEG_PARAM_XYZ_MIN_PERIODS, "xyz_min_periods", 2, 520, 3),
    I(SEG_PARAM_XYZ_SAMPLE_STD, "xyz_sample_std", 0, 1, 0),
    F(SEG_PARAM_XYZ_X, "xyz_x", 0.0, 100.0, 0.10),
    F(SEG_PARAM_XYZ_Y, "xyz_y", 0.0, 100.0, 0.25),
    I(SEG_PARAM_XYZ_PERIOD, "xyz_period", 0, SEG_PERIOD_QUARTER, 0),
    I(SEG_PARAM_XYZ_METRIC, "xyz_metric", SEG_METRIC_REVENUE, SEG_METRIC_PURCHASES, SEG_METRIC_REVENUE),
    I(SEG_PARAM_XYZ_BY_RANK, "xyz_by_rank", 0, 1, 0),
    F(SEG_PARAM_XYZ_RANK_X, "xyz_rank_x", 0.0, 1.0, 0.20),
    F(SEG_PARAM_XYZ_RANK_Y, "xyz_rank_y", 0.0, 1.0, 0.30),
    F(SEG_PARAM_PARETO_TOP, "pareto_top", 0.0, 1.0, 0.20),
    F(SEG_PARAM_PARETO_REACH, "pareto_reach", 0.0, 1.0, 0.80),
    I(SEG_PARAM_LORENZ_POINTS, "lorenz_points", 2, 10000, 101),
    I(SEG_PARAM_CHURN_DAYS, "churn_days", 1, 36500, 180),
    I(SEG_PARAM_CHURN_ADAPTIVE, "churn_adaptive", 0, 1, 0),
    F(SEG_PARAM_CHURN_GAP_FACTOR, "churn_gap_factor", 1.0, 100.0, 3.0),
    I(SEG_PARAM_LEAD_TIMEOUT_DAYS, "lead_timeout_days", 1, 36500, 90),
    I(SEG_PARAM_CHURN_MIN_DAYS, "churn_min_days", 1, 36500, 30),
    I(SEG_PARAM_RENEW_BINARY, "renew_binary", 0, 1, 0),
    I(SEG_PARAM_RENEW_BEFORE_DEADLINE, "renew_before_deadline", 0, 3650, 14),
    I(SEG_PARAM_RENEW_AFTER_LAUNCH, "renew_after_launch", 0, 3650, 60),
};
#define N_PARAMS ((int)(sizeof params / sizeof params[0]))
_Static_assert(N_PARAMS <= SEG_PARAM_SLOTS, "raise SEG_PARAM_SLOTS");

static void reset_one(seg_params *p, int i)
{
    p->i[i] = params[i].idef;
    p->f[i] = params[i].fdef;
}

SEG_API seg_status seg_params_new(seg_params **out, seg_context *ctx)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    SEG_CHECK_ARG(ctx, out, "out is NULL");
    seg_params *p = seg__malloc(ctx, sizeof *p);
    if (!p)
        return seg__nomem(ctx, sizeof *p);
    p->ctx = ctx;
    seg__params_defaults(p);
    *out = p;
    return SEG_OK;
}

SEG_API void seg_params_free(seg_params *params_)
{
    if (seg__live(params_, SEG_TAG_PARAMS))
        seg__handle_release(params_->ctx, params_);
}

/* Index of `key` having `type`; errors go to ctx when given. */
static seg_status lookup(int *index, seg_context *ctx, seg_param key, seg_param_type type)
{
    static const char *const kinds[] = {"", "an integer", "a real number", "a list of integers"};
    int i = seg__optspec_find(params, N_PARAMS, (int)key);
    if (i < 0)
        return ctx ? seg__error(ctx, SEG_ERR_UNSUPPORTED, "unknown parameter %d", (int)key)
                   : SEG_ERR_UNSUPPORTED;
    if (type && params[i].type != type)
        return ctx ? seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "parameter %s is not %s", params[i].name,
                                kinds[type])
                   : SEG_ERR_INVALID_ARGUMENT;
    *index = i;
    return SEG_OK;
}

SEG_API seg_status seg_params_set_i64(seg_params *p, seg_param key, int64_t value)
{
    if (!seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(p->ctx);
    int i = 0;
    SEG_TRY(lookup(&i, p->ctx, key, SEG_TYPE_I64));
    if (value < params[i].imin || value > params[i].imax ||
        (key == SEG_PARAM_AS_OF && value != SEG_NONE && value < SEG_DATE_MIN))
        return seg__error(p->ctx, SEG_ERR_RANGE, "parameter %s: %lld is outside %lld..%lld", params[i].name,
                          (long long)value, (long long)params[i].imin, (long long)params[i].imax);
    p->i[i] = value;
    return SEG_OK;
}

SEG_API seg_status seg_params_set_f64(seg_params *p, seg_param key, double value)
{
    if (!seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(p->ctx);
    int i = 0;
    SEG_TRY(lookup(&i, p->ctx, key, SEG_TYPE_F64));
    if (!isfinite(value) || value < params[i].fmin || value > params[i].fmax)
        return seg__error(p->ctx, SEG_ERR_RANGE, "parameter %s: %s is outside %s..%s", params[i].name,
                          seg__real(value, 'g', 6).s, seg__real(params[i].fmin, 'g', 6).s,
                          seg__real(params[i].fmax, 'g', 6).s);
    p->f[i] = value;
    return SEG_OK;
}

SEG_API seg_status seg_params_get_i64(int64_t *out, const seg_params *p, seg_param key)
{
    if (!out || !seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(lookup(&i, NULL, key, SEG_TYPE_I64));
    *out = p->i[i];
    return SEG_OK;
}

SEG_API seg_status seg_params_get_f64(double *out, const seg_params *p, seg_param key)
{
    if (!out || !seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(lookup(&i, NULL, key, SEG_TYPE_F64));
    *out = p->f[i];
    return SEG_OK;
}

SEG_API seg_status seg_params_reset(seg_params *p, seg_param key)
{
    if (!seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(p->ctx);
    int i = 0;
    SEG_TRY(lookup(&i, p->ctx, key, (seg_param_type)0));
    reset_one(p, i);
    if (params[i].type == SEG_TYPE_I64_ARRAY)
        p->nthresholds[key - SEG_PARAM_RFM_THRESHOLDS_R] = 0;
    return SEG_OK;
}

SEG_API seg_status seg_param_type_of(seg_param_type *out, seg_param key)
{
    if (!out)
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(lookup(&i, NULL, key, (seg_param_type)0));
    *out = params[i].type;
    return SEG_OK;
}

SEG_API const char *seg_param_name(seg_param key)
{
    int i = seg__optspec_find(params, N_PARAMS, (int)key);
    return i < 0 ? NULL : params[i].name;
}

SEG_API seg_status seg_param_from_name(seg_param *out, const char *name, size_t len)
{
    if (!out || (!name && len))
        return SEG_ERR_INVALID_ARGUMENT;
    int i = seg__optspec_by_name(params, N_PARAMS, name ? name : "", len);
    if (i < 0)
        return SEG_ERR_UNSUPPORTED;
    *out = (seg_param)params[i].key;
    return SEG_OK;
}

SEG_API seg_status seg_param_default_i64(int64_t *out, seg_param key)
{
    return seg__optspec_default_i64(out, params, N_PARAMS, (int)key);
}

SEG_API seg_status seg_param_default_f64(double *out, seg_param key)
{
    if (!out)
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(lookup(&i, NULL, key, SEG_TYPE_F64));
    *out = params[i].fdef;
    return SEG_OK;
}

SEG_API seg_status seg_param_bounds_i64(int64_t *min, int64_t *max, seg_param key)
{
    return seg__optspec_bounds_i64(min, max, params, N_PARAMS, (int)key);
}

SEG_API seg_status seg_param_bounds_f64(double *min, double *max, seg_param key)
{
    if (!min || !max)
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(lookup(&i, NULL, key, SEG_TYPE_F64));
    *min = params[i].fmin;
    *max = params[i].fmax;
    return SEG_OK;
}

int64_t seg__param_i64(const seg_params *p, seg_param key)
{
    int i = seg__optspec_find(params, N_PARAMS, (int)key);
    return p ? p->i[i] : params[i].idef;
}

double seg__param_f64(const seg_params *p, seg_param key)
{
    int i = seg__optspec_find(params, N_PARAMS, (int)key);
    return p ? p->f[i] : params[i].fdef;
}

void seg__params_defaults(seg_params *p)
{
    static const char *const criteria[] = {"brand", "deal", "closeness"};
    p->tag = SEG_TAG_PARAMS;
    for (int i = 0; i < N_PARAMS; i++)
        reset_one(p, i);
    memset(p->nthresholds, 0, sizeof p->nthresholds);
    seg__rules_default(&p->rules);
    p->ncriteria = 3;
    for (size_t c = 0; c < 3; c++) {
        seg_criterion *k = &p->criteria[c];
        memset(k, 0, sizeof *k);
        k->name.name_len = strlen(criteria[c]);
        memcpy(k->name.name, criteria[c], k->name.name_len);
        k->weight = 1.0;
    }
}

void seg__params_patch(seg_params *p, seg_param key, int64_t value)
{
    p->i[seg__optspec_find(params, N_PARAMS, (int)key)] = value;
}
