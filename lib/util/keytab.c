/* Key table: interns integer or byte-string keys, each scoped by a 32-bit
 * owner, into dense entry indices (open addressing, linear probing). */
#include "keytab.h"

#include "grow.h"

#include <string.h>

void seg__keytab_free(seg_context *ctx, seg_keytab *kt)
{
    seg__free(ctx, kt->slots);
    seg__free(ctx, kt->entries);
    seg__free(ctx, kt->bytes);
    memset(kt, 0, sizeof *kt);
}

static int entry_matches(const seg_keytab *kt, const seg_key_entry *e, const seg_key *k)
{
    if (e->hash != k->hash || e->owner != k->owner)
        return 0;
    if (!k->bytes)
        return e->len == SEG_KEY_INT && (int64_t)e->value == k->value;
    return e->len == k->len && seg__same_bytes(kt->bytes + e->value, k->bytes, k->len);
}

int seg__keytab_matches(const seg_keytab *kt, uint32_t i, const seg_key *key)
{
    return i < kt->n && entry_matches(kt, &kt->entries[i], key);
}

/* A slot keeps the hash's high half beside the index, so a probe compares
 * it before it touches an entry. */
static uint64_t slot_of(uint64_t hash, uint32_t index)
{
    return (hash & 0xffffffff00000000u) | ((uint64_t)index + 1);
}

static void place(uint64_t *slots, size_t nslots, uint64_t hash, uint32_t index)
{
    size_t mask = nslots - 1;
    size_t s = (size_t)hash & mask;
    while (slots[s])
        s = (s + 1) & mask;
    slots[s] = slot_of(hash, index);
}

static seg_status rehash(seg_context *ctx, seg_keytab *kt, size_t nslots)
{
    if (nslots > SIZE_MAX / sizeof *kt->slots)
        return seg__nomem(ctx, SIZE_MAX);
    uint64_t *slots = seg__malloc(ctx, nslots * sizeof *slots);
    if (!slots)
        return seg__nomem(ctx, nslots * sizeof *slots);
    memset(slots, 0, nslots * sizeof *slots);
    for (size_t i = 0; i < kt->n; i++)
        place(slots, nslots, kt->entries[i].hash, (uint32_t)i);
    seg__free(ctx, kt->slots);
    kt->slots = slots;
    kt->nslots = nslots;
    return SEG_OK;
}

seg_status seg__keytab_reserve_n(seg_context *ctx, seg_keytab *kt, size_t keys, size_t bytes)
{
    if (keys > UINT32_MAX - 2 - kt->n)
        return seg__error(ctx, SEG_ERR_OVERFLOW, "more than %u keys", (unsigned)(UINT32_MAX - 2));
    if (!keys)
        return SEG_OK;
    SEG_TRY(seg__grow(ctx, (void **)&kt->entries, &kt->cap, kt->n + keys, sizeof *kt->entries));
    if (bytes)
        SEG_TRY(seg__grow(ctx, (void **)&kt->bytes, &kt->bytes_cap, kt->nbytes + bytes, 1));
    if (kt->unindexed)
        return SEG_OK;
    size_t nslots = kt->nslots ? kt->nslots : 64;
    while ((kt->n + keys) * 2 > nslots)
        nslots *= 2;
    return nslots != kt->nslots ? rehash(ctx, kt, nslots) : SEG_OK;
}

seg_status seg__keytab_reserve(seg_context *ctx, seg_keytab *kt, const seg_key *key)
{
    if (key->len > SEG_KEY_MAX_LEN)
        return seg__error(ctx, SEG_ERR_RANGE, "a key of %zu bytes is too long", key->len);
    return seg__keytab_reserve_n(ctx, kt, 1, key->bytes ? key->len + 1 : 0);
}

uint32_t seg__keytab_find(const seg_keytab *kt, const seg_key *key)
{
    if (!kt->nslots)
        return SEG_KEY_NONE;
    size_t mask = kt->nslots - 1;
    uint64_t high = key->hash & 0xffffffff00000000u;
    for (size_t s = (size_t)key->hash & mask;; s = (s + 1) & mask) {
        uint64_t slot = kt->slots[s];
        if (!slot)
            return SEG_KEY_NONE;
        uint32_t i = (uint32_t)slot - 1;
        if ((slot & 0xffffffff00000000u) == high && entry_matches(kt, &kt->entries[i], key))
            return i;
    }
}

uint32_t seg__keytab_prefetch_entry(const seg_keytab *kt, uint64_t hash)
{
    if (!kt->nslots)
        return SEG_KEY_NONE;
    uint64_t slot = kt->slots[hash & (kt->nslots - 1)];
    if (!slot || (slot & 0xffffffff00000000u) != (hash & 0xffffffff00000000u))
        return SEG_KEY_NONE;
    __builtin_prefetch(&kt->entries[(uint32_t)slot - 1]);
    return (uint32_t)slot - 1;
}

uint32_t seg__keytab_insert(seg_keytab *kt, const seg_key *key)
{
    uint32_t index = (uint32_t)kt->n++;
    seg_key_entry *e = &kt->entries[index];
    e->hash = key->hash;
    e->owner = key->owner;
    if (key->bytes) {
        e->value = kt->nbytes;
        e->len = (uint32_t)key->len;
        if (key->len)
            memcpy(kt->bytes + kt->nbytes, key->bytes, key->len);
        kt->bytes[kt->nbytes + key->len] = '\0';
        kt->nbytes += key->len + 1;
    } else {
        e->value = (uint64_t)key->value;
        e->len = SEG_KEY_INT;
    }
    if (!kt->unindexed)
        place(kt->slots, kt->nslots, key->hash, index);
    return index;
}

size_t seg__keytab_memory(const seg_keytab *kt)
{
    return kt->nslots * sizeof *kt->slots + kt->cap * sizeof *kt->entries + kt->bytes_cap;
}
