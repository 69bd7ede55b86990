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
 * for non-decreasing t; k runs over the customer's positions in run->cells. */
typedef struct walker {
    const seg_run *run;
    uint32_t k, end;
    int32_t done; /* last purchase among cells that end before the current t */
} walker;

/* The latest purchase among the cells at positions [from, to), or SEG_NONE. */
static int32_t last_in(const seg_run *run, uint32_t from, uint32_t to)
{
    for (uint32_t k = to; k > from; k--)
        if (seg__ref_last(run, k - 1) != SEG_NO_DAY)
            return seg__run_period_start(run, seg__ref_period(run, k - 1)) + (int32_t)seg__ref_last(run, k - 1);
    return SEG_NONE;
}

/* The last purchase on or before t in the cell at position k, which starts on `start`. */
static int32_t last_in_part(const seg_run *run, uint32_t k, int32_t start, int32_t t)
{
    int32_t last = (int32_t)seg__ref_last(run, k);
    if (last == SEG_NO_DAY)
        return SEG_NONE;
    if (start + last <= t)
        return start + last;
    return seg__cell_last_from(run->ds, run->cells[k].j, start, t);
}

static int32_t last_purchase_upto(walker *w, int32_t t)
{
    const seg_run *run = w->run;
    uint32_t from = w->k;
    while (w->k < w->end && seg__run_period_start(run, seg__ref_period(run, w->k) + 1) - 1 <= t)
        w->k++;
    int32_t passed = w->k > from ? last_in(run, from, w->k) : SEG_NONE;
    if (passed != SEG_NONE)
        w->done = passed;
    if (w->k < w->end) {
        int32_t start = seg__run_period_start(run, seg__ref_period(run, w->k));
        int32_t last = start <= t ? last_in_part(run, w->k, start, t) : SEG_NONE;
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

/* A customer not current on day t stays so until its next purchase, which
 * is no earlier than the first cell not yet passed (t + 1 inside a cell read
 * in part); with every cell passed, it stays so for good. */
static int64_t asleep_until(const walker *w, int32_t t)
{
    if (w->k >= w->end)
        return INT64_MAX;
    int32_t start = seg__run_period_start(w->run, seg__ref_period(w->run, w->k));
    return start > t ? start : (int64_t)t + 1;
}

/* Current at each period's start and end; a period's end is usually the day
 * before the next one starts, so that answer is reused, and days on which
 * the customer cannot be current are not asked about. */
static void churn_figures(seg_run *run, size_t c, int32_t horizon)
{
    seg_result *r = run->res;
    const int32_t *churn_col = run->ds->profile.ints[seg__profile_slot(SEG_FIELD_CHURN_DATE)];
    int32_t churn = churn_col ? churn_col[c] : SEG_NONE;
    walker w = {run, run->cell_off[c], run->cell_off[c + 1], SEG_NONE};
    int64_t asleep = INT64_MIN, known_t = INT64_MIN;
    int known = 0;
    for (size_t p = 0; p < r->nperiods; p++) {
        seg_period_row *row = &r->periods[p];
        int32_t t = row->start - 1;
        if (asleep == INT64_MAX)
            return;
        if (t < asleep)
            continue;
        if (!(t == known_t ? known : current_on(&w, t, horizon, churn))) {
            asleep = asleep_until(&w, t);
            continue;
        }
        row->current++;
        known_t = row->end;
        known = current_on(&w, row->end, horizon, churn);
        row->churned += !known;
        if (!known)
            asleep = asleep_until(&w, row->end);
    }
}

/* Buyers, repeat buyers and the metric per period from customer c's window
 * cells (grouped by slot); the metric is summed exactly into `metric`, so
 * only a total can overflow. */
static void purchase_figures(seg_run *run, size_t c, seg_wide *metric)
{
    seg_result *r = run->res;
    uint32_t i = run->win_off[c], end = run->win_off[c + 1];
    while (i < end) {
        uint16_t s = run->win_slot[i];
        unsigned purchases = 0, bought = 0; /* purchases capped at 2 per cell, so the sum answers "≥ 2" */
        for (; i < end && run->win_slot[i] == s; i++) {
            seg__wide_add(&metric[s], run->win_xyz[i]);
            purchases += run->win_flags[i] & SEG_WIN_BUYS;
            bought |= run->win_flags[i] & SEG_WIN_BOUGHT;
        }
        r->periods[s].buyers += bought != 0;
        r->periods[s].repeat_buyers += purchases >= 2;
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

/* The periods ascend and are disjoint: at most one holds `first`, and none
 * after one that starts later. */
static void new_customer(seg_result *r, int32_t first)
{
    for (size_t p = 0; p < r->nperiods && first >= r->periods[p].start; p++)
        if (first <= r->periods[p].end) {
            r->periods[p].new_customers++;
            return;
        }
}

seg_status seg__rates(seg_run *run)
{
    seg_result *r = run->res;
    const int32_t *horizon = r->col[SEG_COL_CHURN_HORIZON].data;
    seg_wide *metric = seg__run_alloc(run, r->nperiods * sizeof *metric);
    uint64_t repeat = 0, buyers = 0;
    if (!metric)
        return seg__nomem(run->ctx, r->nperiods * sizeof *metric);
    memset(metric, 0, r->nperiods * sizeof *metric);
    for (size_t c = 0; c < run->n; c++) {
        int32_t first = run->ds->cust[c].first_purchase;
        purchase_figures(run, c, metric);
        if (first == SEG_NONE)
            continue;
        buyers++;
        repeat += run->hist_buys[c] >= 2;
        new_customer(r, first);
        if (horizon)
            churn_figures(run, c, horizon[c]);
    }
    r->repeat_rate = buyers ? (double)repeat / (double)buyers : (double)NAN;
    return period_metrics(run, metric);
}
