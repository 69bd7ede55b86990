/* Pair set: (owner, value) integer pairs, each with a 32-bit payload, kept in
 * the slots themselves, so a lookup or an insert touches one cache line. */
#include "pairset.h"

#include "grow.h"
#include "pages.h"

#include <string.h>

static void place(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload1)
{
    size_t mask = ps->nslots - 1, i = seg__pair_home(ps, owner, value);
    while (ps->slots[i].payload)
        i = (i + 1) & mask;
    ps->slots[i] = (seg_pair_slot){value, owner, payload1};
}

void seg__pairset_init_cold(seg_pairset *ps, int logged)
{
    memset(ps, 0, sizeof *ps);
    ps->cold = 1;
    ps->logged = logged;
}

/* A cold logged set's log holds every pair it will place: room for two
 * words a pair, the most one takes. */
static seg_status reserve_log(seg_context *ctx, seg_pairset *ps, size_t more)
{
    if (!ps->cold || !ps->logged)
        return SEG_OK;
    return seg__grow(ctx, (void **)&ps->log, &ps->log_cap, ps->log_len + 2 * more, sizeof *ps->log);
}

/* Up to three quarters full: linear probing stays short with a mixed hash.
 * A cold set's new slots stay untouched, so they cost address space only. */
seg_status seg__pairset_reserve(seg_context *ctx, seg_pairset *ps, size_t more)
{
    if (more > SIZE_MAX / 8 - ps->n)
        return seg__nomem(ctx, SIZE_MAX);
    SEG_TRY(reserve_log(ctx, ps, more));
    size_t nslots = ps->nslots ? ps->nslots : 64;
    while ((ps->n + more) * 4 > nslots * 3)
        nslots *= 2;
    if (nslots == ps->nslots)
        return SEG_OK;
    if (nslots > (SIZE_MAX - SEG_HUGE_PAGE) / sizeof(seg_pair_slot))
        return seg__nomem(ctx, SIZE_MAX);
    size_t bytes = nslots * sizeof(seg_pair_slot);
    void *raw = seg__malloc(ctx, bytes + seg__block_slack(bytes));
    if (!raw)
        return seg__nomem(ctx, bytes + seg__block_slack(bytes));
    seg_pair_slot *slots = seg__block_start(raw, bytes);
    seg__advise_huge(slots, bytes);
    seg_pairset next = *ps;
    next.raw = raw;
    next.slots = slots;
    next.nslots = nslots;
    if (!ps->cold) {
        memset(slots, 0, bytes);
        for (size_t i = 0; i < ps->nslots; i++)
            if (ps->slots[i].payload)
                place(&next, ps->slots[i].owner, ps->slots[i].value, ps->slots[i].payload);
    }
    seg__free(ctx, ps->raw);
    *ps = next;
    return SEG_OK;
}

void seg__pairset_warm(seg_context *ctx, seg_pairset *ps)
{
    if (!ps->cold)
        return;
    ps->cold = 0;
    if (ps->nslots)
        memset(ps->slots, 0, ps->nslots * sizeof *ps->slots);
    for (size_t i = 0; ps->logged && i < ps->log_len; i++) {
        uint64_t w = ps->log[i];
        if ((w & SEG_PAIR_WIDE) == SEG_PAIR_WIDE)
            place(ps, (uint32_t)w, (int64_t)ps->log[++i], 1);
        else
            place(ps, (uint32_t)(w >> 32), (int64_t)(uint32_t)w, 1);
    }
    if (!ps->logged)
        ps->n = 0;
    seg__free(ctx, ps->log);
    ps->log = NULL;
    ps->log_len = ps->log_cap = 0;
    ps->logged = 0;
}

void seg__pairset_insert(seg_pairset *ps, uint32_t owner, int64_t value, uint32_t payload)
{
    if (!ps->cold)
        place(ps, owner, value, payload + 1);
    else if (ps->logged && value >= 0 && value <= UINT32_MAX)
        ps->log[ps->log_len++] = (uint64_t)owner << 32 | (uint64_t)value;
    else if (ps->logged) {
        ps->log[ps->log_len] = SEG_PAIR_WIDE | owner;
        ps->log[ps->log_len + 1] = (uint64_t)value;
        ps->log_len += 2;
    }
    ps->n++;
}

void seg__pairset_free(seg_context *ctx, seg_pairset *ps)
{
    seg__free(ctx, ps->raw);
    seg__free(ctx, ps->log);
    memset(ps, 0, sizeof *ps);
}

size_t seg__pairset_memory(const seg_pairset *ps)
{
    size_t bytes = ps->nslots * sizeof *ps->slots;
    return (ps->raw ? bytes + seg__block_slack(bytes) : 0) + ps->log_cap * sizeof *ps->log;
}
