/* Merging one dataset's folded state into another: every change is planned
 * read-only, all memory reserved, then committed, so a merge is all or nothing. */
#include "state.h"

#include "../batch.h"
#include "../fold.h"
#include "../profile.h"

#include <string.h>

typedef struct merge_plan {
    seg_dataset *dst;
    const seg_dataset *src;
    size_t n0, m0;   /* dst customers and cells before the merge */
    uint32_t *cust;  /* src customer → dst customer (new ones numbered from n0) */
    uint32_t *cell;  /* src cell → dst cell (new ones numbered from m0) */
    size_t new_customers, id_bytes, new_cells, text_bytes;
    size_t crit[SEG_MAX_CRITERIA], attr[SEG_MAX_ATTRIBUTES]; /* src column → dst column */
} merge_plan;

seg_key seg__customer_key(const seg_dataset *ds, uint32_t c)
{
    const seg_key_entry *e = &ds->ids.entries[c];
    return e->len == SEG_KEY_INT ? seg__key_int(0, (int64_t)e->value)
                                 : seg__key_str(0, seg__keytab_bytes(&ds->ids, c), e->len);
}

static seg_status overflow(const merge_plan *m, uint32_t c, const char *what)
{
    char id[64];
    seg__customer_label(id, sizeof id, m->src, c);
    return seg__error(m->dst->ctx, SEG_ERR_OVERFLOW, "merging customer %s: the %s would overflow", id, what);
}

static seg_status conflict(const merge_plan *m, uint32_t c, const char *field)
{
    char id[64];
    seg__customer_label(id, sizeof id, m->src, c);
    return seg__error(m->dst->ctx, SEG_ERR_STATE,
                      "customer %s has different values of %s in the two datasets", id, field);
}

static seg_status check_options(const seg_dataset *dst, const seg_dataset *src)
{
    if (!dst->frozen || !src->frozen)
        return SEG_OK;
    if (dst->scale == src->scale && dst->as_of == src->as_of && dst->period == src->period)
        return SEG_OK;
    return seg__error(dst->ctx, SEG_ERR_STATE,
                      "the datasets were loaded with different options (scale %d and %d, as_of %d "
                      "and %d, period %d and %d); partial states must share them",
                      dst->scale, src->scale, (int)dst->as_of, (int)src->as_of, (int)dst->period,
                      (int)src->period);
}

static seg_status check_customer_sums(const merge_plan *m, uint32_t c, uint32_t d)
{
    const seg_cust *a = m->dst->cust, *b = m->src->cust;
    if (seg__add_overflows(a[d].net, b[c].net) || seg__add_overflows(a[d].margin, b[c].margin) ||
        seg__add_overflows(a[d].quantity, b[c].quantity))
        return overflow(m, c, "amount, margin or quantity");
    if (a[d].rows > UINT32_MAX - b[c].rows)
        return overflow(m, c, "row count");
    return SEG_OK;
}

static seg_status plan_customers(merge_plan *m)
{
    for (uint32_t c = 0; c < m->src->ids.n; c++) {
        seg_key key = seg__customer_key(m->src, c);
        uint32_t d = seg__customer_find(m->dst, &key);
        if (d == SEG_KEY_NONE) {
            m->cust[c] = (uint32_t)(m->n0 + m->new_customers++);
            m->id_bytes += key.bytes ? key.len + 1 : 0;
        } else {
            m->cust[c] = d;
            SEG_TRY(check_customer_sums(m, c, d));
        }
    }
    return SEG_OK;
}

static seg_status plan_cells(merge_plan *m)
{
    const seg_dataset *dst = m->dst, *src = m->src;
    for (uint32_t j = 0; j < src->ncells; j++) {
        uint32_t d = m->cust[seg__cell_customer(src, j)], k = SEG_KEY_NONE;
        if (d < m->n0)
            k = seg__cell_find(m->dst, d, seg__cell_period(src, j));
        if (k == SEG_KEY_NONE) {
            m->cell[j] = (uint32_t)(m->m0 + m->new_cells++);
        } else if (seg__add_overflows(dst->cells[k].amount, src->cells[j].amount) ||
                   seg__add_overflows(seg__cell_margin(dst, k), seg__cell_margin(src, j)) ||
                   seg__add_overflows(seg__cell_quantity(dst, k), seg__cell_quantity(src, j))) {
            return overflow(m, seg__cell_customer(src, j), "period's amount, margin or quantity");
        } else {
            m->cell[j] = k;
        }
    }
    return SEG_OK;
}

/* ---- profile: a value set on one side only is taken; set on both, it must agree ---- */

static seg_status plan_ints(const merge_plan *m, const int32_t *dcol, const int32_t *scol,
                            int32_t unset, const char *field)
{
    if (!scol || !dcol)
        return SEG_OK;
    for (uint32_t c = 0; c < m->src->ids.n; c++) {
        uint32_t d = m->cust[c];
        int32_t v = scol[c], w = d < m->n0 ? dcol[d] : unset;
        if (v != unset && w != unset && v != w)
            return conflict(m, c, field);
    }
    return SEG_OK;
}

static int str_equal(const seg_profile *p, const seg_strcol *col, uint32_t row, const seg_profile *q,
                     const seg_strcol *qcol, uint32_t qrow)
{
    return col->len[row] == qcol->len[qrow] &&
           memcmp(p->text + col->off[row] - 1, q->text + qcol->off[qrow] - 1, col->len[row]) == 0;
}

static seg_status plan_strs(merge_plan *m, const seg_strcol *dcol, const seg_strcol *scol, const char *field)
{
    if (!scol->off)
        return SEG_OK;
    for (uint32_t c = 0; c < m->src->ids.n; c++) {
        uint32_t d = m->cust[c];
        int dst_set = dcol && dcol->off && d < m->n0 && dcol->off[d];
        if (!scol->off[c])
            continue;
        if (!dst_set)
            m->text_bytes += scol->len[c] + 1;
        else if (!str_equal(&m->src->profile, scol, c, &m->dst->profile, dcol, d))
            return conflict(m, c, field);
    }
    return SEG_OK;
}

static int find_named(const seg_named *list, size_t n, const seg_named *name)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].name_len == name->name_len && memcmp(list[i].name, name->name, name->name_len) == 0)
            return (int)i;
    return -1;
}

static seg_status plan_named_limits(const merge_plan *m)
{
    const seg_profile *a = &m->dst->profile, *b = &m->src->profile;
    size_t crit = a->ncriteria, attr = a->nattributes;
    for (size_t r = 0; r < b->ncriteria; r++)
        crit += find_named(a->criteria, a->ncriteria, &b->criteria[r]) < 0;
    for (size_t r = 0; r < b->nattributes; r++)
        attr += find_named(a->attributes, a->nattributes, &b->attributes[r]) < 0;
    if (crit > SEG_MAX_CRITERIA || attr > SEG_MAX_ATTRIBUTES)
        return seg__error(m->dst->ctx, SEG_ERR_RANGE,
                          "the merged dataset would have %zu renew criteria and %zu attributes "
                          "(at most %d and %d)", crit, attr, SEG_MAX_CRITERIA, SEG_MAX_ATTRIBUTES);
    return SEG_OK;
}

static seg_status plan_profile(merge_plan *m)
{
    const seg_profile *a = &m->dst->profile, *b = &m->src->profile;
    for (int s = 0; s < SEG_PROFILE_INTS; s++) {
        seg_field f = (seg_field)(SEG_FIELD_STATUS + s);
        SEG_TRY(plan_ints(m, a->ints[s], b->ints[s], seg__profile_unset(f), seg__field_name(f)));
    }
    SEG_TRY(plan_strs(m, &a->name, &b->name, "name"));
    SEG_TRY(plan_named_limits(m));
    for (size_t r = 0; r < b->ncriteria; r++) {
        int i = find_named(a->criteria, a->ncriteria, &b->criteria[r]);
        SEG_TRY(plan_ints(m, i < 0 ? NULL : a->ratings[i], b->ratings[r], SEG_NONE, b->criteria[r].name));
    }
    for (size_t r = 0; r < b->nattributes; r++) {
        int i = find_named(a->attributes, a->nattributes, &b->attributes[r]);
        SEG_TRY(plan_strs(m, i < 0 ? NULL : &a->attr[i], &b->attr[r], b->attributes[r].name));
    }
    return SEG_OK;
}

/* ---- reserve: after this nothing can fail ---- */

/* A profile column added here and left unused by a later failure holds only
 * "unset" values, which reads exactly like an absent column. */
static seg_status reserve_profile(merge_plan *m)
{
    seg_dataset *dst = m->dst;
    const seg_profile *b = &m->src->profile;
    for (int s = 0; s < SEG_PROFILE_INTS; s++)
        if (b->ints[s])
            SEG_TRY(seg__profile_ensure_int(dst, s));
    if (b->name.off)
        SEG_TRY(seg__profile_ensure_name(dst));
    for (size_t r = 0; r < b->ncriteria; r++)
        SEG_TRY(seg__profile_rating(&m->crit[r], dst, &b->criteria[r]));
    for (size_t r = 0; r < b->nattributes; r++)
        SEG_TRY(seg__profile_attribute(&m->attr[r], dst, &b->attributes[r]));
    return m->text_bytes ? seg__profile_reserve_text(dst, m->text_bytes) : SEG_OK;
}

static seg_status reserve(merge_plan *m)
{
    seg_dataset *dst = m->dst;
    SEG_TRY(reserve_profile(m));
    SEG_TRY(seg__customer_reserve_n(dst, m->new_customers, m->id_bytes));
    SEG_TRY(seg__cells_reserve(dst, m->new_cells));
    return m->src->cell_extra ? seg__cells_need_extra(dst) : SEG_OK;
}

/* ---- commit ---- */

static int32_t min_date(int32_t a, int32_t b)
{
    return a == SEG_NONE ? b : b == SEG_NONE || a < b ? a : b;
}

static int32_t max_date(int32_t a, int32_t b)
{
    return a == SEG_NONE ? b : b == SEG_NONE || a > b ? a : b;
}

static void commit_customers(merge_plan *m)
{
    seg_cust *a = m->dst->cust;
    const seg_cust *b = m->src->cust;
    for (uint32_t c = 0; c < m->src->ids.n; c++) {
        uint32_t d = m->cust[c];
        if (d >= m->n0) {
            seg_key key = seg__customer_key(m->src, c);
            seg__customer_insert(m->dst, &key);
        }
        a[d].net += b[c].net;
        a[d].margin += b[c].margin;
        a[d].quantity += b[c].quantity;
        a[d].rows += b[c].rows;
        a[d].purchase_rows += b[c].purchase_rows;
        a[d].refund_rows += b[c].refund_rows;
        a[d].purchases += b[c].purchases;
        a[d].first_purchase = min_date(a[d].first_purchase, b[c].first_purchase);
        a[d].last_purchase = max_date(a[d].last_purchase, b[c].last_purchase);
    }
}

static void commit_cells(merge_plan *m)
{
    seg_dataset *dst = m->dst;
    const seg_dataset *src = m->src;
    seg_period_cell *a = dst->cells;
    const seg_period_cell *b = src->cells;
    for (uint32_t j = 0; j < src->ncells; j++) {
        uint32_t k = m->cell[j];
        if (k >= m->m0)
            seg__cell_insert(dst, m->cust[seg__cell_customer(src, j)], seg__cell_period(src, j));
        a[k].amount += b[j].amount;
        a[k].rows += b[j].rows;
        a[k].purchase_rows += b[j].purchase_rows;
        a[k].refund_rows += b[j].refund_rows;
        a[k].purchases += b[j].purchases;
        a[k].days_lo |= b[j].days_lo;
        if (src->cell_extra) { /* then dst has the column too (reserve) */
            dst->cell_extra[k].margin += src->cell_extra[j].margin;
            dst->cell_extra[k].quantity += src->cell_extra[j].quantity;
            dst->cell_extra[k].days_hi |= src->cell_extra[j].days_hi;
        }
    }
}

static void commit_ints(const merge_plan *m, int32_t *dcol, const int32_t *scol, int32_t unset)
{
    for (uint32_t c = 0; scol && c < m->src->ids.n; c++)
        if (scol[c] != unset)
            dcol[m->cust[c]] = scol[c];
}

static void commit_strs(merge_plan *m, seg_strcol *dcol, const seg_strcol *scol)
{
    const seg_profile *b = &m->src->profile;
    for (uint32_t c = 0; scol->off && c < m->src->ids.n; c++) {
        uint32_t d = m->cust[c];
        if (scol->off[c] && !dcol->off[d])
            seg__profile_put_str(&m->dst->profile, dcol, d, b->text + scol->off[c] - 1, scol->len[c]);
    }
}

static void commit_profile(merge_plan *m)
{
    seg_profile *a = &m->dst->profile;
    const seg_profile *b = &m->src->profile;
    for (int s = 0; s < SEG_PROFILE_INTS; s++)
        commit_ints(m, a->ints[s], b->ints[s], seg__profile_unset((seg_field)(SEG_FIELD_STATUS + s)));
    commit_strs(m, &a->name, &b->name);
    for (size_t r = 0; r < b->ncriteria; r++)
        commit_ints(m, a->ratings[m->crit[r]], b->ratings[r], SEG_NONE);
    for (size_t r = 0; r < b->nattributes; r++)
        commit_strs(m, &a->attr[m->attr[r]], &b->attr[r]);
}

static void commit_stats(seg_dataset *dst, const seg_dataset *src)
{
    seg_dataset_stats *a = &dst->stats;
    const seg_dataset_stats *b = &src->stats;
    a->rows += b->rows;
    a->ignored += b->ignored;
    a->purchase_rows += b->purchase_rows;
    a->refund_rows += b->refund_rows;
    a->net += b->net;
    a->merged_orders += b->merged_orders + (int64_t)(src->orders.n + src->int_orders.n);
    dst->abs_bound = seg__abs_add(dst->abs_bound, src->abs_bound);
    a->first_date = min_date(a->first_date, b->first_date);
    a->last_date = max_date(a->last_date, b->last_date);
    if (src->frozen && !dst->frozen) {
        dst->scale = src->scale;
        dst->as_of = src->as_of;
        dst->period = src->period;
    }
    dst->frozen |= src->frozen;
}

static seg_status plan(merge_plan *m)
{
    SEG_TRY(check_options(m->dst, m->src));
    if (seg__add_overflows(m->dst->stats.net, m->src->stats.net))
        return seg__error(m->dst->ctx, SEG_ERR_OVERFLOW, "the merged net amount would overflow");
    if (seg__add_overflows(m->dst->stats.ignored, m->src->stats.ignored))
        return seg__error(m->dst->ctx, SEG_ERR_OVERFLOW, "the merged count of rows after the as-of date would overflow");
    SEG_TRY(plan_customers(m));
    SEG_TRY(plan_cells(m));
    return plan_profile(m);
}

seg_status seg__merge(seg_dataset *dst, const seg_dataset *src)
{
    seg_context *ctx = dst->ctx;
    merge_plan m = {dst, src, dst->ids.n, dst->ncells, NULL, NULL, 0, 0, 0, 0, {0}, {0}};
    size_t bytes = (src->ids.n + src->ncells + 1) * sizeof(uint32_t);
    m.cust = seg__malloc(ctx, bytes);
    if (!m.cust)
        return seg__nomem(ctx, bytes);
    m.cell = m.cust + src->ids.n;
    seg_status st = plan(&m);
    if (st == SEG_OK)
        st = reserve(&m);
    if (st == SEG_OK) {
        commit_customers(&m);
        commit_cells(&m);
        commit_profile(&m);
        commit_stats(dst, src);
    }
    seg__free(ctx, m.cust);
    return st;
}

SEG_API seg_status seg_dataset_merge(seg_dataset *ds, const seg_dataset *other)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, seg__live(other, SEG_TAG_DATASET), "other is NULL or not a live dataset");
    SEG_CHECK_ARG(ds->ctx, other != ds, "a dataset cannot be merged into itself");
    SEG_TRY(seg__dataset_check_loading(ds));
    return seg__merge(ds, other);
}
