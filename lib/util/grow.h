/* Growable arrays through the context allocator: capacity doubling with
 * overflow checks, so callers reserve room before they commit a change. */
#ifndef SEG_GROW_H
#define SEG_GROW_H

#include "../ctx.h"

/* Ensure *ptr holds at least `need` elements of `elsize` bytes; on failure *ptr
 * and *cap are unchanged and SEG_ERR_OUT_OF_MEMORY is returned. */
seg_status seg__grow(seg_context *ctx, void **ptr, size_t *cap, size_t need, size_t elsize);

/* The capacity seg__grow would pick for `need` elements, starting from `cap`. */
size_t seg__grow_capacity(size_t cap, size_t need);

#endif
