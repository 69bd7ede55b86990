/* Column set: parallel arrays that grow together (one row per customer or per
 * period cell), so a row can be reserved before any of them is written. */
#include "colset.h"

#include "grow.h"

static seg_status resize(seg_context *ctx, void **data, size_t elsize, size_t rows)
{
    if (rows > SIZE_MAX / elsize)
        return seg__nomem(ctx, SIZE_MAX);
    void *p = seg__realloc(ctx, *data, rows * elsize);
    if (!p)
        return seg__nomem(ctx, rows * elsize);
    *data = p;
    return SEG_OK;
}

seg_status seg__colset_add(seg_context *ctx, seg_colset *set, void **data, size_t elsize)
{
    if (set->ncols == SEG_COLSET_MAX)
        return seg__error(ctx, SEG_ERR_RANGE, "more than %d columns", SEG_COLSET_MAX);
    if (set->cap)
        SEG_TRY(resize(ctx, data, elsize, set->cap));
    set->data[set->ncols] = data;
    set->elsize[set->ncols] = elsize;
    set->ncols++;
    return SEG_OK;
}

seg_status seg__colset_reserve(seg_context *ctx, seg_colset *set, size_t rows)
{
    if (rows <= set->cap)
        return SEG_OK;
    size_t next = seg__grow_capacity(set->cap, rows);
    /* A failure part-way leaves some columns larger than cap: harmless, since
     * cap only grows once every column has the room. */
    for (size_t i = 0; i < set->ncols; i++)
        SEG_TRY(resize(ctx, set->data[i], set->elsize[i], next));
    set->cap = next;
    return SEG_OK;
}

void seg__colset_free(seg_context *ctx, seg_colset *set)
{
    for (size_t i = 0; i < set->ncols; i++) {
        seg__free(ctx, *set->data[i]);
        *set->data[i] = NULL;
    }
    set->ncols = 0;
    set->cap = 0;
}

size_t seg__colset_memory(const seg_colset *set)
{
    size_t bytes = 0;
    for (size_t i = 0; i < set->ncols; i++)
        bytes += set->cap * set->elsize[i];
    return bytes;
}
