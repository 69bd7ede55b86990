/* Key table: interns integer or byte-string keys, each scoped by a 32-bit
 * owner, into dense entry indices (open addressing, linear probing). */
#ifndef SEG_KEYTAB_H
#define SEG_KEYTAB_H

#include "../ctx.h"
#include "hash.h"
#include "inline.h"

#include <string.h>

#define SEG_KEY_NONE UINT32_MAX
#define SEG_KEY_INT UINT32_MAX /* entry.len for integer keys */
#define SEG_KEY_MAX_LEN (UINT32_MAX - 1)

typedef struct seg_key {
    uint64_t hash;
    int64_t value;     /* integer key */
    const char *bytes; /* string key, or NULL for an integer key */
    size_t len;
    uint32_t owner;
} seg_key;

typedef struct seg_key_entry {
    uint64_t hash;
    uint64_t value; /* the integer, or the offset of the bytes */
    uint32_t len;   /* SEG_KEY_INT for integers */
    uint32_t owner;
} seg_key_entry;

typedef struct seg_keytab {
    uint64_t *slots; /* hash bits 32..63 << 32 | entry index + 1; 0 = empty */
    size_t nslots;   /* power of two, or 0 */
    seg_key_entry *entries;
    size_t n, cap;
    char *bytes; /* string keys, each followed by a NUL */
    size_t nbytes, bytes_cap;
    int unindexed; /* entries only, no slots: another index finds them (util/idindex.h) */
} seg_keytab;

/* a[0..len) == b[0..len): ids of 4 to 16 bytes by two overlapping word
 * compares, without a call; others by memcmp. */
static SEG_ALWAYS_INLINE int seg__same_bytes(const void *a, const void *b, size_t len)
{
    const unsigned char *p = a, *q = b;
    if (len >= 8 && len <= 16) {
        uint64_t x, y, u, v;
        memcpy(&x, p, 8), memcpy(&y, q, 8), memcpy(&u, p + len - 8, 8), memcpy(&v, q + len - 8, 8);
        return ((x ^ y) | (u ^ v)) == 0;
    }
    if (len >= 4 && len < 8) {
        uint32_t x, y, u, v;
        memcpy(&x, p, 4), memcpy(&y, q, 4), memcpy(&u, p + len - 4, 4), memcpy(&v, q + len - 4, 4);
        return ((x ^ y) | (u ^ v)) == 0;
    }
    return memcmp(p, q, len) == 0;
}

/* Keys are built inline: the loaders build one per row. */
static SEG_ALWAYS_INLINE seg_key seg__key_int(uint32_t owner, int64_t value)
{
    seg_key k = {0};
    k.value = value;
    k.owner = owner;
    k.hash = seg__mix64((uint64_t)value ^ ((uint64_t)owner << 32 | owner));
    return k;
}

static SEG_ALWAYS_INLINE seg_key seg__key_str(uint32_t owner, const char *bytes, size_t len)
{
    seg_key k = {0};
    k.bytes = bytes;
    k.len = len;
    k.owner = owner;
    k.hash = seg__hash_bytes(bytes, len, 0x5bd1e995u + owner);
    return k;
}

/* seg__key_str, taking the hash of `prev` (or NULL) when it is the same
 * string of the same owner, and then setting *same to 1 (else 0): rows
 * grouped by customer hash each id once. */
static SEG_ALWAYS_INLINE seg_key seg__key_str_after(const seg_key *prev, uint32_t owner, const char *bytes,
                                                    size_t len, int *same)
{
    *same = prev && prev->bytes && prev->len == len && prev->owner == owner &&
            seg__same_bytes(prev->bytes, bytes, len);
    if (!*same)
        return seg__key_str(owner, bytes, len);
    seg_key k = *prev;
    k.bytes = bytes;
    return k;
}

void seg__keytab_free(seg_context *ctx, seg_keytab *kt);

/* Make room for one more key like `key`, so that a following
 * seg__keytab_insert cannot fail. */
seg_status seg__keytab_reserve(seg_context *ctx, seg_keytab *kt, const seg_key *key);

/* The same for `keys` more keys whose strings take `bytes` bytes, NULs included. */
seg_status seg__keytab_reserve_n(seg_context *ctx, seg_keytab *kt, size_t keys, size_t bytes);

/* 1 if entry i holds `key` (a cheap check of a remembered index). */
int seg__keytab_matches(const seg_keytab *kt, uint32_t i, const seg_key *key);

/* Entry index of `key`, or SEG_KEY_NONE. */
uint32_t seg__keytab_find(const seg_keytab *kt, const seg_key *key);

/* Start loading the slot a later find of a key with this hash reads first. */
static SEG_ALWAYS_INLINE void seg__keytab_prefetch(const seg_keytab *kt, uint64_t hash)
{
    if (kt->nslots)
        __builtin_prefetch(&kt->slots[hash & (kt->nslots - 1)]);
}

/* The entry a find of `hash` would most likely return (its first slot's,
 * when the stored hash bits agree), prefetched; or SEG_KEY_NONE. A guess
 * for prefetching only: the find still decides. */
uint32_t seg__keytab_prefetch_entry(const seg_keytab *kt, uint64_t hash);

/* Add `key`, known to be absent, after a successful reserve; returns its index. */
uint32_t seg__keytab_insert(seg_keytab *kt, const seg_key *key);

/* The bytes of a string entry (NUL-terminated). */
static inline const char *seg__keytab_bytes(const seg_keytab *kt, uint32_t i)
{
    return kt->bytes + kt->entries[i].value;
}

size_t seg__keytab_memory(const seg_keytab *kt);

#endif
