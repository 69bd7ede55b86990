/* One analysis run: the options resolved once into a plain struct, and the
 * scratch every analysis shares (id order, cells by customer, metric order). */
#ifndef SEG_RUN_H
#define SEG_RUN_H

#include "../period.h"
#include "../result.h"
#include "cells.h"

/* A cell in customer order: its index j, and packed beside it the offset of
 * its period from the run's pmin (bits 0-21: dates span fewer than 2^22
 * days) and, in window runs, its purchases by the frequency definition capped
 * at 2 (bits 22-23) and its last purchase day within the period (bits 24-31,
 * SEG_NO_DAY without one, and always outside window runs). */
typedef struct seg_cell_ref {
    uint32_t j, packed;
} seg_cell_ref;

#define SEG_REF_PERIOD UINT32_C(0x3FFFFF)
#define SEG_REF_BUYS_SHIFT 22

#define SEG_WIN_BOUGHT 4
#define SEG_WIN_BUYS 3

typedef struct seg_run {
    seg_context *ctx;
    const seg_dataset *ds;
    seg_result *res;
    const seg_opts *o;
    size_t n;            /* customers */
    uint32_t *by_id;     /* customers in id order */
    uint32_t *cell_off;  /* cells of customer c: cells[cell_off[c] .. cell_off[c+1]) */
    seg_cell_ref *cells;  /* cells by customer, then period ascending */
    uint32_t *hist_days;  /* purchase days of each customer over the whole history */
    uint8_t *hist_buys;   /* its purchases by the frequency definition, capped at 2 (window runs only) */
    const int32_t *pstart; /* first day of period p = pstart[p - pmin] for p in [pmin, pmax + 1]; NULL: computed */
    int32_t pmin, pmax;    /* period range of the cells */
    /* The window's cells by customer (seg__window_cells): customer c's are
     * [win_off[c], win_off[c + 1]), slots ascending, with their metrics. */
    uint32_t *win_off, *win_cell;
    uint16_t *win_slot;
    const int64_t *win_xyz, *win_abc; /* the XYZ and ABC metrics of each window cell */
    uint8_t *win_flags; /* SEG_WIN_BOUGHT: a purchase day; SEG_WIN_BUYS: purchases capped at 2 */
    uint32_t *by_metric; /* buyers by ABC metric descending, ties by id */
    const uint64_t *by_metric_key; /* their sort keys: seg__metric_at decodes the metric */
    size_t nbuyers;
    /* Aggregates the analyses read (window-aware), filled by seg__aggregate. */
    const int32_t *first, *last;   /* purchase dates, SEG_NONE without a purchase */
    const uint32_t *freq;
    const int64_t *monetary;       /* INT64_MIN when undefined (mean of no purchase) */
    const int64_t *net, *margin, *quantity;
    void *scratch[32]; /* freed when the run ends */
    size_t nscratch;
} seg_run;

/* The ABC metric of the i-th buyer by metric descending, read in order from
 * the ranking's sort keys (~seg__key_i64 of the metric). */
static inline int64_t seg__metric_at(const seg_run *run, size_t i)
{
    return (int64_t)(~run->by_metric_key[i] ^ UINT64_C(0x8000000000000000));
}

/* Scratch memory for the length of the run (at least 1 byte); NULL when out of memory. */
void *seg__run_alloc(seg_run *run, size_t bytes);

/* Resolve `params` (NULL = defaults) against `ds`; errors name the option. */
seg_status seg__opts_resolve(seg_opts *o, const seg_dataset *ds, const seg_params *params);

/* Customers in id order: integer ids ascending, then strings in byte order. */
seg_status seg__order_by_id(seg_run *run);

/* Gives the sort key of customer c, or 0 to leave c out. */
typedef int (*seg_key_of)(const void *arg, size_t c, uint64_t *key);

/* A seg_key_of over a double array: customers whose value is not NaN, ascending. */
int seg__real_key(const void *values, size_t c, uint64_t *key);

/* The customers key_of keeps, sorted by key ascending; ties stay in id order.
 * *order (run scratch) and *n receive them. */
seg_status seg__order_by(uint32_t **order, size_t *n, seg_run *run, seg_key_of key_of, const void *arg);

/* seg__order_by, also handing back the sorted keys (run scratch). */
seg_status seg__order_by_keys(uint32_t **order, uint64_t **keys, size_t *n, seg_run *run, seg_key_of key_of,
                              const void *arg);

/* Group the dataset's cells by customer, periods ascending, with their
 * periods and each customer's purchase days; for a window, also the cells' last days
 * and hist_buys. */
seg_status seg__cells_by_customer(seg_run *run, int window);

/* The same with the partition's sizes: buckets of at least 2^shift_min
 * customers, at most buckets_max of them while a bucket holds at most 2^24
 * (tests make them small to cross many bucket edges). */
seg_status seg__cells_by_customer_tuned(seg_run *run, int window, unsigned shift_min, size_t buckets_max);

/* The period of the k-th cell by customer. */
static inline int32_t seg__ref_period(const seg_run *run, size_t k)
{
    return run->pmin + (int32_t)(run->cells[k].packed & SEG_REF_PERIOD);
}

/* Its purchases by the frequency definition capped at 2 (window runs). */
static inline unsigned seg__ref_buys(const seg_run *run, size_t k)
{
    return (run->cells[k].packed >> SEG_REF_BUYS_SHIFT) & 3;
}

/* Its last purchase day minus its first day, or SEG_NO_DAY (window runs). */
static inline unsigned seg__ref_last(const seg_run *run, size_t k)
{
    return run->cells[k].packed >> 24;
}

/* First day of a period of the dataset's kind in [pmin, pmax + 1]. */
static inline int32_t seg__run_period_start(const seg_run *run, int32_t p)
{
    return run->pstart ? run->pstart[p - run->pmin] : seg__period_start(run->ds->period, p);
}

/* The window's cells of every customer with their slots and metrics. */
seg_status seg__window_cells(seg_run *run);

/* Customer c's metric summed per window slot into vals[0 .. nperiods). */
seg_status seg__window_series(const seg_run *run, uint32_t c, int metric, int64_t *vals);

/* Type-7 quantile (R's default) of sorted x[0..n), n ≥ 1. */
double seg__quantile7(const double *x, size_t n, double p);

#define SEG_MAX_QUANTILES 8

/* The same quantiles at p[0 .. np) (np ≤ SEG_MAX_QUANTILES) of the values of
 * x[0 .. n) that are not NaN, unsorted, into q (NaN when there are none). */
seg_status seg__quantiles7(seg_run *run, const double *x, size_t n, const double *p, size_t np, double *q);

/* The analyses, in the order seg_analyze runs them. */
seg_status seg__aggregate(seg_run *run);
seg_status seg__rank_metric(seg_run *run);
seg_status seg__rfm(seg_run *run);
seg_status seg__abc(seg_run *run);
seg_status seg__window(seg_run *run);
seg_status seg__xyz(seg_run *run);
seg_status seg__pareto(seg_run *run);
seg_status seg__period_lists(seg_run *run);
seg_status seg__lifecycle(seg_run *run);
seg_status seg__rates(seg_run *run);
seg_status seg__renew(seg_run *run);

#endif
