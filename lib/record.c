/* Committing one checked record into the dataset, shared by the batch and the
 * CSV loaders: customer rows (validate, reserve, then write) and priced amounts. */
#include "record.h"

#include "batch.h"
#include "profile.h"
#include "util/grow.h"

#include <string.h>

seg_status seg__customer_layout_prepare(seg_customer_layout *l, seg_dataset *ds)
{
    for (int slot = 0; slot < SEG_PROFILE_INTS; slot++)
        if (l->ints[slot])
            SEG_TRY(seg__profile_ensure_int(ds, slot));
    if (l->name)
        SEG_TRY(seg__profile_ensure_name(ds));
    for (size_t i = 0; i < l->nratings; i++)
        SEG_TRY(seg__profile_rating(&l->rating_col[i], ds, l->rating_names[i]));
    for (size_t i = 0; i < l->nattributes; i++)
        SEG_TRY(seg__profile_attribute(&l->attr_col[i], ds, l->attribute_names[i]));
    return SEG_OK;
}

static size_t text_bytes(const seg_customer_layout *l, const seg_customer_row *r)
{
    size_t n = r->name_len + 1;
    for (size_t i = 0; i < l->nattributes; i++)
        n += r->attr_len[i] + 1;
    return n;
}

static void write_fields(seg_dataset *ds, uint32_t c, const seg_customer_layout *l, const seg_customer_row *r)
{
    seg_profile *p = &ds->profile;
    for (int slot = 0; slot < SEG_PROFILE_INTS; slot++)
        if (l->ints[slot] && r->ints[slot] != SEG_NONE)
            p->ints[slot][c] = r->ints[slot];
    if (l->name && r->name_len)
        seg__profile_put_str(p, &p->name, c, r->name, r->name_len);
    for (size_t i = 0; i < l->nratings; i++)
        if (r->ratings[i] != SEG_NONE)
            p->ratings[l->rating_col[i]][c] = r->ratings[i];
    for (size_t i = 0; i < l->nattributes; i++)
        if (r->attr_len[i])
            seg__profile_put_str(p, &p->attr[l->attr_col[i]], c, r->attr[i], r->attr_len[i]);
}

seg_status seg__customer_row_commit(seg_dataset *ds, const seg_customer_layout *l, const seg_customer_row *r)
{
    uint32_t c = seg__customer_find(ds, &r->id);
    if (c == SEG_KEY_NONE)
        SEG_TRY(seg__customer_reserve(ds, &r->id));
    SEG_TRY(seg__profile_reserve_text(ds, text_bytes(l, r)));
    if (c == SEG_KEY_NONE)
        c = seg__customer_insert(ds, &r->id);
    write_fields(ds, c, l, r);
    return SEG_OK;
}

seg_status seg__declared_reserve(seg_context *ctx, seg_declared *d, size_t n)
{
    size_t old = d->cap;
    if (n <= old)
        return SEG_OK;
    SEG_TRY(seg__grow(ctx, (void **)&d->record, &d->cap, n, sizeof *d->record));
    memset(d->record + old, 0, (d->cap - old) * sizeof *d->record);
    return SEG_OK;
}

void seg__declared_free(seg_context *ctx, seg_declared *d)
{
    seg__free(ctx, d->record);
    d->record = NULL;
    d->cap = 0;
}

static int str_differs(const seg_profile *p, const seg_strcol *col, uint32_t c, const char *s, size_t len)
{
    if (!len || !col->off || !col->off[c])
        return 0;
    return col->len[c] != len || memcmp(p->text + col->off[c] - 1, s, len) != 0;
}

static int int_differs(int32_t have, int32_t unset, int32_t v)
{
    return v != SEG_NONE && have != unset && have != v;
}

int seg__customer_row_conflict(const seg_dataset *ds, uint32_t c, const seg_customer_layout *l,
                               const seg_customer_row *r)
{
    const seg_profile *p = &ds->profile;
    for (int slot = 0; slot < SEG_PROFILE_INTS; slot++)
        if (l->ints[slot] && p->ints[slot] &&
            int_differs(p->ints[slot][c], seg__profile_unset((seg_field)(SEG_FIELD_STATUS + slot)), r->ints[slot]))
            return slot;
    if (l->name && str_differs(p, &p->name, c, r->name, r->name_len))
        return SEG_CONFLICT_NAME;
    for (size_t i = 0; i < l->nratings; i++)
        if (int_differs(p->ratings[l->rating_col[i]][c], SEG_NONE, r->ratings[i]))
            return SEG_CONFLICT_RATING + (int)i;
    for (size_t i = 0; i < l->nattributes; i++)
        if (str_differs(p, &p->attr[l->attr_col[i]], c, r->attr[i], r->attr_len[i]))
            return SEG_CONFLICT_ATTRIBUTE + (int)i;
    return -1;
}

seg_status seg__customer_row_declare(seg_dataset *ds, seg_declared *d, int64_t record,
                                     const seg_customer_layout *l, const seg_customer_row *r, int *conflict,
                                     int64_t *first)
{
    uint32_t c = seg__customer_find(ds, &r->id);
    if (c != SEG_KEY_NONE && c < d->cap && d->record[c]) {
        *conflict = seg__customer_row_conflict(ds, c, l, r);
        *first = d->record[c];
        if (*conflict >= 0)
            return SEG_ERR_STATE;
    }
    SEG_TRY(seg__declared_reserve(ds->ctx, d, seg__customer_count(ds) + 1));
    SEG_TRY(seg__customer_row_commit(ds, l, r));
    if (c == SEG_KEY_NONE)
        c = (uint32_t)seg__customer_count(ds) - 1;
    if (!d->record[c])
        d->record[c] = record;
    return SEG_OK;
}

const char *seg__conflict_field(const seg_customer_layout *l, int code)
{
    if (code < SEG_CONFLICT_NAME)
        return seg__field_name((seg_field)(SEG_FIELD_STATUS + code));
    if (code == SEG_CONFLICT_NAME)
        return "name";
    if (code < SEG_CONFLICT_ATTRIBUTE)
        return l->rating_names[code - SEG_CONFLICT_RATING]->name;
    return l->attribute_names[code - SEG_CONFLICT_ATTRIBUTE]->name;
}

int seg__mul_overflows(int64_t a, int64_t b, int64_t *r)
{
    uint64_t ua = a < 0 ? 0 - (uint64_t)a : (uint64_t)a;
    uint64_t ub = b < 0 ? 0 - (uint64_t)b : (uint64_t)b;
    if (ua && ub > UINT64_MAX / ua)
        return 1;
    uint64_t m = ua * ub;
    if (m > (uint64_t)INT64_MAX)
        return 1;
    *r = (a < 0) != (b < 0) ? -(int64_t)m : (int64_t)m;
    return 0;
}

seg_status seg__priced_amount(int64_t *amount, seg_context *ctx, int64_t q, int64_t price)
{
    if (seg__mul_overflows(q, price, amount))
        return seg__error(ctx, SEG_ERR_OVERFLOW, "quantity %lld x unit price %lld overflows", (long long)q,
                          (long long)price);
    return SEG_OK;
}
