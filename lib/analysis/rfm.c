/* RFM scores (design §3.2): tie-aware quantiles, SQL NTILE, user thresholds
 * or R rfm 0.3.0 bands per axis, the break points used, and the segment of
 * each scored customer from the first matching rule. */
#include "run.h"

#include "../io/money.h"
#include "../util/sort.h"

#include <math.h>
#include <string.h>

enum { AXIS_R, AXIS_F, AXIS_M };

#define MAX_BINS (SEG_MAX_THRESHOLDS + 1) /* the most bins: rfm_bins_* ≤ 10, thresholds ≤ 9 */

/* One axis: scored customers sorted by goodness ascending (ties by id), and
 * their values in the axis's units (days, purchases, minor units). */
typedef struct axis {
    int a, k;
    size_t n;
    uint32_t *order;
    int64_t *value; /* value[i] of order[i] */
    uint8_t *score; /* per customer */
    double *breaks;
} axis;

static int64_t value_of(const seg_run *run, int a, size_t c)
{
    if (a == AXIS_R)
        return (int64_t)run->o->as_of - run->last[c];
    return a == AXIS_F ? (int64_t)run->freq[c] : run->monetary[c];
}

/* Sort key of a value: ascending goodness (R: fewer days is better). */
static uint64_t goodness_key(int a, int64_t v)
{
    uint64_t k = seg__key_i64(v);
    return a == AXIS_R ? ~k : k;
}

static int64_t value_of_key(int a, uint64_t k)
{
    return (int64_t)((a == AXIS_R ? ~k : k) ^ seg__key_i64(0));
}

/* The buyers by goodness on axis x->a (ties by id: they are taken in id
 * order and the sort is stable), their values read back from the sorted
 * keys; the buffers are shared by the three axes. */
static seg_status sort_axis(seg_run *run, axis *x, uint64_t *keys)
{
    size_t m = 0;
    for (size_t p = 0; p < run->n; p++) {
        uint32_t c = run->by_id[p];
        if (run->first[c] == SEG_NONE)
            continue;
        keys[m] = goodness_key(x->a, value_of(run, x->a, c));
        x->order[m++] = c;
    }
    x->n = m;
    SEG_TRY(seg__sort_pairs(run->ctx, keys, x->order, m));
    for (size_t i = 0; i < m; i++)
        x->value[i] = value_of_key(x->a, keys[i]);
    return SEG_OK;
}

static void tie_quantile(axis *x)
{
    size_t first = 0;
    for (size_t i = 0; i < x->n; i++) {
        if (i && x->value[i] != x->value[i - 1])
            first = i;
        x->score[x->order[i]] = (uint8_t)(1 + (uint64_t)x->k * first / x->n);
    }
}

/* SQL NTILE(k): the first n mod k bins hold one customer more. */
static void ntile(axis *x)
{
    size_t k = (size_t)x->k, q = x->n / k, big = x->n % k, edge = big * (q + 1);
    for (size_t i = 0; i < x->n; i++)
        x->score[x->order[i]] = (uint8_t)(1 + (i < edge ? i / (q + 1) : big + (i - edge) / q));
}

/* Score from break points in the axis's units: 1 + #{b ≤ v}, reversed for R. */
static int score_from_breaks(const axis *x, double v)
{
    int below = 0;
    for (int j = 0; j < x->k - 1; j++)
        below += x->breaks[j] <= v;
    return x->a == AXIS_R ? x->k - below : 1 + below;
}

static void thresholds(axis *x, const seg_opts *o)
{
    for (int j = 0; j < x->k - 1; j++)
        x->breaks[j] = (double)o->thresholds[x->a][j];
    for (size_t i = 0; i < x->n; i++) {
        int below = 0;
        for (int j = 0; j < x->k - 1; j++)
            below += o->thresholds[x->a][j] <= x->value[i];
        x->score[x->order[i]] = (uint8_t)(x->a == AXIS_R ? x->k - below : 1 + below);
    }
}

/* R rfm 0.3.0: quantile(x, i / k, type = 7) + 1 on R's values (money in major
 * units), in R's double arithmetic; bands [lower, upper). */
static seg_status r_rfm(seg_run *run, axis *x)
{
    double unit = (double)seg__pow10(run->res->scale), *v = seg__run_alloc(run, x->n * sizeof *v);
    if (!v)
        return seg__nomem(run->ctx, x->n * sizeof *v);
    for (size_t i = 0; i < x->n; i++) /* raw values ascending: reverse R's goodness order */
        v[i] = (double)x->value[x->a == AXIS_R ? x->n - 1 - i : i] / (x->a == AXIS_M ? unit : 1.0);
    for (int j = 0; j < x->k - 1; j++) {
        double p = (j + 1) * (1.0 / x->k), index = 1 + (double)(x->n - 1) * p;
        size_t lo = (size_t)floor(index), hi = (size_t)ceil(index);
        double q = v[lo - 1];
        if (index > (double)lo && v[hi - 1] != q) {
            double h = index - (double)lo;
            q = (1 - h) * q + h * v[hi - 1];
        }
        x->breaks[j] = q + 1;
    }
    for (size_t i = 0; i < x->n; i++)
        x->score[x->order[i]] = (uint8_t)score_from_breaks(x, (double)x->value[i] / (x->a == AXIS_M ? unit : 1.0));
    if (x->a == AXIS_M)
        for (int j = 0; j < x->k - 1; j++)
            x->breaks[j] *= unit;
    return SEG_OK;
}

/* The first position whose score exceeds s; scores ascend along the order
 * for the quantile methods, so bisection finds it. */
static size_t first_above(const axis *x, int s)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->score[x->order[mid]] > s)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* For the quantile methods: b_j is the smallest value whose score passes j
 * (F, M: score ≥ j + 1; R: score ≤ k − j), +∞ when none does; for R that is
 * the last customer with such a score, who has the fewest days. */
static void observed_breaks(axis *x)
{
    for (int j = 0; j < x->k - 1; j++) {
        x->breaks[j] = (double)INFINITY;
        if (x->a != AXIS_R) {
            size_t i = first_above(x, j + 1);
            if (i < x->n)
                x->breaks[j] = (double)x->value[i];
        } else {
            size_t i = first_above(x, x->k - j - 1);
            if (i > 0)
                x->breaks[j] = (double)x->value[i - 1];
        }
    }
}

static seg_status score_axis(seg_run *run, axis *x)
{
    switch (run->o->rfm_method) {
    case SEG_RFM_NTILE: ntile(x); break;
    case SEG_RFM_THRESHOLDS: thresholds(x, run->o); return SEG_OK;
    case SEG_RFM_R_RFM: return x->n ? r_rfm(run, x) : (observed_breaks(x), SEG_OK);
    default: tie_quantile(x); break;
    }
    observed_breaks(x);
    return SEG_OK;
}

/* The first matching rule of every score triple (-1: none). */
static void rule_table(const seg_opts *o, int16_t (*rule_of)[MAX_BINS + 1][MAX_BINS + 1])
{
    for (int r = 1; r <= o->bins[0]; r++)
        for (int f = 1; f <= o->bins[1]; f++)
            for (int m = 1; m <= o->bins[2]; m++)
                rule_of[r][f][m] = (int16_t)seg__rules_find(&o->rules, o->bins, r, f, m);
}

static seg_status segments(seg_run *run, uint8_t *const *score)
{
    seg_result *r = run->res;
    int32_t *code = seg__result_column(r, SEG_COL_RFM, SEG_RC_I32);
    int32_t *segment = seg__result_column(r, SEG_COL_RFM_SEGMENT, SEG_RC_I32);
    if (!code || !segment)
        return seg__nomem(run->ctx, run->n * 8);
    int16_t rule_of[MAX_BINS + 1][MAX_BINS + 1][MAX_BINS + 1];
    rule_table(run->o, rule_of);
    for (size_t c = 0; c < run->n; c++) {
        code[c] = segment[c] = SEG_NONE;
        if (!score[0][c])
            continue;
        code[c] = 100 * score[0][c] + 10 * score[1][c] + score[2][c];
        int rule = rule_of[score[0][c]][score[1][c]][score[2][c]];
        segment[c] = rule >= 0 ? rule : SEG_NONE;
        r->rfm_unsegmented += rule < 0;
    }
    return SEG_OK;
}

seg_status seg__rfm(seg_run *run)
{
    static const seg_column cols[3] = {SEG_COL_R, SEG_COL_F, SEG_COL_M};
    seg_result *r = run->res;
    uint8_t *score[3];
    int64_t *value = seg__run_alloc(run, run->n * sizeof *value);
    uint64_t *keys = seg__run_alloc(run, run->n * sizeof *keys);
    uint32_t *order = seg__run_alloc(run, run->n * sizeof *order);
    if (!value || !keys || !order)
        return seg__nomem(run->ctx, run->n * 20);
    for (int a = 0; a < 3; a++) {
        score[a] = seg__result_column(r, cols[a], SEG_RC_U8);
        if (!score[a])
            return seg__nomem(run->ctx, run->n);
        memset(score[a], 0, run->n);
        axis x = {a, run->o->bins[a], 0, order, value, score[a], r->breaks[a]};
        SEG_TRY(sort_axis(run, &x, keys));
        SEG_TRY(score_axis(run, &x));
        r->rfm_scored = (int64_t)x.n;
    }
    return segments(run, score);
}
