/* The readable terminal summary of `segment summary`: class counts and
 * shares, the ABC × XYZ matrix, Pareto figures, RFM segments and breaks,
 * lifecycle counts and rates per period, the top renew leads, parameters. */
#include "cli.h"
#include "format.h"

#include <math.h>
#include <string.h>

#define RENEW_TOP 10

static int64_t sum_i64(const seg_result *r, seg_summary key)
{
    int64_t v = 0;
    seg_result_summary_i64(&v, r, key);
    return v;
}

static double sum_f64(const seg_result *r, seg_summary key)
{
    double v = (double)NAN;
    seg_result_summary_f64(&v, r, key);
    return v;
}

static int ran(const seg_result *r, seg_analysis a)
{
    return (sum_i64(r, SEG_SUM_ANALYSES) & a) != 0;
}

static const char *date_text(char *buf, int64_t day)
{
    if (seg_date_format(buf, 11, (int32_t)day) != SEG_OK)
        snprintf(buf, 11, "-");
    return buf;
}

/* What every section needs: where to print, the result, and how to show the metric. */
typedef struct view {
    FILE *out;
    const seg_result *r;
    const cli *c;
    int scale, money;   /* money: the ABC metric is revenue or margin */
    const char *metric; /* its name, for table headers */
} view;

/* The ABC metric as text: money for revenue and margin, a count otherwise. */
static fmt_buf metric_text(const view *v, int64_t value)
{
    return v->money ? fmt_money(value, v->scale) : fmt_int(value);
}

static void header(FILE *out, const seg_result *r, const cli *c)
{
    char d[11];
    fprintf(out, "%s: %s customers (%s buyers), net revenue %s, as of %s\n", c->orders,
            fmt_int(sum_i64(r, SEG_SUM_CUSTOMERS)).s, fmt_int(sum_i64(r, SEG_SUM_BUYERS)).s,
            fmt_money(sum_i64(r, SEG_SUM_NET_AMOUNT), (int)sum_i64(r, SEG_SUM_SCALE)).s,
            date_text(d, sum_i64(r, SEG_SUM_AS_OF)));
}

/* One line of a class table: name, customers, share, metric, metric share. */
static void class_line(const view *v, const char *name, seg_column col, int64_t value)
{
    int64_t n = 0, metric = 0;
    double share = (double)NAN, mshare = (double)NAN;
    if (seg_result_class_summary(&n, &metric, &share, &mshare, v->r, col, value) != SEG_OK)
        return;
    fprintf(v->out, "  %-20s %10s %8s %18s %8s\n", name, fmt_int(n).s, fmt_pct(share).s,
            metric_text(v, metric).s, fmt_pct(mshare).s);
}

static void abc(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    if (!ran(r, SEG_ANALYSIS_ABC))
        return;
    fprintf(out, "\nABC (classes by metric, ties kept together)\n  %-20s %10s %8s %18s %8s\n", "class", "customers",
            "share", v->metric, "share");
    for (int k = SEG_ABC_A; k <= SEG_ABC_C; k++) {
        char name[2] = {"ABC"[k - 1], 0};
        class_line(v, name, SEG_COL_ABC, k);
    }
}

static void xyz(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    static const char *const names[] = {"X", "Y", "Z", "- (too new)", "- (mean <= 0)"};
    if (!ran(r, SEG_ANALYSIS_XYZ))
        return;
    fprintf(out, "\nXYZ (steadiness of the period series, %lld periods)\n  %-20s %10s %8s %18s %8s\n",
            (long long)sum_i64(r, SEG_SUM_PERIODS), "class", "customers", "share", v->metric, "share");
    for (int k = SEG_XYZ_X; k <= SEG_XYZ_NO_MEAN; k++)
        class_line(v, names[k - 1], SEG_COL_XYZ, k);
    fprintf(out, "  CV: min %.3g, p10 %.3g, p25 %.3g, median %.3g, p75 %.3g, p90 %.3g, max %.3g\n",
            sum_f64(r, SEG_SUM_XYZ_CV_MIN), sum_f64(r, SEG_SUM_XYZ_CV_P10), sum_f64(r, SEG_SUM_XYZ_CV_P25),
            sum_f64(r, SEG_SUM_XYZ_CV_MEDIAN), sum_f64(r, SEG_SUM_XYZ_CV_P75), sum_f64(r, SEG_SUM_XYZ_CV_P90),
            sum_f64(r, SEG_SUM_XYZ_CV_MAX));
}

static void matrix(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    int64_t counts[9];
    double shares[9];
    if (seg_result_abc_xyz(counts, shares, r) != SEG_OK)
        return;
    fprintf(out, "\nABC x XYZ (customers, share of %s)\n     %18s %18s %18s\n", v->metric, "X", "Y", "Z");
    for (int row = 0; row < 3; row++) {
        fprintf(out, "  %c ", "ABC"[row]);
        for (int col = 0; col < 3; col++)
            fprintf(out, " %9s %8s", fmt_int(counts[3 * row + col]).s,
                    fmt_pct(shares[3 * row + col]).s);
        fputc('\n', out);
    }
}

static void pareto(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    if (!ran(r, SEG_ANALYSIS_PARETO))
        return;
    fprintf(out, "\nPareto\n  the top %s buyers bring %s of %s; %s of buyers (%s) bring 80 %%; Gini %.3f\n",
            fmt_int(sum_i64(r, SEG_SUM_PARETO_TOP_COUNT)).s,
            fmt_pct(sum_f64(r, SEG_SUM_PARETO_TOP_SHARE)).s, v->metric,
            fmt_pct(sum_f64(r, SEG_SUM_PARETO_REACH_SHARE)).s,
            fmt_int(sum_i64(r, SEG_SUM_PARETO_REACH_COUNT)).s, sum_f64(r, SEG_SUM_GINI));
}

static void breaks_line(const view *v, seg_rfm_axis axis, const char *label)
{
    double b[16];
    size_t n = 0;
    if (seg_result_rfm_breaks(b, 16, &n, v->r, axis) != SEG_OK)
        return;
    fprintf(v->out, "  %s breaks:", label);
    for (size_t i = 0; i < n; i++) {
        if (isinf(b[i]))
            fprintf(v->out, " -");
        else if (axis == SEG_AXIS_M && b[i] == floor(b[i]))
            fprintf(v->out, " %s", fmt_money((int64_t)b[i], v->scale).s);
        else
            fprintf(v->out, " %.10g", axis == SEG_AXIS_M ? b[i] / pow(10, v->scale) : b[i]);
    }
    fputc('\n', v->out);
}

static void rfm(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    if (!ran(r, SEG_ANALYSIS_RFM))
        return;
    fprintf(out, "\nRFM (%lld scored customers; higher is better)\n", (long long)sum_i64(r, SEG_SUM_RFM_SCORED));
    breaks_line(v, SEG_AXIS_R, "R (days)");
    breaks_line(v, SEG_AXIS_F, "F (purchases)");
    breaks_line(v, SEG_AXIS_M, "M (money)");
    fprintf(out, "  %-20s %10s %8s %18s %8s\n", "segment", "customers", "share", v->metric, "share");
    for (size_t s = 0; s < seg_result_segment_count(r); s++)
        class_line(v, seg_result_segment_name(r, (int64_t)s), SEG_COL_RFM_SEGMENT, (int64_t)s);
    if (sum_i64(r, SEG_SUM_RFM_UNSEGMENTED))
        fprintf(out, "  (%lld customers in cells no segment rule covers)\n",
                (long long)sum_i64(r, SEG_SUM_RFM_UNSEGMENTED));
}

static void periods(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    char d[11];
    fprintf(out, "  %-10s %10s %10s %10s %10s %12s\n", "period", "buyers", "new", "churned", "churn rate",
            "repeat rate");
    for (size_t p = 0; p < seg_result_period_count(r); p++) {
        int64_t start = 0, buyers = 0, fresh = 0, churned = 0;
        double churn = (double)NAN, repeat = (double)NAN;
        seg_result_period_i64(&start, r, p, SEG_PSTAT_START);
        seg_result_period_i64(&buyers, r, p, SEG_PSTAT_BUYERS);
        seg_result_period_i64(&fresh, r, p, SEG_PSTAT_NEW);
        seg_result_period_i64(&churned, r, p, SEG_PSTAT_CHURNED);
        seg_result_period_f64(&churn, r, p, SEG_PSTAT_CHURN_RATE);
        seg_result_period_f64(&repeat, r, p, SEG_PSTAT_REPEAT_RATE);
        fprintf(out, "  %-10s %10lld %10lld %10lld %10s %12s\n", date_text(d, start), (long long)buyers,
                (long long)fresh, (long long)churned, fmt_pct(churn).s,
                fmt_pct(repeat).s);
    }
}

static void lifecycle(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    static const char *const stages[] = {"current", "prospect", "refused", "churned"};
    if (!ran(r, SEG_ANALYSIS_LIFECYCLE))
        return;
    fprintf(out, "\nLifecycle (repeat-purchase rate %s)\n  %-20s %10s %8s %18s %8s\n",
            fmt_pct(sum_f64(r, SEG_SUM_REPEAT_RATE)).s, "stage", "customers", "share", v->metric, "share");
    for (int k = SEG_LIFECYCLE_CURRENT; k <= SEG_LIFECYCLE_CHURNED; k++)
        class_line(v, stages[k - 1], SEG_COL_LIFECYCLE, k);
    periods(v);
}

/* The id of customer i, as text. */
static void id_text(char *buf, size_t cap, const seg_dataset *ds, size_t i)
{
    seg_id_kind kind;
    int64_t n = 0;
    const char *s = NULL;
    size_t len = 0;
    seg_dataset_customer_id(&kind, &n, &s, &len, ds, i);
    if (kind == SEG_ID_INT)
        snprintf(buf, cap, "%lld", (long long)n);
    else
        snprintf(buf, cap, "%.*s", (int)len, s);
}

static void renew(const view *v)
{
    FILE *out = v->out;
    const seg_result *r = v->r;
    size_t top[RENEW_TOP], n = seg_result_rows(r), shown = 0;
    if (!ran(r, SEG_ANALYSIS_RENEW))
        return;
    for (size_t i = 0; i < RENEW_TOP; i++)
        top[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        int64_t rank = 0;
        uint8_t ok = 0;
        seg_result_copy_i64(&rank, &ok, r, SEG_COL_RENEW_RANK, i, 1);
        if (ok && rank <= RENEW_TOP)
            top[rank - 1] = i;
    }
    fprintf(out, "\nRenew (refused leads: %lld scored, %lld unrated)\n", (long long)sum_i64(r, SEG_SUM_RENEW_SCORED),
            (long long)sum_i64(r, SEG_SUM_RENEW_UNRATED));
    for (size_t k = 0; k < RENEW_TOP && top[k] != SIZE_MAX; k++, shown++) {
        char id[64], d[11];
        double score = (double)NAN;
        int64_t when = 0;
        uint8_t has_date = 0;
        const char *name = NULL;
        id_text(id, sizeof id, seg_result_dataset(r), top[k]);
        seg_dataset_get_str(&name, NULL, seg_result_dataset(r), top[k], SEG_FIELD_NAME);
        seg_result_copy_f64(&score, NULL, r, SEG_COL_RENEW, top[k], 1);
        seg_result_copy_i64(&when, &has_date, r, SEG_COL_RECONTACT_DATE, top[k], 1);
        fprintf(out, "  %2zu. %-12s %-28s %4s   %s%s\n", k + 1, id, name ? name : "", fmt_real(score).s,
                has_date ? "re-contact " : "", has_date ? date_text(d, when) : "");
    }
    if (!shown)
        fprintf(out, "  (no rated refused leads)\n");
}

static void parameters(FILE *out, const seg_result *r, const cli *c)
{
    static const char *const methods[] = {"tie-aware quantiles", "ntile", "thresholds", "r-rfm"};
    static const char *const metrics[] = {"revenue", "margin", "quantity", "orders"};
    int64_t method = 0, metric = 0, boundary = 0, churn = 0;
    double a = 0, b = 0, x = 0, y = 0;
    seg_params_get_i64(&method, c->params, SEG_PARAM_RFM_METHOD);
    seg_params_get_i64(&metric, c->params, SEG_PARAM_ABC_METRIC);
    seg_params_get_i64(&boundary, c->params, SEG_PARAM_ABC_BOUNDARY);
    seg_params_get_i64(&churn, c->params, SEG_PARAM_CHURN_DAYS);
    seg_params_get_f64(&a, c->params, SEG_PARAM_ABC_A);
    seg_params_get_f64(&b, c->params, SEG_PARAM_ABC_B);
    seg_params_get_f64(&x, c->params, SEG_PARAM_XYZ_X);
    seg_params_get_f64(&y, c->params, SEG_PARAM_XYZ_Y);
    fprintf(out, "\nParameters: RFM by %s; ABC by %s, %g %% / %g %% (%s); XYZ bounds %g %% / %g %% over %lld periods; "
                 "churn after %lld days; money scale %lld\n",
            methods[method], metrics[metric], 100 * a, 100 * b, boundary ? "inclusive" : "smallest set", 100 * x,
            100 * y, (long long)sum_i64(r, SEG_SUM_PERIODS), (long long)churn, (long long)sum_i64(r, SEG_SUM_SCALE));
}

void cli_print_summary(FILE *out, const seg_result *r, const cli *c)
{
    static const char *const metrics[] = {"revenue", "margin", "quantity", "purchases"};
    int64_t metric = 0;
    seg_params_get_i64(&metric, seg_result_params(r), SEG_PARAM_ABC_METRIC);
    view v = {out, r, c, (int)sum_i64(r, SEG_SUM_SCALE), metric <= SEG_METRIC_MARGIN, metrics[metric]};
    header(out, r, c);
    abc(&v);
    xyz(&v);
    matrix(&v);
    pareto(&v);
    rfm(&v);
    lifecycle(&v);
    renew(&v);
    parameters(out, r, c);
}
