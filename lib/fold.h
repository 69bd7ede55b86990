/* Folding transactions into their customers' totals, (customer, period)
 * cells and the distinct-order sets: one row, or a batch phase by phase. */
#ifndef SEG_FOLD_H
#define SEG_FOLD_H

#include "dataset.h"

typedef struct seg_txn {
    seg_key customer;  /* used when index is SEG_KEY_NONE */
    uint32_t index;    /* known customer index, or SEG_KEY_NONE */
    int32_t date;
    int64_t amount, margin, quantity;
    const char *order_str; /* string order id, or NULL */
    size_t order_len;
    int64_t order_int;
    int order_kind;        /* 0 none, 1 integer, 2 string */
    int same_customer;     /* 1: `customer` is the key of the transaction before this one in
                              its array (set by readers that compared the ids; the batch fold
                              then looks up only the first row of a run) */
} seg_txn;

enum { SEG_ORDER_NONE = 0, SEG_ORDER_INT = 1, SEG_ORDER_STR = 2 };

/* Rows the batch fold takes in one pass; callers feeding it this many at a
 * time let its prefetches run far enough ahead. */
#define SEG_FOLD_BATCH 1024

/* Sums stay within ±(2^63 − 1); INT64_MIN is reserved as "none". */
static inline int seg__add_overflows(int64_t a, int64_t b)
{
    return b > 0 ? a > INT64_MAX - b : a < -INT64_MAX - b;
}

/* Room for `n` more (customer, period) cells. */
seg_status seg__cells_reserve(seg_dataset *ds, size_t n);

/* Append an empty (customer, period) cell, after a reserve (and, for a row
 * that needs it, seg__cells_need_extra). */
uint32_t seg__cell_insert(seg_dataset *ds, uint32_t customer, int32_t period);

/* Set t's order id from text: none when empty, the integer when it is a
 * canonical decimal (digits, no leading zero, at most 18), else the bytes;
 * so "42" in a CSV and 42 in an integer column are the same order. Inline:
 * the loaders set one per row. */
static inline void seg__txn_set_order(seg_txn *t, const char *text, size_t len)
{
    t->order_str = text;
    t->order_len = len;
    t->order_int = 0;
    t->order_kind = len ? SEG_ORDER_STR : SEG_ORDER_NONE;
    if (!len || len > 18 || (text[0] == '0' && len > 1))
        return;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned char)text[i] - '0';
        if (d > 9)
            return;
        v = v * 10 + d;
    }
    t->order_kind = SEG_ORDER_INT;
    t->order_int = v;
}

/* The same for the integer v of an integer column, INT64_MIN meaning none. */
static inline void seg__txn_set_int_order(seg_txn *t, int64_t v)
{
    t->order_str = NULL;
    t->order_len = 0;
    t->order_int = v;
    t->order_kind = v == INT64_MIN ? SEG_ORDER_NONE : SEG_ORDER_INT;
}

/* Out-of-order lookups, warming the cold index or set first (no allocation). */
uint32_t seg__cell_find_older(seg_dataset *ds, uint32_t customer, int32_t period);
int seg__int_order_new_below(seg_dataset *ds, uint32_t customer, int64_t order);

/* The cell of (customer, period), or SEG_KEY_NONE when it has none yet.
 * While the index is cold the top cell answers in-order input: a later
 * period is new without a lookup; once warm, the index answers every row. */
static inline uint32_t seg__cell_find(seg_dataset *ds, uint32_t customer, int32_t period)
{
    if (!ds->cell_index.cold)
        return seg__pairset_find(&ds->cell_index, customer, period);
    uint32_t top = ds->cust[customer].top_cell;
    if (!top || period > seg__cell_period(ds, top - 1))
        return SEG_KEY_NONE;
    return period == seg__cell_period(ds, top - 1) ? top - 1 : seg__cell_find_older(ds, customer, period);
}

/* 1 if integer order `order` is new to customer's purchases, `max` being the
 * greatest order it bought: increasing order ids need no lookup. */
static inline int seg__int_order_new(seg_dataset *ds, uint32_t customer, int64_t max, int64_t order)
{
    return order > max ? 1 : order == max ? 0 : seg__int_order_new_below(ds, customer, order);
}

/* The customer of key (the last one folded is checked first), or
 * SEG_KEY_NONE. The cache is exact: its index is used only after its slot is
 * compared with the key. Inline: the batch fold looks up a key per run. */
static SEG_ALWAYS_INLINE uint32_t seg__fold_find_customer(const seg_dataset *ds, const seg_key *key)
{
    const seg_idslot *last = &ds->last_customer;
    if (last->index && last->tag == seg__idslot_tag(key->hash) && seg__idslot_matches(last, &ds->ids, key))
        return last->index - 1;
    return seg__customer_find(ds, key);
}

/* The entry of a string order, or SEG_KEY_NONE; `last` (the customer's
 * last_order) is checked first. */
uint32_t seg__fold_find_str_order(const seg_dataset *ds, uint32_t last, const seg_key *order);

/* The largest magnitude among t's amount, margin and quantity. */
static inline uint64_t seg__txn_abs(const seg_txn *t)
{
    uint64_t a = t->amount < 0 ? 0 - (uint64_t)t->amount : (uint64_t)t->amount;
    uint64_t m = t->margin < 0 ? 0 - (uint64_t)t->margin : (uint64_t)t->margin;
    uint64_t q = t->quantity < 0 ? 0 - (uint64_t)t->quantity : (uint64_t)t->quantity;
    return a > m ? (a > q ? a : q) : (m > q ? m : q);
}

/* a + b, saturating at UINT64_MAX. */
static inline uint64_t seg__abs_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* A folded row's share of its customer's totals; order_new counts a new
 * purchase, order_entry is a string order's entry (or SEG_KEY_NONE). */
static inline void seg__commit_customer(seg_cust *c, uint32_t order_new, uint32_t order_entry, const seg_txn *t)
{
    c->net += t->amount;
    c->margin += t->margin;
    c->quantity += t->quantity;
    c->rows++;
    if (order_entry != SEG_KEY_NONE)
        c->last_order = order_entry + 1;
    if (t->amount < 0)
        c->refund_rows++;
    if (t->amount <= 0)
        return;
    c->purchase_rows++;
    c->purchases += order_new;
    if (t->order_kind == SEG_ORDER_INT && t->order_int > c->max_int_order)
        c->max_int_order = t->order_int;
    if (c->first_purchase == SEG_NONE || t->date < c->first_purchase)
        c->first_purchase = t->date;
    if (c->last_purchase == SEG_NONE || t->date > c->last_purchase)
        c->last_purchase = t->date;
}

/* 1 if row t, on day `day` of its period, needs the cells' extra column. */
static inline int seg__txn_needs_extra(const seg_txn *t, unsigned day)
{
    return ((uint64_t)(t->margin | t->quantity) | (day >> 6)) != 0; /* no branches in batch loops */
}

/* The same for its (customer, period) cell k and its extra values x (NULL
 * when the column does not exist: then the row has none); `day` is its day
 * in the period. */
static inline void seg__commit_cell(seg_period_cell *k, seg_cell_extra *x, uint32_t order_new, unsigned day,
                                    const seg_txn *t)
{
    k->amount += t->amount;
    if (x) {
        x->margin += t->margin;
        x->quantity += t->quantity;
    }
    k->rows++;
    if (t->amount < 0)
        k->refund_rows++;
    if (t->amount <= 0)
        return;
    k->purchase_rows++;
    k->purchases += order_new;
    if (day < 64)
        k->days_lo |= 1ULL << day;
    else
        x->days_hi |= 1ULL << (day - 64);
}

static inline void seg__commit_stats(seg_dataset_stats *s, const seg_txn *t)
{
    s->rows++;
    s->net += t->amount;
    s->purchase_rows += t->amount > 0;
    s->refund_rows += t->amount < 0;
    if (s->first_date == SEG_NONE || t->date < s->first_date)
        s->first_date = t->date;
    if (s->last_date == SEG_NONE || t->date > s->last_date)
        s->last_date = t->date;
}

/* Fold `t`; the row is applied whole or not at all. An explicit as-of before
 * the date makes the row counted as ignored (SEG_OK). */
seg_status seg__fold(seg_dataset *ds, const seg_txn *t);

/* Fold t[0 .. n) as seg__fold would one after another, stopping at the first
 * row that fails (its status is returned, *done = its index, the rows before
 * it folded). Batches that cannot overflow are folded phase by phase:
 * customers, orders and totals, cells, each over all rows with prefetching. */
seg_status seg__fold_batch(seg_dataset *ds, const seg_txn *t, size_t n, size_t *done);

#endif
