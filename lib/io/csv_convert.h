/* Converting a chunk of CSV records column by column: spans to ids, dates,
 * exact money and words, each bad value marking its row with a reason. */
#ifndef SEG_CSV_CONVERT_H
#define SEG_CSV_CONVERT_H

#include "csv_dialect.h"

/* What a slot (a read column) holds and how an empty value counts. */
typedef enum seg_slot_kind {
    SEG_SLOT_ID = 1,    /* text, required (the customer) */
    SEG_SLOT_TEXT,      /* text, empty = none (order, name, attributes) */
    SEG_SLOT_DATE,      /* date, empty = SEG_NONE */
    SEG_SLOT_DATE_REQ,  /* date, required */
    SEG_SLOT_MONEY,     /* money at the dataset scale, empty = 0 */
    SEG_SLOT_MONEY_REQ, /* money, required */
    SEG_SLOT_INT,       /* whole number, empty = 0 */
    SEG_SLOT_INT_REQ,   /* whole number, required */
    SEG_SLOT_RATING,    /* whole number 0-100, empty = SEG_NONE */
    SEG_SLOT_STATUS,    /* lifecycle word or 0-4, empty = SEG_NONE */
    SEG_SLOT_FLAG       /* yes/no word or 1/0, empty = SEG_NONE */
} seg_slot_kind;

typedef struct seg_csv_slot {
    seg_slot_kind kind;
    size_t binding; /* index into the load's roles */
    size_t column;  /* 0-based column of the file */
    size_t rcol;    /* index among the columns read: spans[rcol * cap + row] */
} seg_csv_slot;

/* One converted value. Text is a span into the block, or into the arena
 * (SEG_SPAN_ARENA): trimmed, unquoted, valid UTF-8. */
typedef union seg_cell {
    int64_t i;
    int32_t d;
    seg_span t;
} seg_cell;

/* Why a row is bad: the first problem in column order. */
typedef struct seg_row_error {
    seg_status status; /* SEG_OK: the row is good */
    seg_reject_reason reason;
    int slot;          /* -1: a problem of the whole record */
    uint32_t at;       /* block offset of the offending byte */
    const char *what;  /* static text */
} seg_row_error;

typedef struct seg_csv_chunk {
    seg_csv_rows rows;
    seg_cell *cells; /* cells[slot * cap + row] */
    seg_row_error *err; /* err[row], set only where bad[row] */
    uint8_t *bad;    /* bad[row]: the row is rejected, err[row] says why */
    char *arena;     /* text rewritten for this chunk (quotes undone, Windows-1251 converted) */
    struct seg_txn *txn; /* txn[row]: a transaction load's rows, ready to fold (seg__csv_prepare) */
    const char *text;    /* the window the spans index, and its length: kept with the chunk, since */
    size_t text_len;     /* the load's window may slide on while a helper commits it */
    size_t end_pos;      /* where the chunk's rows end in the window, and the line there */
    int64_t end_line;
    int plain;       /* every byte of the chunk's records is in 0x01..0x7F: text needs no check */
    size_t narena, arena_cap;
} seg_csv_chunk;

typedef struct seg_csv_convert {
    seg_context *ctx;
    const char *block;
    size_t end;               /* the chunk's records end before block[end] */
    seg_csv_dialect *dialect; /* the decimal mark and date order may be decided here */
    int scale;
    const seg_csv_slot *slots; /* in column order */
    size_t nslots;
    seg_status (*before_alloc)(void *arg); /* NULL, or called before the arena grows */
    void *before_alloc_arg;
} seg_csv_convert;

seg_status seg__chunk_alloc(seg_csv_chunk *ch, seg_context *ctx, size_t cap, size_t nslots);
void seg__chunk_free(seg_csv_chunk *ch, seg_context *ctx);

/* Convert every row of the chunk; fails only for lack of memory. */
seg_status seg__csv_convert(seg_csv_chunk *ch, const seg_csv_convert *cv);

/* The text of a cell: in the chunk's arena, or in its window. */
static inline const char *seg__cell_text(const seg_csv_chunk *ch, seg_span t)
{
    return (t.len & SEG_SPAN_ARENA ? ch->arena : ch->text) + t.off;
}

#endif
