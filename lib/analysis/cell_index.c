/* The cells grouped by customer in one sequential read, each as a packed
 * record (period, last purchase day), with per-customer purchase days. */
#include "run.h"

#include "cell_days.h"
#include "../period.h"
#include "../util/sort.h"

#include <string.h>

/* Periods of one customer's cells ascending (input is usually sorted
 * already): keys are the period offset and the position, which are unique. */
static seg_status sort_cells(seg_run *run, seg_cell_ref *cells, size_t n)
{
    size_t i = 1;
    while (i < n && (cells[i - 1].packed & SEG_REF_PERIOD) < (cells[i].packed & SEG_REF_PERIOD))
        i++;
    if (i >= n)
        return SEG_OK;
    uint64_t *keys = seg__malloc(run->ctx, n * (sizeof *keys + sizeof *cells));
    if (!keys)
        return seg__nomem(run->ctx, n * (sizeof *keys + sizeof *cells));
    seg_cell_ref *copy = (seg_cell_ref *)(keys + n);
    for (size_t k = 0; k < n; k++)
        keys[k] = (uint64_t)(cells[k].packed & SEG_REF_PERIOD) << 32 | k;
    memcpy(copy, cells, n * sizeof *cells);
    seg_status st = seg__sort_keys(run->ctx, keys, n);
    for (size_t k = 0; st == SEG_OK && k < n; k++)
        cells[k] = copy[keys[k] & UINT32_MAX];
    seg__free(run->ctx, keys);
    return st;
}

/* Cells per customer (into off[c + 1]), purchase days, the period range and,
 * when `buys` is given, purchases by the frequency definition capped at 2
 * (the rates only ask whether a customer bought twice). */
static void count_cells(seg_run *run, uint32_t *off, uint32_t *days, uint8_t *buys)
{
    const seg_cell_key *e = run->ds->cell_keys;
    size_t m = run->ds->ncells;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    memset(off, 0, (run->n + 1) * sizeof *off);
    memset(days, 0, run->n * sizeof *days);
    if (buys)
        memset(buys, 0, run->n);
    for (size_t j = 0; j < m; j++) {
        int32_t p = e[j].period;
        uint32_t c = e[j].customer;
        off[c + 1]++;
        days[c] += seg__cell_day_count(run->ds, (uint32_t)j);
        if (buys && buys[c] < 2) {
            int64_t b = seg__cell_purchases(run->ds, (uint32_t)j, run->o->frequency);
            buys[c] = (uint8_t)(b >= 2 - buys[c] ? 2 : buys[c] + b);
        }
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    run->pmin = lo;
    run->pmax = hi;
}

/* First days of periods pmin … pmax + 1 for the calendar kinds (days and
 * weeks are plain arithmetic and get no table). */
static seg_status period_table(seg_run *run)
{
    seg_period kind = run->ds->period;
    run->pstart = NULL;
    if (!run->ds->ncells || (kind != SEG_PERIOD_MONTH && kind != SEG_PERIOD_QUARTER))
        return SEG_OK;
    size_t n = (size_t)((int64_t)run->pmax - run->pmin + 2);
    int32_t *t = seg__run_alloc(run, n * sizeof *t);
    if (!t)
        return seg__nomem(run->ctx, n * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = seg__period_start(kind, run->pmin + (int32_t)i);
    run->pstart = t;
    return SEG_OK;
}

/* Each cell to its customer's next place, with its period offset and, for a
 * window, its capped purchases and last purchase day (else SEG_NO_DAY). */
static void scatter(seg_run *run, uint32_t *off, seg_cell_ref *cells, int window)
{
    const seg_cell_key *e = run->ds->cell_keys;
    size_t m = run->ds->ncells;
    uint32_t pmin = (uint32_t)run->pmin;
    for (size_t j = 0; j < m; j++) {
        uint32_t packed = ((uint32_t)e[j].period - pmin) | (uint32_t)SEG_NO_DAY << 24;
        if (window) {
            int64_t buys = seg__cell_purchases(run->ds, (uint32_t)j, run->o->frequency);
            packed = ((uint32_t)e[j].period - pmin) | (uint32_t)(buys < 2 ? buys : 2) << SEG_REF_BUYS_SHIFT |
                     (uint32_t)seg__cell_last_bit(run->ds, (uint32_t)j) << 24;
        }
        cells[off[e[j].customer]++] = (seg_cell_ref){(uint32_t)j, packed};
    }
}

seg_status seg__cells_by_customer(seg_run *run, int window)
{
    size_t n = run->n, m = run->ds->ncells;
    uint32_t *off = seg__run_alloc(run, (n + 1) * sizeof *off);
    seg_cell_ref *cells = seg__run_alloc(run, m * sizeof *cells);
    uint32_t *days = seg__run_alloc(run, n * sizeof *days);
    uint8_t *buys = window ? seg__run_alloc(run, n) : NULL;
    if (!off || !cells || !days || (window && !buys))
        return seg__nomem(run->ctx, (n + 1) * sizeof *off + m * sizeof *cells);
    count_cells(run, off, days, buys);
    for (size_t c = 0; c < n; c++)
        off[c + 1] += off[c];
    scatter(run, off, cells, window);
    for (size_t c = n; c > 0; c--)
        off[c] = off[c - 1];
    off[0] = 0;
    for (size_t c = 0; c < n; c++)
        SEG_TRY(sort_cells(run, cells + off[c], off[c + 1] - off[c]));
    run->cell_off = off;
    run->cells = cells;
    run->hist_days = days;
    run->hist_buys = buys;
    return period_table(run);
}
