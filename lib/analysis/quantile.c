/* Type-7 quantiles (R's default), read from a sorted array or found by
 * selecting only the order statistics they need; both give the same bits. */
#include "run.h"

#include "../util/select.h"
#include "../util/sort.h"

#include <math.h>

/* Where quantile p reads a sorted array of n ≥ 1: positions lo and hi, and
 * the weight h of hi. */
static void q7_index(size_t n, double p, size_t *lo, size_t *hi, double *h)
{
    double index = (double)(n - 1) * p;
    *lo = (size_t)floor(index);
    *hi = *lo + 1 < n ? *lo + 1 : *lo;
    *h = index - (double)*lo;
}

static double q7_mix(double xlo, double xhi, double h)
{
    return h > 0 && xhi != xlo ? (1 - h) * xlo + h * xhi : xlo;
}

double seg__quantile7(const double *x, size_t n, double p)
{
    size_t lo, hi;
    double h;
    q7_index(n, p, &lo, &hi, &h);
    return q7_mix(x[lo], x[hi], h);
}

/* Add position v to the ascending set pos[0 .. *n). */
static void add_position(size_t *pos, size_t *n, size_t v)
{
    size_t i = *n;
    for (; i > 0 && pos[i - 1] >= v; i--)
        if (pos[i - 1] == v)
            return;
    for (size_t j = *n; j > i; j--)
        pos[j] = pos[j - 1];
    pos[i] = v;
    (*n)++;
}

static double value_at(const size_t *pos, const uint64_t *sel, size_t npos, size_t v)
{
    size_t i = 0;
    while (i + 1 < npos && pos[i] != v)
        i++;
    return seg__f64_of_key(sel[i]);
}

seg_status seg__quantiles7(seg_run *run, const double *x, size_t n, const double *p, size_t np, double *q)
{
    size_t m = 0, lo[SEG_MAX_QUANTILES], hi[SEG_MAX_QUANTILES], pos[2 * SEG_MAX_QUANTILES], npos = 0;
    double h[SEG_MAX_QUANTILES];
    uint64_t sel[2 * SEG_MAX_QUANTILES];
    uint64_t *keys = seg__run_alloc(run, n * sizeof *keys);
    if (!keys)
        return seg__nomem(run->ctx, n * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            keys[m++] = seg__key_f64(x[i]);
    for (size_t j = 0; j < np; j++) {
        q[j] = (double)NAN;
        if (!m)
            continue;
        q7_index(m, p[j], &lo[j], &hi[j], &h[j]);
        add_position(pos, &npos, lo[j]);
        add_position(pos, &npos, hi[j]);
    }
    if (!m)
        return SEG_OK;
    SEG_TRY(seg__select_keys(run->ctx, keys, m, pos, npos, sel));
    for (size_t j = 0; j < np; j++)
        q[j] = q7_mix(value_at(pos, sel, npos, lo[j]), value_at(pos, sel, npos, hi[j]), h[j]);
    return SEG_OK;
}
