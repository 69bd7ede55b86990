/* Customer profile fields (status, lead and churn dates, manager ratings,
 * name, renew ratings, free attributes): lazily allocated columns. */
#ifndef SEG_PROFILE_H
#define SEG_PROFILE_H

#include "dataset.h"

/* Slot of an integer/date field in profile.ints, or -1. */
int seg__profile_slot(seg_field field);

/* The value meaning "unset" for an integer field. */
int32_t seg__profile_unset(seg_field field);

/* Check a value for an integer field (unset values pass). */
seg_status seg__profile_check_int(seg_context *ctx, seg_field field, int32_t value);

/* Make sure the column exists (allocated to the customer capacity, rows
 * filled with "unset"). */
seg_status seg__profile_ensure_int(seg_dataset *ds, int slot);
seg_status seg__profile_ensure_name(seg_dataset *ds);
seg_status seg__profile_rating(size_t *index, seg_dataset *ds, const seg_named *criterion);
seg_status seg__profile_attribute(size_t *index, seg_dataset *ds, const seg_named *name);

/* Room for `bytes` more bytes of text, so seg__profile_put_str cannot fail. */
seg_status seg__profile_reserve_text(seg_dataset *ds, size_t bytes);

/* Store s[0..len) for `row` (len 0 clears); needs len + 1 reserved bytes. */
void seg__profile_put_str(seg_profile *p, seg_strcol *col, uint32_t row, const char *s, size_t len);

#endif
