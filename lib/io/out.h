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
