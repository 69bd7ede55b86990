/* Where CSV bytes come from: a file, a caller's buffer (read in place) or a
 * read callback, seen through one window that a load slides forward. */
#ifndef SEG_CSV_SOURCE_H
#define SEG_CSV_SOURCE_H

#include "../ctx.h"

#include <stdio.h>

#define SEG_CSV_BLOCK ((size_t)1 << 20)       /* bytes read at a time; also the detection window */
#define SEG_CSV_WINDOW_MAX ((size_t)1 << 31)  /* span offsets are 32-bit */

typedef enum seg_source_kind { SEG_SOURCE_PATH = 1, SEG_SOURCE_BUFFER, SEG_SOURCE_STREAM } seg_source_kind;

typedef struct seg_csv_source {
    seg_source_kind kind;
    seg_context *ctx;
    const char *name;    /* for messages: the path, "<buffer>" or "<stream>" */
    FILE *file;
    seg_read_fn read;
    void *user_data;
    const char *mem;     /* the caller's buffer */
    size_t mem_len;
    char *buf;           /* the block (files and streams), reused for the whole load */
    size_t cap, limit;   /* limit: the longest record + block */
    char *other;         /* with twin blocks, the one the window left at the last slide */
    size_t other_cap;
    int twin;            /* slides alternate between buf and other */
    size_t block;        /* the window's usual size; a long record grows it up to limit */
    const char *data;    /* the window: data[0..len) */
    size_t len;
    uint64_t offset;     /* input offset of data[0] */
    uint64_t total;      /* input size, 0 when unknown */
    int eof;             /* len reaches the end of the input */
} seg_csv_source;

/* Open; `max_record` bounds how far the block may grow. Paths are NUL-terminated. */
seg_status seg__source_path(seg_csv_source *s, seg_context *ctx, const char *path, size_t max_record);
void seg__source_buffer(seg_csv_source *s, seg_context *ctx, const char *data, size_t len);
seg_status seg__source_stream(seg_csv_source *s, seg_context *ctx, seg_read_fn read, void *user_data,
                              size_t max_record);
void seg__source_close(seg_csv_source *s);

/* Drop data[0..consumed) and make more bytes available: afterwards the
 * window is longer than what was kept, or eof is set. */
seg_status seg__source_next(seg_csv_source *s, size_t consumed);

/* 1 if seg__source_next(s, consumed) would allocate (or fail). */
int seg__source_next_allocates(const seg_csv_source *s, size_t consumed);

/* From the next slide on, read into two blocks in turn (files and streams;
 * a buffer is one window already), so the bytes of the window before a slide
 * stay in place until the slide after it: a pipelined load's helper can go
 * on reading them. */
void seg__source_twin(seg_csv_source *s);

/* Drop the first n bytes of the window without reading (a BOM). */
void seg__source_skip(seg_csv_source *s, size_t n);

#endif
