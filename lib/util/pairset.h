/* Pair set: (owner, value) integer pairs, each with a 32-bit payload, kept in
 * the slots themselves, so a lookup or an insert touches one cache line. */
#ifndef SEG_PAIRSET_H
#define SEG_PAIRSET_H

#include "../ctx.h"
#include "hash.h"
#include "inline.h"

#define SEG_PAIR_NONE UINT32_MAX

typedef struct seg_pair_slot {
    int64_t value;
    uint32_t owner;
    uint32_t payload; /* payload + 1; 0 = empty */
} seg_pair_slot;

typedef struct seg_pairset {
    seg_pair_slot *slots; /* within raw */
    void *raw;
    size_t nslots; /* power of two, or 0 */
    size_t n;
    int cold;           /* slots unset: pairs are only counted, or logged */
    int logged;         /* a cold set that keeps its pairs in log[0 .. log_len) */
    uint64_t *log;      /* a pair in one word (owner << 32 | value) when its value is
                           within 0 … 2^32 − 1, else in two (SEG_PAIR_WIDE | owner, value) */
    size_t log_len, log_cap; /* in words */
} seg_pairset;

#define SEG_PAIR_WIDE ((uint64_t)UINT32_MAX << 32) /* owners stay below UINT32_MAX */

static inline size_t seg__pair_home(const seg_pairset *ps, uint32_t owner, int64_t value)
{
    return (size_t)seg__mix64((uint64_t)value ^ ((uint64_t)owner << 32 | owner)) & (ps->nslots - 1);
}

/* A cold set defers its table: its slots are reserved but never touched, and
 * an insert only counts the pair (or appends it to a log) until the set is
 * warmed, which cannot fail; input that never needs a lookup never pays for one.
 * An empty cold set; a logged one can warm itself, else its owner re-inserts.
 * A logged set keeps no payloads: its pairs are inserted with payload 0. */
void seg__pairset_init_cold(seg_pairset *ps, int logged);

/* Room for `more` pairs, so that as many inserts cannot fail (nor a warm-up). */
seg_status seg__pairset_reserve(seg_context *ctx, seg_pairset *ps, size_t more);

/* Make a cold set usable; no allocation. A logged set places its logged pairs
 * and frees the log; an unlogged one is left empty for its owner to refill. */
void seg__pairset_warm(seg_context *ctx, seg_pairset *ps);

/* The payload of (owner, value), or SEG_PAIR_NONE; the set must be warm. */
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

/* Add (owner, value), known absent, after a reserve; a cold set counts or logs it. */
void seg__pairset_insert(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload);

static SEG_ALWAYS_INLINE void seg__pairset_prefetch(const seg_pairset *ps, uint32_t owner, int64_t value)
{
    if (ps->nslots && !ps->cold)
        __builtin_prefetch(&ps->slots[seg__pair_home(ps, owner, value)]);
}

void seg__pairset_free(seg_context *ctx, seg_pairset *ps);

size_t seg__pairset_memory(const seg_pairset *ps);

#endif
