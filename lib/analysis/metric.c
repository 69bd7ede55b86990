/* The ABC metric per buyer and the one ranking that ABC, Pareto and the
 * ABC × XYZ matrix share: metric descending, ties by id. */
#include "run.h"

#include "../util/sort.h"

static int64_t metric_of(const seg_run *run, size_t c)
{
    switch (run->o->abc_metric) {
    case SEG_METRIC_MARGIN: return run->margin[c];
    case SEG_METRIC_QUANTITY: return run->quantity[c];
    case SEG_METRIC_PURCHASES: return run->freq[c];
    default: return run->net[c];
    }
}

/* Metric column (null for non-buyers) and the positive total. */
static seg_status fill_metric(seg_run *run, int64_t *metric)
{
    uint64_t total = 0;
    for (size_t c = 0; c < run->n; c++) {
        int bought = run->first[c] != SEG_NONE;
        metric[c] = bought ? metric_of(run, c) : INT64_MIN;
        if (!bought || metric[c] <= 0)
            continue;
        if ((uint64_t)metric[c] > UINT64_MAX - total)
            return seg__error(run->ctx, SEG_ERR_OVERFLOW, "the total of the ABC metric overflows 64 bits");
        total += (uint64_t)metric[c];
    }
    if (total > INT64_MAX)
        return seg__error(run->ctx, SEG_ERR_OVERFLOW, "the total of the ABC metric overflows 64 bits");
    run->res->metric_total = (int64_t)total;
    return SEG_OK;
}

seg_status seg__rank_metric(seg_run *run)
{
    int64_t *metric = seg__result_column(run->res, SEG_COL_ABC_METRIC, SEG_RC_I64);
    uint32_t *rank = seg__result_column(run->res, SEG_COL_ABC_RANK, SEG_RC_U32N);
    if (!metric || !rank)
        return seg__nomem(run->ctx, run->n * 12);
    SEG_TRY(fill_metric(run, metric));
    run->nbuyers = (size_t)run->res->buyers;
    uint32_t *order = seg__run_alloc(run, run->nbuyers * sizeof *order);
    uint64_t *keys = seg__run_alloc(run, run->nbuyers * sizeof *keys);
    if (!order || !keys)
        return seg__nomem(run->ctx, run->nbuyers * 12);
    size_t k = 0;
    for (size_t p = 0; p < run->n; p++) {
        uint32_t c = run->by_id[p];
        if (metric[c] == INT64_MIN)
            continue;
        order[k] = c;
        keys[k++] = ~seg__key_i64(metric[c]);
    }
    SEG_TRY(seg__sort_pairs(run->ctx, keys, order, k));
    for (size_t c = 0; c < run->n; c++)
        rank[c] = UINT32_MAX;
    for (size_t i = 0; i < k; i++)
        rank[order[i]] = (uint32_t)(i + 1);
    run->by_metric = order;
    return SEG_OK;
}
