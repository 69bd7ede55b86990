/* Memory placement for arrays read at random: blocks aligned to cache lines,
 * and huge pages asked for on large blocks (Linux), so lookups miss less. */
#ifndef SEG_PAGES_H
#define SEG_PAGES_H

#include <stddef.h>
#include <stdint.h>

#define SEG_LINE 64

/* The first cache-line boundary at or after p. */
static inline void *seg__line_align(void *p)
{
    return (void *)(((uintptr_t)p + SEG_LINE - 1) & ~(uintptr_t)(SEG_LINE - 1));
}

#define SEG_HUGE_PAGE ((size_t)2 << 20)
#define SEG_HUGE_MIN ((size_t)4 << 20) /* blocks from this size start on a huge page */

/* Slack to allocate beyond `bytes` so seg__block_start can align the block:
 * a large block on a 2 MiB boundary, where every huge page it spans can be
 * mapped as one (the allocator's own placement rarely allows it), a smaller
 * one on a cache line. */
static inline size_t seg__block_slack(size_t bytes)
{
    return bytes >= SEG_HUGE_MIN ? SEG_HUGE_PAGE : SEG_LINE;
}

static inline void *seg__block_start(void *raw, size_t bytes)
{
    uintptr_t a = seg__block_slack(bytes); /* the alignment is the slack */
    return (void *)(((uintptr_t)raw + a - 1) & ~(a - 1));
}

/* Advise the kernel to back a block that spans a 2 MiB-aligned huge page
 * with huge pages; only advice: nothing happens on failure. The advice covers
 * every page the block touches, not just its aligned interior: a large block
 * the allocator mapped by itself then stays one mapping, which realloc can
 * grow by remapping, where a mapping split in three can only grow by copying. */
void seg__advise_huge(void *p, size_t bytes);

#endif
