/* The two-thread CSV load: a helper thread commits queued chunks in order
 * while the caller scans and converts the next ones, and drains the queue
 * before touching what they share. */
#include "csv_load.h"

#include "../util/handoff.h"

/* The helper's job: commit the next queued chunk, or drop it after a failure. */
static void commit_next(void *L_)
{
    seg_csv_load *L = L_;
    seg_csv_chunk *q = &L->queue[L->taken++ % SEG_CSV_QUEUE], t = L->ch;
    L->ch = *q;
    *q = t;
    if (atomic_load_explicit(&L->failed, memory_order_relaxed)) {
        L->ch.rows.n = 0;
        return;
    }
    seg_status st = seg__csv_commit_chunk(L);
    if (st != SEG_OK) { /* the load ends after the failed chunk, as on one thread */
        L->commit_st = st;
        L->commit_pos = L->ch.end_pos;
        L->commit_line = L->ch.end_line;
        atomic_store_explicit(&L->failed, 1, memory_order_release);
    }
}

void seg__csv_pipe_init(seg_csv_load *L)
{
    atomic_init(&L->failed, 0);
    L->want_helper = L->cfg.threads > 1;
}

/* The helper, started once a chunk is committed and another is read: input
 * of one chunk never pays for a thread. No thread to be had: one does it all. */
static seg_status start_helper(seg_csv_load *L)
{
    L->want_helper = 0;
    seg_handoff *h = seg__malloc(L->ctx, seg__handoff_size());
    if (!h)
        return seg__nomem(L->ctx, seg__handoff_size());
    if (seg__handoff_start(h, commit_next, L) != 0) {
        seg__free(L->ctx, h);
        return SEG_OK;
    }
    L->helper = h;
    return SEG_OK;
}

void seg__csv_pipe_stop(seg_csv_load *L)
{
    if (L->helper) {
        seg__handoff_stop(L->helper);
        seg__free(L->ctx, L->helper);
        L->helper = NULL;
    }
    for (size_t i = 0; i < SEG_CSV_QUEUE; i++)
        seg__chunk_free(&L->queue[i], L->ctx);
}

seg_status seg__csv_parse_chunk(seg_csv_load *L, seg_csv_chunk **ch)
{
    if (L->want_helper && L->committed_here > 0)
        SEG_TRY(start_helper(L));
    *ch = &L->ch;
    if (!L->helper)
        return SEG_OK;
    if (L->handed >= SEG_CSV_QUEUE) /* the chunk that last used the slot is committed */
        seg__handoff_wait(L->helper, L->handed - SEG_CSV_QUEUE + 1);
    *ch = &L->queue[L->handed % SEG_CSV_QUEUE];
    if ((*ch)->rows.cap == 0) { /* first use: allocated while the helper is idle */
        SEG_TRY(seg__csv_settle(L));
        SEG_TRY(seg__csv_chunk_alloc(L, *ch));
    }
    return SEG_OK;
}

seg_status seg__csv_settle(seg_csv_load *L)
{
    if (L->waited == L->handed)
        return SEG_OK;
    seg__handoff_wait(L->helper, L->handed);
    L->waited = L->handed;
    if (!atomic_load_explicit(&L->failed, memory_order_acquire))
        return SEG_OK;
    L->pos = L->commit_pos;
    L->line = L->commit_line;
    return L->commit_st;
}

seg_status seg__csv_commit(seg_csv_load *L)
{
    if (!L->helper) {
        L->committed_here++;
        return seg__csv_commit_chunk(L);
    }
    if (atomic_load_explicit(&L->failed, memory_order_acquire))
        return seg__csv_settle(L);
    seg_csv_chunk *ch = &L->queue[L->handed % SEG_CSV_QUEUE];
    ch->end_pos = L->pos;
    ch->end_line = L->line;
    L->handed++;
    seg__handoff_post(L->helper);
    return SEG_OK;
}

seg_status seg__csv_before_stop(seg_csv_load *L, seg_scan_stop stop)
{
    size_t mark = L->slide_mark;
    L->slide_mark = L->handed;
    if (stop != SEG_SCAN_MORE || !L->src.twin || seg__source_next_allocates(&L->src, L->pos))
        return seg__csv_settle(L);
    seg__handoff_wait(L->helper, mark);
    return SEG_OK;
}
