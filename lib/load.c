/* Loading through the C API: bulk batches of transactions and customers, and
 * the one-record transaction call. Each row is loaded whole or reported. */
#include "batch.h"
#include "fold.h"
#include "profile.h"
#include "record.h"

#include <string.h>

/* Prefix the current error with the batch row (and field, if any). */
static seg_status row_error(seg_context *ctx, const char *what, size_t row, seg_field field)
{
    const char *name = seg__field_name(field);
    if (name)
        seg__error_prefix(ctx, (int64_t)row + 1, "%s row %zu, field %s: ", what, row + 1, name);
    else
        seg__error_prefix(ctx, (int64_t)row + 1, "%s row %zu: ", what, row + 1);
    return ctx->status;
}

/* Rows are read a field at a time over a group of rows: each reader fills
 * its field of t[0 .. n) from batch rows row .. row + n and returns how many
 * rows it read before the first it cannot, whose error it sets. A reader
 * after it reads only the rows before that one, so the error left set is
 * the one reading row by row would give: the first bad row's first field. */
typedef size_t (*field_reader)(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n);

static size_t failed_at(seg_context *ctx, size_t row, size_t i, seg_field field)
{
    row_error(ctx, "transactions", row + i, field);
    return i;
}

/* The customer of `row`; `prev`, the key of the row before if any, saves
 * hashing a repeated id, and *same tells whether it was one. */
static seg_status read_customer_key(seg_key *key, int *same, const seg_key *prev, seg_context *ctx,
                                    const seg_column_ref *col, size_t row)
{
    *same = 0;
    if (col->type == SEG_BIND_I64) {
        *key = seg__key_int(0, ((const int64_t *)col->values)[row]);
        *same = prev && !prev->bytes && prev->value == key->value;
        return SEG_OK;
    }
    const char *s = NULL;
    size_t len = 0;
    SEG_TRY(seg__col_str(&s, &len, ctx, col, row));
    if (len == 0)
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "the customer id is empty");
    *key = seg__key_str_after(prev, 0, s, len, same);
    return SEG_OK;
}

static size_t read_ids(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    const seg_column_ref *col = seg__batch_col(b, SEG_FIELD_CUSTOMER_ID);
    for (size_t i = 0; i < n; i++) {
        t[i].index = SEG_KEY_NONE;
        if (read_customer_key(&t[i].customer, &t[i].same_customer, i ? &t[i - 1].customer : NULL, ds->ctx, col,
                              row + i) != SEG_OK)
            return failed_at(ds->ctx, row, i, SEG_FIELD_CUSTOMER_ID);
    }
    return n;
}

static size_t read_dates(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    const seg_column_ref *col = seg__batch_col(b, SEG_FIELD_DATE);
    for (size_t i = 0; i < n; i++) {
        if (col->type == SEG_BIND_I32)
            t[i].date = ((const int32_t *)col->values)[row + i];
        else if (seg__col_date(&t[i].date, ds->ctx, col, row + i) != SEG_OK)
            return failed_at(ds->ctx, row, i, SEG_FIELD_DATE);
        if (t[i].date == SEG_NONE) {
            seg__error(ds->ctx, SEG_ERR_INVALID_ARGUMENT, "a transaction needs a date");
            return failed_at(ds->ctx, row, i, SEG_FIELD_DATE);
        }
    }
    return n;
}

/* Amounts: the amount column, else quantity × unit price. */
static size_t read_amounts(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    seg_context *ctx = ds->ctx;
    const seg_column_ref *a = seg__batch_col(b, SEG_FIELD_AMOUNT);
    for (size_t i = 0; i < n; i++) {
        if (a->type == SEG_BIND_I64) {
            t[i].amount = ((const int64_t *)a->values)[row + i];
            continue;
        }
        if (a->type != SEG_BIND_NONE) {
            if (seg__col_money(&t[i].amount, ctx, a, row + i, ds->scale) != SEG_OK)
                return failed_at(ctx, row, i, SEG_FIELD_AMOUNT);
            continue;
        }
        int64_t q, price;
        if (seg__col_int(&q, ctx, seg__batch_col(b, SEG_FIELD_QUANTITY), row + i) != SEG_OK)
            return failed_at(ctx, row, i, SEG_FIELD_QUANTITY);
        if (seg__col_money(&price, ctx, seg__batch_col(b, SEG_FIELD_UNIT_PRICE), row + i, ds->scale) != SEG_OK)
            return failed_at(ctx, row, i, SEG_FIELD_UNIT_PRICE);
        if (seg__priced_amount(&t[i].amount, ctx, q, price) != SEG_OK)
            return failed_at(ctx, row, i, SEG_FIELD_AMOUNT);
    }
    return n;
}

/* Margins and quantities: 0 where the column is not bound. */
static size_t read_margins(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    const seg_column_ref *col = seg__batch_col(b, SEG_FIELD_MARGIN);
    for (size_t i = 0; i < n; i++) {
        t[i].margin = 0;
        if (col->type != SEG_BIND_NONE && seg__col_money(&t[i].margin, ds->ctx, col, row + i, ds->scale) != SEG_OK)
            return failed_at(ds->ctx, row, i, SEG_FIELD_MARGIN);
    }
    return n;
}

static size_t read_quantities(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    const seg_column_ref *col = seg__batch_col(b, SEG_FIELD_QUANTITY);
    for (size_t i = 0; i < n; i++) {
        t[i].quantity = 0;
        if (col->type != SEG_BIND_NONE && seg__col_int(&t[i].quantity, ds->ctx, col, row + i) != SEG_OK)
            return failed_at(ds->ctx, row, i, SEG_FIELD_QUANTITY);
    }
    return n;
}

/* Order ids: integers (INT64_MIN: none), or text as seg__txn_set_order reads it. */
static size_t read_orders(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    const seg_column_ref *col = seg__batch_col(b, SEG_FIELD_ORDER_ID);
    for (size_t i = 0; i < n; i++) {
        if (col->type == SEG_BIND_I64) {
            seg__txn_set_int_order(&t[i], ((const int64_t *)col->values)[row + i]);
            continue;
        }
        seg__txn_set_order(&t[i], NULL, 0);
        if (col->type == SEG_BIND_STR) {
            const char *text = NULL;
            size_t len = 0;
            if (seg__col_str(&text, &len, ds->ctx, col, row + i) != SEG_OK)
                return failed_at(ds->ctx, row, i, SEG_FIELD_ORDER_ID);
            seg__txn_set_order(&t[i], text, len);
        }
    }
    return n;
}

/* Rows row .. row + n into t, field by field: the count read before the
 * first row that cannot be (its error set). */
static size_t read_txns(seg_txn *t, const seg_dataset *ds, const seg_batch *b, size_t row, size_t n)
{
    static const field_reader readers[] = {read_ids, read_dates, read_amounts, read_margins, read_quantities,
                                           read_orders};
    for (size_t k = 0; k < sizeof readers / sizeof readers[0]; k++)
        n = readers[k](t, ds, b, row, n);
    return n;
}

static const seg_field txn_fields[] = {SEG_FIELD_DATE, SEG_FIELD_AMOUNT, SEG_FIELD_ORDER_ID,
                                       SEG_FIELD_MARGIN, SEG_FIELD_QUANTITY, SEG_FIELD_UNIT_PRICE};
static const seg_field customer_fields[] = {
    SEG_FIELD_NAME, SEG_FIELD_STATUS, SEG_FIELD_LEAD_DATE, SEG_FIELD_LEAD_CLOSED, SEG_FIELD_CHURN_DATE,
    SEG_FIELD_COMPETITOR_DEADLINE, SEG_FIELD_PROJECT_LAUNCH, SEG_FIELD_ACTIVITY, SEG_FIELD_CAPACITY};

/* A column of the other record kind would be silently ignored: refuse it. */
static seg_status check_kind(seg_context *ctx, const seg_batch *b, const seg_field *other, size_t n,
                             const char *kind, const char *loader)
{
    for (size_t i = 0; i < n; i++)
        if (seg__batch_col(b, other[i])->type)
            return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "a %s batch has a %s column, which %s does not read",
                              kind, seg__field_name(other[i]), loader);
    return SEG_OK;
}

static seg_status check_txn_batch(const seg_dataset *ds, const seg_batch *b)
{
    seg_context *ctx = ds->ctx;
    SEG_TRY(check_kind(ctx, b, customer_fields, sizeof customer_fields / sizeof *customer_fields, "transactions",
                       "seg_dataset_add_transactions()"));
    if (b->nratings || b->nattributes)
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT,
                          "a transactions batch has rating or attribute columns, which "
                          "seg_dataset_add_transactions() does not read");
    int priced = seg__batch_col(b, SEG_FIELD_QUANTITY)->type && seg__batch_col(b, SEG_FIELD_UNIT_PRICE)->type;
    if (!seg__batch_col(b, SEG_FIELD_CUSTOMER_ID)->type || !seg__batch_col(b, SEG_FIELD_DATE)->type)
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT,
                          "a transactions batch needs customer_id and date columns");
    if (!seg__batch_col(b, SEG_FIELD_AMOUNT)->type && !priced)
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT,
                          "a transactions batch needs an amount column, or quantity and unit_price");
    return SEG_OK;
}

static seg_status enter_bulk(seg_dataset *ds, const seg_batch *batch, size_t *n_loaded)
{
    seg__reset(ds->ctx);
    if (n_loaded)
        *n_loaded = 0;
    SEG_CHECK_ARG(ds->ctx, seg__live(batch, SEG_TAG_BATCH), "batch is NULL or not a live batch");
    return seg__dataset_check_loading(ds);
}

/* Rows are read in groups of SEG_FOLD_BATCH and each group folded at once
 * (seg__fold_batch); a row that cannot be read ends the group, and is
 * reported after the rows before it are folded. */
static seg_status fold_groups(seg_dataset *ds, const seg_batch *b, seg_txn *t, size_t n, size_t *n_loaded)
{
    for (size_t row = 0; row < n;) {
        size_t want = n - row < SEG_FOLD_BATCH ? n - row : SEG_FOLD_BATCH, done = 0;
        size_t m = read_txns(t, ds, b, row, want);
        seg_status st = seg__fold_batch(ds, t, m, &done);
        if (n_loaded)
            *n_loaded = row + done;
        if (st != SEG_OK)
            return row_error(ds->ctx, "transactions", row + done, (seg_field)0);
        if (m < want) {
            read_txns(t, ds, b, row + m, 1); /* sets the message again: folding may have reset it */
            return ds->ctx->status;
        }
        row += m;
    }
    return SEG_OK;
}

static seg_status fold_rows(seg_dataset *ds, const seg_batch *b, size_t n, size_t *n_loaded)
{
    size_t cap = n < SEG_FOLD_BATCH ? n : SEG_FOLD_BATCH;
    seg_txn *t = seg__malloc(ds->ctx, cap * sizeof *t);
    if (!t && cap)
        return seg__nomem(ds->ctx, cap * sizeof *t);
    seg_status st = fold_groups(ds, b, t, n, n_loaded);
    seg__free(ds->ctx, t);
    return st;
}

SEG_API seg_status seg_dataset_add_transactions(seg_dataset *ds, const seg_batch *batch, size_t n,
                                                size_t *n_loaded)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter_bulk(ds, batch, n_loaded));
    SEG_TRY(check_txn_batch(ds, batch));
    return fold_rows(ds, batch, n, n_loaded);
}

SEG_API seg_status seg_dataset_add_transaction(seg_dataset *ds, size_t customer, int32_t date,
                                               int64_t amount, const char *order_id,
                                               size_t order_id_len, const int64_t *margin,
                                               const int64_t *quantity)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_TRY(seg__dataset_check_loading(ds));
    SEG_TRY(seg__customer_check(ds, customer));
    SEG_CHECK_ARG(ds->ctx, order_id || !order_id_len, "order_id is NULL but its length is not 0");
    seg_txn t;
    memset(&t, 0, sizeof t);
    t.index = (uint32_t)customer;
    t.date = date;
    t.amount = amount;
    t.margin = margin ? *margin : 0;
    t.quantity = quantity ? *quantity : 0;
    seg__txn_set_order(&t, order_id, order_id ? order_id_len : 0);
    return seg__fold(ds, &t);
}

/* ---- customers ---- */

static seg_status read_ints(seg_customer_row *r, seg_context *ctx, const seg_batch *b, size_t row)
{
    for (int slot = 0; slot < SEG_PROFILE_INTS; slot++) {
        seg_field f = (seg_field)(SEG_FIELD_STATUS + slot);
        const seg_column_ref *c = seg__batch_col(b, f);
        r->ints[slot] = SEG_NONE;
        if (c->type == SEG_BIND_NONE)
            continue;
        if (seg__col_date(&r->ints[slot], ctx, c, row) != SEG_OK ||
            seg__profile_check_int(ctx, f, r->ints[slot]) != SEG_OK)
            return row_error(ctx, "customers", row, f);
        if (f == SEG_FIELD_STATUS && r->ints[slot] == SEG_LIFECYCLE_NONE)
            r->ints[slot] = SEG_NONE;
    }
    return SEG_OK;
}

static seg_status read_customer(seg_customer_row *r, seg_context *ctx, const seg_batch *b, size_t row)
{
    int same;
    memset(r, 0, sizeof *r);
    if (read_customer_key(&r->id, &same, NULL, ctx, seg__batch_col(b, SEG_FIELD_CUSTOMER_ID), row) != SEG_OK)
        return row_error(ctx, "customers", row, SEG_FIELD_CUSTOMER_ID);
    SEG_TRY(read_ints(r, ctx, b, row));
    const seg_column_ref *c = seg__batch_col(b, SEG_FIELD_NAME);
    if (c->type && seg__col_str(&r->name, &r->name_len, ctx, c, row) != SEG_OK)
        return row_error(ctx, "customers", row, SEG_FIELD_NAME);
    for (size_t i = 0; i < b->nratings; i++) {
        r->ratings[i] = ((const int32_t *)b->ratings[i].col.values)[row];
        if (r->ratings[i] != SEG_NONE && (r->ratings[i] < 0 || r->ratings[i] > 100))
            return seg__error_at(ctx, SEG_ERR_RANGE, (int64_t)row + 1, 0,
                                 "customers row %zu, rating %s: %d is outside 0-100", row + 1,
                                 b->ratings[i].name.name, (int)r->ratings[i]);
    }
    for (size_t i = 0; i < b->nattributes; i++) {
        if (seg__col_str(&r->attr[i], &r->attr_len[i], ctx, &b->attributes[i].col, row) != SEG_OK) {
            seg__error_prefix(ctx, (int64_t)row + 1, "customers row %zu, attribute %s: ", row + 1,
                              b->attributes[i].name.name);
            return ctx->status;
        }
    }
    return SEG_OK;
}

/* The fields, ratings and attributes a customers batch writes. */
static void batch_layout(seg_customer_layout *l, const seg_batch *b)
{
    memset(l, 0, sizeof *l);
    for (int slot = 0; slot < SEG_PROFILE_INTS; slot++)
        l->ints[slot] = seg__batch_col(b, (seg_field)(SEG_FIELD_STATUS + slot))->type != SEG_BIND_NONE;
    l->name = seg__batch_col(b, SEG_FIELD_NAME)->type != SEG_BIND_NONE;
    l->nratings = b->nratings;
    l->nattributes = b->nattributes;
    for (size_t i = 0; i < b->nratings; i++)
        l->rating_names[i] = &b->ratings[i].name;
    for (size_t i = 0; i < b->nattributes; i++)
        l->attribute_names[i] = &b->attributes[i].name;
}

static seg_status add_customer_row(seg_dataset *ds, const seg_batch *b, size_t row,
                                   const seg_customer_layout *layout, seg_declared *declared)
{
    seg_customer_row r;
    int conflict = -1;
    int64_t first = 0;
    SEG_TRY(read_customer(&r, ds->ctx, b, row));
    seg_status st = seg__customer_row_declare(ds, declared, (int64_t)row + 1, layout, &r, &conflict, &first);
    if (st == SEG_ERR_STATE)
        return seg__error_at(ds->ctx, st, (int64_t)row + 1, 0,
                             "customers row %zu: the customer was declared in row %lld with a different %s",
                             row + 1, (long long)first, seg__conflict_field(layout, conflict));
    if (st != SEG_OK)
        return row_error(ds->ctx, "customers", row, SEG_FIELD_CUSTOMER_ID);
    return SEG_OK;
}

SEG_API seg_status seg_dataset_add_customers(seg_dataset *ds, const seg_batch *batch, size_t n,
                                             size_t *n_loaded)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter_bulk(ds, batch, n_loaded));
    if (!seg__batch_col(batch, SEG_FIELD_CUSTOMER_ID)->type)
        return seg__error(ds->ctx, SEG_ERR_INVALID_ARGUMENT, "a customers batch needs a customer_id column");
    SEG_TRY(check_kind(ds->ctx, batch, txn_fields, sizeof txn_fields / sizeof *txn_fields, "customers",
                       "seg_dataset_add_customers()"));
    seg_customer_layout layout;
    batch_layout(&layout, batch);
    if (n)
        SEG_TRY(seg__customer_layout_prepare(&layout, ds));
    seg_declared declared = {NULL, 0};
    seg_status st = SEG_OK;
    for (size_t row = 0; row < n && st == SEG_OK; row++) {
        st = add_customer_row(ds, batch, row, &layout, &declared);
        if (st == SEG_OK && n_loaded)
            *n_loaded = row + 1;
    }
    seg__declared_free(ds->ctx, &declared);
    return st;
}
