/* The window of periods shared by XYZ, the per-period top lists and the
 * lifecycle rates, and a customer's metric series over it. */
#include "run.h"

#include "cells.h"
#include "../util/exact.h"

#include <string.h>

seg_status seg__window(seg_run *run)
{
    seg_result *r = run->res;
    const seg_opts *o = run->o;
    seg_window *w = &r->win;
    unsigned day;
    w->period = o->xyz_period;
    w->first = 0;
    w->last = -1;
    if (o->as_of == SEG_NONE)
        return SEG_OK;
    int32_t q = seg__period_of(w->period, o->as_of, &day);
    int complete = seg__period_start(w->period, q + 1) - 1 == o->as_of;
    w->last = complete || o->xyz_partial ? q : q - 1;
    w->last_partial = !complete && w->last == q;
    w->first = w->last - o->xyz_window + 1;
    r->nperiods = (size_t)o->xyz_window;
    r->periods = seg__result_alloc(r, r->nperiods * sizeof *r->periods);
    if (!r->periods)
        return seg__nomem(run->ctx, r->nperiods * sizeof *r->periods);
    for (size_t i = 0; i < r->nperiods; i++) {
        seg_period_row *p = &r->periods[i];
        int32_t index = w->first + (int32_t)i, end = seg__period_start(w->period, index + 1) - 1;
        memset(p, 0, sizeof *p);
        p->start = seg__period_start(w->period, index);
        p->end = end < o->as_of ? end : o->as_of;
        p->complete = end <= o->as_of;
    }
    return SEG_OK;
}

/* The window's cells are in slot order, so each slot's cells are adjacent:
 * each slot's sum is exact, and only a slot's total can overflow. */
seg_status seg__window_series(const seg_run *run, uint32_t c, int metric, int64_t *vals)
{
    const int64_t *v = metric == run->o->xyz_metric ? run->win_xyz : metric == run->o->abc_metric ? run->win_abc : NULL;
    uint32_t i = run->win_off[c], end = run->win_off[c + 1];
    for (size_t s = 0; s < run->res->nperiods; s++)
        vals[s] = 0;
    while (i < end) {
        uint16_t s = run->win_slot[i];
        seg_wide sum = {0, 0};
        for (; i < end && run->win_slot[i] == s; i++)
            seg__wide_add(&sum, v ? v[i] : seg__cell_metric(run->ds, run->win_cell[i], metric, run->o->frequency));
        if (!seg__wide_get(&sum, &vals[s]) || vals[s] == INT64_MIN)
            return seg__error(run->ctx, SEG_ERR_OVERFLOW, "a period's metric overflows 64 bits");
    }
    return SEG_OK;
}
