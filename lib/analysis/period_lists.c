/* Per-period top lists (design §3.5): in each window period, the top share of
 * customers with a positive metric in it, ties by id, and how many periods
 * each customer was on a list. */
#include "period_entries.h"

#include "../util/exact.h"
#include "../util/select.h"
#include "../util/sort.h"

#include <string.h>

typedef seg_period_entries entries;

/* The general path: customers in id order inside each period, keyed by the
 * metric alone. Pass 1 counts (fill = 0), pass 2 fills. */
static seg_status collect(seg_run *run, entries *e, int64_t *vals, int fill, uint32_t *next)
{
    size_t np = run->res->nperiods;
    for (size_t i = 0; i < run->n; i++) {
        uint32_t c = run->by_id[i];
        if (run->cell_off[c] == run->cell_off[c + 1])
            continue;
        SEG_TRY(seg__window_series(run, c, run->o->abc_metric, vals));
        for (size_t p = 0; p < np; p++) {
            if (vals[p] <= 0)
                continue;
            if (!fill) {
                e->off[p + 1]++;
                continue;
            }
            e->who[next[p]] = c;
            e->key[next[p]++] = ~seg__key_i64(vals[p]);
        }
    }
    return SEG_OK;
}

static seg_status gather(seg_run *run, entries *e)
{
    size_t np = run->res->nperiods;
    int64_t *vals = seg__run_alloc(run, np * sizeof *vals);
    uint32_t *next = seg__run_alloc(run, np * sizeof *next);
    e->off = seg__run_alloc(run, (np + 1) * sizeof *e->off);
    if (!vals || !next || !e->off)
        return seg__nomem(run->ctx, np * 20);
    memset(e->off, 0, (np + 1) * sizeof *e->off);
    SEG_TRY(collect(run, e, vals, 0, next));
    for (size_t p = 0; p < np; p++) {
        e->off[p + 1] += e->off[p];
        next[p] = e->off[p];
    }
    size_t total = e->off[np];
    e->who = seg__run_alloc(run, total * sizeof *e->who);
    e->key = seg__run_alloc(run, total * sizeof *e->key);
    if (!e->who || !e->key)
        return seg__nomem(run->ctx, total * 12);
    return collect(run, e, vals, 1, next);
}

/* Put the first `top` of m entries in key order at the front. Unique keys
 * (the ranked path) let a selection find the boundary, so only those are
 * sorted; with possible ties (the general path) everything is. */
static seg_status sort_top(seg_run *run, uint64_t *key, uint32_t *who, size_t m, size_t top, int unique)
{
    if (!top)
        return SEG_OK;
    if (!unique || top > m / 2)
        return seg__sort_pairs(run->ctx, key, who, m);
    uint64_t *copy = seg__malloc(run->ctx, m * sizeof *copy), bound = 0;
    size_t last = top - 1, k = 0;
    if (!copy)
        return seg__nomem(run->ctx, m * sizeof *copy);
    memcpy(copy, key, m * sizeof *copy);
    seg_status st = seg__select_keys(run->ctx, copy, m, &last, 1, &bound);
    seg__free(run->ctx, copy);
    SEG_TRY(st);
    for (size_t i = 0; i < m; i++)
        if (key[i] <= bound) {
            uint64_t kt = key[k];
            uint32_t wt = who[k];
            key[k] = key[i];
            who[k] = who[i];
            key[i] = kt;
            who[i] = wt;
            k++;
        }
    return seg__sort_pairs(run->ctx, key, who, top);
}

seg_status seg__period_lists(seg_run *run)
{
    seg_result *r = run->res;
    size_t np = r->nperiods;
    entries e = {NULL, NULL, NULL};
    int ranked = 0;
    uint32_t *member = seg__result_column(r, SEG_COL_PARETO_PERIODS, SEG_RC_U32);
    r->top_off = seg__result_alloc(r, (np + 1) * sizeof *r->top_off);
    if (!member || !r->top_off)
        return seg__nomem(run->ctx, run->n * 4);
    memset(member, 0, run->n * sizeof *member);
    SEG_TRY(seg__period_entries_ranked(run, &e, &ranked));
    if (!ranked)
        SEG_TRY(gather(run, &e));
    r->top_off[0] = 0;
    for (size_t p = 0; p < np; p++) {
        size_t m = e.off[p + 1] - e.off[p], top = (size_t)seg__ppb_of(m, run->o->pareto_top);
        SEG_TRY(sort_top(run, e.key + e.off[p], e.who + e.off[p], m, top, ranked));
        r->top_off[p + 1] = r->top_off[p] + (uint32_t)top;
        r->periods[p].top_count = (int64_t)top;
    }
    r->top = seg__result_alloc(r, r->top_off[np] * sizeof *r->top);
    if (!r->top)
        return seg__nomem(run->ctx, r->top_off[np] * sizeof *r->top);
    for (size_t p = 0; p < np; p++)
        for (uint32_t k = 0; k < r->top_off[p + 1] - r->top_off[p]; k++) {
            uint32_t c = e.who[e.off[p] + k];
            r->top[r->top_off[p] + k] = c;
            member[c]++;
        }
    return SEG_OK;
}
