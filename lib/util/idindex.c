/* Customer id index: finds a key's entry in an unindexed key table with one
 * cache line per lookup, since keys of up to 20 bytes sit in the slot itself. */
#include "idindex.h"

#include "pages.h"

#include <string.h>

void seg__idslot_fill(seg_idslot *s, const seg_key *key, uint32_t index)
{
    s->tag = seg__idslot_tag(key->hash);
    s->index = index + 1;
    memset(s->bytes, 0, sizeof s->bytes);
    if (!key->bytes) {
        s->len = SEG_KEY_INT;
        memcpy(s->bytes, &key->value, sizeof key->value);
    } else {
        s->len = (uint32_t)key->len;
        memcpy(s->bytes, key->bytes, key->len < SEG_IDINDEX_INLINE ? key->len : SEG_IDINDEX_INLINE);
    }
}

static void place(seg_idslot *slots, size_t nslots, const seg_key *key, uint32_t index)
{
    size_t mask = nslots - 1, i = (size_t)key->hash & mask;
    while (slots[i].index)
        i = (i + 1) & mask;
    seg__idslot_fill(&slots[i], key, index);
}

/* The key of entry i of kt, as a lookup would build it. */
static seg_key entry_key(const seg_keytab *kt, uint32_t i)
{
    const seg_key_entry *e = &kt->entries[i];
    seg_key k = {0};
    k.hash = e->hash;
    k.owner = e->owner;
    if (e->len == SEG_KEY_INT) {
        k.value = (int64_t)e->value;
    } else {
        k.bytes = seg__keytab_bytes(kt, i);
        k.len = e->len;
    }
    return k;
}

void seg__idindex_free(seg_context *ctx, seg_idindex *ix)
{
    seg__free(ctx, ix->raw);
    ix->raw = ix->slots = NULL;
    ix->nslots = 0;
}

seg_status seg__idindex_reserve(seg_context *ctx, seg_idindex *ix, const seg_keytab *kt, size_t more)
{
    size_t nslots = ix->nslots ? ix->nslots : 64;
    if (more > SIZE_MAX / 4 - kt->n)
        return seg__nomem(ctx, SIZE_MAX);
    while ((kt->n + more) * 2 > nslots)
        nslots *= 2;
    if (nslots == ix->nslots)
        return SEG_OK;
    if (nslots > (SIZE_MAX - SEG_HUGE_PAGE) / sizeof *ix->slots)
        return seg__nomem(ctx, SIZE_MAX);
    size_t bytes = nslots * sizeof *ix->slots;
    void *raw = seg__malloc(ctx, bytes + seg__block_slack(bytes));
    if (!raw)
        return seg__nomem(ctx, bytes + seg__block_slack(bytes));
    seg_idslot *slots = seg__block_start(raw, bytes);
    seg__advise_huge(slots, bytes);
    memset(slots, 0, bytes);
    for (uint32_t i = 0; i < kt->n; i++) {
        seg_key k = entry_key(kt, i);
        place(slots, nslots, &k, i);
    }
    seg__free(ctx, ix->raw);
    ix->raw = raw;
    ix->slots = slots;
    ix->nslots = nslots;
    return SEG_OK;
}

void seg__idindex_insert(seg_idindex *ix, const seg_key *key, uint32_t index)
{
    place(ix->slots, ix->nslots, key, index);
}

uint32_t seg__idindex_guess(const seg_idindex *ix, uint64_t hash)
{
    if (!ix->nslots)
        return SEG_KEY_NONE;
    const seg_idslot *s = &ix->slots[hash & (ix->nslots - 1)];
    return s->index && s->tag == seg__idslot_tag(hash) ? s->index - 1 : SEG_KEY_NONE;
}

size_t seg__idindex_memory(const seg_idindex *ix)
{
    size_t bytes = ix->nslots * sizeof *ix->slots;
    return ix->raw ? bytes + seg__block_slack(bytes) : 0;
}
