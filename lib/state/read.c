/* Reading a serialised state back into a dataset: every count, range and
 * cross-total is checked, so a damaged buffer is an error and never a crash. */
#include "state.h"

#include "../fold.h"
#include "../io/date.h"
#include "../io/money.h"
#include "../period.h"
#include "../profile.h"
#include "../util/exact.h"
#include "../util/bytes.h"

#include <string.h>

#define HEADER_BYTES 79   /* magic … last_date */
#define CUSTOMER_BYTES 54 /* the shortest: a one-byte string id and its totals */
#define CELL_BYTES 64

typedef struct decoder {
    seg_rbuf r;
    seg_dataset *ds;
    size_t n;
    /* Per customer, the sums of its cells, checked against its totals. */
    seg_wide *net, *margin, *quantity;
    uint64_t *rows, *purchase_rows, *refund_rows, *purchases;
} decoder;

static seg_status corrupt(const decoder *d, const char *what)
{
    return seg__error(d->ds->ctx, SEG_ERR_CORRUPT, "serialised state, byte %zu: %s", d->r.pos, what);
}

static seg_status check_frame(decoder *d, const unsigned char *buf, size_t len)
{
    if (len < HEADER_BYTES + 8 + 12)
        return corrupt(d, "truncated: shorter than the smallest state");
    if (memcmp(buf, SEG_STATE_MAGIC, 8) != 0)
        return corrupt(d, "not a libsegment state (wrong magic bytes)");
    d->r.pos = 8;
    uint32_t version = seg__get_u32(&d->r);
    if (version != SEG_STATE_VERSION)
        return seg__error(d->ds->ctx, SEG_ERR_CORRUPT,
                          "serialised state: format version %u; this library reads version %u",
                          (unsigned)version, SEG_STATE_VERSION);
    seg_rbuf sum = {buf, len, len - 8, 0};
    if (seg__get_u64(&sum) != seg__checksum(buf, len - 8))
        return corrupt(d, "checksum mismatch: the bytes were altered or cut");
    d->r.len = len - 8;
    if (seg__get_u32(&d->r) != 0)
        return corrupt(d, "unknown flags");
    return SEG_OK;
}

static int date_or_none(int32_t v)
{
    return v == SEG_NONE || seg__date_valid(v);
}

static seg_status read_header(decoder *d)
{
    seg_dataset *ds = d->ds;
    seg_dataset_stats *s = &ds->stats;
    unsigned frozen = seg__get_u8(&d->r), scale = seg__get_u8(&d->r), period = seg__get_u8(&d->r);
    int32_t as_of = seg__get_i32(&d->r);
    if (frozen > 1 || scale > SEG_SCALE_MAX || period < SEG_PERIOD_DAY || period > SEG_PERIOD_QUARTER ||
        !date_or_none(as_of))
        return corrupt(d, "dataset options out of range");
    ds->frozen = (int)frozen;
    ds->scale = (int)scale;
    ds->period = (seg_period)period;
    ds->as_of = as_of;
    s->rows = seg__get_i64(&d->r);
    s->ignored = seg__get_i64(&d->r);
    s->purchase_rows = seg__get_i64(&d->r);
    s->refund_rows = seg__get_i64(&d->r);
    s->net = seg__get_i64(&d->r);
    s->merged_orders = seg__get_i64(&d->r);
    s->first_date = seg__get_i32(&d->r);
    s->last_date = seg__get_i32(&d->r);
    /* An order is counted on a purchase row, at most one per row. */
    if (s->ignored < 0 || s->merged_orders < 0 || s->merged_orders > s->purchase_rows ||
        !date_or_none(s->first_date) ||
        !date_or_none(s->last_date) || (s->first_date == SEG_NONE) != (s->last_date == SEG_NONE) ||
        s->first_date > s->last_date || (s->rows == 0) != (s->first_date == SEG_NONE) ||
        (!ds->frozen && (s->rows != 0 || s->ignored != 0)))
        return corrupt(d, "dataset counters out of range");
    return SEG_OK;
}

static seg_status read_id(decoder *d, seg_key *key)
{
    uint8_t kind = seg__get_u8(&d->r);
    if (kind == 0) {
        *key = seg__key_int(0, seg__get_i64(&d->r));
        return SEG_OK;
    }
    uint32_t len = seg__get_u32(&d->r);
    const unsigned char *bytes = len && len <= SEG_KEY_MAX_LEN ? seg__get_bytes(&d->r, len) : NULL;
    if (kind != 1 || !bytes)
        return corrupt(d, "bad customer id");
    *key = seg__key_str(0, (const char *)bytes, len);
    return SEG_OK;
}

static int totals_valid(const seg_dataset *ds, uint32_t i)
{
    const seg_cust *c = ds->cust;
    int32_t first = c[i].first_purchase, last = c[i].last_purchase;
    int buyer = c[i].purchase_rows > 0;
    return (uint64_t)c[i].purchase_rows + c[i].refund_rows <= c[i].rows &&
           c[i].purchases <= c[i].purchase_rows && (first != SEG_NONE) == buyer &&
           (last != SEG_NONE) == buyer && date_or_none(first) && date_or_none(last) && first <= last &&
           (ds->as_of == SEG_NONE || last <= ds->as_of) && c[i].net != INT64_MIN &&
           c[i].margin != INT64_MIN && c[i].quantity != INT64_MIN;
}

static seg_status read_customer(decoder *d)
{
    seg_dataset *ds = d->ds;
    seg_key key;
    SEG_TRY(read_id(d, &key));
    if (seg__customer_find(ds, &key) != SEG_KEY_NONE)
        return corrupt(d, "a customer id appears twice");
    SEG_TRY(seg__customer_reserve(ds, &key));
    uint32_t i = seg__customer_insert(ds, &key);
    seg_cust *c = ds->cust;
    c[i].net = seg__get_i64(&d->r);
    c[i].margin = seg__get_i64(&d->r);
    c[i].quantity = seg__get_i64(&d->r);
    c[i].rows = seg__get_u32(&d->r);
    c[i].purchase_rows = seg__get_u32(&d->r);
    c[i].refund_rows = seg__get_u32(&d->r);
    c[i].purchases = seg__get_u32(&d->r);
    c[i].first_purchase = seg__get_i32(&d->r);
    c[i].last_purchase = seg__get_i32(&d->r);
    return totals_valid(ds, i) ? SEG_OK : corrupt(d, "a customer's totals are inconsistent");
}

static seg_status read_count(decoder *d, size_t *n, size_t record_bytes)
{
    *n = seg__get_u32(&d->r);
    if (*n > seg__rbuf_left(&d->r) / record_bytes)
        return corrupt(d, "a count exceeds the bytes that follow");
    return SEG_OK;
}

static seg_status alloc_sums(decoder *d)
{
    size_t n = d->n ? d->n : 1, bytes = n * (3 * sizeof(seg_wide) + 4 * sizeof(uint64_t));
    d->net = seg__malloc(d->ds->ctx, bytes);
    if (!d->net)
        return seg__nomem(d->ds->ctx, bytes);
    memset(d->net, 0, bytes);
    d->margin = d->net + n;
    d->quantity = d->margin + n;
    d->rows = (uint64_t *)(d->quantity + n);
    d->purchase_rows = d->rows + n;
    d->refund_rows = d->purchase_rows + n;
    d->purchases = d->refund_rows + n;
    return SEG_OK;
}

/* Day bits beyond the period's length, or purchases without days, are damage. */
static int days_valid(const seg_dataset *ds, int32_t period, uint64_t lo, uint64_t hi, int bought)
{
    int32_t len = seg__period_start(ds->period, period + 1) - seg__period_start(ds->period, period);
    uint64_t lo_mask = len >= 64 ? ~0ULL : (1ULL << len) - 1;
    uint64_t hi_mask = len <= 64 ? 0 : len >= 128 ? ~0ULL : (1ULL << (len - 64)) - 1;
    return !(lo & ~lo_mask) && !(hi & ~hi_mask) && ((lo | hi) != 0) == bought;
}

static int period_valid(const seg_dataset *ds, int32_t period)
{
    unsigned day;
    return period >= seg__period_of(ds->period, SEG_DATE_MIN, &day) &&
           period <= seg__period_of(ds->period, SEG_DATE_MAX, &day);
}

static int cell_valid(const seg_dataset *ds, const seg_period_cell *k, const seg_cell_extra *x, int32_t period)
{
    return k->rows > 0 && (uint64_t)k->purchase_rows + k->refund_rows <= k->rows &&
           k->purchases <= k->purchase_rows &&
           days_valid(ds, period, k->days_lo, x->days_hi, k->purchase_rows > 0);
}

static void add_cell_sums(decoder *d, uint32_t c, const seg_period_cell *k, const seg_cell_extra *x)
{
    seg__wide_add(&d->net[c], k->amount);
    seg__wide_add(&d->margin[c], x->margin);
    seg__wide_add(&d->quantity[c], x->quantity);
    d->rows[c] += k->rows;
    d->purchase_rows[c] += k->purchase_rows;
    d->refund_rows[c] += k->refund_rows;
    d->purchases[c] += k->purchases;
}

static seg_status read_cell(decoder *d)
{
    seg_dataset *ds = d->ds;
    uint32_t c = seg__get_u32(&d->r);
    int32_t period = seg__get_i32(&d->r);
    if (c >= d->n || !period_valid(ds, period) || seg__cell_find(ds, c, period) != SEG_KEY_NONE)
        return corrupt(d, "a period cell names no customer, a wrong period, or appears twice");
    seg_period_cell k;
    seg_cell_extra x;
    k.amount = seg__get_i64(&d->r);
    x.margin = seg__get_i64(&d->r);
    x.quantity = seg__get_i64(&d->r);
    k.rows = seg__get_u32(&d->r);
    k.purchase_rows = seg__get_u32(&d->r);
    k.refund_rows = seg__get_u32(&d->r);
    k.purchases = seg__get_u32(&d->r);
    k.days_lo = seg__get_u64(&d->r);
    x.days_hi = seg__get_u64(&d->r);
    if (!cell_valid(ds, &k, &x, period))
        return corrupt(d, "a period cell's totals are inconsistent");
    SEG_TRY(seg__cells_reserve(ds, 1));
    if (x.margin || x.quantity || x.days_hi)
        SEG_TRY(seg__cells_need_extra(ds));
    uint32_t j = seg__cell_insert(ds, c, period);
    ds->cells[j] = k;
    if (ds->cell_extra)
        ds->cell_extra[j] = x;
    add_cell_sums(d, c, &k, &x);
    seg_txn sums = {.amount = k.amount, .margin = x.margin, .quantity = x.quantity};
    ds->abs_bound = seg__abs_add(ds->abs_bound, seg__txn_abs(&sums)); /* every total sums cells */
    return SEG_OK;
}

/* Every customer's totals must equal the sums of its cells, and the dataset's
 * counters the sums of its customers'. */
static seg_status check_totals(decoder *d)
{
    const seg_cust *c = d->ds->cust;
    const seg_dataset_stats *s = &d->ds->stats;
    int64_t rows = 0, purchase_rows = 0, refund_rows = 0;
    seg_wide net = {0, 0};
    for (size_t i = 0; i < d->n; i++) {
        if (!seg__wide_is(&d->net[i], c[i].net) || !seg__wide_is(&d->margin[i], c[i].margin) ||
            !seg__wide_is(&d->quantity[i], c[i].quantity) ||
            d->rows[i] != c[i].rows || d->purchase_rows[i] != c[i].purchase_rows ||
            d->refund_rows[i] != c[i].refund_rows || d->purchases[i] != c[i].purchases)
            return corrupt(d, "a customer's totals differ from the sums of its period cells");
        seg__wide_add(&net, c[i].net);
        rows += c[i].rows;
        purchase_rows += c[i].purchase_rows;
        refund_rows += c[i].refund_rows;
    }
    if (rows != s->rows || purchase_rows != s->purchase_rows || refund_rows != s->refund_rows ||
        !seg__wide_is(&net, s->net))
        return corrupt(d, "the dataset's counters differ from the sums of its customers");
    return SEG_OK;
}

static seg_status read_transactions(decoder *d)
{
    size_t m = 0;
    SEG_TRY(read_count(d, &d->n, CUSTOMER_BYTES));
    for (size_t i = 0; i < d->n; i++)
        SEG_TRY(read_customer(d));
    SEG_TRY(alloc_sums(d));
    SEG_TRY(read_count(d, &m, CELL_BYTES));
    /* Without transactions the options are not fixed: cells would be read in a period not theirs. */
    if (m && !d->ds->frozen)
        return corrupt(d, "period cells in a state without transactions");
    for (size_t j = 0; j < m; j++)
        SEG_TRY(read_cell(d));
    return check_totals(d);
}

/* ---- profile ---- */

static seg_status read_ints(decoder *d, int32_t *col, seg_field field)
{
    int32_t unset = seg__profile_unset(field);
    for (size_t i = 0; i < d->n; i++) {
        int32_t v = seg__get_i32(&d->r);
        if (v != unset && (v == SEG_NONE || seg__profile_check_int(d->ds->ctx, field, v) != SEG_OK))
            return corrupt(d, "a customer field is out of range");
        col[i] = v;
    }
    return SEG_OK;
}

static seg_status read_ratings(decoder *d, int32_t *col)
{
    for (size_t i = 0; i < d->n; i++) {
        int32_t v = seg__get_i32(&d->r);
        if (v != SEG_NONE && (v < 0 || v > 100))
            return corrupt(d, "a rating is out of range");
        col[i] = v;
    }
    return SEG_OK;
}

static seg_status read_strs(decoder *d, seg_strcol *col)
{
    for (uint32_t i = 0; i < d->n; i++) {
        uint32_t len = seg__get_u32(&d->r);
        const unsigned char *bytes = seg__get_bytes(&d->r, len);
        if (!bytes)
            return corrupt(d, "truncated text");
        SEG_TRY(seg__profile_reserve_text(d->ds, (size_t)len + 1));
        seg__profile_put_str(&d->ds->profile, col, i, (const char *)bytes, len);
    }
    return SEG_OK;
}

static seg_status read_name(decoder *d, seg_named *name)
{
    size_t len = seg__get_u8(&d->r);
    const unsigned char *bytes = len && len <= SEG_NAME_MAX ? seg__get_bytes(&d->r, len) : NULL;
    if (!bytes)
        return corrupt(d, "bad criterion or attribute name");
    memcpy(name->name, bytes, len);
    name->name[len] = '\0';
    name->name_len = len;
    return SEG_OK;
}

static seg_status read_named_count(decoder *d, size_t *n, size_t max)
{
    *n = seg__get_u8(&d->r);
    return *n <= max ? SEG_OK : corrupt(d, "too many criteria or attributes");
}

static seg_status read_criteria(decoder *d)
{
    seg_profile *p = &d->ds->profile;
    size_t count = 0, index = 0;
    SEG_TRY(read_named_count(d, &count, SEG_MAX_CRITERIA));
    for (size_t r = 0; r < count; r++) {
        seg_named name;
        SEG_TRY(read_name(d, &name));
        SEG_TRY(seg__profile_rating(&index, d->ds, &name));
        if (index != r)
            return corrupt(d, "a renew criterion appears twice");
        SEG_TRY(read_ratings(d, p->ratings[r]));
    }
    return SEG_OK;
}

static seg_status read_attributes(decoder *d)
{
    seg_profile *p = &d->ds->profile;
    size_t count = 0, index = 0;
    SEG_TRY(read_named_count(d, &count, SEG_MAX_ATTRIBUTES));
    for (size_t a = 0; a < count; a++) {
        seg_named name;
        SEG_TRY(read_name(d, &name));
        SEG_TRY(seg__profile_attribute(&index, d->ds, &name));
        if (index != a)
            return corrupt(d, "an attribute appears twice");
        SEG_TRY(read_strs(d, &p->attr[a]));
    }
    return SEG_OK;
}

static seg_status read_profile(decoder *d)
{
    seg_profile *p = &d->ds->profile;
    uint8_t mask = seg__get_u8(&d->r);
    for (int s = 0; s < SEG_PROFILE_INTS; s++) {
        if (!(mask >> s & 1))
            continue;
        SEG_TRY(seg__profile_ensure_int(d->ds, s));
        SEG_TRY(read_ints(d, p->ints[s], (seg_field)(SEG_FIELD_STATUS + s)));
    }
    uint8_t has_name = seg__get_u8(&d->r);
    if (has_name > 1)
        return corrupt(d, "bad name flag");
    if (has_name) {
        SEG_TRY(seg__profile_ensure_name(d->ds));
        SEG_TRY(read_strs(d, &p->name));
    }
    SEG_TRY(read_criteria(d));
    return read_attributes(d);
}

static seg_status decode(decoder *d, const unsigned char *buf, size_t len)
{
    SEG_TRY(check_frame(d, buf, len));
    SEG_TRY(read_header(d));
    SEG_TRY(read_transactions(d));
    SEG_TRY(read_profile(d));
    if (d->r.short_read)
        return corrupt(d, "truncated");
    if (seg__rbuf_left(&d->r))
        return corrupt(d, "unexpected bytes after the state");
    return SEG_OK;
}

seg_status seg__state_decode(seg_dataset *ds, const unsigned char *buf, size_t len)
{
    decoder d;
    memset(&d, 0, sizeof d);
    d.r.buf = buf;
    d.r.len = len;
    d.ds = ds;
    seg_status st = decode(&d, buf, len);
    seg__free(ds->ctx, d.net);
    return st;
}

SEG_API seg_status seg_dataset_merge_serialized(seg_dataset *ds, const void *buf, size_t len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, buf || !len, "buf is NULL");
    SEG_TRY(seg__dataset_check_loading(ds));
    seg_dataset *part = NULL;
    SEG_TRY(seg_dataset_new(&part, ds->ctx));
    seg_status st = seg__state_decode(part, buf, len);
    if (st == SEG_OK)
        st = seg__merge(ds, part);
    seg_dataset_free(part);
    return st;
}
