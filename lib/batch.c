/* Batches: borrowed column pointers bound by field, and the per-row readers
 * that turn a bound cell (integer or text) into a checked value. */
#include "batch.h"

#include "io/date.h"
#include "io/money.h"

#include <string.h>

/* Which binding types each field takes. */
enum { T_I64 = 1, T_I32 = 2, T_STR = 4 };

typedef struct field_info {
    seg_field field;
    const char *name;
    int types;
} field_info;

static const field_info fields[] = {
    {SEG_FIELD_CUSTOMER_ID, "customer_id", T_I64 | T_STR},
    {SEG_FIELD_DATE, "date", T_I32 | T_STR},
    {SEG_FIELD_AMOUNT, "amount", T_I64 | T_STR},
    {SEG_FIELD_ORDER_ID, "order_id", T_I64 | T_STR},
    {SEG_FIELD_MARGIN, "margin", T_I64 | T_STR},
    {SEG_FIELD_QUANTITY, "quantity", T_I64 | T_STR},
    {SEG_FIELD_UNIT_PRICE, "unit_price", T_I64 | T_STR},
    {SEG_FIELD_NAME, "name", T_STR},
    {SEG_FIELD_STATUS, "status", T_I32},
    {SEG_FIELD_LEAD_DATE, "lead_date", T_I32 | T_STR},
    {SEG_FIELD_LEAD_CLOSED, "lead_closed", T_I32},
    {SEG_FIELD_CHURN_DATE, "churn_date", T_I32 | T_STR},
    {SEG_FIELD_COMPETITOR_DEADLINE, "competitor_deadline", T_I32 | T_STR},
    {SEG_FIELD_PROJECT_LAUNCH, "project_launch", T_I32 | T_STR},
    {SEG_FIELD_ACTIVITY, "activity", T_I32},
    {SEG_FIELD_CAPACITY, "capacity", T_I32},
};

static const field_info *find_field(seg_field f)
{
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i].field == f)
            return &fields[i];
    return NULL;
}

const char *seg__field_name(seg_field field)
{
    const field_info *fi = find_field(field);
    return fi ? fi->name : NULL;
}

SEG_API seg_status seg_batch_new(seg_batch **out, seg_context *ctx)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    SEG_CHECK_ARG(ctx, out, "out is NULL");
    seg_batch *b = seg__malloc(ctx, sizeof *b);
    if (!b)
        return seg__nomem(ctx, sizeof *b);
    memset(b, 0, sizeof *b);
    b->tag = SEG_TAG_BATCH;
    b->ctx = ctx;
    *out = b;
    return SEG_OK;
}

SEG_API void seg_batch_free(seg_batch *batch)
{
    if (seg__live(batch, SEG_TAG_BATCH))
        seg__handle_release(batch->ctx, batch);
}

SEG_API void seg_batch_clear(seg_batch *batch)
{
    if (!seg__live(batch, SEG_TAG_BATCH))
        return;
    memset(batch->fields, 0, sizeof batch->fields);
    batch->nratings = batch->nattributes = 0;
}

static seg_status bind(seg_batch *b, seg_field field, seg_bind type, int type_bit, const void *values,
                       const int64_t *offsets)
{
    seg__reset(b->ctx);
    const field_info *fi = find_field(field);
    if (!fi)
        return seg__error(b->ctx, SEG_ERR_UNSUPPORTED, "unknown field %d", (int)field);
    if (!(fi->types & type_bit))
        return seg__error(b->ctx, SEG_ERR_INVALID_ARGUMENT, "field %s cannot be bound as %s", fi->name,
                          type_bit == T_I64 ? "int64" : type_bit == T_I32 ? "int32" : "strings");
    if (type == SEG_BIND_STR && values && !offsets)
        return seg__error(b->ctx, SEG_ERR_INVALID_ARGUMENT, "field %s: offsets are NULL", fi->name);
    seg_column_ref *c = &b->fields[field];
    c->type = values ? type : SEG_BIND_NONE;
    c->values = values;
    c->offsets = offsets;
    return SEG_OK;
}

SEG_API seg_status seg_batch_bind_i64(seg_batch *batch, seg_field field, const int64_t *values)
{
    return seg__live(batch, SEG_TAG_BATCH) ? bind(batch, field, SEG_BIND_I64, T_I64, values, NULL) : SEG_ERR_INVALID_ARGUMENT;
}

SEG_API seg_status seg_batch_bind_i32(seg_batch *batch, seg_field field, const int32_t *values)
{
    return seg__live(batch, SEG_TAG_BATCH) ? bind(batch, field, SEG_BIND_I32, T_I32, values, NULL) : SEG_ERR_INVALID_ARGUMENT;
}

SEG_API seg_status seg_batch_bind_str(seg_batch *batch, seg_field field, const char *data,
                                      const int64_t *offsets)
{
    return seg__live(batch, SEG_TAG_BATCH) ? bind(batch, field, SEG_BIND_STR, T_STR, data, offsets) : SEG_ERR_INVALID_ARGUMENT;
}

seg_status seg__named_set(seg_named *dst, seg_context *ctx, const char *name, size_t len)
{
    if (!name || len == 0 || len > SEG_NAME_MAX)
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "a name must have 1-%d bytes", SEG_NAME_MAX);
    memcpy(dst->name, name, len);
    dst->name[len] = '\0';
    dst->name_len = len;
    return SEG_OK;
}

/* Find `name` in a named-column list, or append it (up to `max`). */
static seg_status bind_named(seg_named_column *list, size_t *n, size_t max, seg_context *ctx,
                             const char *name, size_t len, seg_column_ref col)
{
    seg_named key;
    SEG_TRY(seg__named_set(&key, ctx, name, len));
    for (size_t i = 0; i < *n; i++) {
        if (list[i].name.name_len == len && memcmp(list[i].name.name, name, len) == 0) {
            if (!col.values) { /* unbind: move the last one here */
                list[i] = list[--*n];
                return SEG_OK;
            }
            list[i].col = col;
            return SEG_OK;
        }
    }
    if (!col.values)
        return SEG_OK;
    if (*n == max)
        return seg__error(ctx, SEG_ERR_RANGE, "more than %zu named columns in one batch", max);
    list[*n].name = key;
    list[*n].col = col;
    ++*n;
    return SEG_OK;
}

SEG_API seg_status seg_batch_bind_rating(seg_batch *batch, const char *criterion,
                                         size_t criterion_len, const int32_t *values)
{
    if (!seg__live(batch, SEG_TAG_BATCH))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(batch->ctx);
    seg_column_ref col = {SEG_BIND_I32, values, NULL};
    return bind_named(batch->ratings, &batch->nratings, SEG_MAX_CRITERIA, batch->ctx, criterion,
                      criterion_len, col);
}

SEG_API seg_status seg_batch_bind_attribute(seg_batch *batch, const char *name, size_t name_len,
                                            const char *data, const int64_t *offsets)
{
    if (!seg__live(batch, SEG_TAG_BATCH))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(batch->ctx);
    SEG_CHECK_ARG(batch->ctx, !data || offsets, "offsets are NULL");
    seg_column_ref col = {SEG_BIND_STR, data, offsets};
    return bind_named(batch->attributes, &batch->nattributes, SEG_MAX_ATTRIBUTES, batch->ctx, name,
                      name_len, col);
}

seg_status seg__col_offsets_error(seg_context *ctx, int64_t a, int64_t b)
{
    return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT,
                      "string offsets must be non-negative and non-decreasing (%lld, %lld)", (long long)a,
                      (long long)b);
}

seg_status seg__col_money(int64_t *out, seg_context *ctx, const seg_column_ref *col, size_t row, int scale)
{
    if (col->type == SEG_BIND_I64) {
        *out = ((const int64_t *)col->values)[row];
        return SEG_OK;
    }
    const char *s = NULL;
    size_t len = 0;
    SEG_TRY(seg__col_str(&s, &len, ctx, col, row));
    return seg__money_parse(out, ctx, s, len, scale);
}

seg_status seg__col_int(int64_t *out, seg_context *ctx, const seg_column_ref *col, size_t row)
{
    if (col->type == SEG_BIND_I32) {
        *out = ((const int32_t *)col->values)[row];
        return SEG_OK;
    }
    return seg__col_money(out, ctx, col, row, 0);
}

seg_status seg__col_date(int32_t *out, seg_context *ctx, const seg_column_ref *col, size_t row)
{
    if (col->type == SEG_BIND_I32) {
        *out = ((const int32_t *)col->values)[row];
        return SEG_OK;
    }
    const char *s = NULL;
    size_t len = 0;
    SEG_TRY(seg__col_str(&s, &len, ctx, col, row));
    if (len == 0) {
        *out = SEG_NONE;
        return SEG_OK;
    }
    return seg__date_parse(out, ctx, s, len);
}
