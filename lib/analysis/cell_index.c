/* The cells grouped by customer, radix-partitioned by customer range first,
 * each as a packed record (period, last purchase day), with per-customer purchase days. */
#include "run.h"

#include "cells.h"
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

/* The grouping partitions the cells by customer range first: a range
 * (bucket) holds 2^shift customers, so that its counters, day sums and
 * cells stay in L2 while they are grouped, and there are at most
 * BUCKETS_MAX ranges, each filled by one sequential write stream. Reading
 * the cells in their folded order and counting into per-customer arrays
 * directly would touch a random cache line per cell instead. */
enum { SHIFT_MIN = 12, BUCKETS_MAX = 512, SHIFT_MAX = 24, TAG_DAYS = 8 };

typedef struct buckets {
    unsigned shift;
    size_t count;
    uint32_t *start; /* cells of bucket b: [start[b], start[b + 1]) */
    uint32_t *pos;   /* scratch: a write position per bucket, then per customer of one bucket */
} buckets;

static seg_status buckets_make(seg_run *run, buckets *bk, unsigned shift_min, size_t buckets_max)
{
    bk->shift = shift_min;
    while (bk->shift < SHIFT_MAX && ((run->n - 1) >> bk->shift) >= buckets_max)
        bk->shift++; /* a tag holds the customer within its bucket in 32 - TAG_DAYS bits */
    bk->count = run->n ? ((run->n - 1) >> bk->shift) + 1 : 0;
    size_t pos = bk->count > ((size_t)1 << bk->shift) ? bk->count : (size_t)1 << bk->shift;
    bk->start = seg__malloc(run->ctx, (bk->count + 1 + pos) * sizeof *bk->start);
    if (!bk->start)
        return seg__nomem(run->ctx, (bk->count + 1 + pos) * sizeof *bk->start);
    bk->pos = bk->start + bk->count + 1;
    return SEG_OK;
}

/* Cells per bucket (as bucket starts) and the period range, in one read of the keys. */
static void count_buckets(seg_run *run, buckets *bk)
{
    const seg_cell_key *e = run->ds->cell_keys;
    size_t m = run->ds->ncells;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    memset(bk->start, 0, (bk->count + 1) * sizeof *bk->start);
    for (size_t j = 0; j < m; j++) {
        bk->start[(e[j].customer >> bk->shift) + 1]++;
        lo = e[j].period < lo ? e[j].period : lo;
        hi = e[j].period > hi ? e[j].period : hi;
    }
    for (size_t b = 0; b < bk->count; b++)
        bk->start[b + 1] += bk->start[b];
    run->pmin = lo;
    run->pmax = hi;
}

/* Cell j's reference: its period offset and, for a window, its capped
 * purchases and last purchase day (else SEG_NO_DAY). */
static seg_cell_ref cell_ref(const seg_run *run, uint32_t j, int window)
{
    uint32_t period = (uint32_t)run->ds->cell_keys[j].period - (uint32_t)run->pmin;
    if (!window)
        return (seg_cell_ref){j, period | (uint32_t)SEG_NO_DAY << 24};
    int64_t buys = seg__cell_purchases(run->ds, j, run->o->frequency);
    return (seg_cell_ref){j, period | (uint32_t)(buys < 2 ? buys : 2) << SEG_REF_BUYS_SHIFT |
                                 (uint32_t)seg__cell_last_bit(run->ds, j) << 24};
}

/* Every cell to the next place of its bucket, in cell order, with a tag:
 * its customer within the bucket and its purchase days. */
static void partition(seg_run *run, const buckets *bk, seg_cell_ref *cells, uint32_t *tag, int window)
{
    const seg_cell_key *e = run->ds->cell_keys;
    size_t m = run->ds->ncells;
    uint32_t mask = ((uint32_t)1 << bk->shift) - 1;
    memcpy(bk->pos, bk->start, bk->count * sizeof *bk->pos);
    for (size_t j = 0; j < m; j++) {
        uint32_t c = e[j].customer, i = bk->pos[c >> bk->shift]++;
        cells[i] = cell_ref(run, (uint32_t)j, window);
        tag[i] = (c & mask) << TAG_DAYS | seg__cell_days(run->ds, (uint32_t)j);
    }
}

/* Bucket b's cells [from, to), customers c0 …: counted per customer (the
 * offsets off[c0 + 1 …] after a zeroed start), their days and capped
 * purchases summed, then placed by customer, in cell order, through `buf`. */
static void group_bucket(seg_run *run, const buckets *bk, size_t b, seg_cell_ref *cells, const uint32_t *tag,
                         seg_cell_ref *buf)
{
    uint32_t from = bk->start[b], to = bk->start[b + 1], c0 = (uint32_t)(b << bk->shift);
    size_t nc = run->n - c0 < ((size_t)1 << bk->shift) ? run->n - c0 : (size_t)1 << bk->shift;
    uint32_t *off = run->cell_off + c0, *days = run->hist_days + c0;
    uint8_t *buys = run->hist_buys ? run->hist_buys + c0 : NULL;
    for (uint32_t i = from; i < to; i++) {
        uint32_t lc = tag[i] >> TAG_DAYS;
        off[lc + 1]++;
        days[lc] += tag[i] & ((1u << TAG_DAYS) - 1);
        if (buys) {
            unsigned sum = buys[lc] + ((cells[i].packed >> SEG_REF_BUYS_SHIFT) & 3);
            buys[lc] = (uint8_t)(sum < 2 ? sum : 2);
        }
    }
    for (size_t lc = 0; lc < nc; lc++) {
        bk->pos[lc] = off[lc];
        off[lc + 1] += off[lc];
    }
    memcpy(buf, cells + from, (to - from) * sizeof *buf);
    for (uint32_t i = from; i < to; i++)
        cells[bk->pos[tag[i] >> TAG_DAYS]++] = buf[i - from];
}

/* The largest bucket's cell count. */
static size_t largest_bucket(const buckets *bk)
{
    size_t most = 0;
    for (size_t b = 0; b < bk->count; b++)
        most = bk->start[b + 1] - bk->start[b] > most ? bk->start[b + 1] - bk->start[b] : most;
    return most;
}

/* Cells grouped by customer in cell order (run->cell_off, run->cells), each
 * customer's purchase days and, when `window`, capped purchases. */
static seg_status group(seg_run *run, int window, unsigned shift_min, size_t buckets_max)
{
    buckets bk = {0};
    SEG_TRY(buckets_make(run, &bk, shift_min, buckets_max));
    count_buckets(run, &bk);
    size_t m = run->ds->ncells, most = largest_bucket(&bk);
    size_t bytes = m * sizeof(uint32_t) + most * sizeof(seg_cell_ref);
    uint32_t *tag = seg__malloc(run->ctx, bytes ? bytes : 1);
    if (tag) {
        partition(run, &bk, run->cells, tag, window);
        for (size_t b = 0; b < bk.count; b++)
            group_bucket(run, &bk, b, run->cells, tag, (seg_cell_ref *)(tag + m));
    }
    seg__free(run->ctx, tag);
    seg__free(run->ctx, bk.start);
    return tag ? SEG_OK : seg__nomem(run->ctx, bytes);
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

seg_status seg__cells_by_customer(seg_run *run, int window)
{
    return seg__cells_by_customer_tuned(run, window, SHIFT_MIN, BUCKETS_MAX);
}

seg_status seg__cells_by_customer_tuned(seg_run *run, int window, unsigned shift_min, size_t buckets_max)
{
    size_t n = run->n, m = run->ds->ncells;
    run->cell_off = seg__run_alloc(run, (n + 1) * sizeof *run->cell_off);
    run->cells = seg__run_alloc(run, m * sizeof *run->cells);
    run->hist_days = seg__run_alloc(run, n * sizeof *run->hist_days);
    run->hist_buys = window ? seg__run_alloc(run, n) : NULL;
    if (!run->cell_off || !run->cells || !run->hist_days || (window && !run->hist_buys))
        return seg__nomem(run->ctx, (n + 1) * sizeof *run->cell_off + m * sizeof *run->cells);
    memset(run->cell_off, 0, (n + 1) * sizeof *run->cell_off);
    memset(run->hist_days, 0, n * sizeof *run->hist_days);
    if (window)
        memset(run->hist_buys, 0, n);
    run->pmin = INT32_MAX;
    run->pmax = INT32_MIN;
    if (n)
        SEG_TRY(group(run, window, shift_min, buckets_max));
    for (size_t c = 0; c < n; c++)
        SEG_TRY(sort_cells(run, run->cells + run->cell_off[c], run->cell_off[c + 1] - run->cell_off[c]));
    return period_table(run);
}
