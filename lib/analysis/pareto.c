/* Pareto over buyers (design §3.5): the share of the top p, the smallest share
 * of customers reaching q, the Lorenz curve and the Gini coefficient; negative
 * values count as 0. */
#include "run.h"

#include "../util/exact.h"

#include <math.h>

/* Value of the i-th buyer by metric descending, negatives as 0. */
static uint64_t value_at(const seg_run *run, size_t i)
{
    int64_t m = seg__metric_at(run, i);
    return m > 0 ? (uint64_t)m : 0;
}

static void shares(seg_run *run)
{
    seg_result *r = run->res;
    size_t n = run->nbuyers, top = (size_t)seg__ppb_of(n, run->o->pareto_top), k = 0;
    uint64_t total = (uint64_t)r->metric_total, cum = 0, top_sum = 0;
    for (size_t i = 0; i < top; i++)
        top_sum += value_at(run, i);
    while (k < n && !seg__share_reaches(cum, total, run->o->pareto_reach))
        cum += value_at(run, k++);
    r->top_count = (int64_t)top;
    r->reach_count = (int64_t)k;
    r->top_share = total ? (double)top_sum / (double)total : (double)NAN;
    r->reach_share = total && n ? (double)k / (double)n : (double)NAN;
}

/* Gini = Σ (2i − n − 1) vᵢ / (n T), i = 1 … n ascending; buyer d of the
 * descending order is i = n − d. */
static void gini(seg_run *run)
{
    seg_result *r = run->res;
    size_t n = run->nbuyers;
    long double sum = 0;
    if (!n || !r->metric_total) {
        r->gini = (double)NAN;
        return;
    }
    for (size_t d = 0; d < n; d++)
        sum += ((long double)n - 2.0L * (long double)d - 1.0L) * (long double)value_at(run, d);
    r->gini = (double)(sum / ((long double)n * (long double)r->metric_total));
}

/* Lorenz points: share of T held by the smallest x·n buyers, linear between them. */
static seg_status lorenz(seg_run *run)
{
    seg_result *r = run->res;
    size_t n = run->nbuyers, points = (size_t)run->o->lorenz_points;
    if (!n || !r->metric_total)
        return SEG_OK;
    r->lorenz_x = seg__result_alloc(r, points * sizeof(double));
    r->lorenz_y = seg__result_alloc(r, points * sizeof(double));
    if (!r->lorenz_x || !r->lorenz_y)
        return seg__nomem(run->ctx, points * 2 * sizeof(double));
    long double total = (long double)r->metric_total, below = 0; /* sum of the k smallest */
    size_t k = 0;
    for (size_t j = 0; j < points; j++) {
        long double x = (long double)j / (long double)(points - 1), t = x * (long double)n;
        while (k + 1 <= (size_t)t && k < n)
            below += (long double)value_at(run, n - 1 - k++);
        long double next = k < n ? (long double)value_at(run, n - 1 - k) : 0;
        r->lorenz_x[j] = (double)x;
        r->lorenz_y[j] = (double)((below + (t - (long double)k) * next) / total);
    }
    r->lorenz_n = points;
    return SEG_OK;
}

seg_status seg__pareto(seg_run *run)
{
    shares(run);
    gini(run);
    return lorenz(run);
}
