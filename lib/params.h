/* Private view of the parameter set: one value slot per table entry, the
 * threshold lists, the RFM segment rules and the renew criteria. */
#ifndef SEG_PARAMS_H
#define SEG_PARAMS_H

#include "dataset.h"

#define SEG_PARAM_SLOTS 64
#define SEG_MAX_THRESHOLDS 9
#define SEG_MAX_RULES 64
#define SEG_MAX_BINS 10

/* One segment rule: inclusive score ranges for R, F and M (axis 0, 1, 2). */
typedef struct seg_rule {
    seg_named name;
    uint8_t lo[3], hi[3];
} seg_rule;

typedef struct seg_rules {
    size_t n;
    int is_default; /* the built-in table, written for 5 bins */
    seg_rule rule[SEG_MAX_RULES];
} seg_rules;

typedef struct seg_criterion {
    seg_named name;
    double weight;
} seg_criterion;

struct seg_params {
    uint32_t tag; /* SEG_TAG_PARAMS (handle.h) */
    seg_context *ctx;
    int64_t i[SEG_PARAM_SLOTS];
    double f[SEG_PARAM_SLOTS];
    int64_t thresholds[3][SEG_MAX_THRESHOLDS]; /* R, F, M */
    size_t nthresholds[3];
    seg_rules rules;
    size_t ncriteria;
    seg_criterion criteria[SEG_MAX_CRITERIA];
};

/* Value of a parameter in `p`, or its default when p is NULL; the key must exist. */
int64_t seg__param_i64(const seg_params *p, seg_param key);
double seg__param_f64(const seg_params *p, seg_param key);

/* Set an integer slot without checks (a resolved value, e.g. in a result's copy). */
void seg__params_patch(seg_params *p, seg_param key, int64_t value);

/* The defaults of the lists, for a NULL parameter set. */
void seg__params_defaults(seg_params *p);

/* The built-in segment table (written for 5 bins). */
void seg__rules_default(seg_rules *t);

/* Index of the first rule covering (r, f, m) of bins[3], or -1. */
int seg__rules_find(const seg_rules *t, const int *bins, int r, int f, int m);

#endif
