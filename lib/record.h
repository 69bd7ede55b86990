/* Committing one checked record into the dataset, shared by the batch and the
 * CSV loaders: customer rows (validate, reserve, then write) and priced amounts. */
#ifndef SEG_RECORD_H
#define SEG_RECORD_H

#include "dataset.h"

/* Which customer fields a load writes, and the profile columns they land in. */
typedef struct seg_customer_layout {
    unsigned char ints[SEG_PROFILE_INTS]; /* 1: SEG_FIELD_STATUS + slot is written */
    unsigned char name;
    size_t nratings, nattributes;
    const seg_named *rating_names[SEG_MAX_CRITERIA];
    const seg_named *attribute_names[SEG_MAX_ATTRIBUTES];
    size_t rating_col[SEG_MAX_CRITERIA], attr_col[SEG_MAX_ATTRIBUTES]; /* set by prepare */
} seg_customer_layout;

/* One customer record, read and checked before anything is written. ints use
 * SEG_NONE for "leave as is"; empty strings leave a field as is. */
typedef struct seg_customer_row {
    seg_key id;
    int32_t ints[SEG_PROFILE_INTS];
    const char *name;
    size_t name_len;
    int32_t ratings[SEG_MAX_CRITERIA];
    const char *attr[SEG_MAX_ATTRIBUTES];
    size_t attr_len[SEG_MAX_ATTRIBUTES];
} seg_customer_row;

/* Create every column the layout writes (idempotent) and resolve names to columns. */
seg_status seg__customer_layout_prepare(seg_customer_layout *layout, seg_dataset *ds);

/* Find or create the row's customer and write its fields: all or nothing. */
seg_status seg__customer_row_commit(seg_dataset *ds, const seg_customer_layout *layout,
                                    const seg_customer_row *row);

/* Customers declared by the current load: the 1-based record number of each
 * one's first declaration (0 = not in this load), to catch contradictions. */
typedef struct seg_declared {
    int64_t *record;
    size_t cap;
} seg_declared;

/* Room to mark customers [0, n); new entries are 0. */
seg_status seg__declared_reserve(seg_context *ctx, seg_declared *d, size_t n);

void seg__declared_free(seg_context *ctx, seg_declared *d);

/* The field a row sets to a value other than the one customer c already has
 * (-1: none): 0–7 the integer field slots, SEG_CONFLICT_NAME, or
 * SEG_CONFLICT_RATING + i / SEG_CONFLICT_ATTRIBUTE + i for the layout's i-th. */
enum { SEG_CONFLICT_NAME = 8, SEG_CONFLICT_RATING = 16, SEG_CONFLICT_ATTRIBUTE = 64 };
int seg__customer_row_conflict(const seg_dataset *ds, uint32_t c, const seg_customer_layout *layout,
                               const seg_customer_row *row);

/* seg__customer_row_commit() for one record of a load that may declare a
 * customer only once with each value: a row contradicting the customer's
 * earlier declaration in `d` is not written and gives SEG_ERR_STATE (no
 * message set), *conflict the field code and *first that declaration's
 * record number. Otherwise the row is committed and marked as `record`. */
seg_status seg__customer_row_declare(seg_dataset *ds, seg_declared *d, int64_t record,
                                     const seg_customer_layout *layout, const seg_customer_row *row,
                                     int *conflict, int64_t *first);

/* A field's name for messages, from a seg__customer_row_conflict() code. */
const char *seg__conflict_field(const seg_customer_layout *layout, int code);

/* a × b into *r unless it leaves ±(2^63 − 1) (INT64_MIN is reserved as "none"). */
int seg__mul_overflows(int64_t a, int64_t b, int64_t *r);

/* amount = quantity × price, checked like seg__mul_overflows; errors set ctx. */
seg_status seg__priced_amount(int64_t *amount, seg_context *ctx, int64_t quantity, int64_t price);

#endif
