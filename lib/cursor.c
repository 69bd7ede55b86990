/* Cursors over a result: rows in customer order, optionally only those whose
 * integer column equals a value; reads go through the column registry. */
#include "result.h"

struct seg_cursor {
    uint32_t tag; /* SEG_TAG_CURSOR (handle.h) */
    seg_context *ctx;
    const seg_result *result;
    size_t row;     /* the current row + 1; 0 before the first */
    int on_row;
    seg_column filter; /* 0 = none */
    int64_t value;
};

/* A live cursor over a live result (a result freed under its cursor is refused). */
static int cursor_ok(const seg_cursor *c)
{
    return seg__live(c, SEG_TAG_CURSOR) && seg__live(c->result, SEG_TAG_RESULT);
}

SEG_API seg_status seg_cursor_new(seg_cursor **out, const seg_result *result)
{
    if (!out || !seg__live(result, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    seg_cursor *c = seg__malloc(result->ctx, sizeof *c);
    if (!c)
        return seg__nomem(result->ctx, sizeof *c);
    c->tag = SEG_TAG_CURSOR;
    c->ctx = result->ctx;
    c->result = result;
    c->row = 0;
    c->on_row = 0;
    c->filter = (seg_column)0;
    c->value = 0;
    *out = c;
    return SEG_OK;
}

SEG_API void seg_cursor_free(seg_cursor *cursor)
{
    if (seg__live(cursor, SEG_TAG_CURSOR))
        seg__handle_release(cursor->ctx, cursor);
}

SEG_API seg_status seg_cursor_filter(seg_cursor *cursor, seg_column column, int64_t value)
{
    seg_param_type type;
    if (!cursor_ok(cursor))
        return SEG_ERR_INVALID_ARGUMENT;
    if (column) {
        SEG_TRY(seg_result_column_type(&type, column));
        if (type != SEG_TYPE_I64)
            return SEG_ERR_INVALID_ARGUMENT;
    }
    cursor->filter = column;
    cursor->value = value;
    cursor->row = 0;
    cursor->on_row = 0;
    return SEG_OK;
}

static int matches(const seg_cursor *c, size_t row)
{
    int64_t v;
    return !c->filter || (seg__rcol_i64(&c->result->col[c->filter], row, &v) && v == c->value);
}

SEG_API int seg_cursor_next(seg_cursor *cursor)
{
    if (!cursor_ok(cursor))
        return 0;
    while (cursor->row < cursor->result->rows) {
        size_t row = cursor->row++;
        if (matches(cursor, row)) {
            cursor->on_row = 1;
            return 1;
        }
    }
    cursor->on_row = 0;
    return 0;
}

SEG_API seg_status seg_cursor_customer(size_t *customer, const seg_cursor *cursor)
{
    if (!customer || !cursor_ok(cursor))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!cursor->on_row)
        return SEG_ERR_STATE;
    *customer = cursor->row - 1;
    return SEG_OK;
}

SEG_API seg_status seg_cursor_get_i64(int64_t *value, uint8_t *valid, const seg_cursor *cursor, seg_column column)
{
    if (!value || !cursor_ok(cursor))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!cursor->on_row)
        return SEG_ERR_STATE;
    return seg_result_copy_i64(value, valid, cursor->result, column, cursor->row - 1, 1);
}

SEG_API seg_status seg_cursor_get_f64(double *value, uint8_t *valid, const seg_cursor *cursor, seg_column column)
{
    if (!value || !cursor_ok(cursor))
        return SEG_ERR_INVALID_ARGUMENT;
    if (!cursor->on_row)
        return SEG_ERR_STATE;
    return seg_result_copy_f64(value, valid, cursor->result, column, cursor->row - 1, 1);
}
