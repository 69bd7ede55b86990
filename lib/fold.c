/* Folding one transaction into its customer's totals, its (customer, period)
 * cell and the distinct-order set: validate, reserve, then commit. */
#include "fold.h"

#include "io/date.h"
#include "period.h"

/* Where the row lands; NONE marks what the commit must create. */
typedef struct fold_plan {
    uint32_t customer, cell, order_new; /* order_new: 1 if the row is a new purchase */
    uint32_t order_entry;               /* the order's entry (to insert: orders.n), or SEG_KEY_NONE */
    int new_customer, new_cell, insert_order;
    int32_t period;
    unsigned day;
    seg_key order;
} fold_plan;

static seg_status overflow(seg_dataset *ds, const char *what)
{
    return seg__error(ds->ctx, SEG_ERR_OVERFLOW, "the %s would overflow its 64-bit total", what);
}

static uint32_t find_cell(const seg_dataset *ds, uint32_t customer, int32_t period)
{
    uint32_t last = ds->cust.last_cell[customer];
    if (last && (int32_t)ds->cell_keys.entries[last - 1].value == period)
        return last - 1;
    seg_key key = seg__key_int(customer, period);
    return seg__keytab_find(&ds->cell_keys, &key);
}

/* The caches below are exact: a remembered index is used only after its
 * entry is compared with the key, so they only save hash-table probes. */
static uint32_t find_customer(const seg_dataset *ds, const seg_key *key)
{
    uint32_t last = ds->last_customer;
    if (last && seg__keytab_matches(&ds->ids, last - 1, key))
        return last - 1;
    return seg__customer_find(ds, key);
}

static uint32_t find_order(const seg_dataset *ds, uint32_t customer, const seg_key *order)
{
    uint32_t last = ds->cust.last_order[customer];
    if (last && seg__keytab_matches(&ds->orders, last - 1, order))
        return last - 1;
    return seg__keytab_find(&ds->orders, order);
}

/* Decide where the row goes, touching nothing. */
static void plan_row(fold_plan *p, const seg_dataset *ds, const seg_txn *t)
{
    p->customer = t->index != SEG_KEY_NONE ? t->index : find_customer(ds, &t->customer);
    p->new_customer = p->customer == SEG_KEY_NONE;
    if (p->new_customer)
        p->customer = (uint32_t)seg__customer_count(ds);
    p->period = seg__period_of(ds->period, t->date, &p->day);
    p->cell = p->new_customer ? SEG_KEY_NONE : find_cell(ds, p->customer, p->period);
    p->new_cell = p->cell == SEG_KEY_NONE;
    p->order_new = 0;
    p->insert_order = 0;
    p->order_entry = SEG_KEY_NONE;
    if (t->amount > 0) {
        p->order_new = 1;
        if (t->order_kind != SEG_ORDER_NONE) {
            p->order = t->order_kind == SEG_ORDER_STR
                           ? seg__key_str(p->customer, t->order_str, t->order_len)
                           : seg__key_int(p->customer, t->order_int);
            p->order_entry = p->new_customer ? SEG_KEY_NONE : find_order(ds, p->customer, &p->order);
            p->insert_order = p->order_entry == SEG_KEY_NONE;
            p->order_new = (uint32_t)p->insert_order;
        }
    }
}

static seg_status check_sums(seg_dataset *ds, const fold_plan *p, const seg_txn *t)
{
    if (seg__add_overflows(ds->stats.net, t->amount))
        return overflow(ds, "dataset's net amount");
    if (!p->new_customer) {
        const seg_customers *c = &ds->cust;
        uint32_t i = p->customer;
        if (seg__add_overflows(c->net[i], t->amount) || seg__add_overflows(c->margin[i], t->margin) ||
            seg__add_overflows(c->quantity[i], t->quantity))
            return overflow(ds, "customer's amount, margin or quantity");
        if (c->rows[i] == UINT32_MAX)
            return seg__error(ds->ctx, SEG_ERR_OVERFLOW, "a customer has more than 2^32-1 rows");
    }
    if (!p->new_cell) {
        const seg_cells *k = &ds->cells;
        uint32_t j = p->cell;
        if (seg__add_overflows(k->amount[j], t->amount) || seg__add_overflows(k->margin[j], t->margin) ||
            seg__add_overflows(k->quantity[j], t->quantity))
            return overflow(ds, "period's amount, margin or quantity");
    }
    return SEG_OK;
}

static seg_status reserve(seg_dataset *ds, const fold_plan *p, const seg_txn *t)
{
    if (p->new_customer)
        SEG_TRY(seg__customer_reserve(ds, &t->customer));
    if (p->new_cell) {
        seg_key key = seg__key_int(p->customer, p->period);
        SEG_TRY(seg__keytab_reserve(ds->ctx, &ds->cell_keys, &key));
        SEG_TRY(seg__colset_reserve(ds->ctx, &ds->cell_cols, ds->cell_keys.n + 1));
    }
    if (p->insert_order)
        SEG_TRY(seg__keytab_reserve(ds->ctx, &ds->orders, &p->order));
    return SEG_OK;
}

uint32_t seg__cell_insert(seg_dataset *ds, uint32_t customer, int32_t period)
{
    seg_key key = seg__key_int(customer, period);
    uint32_t j = seg__keytab_insert(&ds->cell_keys, &key);
    seg_cells *k = &ds->cells;
    k->amount[j] = k->margin[j] = k->quantity[j] = 0;
    k->rows[j] = k->purchase_rows[j] = k->refund_rows[j] = k->purchases[j] = 0;
    k->days_lo[j] = k->days_hi[j] = 0;
    return j;
}

static void commit_customer(seg_dataset *ds, uint32_t i, const fold_plan *p, const seg_txn *t)
{
    seg_customers *c = &ds->cust;
    c->net[i] += t->amount;
    c->margin[i] += t->margin;
    c->quantity[i] += t->quantity;
    c->rows[i]++;
    c->last_cell[i] = p->cell + 1;
    if (t->amount < 0)
        c->refund_rows[i]++;
    if (t->amount <= 0)
        return;
    c->purchase_rows[i]++;
    c->purchases[i] += p->order_new;
    if (c->first_purchase[i] == SEG_NONE || t->date < c->first_purchase[i])
        c->first_purchase[i] = t->date;
    if (c->last_purchase[i] == SEG_NONE || t->date > c->last_purchase[i])
        c->last_purchase[i] = t->date;
}

static void commit_cell(seg_dataset *ds, uint32_t j, const fold_plan *p, const seg_txn *t)
{
    seg_cells *k = &ds->cells;
    k->amount[j] += t->amount;
    k->margin[j] += t->margin;
    k->quantity[j] += t->quantity;
    k->rows[j]++;
    if (t->amount < 0)
        k->refund_rows[j]++;
    if (t->amount <= 0)
        return;
    k->purchase_rows[j]++;
    k->purchases[j] += p->order_new;
    if (p->day < 64)
        k->days_lo[j] |= 1ULL << p->day;
    else
        k->days_hi[j] |= 1ULL << (p->day - 64);
}

static void commit_stats(seg_dataset_stats *s, const seg_txn *t)
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

seg_status seg__fold(seg_dataset *ds, const seg_txn *t)
{
    if (!seg__date_valid(t->date))
        return seg__error(ds->ctx, SEG_ERR_RANGE, "date %d is outside 0001-01-01..9999-12-31",
                          (int)t->date);
    ds->frozen = 1;
    if (ds->as_of != SEG_NONE && t->date > ds->as_of) {
        ds->stats.ignored++;
        return SEG_OK;
    }
    fold_plan p;
    plan_row(&p, ds, t);
    SEG_TRY(check_sums(ds, &p, t));
    SEG_TRY(reserve(ds, &p, t));
    if (p.new_customer)
        seg__customer_insert(ds, &t->customer);
    if (p.new_cell)
        p.cell = seg__cell_insert(ds, p.customer, p.period);
    if (p.insert_order)
        p.order_entry = seg__keytab_insert(&ds->orders, &p.order);
    if (p.order_entry != SEG_KEY_NONE)
        ds->cust.last_order[p.customer] = p.order_entry + 1;
    ds->last_customer = p.customer + 1;
    commit_customer(ds, p.customer, &p, t);
    commit_cell(ds, p.cell, &p, t);
    commit_stats(&ds->stats, t);
    return SEG_OK;
}
