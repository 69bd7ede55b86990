/* Lifecycle stages (design §3.6): explicit status, explicit churn date,
 * recency against a fixed or adaptive horizon for buyers, lead state for the
 * rest; every customer gets exactly one stage and the reason for it. */
#include "run.h"

#include "../profile.h"

#include <math.h>

/* A customer's integer field, SEG_NONE when unset. */
static int32_t field(const seg_dataset *ds, size_t c, seg_field f)
{
    const int32_t *col = ds->profile.ints[seg__profile_slot(f)];
    int32_t v = col ? col[c] : SEG_NONE;
    return f == SEG_FIELD_STATUS && v == SEG_LIFECYCLE_NONE ? SEG_NONE : v;
}

/* Whole-history mean gap between purchase days, NaN below two days. */
static double mean_gap(const seg_run *run, size_t c)
{
    uint32_t days = run->hist_days[c];
    const seg_cust *cu = run->ds->cust;
    return days >= 2 ? (double)(cu[c].last_purchase - cu[c].first_purchase) / (double)(days - 1)
                     : (double)NAN;
}

/* The median of the buyers' mean gaps (NaN when nobody bought on two days). */
static seg_status typical_gap(seg_run *run, const double *gap)
{
    static const double half = 0.5;
    return seg__quantiles7(run, gap, run->n, &half, 1, &run->res->typical_gap);
}

static int32_t horizon_of(const seg_run *run, double gap)
{
    const seg_opts *o = run->o;
    if (!o->churn_adaptive)
        return o->churn_days;
    if (isnan(gap))
        gap = run->res->typical_gap;
    if (isnan(gap))
        return o->churn_days;
    double h = floor(o->gap_factor * gap);
    return h > o->churn_min_days ? (int32_t)h : o->churn_min_days;
}

static void stage_of_buyer(const seg_run *run, size_t c, int32_t horizon, uint8_t *stage, uint8_t *reason)
{
    int32_t last = run->ds->cust[c].last_purchase, churn = field(run->ds, c, SEG_FIELD_CHURN_DATE);
    if (churn != SEG_NONE && churn <= run->o->as_of && last <= churn) {
        *stage = SEG_LIFECYCLE_CHURNED;
        *reason = SEG_REASON_CHURN_DATE;
        return;
    }
    *stage = run->o->as_of - last > horizon ? SEG_LIFECYCLE_CHURNED : SEG_LIFECYCLE_CURRENT;
    *reason = SEG_REASON_RECENCY;
}

static void stage_of_lead(const seg_run *run, size_t c, uint8_t *stage, uint8_t *reason)
{
    const seg_dataset *ds = run->ds;
    int32_t as_of = run->o->as_of, churn = field(ds, c, SEG_FIELD_CHURN_DATE);
    int32_t closed = field(ds, c, SEG_FIELD_LEAD_CLOSED), lead = field(ds, c, SEG_FIELD_LEAD_DATE);
    *stage = SEG_LIFECYCLE_PROSPECT;
    if (churn != SEG_NONE && as_of != SEG_NONE && churn <= as_of) {
        *stage = SEG_LIFECYCLE_CHURNED;
        *reason = SEG_REASON_CHURN_DATE;
    } else if (closed == 1) {
        *stage = SEG_LIFECYCLE_REFUSED;
        *reason = SEG_REASON_LEAD_CLOSED;
    } else if (lead != SEG_NONE && as_of != SEG_NONE && (int64_t)as_of - lead > run->o->lead_timeout) {
        *stage = SEG_LIFECYCLE_REFUSED;
        *reason = SEG_REASON_LEAD_TIMEOUT;
    } else {
        *reason = lead != SEG_NONE || closed == 0 ? SEG_REASON_LEAD_OPEN : SEG_REASON_NO_LEAD;
    }
}

seg_status seg__lifecycle(seg_run *run)
{
    seg_result *r = run->res;
    uint8_t *stage = seg__result_column(r, SEG_COL_LIFECYCLE, SEG_RC_U8);
    uint8_t *reason = seg__result_column(r, SEG_COL_LIFECYCLE_REASON, SEG_RC_U8);
    int32_t *horizon = seg__result_column(r, SEG_COL_CHURN_HORIZON, SEG_RC_I32);
    double *gap = seg__run_alloc(run, run->n * sizeof *gap);
    if (!stage || !reason || !horizon || !gap)
        return seg__nomem(run->ctx, run->n * 14);
    for (size_t c = 0; c < run->n; c++)
        gap[c] = mean_gap(run, c);
    SEG_TRY(typical_gap(run, gap));
    for (size_t c = 0; c < run->n; c++) {
        int bought = run->ds->cust[c].first_purchase != SEG_NONE;
        int32_t status = field(run->ds, c, SEG_FIELD_STATUS);
        horizon[c] = bought ? horizon_of(run, gap[c]) : SEG_NONE;
        if (status != SEG_NONE) {
            stage[c] = (uint8_t)status;
            reason[c] = SEG_REASON_STATUS;
        } else if (bought) {
            stage_of_buyer(run, c, horizon[c], &stage[c], &reason[c]);
        } else {
            stage_of_lead(run, c, &stage[c], &reason[c]);
        }
    }
    return SEG_OK;
}
