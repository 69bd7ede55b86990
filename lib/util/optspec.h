/* Option tables shared by parameters and dataset options: each key's name,
 * type, bounds and default, looked up by key or by name. */
#ifndef SEG_OPTSPEC_H
#define SEG_OPTSPEC_H

#include "../ctx.h"

typedef struct seg_optspec {
    int key;
    const char *name;
    seg_param_type type;
    int64_t imin, imax, idef;
    double fmin, fmax, fdef;
} seg_optspec;

/* Index of `key` in the table, or -1. */
int seg__optspec_find(const seg_optspec *table, int n, int key);

/* Index of the entry named name[0..len), or -1. */
int seg__optspec_by_name(const seg_optspec *table, int n, const char *name, size_t len);

/* Default and bounds of an integer key, for the public _default/_bounds calls:
 * SEG_ERR_INVALID_ARGUMENT for NULL outputs or a key of another type,
 * SEG_ERR_UNSUPPORTED for an unknown key. */
seg_status seg__optspec_default_i64(int64_t *out, const seg_optspec *table, int n, int key);
seg_status seg__optspec_bounds_i64(int64_t *min, int64_t *max, const seg_optspec *table, int n, int key);

#endif
