/* Reading one folded (customer, period) cell: its period, purchase days and
 * metric values. The one place the analyses touch the cell layout. */
#ifndef SEG_CELLS_H
#define SEG_CELLS_H

#include "../dataset.h"
#include "../period.h"

static inline int seg__popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static inline int32_t seg__cell_start(const seg_dataset *ds, uint32_t j)
{
    return seg__period_start(ds->period, seg__cell_period(ds, j));
}

static inline uint32_t seg__cell_days(const seg_dataset *ds, uint32_t j)
{
    return (uint32_t)(seg__popcount64(ds->cells[j].days_lo) + seg__popcount64(seg__cell_days_hi(ds, j)));
}

/* Last purchase day of cell j on or before `upto`, or SEG_NONE. */
int32_t seg__cell_last_purchase(const seg_dataset *ds, uint32_t j, int32_t upto);

/* First purchase day of cell j, or SEG_NONE. */
int32_t seg__cell_first_purchase(const seg_dataset *ds, uint32_t j);

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
