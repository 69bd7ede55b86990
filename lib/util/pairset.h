/* Pair set: (owner, value) integer pairs, each with a 32-bit payload, kept in
 * the slots themselves, so a lookup or an insert touches one cache line. */
#ifndef SEG_PAIRSET_H
#define SEG_PAIRSET_H

#include "../ctx.h"
#include "hash.h"

#define SEG_PAIR_NONE UINT32_MAX

typedef struct seg_pair_slot {
    int64_t value;
    uint32_t owner;
    uint32_t payload; /* payload + 1; 0 = empty */
} seg_pair_slot;

typedef struct seg_pairset {
    seg_pair_slot *slots;
    size_t nslots; /* power of two, or 0 */
    size_t n;
} seg_pairset;

static inline size_t seg__pair_home(const seg_pairset *ps, uint32_t owner, int64_t value)
{
    return (size_t)seg__mix64((uint64_t)value ^ ((uint64_t)owner << 32 | owner)) & (ps->nslots - 1);
}

/* Room for `more` pairs, so that as many inserts cannot fail. */
seg_status seg__pairset_reserve(seg_context *ctx, seg_pairset *ps, size_t more);

/* The payload of (owner, value), or SEG_PAIR_NONE. */
static inline uint32_t seg__pairset_find(const seg_pairset *ps, uint32_t owner, int64_t value)
{
    if (!ps->nslots)
        return SEG_PAIR_NONE;
    size_t mask = ps->nslots - 1;
    for (size_t i = seg__pair_home(ps, owner, value);; i = (i + 1) & mask) {
        const seg_pair_slot *s = &ps->slots[i];
        if (!s->payload)
            return SEG_PAIR_NONE;
        if (s->value == value && s->owner == owner)
            return s->payload - 1;
    }
}

/* Add (owner, value), known absent, after a reserve. */
void seg__pairset_insert(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload);

static inline void seg__pairset_prefetch(const seg_pairset *ps, uint32_t owner, int64_t value)
{
    if (ps->nslots)
        __builtin_prefetch(&ps->slots[seg__pair_home(ps, owner, value)]);
}

void seg__pairset_free(seg_context *ctx, seg_pairset *ps);

size_t seg__pairset_memory(const seg_pairset *ps);

#endif
