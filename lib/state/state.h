/* Partial state: the serialised form of a dataset's folded aggregates and the
 * merge that combines partial states of one customer base. */
#ifndef SEG_STATE_H
#define SEG_STATE_H

#include "../dataset.h"

#define SEG_STATE_MAGIC "SEGSTATE"
#define SEG_STATE_VERSION 1u

/* The key of customer `c` of `ds`, for looking it up in another dataset. */
seg_key seg__customer_key(const seg_dataset *ds, uint32_t c);

/* Merge `src` into `dst` (errors go to dst's context); all or nothing. */
seg_status seg__merge(seg_dataset *dst, const seg_dataset *src);

/* Decode a serialised state into the empty dataset `ds`, validating every
 * field; a bad buffer is SEG_ERR_CORRUPT. */
seg_status seg__state_decode(seg_dataset *ds, const unsigned char *buf, size_t len);

#endif
