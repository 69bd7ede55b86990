/* The window's cells of every customer, gathered once per run with slots,
 * metrics and purchase flags, for XYZ, the top lists and the rates. */
#include "run.h"

#include "cells.h"

/* Window slot of the k-th cell by customer, or -1 outside the window. */
static int32_t slot_at(const seg_run *run, size_t k)
{
    const seg_window *w = &run->res->win;
    int32_t p = seg__ref_period(run, k);
    if (w->period != run->ds->period) {
        unsigned day;
        p = seg__period_of(w->period, seg__run_period_start(run, p), &day);
    }
    return p < w->first || p > w->last ? -1 : p - w->first;
}

static size_t select_cells(seg_run *run)
{
    size_t used = 0;
    for (size_t c = 0; c < run->n; c++) {
        run->win_off[c] = (uint32_t)used;
        for (uint32_t k = run->cell_off[c]; k < run->cell_off[c + 1]; k++) {
            int32_t s = slot_at(run, k);
            if (s < 0)
                continue;
            unsigned bought = seg__ref_last(run, k) != SEG_NO_DAY ? SEG_WIN_BOUGHT : 0;
            run->win_cell[used] = run->cells[k].j;
            run->win_flags[used] = (uint8_t)(bought | seg__ref_buys(run, k));
            run->win_slot[used++] = (uint16_t)s;
        }
    }
    run->win_off[run->n] = (uint32_t)used;
    return used;
}

static const int64_t *gather(seg_run *run, size_t used, int metric)
{
    int64_t *v = seg__run_alloc(run, used * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < used; i++)
        v[i] = seg__cell_metric(run->ds, run->win_cell[i], metric, run->o->frequency);
    return v;
}

seg_status seg__window_cells(seg_run *run)
{
    size_t m = run->ds->ncells;
    run->win_off = seg__run_alloc(run, (run->n + 1) * sizeof *run->win_off);
    run->win_cell = seg__run_alloc(run, m * sizeof *run->win_cell);
    run->win_slot = seg__run_alloc(run, m * sizeof *run->win_slot);
    run->win_flags = seg__run_alloc(run, m);
    if (!run->win_off || !run->win_cell || !run->win_slot || !run->win_flags)
        return seg__nomem(run->ctx, (run->n + 1 + 2 * m) * sizeof *run->win_off);
    size_t used = select_cells(run);
    run->win_xyz = gather(run, used, run->o->xyz_metric);
    if (!run->win_xyz)
        return seg__nomem(run->ctx, used * sizeof *run->win_xyz);
    run->win_abc = run->win_xyz;
    if (run->o->abc_metric == run->o->xyz_metric || !(run->o->analyses & SEG_ANALYSIS_PARETO))
        return SEG_OK;
    run->win_abc = gather(run, used, run->o->abc_metric);
    return run->win_abc ? SEG_OK : seg__nomem(run->ctx, used * sizeof *run->win_abc);
}
