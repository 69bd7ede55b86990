/* Resolving a parameter set against a dataset into seg_opts: the as-of date,
 * shares as parts per billion, cross-option checks and the renew columns. */
#include "run.h"

#include "../util/exact.h"
#include "../util/real.h"

#include <string.h>

static seg_status resolve_as_of(seg_opts *o, const seg_dataset *ds, const seg_params *p)
{
    int32_t wanted = (int32_t)seg__param_i64(p, SEG_PARAM_AS_OF), last = ds->stats.last_date;
    if (wanted != SEG_NONE && last != SEG_NONE && wanted < last) {
        char a[11], b[11];
        seg_date_format(a, sizeof a, wanted);
        seg_date_format(b, sizeof b, last);
        return seg__error(ds->ctx, SEG_ERR_STATE,
                          "as_of %s is before a folded transaction (latest %s); set the dataset's "
                          "as-of date before loading to analyse the data as of an earlier date", a, b);
    }
    o->as_of = wanted != SEG_NONE ? wanted : ds->as_of != SEG_NONE ? ds->as_of : last;
    return SEG_OK;
}

static seg_status resolve_rfm(seg_opts *o, seg_context *ctx, const seg_params *p)
{
    static const seg_param bins[3] = {SEG_PARAM_RFM_BINS_R, SEG_PARAM_RFM_BINS_F, SEG_PARAM_RFM_BINS_M};
    static const char axis[3] = {'R', 'F', 'M'};
    o->rfm_method = (int)seg__param_i64(p, SEG_PARAM_RFM_METHOD);
    for (int a = 0; a < 3; a++) {
        o->bins[a] = (int)seg__param_i64(p, bins[a]);
        if (o->rfm_method != SEG_RFM_THRESHOLDS)
            continue;
        if (p->nthresholds[a] == 0)
            return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT,
                              "the thresholds method needs break points for %c (rfm_thresholds_%c)", axis[a],
                              axis[a] + 'a' - 'A');
        o->bins[a] = (int)p->nthresholds[a] + 1;
        memcpy(o->thresholds[a], p->thresholds[a], p->nthresholds[a] * sizeof(int64_t));
    }
    o->rules = p->rules;
    return SEG_OK;
}

/* lo ≤ hi for a pair of shares or bounds, named for the message. */
static seg_status ordered(seg_context *ctx, double lo, double hi, const char *lo_name, const char *hi_name)
{
    if (hi >= lo)
        return SEG_OK;
    return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "%s (%s) must be at least %s (%s)", hi_name,
                      seg__real(hi, 'g', 6).s, lo_name, seg__real(lo, 'g', 6).s);
}

static seg_status resolve_abc(seg_opts *o, seg_context *ctx, const seg_params *p)
{
    double a = seg__param_f64(p, SEG_PARAM_ABC_A), b = seg__param_f64(p, SEG_PARAM_ABC_B);
    double ca = seg__param_f64(p, SEG_PARAM_ABC_COUNT_A), cb = seg__param_f64(p, SEG_PARAM_ABC_COUNT_B);
    SEG_TRY(ordered(ctx, a, b, "abc_a", "abc_b"));
    SEG_TRY(ordered(ctx, ca + cb, 1.0, "abc_count_a + abc_count_b", "1"));
    o->abc_metric = (int)seg__param_i64(p, SEG_PARAM_ABC_METRIC);
    o->abc_boundary = (int)seg__param_i64(p, SEG_PARAM_ABC_BOUNDARY);
    o->abc_by_count = (int)seg__param_i64(p, SEG_PARAM_ABC_BY_COUNT);
    o->abc_a = seg__ppb(a);
    o->abc_b = seg__ppb(b);
    o->abc_count_a = seg__ppb(ca);
    o->abc_count_b = seg__ppb(ca + cb);
    return SEG_OK;
}

/* Whether periods of kind `outer` are made of whole periods of kind `inner`. */
static int made_of(seg_period outer, seg_period inner)
{
    return inner == outer || inner == SEG_PERIOD_DAY ||
           (inner == SEG_PERIOD_MONTH && outer == SEG_PERIOD_QUARTER);
}

static seg_status resolve_xyz(seg_opts *o, const seg_dataset *ds, const seg_params *p)
{
    static const char *const names[] = {"", "day", "week", "month", "quarter"};
    int64_t period = seg__param_i64(p, SEG_PARAM_XYZ_PERIOD);
    double rx = seg__param_f64(p, SEG_PARAM_XYZ_RANK_X), ry = seg__param_f64(p, SEG_PARAM_XYZ_RANK_Y);
    o->xyz_period = period ? (seg_period)period : ds->period;
    if (!made_of(o->xyz_period, ds->period))
        return seg__error(ds->ctx, SEG_ERR_STATE,
                          "xyz_period %s is not made of the dataset's %s periods; fold the dataset by day "
                          "(or month for quarters) to analyse by %s", names[o->xyz_period],
                          names[ds->period], names[o->xyz_period]);
    o->xyz_x = seg__param_f64(p, SEG_PARAM_XYZ_X);
    o->xyz_y = seg__param_f64(p, SEG_PARAM_XYZ_Y);
    SEG_TRY(ordered(ds->ctx, o->xyz_x, o->xyz_y, "xyz_x", "xyz_y"));
    SEG_TRY(ordered(ds->ctx, rx + ry, 1.0, "xyz_rank_x + xyz_rank_y", "1"));
    o->xyz_metric = (int)seg__param_i64(p, SEG_PARAM_XYZ_METRIC);
    o->xyz_window = (int)seg__param_i64(p, SEG_PARAM_XYZ_WINDOW);
    o->xyz_partial = (int)seg__param_i64(p, SEG_PARAM_XYZ_PARTIAL);
    o->xyz_zero_fill = (int)seg__param_i64(p, SEG_PARAM_XYZ_ZERO_FILL);
    o->xyz_min_periods = (int)seg__param_i64(p, SEG_PARAM_XYZ_MIN_PERIODS);
    o->xyz_sample = (int)seg__param_i64(p, SEG_PARAM_XYZ_SAMPLE_STD);
    o->xyz_by_rank = (int)seg__param_i64(p, SEG_PARAM_XYZ_BY_RANK);
    o->xyz_rank_x = seg__ppb(rx);
    o->xyz_rank_y = seg__ppb(rx + ry);
    return SEG_OK;
}

static void resolve_lifecycle(seg_opts *o, const seg_params *p)
{
    o->churn_days = (int)seg__param_i64(p, SEG_PARAM_CHURN_DAYS);
    o->churn_adaptive = (int)seg__param_i64(p, SEG_PARAM_CHURN_ADAPTIVE);
    o->churn_min_days = (int)seg__param_i64(p, SEG_PARAM_CHURN_MIN_DAYS);
    o->gap_factor = seg__param_f64(p, SEG_PARAM_CHURN_GAP_FACTOR);
    o->lead_timeout = (int)seg__param_i64(p, SEG_PARAM_LEAD_TIMEOUT_DAYS);
}

/* Renew criteria and the rating column each one reads (SIZE_MAX: never rated). */
static void resolve_renew(seg_opts *o, const seg_dataset *ds, const seg_params *p)
{
    const seg_profile *pr = &ds->profile;
    o->renew_binary = (int)seg__param_i64(p, SEG_PARAM_RENEW_BINARY);
    o->renew_before = (int)seg__param_i64(p, SEG_PARAM_RENEW_BEFORE_DEADLINE);
    o->renew_after = (int)seg__param_i64(p, SEG_PARAM_RENEW_AFTER_LAUNCH);
    o->ncriteria = p->ncriteria;
    for (size_t i = 0; i < p->ncriteria; i++) {
        const seg_named *name = &p->criteria[i].name;
        o->criteria[i] = p->criteria[i];
        o->criterion_ppb[i] = seg__ppb(p->criteria[i].weight);
        o->criterion_col[i] = SIZE_MAX;
        for (size_t c = 0; c < pr->ncriteria; c++)
            if (pr->criteria[c].name_len == name->name_len &&
                memcmp(pr->criteria[c].name, name->name, name->name_len) == 0)
                o->criterion_col[i] = c;
    }
}

seg_status seg__opts_resolve(seg_opts *o, const seg_dataset *ds, const seg_params *p)
{
    memset(o, 0, sizeof *o);
    o->analyses = (unsigned)seg__param_i64(p, SEG_PARAM_ANALYSES);
    if (o->analyses & SEG_ANALYSIS_RENEW)
        o->analyses |= SEG_ANALYSIS_LIFECYCLE;
    o->lookback = seg__param_i64(p, SEG_PARAM_LOOKBACK_PERIODS);
    o->frequency = (int)seg__param_i64(p, SEG_PARAM_FREQUENCY);
    o->monetary_mean = seg__param_i64(p, SEG_PARAM_MONETARY) == SEG_MONETARY_MEAN;
    o->pareto_top = seg__ppb(seg__param_f64(p, SEG_PARAM_PARETO_TOP));
    o->pareto_reach = seg__ppb(seg__param_f64(p, SEG_PARAM_PARETO_REACH));
    o->lorenz_points = (int)seg__param_i64(p, SEG_PARAM_LORENZ_POINTS);
    SEG_TRY(resolve_as_of(o, ds, p));
    SEG_TRY(resolve_rfm(o, ds->ctx, p));
    SEG_TRY(resolve_abc(o, ds->ctx, p));
    SEG_TRY(resolve_xyz(o, ds, p));
    resolve_lifecycle(o, p);
    resolve_renew(o, ds, p);
    return SEG_OK;
}
