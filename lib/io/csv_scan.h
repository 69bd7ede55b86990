/* The CSV tokenizer: records split into field spans over a block of bytes,
 * with RFC 4180 quotes and LF, CRLF or CR line breaks. The hot loop of a load. */
#ifndef SEG_CSV_SCAN_H
#define SEG_CSV_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* A field's bytes: offset and length; flags in the length's top bits. */
typedef struct seg_span {
    uint32_t off, len;
} seg_span;

#define SEG_SPAN_ESCAPED 0x80000000u /* quoted, with doubled quotes to undo */
#define SEG_SPAN_ARENA 0x40000000u   /* off is in the chunk's arena, not the block */
#define SEG_SPAN_LEN 0x3FFFFFFFu

static inline uint32_t seg__span_len(seg_span s)
{
    return s.len & SEG_SPAN_LEN;
}

/* Problems of a whole record, found while splitting it. */
enum {
    SEG_FLAW_NONE = 0,
    SEG_FLAW_QUOTE,        /* text after a closing quote */
    SEG_FLAW_UNTERMINATED, /* a quote still open at the end of the data */
    SEG_FLAW_TOO_LONG,     /* longer than max_record */
    SEG_FLAW_FIELD_COUNT   /* not as many fields as the header */
};

/* Records of one chunk: spans[row * nslots + slot] (row by row, so the
 * tokenizer writes each row from one base). */
typedef struct seg_csv_rows {
    size_t n, cap, nslots;
    seg_span *spans;
    uint32_t *start;    /* first byte of the record in the block */
    uint32_t *nfields;  /* fields found */
    uint32_t *flaw_at;  /* block offset of the flaw */
    uint8_t *flaw;      /* SEG_FLAW_* */
    int64_t *line;      /* line of the first byte */
} seg_csv_rows;

static inline seg_span seg__span_at(const seg_csv_rows *rows, size_t row, size_t slot)
{
    return rows->spans[row * rows->nslots + slot];
}

typedef struct seg_csv_scanner {
    char delim;
    const int16_t *colmap; /* field index → slot, or -1 when not read */
    size_t ncols;          /* fields of the header */
    int last_header_empty; /* a row may then omit the last field (Bitrix) */
    size_t max_record;
} seg_csv_scanner;

typedef enum seg_scan_stop {
    SEG_SCAN_FULL = 1, /* rows are full */
    SEG_SCAN_MORE,     /* a record is cut by the end of the data: read more */
    SEG_SCAN_END,      /* everything up to the end of the data is split */
    SEG_SCAN_TOO_LONG  /* a cut record is already longer than max_record */
} seg_scan_stop;

/* Split records from block[*pos..len) into `rows` (appending) until one of
 * the stops; *pos is left at the first byte not consumed and *line at the
 * line of that byte. `eof` says that len is the end of the data. */
seg_scan_stop seg__csv_scan(seg_csv_rows *rows, const seg_csv_scanner *sc, const char *block, size_t *pos,
                            size_t len, int eof, int64_t *line);

/* Split one record (after any blank lines) into up to `max` spans; fields
 * past `max` are only counted. Returns 1 with *pos after the record, 0 when
 * the data is cut first (nothing consumed). */
int seg__csv_split(const char *block, size_t *pos, size_t len, int eof, char delim, seg_span *fields,
                   size_t max, size_t *nfields, int64_t *line);

/* Where the skipping of an over-long record stands between blocks. */
typedef struct seg_csv_skip {
    int in_quotes, at_field_start;
} seg_csv_skip;

/* Move over the rest of a record; 1 once past its end (or at the end of the
 * data), 0 when more data is needed (*pos = where to resume). */
int seg__csv_skip(seg_csv_skip *st, const char *block, size_t *pos, size_t len, int eof, char delim,
                  int64_t *line);

/* Copy a quoted field's bytes, "" becoming "; returns the length written. */
size_t seg__csv_unescape(char *dst, const char *src, size_t len);

#endif
