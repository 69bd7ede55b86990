/* Column set: parallel arrays that grow together (one row per customer or per
 * period cell), so a row can be reserved before any of them is written. */
#include "colset.h"

#include "grow.h"
#include "pages.h"

#include <string.h>

/* Column i to `rows` rows, keeping its first `keep` rows; a column starts on
 * a cache line, so its data moves when the allocator returns another offset.
 * A large column is advised onto huge pages, the whole block: the fold
 * writes cells and customers at random, and fresh memory then faults in
 * 2 MiB at a time. (Advice on the block's aligned interior alone split its
 * mapping, so realloc could no longer remap it and copied: slower.) */
static seg_status resize(seg_context *ctx, seg_colset *set, size_t i, size_t rows, size_t keep)
{
    size_t elsize = set->elsize[i];
    if (rows > (SIZE_MAX - SEG_LINE) / elsize)
        return seg__nomem(ctx, SIZE_MAX);
    char *old = set->raw[i];
    size_t old_off = old ? (size_t)((char *)*set->data[i] - old) : 0;
    char *raw = seg__realloc(ctx, old, rows * elsize + SEG_LINE);
    if (!raw)
        return seg__nomem(ctx, rows * elsize + SEG_LINE);
    seg__advise_huge(raw, rows * elsize + SEG_LINE);
    char *data = seg__line_align(raw);
    if (old && (size_t)(data - raw) != old_off)
        memmove(data, raw + old_off, keep * elsize);
    set->raw[i] = raw;
    *set->data[i] = data;
    return SEG_OK;
}

seg_status seg__colset_add(seg_context *ctx, seg_colset *set, void **data, size_t elsize)
{
    if (set->ncols == SEG_COLSET_MAX)
        return seg__error(ctx, SEG_ERR_RANGE, "more than %d columns", SEG_COLSET_MAX);
    size_t i = set->ncols;
    set->data[i] = data;
    set->raw[i] = NULL;
    set->elsize[i] = elsize;
    if (set->cap)
        SEG_TRY(resize(ctx, set, i, set->cap, 0));
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
        SEG_TRY(resize(ctx, set, i, next, set->cap));
    set->cap = next;
    return SEG_OK;
}

void seg__colset_pop(seg_context *ctx, seg_colset *set)
{
    size_t i = --set->ncols;
    seg__free(ctx, set->raw[i]);
    set->raw[i] = NULL;
    *set->data[i] = NULL;
}

void seg__colset_free(seg_context *ctx, seg_colset *set)
{
    for (size_t i = 0; i < set->ncols; i++) {
        seg__free(ctx, set->raw[i]);
        set->raw[i] = NULL;
        *set->data[i] = NULL;
    }
    set->ncols = 0;
    set->cap = 0;
}

size_t seg__colset_memory(const seg_colset *set)
{
    size_t bytes = 0;
    for (size_t i = 0; i < set->ncols; i++)
        bytes += set->cap * set->elsize[i] + (set->raw[i] ? SEG_LINE : 0);
    return bytes;
}
