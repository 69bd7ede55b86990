/* ABC classes (design §3.3): cumulative shares of the positive metric with the
 * smallest-set or inclusive boundary, or classes by customer count; ties in
 * value always share a class, and buyers with metric ≤ 0 are C. */
#include "run.h"

#include "../util/exact.h"

#include <math.h>

typedef struct ranking {
    const seg_run *run;
    const uint32_t *order; /* buyers, metric descending */
    const uint64_t *cum;   /* cum[i] = metric of order[0..i), positives only */
    size_t n, pos;         /* buyers; those with metric > 0 (a prefix) */
    uint64_t total;
} ranking;

static int tied(const ranking *k, size_t i, size_t j)
{
    return seg__metric_at(k->run, i) == seg__metric_at(k->run, j);
}

/* Move a boundary b (customers [0, b) are in) past the tie group it splits. */
static size_t keep_ties_in(const ranking *k, size_t b, size_t limit)
{
    while (b > 0 && b < limit && tied(k, b, b - 1))
        b++;
    return b;
}

/* Move a boundary back before the tie group it splits, but not below `floor`. */
static size_t keep_ties_out(const ranking *k, size_t b, size_t floor, size_t limit)
{
    size_t g = b;
    if (b == 0 || b >= limit || !tied(k, b, b - 1))
        return b;
    while (g > floor && tied(k, g - 1, b))
        g--;
    return g;
}

/* Smallest-set boundary: the first prefix whose cumulative share reaches ppb. */
static size_t smallest(const ranking *k, size_t from, uint64_t ppb)
{
    size_t b = from;
    while (b < k->pos && !seg__share_reaches(k->cum[b], k->total, ppb))
        b++;
    return keep_ties_in(k, b, k->pos);
}

/* Inclusive boundary: the longest prefix whose cumulative share stays within ppb. */
static size_t inclusive(const ranking *k, size_t from, uint64_t ppb)
{
    size_t b = from;
    while (b < k->pos && seg__share_within(k->cum[b + 1], k->total, ppb))
        b++;
    return keep_ties_out(k, b, from, k->pos);
}

static size_t by_count(const ranking *k, size_t from, uint64_t ppb)
{
    size_t b = (size_t)seg__ppb_of(k->n, ppb);
    b = b < from ? from : b > k->pos ? k->pos : b;
    return keep_ties_in(k, b, k->pos);
}

static void boundaries(const ranking *k, const seg_opts *o, size_t *a, size_t *b)
{
    if (o->abc_by_count) {
        *a = by_count(k, 0, o->abc_count_a);
        *b = by_count(k, *a, o->abc_count_b);
    } else if (k->total == 0) {
        *a = *b = 0;
    } else if (o->abc_boundary == SEG_ABC_INCLUSIVE) {
        *a = inclusive(k, 0, o->abc_a);
        *b = inclusive(k, *a, o->abc_b);
    } else {
        *a = smallest(k, 0, o->abc_a);
        *b = smallest(k, *a, o->abc_b);
    }
}

seg_status seg__abc(seg_run *run)
{
    seg_result *r = run->res;
    uint8_t *cls = seg__result_column(r, SEG_COL_ABC, SEG_RC_U8);
    double *share = seg__result_column(r, SEG_COL_ABC_SHARE, SEG_RC_F64);
    uint64_t *cum = seg__run_alloc(run, (run->nbuyers + 1) * sizeof *cum);
    if (!cls || !share || !cum)
        return seg__nomem(run->ctx, run->n * 9);
    ranking k = {run, run->by_metric, cum, run->nbuyers, 0,
                 (uint64_t)r->metric_total};
    cum[0] = 0;
    for (size_t i = 0; i < k.n; i++) {
        int64_t m = seg__metric_at(run, i);
        k.pos += m > 0;
        cum[i + 1] = cum[i] + (m > 0 ? (uint64_t)m : 0);
    }
    size_t a, b;
    boundaries(&k, run->o, &a, &b);
    for (size_t c = 0; c < run->n; c++) {
        cls[c] = 0;
        share[c] = (double)NAN;
    }
    for (size_t i = 0; i < k.n; i++) {
        uint32_t c = k.order[i];
        cls[c] = i < a ? SEG_ABC_A : i < b ? SEG_ABC_B : SEG_ABC_C;
        r->abc_count[cls[c] - 1]++;
        share[c] = k.total ? (double)cum[i + 1] / (double)k.total : (double)NAN;
    }
    return SEG_OK;
}
