/* The dataset handle: creation, the options that shape its state, counters,
 * and the customer id table that gives every customer its dense index. */
#include "dataset.h"

#include "io/money.h"
#include "util/optspec.h"

#include <stdio.h>
#include <string.h>

static const seg_optspec dataset_options[] = {
    {SEG_DATASET_SCALE, "scale", SEG_TYPE_I64, 0, SEG_SCALE_MAX, 2, 0, 0, 0},
    {SEG_DATASET_AS_OF, "as_of", SEG_TYPE_I64, SEG_NONE, SEG_DATE_MAX, SEG_NONE, 0, 0, 0},
    {SEG_DATASET_PERIOD, "period", SEG_TYPE_I64, SEG_PERIOD_DAY, SEG_PERIOD_QUARTER,
     SEG_PERIOD_MONTH, 0, 0, 0},
};
#define N_OPTIONS ((int)(sizeof dataset_options / sizeof dataset_options[0]))

static seg_status register_columns(seg_dataset *ds)
{
    ds->customer_cols.random = 1;
    SEG_TRY(seg__colset_add(ds->ctx, &ds->customer_cols, (void **)&ds->cust, sizeof *ds->cust));
    SEG_TRY(seg__colset_add(ds->ctx, &ds->cell_cols, (void **)&ds->cells, sizeof *ds->cells));
    return seg__colset_add(ds->ctx, &ds->cell_cols, (void **)&ds->cell_keys, sizeof *ds->cell_keys);
}

SEG_API seg_status seg_dataset_new(seg_dataset **out, seg_context *ctx)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    SEG_CHECK_ARG(ctx, out, "out is NULL");
    seg_dataset *ds = seg__malloc(ctx, sizeof *ds);
    if (!ds)
        return seg__nomem(ctx, sizeof *ds);
    memset(ds, 0, sizeof *ds);
    ds->tag = SEG_TAG_DATASET;
    ds->ctx = ctx;
    ds->scale = 2;
    ds->as_of = SEG_NONE;
    ds->period = SEG_PERIOD_MONTH;
    ds->memo.date = INT32_MIN;
    ds->stats.first_date = SEG_NONE;
    ds->stats.last_date = SEG_NONE;
    ds->ids.unindexed = 1;
    seg__pairset_init_cold(&ds->cell_index, 0); /* built from the cells at the first out-of-order period */
    seg__pairset_init_cold(&ds->int_orders, 1); /* built from its log at the first out-of-order order */
    register_columns(ds); /* no allocation while capacity is 0 */
    *out = ds;
    return SEG_OK;
}

SEG_API void seg_dataset_free(seg_dataset *ds)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return;
    seg_context *ctx = ds->ctx;
    seg__keytab_free(ctx, &ds->ids);
    seg__idindex_free(ctx, &ds->id_index);
    seg__pairset_free(ctx, &ds->cell_index);
    seg__keytab_free(ctx, &ds->orders);
    seg__pairset_free(ctx, &ds->int_orders);
    seg__colset_free(ctx, &ds->customer_cols);
    seg__colset_free(ctx, &ds->cell_cols);
    seg__free(ctx, ds->profile.text);
    seg__free(ctx, ds->scratch);
    seg__handle_release(ctx, ds);
}

seg_status seg__dataset_check_loading(seg_dataset *ds)
{
    if (ds->live_results)
        return seg__error(ds->ctx, SEG_ERR_STATE,
                          "the dataset has %zu live result(s); free them before loading more",
                          ds->live_results);
    return SEG_OK;
}

static seg_status find_option(int *index, seg_context *ctx, seg_dataset_option key)
{
    *index = seg__optspec_find(dataset_options, N_OPTIONS, (int)key);
    if (*index < 0)
        return ctx ? seg__error(ctx, SEG_ERR_UNSUPPORTED, "unknown dataset option %d", (int)key)
                   : SEG_ERR_UNSUPPORTED;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_set_option(seg_dataset *ds, seg_dataset_option key, int64_t value)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    int i = 0;
    SEG_TRY(find_option(&i, ds->ctx, key));
    const seg_optspec *o = &dataset_options[i];
    if (value < o->imin || value > o->imax ||
        (key == SEG_DATASET_AS_OF && value != SEG_NONE && value < SEG_DATE_MIN))
        return seg__error(ds->ctx, SEG_ERR_RANGE, "dataset option %s: %lld is outside %lld..%lld",
                          o->name, (long long)value, (long long)o->imin, (long long)o->imax);
    if (ds->frozen)
        return seg__error(ds->ctx, SEG_ERR_STATE,
                          "dataset option %s must be set before the first transaction is loaded",
                          o->name);
    if (key == SEG_DATASET_SCALE)
        ds->scale = (int)value;
    else if (key == SEG_DATASET_AS_OF)
        ds->as_of = (int32_t)value;
    else
        ds->period = (seg_period)value;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_get_option(int64_t *out, const seg_dataset *ds, seg_dataset_option key)
{
    if (!seg__live(ds, SEG_TAG_DATASET) || !out)
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(find_option(&i, NULL, key));
    *out = key == SEG_DATASET_SCALE  ? (int64_t)ds->scale
           : key == SEG_DATASET_AS_OF ? (int64_t)ds->as_of
                                      : (int64_t)ds->period;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_option_default(int64_t *out, seg_dataset_option key)
{
    return seg__optspec_default_i64(out, dataset_options, N_OPTIONS, (int)key);
}

SEG_API seg_status seg_dataset_option_bounds(int64_t *min, int64_t *max, seg_dataset_option key)
{
    return seg__optspec_bounds_i64(min, max, dataset_options, N_OPTIONS, (int)key);
}

static int64_t memory_bytes(const seg_dataset *ds)
{
    return (int64_t)(sizeof *ds + seg__keytab_memory(&ds->ids) + seg__idindex_memory(&ds->id_index) + seg__pairset_memory(&ds->cell_index) +
                     seg__keytab_memory(&ds->orders) + seg__pairset_memory(&ds->int_orders) + seg__colset_memory(&ds->customer_cols) +
                     seg__colset_memory(&ds->cell_cols) + ds->profile.text_cap);
}

SEG_API seg_status seg_dataset_stat(int64_t *out, const seg_dataset *ds, seg_dataset_stat_key key)
{
    if (!seg__live(ds, SEG_TAG_DATASET) || !out)
        return SEG_ERR_INVALID_ARGUMENT;
    const seg_dataset_stats *s = &ds->stats;
    switch (key) {
    case SEG_STAT_CUSTOMERS: *out = (int64_t)seg__customer_count(ds); return SEG_OK;
    case SEG_STAT_TRANSACTIONS: *out = s->rows; return SEG_OK;
    case SEG_STAT_IGNORED_AFTER_AS_OF: *out = s->ignored; return SEG_OK;
    case SEG_STAT_PURCHASE_ROWS: *out = s->purchase_rows; return SEG_OK;
    case SEG_STAT_REFUND_ROWS: *out = s->refund_rows; return SEG_OK;
    case SEG_STAT_ORDERS: *out = (int64_t)(ds->orders.n + ds->int_orders.n) + s->merged_orders; return SEG_OK;
    case SEG_STAT_PERIOD_CELLS: *out = (int64_t)ds->ncells; return SEG_OK;
    case SEG_STAT_FIRST_DATE: *out = s->first_date; return SEG_OK;
    case SEG_STAT_LAST_DATE: *out = s->last_date; return SEG_OK;
    case SEG_STAT_NET_AMOUNT: *out = s->net; return SEG_OK;
    case SEG_STAT_MEMORY_BYTES: *out = memory_bytes(ds); return SEG_OK;
    }
    return SEG_ERR_UNSUPPORTED;
}

seg_status seg__customer_reserve(seg_dataset *ds, const seg_key *key)
{
    SEG_TRY(seg__keytab_reserve(ds->ctx, &ds->ids, key));
    SEG_TRY(seg__idindex_reserve(ds->ctx, &ds->id_index, &ds->ids, 1));
    return seg__colset_reserve(ds->ctx, &ds->customer_cols, ds->ids.n + 1);
}

seg_status seg__customer_reserve_n(seg_dataset *ds, size_t n, size_t bytes)
{
    SEG_TRY(seg__keytab_reserve_n(ds->ctx, &ds->ids, n, bytes));
    SEG_TRY(seg__idindex_reserve(ds->ctx, &ds->id_index, &ds->ids, n));
    return seg__colset_reserve(ds->ctx, &ds->customer_cols, ds->ids.n + n);
}

static void init_profile_row(seg_profile *p, uint32_t i)
{
    for (int f = 0; f < SEG_PROFILE_INTS; f++)
        if (p->ints[f])
            p->ints[f][i] = f == 0 ? SEG_LIFECYCLE_NONE : SEG_NONE;
    if (p->name.off)
        p->name.off[i] = 0, p->name.len[i] = 0;
    for (size_t r = 0; r < p->ncriteria; r++)
        p->ratings[r][i] = SEG_NONE;
    for (size_t a = 0; a < p->nattributes; a++)
        p->attr[a].off[i] = 0, p->attr[a].len[i] = 0;
}

uint32_t seg__customer_insert(seg_dataset *ds, const seg_key *key)
{
    uint32_t i = seg__keytab_insert(&ds->ids, key);
    seg__idindex_insert(&ds->id_index, key, i);
    seg_cust *c = &ds->cust[i];
    memset(c, 0, sizeof *c);
    c->first_purchase = c->last_purchase = SEG_NONE;
    c->max_int_order = INT64_MIN;
    init_profile_row(&ds->profile, i);
    return i;
}

seg_status seg__customer_get(uint32_t *index, seg_dataset *ds, const seg_key *key)
{
    uint32_t i = seg__customer_find(ds, key);
    if (i == SEG_KEY_NONE) {
        SEG_TRY(seg__customer_reserve(ds, key));
        i = seg__customer_insert(ds, key);
    }
    *index = i;
    return SEG_OK;
}

seg_status seg__customer_check(const seg_dataset *ds, size_t customer)
{
    if (customer >= seg__customer_count(ds))
        return seg__error(ds->ctx, SEG_ERR_NOT_FOUND, "no customer with index %zu (the dataset has %zu)",
                          customer, seg__customer_count(ds));
    return SEG_OK;
}

SEG_API seg_status seg_dataset_customer_i64(size_t *index, seg_dataset *ds, int64_t id)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, index, "index is NULL");
    SEG_TRY(seg__dataset_check_loading(ds));
    seg_key key = seg__key_int(0, id);
    uint32_t i = 0;
    SEG_TRY(seg__customer_get(&i, ds, &key));
    *index = i;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_customer_str(size_t *index, seg_dataset *ds, const char *id, size_t len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, index && id, "index or id is NULL");
    SEG_CHECK_ARG(ds->ctx, len > 0, "a customer id must not be empty");
    SEG_TRY(seg__dataset_check_loading(ds));
    seg_key key = seg__key_str(0, id, len);
    uint32_t i = 0;
    SEG_TRY(seg__customer_get(&i, ds, &key));
    *index = i;
    return SEG_OK;
}

static seg_status find_key(size_t *index, const seg_dataset *ds, const seg_key *key)
{
    uint32_t i = seg__customer_find(ds, key);
    if (i == SEG_KEY_NONE)
        return SEG_ERR_NOT_FOUND;
    *index = i;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_find_i64(size_t *index, const seg_dataset *ds, int64_t id)
{
    if (!seg__live(ds, SEG_TAG_DATASET) || !index)
        return SEG_ERR_INVALID_ARGUMENT;
    seg_key key = seg__key_int(0, id);
    return find_key(index, ds, &key);
}

SEG_API seg_status seg_dataset_find_str(size_t *index, const seg_dataset *ds, const char *id, size_t len)
{
    if (!seg__live(ds, SEG_TAG_DATASET) || !index || (!id && len))
        return SEG_ERR_INVALID_ARGUMENT;
    seg_key key = seg__key_str(0, id ? id : "", len);
    return find_key(index, ds, &key);
}

SEG_API seg_status seg_dataset_customer_id(seg_id_kind *kind, int64_t *int_id, const char **str_id,
                                           size_t *str_len, const seg_dataset *ds, size_t customer)
{
    if (!kind || !seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    if (customer >= seg__customer_count(ds))
        return SEG_ERR_NOT_FOUND;
    const seg_key_entry *e = &ds->ids.entries[customer];
    int is_int = e->len == SEG_KEY_INT;
    *kind = is_int ? SEG_ID_INT : SEG_ID_STRING;
    if (int_id)
        *int_id = is_int ? (int64_t)e->value : 0;
    if (str_id)
        *str_id = is_int ? NULL : seg__keytab_bytes(&ds->ids, (uint32_t)customer);
    if (str_len)
        *str_len = is_int ? 0 : e->len;
    return SEG_OK;
}

void seg__customer_label(char *buf, size_t cap, const seg_dataset *ds, size_t customer)
{
    const seg_key_entry *e = &ds->ids.entries[customer];
    if (e->len == SEG_KEY_INT) {
        snprintf(buf, cap, "%lld", (long long)(int64_t)e->value);
        return;
    }
    int room = cap > 8 ? (int)cap - 8 : 0, len = e->len > (uint32_t)room ? room : (int)e->len;
    snprintf(buf, cap, "'%.*s'%s", len, seg__keytab_bytes(&ds->ids, (uint32_t)customer),
             len < (int)e->len ? "..." : "");
}
