/* The state of one CSV load, shared by the driver (csv_load.c) and the stage
 * that commits converted rows or accounts for rejected ones (csv_commit.c). */
#ifndef SEG_CSV_LOAD_H
#define SEG_CSV_LOAD_H

#include "../record.h"
#include "csv_convert.h"
#include "csv_report.h"
#include "csv_roles.h"
#include "csv_source.h"

#define SEG_CSV_CHUNK_ROWS 1024

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
    seg_csv_chunk ch;
    size_t pos;         /* in the source window */
    int64_t line;       /* line of the byte at pos */
    uint64_t progress_at;
    char fold_msg[SEG_MSG_CAP]; /* a fold error, kept while the row is reported */
    struct seg_txn *pending;    /* good rows of the chunk not yet folded (one chunk's worth) */
    uint32_t *pending_row;      /* their rows in the chunk */
    size_t npending;
} seg_csv_load;

/* Commit every good row of the converted chunk in order and account for
 * every bad one; stops at the first bad row when strict. */
seg_status seg__csv_commit_chunk(seg_csv_load *L);

/* Account for a record longer than the limit, cut by the end of the window. */
seg_status seg__csv_reject_long(seg_csv_load *L);

#endif
