/* The HTML report: the entry point, the page in section order, the overview
 * and the parameters, and the helpers every section shares. */
#include "report_priv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

void rpt_section_begin(rpt *p, const char *id, const char *heading, const char *lead)
{
    fprintf(p->out, "<section id=\"%s\">\n<h2>", id);
    html_str(p->out, heading);
    fputs("</h2>\n<p class=\"lead\">", p->out);
    html_str(p->out, lead);
    fputs("</p>\n", p->out);
}

void rpt_section_end(rpt *p)
{
    fputs("</section>\n", p->out);
}

void rpt_not_run(rpt *p, const char *analysis)
{
    fputs("<p class=\"na\">", p->out);
    html_str(p->out, analysis);
    fputs(" did not run for this result, so there is nothing to show here.</p>\n", p->out);
}

void rpt_fail(rpt *p, seg_status st)
{
    if (st != SEG_OK && !p->err)
        p->err = st == SEG_ERR_OUT_OF_MEMORY ? ENOMEM : EINVAL;
}

int64_t rpt_sum_i64(rpt *p, seg_summary key)
{
    int64_t v = 0;
    rpt_fail(p, seg_result_summary_i64(&v, p->r, key));
    return v;
}

double rpt_sum_f64(rpt *p, seg_summary key)
{
    double v = 0;
    rpt_fail(p, seg_result_summary_f64(&v, p->r, key));
    return v;
}

fmt_buf rpt_metric(const rpt *p, int64_t value)
{
    return p->metric_is_money ? fmt_money(value, p->scale) : fmt_int(value);
}

/* A share for labels: "20 %", "12.5 %". */
fmt_buf rpt_pct_short(double share)
{
    fmt_buf b = fmt_real(100 * share);
    if (strcmp(b.s, FMT_NONE) != 0)
        strcat(b.s, " %");
    return b;
}

void rpt_customer_id(rpt *p, size_t row)
{
    seg_id_kind kind = SEG_ID_INT;
    int64_t int_id = 0;
    const char *str_id = NULL;
    size_t len = 0;
    seg_status st = seg_dataset_customer_id(&kind, &int_id, &str_id, &len, p->ds, row);
    rpt_fail(p, st);
    if (st != SEG_OK)
        fputs(FMT_NONE, p->out);
    else if (kind == SEG_ID_INT)
        fprintf(p->out, "%lld", (long long)int_id);
    else
        html_text(p->out, str_id, len);
}

void rpt_customer_name(rpt *p, size_t row)
{
    const char *name = NULL;
    size_t len = 0;
    seg_status st = seg_dataset_get_str(&name, &len, p->ds, row, SEG_FIELD_NAME);
    rpt_fail(p, st);
    if (st == SEG_OK && name)
        html_text(p->out, name, len);
}

static void kpi(rpt *p, const char *value, const char *label)
{
    fputs("<div class=\"kpi\"><b>", p->out);
    html_str(p->out, value);
    fputs("</b><span>", p->out);
    html_str(p->out, label);
    fputs("</span></div>\n", p->out);
}

static void header(rpt *p, const char *title, int64_t as_of)
{
    const segment_report_info *info = p->info;
    fputs("<header>\n<h1>", p->out);
    html_str(p->out, title);
    fprintf(p->out, "</h1>\n<p class=\"meta\">As of %s", fmt_date(as_of).s);
    if (info->generated_at)
        fprintf(p->out, " · generated %s", fmt_time(info->generated_at).s);
    fputs(" by ", p->out);
    if (info->tool_version) {
        html_str(p->out, info->tool_version);
        fputs(" with ", p->out);
    }
    fprintf(p->out, "libsegment %s", seg_version_string());
    for (size_t i = 0; i < info->n_inputs && info->inputs; i++) {
        fputs(i ? ", " : " · from ", p->out);
        html_str(p->out, info->inputs[i]);
    }
    fputs("</p>\n</header>\n", p->out);
}

static void overview(rpt *p, int64_t as_of)
{
    int64_t customers = rpt_sum_i64(p, SEG_SUM_CUSTOMERS), buyers = rpt_sum_i64(p, SEG_SUM_BUYERS);
    char label[128];
    rpt_section_begin(p, "overview", "Overview",
                      "The base at a glance: how many accounts there are, how many of them actually buy, and "
                      "what they paid net of refunds up to the as-of date.");
    fputs("<div class=\"kpis\">\n", p->out);
    kpi(p, fmt_int(customers).s, "customers, leads included");
    snprintf(label, sizeof label, "buyers (%s of customers)",
             fmt_pct(customers ? (double)buyers / (double)customers : (double)NAN).s);
    kpi(p, fmt_int(buyers).s, label);
    kpi(p, fmt_date(as_of).s, "as-of date");
    kpi(p, fmt_money(rpt_sum_i64(p, SEG_SUM_NET_AMOUNT), p->scale).s, "net revenue, refunds subtracted");
    fputs("</div>\n", p->out);
    fprintf(p->out, "<p>%s purchases in all; amounts in the data's currency, %d decimal%s.</p>\n",
            fmt_int(rpt_sum_i64(p, SEG_SUM_PURCHASES)).s, p->scale, p->scale == 1 ? "" : "s");
    rpt_section_end(p);
}

/* Labels of the parameters the summary writer reports; unknown names are
 * shown as they come, so a newer library's parameters still appear. */
enum { RAW, SHARE, FLAG };
static const struct param_label {
    const char *name, *label;
    int kind;
} param_labels[] = {
    {"lookback_periods", "Look-back window in periods (0 = all history)", RAW},
    {"frequency", "What counts as one purchase", RAW},
    {"monetary", "Monetary value of a customer", RAW},
    {"rfm_method", "RFM scoring method", RAW},
    {"rfm_bins_r", "RFM bins of R", RAW},
    {"rfm_bins_f", "RFM bins of F", RAW},
    {"rfm_bins_m", "RFM bins of M", RAW},
    {"abc_metric", "Metric of ABC and Pareto", RAW},
    {"abc_a", "ABC: class A closes at", SHARE},
    {"abc_b", "ABC: class B closes at", SHARE},
    {"abc_boundary", "ABC boundary rule", RAW},
    {"abc_by_count", "ABC by customer count", FLAG},
    {"xyz_period", "XYZ and rates: period", RAW},
    {"xyz_metric", "XYZ: metric of the series", RAW},
    {"xyz_window", "XYZ and rates: complete periods in the window", RAW},
    {"xyz_partial", "XYZ: partial last period included", FLAG},
    {"xyz_zero_fill", "XYZ: series zero-filled over the whole window", FLAG},
    {"xyz_min_periods", "XYZ: fewer periods than this are too new", RAW},
    {"xyz_sample_std", "XYZ: sample standard deviation", FLAG},
    {"xyz_x", "XYZ: X up to a CV of", SHARE},
    {"xyz_y", "XYZ: Y up to a CV of", SHARE},
    {"xyz_by_rank", "XYZ by CV rank", FLAG},
    {"pareto_top", "Pareto: top share of buyers", SHARE},
    {"pareto_reach", "Pareto: share of the metric to reach", SHARE},
    {"churn_days", "Churn horizon in days", RAW},
    {"churn_adaptive", "Adaptive churn horizon", FLAG},
    {"churn_gap_factor", "Adaptive horizon: times the mean gap", RAW},
    {"churn_min_days", "Adaptive horizon: at least, in days", RAW},
    {"lead_timeout_days", "An open lead is refused after, in days", RAW},
    {"renew_binary", "Renew ratings good/bad instead of 1–5", FLAG},
    {"renew_before_deadline", "Re-contact: days before a competitor's deadline", RAW},
    {"renew_after_launch", "Re-contact: days after a competitor's launch", RAW},
};

static void param_row(rpt *p, const rpt_pair *param)
{
    const struct param_label *known = NULL;
    for (size_t i = 0; i < sizeof param_labels / sizeof *param_labels && !known; i++)
        if (strcmp(param_labels[i].name, param->name) == 0)
            known = &param_labels[i];
    fputs("<tr><td>", p->out);
    html_str(p->out, known ? known->label : param->name);
    fputs("</td><td><code>", p->out);
    html_str(p->out, param->name);
    fputs("</code></td><td>", p->out);
    if (known && known->kind == SHARE)
        fputs(rpt_pct_short(rpt_param_real(p, param->name, (double)NAN)).s, p->out);
    else if (known && known->kind == FLAG)
        fputs(strcmp(param->value, "0") == 0 ? "no" : "yes", p->out);
    else
        html_str(p->out, param->value);
    fputs("</td></tr>\n", p->out);
}

/* One RFM break point: days, purchases or money; +∞ means no customer reached the score. */
static fmt_buf break_text(const rpt *p, seg_rfm_axis axis, double v)
{
    fmt_buf b;
    if (!(v < 1e300)) {
        snprintf(b.s, sizeof b.s, "not reached");
        return b;
    }
    if (axis == SEG_AXIS_M && v == (double)(int64_t)v)
        return fmt_money((int64_t)v, p->scale);
    return fmt_real(v);
}

static void breaks_table(rpt *p)
{
    static const char *const axes[3] = {"R: recency, days (a score is lost at each point)",
                                        "F: frequency, purchases", "M: monetary, money"};
    double b[16];
    size_t n = 0;
    if (seg_result_rfm_breaks(b, 16, &n, p->r, SEG_AXIS_R) == SEG_ERR_STATE)
        return;
    fputs("<h3>RFM break points used</h3>\n<table>\n<tr><th>Axis</th><th>Break points</th></tr>\n", p->out);
    for (int a = 0; a < 3; a++) {
        seg_status st = seg_result_rfm_breaks(b, 16, &n, p->r, (seg_rfm_axis)(SEG_AXIS_R + a));
        rpt_fail(p, st);
        fprintf(p->out, "<tr><td>%s</td><td>", axes[a]);
        for (size_t i = 0; st == SEG_OK && i < n; i++)
            fprintf(p->out, "%s%s", i ? " · " : "", break_text(p, (seg_rfm_axis)(SEG_AXIS_R + a), b[i]).s);
        fputs("</td></tr>\n", p->out);
    }
    fputs("</table>\n", p->out);
}

/* A word of the command line, quoted for a POSIX shell when it needs it. */
static void shell_word(FILE *out, const char *w)
{
    size_t len = strlen(w);
    if (len && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=:,@%+-") == len) {
        html_text(out, w, len);
        return;
    }
    fputs("&#39;", out);
    for (const char *q; (q = strchr(w, '\'')) != NULL; w = q + 1) {
        html_text(out, w, (size_t)(q - w));
        fputs("&#39;\\&#39;&#39;", out);
    }
    html_str(out, w);
    fputs("&#39;", out);
}

static void run_facts(rpt *p)
{
    static const char *const analyses[] = {"RFM", "ABC", "XYZ", "Pareto", "lifecycle", "renew"};
    const segment_report_info *info = p->info;
    int64_t ran = rpt_sum_i64(p, SEG_SUM_ANALYSES);
    fputs("<table>\n", p->out);
    if (info->argc > 0 && info->argv) {
        fputs("<tr><th>Command line</th><td><code>", p->out);
        for (int i = 0; i < info->argc; i++) {
            fputs(i ? " " : "", p->out);
            shell_word(p->out, info->argv[i] ? info->argv[i] : "");
        }
        fputs("</code></td></tr>\n", p->out);
    }
    for (size_t i = 0; i < info->n_inputs && info->inputs; i++) {
        fputs("<tr><th>Input</th><td><code>", p->out);
        html_str(p->out, info->inputs[i]);
        fputs("</code></td></tr>\n", p->out);
    }
    if (info->tool_version) {
        fputs("<tr><th>Tool</th><td>", p->out);
        html_str(p->out, info->tool_version);
        fputs("</td></tr>\n", p->out);
    }
    fprintf(p->out, "<tr><th>Library</th><td>libsegment %s</td></tr>\n", seg_version_string());
    fputs("<tr><th>Analyses run</th><td>", p->out);
    for (int i = 0, first = 1; i < 6; i++)
        if (ran & (1 << i)) {
            fprintf(p->out, "%s%s", first ? "" : ", ", analyses[i]);
            first = 0;
        }
    fprintf(p->out, "</td></tr>\n<tr><th>As-of date</th><td>%s</td></tr>\n", fmt_date(rpt_sum_i64(p, SEG_SUM_AS_OF)).s);
    fprintf(p->out, "<tr><th>Money scale</th><td>%d decimal%s</td></tr>\n</table>\n", p->scale,
            p->scale == 1 ? "" : "s");
}

static void parameters(rpt *p)
{
    rpt_section_begin(p, "parameters", "Parameters used",
                      "Every threshold behind the numbers above, as the library reports it used them, so that "
                      "the report can be reproduced and compared with the next one.");
    run_facts(p);
    fputs("<h3>Analysis parameters</h3>\n<table>\n<tr><th>Parameter</th><th>Name</th><th>Value</th></tr>\n",
          p->out);
    for (size_t i = 0; i < p->facts.nparam; i++)
        param_row(p, &p->facts.param[i]);
    fputs("</table>\n", p->out);
    if (p->facts.ncriterion) {
        fputs("<h3>Renew criteria</h3>\n<table>\n<tr><th>Criterion</th><th class=\"n\">Weight</th></tr>\n", p->out);
        for (size_t i = 0; i < p->facts.ncriterion; i++) {
            fputs("<tr><td>", p->out);
            html_str(p->out, p->facts.criterion[i].name);
            fprintf(p->out, "</td><td class=\"n\">%s</td></tr>\n",
                    fmt_real(strtod(p->facts.criterion[i].value, NULL)).s);
        }
        fputs("</table>\n", p->out);
    }
    breaks_table(p);
    rpt_section_end(p);
}

/* The ABC metric, which also measures Pareto and every "share" column. */
static void metric_of(rpt *p)
{
    static const char *const names[] = {"revenue", "margin", "quantity", "purchases"};
    const char *v = rpt_param(p, "abc_metric");
    p->metric_name = "revenue";
    for (size_t i = 0; v && i < sizeof names / sizeof *names; i++)
        if (strcmp(v, names[i]) == 0)
            p->metric_name = names[i];
    p->metric_is_money = strcmp(p->metric_name, "revenue") == 0 || strcmp(p->metric_name, "margin") == 0;
}

int segment_report_write(FILE *out, const seg_result *result, const segment_report_info *info)
{
    static const segment_report_info no_info;
    static const rpt zero;
    rpt p = zero;
    if (!out || !result)
        return EINVAL;
    int err = rpt_read_facts(&p.facts, result);
    if (err)
        return err;
    p.out = out;
    p.r = result;
    p.ds = seg_result_dataset(result);
    p.info = info ? info : &no_info;
    p.scale = (int)rpt_sum_i64(&p, SEG_SUM_SCALE);
    metric_of(&p);
    int64_t as_of = rpt_sum_i64(&p, SEG_SUM_AS_OF);
    const char *title = p.info->title ? p.info->title : "Customer segmentation report";

    html_begin(out, title);
    header(&p, title, as_of);
    overview(&p, as_of);
    rpt_pareto(&p);
    rpt_abc_xyz(&p);
    rpt_rfm(&p);
    rpt_lifecycle(&p);
    rpt_renew(&p);
    rpt_classes(&p);
    parameters(&p);
    html_end(out);

    errno = 0;
    if (fflush(out) != 0)
        return errno ? errno : EIO;
    if (ferror(out))
        return EIO;
    return p.err;
}
