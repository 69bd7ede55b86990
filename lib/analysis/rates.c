/* Per-period figures of the window (design §3.6): buyers, repeat buyers, new
 * customers, the metric, and who was current at the start and churned by the
 * end, from each customer's purchase days and churn horizon. */
#include "run.h"

#include "../profile.h"
#include "cell_days.h"
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
    for (uint32_t k = to; k > from; k--) {
        int32_t start = seg__run_period_start(run, run->cell_period[k - 1]);
        int32_t last = seg__cell_last_from(run->ds, run->cells[k - 1], start, INT32_MAX);
        if (last != SEG_NONE)
            return last;
    }
    return SEG_NONE;
}

static int32_t last_purchase_upto(walker *w, int32_t t)
{
    const seg_run *run = w->run;
    uint32_t from = w->k;
    while (w->k < w->end && seg__run_period_start(run, run->cell_period[w->k] + 1) - 1 <= t)
        w->k++;
    int32_t passed = w->k > from ? last_in(run, from, w->k) : SEG_NONE;
    if (passed != SEG_NONE)
        w->done = passed;
    if (w->k < w->end) {
        int32_t start = seg__run_period_start(run, run->cell_period[w->k]);
        int32_t last = start <= t ? seg__cell_last_from(run->ds, run->cells[w->k], start, t) : SEG_NONE;
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

/* Buyers, repeat buyers and the metric per period from customer c's window
 * cells (grouped by slot); the metric is summed exactly into `metric`, so
 * only a total can overflow. */
static void purchase_figures(seg_run *run, size_t c, seg_wide *metric)
{
    seg_result *r = run->res;
    uint32_t i = run->win_off[c], end = run->win_off[c + 1];
    while (i < end) {
        uint16_t s = run->win_slot[i];
        int64_t purchases = 0;
        uint32_t days = 0;
        for (; i < end && run->win_slot[i] == s; i++) {
            seg__wide_add(&metric[s], run->win_xyz[i]);
            purchases += seg__cell_purchases(run->ds, run->win_cell[i], run->o->frequency);
            days += seg__cell_day_count(run->ds, run->win_cell[i]);
        }
        r->periods[s].buyers += days > 0;
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

/* Purchases per customer over the whole history, by the frequency
 * definition, in one sequential read of the cells. */
static int64_t *history_purchases(seg_run *run)
{
    const seg_key_entry *e = run->ds->cell_keys.entries;
    int64_t *n = seg__run_alloc(run, run->n * sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, run->n * sizeof *n);
    for (uint32_t j = 0; j < run->ds->cell_keys.n; j++)
        n[e[j].owner] += seg__cell_purchases(run->ds, j, run->o->frequency);
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
    seg_wide *metric = seg__run_alloc(run, r->nperiods * sizeof *metric);
    int64_t *history = history_purchases(run);
    uint64_t repeat = 0, buyers = 0;
    if (!metric || !history)
        return seg__nomem(run->ctx, r->nperiods * sizeof *metric + run->n * sizeof *history);
    memset(metric, 0, r->nperiods * sizeof *metric);
    for (size_t c = 0; c < run->n; c++) {
        int32_t first = run->ds->cust.first_purchase[c];
        purchase_figures(run, c, metric);
        if (first == SEG_NONE)
            continue;
        buyers++;
        repeat += history[c] >= 2;
        new_customer(r, first);
        if (horizon)
            churn_figures(run, c, horizon[c]);
    }
    r->repeat_rate = buyers ? (double)repeat / (double)buyers : (double)NAN;
    return period_metrics(run, metric);
}
