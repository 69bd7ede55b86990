/* Column set: parallel arrays that grow together (one row per customer or per
 * period cell), so a row can be reserved before any of them is written. */
#ifndef SEG_COLSET_H
#define SEG_COLSET_H

#include "../ctx.h"

typedef struct seg_colset {
    size_t cap;                    /* rows every column can hold */
    size_t ncols;
    void **data[SEG_COLSET_MAX];   /* where each column pointer lives (cache-line aligned) */
    void *raw[SEG_COLSET_MAX];     /* the allocations behind them */
    size_t elsize[SEG_COLSET_MAX];
    int random; /* read and written at random: large columns go on huge pages */
} seg_colset;

/* Register the column pointer *data (NULL until grown) of `elsize` bytes a row.
 * A column added after rows exist is allocated at once to the current capacity. */
seg_status seg__colset_add(seg_context *ctx, seg_colset *set, void **data, size_t elsize);

/* Ensure every column holds at least `rows` rows. */
seg_status seg__colset_reserve(seg_context *ctx, seg_colset *set, size_t rows);

/* Drop and free the column added last. */
void seg__colset_pop(seg_context *ctx, seg_colset *set);

void seg__colset_free(seg_context *ctx, seg_colset *set);

size_t seg__colset_memory(const seg_colset *set);

#endif
