/* Customer id index: finds a key's entry in an unindexed key table with one
 * cache line per lookup, since keys of up to 20 bytes sit in the slot itself. */
#ifndef SEG_IDINDEX_H
#define SEG_IDINDEX_H

#include "inline.h"
#include "keytab.h"

#define SEG_IDINDEX_INLINE 20

/* 32 bytes: the hash's high half, entry + 1 (0 = empty), the key's length
 * (SEG_KEY_INT for integers) and its first bytes (an integer's 8 bytes). */
typedef struct seg_idslot {
    uint32_t tag, index, len;
    unsigned char bytes[SEG_IDINDEX_INLINE];
} seg_idslot;

typedef struct seg_idindex {
    seg_idslot *slots; /* cache-line aligned: a slot never straddles two lines */
    void *raw;         /* the allocation behind them */
    size_t nslots;     /* power of two, or 0 */
} seg_idindex;

void seg__idindex_free(seg_context *ctx, seg_idindex *ix);

/* Room for `more` keys beyond the `n` entries of `kt`, rehashing from kt's
 * entries when the table must grow (so a following insert cannot fail). */
seg_status seg__idindex_reserve(seg_context *ctx, seg_idindex *ix, const seg_keytab *kt, size_t more);

/* Slot s as it would be for `key` at entry `index`. */
void seg__idslot_fill(seg_idslot *s, const seg_key *key, uint32_t index);

/* The part of a hash a slot keeps. */
static inline uint32_t seg__idslot_tag(uint64_t hash)
{
    return (uint32_t)(hash >> 32);
}

/* 1 if s holds `key`. Inline, as the next one: the fold looks up an id per
 * run of rows. */
static SEG_ALWAYS_INLINE int seg__idslot_matches(const seg_idslot *s, const seg_keytab *kt, const seg_key *key)
{
    if (!key->bytes)
        return s->len == SEG_KEY_INT && memcmp(s->bytes, &key->value, sizeof key->value) == 0;
    if (s->len != key->len)
        return 0;
    if (key->len <= SEG_IDINDEX_INLINE)
        return seg__same_bytes(s->bytes, key->bytes, key->len);
    return seg__same_bytes(seg__keytab_bytes(kt, s->index - 1), key->bytes, key->len);
}

/* Entry of `key` in `kt`, or SEG_KEY_NONE. */
static SEG_ALWAYS_INLINE uint32_t seg__idindex_find(const seg_idindex *ix, const seg_keytab *kt, const seg_key *key)
{
    if (!ix->nslots)
        return SEG_KEY_NONE;
    size_t mask = ix->nslots - 1;
    uint32_t tag = seg__idslot_tag(key->hash);
    for (size_t i = (size_t)key->hash & mask;; i = (i + 1) & mask) {
        const seg_idslot *s = &ix->slots[i];
        if (!s->index)
            return SEG_KEY_NONE;
        if (s->tag == tag && seg__idslot_matches(s, kt, key))
            return s->index - 1;
    }
}

/* Record that entry `index` of `kt` holds `key` (absent before, room reserved). */
void seg__idindex_insert(seg_idindex *ix, const seg_key *key, uint32_t index);

static SEG_ALWAYS_INLINE void seg__idindex_prefetch(const seg_idindex *ix, uint64_t hash)
{
    if (ix->nslots)
        __builtin_prefetch(&ix->slots[hash & (ix->nslots - 1)]);
}

/* The entry in the first slot for `hash` when its tag agrees, else SEG_KEY_NONE:
 * a guess for prefetching, read from a slot prefetched earlier. */
uint32_t seg__idindex_guess(const seg_idindex *ix, uint64_t hash);

size_t seg__idindex_memory(const seg_idindex *ix);

#endif
