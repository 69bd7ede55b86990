/* Growable arrays through the context allocator: capacity doubling with
 * overflow checks, so callers reserve room before they commit a change. */
#include "grow.h"

#include <stdint.h>

size_t seg__grow_capacity(size_t cap, size_t need)
{
    size_t next = cap ? cap : 16;
    while (next < need)
        next = next > SIZE_MAX / 2 ? need : next * 2;
    return next;
}

seg_status seg__grow(seg_context *ctx, void **ptr, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return SEG_OK;
    size_t next = seg__grow_capacity(*cap, need);
    if (next > SIZE_MAX / elsize)
        return seg__nomem(ctx, SIZE_MAX);
    void *p = seg__realloc(ctx, *ptr, next * elsize);
    if (!p)
        return seg__nomem(ctx, next * elsize);
    *ptr = p;
    *cap = next;
    return SEG_OK;
}
