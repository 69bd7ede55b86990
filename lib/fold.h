/* Folding one transaction into its customer's totals, its (customer, period)
 * cell and the distinct-order set: validate, reserve, then commit. */
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
} seg_txn;

enum { SEG_ORDER_NONE = 0, SEG_ORDER_INT = 1, SEG_ORDER_STR = 2 };

/* Sums stay within ±(2^63 − 1); INT64_MIN is reserved as "none". */
static inline int seg__add_overflows(int64_t a, int64_t b)
{
    return b > 0 ? a > INT64_MAX - b : a < -INT64_MAX - b;
}

/* Room for `n` more (customer, period) cells. */
seg_status seg__cells_reserve(seg_dataset *ds, size_t n);

/* Append an empty (customer, period) cell, after a reserve. */
uint32_t seg__cell_insert(seg_dataset *ds, uint32_t customer, int32_t period);

/* Folding looks customers up at random in tables larger than the caches, so
 * loaders announce each row SEG_FOLD_AHEAD rows before folding it, in four
 * stages a quarter of that apart: the slot of its customer's key (0), the
 * entry and record the slot points to (1), the key's bytes, the last period
 * cell and the slots of the row's cell and order (2), and that cell (3).
 * Prefetching only: a wrong guess costs time, never a result. */
#define SEG_FOLD_AHEAD 16
#define SEG_FOLD_STAGES 4
void seg__fold_prefetch(seg_dataset *ds, const seg_txn *t, int stage);

/* Set t's order id from text: none when empty, the integer when it is a
 * canonical decimal (digits, no leading zero, at most 18), else the bytes;
 * so "42" in a CSV and 42 in an integer column are the same order. */
void seg__txn_set_order(seg_txn *t, const char *text, size_t len);

/* Fold `t`; the row is applied whole or not at all. An explicit as-of before
 * the date makes the row counted as ignored (SEG_OK). */
seg_status seg__fold(seg_dataset *ds, const seg_txn *t);

#endif
