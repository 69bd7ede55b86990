/* The entries the per-period top lists sort: for each window period, the
 * customers with a positive metric in it and their sort keys. */
#ifndef SEG_PERIOD_ENTRIES_H
#define SEG_PERIOD_ENTRIES_H

#include "run.h"

typedef struct seg_period_entries {
    uint32_t *off; /* period p: [off[p], off[p+1]) */
    uint32_t *who;
    uint64_t *key; /* ascending = metric descending, ties by id */
} seg_period_entries;

/* When every window cell is a whole period and every metric leaves room for
 * an id rank beside it in 64 bits, fill *e and set *done; else leave *done 0. */
seg_status seg__period_entries_ranked(seg_run *run, seg_period_entries *e, int *done);

#endif
