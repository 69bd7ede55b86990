/* Batches: borrowed column pointers bound by field, and the per-row readers
 * that turn a bound cell (integer or text) into a checked value. */
#ifndef SEG_BATCH_H
#define SEG_BATCH_H

#include "dataset.h"

typedef enum seg_bind { SEG_BIND_NONE = 0, SEG_BIND_I64, SEG_BIND_I32, SEG_BIND_STR } seg_bind;

typedef struct seg_column_ref {
    seg_bind type;
    const void *values;     /* int64_t or int32_t array, or string bytes */
    const int64_t *offsets; /* strings only */
} seg_column_ref;

typedef struct seg_named_column {
    seg_named name;
    seg_column_ref col;
} seg_named_column;

#define SEG_BATCH_FIELDS 40 /* field values are below this */

struct seg_batch {
    uint32_t tag; /* SEG_TAG_BATCH (handle.h) */
    seg_context *ctx;
    seg_column_ref fields[SEG_BATCH_FIELDS];
    size_t nratings, nattributes;
    seg_named_column ratings[SEG_MAX_CRITERIA];
    seg_named_column attributes[SEG_MAX_ATTRIBUTES];
};

/* Stable name of a field for messages ("amount"), or NULL if unknown. */
const char *seg__field_name(seg_field field);

static inline int seg__field_name_known(seg_field field)
{
    return seg__field_name(field) != NULL;
}

static inline const seg_column_ref *seg__batch_col(const seg_batch *b, seg_field f)
{
    return &b->fields[f];
}

seg_status seg__col_offsets_error(seg_context *ctx, int64_t a, int64_t b);

/* Bytes of string row `row`; SEG_ERR_INVALID_ARGUMENT for bad offsets.
 * Inline: the loaders read an id per row. */
static inline seg_status seg__col_str(const char **s, size_t *len, seg_context *ctx, const seg_column_ref *col,
                                      size_t row)
{
    int64_t a = col->offsets[row], b = col->offsets[row + 1];
    if (a < 0 || b < a)
        return seg__col_offsets_error(ctx, a, b);
    *s = (const char *)col->values + a;
    *len = (size_t)(b - a);
    return SEG_OK;
}

/* Money (i64 or decimal text at `scale`), date (i32 or ISO text), and plain
 * integers (i64/i32 or integer text); errors set ctx with the column. */
seg_status seg__col_money(int64_t *out, seg_context *ctx, const seg_column_ref *col, size_t row, int scale);
seg_status seg__col_date(int32_t *out, seg_context *ctx, const seg_column_ref *col, size_t row);
seg_status seg__col_int(int64_t *out, seg_context *ctx, const seg_column_ref *col, size_t row);

/* Copy and check a criterion or attribute name. */
seg_status seg__named_set(seg_named *dst, seg_context *ctx, const char *name, size_t len);

#endif
