/* Column set: parallel arrays that grow together (one row per customer or per
 * period cell), so a row can be reserved before any of them is written. */
#include "colset.h"

#include "grow.h"
#include "pages.h"

#include <string.h>

/* Does column i at `bytes` go on huge pages? */
static int on_huge_pages(const seg_colset *set, size_t bytes)
{
    return set->random && bytes >= SEG_HUGE_MIN;
}

/* Column i to `rows` rows, keeping its first `keep` rows. A column starts on
 * a cache line and grows by realloc (its data moves when the allocator
 * returns another offset); the whole block is advised onto huge pages, so
 * fresh memory faults in 2 MiB at a time. A large column of a set read at
 * random (the fold's customers) starts on a 2 MiB boundary, so every page
 * can be huge, and grows into a new block by copying, since realloc would
 * remap its pages to another alignment and split them. */
static seg_status resize(seg_context *ctx, seg_colset *set, size_t i, size_t rows, size_t keep)
{
    size_t elsize = set->elsize[i];
    if (rows > (SIZE_MAX - SEG_HUGE_PAGE) / elsize)
        return seg__nomem(ctx, SIZE_MAX);
    size_t bytes = rows * elsize;
    int huge = on_huge_pages(set, bytes);
    size_t slack = huge ? SEG_HUGE_PAGE : SEG_LINE;
    char *old = set->raw[i], *old_data = old ? *set->data[i] : NULL;
    size_t old_off = old ? (size_t)(old_data - old) : 0;
    char *raw = huge ? seg__malloc(ctx, bytes + slack) : seg__realloc(ctx, old, bytes + slack);
    if (!raw)
        return seg__nomem(ctx, bytes + slack);
    char *data = huge ? seg__block_start(raw, bytes) : seg__line_align(raw);
    seg__advise_huge(raw, bytes + slack);
    if (huge) {
        if (old)
            memcpy(data, old_data, keep * elsize);
        seg__free(ctx, old);
    } else if (old && (size_t)(data - raw) != old_off) {
        memmove(data, raw + old_off, keep * elsize);
    }
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
        if (set->raw[i])
            bytes += set->cap * set->elsize[i] + (on_huge_pages(set, set->cap * set->elsize[i]) ? SEG_HUGE_PAGE : SEG_LINE);
    return bytes;
}
