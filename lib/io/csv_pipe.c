/* The two-thread CSV load: a helper thread commits one chunk while the caller
 * scans and converts the next, and drains it before touching what it shares. */
#include "csv_load.h"

#include "../util/handoff.h"

static void commit_job(void *L)
{
    ((seg_csv_load *)L)->commit_st = seg__csv_commit_chunk(L);
}

seg_status seg__csv_pipe_start(seg_csv_load *L)
{
    if (L->cfg.threads < 2)
        return SEG_OK;
    SEG_TRY(seg__csv_chunk_alloc(L, &L->next));
    seg_handoff *h = seg__malloc(L->ctx, seg__handoff_size());
    if (!h)
        return seg__nomem(L->ctx, seg__handoff_size());
    if (seg__handoff_start(h) != 0) {
        seg__free(L->ctx, h); /* no thread to be had: one thread does it all */
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
    seg__chunk_free(&L->next, L->ctx);
}

seg_csv_chunk *seg__csv_parse_chunk(seg_csv_load *L)
{
    return L->helper ? &L->next : &L->ch;
}

seg_status seg__csv_settle(seg_csv_load *L)
{
    if (!L->busy)
        return SEG_OK;
    seg__handoff_wait(L->helper);
    L->busy = 0;
    if (L->commit_st != SEG_OK) { /* the load ends after the failed chunk, as on one thread */
        L->pos = L->commit_pos;
        L->line = L->commit_line;
    }
    return L->commit_st;
}

seg_status seg__csv_commit(seg_csv_load *L)
{
    if (!L->helper)
        return seg__csv_commit_chunk(L);
    SEG_TRY(seg__csv_settle(L));
    seg_csv_chunk parsed = L->next;
    L->next = L->ch;
    L->ch = parsed;
    L->commit_pos = L->pos;
    L->commit_line = L->line;
    L->busy = 1;
    L->handed = 1;
    seg__handoff_run(L->helper, commit_job, L);
    return SEG_OK;
}

seg_status seg__csv_before_stop(seg_csv_load *L, seg_scan_stop stop)
{
    int slide_only = stop == SEG_SCAN_MORE && L->src.twin && L->handed;
    L->handed = 0;
    return slide_only ? SEG_OK : seg__csv_settle(L);
}
