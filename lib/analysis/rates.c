/* Per-period figures of the window (design §3.6): buyers, repeat buyers, new
 * customers, the metric, and who was current at the start and churned by the
 * end, from each customer's purchase days and churn horizon. */
#include "run.h"

#include "../profile.h"
#include "cells.h"
#include "../util/exact.h"

#include <math.h>
#include <string.h>

/* Walks one customer's cells forward to answer "last purchase on or before t"
 * for non-decreasing t. */
typedef struct walker {
    const seg_run *run;
    uint32_t k, end;
    int32_t done; /* last purchase among cells that end before the current t */
} walker;

static int32_t last_purchase_upto(walker *w, int32_t t)
{
    const seg_dataset *ds = w->run->ds;
    for (; w->k < w->end; w->k++) {
        uint32_t j = w->run->cells[w->k];
        int32_t cell_end = seg__period_start(ds->period, seg__cell_period(ds, j) + 1) - 1;
        if (cell_end > t)
            break;
        int32_t last = seg__cell_last_purchase(ds, j, INT32_MAX);
        if (last != SEG_NONE)
            w->done = last;
    }
    if (w->k < w->end && seg__cell_start(ds, w->run->cells[w->k]) <= t) {
        int32_t last = seg__cell_last_purchase(ds, w->run->cells[w->k], t);
        if (last != SEG_NONE)
            return last;
    }
    return w->done;
}

/* Current on day t: a purchase within the horizon, not ended by a churn date. */
static int current_on(walker *w, int32_t t, int32_t horizon, int32_t churn)
{
    int32_t last = last_purchase_upto(w, t);
    if (last == SEG_NONE || (int64_t)t - last > horizon)
        return 0;
    return !(churn != SEG_NONE && churn <= t && last <= churn);
}

static void churn_figures(seg_run *run, size_t c, int32_t horizon)
{
    seg_result *r = run->res;
    const int32_t *churn_col = run->ds->profile.ints[seg__profile_slot(SEG_FIELD_CHURN_DATE)];
    int32_t churn = churn_col ? churn_col[c] : SEG_NONE;
    walker w = {run, run->cell_off[c], run->cell_off[c + 1], SEG_NONE};
    for (size_t p = 0; p < r->nperiods; p++) {
        seg_period_row *row = &r->periods[p];
        if (!current_on(&w, row->start - 1, horizon, churn))
            continue;
        row->current++;
        row->churned += !current_on(&w, row->end, horizon, churn);
    }
}

/* Buyers, repeat buyers and the metric per period from customer c's cells;
 * the metric is summed exactly into `metric`, so only a total can overflow. */
static void purchase_figures(seg_run *run, size_t c, int64_t *purchases, uint32_t *days, seg_wide *metric)
{
    seg_result *r = run->res;
    for (size_t p = 0; p < r->nperiods; p++)
        purchases[p] = days[p] = 0;
    for (uint32_t k = run->cell_off[c]; k < run->cell_off[c + 1]; k++) {
        uint32_t j = run->cells[k];
        int32_t s = seg__window_slot(run, j);
        if (s < 0)
            continue;
        seg__wide_add(&metric[s], seg__cell_metric(run->ds, j, run->o->xyz_metric, run->o->frequency));
        purchases[s] += seg__cell_purchases(run->ds, j, run->o->frequency);
        days[s] += seg__cell_days(run->ds, j);
    }
    for (size_t p = 0; p < r->nperiods; p++) {
        r->periods[p].buyers += days[p] > 0;
        r->periods[p].repeat_buyers += purchases[p] >= 2;
    }
}

/* The periods' metrics from their exact sums; INT64_MIN is reserved as "none". */
static seg_status period_metrics(seg_run *run, const seg_wide *metric)
{
    seg_result *r = run->res;
    for (size_t p = 0; p < r->nperiods; p++)
        if (!seg__wide_get(&metric[p], &r->periods[p].metric) || r->periods[p].metric == INT64_MIN)
            return seg__error(run->ctx, SEG_ERR_OVERFLOW, "a period's metric overflows 64 bits");
    return SEG_OK;
}

/* Customer c's purchases over the whole history, by the frequency definition. */
static int64_t history_purchases(const seg_run *run, size_t c)
{
    int64_t n = 0;
    for (uint32_t k = run->cell_off[c]; k < run->cell_off[c + 1]; k++)
        n += seg__cell_purchases(run->ds, run->cells[k], run->o->frequency);
    return n;
}

static void new_customer(seg_result *r, int32_t first)
{
    for (size_t p = 0; p < r->nperiods; p++)
        if (first >= r->periods[p].start && first <= r->periods[p].end)
            r->periods[p].new_customers++;
}

seg_status seg__rates(seg_run *run)
{
    seg_result *r = run->res;
    const int32_t *horizon = r->col[SEG_COL_CHURN_HORIZON].data;
    int64_t *purchases = seg__run_alloc(run, r->nperiods * sizeof *purchases);
    uint32_t *days = seg__run_alloc(run, r->nperiods * sizeof *days);
    seg_wide *metric = seg__run_alloc(run, r->nperiods * sizeof *metric);
    uint64_t repeat = 0, buyers = 0;
    if (!purchases || !days || !metric)
        return seg__nomem(run->ctx, r->nperiods * 28);
    memset(metric, 0, r->nperiods * sizeof *metric);
    for (size_t c = 0; c < run->n; c++) {
        int32_t first = run->ds->cust[c].first_purchase;
        purchase_figures(run, c, purchases, days, metric);
        if (first == SEG_NONE)
            continue;
        buyers++;
        repeat += history_purchases(run, c) >= 2;
        new_customer(r, first);
        if (horizon)
            churn_figures(run, c, horizon[c]);
    }
    r->repeat_rate = buyers ? (double)repeat / (double)buyers : (double)NAN;
    return period_metrics(run, metric);
}
