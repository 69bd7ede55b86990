/* The lifecycle section (stages as bars, churn and repeat-purchase rates per
 * window period as lines, with a table) and the renew ranking of refused leads. */
#include "report_priv.h"

#include <math.h>
#include <string.h>

#include "svg.h"

#define ROWS_AT_ONCE 256
#define TABLE_PERIODS 24 /* the period table lists the latest this many */
#define BLUE "#0072B2"
#define ORANGE "#D55E00"

/* ---- stages --------------------------------------------------------------- */

static void stage_bars(rpt *p, const int64_t count[4], const double share[4])
{
    static const char *const names[4] = {"current", "prospect", "refused", "churned"};
    static const char *const colours[4] = {"#009E73", "#56B4E9", "#E69F00", "#D55E00"}; /* Okabe–Ito */
    const double left = 86, top = 12, bar_h = 24, gap = 12, span = 330;
    int64_t max = 0;
    char text[128];
    for (int i = 0; i < 4; i++)
        max = count[i] > max ? count[i] : max;
    svg_open(p->out, 560, (int)(top + 4 * (bar_h + gap) + 4), "Customers per lifecycle stage");
    for (int i = 0; i < 4; i++) {
        double y = top + i * (bar_h + gap), w = max ? span * (double)count[i] / (double)max : 0;
        svg_text(p->out, left - 10, y + bar_h / 2 + 4, "end", NULL, names[i]);
        svg_rect(p->out, left, y, w > 0 && w < 2 ? 2 : w, bar_h, colours[i], NULL);
        snprintf(text, sizeof text, "%s (%s)", fmt_int(count[i]).s, fmt_pct(share[i]).s);
        svg_text(p->out, left + w + 8, y + bar_h / 2 + 4, "start", NULL, text);
    }
    svg_line(p->out, left, top - 4, left, top + 4 * (bar_h + gap) - gap + 4, "axis");
    svg_close(p->out);
}

/* ---- periods -------------------------------------------------------------- */

typedef struct period_rates {
    size_t n;
    int churn_ran;
    int64_t kind; /* seg_period of the window */
    double top;   /* the y axis runs from 0 to this rate */
} period_rates;

static fmt_buf period_label(rpt *p, int64_t kind, size_t i)
{
    fmt_buf b;
    int64_t start = 0, complete = 1;
    int y = 0, m = 0, d = 0;
    rpt_fail(p, seg_result_period_i64(&start, p->r, i, SEG_PSTAT_START));
    rpt_fail(p, seg_result_period_i64(&complete, p->r, i, SEG_PSTAT_COMPLETE));
    if (seg_date_to_ymd(&y, &m, &d, (int32_t)start) != SEG_OK)
        snprintf(b.s, sizeof b.s, "%s", FMT_NONE);
    else if (kind == SEG_PERIOD_MONTH)
        snprintf(b.s, sizeof b.s, "%04d-%02d", y, m);
    else if (kind == SEG_PERIOD_QUARTER)
        snprintf(b.s, sizeof b.s, "%04d Q%d", y, (m + 2) / 3);
    else
        b = fmt_date(start);
    if (!complete)
        strcat(b.s, "*");
    return b;
}

static double rate(rpt *p, size_t i, seg_period_stat key)
{
    double v = NAN;
    seg_status st = seg_result_period_f64(&v, p->r, i, key);
    if (st != SEG_ERR_STATE)
        rpt_fail(p, st);
    return st == SEG_OK ? v : (double)NAN;
}

/* One series as polylines broken where a rate is undefined, with markers. */
static void series(rpt *p, const svg_plot *plot, const period_rates *pr, seg_period_stat key, const char *cls,
                   svg_shape shape, const char *fill)
{
    int open = 0;
    for (size_t i = 0; i <= pr->n; i++) {
        double v = i < pr->n ? rate(p, i, key) : (double)NAN;
        if (isfinite(v) && !open) {
            svg_polyline_begin(p->out, cls);
            open = 1;
        } else if (!isfinite(v) && open) {
            svg_polyline_end(p->out);
            open = 0;
        }
        if (open)
            svg_polyline_point(p->out, svg_px(plot, ((double)i + 0.5) / (double)pr->n), svg_py(plot, v / pr->top));
    }
    for (size_t i = 0; pr->n <= 60 && i < pr->n; i++) {
        double v = rate(p, i, key);
        if (isfinite(v))
            svg_marker(p->out, svg_px(plot, ((double)i + 0.5) / (double)pr->n), svg_py(plot, v / pr->top), 3.5,
                       shape, fill);
    }
}

/* The smallest round top of the y axis above every rate, so low churn stays visible. */
static double axis_top(rpt *p, const period_rates *pr)
{
    static const double tops[] = {0.05, 0.1, 0.2, 0.25, 0.5};
    double max = 0;
    for (size_t i = 0; i < pr->n; i++) {
        double repeat = rate(p, i, SEG_PSTAT_REPEAT_RATE), churn = pr->churn_ran ? rate(p, i, SEG_PSTAT_CHURN_RATE) : 0;
        max = repeat > max ? repeat : max;
        max = churn > max ? churn : max;
    }
    for (size_t i = 0; i < sizeof tops / sizeof *tops; i++)
        if (max <= tops[i])
            return tops[i];
    return 1;
}

static void rates_chart(rpt *p, const period_rates *pr)
{
    const svg_plot plot = {56, 40, 580, 180};
    size_t step = (pr->n + 11) / 12;
    svg_open(p->out, 660, 270, "Churn rate and repeat-purchase rate per window period");
    svg_pct_axis_y(p->out, &plot, pr->top);
    svg_marker(p->out, plot.x + 6, 14, 4, SVG_CIRCLE, BLUE);
    svg_text(p->out, plot.x + 16, 18, "start", NULL, "repeat-purchase rate");
    if (pr->churn_ran) {
        svg_marker(p->out, plot.x + 186, 14, 4, SVG_SQUARE, ORANGE);
        svg_text(p->out, plot.x + 196, 18, "start", NULL, "churn rate");
    }
    for (size_t i = 0; i < pr->n; i += step)
        svg_text(p->out, svg_px(&plot, ((double)i + 0.5) / (double)pr->n), plot.y + plot.h + 16, "middle", "small",
                 period_label(p, pr->kind, i).s);
    series(p, &plot, pr, SEG_PSTAT_REPEAT_RATE, "curve", SVG_CIRCLE, BLUE);
    if (pr->churn_ran)
        series(p, &plot, pr, SEG_PSTAT_CHURN_RATE, "line2", SVG_SQUARE, ORANGE);
    svg_text(p->out, plot.x, plot.y + plot.h + 40, "start", "small",
             "Undefined rates (no buyers, or no current customers) leave gaps. * = partial period.");
    svg_close(p->out);
}

static int64_t period_i64(rpt *p, size_t i, seg_period_stat key)
{
    int64_t v = 0;
    seg_status st = seg_result_period_i64(&v, p->r, i, key);
    if (st != SEG_ERR_STATE)
        rpt_fail(p, st);
    return v;
}

static void rates_table(rpt *p, const period_rates *pr)
{
    size_t first = pr->n > TABLE_PERIODS ? pr->n - TABLE_PERIODS : 0;
    fputs("<table>\n<tr><th>Period</th><th class=\"n\">Buyers</th><th class=\"n\">New customers</th>"
          "<th class=\"n\">Repeat-purchase rate</th><th class=\"n\">Current at start</th><th class=\"n\">Churned</th>"
          "<th class=\"n\">Churn rate</th></tr>\n",
          p->out);
    for (size_t i = first; i < pr->n; i++) {
        fprintf(p->out, "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                period_label(p, pr->kind, i).s, fmt_int(period_i64(p, i, SEG_PSTAT_BUYERS)).s,
                fmt_int(period_i64(p, i, SEG_PSTAT_NEW)).s, fmt_pct(rate(p, i, SEG_PSTAT_REPEAT_RATE)).s);
        if (pr->churn_ran)
            fprintf(p->out, "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
                    fmt_int(period_i64(p, i, SEG_PSTAT_CURRENT_AT_START)).s,
                    fmt_int(period_i64(p, i, SEG_PSTAT_CHURNED)).s, fmt_pct(rate(p, i, SEG_PSTAT_CHURN_RATE)).s);
        else
            fprintf(p->out, "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", FMT_NONE,
                    FMT_NONE, FMT_NONE);
    }
    fputs("</table>\n", p->out);
    if (first)
        fprintf(p->out, "<p>The table lists the latest %d of %s periods; the chart shows them all.</p>\n",
                TABLE_PERIODS, fmt_int((int64_t)pr->n).s);
}

static void periods(rpt *p, int lifecycle_ran)
{
    period_rates pr = {seg_result_period_count(p->r), lifecycle_ran, rpt_sum_i64(p, SEG_SUM_XYZ_PERIOD), 1};
    pr.top = axis_top(p, &pr);
    fputs("<h3>Churn and repeat purchases per period</h3>\n", p->out);
    if (pr.n == 0) {
        fputs("<p class=\"na\">The window holds no period, so there are no rates to show.</p>\n", p->out);
        return;
    }
    fputs("<figure>\n", p->out);
    rates_chart(p, &pr);
    fputs("<figcaption>Repeat-purchase rate: buyers of the period with two purchases or more, of all its buyers. "
          "Churn rate: customers current the day before the period who were no longer current at its end.",
          p->out);
    if (!lifecycle_ran)
        fputs(" The lifecycle analysis did not run, so there is no churn rate.", p->out);
    fputs("</figcaption>\n</figure>\n", p->out);
    rates_table(p, &pr);
}

void rpt_lifecycle(rpt *p)
{
    int64_t count[4] = {0};
    double share[4] = {0};
    rpt_section_begin(p, "lifecycle", "Lifecycle",
                      "Who is buying now, which open leads are still in play, which were lost, and which customers "
                      "went quiet for longer than the churn horizon: the base for retention work.");
    seg_status st = SEG_OK;
    for (int i = 0; i < 4 && st == SEG_OK; i++)
        st = seg_result_class_summary(&count[i], NULL, &share[i], NULL, p->r, SEG_COL_LIFECYCLE, i + 1);
    if (st == SEG_ERR_STATE) {
        rpt_not_run(p, "The lifecycle analysis");
    } else {
        rpt_fail(p, st);
        fputs("<figure>\n", p->out);
        stage_bars(p, count, share);
        fprintf(p->out, "<figcaption>Customers per stage, of all %s; churned: no purchase within the churn "
                        "horizon before the as-of date (",
                fmt_int(rpt_sum_i64(p, SEG_SUM_CUSTOMERS)).s);
        if (rpt_param_real(p, "churn_adaptive", 0) != 0)
            fputs("adaptive, per customer", p->out);
        else
            fprintf(p->out, "%s days", fmt_int((int64_t)rpt_param_real(p, "churn_days", 0)).s);
        fputs(").</figcaption>\n</figure>\n", p->out);
    }
    periods(p, st != SEG_ERR_STATE);
    rpt_section_end(p);
}

/* ---- renew ---------------------------------------------------------------- */

/* The rows of the top ranks: slot[rank − 1] = row; SIZE_MAX where none. */
static size_t top_leads(rpt *p, size_t slot[RPT_RENEW_TOP])
{
    int64_t rank[ROWS_AT_ONCE];
    uint8_t has[ROWS_AT_ONCE];
    size_t rows = seg_result_rows(p->r), found = 0;
    for (size_t i = 0; i < RPT_RENEW_TOP; i++)
        slot[i] = SIZE_MAX;
    for (size_t first = 0; first < rows; first += ROWS_AT_ONCE) {
        size_t n = rows - first < ROWS_AT_ONCE ? rows - first : ROWS_AT_ONCE;
        seg_status st = seg_result_copy_i64(rank, has, p->r, SEG_COL_RENEW_RANK, first, n);
        if (st != SEG_OK) {
            rpt_fail(p, st);
            return found;
        }
        for (size_t i = 0; i < n; i++)
            if (has[i] && rank[i] >= 1 && rank[i] <= RPT_RENEW_TOP && slot[rank[i] - 1] == SIZE_MAX) {
                slot[rank[i] - 1] = first + i;
                found++;
            }
    }
    return found;
}

static void lead_row(rpt *p, size_t rank, size_t row)
{
    double score = NAN;
    int64_t recontact = 0;
    uint8_t has_date = 0;
    rpt_fail(p, seg_result_copy_f64(&score, NULL, p->r, SEG_COL_RENEW, row, 1));
    rpt_fail(p, seg_result_copy_i64(&recontact, &has_date, p->r, SEG_COL_RECONTACT_DATE, row, 1));
    fprintf(p->out, "<tr><td class=\"n\">%zu</td><td class=\"id\">", rank);
    rpt_customer_id(p, row);
    fputs("</td><td>", p->out);
    rpt_customer_name(p, row);
    fprintf(p->out, "</td><td class=\"n\">%s</td><td>%s</td></tr>\n", fmt_real(score).s,
            has_date ? fmt_date(recontact).s : FMT_NONE);
}

void rpt_renew(rpt *p)
{
    size_t slot[RPT_RENEW_TOP];
    rpt_section_begin(p, "renew", "Renew ranking",
                      "Which lost deals deserve another call: refused leads ranked by the managers' ratings, best "
                      "first, with the day to call back before the competitor's deadline or after its launch.");
    seg_status st = seg_result_class_summary(NULL, NULL, NULL, NULL, p->r, SEG_COL_RENEW_STATUS, SEG_RENEW_SCORED);
    if (st == SEG_ERR_STATE) {
        rpt_not_run(p, "The renew analysis");
        rpt_section_end(p);
        return;
    }
    rpt_fail(p, st);
    int64_t scored = rpt_sum_i64(p, SEG_SUM_RENEW_SCORED), unrated = rpt_sum_i64(p, SEG_SUM_RENEW_UNRATED);
    fprintf(p->out, "<p>%s refused lead%s scored; %s unrated (a rating is missing, so no score rather than 0).",
            fmt_int(scored).s, scored == 1 ? "" : "s", fmt_int(unrated).s);
    if (scored > RPT_RENEW_TOP)
        fprintf(p->out, " The top %d are listed.", RPT_RENEW_TOP);
    fputs("</p>\n", p->out);
    if (top_leads(p, slot) == 0) {
        fputs("<p class=\"na\">No refused lead has a renew score.</p>\n", p->out);
        rpt_section_end(p);
        return;
    }
    fputs("<table>\n<tr><th class=\"n\">Rank</th><th>Customer id</th><th>Name</th><th class=\"n\">Renew score</th>"
          "<th>Re-contact on</th></tr>\n",
          p->out);
    for (size_t i = 0; i < RPT_RENEW_TOP; i++)
        if (slot[i] != SIZE_MAX)
            lead_row(p, i + 1, slot[i]);
    fputs("</table>\n", p->out);
    rpt_section_end(p);
}
