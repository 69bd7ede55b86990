/* Per-customer aggregates (recency, frequency, monetary, first purchase,
 * tenure, purchase days, mean gap): borrowed from the folded state for the
 * whole history, or summed from the cells of a look-back window. */
#include "run.h"

#include "cells.h"
#include "../util/exact.h"

#include <math.h>
#include <string.h>

/* Owned columns that both paths compute. */
typedef struct derived {
    int32_t *recency, *tenure;
    uint32_t *days, *periods;
    double *gap;
} derived;

static seg_status allocate_derived(derived *d, seg_result *r)
{
    d->recency = seg__result_column(r, SEG_COL_RECENCY_DAYS, SEG_RC_I32);
    d->tenure = seg__result_column(r, SEG_COL_TENURE_DAYS, SEG_RC_I32);
    d->days = seg__result_column(r, SEG_COL_PURCHASE_DAYS, SEG_RC_U32);
    d->periods = seg__result_column(r, SEG_COL_ACTIVE_PERIODS, SEG_RC_U32);
    d->gap = seg__result_column(r, SEG_COL_MEAN_GAP_DAYS, SEG_RC_F64);
    if (!d->recency || !d->tenure || !d->days || !d->periods || !d->gap)
        return seg__nomem(r->ctx, r->rows * 28);
    return SEG_OK;
}

/* Columns of customer c from its first/last purchase, day and period counts. */
static void derive(derived *d, const seg_run *run, size_t c)
{
    int32_t first = run->first[c], last = run->last[c];
    int bought = first != SEG_NONE;
    d->recency[c] = bought ? run->o->as_of - last : SEG_NONE;
    d->tenure[c] = bought ? run->o->as_of - first : SEG_NONE;
    d->gap[c] = d->days[c] >= 2 ? (double)(last - first) / (double)(d->days[c] - 1) : (double)NAN;
}

/* Owned totals of a look-back window. */
typedef struct window_totals {
    int64_t *net, *margin, *quantity;
    uint32_t *rows, *purchase_rows, *refund_rows, *orders;
    int32_t *first, *last;
} window_totals;

static seg_status allocate_window(window_totals *w, seg_result *r)
{
    w->net = seg__result_column(r, SEG_COL_NET_AMOUNT, SEG_RC_I64);
    w->margin = seg__result_column(r, SEG_COL_MARGIN, SEG_RC_I64);
    w->quantity = seg__result_column(r, SEG_COL_QUANTITY, SEG_RC_I64);
    w->rows = seg__result_column(r, SEG_COL_ROWS, SEG_RC_U32);
    w->purchase_rows = seg__result_column(r, SEG_COL_PURCHASE_ROWS, SEG_RC_U32);
    w->refund_rows = seg__result_column(r, SEG_COL_REFUND_ROWS, SEG_RC_U32);
    w->orders = seg__result_column(r, SEG_COL_ORDERS, SEG_RC_U32);
    w->first = seg__result_column(r, SEG_COL_FIRST_PURCHASE, SEG_RC_I32);
    w->last = seg__result_column(r, SEG_COL_LAST_PURCHASE, SEG_RC_I32);
    if (!w->net || !w->margin || !w->quantity || !w->rows || !w->purchase_rows || !w->refund_rows ||
        !w->orders || !w->first || !w->last)
        return seg__nomem(r->ctx, r->rows * 60);
    return SEG_OK;
}

/* The run reads its per-customer totals from these columns. */
static void use_totals(seg_run *run, const window_totals *w)
{
    run->first = w->first;
    run->last = w->last;
    run->net = w->net;
    run->margin = w->margin;
    run->quantity = w->quantity;
}

/* Add cell j to customer i's window totals. */
static void add_cell(window_totals *w, derived *d, const seg_dataset *ds, size_t i, uint32_t j)
{
    const seg_period_cell *k = ds->cells;
    int32_t first = seg__cell_first_purchase(ds, j), last = seg__cell_last_purchase(ds, j, INT32_MAX);
    w->net[i] += k[j].amount;
    w->margin[i] += seg__cell_margin(ds, j);
    w->quantity[i] += seg__cell_quantity(ds, j);
    w->rows[i] += k[j].rows;
    w->purchase_rows[i] += k[j].purchase_rows;
    w->refund_rows[i] += k[j].refund_rows;
    w->orders[i] += k[j].purchases;
    d->days[i] += seg__cell_days(ds, j);
    d->periods[i]++;
    if (first != SEG_NONE && w->first[i] == SEG_NONE)
        w->first[i] = first;
    if (last != SEG_NONE)
        w->last[i] = last;
}

/* Window: periods [P(as-of) − lookback + 1, P(as-of)] of the dataset's kind. */
static seg_status sum_window(seg_run *run, derived *d)
{
    window_totals w;
    unsigned day;
    SEG_TRY(allocate_window(&w, run->res));
    int32_t hi = seg__period_of(run->ds->period, run->o->as_of, &day);
    int32_t lo = (int32_t)(hi - run->o->lookback + 1);
    for (size_t i = 0; i < run->n; i++) {
        w.net[i] = w.margin[i] = w.quantity[i] = 0;
        w.rows[i] = w.purchase_rows[i] = w.refund_rows[i] = w.orders[i] = 0;
        w.first[i] = w.last[i] = SEG_NONE;
        d->days[i] = d->periods[i] = 0;
        for (uint32_t k = run->cell_off[i]; k < run->cell_off[i + 1]; k++) {
            uint32_t j = run->cells[k].j;
            int32_t p = seg__cell_period(run->ds, j);
            if (p >= lo && p <= hi)
                add_cell(&w, d, run->ds, i, j);
        }
    }
    use_totals(run, &w);
    return SEG_OK;
}

/* Whole history: the customers' folded totals, copied into result columns. */
static seg_status copy_totals(seg_run *run, derived *d)
{
    window_totals w;
    SEG_TRY(allocate_window(&w, run->res));
    for (size_t i = 0; i < run->n; i++) {
        const seg_cust *c = &run->ds->cust[i];
        w.net[i] = c->net;
        w.margin[i] = c->margin;
        w.quantity[i] = c->quantity;
        w.rows[i] = c->rows;
        w.purchase_rows[i] = c->purchase_rows;
        w.refund_rows[i] = c->refund_rows;
        w.orders[i] = c->purchases;
        w.first[i] = c->first_purchase;
        w.last[i] = c->last_purchase;
        d->periods[i] = run->cell_off[i + 1] - run->cell_off[i];
    }
    memcpy(d->days, run->hist_days, run->n * sizeof *d->days);
    use_totals(run, &w);
    return SEG_OK;
}

/* Frequency and monetary by their definitions. */
static seg_status frequency_and_monetary(seg_run *run, const derived *d)
{
    seg_result *r = run->res;
    const seg_rcol *orders = &r->col[SEG_COL_ORDERS], *rows = &r->col[SEG_COL_PURCHASE_ROWS];
    const void *f = run->o->frequency == SEG_FREQUENCY_ROWS   ? rows->data
                    : run->o->frequency == SEG_FREQUENCY_DAYS ? (const void *)d->days
                                                              : orders->data;
    seg__result_view(r, SEG_COL_FREQUENCY, SEG_RC_U32, f);
    run->freq = f;
    if (!run->o->monetary_mean) {
        seg__result_view(r, SEG_COL_MONETARY, SEG_RC_I64, run->net);
        run->monetary = run->net;
        return SEG_OK;
    }
    int64_t *m = seg__result_column(r, SEG_COL_MONETARY, SEG_RC_I64);
    if (!m)
        return seg__nomem(run->ctx, r->rows * sizeof *m);
    for (size_t i = 0; i < run->n; i++) {
        int64_t n = run->freq[i], net = run->net[i];
        if (n == 0) {
            m[i] = INT64_MIN;
            continue;
        }
        int64_t q = net / n, rem = net % n; /* rounded half away from zero */
        m[i] = q + (2 * (rem < 0 ? -rem : rem) >= n ? (net < 0 ? -1 : 1) : 0);
    }
    run->monetary = m;
    return SEG_OK;
}

static seg_status summarize(seg_run *run)
{
    seg_result *r = run->res;
    double monetary_sum = 0;
    seg_wide net = {0, 0}; /* exact: rows netting out may leave any partial sum outside 64 bits */
    for (size_t i = 0; i < run->n; i++) {
        r->purchases += run->freq[i];
        seg__wide_add(&net, run->net[i]);
        if (run->first[i] != SEG_NONE) {
            r->buyers++;
            monetary_sum += (double)run->monetary[i];
        }
    }
    if (!seg__wide_get(&net, &r->net) || r->net == INT64_MIN)
        return seg__error(run->ctx, SEG_ERR_OVERFLOW, "the window's net amount overflows 64 bits");
    r->mean_monetary = r->buyers ? monetary_sum / (double)r->buyers : (double)NAN;
    return SEG_OK;
}

seg_status seg__aggregate(seg_run *run)
{
    derived d;
    SEG_TRY(allocate_derived(&d, run->res));
    if (run->o->lookback && run->o->as_of != SEG_NONE)
        SEG_TRY(sum_window(run, &d));
    else
        SEG_TRY(copy_totals(run, &d));
    for (size_t i = 0; i < run->n; i++)
        derive(&d, run, i);
    SEG_TRY(frequency_and_monetary(run, &d));
    return summarize(run);
}
