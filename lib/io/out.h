/* Buffered output through a seg_write_fn, with the CSV and JSON encodings of
 * one typed value; the first failure sticks and is reported at the end. */
#ifndef SEG_OUT_H
#define SEG_OUT_H

#include "../ctx.h"

typedef enum seg_vkind { SEG_V_NULL, SEG_V_INT, SEG_V_REAL, SEG_V_MONEY, SEG_V_DATE, SEG_V_TEXT } seg_vkind;

/* A typed value to write; text is (s, len), money is i at `scale`. */
typedef struct seg_value {
    seg_vkind kind;
    int64_t i;
    double d;
    const char *s;
    size_t len;
} seg_value;

typedef struct seg_out {
    seg_context *ctx;
    seg_write_fn fn;
    void *user_data;
    char *buf;
    size_t len, cap;
    int scale;
    seg_status status;
} seg_out;

seg_status seg__out_open(seg_out *o, seg_context *ctx, seg_write_fn fn, void *user_data, int scale);

/* Flush, free the buffer, and return the first failure (SEG_OK if none). */
seg_status seg__out_close(seg_out *o);

void seg__out_bytes(seg_out *o, const char *s, size_t len);
void seg__out_str(seg_out *o, const char *s);

/* Hand the buffered bytes to the callback (after a failure, drop them). */
void seg__out_flush(seg_out *o);

/* Flush, then hand `len` bytes at `data` to the callback as they are. */
void seg__out_direct(seg_out *o, const char *data, size_t len);

#define SEG_OUT_ROOM 96 /* the most seg__out_room may be asked for */

/* Room for n ≤ SEG_OUT_ROOM bytes at the buffer's end, flushing first when it
 * lacks them; write there, then add the count written to o->len. */
static inline char *seg__out_room(seg_out *o, size_t n)
{
    if (o->cap - o->len < n)
        seg__out_flush(o);
    return o->buf + o->len;
}

/* CSV text cell: quoted when needed, neutralised when formula-like. */
void seg__out_csv_text(seg_out *o, const char *s, size_t len);

/* JSON string: quoted, escaped, invalid UTF-8 as U+FFFD. */
void seg__out_json_text(seg_out *o, const char *s, size_t len);

/* A real as the writers print it: printf's %.10g with '.'; returns the
 * length at buf (SEG_REAL_G_MAX bytes). */
size_t seg__out_real(char *buf, double v);

/* One CSV cell: nulls empty, text quoted when needed and neutralised when a
 * spreadsheet could run it as a formula. */
void seg__out_csv(seg_out *o, const seg_value *v);

/* One JSON value: text as a string (invalid UTF-8 as U+FFFD), money as an
 * exact decimal number, non-finite reals as null. */
void seg__out_json(seg_out *o, const seg_value *v);

/* A JSON string of a NUL-terminated text (object keys). */
void seg__out_json_key(seg_out *o, const char *s);

static inline seg_value seg__v_null(void) { return (seg_value){SEG_V_NULL, 0, 0, NULL, 0}; }
static inline seg_value seg__v_int(int64_t i) { return (seg_value){SEG_V_INT, i, 0, NULL, 0}; }
static inline seg_value seg__v_real(double d) { return (seg_value){SEG_V_REAL, 0, d, NULL, 0}; }
static inline seg_value seg__v_money(int64_t i) { return (seg_value){SEG_V_MONEY, i, 0, NULL, 0}; }
static inline seg_value seg__v_date(int64_t i) { return (seg_value){SEG_V_DATE, i, 0, NULL, 0}; }
static inline seg_value seg__v_text(const char *s, size_t len) { return (seg_value){SEG_V_TEXT, 0, 0, s, len}; }

#endif
