/* Per-period top-list entries when each window cell is a whole period,
 * keyed by metric and id rank together, filled without walking ids. */
#include "period_entries.h"

#include <string.h>

/* Bits that hold ranks 0 … n − 1. */
static unsigned rank_bits(size_t n)
{
    unsigned b = 0;
    while (b < 32 && (UINT64_C(1) << b) < n)
        b++;
    return b;
}

/* 1 if every positive metric is at most max and none is INT64_MIN (which the
 * general path reports as an error). */
static int fits(const seg_run *run, uint64_t max)
{
    for (uint32_t i = 0; i < run->win_off[run->n]; i++) {
        int64_t v = run->win_abc[i];
        if (v == INT64_MIN || (v > 0 && (uint64_t)v > max))
            return 0;
    }
    return 1;
}

static uint32_t *id_ranks(seg_run *run)
{
    uint32_t *rank = seg__run_alloc(run, run->n * sizeof *rank);
    if (rank)
        for (uint32_t i = 0; i < run->n; i++)
            rank[run->by_id[i]] = i;
    return rank;
}

static void fill(const seg_run *run, seg_period_entries *e, const uint32_t *rank, uint32_t *next, unsigned bits)
{
    uint64_t max = UINT64_MAX >> bits;
    for (uint32_t c = 0; c < run->n; c++)
        for (uint32_t i = run->win_off[c]; i < run->win_off[c + 1]; i++) {
            int64_t v = run->win_abc[i];
            if (v <= 0)
                continue;
            uint32_t d = next[run->win_slot[i]]++;
            e->who[d] = c;
            e->key[d] = ((max - (uint64_t)v) << bits) | rank[c];
        }
}

seg_status seg__period_entries_ranked(seg_run *run, seg_period_entries *e, int *done)
{
    size_t np = run->res->nperiods, used = run->win_off[run->n];
    unsigned bits = rank_bits(run->n);
    *done = 0;
    if (run->res->win.period != run->ds->period || !fits(run, UINT64_MAX >> bits))
        return SEG_OK;
    uint32_t *rank = id_ranks(run), *next = seg__run_alloc(run, np * sizeof *next);
    e->off = seg__run_alloc(run, (np + 1) * sizeof *e->off);
    if (!rank || !next || !e->off)
        return seg__nomem(run->ctx, run->n * sizeof *rank);
    memset(e->off, 0, (np + 1) * sizeof *e->off);
    for (size_t i = 0; i < used; i++)
        e->off[run->win_slot[i] + 1] += run->win_abc[i] > 0;
    for (size_t p = 0; p < np; p++) {
        e->off[p + 1] += e->off[p];
        next[p] = e->off[p];
    }
    e->who = seg__run_alloc(run, e->off[np] * sizeof *e->who);
    e->key = seg__run_alloc(run, e->off[np] * sizeof *e->key);
    if (!e->who || !e->key)
        return seg__nomem(run->ctx, e->off[np] * 12);
    fill(run, e, rank, next, bits);
    *done = 1;
    return SEG_OK;
}
