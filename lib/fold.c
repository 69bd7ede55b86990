/* Folding one transaction into its customer's totals, its (customer, period)
 * cell and the distinct-order set: validate, reserve, then commit. */
#include "fold.h"

#include "io/date.h"
#include "period.h"

#include <string.h>

/* Where the row lands; NONE marks what the commit must create. */
typedef struct fold_plan {
    uint32_t customer, cell, order_new; /* order_new: 1 if the row is a new purchase */
    uint32_t order_entry;               /* a string order's entry (to insert: orders.n), or SEG_KEY_NONE */
    int new_customer, new_cell, insert_order; /* insert_order: the row's order is new to the set */
    int32_t period;
    unsigned day;
    seg_key order; /* a string order's key */
} fold_plan;

static seg_status overflow(seg_dataset *ds, const char *what)
{
    return seg__error(ds->ctx, SEG_ERR_OVERFLOW, "the %s would overflow its 64-bit total", what);
}

uint32_t seg__cell_find_older(seg_dataset *ds, uint32_t customer, int32_t period)
{
    if (ds->cell_index.cold) {
        seg__pairset_warm(ds->ctx, &ds->cell_index);
        for (uint32_t j = 0; j < ds->ncells; j++)
            seg__pairset_insert(&ds->cell_index, seg__cell_customer(ds, j), seg__cell_period(ds, j), j);
    }
    return seg__pairset_find(&ds->cell_index, customer, period);
}

int seg__int_order_new_below(seg_dataset *ds, uint32_t customer, int64_t order)
{
    seg__pairset_warm(ds->ctx, &ds->int_orders);
    return seg__pairset_find(&ds->int_orders, customer, order) == SEG_PAIR_NONE;
}

/* The remembered entry is used only after it is compared with the key. */
uint32_t seg__fold_find_str_order(const seg_dataset *ds, uint32_t last, const seg_key *order)
{
    if (last && seg__keytab_matches(&ds->orders, last - 1, order))
        return last - 1;
    return seg__keytab_find(&ds->orders, order);
}

/* Is the purchase t of customer p->customer a new order? */
static void plan_order(fold_plan *p, seg_dataset *ds, const seg_txn *t)
{
    const seg_cust *c = p->new_customer ? NULL : &ds->cust[p->customer];
    if (t->order_kind == SEG_ORDER_INT) {
        p->insert_order = !c || seg__int_order_new(ds, p->customer, c->max_int_order, t->order_int);
    } else {
        p->order = seg__key_str(p->customer, t->order_str, t->order_len);
        p->order_entry = !c ? SEG_KEY_NONE : seg__fold_find_str_order(ds, c->last_order, &p->order);
        p->insert_order = p->order_entry == SEG_KEY_NONE;
    }
    p->order_new = (uint32_t)p->insert_order;
}

/* Decide where the row goes, changing nothing but a cold index's warmth. */
static void plan_row(fold_plan *p, seg_dataset *ds, const seg_txn *t)
{
    p->customer = t->index != SEG_KEY_NONE ? t->index : seg__fold_find_customer(ds, &t->customer);
    p->new_customer = p->customer == SEG_KEY_NONE;
    if (p->new_customer)
        p->customer = (uint32_t)seg__customer_count(ds);
    p->period = seg__period_memo(&ds->memo, ds->period, t->date, &p->day);
    p->cell = p->new_customer ? SEG_KEY_NONE : seg__cell_find(ds, p->customer, p->period);
    p->new_cell = p->cell == SEG_KEY_NONE;
    p->order_new = 0;
    p->insert_order = 0;
    p->order_entry = SEG_KEY_NONE;
    if (t->amount > 0) {
        p->order_new = 1;
        if (t->order_kind != SEG_ORDER_NONE)
            plan_order(p, ds, t);
    }
}

static seg_status check_sums(seg_dataset *ds, const fold_plan *p, const seg_txn *t)
{
    if (seg__add_overflows(ds->stats.net, t->amount))
        return overflow(ds, "dataset's net amount");
    if (!p->new_customer) {
        const seg_cust *c = &ds->cust[p->customer];
        if (seg__add_overflows(c->net, t->amount) || seg__add_overflows(c->margin, t->margin) ||
            seg__add_overflows(c->quantity, t->quantity))
            return overflow(ds, "customer's amount, margin or quantity");
        if (c->rows == UINT32_MAX)
            return seg__error(ds->ctx, SEG_ERR_OVERFLOW, "a customer has more than 2^32-1 rows");
    }
    if (!p->new_cell) {
        if (seg__add_overflows(ds->cells[p->cell].amount, t->amount) ||
            seg__add_overflows(seg__cell_margin(ds, p->cell), t->margin) ||
            seg__add_overflows(seg__cell_quantity(ds, p->cell), t->quantity))
            return overflow(ds, "period's amount, margin or quantity");
    }
    return SEG_OK;
}

static seg_status reserve(seg_dataset *ds, const fold_plan *p, const seg_txn *t)
{
    if (p->new_customer)
        SEG_TRY(seg__customer_reserve(ds, &t->customer));
    if (p->new_cell)
        SEG_TRY(seg__cells_reserve(ds, 1));
    if (seg__txn_needs_extra(t, p->day))
        SEG_TRY(seg__cells_need_extra(ds));
    if (p->insert_order && t->order_kind == SEG_ORDER_INT)
        SEG_TRY(seg__pairset_reserve(ds->ctx, &ds->int_orders, 1));
    else if (p->insert_order)
        SEG_TRY(seg__keytab_reserve(ds->ctx, &ds->orders, &p->order));
    return SEG_OK;
}

seg_status seg__cells_reserve(seg_dataset *ds, size_t n)
{
    SEG_TRY(seg__pairset_reserve(ds->ctx, &ds->cell_index, n));
    return seg__colset_reserve(ds->ctx, &ds->cell_cols, ds->ncells + n);
}

seg_status seg__cells_need_extra(seg_dataset *ds)
{
    if (ds->cell_extra)
        return SEG_OK;
    /* With room for a cell the column is allocated as it is added. */
    SEG_TRY(seg__colset_reserve(ds->ctx, &ds->cell_cols, ds->ncells + 1));
    SEG_TRY(seg__colset_add(ds->ctx, &ds->cell_cols, (void **)&ds->cell_extra, sizeof *ds->cell_extra));
    memset(ds->cell_extra, 0, ds->ncells * sizeof *ds->cell_extra);
    return SEG_OK;
}

uint32_t seg__cell_insert(seg_dataset *ds, uint32_t customer, int32_t period)
{
    uint32_t j = (uint32_t)ds->ncells++;
    seg__pairset_insert(&ds->cell_index, customer, period, j);
    memset(&ds->cells[j], 0, sizeof ds->cells[j]);
    ds->cell_keys[j] = (seg_cell_key){customer, period};
    if (ds->cell_extra)
        memset(&ds->cell_extra[j], 0, sizeof ds->cell_extra[j]);
    seg_cust *c = &ds->cust[customer];
    if (ds->cell_index.cold && (!c->top_cell || period > seg__cell_period(ds, c->top_cell - 1)))
        c->top_cell = j + 1;
    return j;
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
    if (p.insert_order && t->order_kind == SEG_ORDER_INT)
        seg__pairset_insert(&ds->int_orders, p.customer, t->order_int, 0);
    else if (p.insert_order)
        p.order_entry = seg__keytab_insert(&ds->orders, &p.order);
    if (t->index == SEG_KEY_NONE)
        seg__idslot_fill(&ds->last_customer, &t->customer, p.customer);
    else
        ds->last_customer.index = 0;
    seg_cust *c = &ds->cust[p.customer];
    seg__commit_customer(c, p.order_new, p.order_entry, t);
    seg__commit_cell(&ds->cells[p.cell], ds->cell_extra ? &ds->cell_extra[p.cell] : NULL, p.order_new, p.day, t);
    seg__commit_stats(&ds->stats, t);
    ds->abs_bound = seg__abs_add(ds->abs_bound, seg__txn_abs(t));
    return SEG_OK;
}
