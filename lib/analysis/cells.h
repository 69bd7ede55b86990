/* Reading one folded (customer, period) cell: its period, purchase days and
 * metric values. The one place the analyses touch the cell layout. */
#ifndef SEG_CELLS_H
#define SEG_CELLS_H

#include "../dataset.h"
#include "../period.h"
#include "../util/bits.h"

/* Position of cell j's last purchase day in its period's day mask, or this
 * without a purchase. */
#define SEG_NO_DAY 255

static inline int32_t seg__cell_start(const seg_dataset *ds, uint32_t j)
{
    return seg__period_start(ds->period, seg__cell_period(ds, j));
}

/* Purchase days of cell j (days 64 and later occur only in quarters). */
static inline uint32_t seg__cell_days(const seg_dataset *ds, uint32_t j)
{
    uint64_t hi = seg__cell_days_hi(ds, j);
    return seg__bit_count(ds->cells[j].days_lo) + (hi ? seg__bit_count(hi) : 0);
}

/* Last purchase day of cell j on or before `upto`, or SEG_NONE; `start` is
 * the cell's first day (hot loops take it from the run's period table). */
static inline int32_t seg__cell_last_from(const seg_dataset *ds, uint32_t j, int32_t start, int32_t upto)
{
    int64_t b = (int64_t)upto - start;
    uint64_t hi = seg__bits_upto(seg__cell_days_hi(ds, j), b - 64), lo = seg__bits_upto(ds->cells[j].days_lo, b);
    if (hi)
        return start + 64 + seg__high_bit(hi);
    return lo ? start + seg__high_bit(lo) : SEG_NONE;
}

/* The same, working out the cell's first day. */
static inline int32_t seg__cell_last_purchase(const seg_dataset *ds, uint32_t j, int32_t upto)
{
    return seg__cell_last_from(ds, j, seg__cell_start(ds, j), upto);
}

/* First purchase day of cell j, or SEG_NONE. */
static inline int32_t seg__cell_first_purchase(const seg_dataset *ds, uint32_t j)
{
    uint64_t lo = ds->cells[j].days_lo, hi = seg__cell_days_hi(ds, j);
    if (lo)
        return seg__cell_start(ds, j) + seg__low_bit(lo);
    return hi ? seg__cell_start(ds, j) + 64 + seg__low_bit(hi) : SEG_NONE;
}

/* Position of cell j's last purchase day within its period (0 … 127), or
 * SEG_NO_DAY without a purchase. */
static inline uint8_t seg__cell_last_bit(const seg_dataset *ds, uint32_t j)
{
    uint64_t lo = ds->cells[j].days_lo, hi = seg__cell_days_hi(ds, j);
    return (uint8_t)(hi ? 64 + seg__high_bit(hi) : lo ? seg__high_bit(lo) : SEG_NO_DAY);
}

/* Purchases in cell j by a seg_frequency definition. */
static inline int64_t seg__cell_purchases(const seg_dataset *ds, uint32_t j, int frequency)
{
    switch (frequency) {
    case SEG_FREQUENCY_ROWS: return ds->cells[j].purchase_rows;
    case SEG_FREQUENCY_DAYS: return seg__cell_days(ds, j);
    default: return ds->cells[j].purchases;
    }
}

/* A seg_metric of cell j. */
static inline int64_t seg__cell_metric(const seg_dataset *ds, uint32_t j, int metric, int frequency)
{
    switch (metric) {
    case SEG_METRIC_MARGIN: return seg__cell_margin(ds, j);
    case SEG_METRIC_QUANTITY: return seg__cell_quantity(ds, j);
    case SEG_METRIC_PURCHASES: return seg__cell_purchases(ds, j, frequency);
    default: return ds->cells[j].amount;
    }
}

#endif
