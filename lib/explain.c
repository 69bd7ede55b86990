/* seg_result_explain: one sentence per analysis that quotes the customer's
 * numbers and the thresholds used, built in a bounded local buffer. */
#include "result.h"

#include "io/money.h"
#include "util/real.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EXPLAIN_CAP 8192
#define NUM_CAP 64 /* one formatted number */

typedef struct text {
    char buf[EXPLAIN_CAP];
    size_t len;
} text;

static void put(text *t, const char *fmt, ...) SEG_PRINTF(2, 3);
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len = t->len + (size_t)n < sizeof t->buf ? t->len + (size_t)n : sizeof t->buf - 1;
}

/* Small formatters into caller-provided buffers. */
static const char *date_text(char *buf, int64_t date)
{
    if (seg_date_format(buf, 11, (int32_t)date) != SEG_OK)
        strcpy(buf, "?");
    return buf;
}

static const char *money_text(char *buf, const seg_result *r, double minor)
{
    if (isinf(minor))
        strcpy(buf, minor > 0 ? "infinity" : "-infinity");
    else if (minor == floor(minor) && fabs(minor) < 9e18)
        seg_money_format(buf, NUM_CAP, (int64_t)minor, r->scale);
    else
        snprintf(buf, NUM_CAP, "%s", seg__real(minor / (double)seg__pow10(r->scale), 'f', r->scale).s);
    return buf;
}

/* A share as a percent with one decimal, and a parts-per-billion share likewise. */
static seg_real_text pct(double share)
{
    return seg__real(100 * share, 'f', 1);
}

static seg_real_text ppb_pct(uint64_t ppb)
{
    return pct((double)ppb / 1e9);
}

static int64_t col(const seg_result *r, seg_column c, size_t row)
{
    int64_t v = 0;
    seg__rcol_i64(&r->col[c], row, &v);
    return v;
}

static const char *metric_name(int metric)
{
    static const char *const names[] = {"revenue", "margin", "quantity", "purchases"};
    return names[metric];
}

static const char *period_name(seg_period p)
{
    static const char *const names[] = {"", "daily", "weekly", "monthly", "quarterly"};
    return names[p];
}

/* The metric value of a row in words: money, or a plain count. */
static const char *metric_text(char *buf, const seg_result *r, int metric, double v)
{
    if (metric <= SEG_METRIC_MARGIN)
        return money_text(buf, r, v);
    snprintf(buf, NUM_CAP, "%s", seg__real(v, 'g', 15).s);
    return buf;
}

/* "from LO to below HI" for score s of an axis, from the break points. */
static void band(text *t, const seg_result *r, int axis, int s)
{
    int k = r->opts.bins[axis], lo_i = axis == 0 ? k - s : s - 1;
    double lo = lo_i > 0 ? r->breaks[axis][lo_i - 1] : -(double)INFINITY;
    double hi = lo_i < k - 1 ? r->breaks[axis][lo_i] : (double)INFINITY;
    char a[NUM_CAP], b[NUM_CAP];
    const char *unit = axis == 0 ? " days" : "";
    if (axis == 2) {
        money_text(a, r, lo);
        money_text(b, r, hi);
    } else {
        snprintf(a, sizeof a, "%s%s", seg__real(lo, 'g', 15).s, unit);
        snprintf(b, sizeof b, "%s%s", seg__real(hi, 'g', 15).s, unit);
    }
    if (isinf(lo) && isinf(hi))
        put(t, "every value");
    else if (isinf(lo))
        put(t, "below %s", b);
    else if (isinf(hi))
        put(t, "%s or more", a);
    else
        put(t, "%s up to below %s", a, b);
}

static void explain_rfm(text *t, const seg_result *r, size_t c)
{
    static const char *const methods[] = {"tie-aware quantiles", "NTILE", "thresholds", "R rfm 0.3.0 bands"};
    char m[NUM_CAP];
    int64_t R = col(r, SEG_COL_R, c), F = col(r, SEG_COL_F, c), M = col(r, SEG_COL_M, c);
    if (!R) {
        put(t, "RFM: no scores, since it made no purchase%s.", r->opts.lookback ? " in the look-back window" : "");
        return;
    }
    put(t, "RFM %lld-%lld-%lld", (long long)R, (long long)F, (long long)M);
    const char *segment = seg_result_segment_name(r, col(r, SEG_COL_RFM_SEGMENT, c));
    put(t, " (%s)", segment ? segment : "no segment rule covers this cell");
    put(t, " by %s over %lld buyers: its last purchase %lld days before the as-of date gives R=%lld (", methods[r->opts.rfm_method],
        (long long)r->rfm_scored, (long long)col(r, SEG_COL_RECENCY_DAYS, c), (long long)R);
    band(t, r, 0, (int)R);
    put(t, "); %lld purchases give F=%lld (", (long long)col(r, SEG_COL_FREQUENCY, c), (long long)F);
    band(t, r, 1, (int)F);
    put(t, "); monetary %s gives M=%lld (", money_text(m, r, (double)col(r, SEG_COL_MONETARY, c)), (long long)M);
    band(t, r, 2, (int)M);
    put(t, ").");
}

static void explain_abc(text *t, const seg_result *r, size_t c)
{
    static const char cls[] = "?ABC";
    const char *metric = metric_name(r->opts.abc_metric);
    char v[NUM_CAP];
    int64_t k = col(r, SEG_COL_ABC, c), value = col(r, SEG_COL_ABC_METRIC, c), a = r->abc_count[0],
            b = r->abc_count[1];
    if (!k) {
        put(t, "ABC: no class, since it made no purchase.");
        return;
    }
    metric_text(v, r, r->opts.abc_metric, (double)value);
    if (value <= 0) {
        put(t, "ABC C: its %s %s is not positive.", metric, v);
        return;
    }
    put(t, "ABC %c: its %s %s ranks %lld of %lld buyers, with %s %% of the total %s through it; ", cls[k],
        metric, v, (long long)col(r, SEG_COL_ABC_RANK, c), (long long)r->buyers,
        pct(((const double *)r->col[SEG_COL_ABC_SHARE].data)[c]).s, metric);
    if (r->opts.abc_by_count)
        put(t, "by count, A is the top %s %% of buyers (ranks 1-%lld) and B the next %s %% (to rank %lld).",
            ppb_pct(r->opts.abc_count_a).s, (long long)a, ppb_pct(r->opts.abc_count_b - r->opts.abc_count_a).s,
            (long long)(a + b));
    else
        put(t, "A is ranks 1-%lld (%s %s %%) and B ranks to %lld (%s %s %%), ties kept together.", (long long)a,
            r->opts.abc_boundary == SEG_ABC_INCLUSIVE ? "staying within" : "smallest set reaching",
            ppb_pct(r->opts.abc_a).s, (long long)(a + b),
            r->opts.abc_boundary == SEG_ABC_INCLUSIVE ? "within" : "reaching", ppb_pct(r->opts.abc_b).s);
}

static void explain_xyz(text *t, const seg_result *r, size_t c)
{
    static const char cls[] = "?XYZ";
    int64_t k = col(r, SEG_COL_XYZ, c), n = col(r, SEG_COL_XYZ_PERIODS, c);
    const char *metric = metric_name(r->opts.xyz_metric), *per = period_name(r->win.period);
    double cv = ((const double *)r->col[SEG_COL_XYZ_CV].data)[c];
    char v[NUM_CAP];
    if (!k) {
        put(t, "XYZ: no class, since it made no purchase.");
    } else if (k == SEG_XYZ_TOO_NEW) {
        put(t, "XYZ -: too new, with %lld %s periods since its first purchase in the window; %d are needed.",
            (long long)n, per, r->opts.xyz_min_periods);
    } else if (k == SEG_XYZ_NO_MEAN) {
        put(t, "XYZ -: its mean %s %s, %s over %lld periods, is not positive, so it has no CV.", per, metric,
            metric_text(v, r, r->opts.xyz_metric, ((const double *)r->col[SEG_COL_XYZ_MEAN].data)[c]),
            (long long)n);
    } else if (r->opts.xyz_by_rank) {
        put(t, "XYZ %c: its %s %s over %lld periods has CV %s; by rank, the steadiest %s %% are X and the next %s %% Y.",
            cls[k], per, metric, (long long)n, seg__real(cv, 'f', 3).s, ppb_pct(r->opts.xyz_rank_x).s,
            ppb_pct(r->opts.xyz_rank_y - r->opts.xyz_rank_x).s);
    } else {
        put(t, "XYZ %c: its %s %s over %lld periods has CV %s (%s standard deviation / mean), ", cls[k], per,
            metric, (long long)n, seg__real(cv, 'f', 3).s, r->opts.xyz_sample ? "sample" : "population");
        if (k == SEG_XYZ_X)
            put(t, "within X's bound %s.", seg__real(r->opts.xyz_x, 'g', 3).s);
        else if (k == SEG_XYZ_Y)
            put(t, "above X's bound %s and within Y's %s.", seg__real(r->opts.xyz_x, 'g', 3).s,
                seg__real(r->opts.xyz_y, 'g', 3).s);
        else
            put(t, "above Y's bound %s.", seg__real(r->opts.xyz_y, 'g', 3).s);
    }
}

static void explain_lifecycle(text *t, const seg_result *r, size_t c)
{
    static const char *const stages[] = {"", "current", "prospect", "refused", "churned"};
    const seg_opts *o = &r->opts;
    int64_t stage = col(r, SEG_COL_LIFECYCLE, c), reason = col(r, SEG_COL_LIFECYCLE_REASON, c);
    int32_t last = r->ds->cust[c].last_purchase;
    char d[11], e[11];
    put(t, "%s: ", stages[stage]);
    switch (reason) {
    case SEG_REASON_STATUS: put(t, "set by its status field."); break;
    case SEG_REASON_CHURN_DATE: put(t, "its churn date has passed with no purchase after it."); break;
    case SEG_REASON_RECENCY:
        put(t, "its last purchase on %s is %lld days before the as-of date %s, %s the %lld-day churn horizon",
            date_text(d, last), (long long)(o->as_of - last), date_text(e, o->as_of),
            stage == SEG_LIFECYCLE_CHURNED ? "more than" : "within", (long long)col(r, SEG_COL_CHURN_HORIZON, c));
        if (o->churn_adaptive)
            put(t, " (adaptive: %s x its mean gap between purchases, at least %d days).",
                seg__real(o->gap_factor, 'g', 3).s, o->churn_min_days);
        else
            put(t, ".");
        break;
    case SEG_REASON_LEAD_CLOSED: put(t, "it never bought and its lead is closed."); break;
    case SEG_REASON_LEAD_TIMEOUT: put(t, "it never bought and its lead is more than %d days old.", o->lead_timeout); break;
    case SEG_REASON_LEAD_OPEN: put(t, "it never bought and its lead is open."); break;
    default: put(t, "it never bought and nothing is known of a lead."); break;
    }
}

static void explain_renew(text *t, const seg_result *r, size_t c)
{
    const seg_opts *o = &r->opts;
    int64_t status = col(r, SEG_COL_RENEW_STATUS, c), date = col(r, SEG_COL_RECONTACT_DATE, c);
    char d[11];
    if (!status) {
        put(t, "Renew: not a refused lead.");
        return;
    }
    if (status == SEG_RENEW_UNRATED) {
        put(t, "Renew: unrated, since a rating is missing (never scored as 0).");
    } else {
        put(t, "Renew %s = ", seg__real(((const double *)r->col[SEG_COL_RENEW].data)[c], 'g', 15).s);
        for (size_t i = 0; i < o->ncriteria; i++) {
            const int32_t *ratings = r->ds->profile.ratings[o->criterion_col[i]];
            put(t, "%s%s %d x %s", i ? " + " : "", o->criteria[i].name.name, (int)ratings[c],
                seg__real(o->criteria[i].weight, 'g', 9).s);
        }
        put(t, ", rank %lld of %lld rated refused leads.", (long long)col(r, SEG_COL_RENEW_RANK, c),
            (long long)r->renew_scored);
    }
    if (date)
        put(t, " Re-contact on %s.", date_text(d, date));
}

static void explain_pareto(text *t, const seg_result *r, size_t c)
{
    put(t, "Pareto: in the top %s %% of paying customers in %lld of %zu %s periods.", ppb_pct(r->opts.pareto_top).s,
        (long long)col(r, SEG_COL_PARETO_PERIODS, c), r->nperiods, period_name(r->win.period));
}

SEG_API seg_status seg_result_explain(char *buf, size_t cap, size_t *needed, const seg_result *r, size_t customer,
                                      seg_analysis analyses)
{
    typedef void (*explainer)(text *, const seg_result *, size_t);
    static const struct {
        unsigned bit;
        explainer fn;
    } parts[] = {{SEG_ANALYSIS_RFM, explain_rfm}, {SEG_ANALYSIS_ABC, explain_abc},
                 {SEG_ANALYSIS_XYZ, explain_xyz}, {SEG_ANALYSIS_PARETO, explain_pareto},
                 {SEG_ANALYSIS_LIFECYCLE, explain_lifecycle}, {SEG_ANALYSIS_RENEW, explain_renew}};
    if (!seg__live(r, SEG_TAG_RESULT) || (!buf && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    if (customer >= r->rows)
        return SEG_ERR_NOT_FOUND;
    text out;
    out.len = 0;
    out.buf[0] = '\0';
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (!((unsigned)analyses & parts[i].bit & r->ran))
            continue;
        if (out.len)
            put(&out, "\n");
        parts[i].fn(&out, r, customer);
    }
    if (needed)
        *needed = out.len + 1;
    if (cap < out.len + 1)
        return SEG_ERR_BUFFER_TOO_SMALL;
    memcpy(buf, out.buf, out.len + 1);
    return SEG_OK;
}
