/* XYZ classes (design §3.4): the coefficient of variation of each buyer's
 * period series over the window, classed by bounds or by rank, with the
 * distribution of CV reported to help choose bounds. */
#include "run.h"

#include "../period.h"
#include "../util/exact.h"
#include "../util/sort.h"

#include <math.h>

typedef struct xyz_cols {
    uint8_t *cls;
    double *cv, *mean;
    uint32_t *periods;
} xyz_cols;

/* Mean and CV of vals[from .. to) into the columns of customer c. */
static void classify_series(xyz_cols *x, const seg_opts *o, size_t c, const int64_t *vals, size_t from,
                            size_t to)
{
    size_t len = to > from ? to - from : 0;
    long double sum = 0, sq = 0;
    x->periods[c] = (uint32_t)len;
    if (len < (size_t)o->xyz_min_periods) {
        x->cls[c] = SEG_XYZ_TOO_NEW;
        return;
    }
    for (size_t s = from; s < to; s++)
        sum += (long double)vals[s];
    long double mean = sum / (long double)len;
    x->mean[c] = (double)mean;
    if (mean <= 0) {
        x->cls[c] = SEG_XYZ_NO_MEAN;
        return;
    }
    for (size_t s = from; s < to; s++)
        sq += ((long double)vals[s] - mean) * ((long double)vals[s] - mean);
    x->cv[c] = (double)(sqrtl(sq / (long double)(o->xyz_sample ? len - 1 : len)) / mean);
    x->cls[c] = x->cv[c] <= o->xyz_x ? SEG_XYZ_X : x->cv[c] <= o->xyz_y ? SEG_XYZ_Y : SEG_XYZ_Z;
}

/* First days of the window's periods and of the one after it. */
static int32_t *window_starts(seg_run *run)
{
    size_t np = run->res->nperiods;
    int32_t *starts = seg__run_alloc(run, (np + 1) * sizeof *starts);
    if (!starts)
        return NULL;
    for (size_t s = 0; s < np; s++)
        starts[s] = run->res->periods[s].start;
    starts[np] = seg__period_start(run->res->win.period, run->res->win.last + 1);
    return starts;
}

/* Where a series starting with the period of `first` begins: slot 0 for a
 * first purchase before the window, np (an empty series) after it. */
static size_t first_slot(const int32_t *starts, size_t np, int32_t first)
{
    size_t lo = 0, hi = np;
    if (first < starts[0])
        return 0;
    while (lo < hi) { /* the first slot whose successor starts after `first` */
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid + 1] > first)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static seg_status series(seg_run *run, xyz_cols *x)
{
    size_t np = run->res->nperiods;
    int64_t *vals = seg__run_alloc(run, np * sizeof *vals);
    int32_t *starts = window_starts(run);
    if (!vals || !starts)
        return seg__nomem(run->ctx, np * sizeof *vals);
    for (size_t c = 0; c < run->n; c++) {
        int32_t first = run->ds->cust[c].first_purchase;
        x->cls[c] = 0;
        x->cv[c] = x->mean[c] = (double)NAN;
        x->periods[c] = UINT32_MAX;
        if (first == SEG_NONE || !np)
            continue;
        size_t from = run->o->xyz_zero_fill ? 0 : first_slot(starts, np, first);
        SEG_TRY(seg__window_series(run, (uint32_t)c, run->o->xyz_metric, vals));
        classify_series(x, run->o, c, vals, from, np);
    }
    return SEG_OK;
}

/* Rank mode: the steadiest share X, the next Y; ties in CV share a class. */
static void by_rank(const seg_run *run, xyz_cols *x, const uint32_t *order, const double *cv, size_t n)
{
    size_t a = (size_t)seg__ppb_of(n, run->o->xyz_rank_x), b = (size_t)seg__ppb_of(n, run->o->xyz_rank_y);
    while (a > 0 && a < n && cv[a] == cv[a - 1])
        a++;
    b = b < a ? a : b;
    while (b > 0 && b < n && cv[b] == cv[b - 1])
        b++;
    for (size_t i = 0; i < n; i++)
        x->cls[order[i]] = i < a ? SEG_XYZ_X : i < b ? SEG_XYZ_Y : SEG_XYZ_Z;
}

/* Customers with a value, by that value ascending (CVs, gaps). */
int seg__real_key(const void *values, size_t c, uint64_t *key)
{
    double v = ((const double *)values)[c];
    *key = isnan(v) ? 0 : seg__key_f64(v);
    return !isnan(v);
}

/* The customers with a CV, steadiest first (ties by id), and their CVs. */
static seg_status sorted_cv(seg_run *run, const xyz_cols *x, uint32_t **order, double **cv, size_t *n)
{
    SEG_TRY(seg__order_by(order, n, run, seg__real_key, x->cv));
    *cv = seg__run_alloc(run, (*n ? *n : 1) * sizeof **cv);
    if (!*cv)
        return seg__nomem(run->ctx, *n * sizeof **cv);
    for (size_t i = 0; i < *n; i++)
        (*cv)[i] = x->cv[(*order)[i]];
    return SEG_OK;
}

static const double cv_probs[7] = {0, 0.10, 0.25, 0.50, 0.75, 0.90, 1};

static void cv_quantiles(seg_result *r, const double *cv, size_t n)
{
    for (int i = 0; i < 7; i++)
        r->cv_quantile[i] = n ? seg__quantile7(cv, n, cv_probs[i]) : (double)NAN;
}

seg_status seg__xyz(seg_run *run)
{
    seg_result *r = run->res;
    xyz_cols x = {seg__result_column(r, SEG_COL_XYZ, SEG_RC_U8), seg__result_column(r, SEG_COL_XYZ_CV, SEG_RC_F64),
                  seg__result_column(r, SEG_COL_XYZ_MEAN, SEG_RC_F64),
                  seg__result_column(r, SEG_COL_XYZ_PERIODS, SEG_RC_U32N)};
    if (!x.cls || !x.cv || !x.mean || !x.periods)
        return seg__nomem(run->ctx, run->n * 21);
    SEG_TRY(series(run, &x));
    /* Bounds need only the CV quantiles; rank classes need the CVs in order. */
    uint32_t *order = NULL;
    double *cv = NULL;
    size_t n = 0;
    if (!run->o->xyz_by_rank)
        return seg__quantiles7(run, x.cv, run->n, cv_probs, 7, r->cv_quantile);
    SEG_TRY(sorted_cv(run, &x, &order, &cv, &n));
    by_rank(run, &x, order, cv, n);
    cv_quantiles(r, cv, n);
    return SEG_OK;
}
