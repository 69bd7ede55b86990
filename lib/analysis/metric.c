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

/* Buyers by metric descending. */
static int metric_key(const void *metric_, size_t c, uint64_t *key)
{
    const int64_t *metric = metric_;
    *key = ~seg__key_i64(metric[c]);
    return metric[c] != INT64_MIN;
}

seg_status seg__rank_metric(seg_run *run)
{
    int64_t *metric = seg__result_column(run->res, SEG_COL_ABC_METRIC, SEG_RC_I64);
    uint32_t *rank = seg__result_column(run->res, SEG_COL_ABC_RANK, SEG_RC_U32N);
    if (!metric || !rank)
        return seg__nomem(run->ctx, run->n * 12);
    SEG_TRY(fill_metric(run, metric));
    uint32_t *order = NULL;
    uint64_t *keys = NULL;
    size_t k = 0;
    SEG_TRY(seg__order_by_keys(&order, &keys, &k, run, metric_key, metric));
    run->by_metric_key = keys;
    run->nbuyers = k;
    for (size_t c = 0; c < run->n; c++)
        rank[c] = UINT32_MAX;
    for (size_t i = 0; i < k; i++)
        rank[order[i]] = (uint32_t)(i + 1);
    run->by_metric = order;
    return SEG_OK;
}
