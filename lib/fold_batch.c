/* Folding many transactions at once: customers, then orders and customer
 * totals, then period cells, each phase over the whole batch with prefetching. */
#include "fold.h"

#include "io/date.h"
#include "period.h"

#include <string.h>

#define BATCH SEG_FOLD_BATCH /* rows per phase pass: the scratch arrays stay in L2 */
#define AHEAD 16    /* rows between a prefetch and its use */
#define RUNS_AHEAD 16 /* customer runs between a prefetch and its use */

/* Per batch row: customer, cell, period, day in the period, a new purchase,
 * and whether it repeats the row before it (SAME_* bits). */
typedef struct seg_fold_scratch {
    uint32_t customer[BATCH], cell[BATCH];
    int32_t period[BATCH];
    uint8_t day[BATCH], order_new[BATCH], same[BATCH];
    uint32_t order_entry[BATCH];
    uint32_t run[BATCH + 1]; /* first rows of the runs of rows with one customer key, then n */
    size_t nruns;
} seg_fold_scratch;

enum {
    SAME_CELL = 1,  /* the customer and period of the row before */
    SAME_ORDER = 2, /* a purchase of the integer order the row before bought */
};

/* What a batch needs reserved; 0 in `ok` when it must go row by row. */
typedef struct batch_needs {
    size_t id_bytes, int_orders, str_orders, order_bytes;
    uint64_t abs;
    int ok, extra; /* extra: a row needs the cells' extra column */
} batch_needs;

/* Rows the fast path cannot take: an invalid date, a date after an explicit
 * as-of, or totals that might overflow (abs_bound) or count past 2^32 - 1. */
static batch_needs needs_of(seg_dataset *ds, const seg_txn *t, size_t n, seg_fold_scratch *s)
{
    batch_needs b = {0, 0, 0, 0, ds->abs_bound, 1, 0};
    b.ok = ds->stats.rows < (int64_t)UINT32_MAX - (int64_t)n;
    for (size_t r = 0; r < n && b.ok; r++) {
        unsigned day;
        if (!seg__date_valid(t[r].date) || (ds->as_of != SEG_NONE && t[r].date > ds->as_of)) {
            b.ok = 0;
            break;
        }
        s->period[r] = seg__period_memo(&ds->memo, ds->period, t[r].date, &day);
        s->day[r] = (uint8_t)day;
        b.extra |= seg__txn_needs_extra(&t[r], day);
        b.abs = seg__abs_add(b.abs, seg__txn_abs(&t[r]));
        b.id_bytes += t[r].index == SEG_KEY_NONE && t[r].customer.bytes ? t[r].customer.len + 1 : 0;
        if (t[r].amount > 0 && t[r].order_kind == SEG_ORDER_INT)
            b.int_orders++;
        if (t[r].amount > 0 && t[r].order_kind == SEG_ORDER_STR)
            b.str_orders++, b.order_bytes += t[r].order_len + 1;
    }
    b.ok = b.ok && b.abs <= INT64_MAX;
    return b;
}

static seg_status reserve(seg_dataset *ds, const batch_needs *b, size_t n)
{
    SEG_TRY(seg__customer_reserve_n(ds, n, b->id_bytes));
    SEG_TRY(seg__cells_reserve(ds, n));
    if (b->extra)
        SEG_TRY(seg__cells_need_extra(ds));
    SEG_TRY(seg__pairset_reserve(ds->ctx, &ds->int_orders, b->int_orders));
    return seg__keytab_reserve_n(ds->ctx, &ds->orders, b->str_orders, b->order_bytes);
}

/* Which parts of row r, of the customer of row r - 1, repeat row r - 1: a
 * cell or an order needs no lookup then. */
static uint8_t same_as_before(const seg_txn *t, const seg_fold_scratch *s, size_t r)
{
    uint8_t same = s->period[r] == s->period[r - 1] ? SAME_CELL : 0;
    const seg_txn *a = &t[r - 1], *b = &t[r];
    if (a->amount > 0 && b->amount > 0 && a->order_kind == SEG_ORDER_INT && b->order_kind == SEG_ORDER_INT &&
        a->order_int == b->order_int)
        same |= SAME_ORDER;
    return same;
}

/* The customer of row r, found or inserted. */
static uint32_t resolve_customer(seg_dataset *ds, const seg_txn *t)
{
    if (t->index != SEG_KEY_NONE) {
        ds->last_customer.index = 0;
        return t->index;
    }
    uint32_t c = seg__fold_find_customer(ds, &t->customer);
    if (c == SEG_KEY_NONE)
        c = seg__customer_insert(ds, &t->customer);
    if (ds->last_customer.index != c + 1)
        seg__idslot_fill(&ds->last_customer, &t->customer, c);
    return c;
}

/* 1 if row r has the customer of row r - 1 by its index or by the reader's
 * comparison of the ids (a key equal to the previous row's). */
static int same_customer(const seg_txn *t, size_t r)
{
    return t[r].index == SEG_KEY_NONE ? t[r].same_customer : t[r].index == t[r - 1].index;
}

/* Runs of rows with one customer: a customer's lines of one order come
 * together, so looking up and prefetching by run saves work and reaches
 * further than by row. */
static void find_runs(const seg_txn *t, size_t n, seg_fold_scratch *s)
{
    size_t k = 0;
    for (size_t r = 0; r < n; r++)
        if (r == 0 || !same_customer(t, r))
            s->run[k++] = (uint32_t)r;
    s->run[k] = (uint32_t)n;
    s->nruns = k;
}

/* Phase 1: every row's customer, new ones numbered in row order, and what
 * each row repeats of the one before. */
static void resolve_customers(seg_dataset *ds, const seg_txn *t, size_t n, seg_fold_scratch *s)
{
    find_runs(t, n, s);
    for (size_t k = 0; k < s->nruns; k++) {
        if (k + RUNS_AHEAD < s->nruns && t[s->run[k + RUNS_AHEAD]].index == SEG_KEY_NONE)
            seg__idindex_prefetch(&ds->id_index, t[s->run[k + RUNS_AHEAD]].customer.hash);
        size_t r = s->run[k];
        uint32_t c = resolve_customer(ds, &t[r]);
        s->customer[r] = c;
        s->same[r] = r > 0 && s->customer[r - 1] == c ? same_as_before(t, s, r) : 0;
        for (r++; r < s->run[k + 1]; r++) {
            s->customer[r] = c;
            s->same[r] = same_as_before(t, s, r);
        }
    }
}

/* Is purchase t of customer c (its record u) a new order? New ones join the
 * order sets; *entry is a string order's entry. */
static uint32_t order_new(seg_dataset *ds, uint32_t c, const seg_cust *u, const seg_txn *t, int same,
                          uint32_t *entry)
{
    *entry = SEG_KEY_NONE;
    if (t->amount <= 0 || same)
        return 0;
    if (t->order_kind == SEG_ORDER_INT) {
        if (!seg__int_order_new(ds, c, u->max_int_order, t->order_int))
            return 0;
        seg__pairset_insert(&ds->int_orders, c, t->order_int, 0);
        return 1;
    }
    if (t->order_kind == SEG_ORDER_STR) {
        seg_key key = seg__key_str(c, t->order_str, t->order_len);
        *entry = seg__fold_find_str_order(ds, u->last_order, &key);
        if (*entry != SEG_KEY_NONE)
            return 0;
        *entry = seg__keytab_insert(&ds->orders, &key);
    }
    return 1;
}

/* Fetch the order-set slot of row r, when it will be looked up. */
static void prefetch_order(const seg_dataset *ds, const seg_txn *t, size_t n, size_t r, const seg_fold_scratch *s)
{
    if (r < n && t[r].amount > 0 && t[r].order_kind == SEG_ORDER_INT && !(s->same[r] & SAME_ORDER))
        seg__pairset_prefetch(&ds->int_orders, s->customer[r], t[r].order_int);
}

/* The rows [from, to) of one customer: their orders, and their totals summed
 * in a copy of the customer's record, stored once. While the cell index is
 * cold, the customer's top cell is fetched for phase 3. */
static void fold_customer_run(seg_dataset *ds, const seg_txn *t, size_t n, size_t from, size_t to,
                              seg_fold_scratch *s, seg_dataset_stats *stats)
{
    uint32_t c = s->customer[from];
    seg_cust u = ds->cust[c];
    if (ds->cell_index.cold && u.top_cell) {
        __builtin_prefetch(&ds->cell_keys[u.top_cell - 1]);
        __builtin_prefetch(&ds->cells[u.top_cell - 1]);
    }
    for (size_t r = from; r < to; r++) {
        prefetch_order(ds, t, n, r + AHEAD, s);
        s->order_new[r] = (uint8_t)order_new(ds, c, &u, &t[r], s->same[r] & SAME_ORDER, &s->order_entry[r]);
        seg__commit_customer(&u, s->order_new[r], s->order_entry[r], &t[r]);
        seg__commit_stats(stats, &t[r]);
    }
    ds->cust[c] = u;
}

/* Phase 2: orders and customer totals, in row order, by customer run. */
static void fold_customers(seg_dataset *ds, const seg_txn *t, size_t n, seg_fold_scratch *s)
{
    seg_dataset_stats stats = ds->stats;
    for (size_t k = 0; k < s->nruns; k++) {
        if (k + RUNS_AHEAD < s->nruns)
            __builtin_prefetch(&ds->cust[s->customer[s->run[k + RUNS_AHEAD]]]);
        fold_customer_run(ds, t, n, s->run[k], s->run[k + 1], s, &stats);
    }
    ds->stats = stats;
}

/* Phase 3: every row's period cell, new ones appended in row order. */
static void resolve_cells(seg_dataset *ds, size_t n, seg_fold_scratch *s)
{
    for (size_t r = 0; r < n; r++) {
        if (r + AHEAD < n && !(s->same[r + AHEAD] & SAME_CELL))
            seg__pairset_prefetch(&ds->cell_index, s->customer[r + AHEAD], s->period[r + AHEAD]);
        if (s->same[r] & SAME_CELL) {
            s->cell[r] = s->cell[r - 1];
            continue;
        }
        uint32_t j = seg__cell_find(ds, s->customer[r], s->period[r]);
        s->cell[r] = j != SEG_KEY_NONE ? j : seg__cell_insert(ds, s->customer[r], s->period[r]);
    }
}

/* Phase 4: cell totals, each run of rows in one cell summed in a copy of
 * the cell, stored once; the extra values, when kept, in place. */
static void fold_cells(seg_dataset *ds, const seg_txn *t, size_t n, const seg_fold_scratch *s)
{
    for (size_t r = 0, end; r < n; r = end) {
        uint32_t j = s->cell[r];
        seg_period_cell k = ds->cells[j];
        seg_cell_extra *x = ds->cell_extra ? &ds->cell_extra[j] : NULL;
        for (end = r; end < n && (end == r || (s->same[end] & SAME_CELL)); end++) {
            if (end + AHEAD < n && !(s->same[end + AHEAD] & SAME_CELL))
                __builtin_prefetch(&ds->cells[s->cell[end + AHEAD]]);
            seg__commit_cell(&k, x, s->order_new[end], s->day[end], &t[end]);
        }
        ds->cells[j] = k;
    }
}

/* Rows [0, n) with n <= BATCH: the phases, or row by row when they cannot. */
static seg_status fold_part(seg_dataset *ds, const seg_txn *t, size_t n, size_t *done)
{
    seg_fold_scratch *s = ds->scratch;
    batch_needs b = needs_of(ds, t, n, s);
    if (!b.ok) {
        for (*done = 0; *done < n; ++*done)
            SEG_TRY(seg__fold(ds, &t[*done]));
        return SEG_OK;
    }
    SEG_TRY(reserve(ds, &b, n));
    ds->frozen = 1;
    resolve_customers(ds, t, n, s);
    fold_customers(ds, t, n, s);
    resolve_cells(ds, n, s);
    fold_cells(ds, t, n, s);
    ds->abs_bound = b.abs;
    *done = n;
    return SEG_OK;
}

seg_status seg__fold_batch(seg_dataset *ds, const seg_txn *t, size_t n, size_t *done)
{
    *done = 0;
    if (n > 1 && !ds->scratch) {
        ds->scratch = seg__malloc(ds->ctx, sizeof *ds->scratch);
        if (!ds->scratch)
            return seg__nomem(ds->ctx, sizeof *ds->scratch);
    }
    while (*done < n) {
        size_t m = n - *done < BATCH ? n - *done : BATCH, part = 0;
        seg_status st = n > 1 ? fold_part(ds, t + *done, m, &part) : seg__fold(ds, t);
        *done += n > 1 ? part : (st == SEG_OK);
        if (st != SEG_OK)
            return st;
    }
    return SEG_OK;
}
