/* Per-customer aggregates (design §3.1): recency, frequency, monetary, first
 * purchase, tenure, purchase days and mean gap, derived from the folded state. */
#include "params.h"
#include "result.h"

#include <math.h>

static int popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Purchase days and active periods come from the cells: every day belongs to
 * exactly one period, so per-cell day counts add up without double counting. */
static void from_cells(seg_result *r)
{
    const seg_dataset *ds = r->ds;
    int64_t *days = r->i64[SEG_COL_PURCHASE_DAYS], *periods = r->i64[SEG_COL_ACTIVE_PERIODS];
    for (size_t i = 0; i < r->rows; i++)
        days[i] = periods[i] = 0;
    for (size_t j = 0; j < ds->cell_keys.n; j++) {
        uint32_t c = ds->cell_keys.entries[j].owner;
        days[c] += popcount64(ds->cells.days_lo[j]) + popcount64(ds->cells.days_hi[j]);
        periods[c]++;
    }
}

/* net / n rounded half away from zero, n > 0. */
static int64_t div_round(int64_t net, int64_t n)
{
    int64_t q = net / n, rem = net % n;
    if (2 * (rem < 0 ? -rem : rem) >= n)
        q += net < 0 ? -1 : 1;
    return q;
}

static int64_t frequency_of(const seg_result *r, size_t i, int64_t definition)
{
    const seg_customers *c = &r->ds->cust;
    switch (definition) {
    case SEG_FREQUENCY_ROWS: return c->purchase_rows[i];
    case SEG_FREQUENCY_DAYS: return r->i64[SEG_COL_PURCHASE_DAYS][i];
    default: return c->purchases[i];
    }
}

static void copy_totals(seg_result *r, size_t i)
{
    const seg_customers *c = &r->ds->cust;
    r->i64[SEG_COL_NET_AMOUNT][i] = c->net[i];
    r->i64[SEG_COL_MARGIN][i] = c->margin[i];
    r->i64[SEG_COL_QUANTITY][i] = c->quantity[i];
    r->i64[SEG_COL_ROWS][i] = c->rows[i];
    r->i64[SEG_COL_PURCHASE_ROWS][i] = c->purchase_rows[i];
    r->i64[SEG_COL_REFUND_ROWS][i] = c->refund_rows[i];
    r->i64[SEG_COL_ORDERS][i] = c->purchases[i];
}

static void purchase_dates(seg_result *r, size_t i)
{
    const seg_customers *c = &r->ds->cust;
    int bought = c->first_purchase[i] != SEG_NONE;
    int64_t days = r->i64[SEG_COL_PURCHASE_DAYS][i];
    r->i64[SEG_COL_FIRST_PURCHASE][i] = bought ? c->first_purchase[i] : SEG_NULL_I64;
    r->i64[SEG_COL_LAST_PURCHASE][i] = bought ? c->last_purchase[i] : SEG_NULL_I64;
    r->i64[SEG_COL_RECENCY_DAYS][i] = bought ? (int64_t)r->as_of - c->last_purchase[i] : SEG_NULL_I64;
    r->i64[SEG_COL_TENURE_DAYS][i] = bought ? (int64_t)r->as_of - c->first_purchase[i] : SEG_NULL_I64;
    r->mean_gap[i] = days >= 2 ? (double)(c->last_purchase[i] - c->first_purchase[i]) / (double)(days - 1)
                               : (double)NAN;
}

void seg__aggregate(seg_result *r, const seg_params *params)
{
    int64_t freq_def = seg__param_i64(params, SEG_PARAM_FREQUENCY);
    int mean = seg__param_i64(params, SEG_PARAM_MONETARY) == SEG_MONETARY_MEAN;
    double monetary_sum = 0;
    from_cells(r);
    for (size_t i = 0; i < r->rows; i++) {
        copy_totals(r, i);
        purchase_dates(r, i);
        int64_t f = frequency_of(r, i, freq_def);
        int64_t net = r->ds->cust.net[i];
        r->i64[SEG_COL_FREQUENCY][i] = f;
        r->i64[SEG_COL_MONETARY][i] = !mean ? net : f > 0 ? div_round(net, f) : SEG_NULL_I64;
        r->purchases += f;
        if (r->ds->cust.first_purchase[i] != SEG_NONE) {
            r->buyers++;
            monetary_sum += (double)r->i64[SEG_COL_MONETARY][i];
        }
    }
    r->net = r->ds->stats.net;
    r->mean_monetary = r->buyers ? monetary_sum / (double)r->buyers : (double)NAN;
}
