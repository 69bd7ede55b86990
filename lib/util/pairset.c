/* Pair set: (owner, value) integer pairs, each with a 32-bit payload, kept in
 * the slots themselves, so a lookup or an insert touches one cache line. */
#include "pairset.h"

#include "pages.h"

#include <string.h>

static void place(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload1)
{
    size_t mask = ps->nslots - 1, i = seg__pair_home(ps, owner, value);
    while (ps->slots[i].payload)
        i = (i + 1) & mask;
    ps->slots[i] = (seg_pair_slot){value, owner, payload1};
}

/* Up to three quarters full: linear probing stays short with a mixed hash. */
seg_status seg__pairset_reserve(seg_context *ctx, seg_pairset *ps, size_t more)
{
    if (more > SIZE_MAX / 8 - ps->n)
        return seg__nomem(ctx, SIZE_MAX);
    size_t nslots = ps->nslots ? ps->nslots : 64;
    while ((ps->n + more) * 4 > nslots * 3)
        nslots *= 2;
    if (nslots == ps->nslots)
        return SEG_OK;
    if (nslots > SIZE_MAX / sizeof(seg_pair_slot))
        return seg__nomem(ctx, SIZE_MAX);
    seg_pair_slot *slots = seg__malloc(ctx, nslots * sizeof *slots);
    if (!slots)
        return seg__nomem(ctx, nslots * sizeof *slots);
    seg__advise_huge(slots, nslots * sizeof *slots);
    memset(slots, 0, nslots * sizeof *slots);
    seg_pairset next = {slots, nslots, ps->n};
    for (size_t i = 0; i < ps->nslots; i++)
        if (ps->slots[i].payload)
            place(&next, ps->slots[i].owner, ps->slots[i].value, ps->slots[i].payload);
    seg__free(ctx, ps->slots);
    *ps = next;
    return SEG_OK;
}

void seg__pairset_insert(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload)
{
    place(ps, owner, value, payload + 1);
    ps->n++;
}

void seg__pairset_free(seg_context *ctx, seg_pairset *ps)
{
    seg__free(ctx, ps->slots);
    memset(ps, 0, sizeof *ps);
}

size_t seg__pairset_memory(const seg_pairset *ps)
{
    return ps->nslots * sizeof *ps->slots;
}
