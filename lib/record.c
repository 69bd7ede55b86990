/* Committing one checked record into the dataset, shared by the batch and the
 * CSV loaders: customer rows (validate, reserve, then write) and priced amounts. */
#include "record.h"

#include "profile.h"

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
