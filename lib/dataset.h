/* Private layout of the dataset: customer ids, per-customer folded totals,
 * per-(customer, period) cells, distinct orders and the customer profile. */
#ifndef SEG_DATASET_H
#define SEG_DATASET_H

#include "ctx.h"
#include "handle.h"
#include "period.h"
#include "util/colset.h"
#include "util/idindex.h"
#include "util/keytab.h"
#include "util/pairset.h"

#define SEG_MAX_CRITERIA 16
#define SEG_MAX_ATTRIBUTES 32
#define SEG_NAME_MAX 64
#define SEG_PROFILE_INTS 8 /* SEG_FIELD_STATUS … SEG_FIELD_CAPACITY */

/* Folded transaction totals of one customer: everything a row updates sits
 * in one 64-byte record, so folding a row touches one or two cache lines. */
typedef struct seg_cust {
    int64_t net, margin, quantity;
    uint32_t rows, purchase_rows, refund_rows;
    uint32_t purchases; /* distinct orders on purchase rows + purchase rows without order */
    int32_t first_purchase, last_purchase; /* SEG_NONE without purchases */
    uint32_t top_cell;   /* 1 + the cell with the customer's latest period, 0 = no cell;
                            kept only while the cell index is cold */
    uint32_t last_order; /* 1 + the entry in orders of the string order bought last, 0 = none */
    int64_t max_int_order; /* the greatest integer order bought, INT64_MIN = none */
} seg_cust;

/* The running totals of one (customer, period) with any folded row: what a
 * row updates, in 32 bytes, so two cells share a cache line. */
typedef struct seg_period_cell {
    int64_t amount;
    uint32_t rows, purchase_rows, refund_rows, purchases;
    uint64_t days_lo; /* bit d = a purchase on day d of the period, d < 64 */
} seg_period_cell;

/* Which (customer, period) a cell holds: written once, when it is made. */
typedef struct seg_cell_key {
    uint32_t customer;
    int32_t period;
} seg_cell_key;

/* What only some inputs need: margins, quantities and the days from 64 on
 * (of a quarter). The column is made at the first row with any of them, all
 * zero for the cells before; without it they are zero. */
typedef struct seg_cell_extra {
    int64_t margin, quantity;
    uint64_t days_hi; /* bit d = a purchase on day 64 + d of the period */
} seg_cell_extra;

/* A string column: offset + 1 into the text arena (0 = unset) and length. */
typedef struct seg_strcol {
    uint64_t *off;
    uint32_t *len;
} seg_strcol;

typedef struct seg_named {
    char name[SEG_NAME_MAX + 1];
    size_t name_len;
} seg_named;

/* Customer fields, each column allocated when first set. */
typedef struct seg_profile {
    int32_t *ints[SEG_PROFILE_INTS];
    seg_strcol name;
    size_t ncriteria, nattributes;
    seg_named criteria[SEG_MAX_CRITERIA];
    int32_t *ratings[SEG_MAX_CRITERIA];
    seg_named attributes[SEG_MAX_ATTRIBUTES];
    seg_strcol attr[SEG_MAX_ATTRIBUTES];
    char *text;
    size_t ntext, text_cap;
} seg_profile;

typedef struct seg_dataset_stats {
    int64_t rows, ignored, purchase_rows, refund_rows, net;
    int64_t merged_orders; /* distinct orders of merged-in states (their order sets stay behind) */
    int32_t first_date, last_date;
} seg_dataset_stats;

struct seg_dataset {
    uint32_t tag; /* SEG_TAG_DATASET (handle.h) */
    seg_context *ctx;
    int scale;
    int32_t as_of; /* SEG_NONE = latest transaction date */
    seg_period period;
    seg_period_memo memo; /* the fold's last date and its period */
    int frozen;          /* a transaction was seen: options are fixed */
    size_t live_results; /* results computed from this dataset and not yet freed */
    seg_keytab ids;      /* entry i = customer i (unindexed) */
    seg_idindex id_index; /* finds the entries of ids */
    seg_idslot last_customer; /* the customer folded last (index 0: none), a cache for grouped input */
    seg_colset customer_cols;
    seg_cust *cust;        /* one per customer */
    seg_pairset cell_index; /* (customer, period) -> cell; cold while periods come in order */
    size_t ncells;
    seg_colset cell_cols;
    seg_period_cell *cells;       /* one per cell */
    seg_cell_key *cell_keys;      /* one per cell */
    seg_cell_extra *cell_extra;   /* one per cell, or NULL while every value would be 0 */
    seg_keytab orders;      /* (customer, string order id) seen on purchase rows */
    seg_pairset int_orders; /* (customer, integer order id) seen on purchase rows; cold (logged)
                               while each customer's orders come in increasing order */
    seg_profile profile;
    seg_dataset_stats stats;
    uint64_t abs_bound; /* >= the magnitude of every amount, margin and quantity total (saturating) */
    struct seg_fold_scratch *scratch; /* the batch fold's arrays, kept between batches */
};

static inline size_t seg__customer_count(const seg_dataset *ds)
{
    return ds->ids.n;
}

/* SEG_OK if loading is allowed (no live result), else a STATE error. */
seg_status seg__dataset_check_loading(seg_dataset *ds);

/* Index of an existing customer for `key`, or SEG_KEY_NONE. */
static inline uint32_t seg__customer_find(const seg_dataset *ds, const seg_key *key)
{
    return seg__idindex_find(&ds->id_index, &ds->ids, key);
}

/* Room for one more customer with this key; then seg__customer_insert cannot fail. */
seg_status seg__customer_reserve(seg_dataset *ds, const seg_key *key);

/* The same for `n` more customers whose string ids take `bytes` bytes, NULs included. */
seg_status seg__customer_reserve_n(seg_dataset *ds, size_t n, size_t bytes);
uint32_t seg__customer_insert(seg_dataset *ds, const seg_key *key);

/* Find or create; the public one-record path. */
seg_status seg__customer_get(uint32_t *index, seg_dataset *ds, const seg_key *key);

/* SEG_OK if `customer` is a valid index, else a NOT_FOUND error. */
seg_status seg__customer_check(const seg_dataset *ds, size_t customer);

/* A customer's id for messages: the integer, or the string quoted and cut to fit `cap`. */
void seg__customer_label(char *buf, size_t cap, const seg_dataset *ds, size_t customer);

/* Cell j's key and its values kept out of the hot record. */
static inline uint32_t seg__cell_customer(const seg_dataset *ds, uint32_t j)
{
    return ds->cell_keys[j].customer;
}

static inline int32_t seg__cell_period(const seg_dataset *ds, uint32_t j)
{
    return ds->cell_keys[j].period;
}

static inline int64_t seg__cell_margin(const seg_dataset *ds, uint32_t j)
{
    return ds->cell_extra ? ds->cell_extra[j].margin : 0;
}

static inline int64_t seg__cell_quantity(const seg_dataset *ds, uint32_t j)
{
    return ds->cell_extra ? ds->cell_extra[j].quantity : 0;
}

static inline uint64_t seg__cell_days_hi(const seg_dataset *ds, uint32_t j)
{
    return ds->cell_extra ? ds->cell_extra[j].days_hi : 0;
}

/* Make the cells' extra column (zero for every cell) unless it exists. */
seg_status seg__cells_need_extra(seg_dataset *ds);

#endif
