/* Option tables shared by parameters, dataset and CSV options: each key's
 * name, type, bounds and default, looked up by key or by name. */
#include "optspec.h"

#include <string.h>

int seg__optspec_find(const seg_optspec *table, int n, int key)
{
    for (int i = 0; i < n; i++)
        if (table[i].key == key)
            return i;
    return -1;
}

int seg__optspec_by_name(const seg_optspec *table, int n, const char *name, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0)
            return i;
    return -1;
}

/* Entry of an integer key: INVALID_ARGUMENT for another type, UNSUPPORTED when unknown. */
static seg_status integer_entry(const seg_optspec **e, const seg_optspec *table, int n, int key)
{
    int i = seg__optspec_find(table, n, key);
    if (i < 0)
        return SEG_ERR_UNSUPPORTED;
    if (table[i].type != SEG_TYPE_I64)
        return SEG_ERR_INVALID_ARGUMENT;
    *e = &table[i];
    return SEG_OK;
}

seg_status seg__optspec_default_i64(int64_t *out, const seg_optspec *table, int n, int key)
{
    const seg_optspec *e = NULL;
    if (!out)
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(integer_entry(&e, table, n, key));
    *out = e->idef;
    return SEG_OK;
}

seg_status seg__optspec_bounds_i64(int64_t *min, int64_t *max, const seg_optspec *table, int n, int key)
{
    const seg_optspec *e = NULL;
    if (!min || !max)
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(integer_entry(&e, table, n, key));
    *min = e->imin;
    *max = e->imax;
    return SEG_OK;
}
