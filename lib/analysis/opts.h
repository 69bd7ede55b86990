/* Analysis options resolved once from a parameter set and the dataset, and
 * the window of periods; a result keeps a copy to quote what it used. */
#ifndef SEG_OPTS_H
#define SEG_OPTS_H

#include "../params.h"

/* Options, validated and resolved from a parameter set and the dataset. */
typedef struct seg_opts {
    unsigned analyses;
    int32_t as_of;           /* SEG_NONE for an empty dataset */
    int64_t lookback;        /* periods, 0 = all history */
    int frequency;           /* seg_frequency */
    int monetary_mean;
    int rfm_method;
    int bins[3];             /* R, F, M */
    int64_t thresholds[3][SEG_MAX_THRESHOLDS];
    int abc_metric, abc_boundary, abc_by_count;
    uint64_t abc_a, abc_b, abc_count_a, abc_count_b; /* parts per billion */
    seg_period xyz_period;
    int xyz_metric, xyz_window, xyz_partial, xyz_zero_fill, xyz_min_periods, xyz_sample, xyz_by_rank;
    double xyz_x, xyz_y;
    uint64_t xyz_rank_x, xyz_rank_y; /* ppb */
    uint64_t pareto_top, pareto_reach; /* ppb */
    int lorenz_points;
    int churn_days, churn_adaptive, churn_min_days, lead_timeout;
    double gap_factor;
    int renew_binary, renew_before, renew_after;
    seg_rules rules;
    size_t ncriteria;
    seg_criterion criteria[SEG_MAX_CRITERIA];
    size_t criterion_col[SEG_MAX_CRITERIA]; /* profile rating column, or SIZE_MAX when absent */
    uint64_t criterion_ppb[SEG_MAX_CRITERIA]; /* weights in parts per billion */
} seg_opts;

/* The window of periods shared by XYZ, the period lists and the rates. */
typedef struct seg_window {
    seg_period period;
    int32_t first, last; /* period indices, inclusive; first > last when empty */
    int last_partial;    /* the last period ends after the as-of date */
} seg_window;

#endif
