/* Handle tags: every handle begins with a tag naming its type, so a call on
 * a wrong, freed or foreign pointer is refused instead of misread. */
#ifndef SEG_HANDLE_H
#define SEG_HANDLE_H

#include "ctx.h"

#define SEG_TAG_DATASET UINT32_C(0x53474453) /* "SDGS" in memory order */
#define SEG_TAG_BATCH UINT32_C(0x53474253)
#define SEG_TAG_PARAMS UINT32_C(0x53475053)
#define SEG_TAG_RESULT UINT32_C(0x53475253)
#define SEG_TAG_CURSOR UINT32_C(0x53474353)
#define SEG_TAG_OPTIONS UINT32_C(0x53474f53)
#define SEG_TAG_REPORT UINT32_C(0x53474c53)
#define SEG_TAG_FREED UINT32_C(0xdeadf4ee)

/* 1 if `h` is a live handle with `tag` (its first member). */
static inline int seg__live(const void *h, uint32_t tag)
{
    return h && *(const uint32_t *)h == tag;
}

/* NULL (an optional handle left out) or a live handle with `tag`. */
static inline int seg__absent_or_live(const void *h, uint32_t tag)
{
    return !h || *(const uint32_t *)h == tag;
}

/* Mark a handle freed and give its memory back. The context keeps the last
 * SEG_FREED_KEPT freed handles until it is freed itself, so a call on one of
 * them reads a FREED tag (refused) rather than memory the allocator reused. */
void seg__handle_release(seg_context *ctx, void *h);

#endif
