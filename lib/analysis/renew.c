/* Renew scores of refused leads (design §3.7): the weighted sum of the
 * criteria ratings, unrated when one is missing, ranked, with a suggested
 * re-contact date from the competitor's deadline or project launch. */
#include "run.h"

#include "../profile.h"
#include "../util/sort.h"

#include <math.h>

static int32_t date_field(const seg_dataset *ds, size_t c, seg_field f)
{
    const int32_t *col = ds->profile.ints[seg__profile_slot(f)];
    return col ? col[c] : SEG_NONE;
}

/* Rating of criterion i for customer c, SEG_NONE when unrated. */
static int32_t rating(const seg_run *run, size_t c, size_t i)
{
    size_t col = run->o->criterion_col[i];
    return col == SIZE_MAX ? SEG_NONE : run->ds->profile.ratings[col][c];
}

static seg_status out_of_scale(const seg_run *run, size_t c, size_t i, int32_t v)
{
    char id[80];
    seg__customer_label(id, sizeof id, run->ds, c);
    return seg__error(run->ctx, SEG_ERR_RANGE, "customer %s: rating %s = %d is outside the renew scale %s", id,
                      run->o->criteria[i].name.name, (int)v, run->o->renew_binary ? "0-1" : "1-5");
}

/* Weighted sum in parts per billion (weights are taken to nine decimals, so
 * equal sums are exactly equal), or INT64_MIN when a rating is missing; every
 * given rating is checked against the scale, also when another is missing. */
static seg_status score(const seg_run *run, size_t c, int64_t *out)
{
    int64_t sum = 0;
    int lo = run->o->renew_binary ? 0 : 1, hi = run->o->renew_binary ? 1 : 5, missing = 0;
    for (size_t i = 0; i < run->o->ncriteria; i++) {
        int32_t v = rating(run, c, i);
        if (v == SEG_NONE) {
            missing = 1;
            continue;
        }
        if (v < lo || v > hi)
            return out_of_scale(run, c, i, v);
        sum += (int64_t)run->o->criterion_ppb[i] * v;
    }
    *out = run->o->ncriteria && !missing ? sum : INT64_MIN;
    return SEG_OK;
}

/* The earliest of deadline − before and launch + after that is not past. */
static int32_t recontact(const seg_run *run, size_t c)
{
    int32_t deadline = date_field(run->ds, c, SEG_FIELD_COMPETITOR_DEADLINE);
    int32_t launch = date_field(run->ds, c, SEG_FIELD_PROJECT_LAUNCH), best = SEG_NONE;
    int64_t candidates[2] = {deadline == SEG_NONE ? INT64_MIN : (int64_t)deadline - run->o->renew_before,
                             launch == SEG_NONE ? INT64_MIN : (int64_t)launch + run->o->renew_after};
    for (int k = 0; k < 2; k++)
        if (candidates[k] != INT64_MIN && candidates[k] >= run->o->as_of && candidates[k] <= SEG_DATE_MAX &&
            (best == SEG_NONE || candidates[k] < best))
            best = (int32_t)candidates[k];
    return best;
}

/* Scored leads by their exact sum, descending. */
static int sum_key(const void *sum_, size_t c, uint64_t *key)
{
    const int64_t *sum = sum_;
    *key = ~seg__key_i64(sum[c]);
    return sum[c] != INT64_MIN;
}

/* Rank by the exact sum, descending; ties stay in id order. */
static seg_status rank(seg_run *run, const int64_t *sum, uint32_t *ranks)
{
    uint32_t *order = NULL;
    size_t n = 0;
    SEG_TRY(seg__order_by(&order, &n, run, sum_key, sum));
    for (size_t i = 0; i < n; i++)
        ranks[order[i]] = (uint32_t)(i + 1);
    return SEG_OK;
}

seg_status seg__renew(seg_run *run)
{
    seg_result *r = run->res;
    const uint8_t *stage = r->col[SEG_COL_LIFECYCLE].data;
    double *renew = seg__result_column(r, SEG_COL_RENEW, SEG_RC_F64);
    uint32_t *ranks = seg__result_column(r, SEG_COL_RENEW_RANK, SEG_RC_U32N);
    uint8_t *status = seg__result_column(r, SEG_COL_RENEW_STATUS, SEG_RC_U8);
    int32_t *date = seg__result_column(r, SEG_COL_RECONTACT_DATE, SEG_RC_I32);
    int64_t *sum = seg__run_alloc(run, run->n * sizeof *sum);
    if (!renew || !ranks || !status || !date || !sum)
        return seg__nomem(run->ctx, run->n * 25);
    for (size_t c = 0; c < run->n; c++) {
        renew[c] = (double)NAN;
        ranks[c] = UINT32_MAX;
        status[c] = 0;
        date[c] = SEG_NONE;
        sum[c] = INT64_MIN;
        if (stage[c] != SEG_LIFECYCLE_REFUSED)
            continue;
        SEG_TRY(score(run, c, &sum[c]));
        status[c] = sum[c] == INT64_MIN ? SEG_RENEW_UNRATED : SEG_RENEW_SCORED;
        renew[c] = sum[c] == INT64_MIN ? (double)NAN : (double)sum[c] / 1e9;
        r->renew_scored += status[c] == SEG_RENEW_SCORED;
        r->renew_unrated += status[c] == SEG_RENEW_UNRATED;
        date[c] = recontact(run, c);
    }
    return rank(run, sum, ranks);
}
