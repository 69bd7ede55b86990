/* The state of one CSV load, shared by the driver (csv_load.c) and the stage
 * that commits converted rows or accounts for rejected ones (csv_commit.c). */
#ifndef SEG_CSV_LOAD_H
#define SEG_CSV_LOAD_H

#include "../record.h"
#include "csv_convert.h"
#include "csv_report.h"
#include "csv_roles.h"
#include "csv_source.h"

#include <stdatomic.h>

#define SEG_CSV_CHUNK_ROWS 4096       /* rows converted, then committed, at a time */
#define SEG_CSV_QUEUE 4                /* chunks converted ahead of the helper's commits, with two threads */

typedef struct seg_csv_load {
    seg_dataset *ds;
    seg_context *ctx;
    seg_record_kind kind;
    seg_csv_config cfg;
    seg_load_report *rep;
    seg_csv_source src;
    seg_csv_dialect dia;
    seg_csv_headers heads;
    seg_csv_roles roles;
    seg_csv_slot slots[SEG_CSV_MAX_BINDINGS]; /* in column order */
    size_t nslots, nrcols;
    int slot_of[SEG_ROLE_COUNT];              /* fixed roles: their slot, or -1 */
    int rating_slot[SEG_MAX_CRITERIA], attr_slot[SEG_MAX_ATTRIBUTES];
    seg_customer_layout layout;
    int layout_ready;
    seg_declared declared; /* customers declared by this load, to refuse contradictions */
    int16_t *colmap;
    seg_csv_scanner sc;
    seg_csv_chunk ch;   /* the chunk committed (on the helper thread when there is one) */
    seg_csv_chunk queue[SEG_CSV_QUEUE]; /* with a helper: chunk i is converted into queue[i % SEG_CSV_QUEUE],
                                           which the helper swaps with ch to commit it */
    int want_helper;            /* SEG_CSV_THREADS > 1, and no helper started or refused yet */
    size_t committed_here;      /* chunks committed on the calling thread */
    struct seg_handoff *helper; /* NULL: one thread (so far) */
    size_t handed;              /* chunks handed to the helper */
    size_t taken;               /* chunks the helper took from the queue (its own count) */
    size_t waited;              /* chunks known committed: handed when nothing is pending */
    size_t slide_mark;          /* chunks handed before the window last slid */
    atomic_int failed;          /* a commit on the helper failed: it skips the chunks after it */
    seg_status commit_st;       /* how the failed commit ended */
    size_t commit_pos;          /* where its rows end: the load stops there */
    int64_t commit_line;
    size_t pos;         /* in the source window */
    int64_t line;       /* line of the byte at pos */
    uint64_t progress_at;
    char fold_msg[SEG_MSG_CAP]; /* a fold error, kept while the row is reported */
} seg_csv_load;

/* A chunk of SEG_CSV_CHUNK_ROWS rows for this load's slots, with room for
 * the rows' transactions in a transaction load. */
seg_status seg__csv_chunk_alloc(seg_csv_load *L, seg_csv_chunk *ch);

/* After converting: each good row's transaction, ready to fold (the rows
 * whose quantity × price overflows become bad). Writes only the chunk. */
void seg__csv_prepare(const seg_csv_load *L, seg_csv_chunk *ch);

/* Commit every good row of the converted chunk (L->ch) in order and account
 * for every bad one; stops at the first bad row when strict. */
seg_status seg__csv_commit_chunk(seg_csv_load *L);

/* Ready the pipeline: with SEG_CSV_THREADS > 1, a helper thread and a queue
 * of chunks come once the first chunk is committed and more rows follow
 * (none when no thread can be started); stop waits for it and frees them. */
void seg__csv_pipe_init(seg_csv_load *L);
void seg__csv_pipe_stop(seg_csv_load *L);

/* The chunk to scan and convert into next (starting the helper, or
 * allocating a queued chunk at its first use). */
seg_status seg__csv_parse_chunk(seg_csv_load *L, seg_csv_chunk **ch);

/* Commit the converted chunk, whose rows end at L->pos: here, or queued for
 * the helper (an earlier failed commit on the helper is returned instead). */
seg_status seg__csv_commit(seg_csv_load *L);

/* Wait for every chunk queued for the helper (if any): the status of a
 * failed commit, after which the load resumes where that chunk ended. Call
 * it before touching the dataset, report or context. */
seg_status seg__csv_settle(seg_csv_load *L);

/* Settle at a stop of the scan, except at a slide of twin blocks that
 * allocates nothing: then wait only for the chunks converted before the
 * previous slide, the ones that read the block the window moves into. */
seg_status seg__csv_before_stop(seg_csv_load *L, seg_scan_stop stop);

/* Account for a record longer than the limit, cut by the end of the window. */
seg_status seg__csv_reject_long(seg_csv_load *L);

#endif
