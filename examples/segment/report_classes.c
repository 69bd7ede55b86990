/* The class sections: the ABC × XYZ heat map, the RFM R × F heat map with the
 * segment table, and the ABC and XYZ class tables with the CV quantiles. */
#include "report_priv.h"

#include <math.h>

#include "html.h"
#include "svg.h"

#define ROWS_AT_ONCE 256 /* rows copied per call when counting RFM cells */

static void heat_cell(FILE *out, double x, double y, double w, double h, double t, const char *line1,
                      const char *line2)
{
    svg_colour c = svg_heat(t);
    svg_rect(out, x, y, w, h, c.hex, "cell");
    const char *cls = c.dark ? "light" : NULL;
    if (line2) {
        svg_text(out, x + w / 2, y + h / 2 - 3, "middle", cls, line1);
        svg_text(out, x + w / 2, y + h / 2 + 13, "middle", cls, line2);
    } else {
        svg_text(out, x + w / 2, y + h / 2 + 4, "middle", cls, line1);
    }
}

/* ---- ABC × XYZ ---------------------------------------------------------- */

static void abc_xyz_chart(rpt *p, const int64_t counts[9], const double shares[9])
{
    static const char *const rows[3] = {"A", "B", "C"}, *const cols[3] = {"X steady", "Y fluctuating", "Z irregular"};
    const double left = 56, top = 44, w = 136, h = 68;
    double max = 0;
    char title[128], line1[128], line2[128];
    for (int i = 0; i < 9; i++)
        if (shares[i] > max)
            max = shares[i];
    snprintf(title, sizeof title, "ABC × XYZ heat map: customers and share of %s per cell", p->metric_name);
    svg_open(p->out, (int)(left + 3 * w + 8), (int)(top + 3 * h + 30), title);
    svg_text(p->out, left, 14, "start", "title", "XYZ: how steadily they buy →");
    for (int c = 0; c < 3; c++)
        svg_text(p->out, left + c * w + w / 2, top - 8, "middle", "title", cols[c]);
    for (int r = 0; r < 3; r++) {
        svg_text(p->out, left - 12, top + r * h + h / 2 + 4, "end", "title", rows[r]);
        for (int c = 0; c < 3; c++) {
            int i = 3 * r + c;
            snprintf(line1, sizeof line1, "%s%c · %s", rows[r], "XYZ"[c], fmt_int(counts[i]).s);
            snprintf(line2, sizeof line2, "%s of %s", fmt_pct(isfinite(shares[i]) ? shares[i] : 0).s, p->metric_name);
            heat_cell(p->out, left + c * w, top + r * h, w, h, max > 0 && isfinite(shares[i]) ? shares[i] / max : 0,
                      line1, line2);
        }
    }
    svg_text(p->out, 8, top + 3 * h + 22, "start", "small", "ABC: what they bring, A most. Colour: share of the metric.");
    svg_close(p->out);
}

void rpt_abc_xyz(rpt *p)
{
    int64_t counts[9], too_new = 0, no_mean = 0;
    double shares[9];
    char lead[320];
    snprintf(lead, sizeof lead,
             "Where to put key-account effort: A–X customers bring the most %s and buy steadily (plan on them), "
             "A–Z bring much but irregularly (call before they drift), C–Z are small and sporadic (standard "
             "offers).",
             p->metric_name);
    rpt_section_begin(p, "abc-xyz", "ABC × XYZ", lead);
    seg_status st = seg_result_abc_xyz(counts, shares, p->r);
    if (st != SEG_OK) {
        rpt_fail(p, st == SEG_ERR_STATE ? SEG_OK : st);
        rpt_not_run(p, "ABC or XYZ (the matrix needs both)");
        rpt_section_end(p);
        return;
    }
    fputs("<figure>\n", p->out);
    abc_xyz_chart(p, counts, shares);
    rpt_fail(p, seg_result_class_summary(&too_new, NULL, NULL, NULL, p->r, SEG_COL_XYZ, SEG_XYZ_TOO_NEW));
    rpt_fail(p, seg_result_class_summary(&no_mean, NULL, NULL, NULL, p->r, SEG_COL_XYZ, SEG_XYZ_NO_MEAN));
    fprintf(p->out,
            "<figcaption>Each cell: customers and their share of the %s of all ABC-classed buyers. Left out: %s "
            "buyers too new for a CV and %s whose period mean is not positive.</figcaption>\n</figure>\n",
            p->metric_name, fmt_int(too_new).s, fmt_int(no_mean).s);
    rpt_section_end(p);
}

/* ---- RFM ---------------------------------------------------------------- */

/* Customers per (R, F) score cell, counted over the result's columns. */
static void rf_counts(rpt *p, int64_t cell[10][10], int kr, int kf)
{
    int64_t r[ROWS_AT_ONCE], f[ROWS_AT_ONCE];
    uint8_t has_r[ROWS_AT_ONCE], has_f[ROWS_AT_ONCE];
    size_t rows = seg_result_rows(p->r);
    for (size_t first = 0; first < rows; first += ROWS_AT_ONCE) {
        size_t n = rows - first < ROWS_AT_ONCE ? rows - first : ROWS_AT_ONCE;
        seg_status st = seg_result_copy_i64(r, has_r, p->r, SEG_COL_R, first, n);
        if (st == SEG_OK)
            st = seg_result_copy_i64(f, has_f, p->r, SEG_COL_F, first, n);
        if (st != SEG_OK) {
            rpt_fail(p, st);
            return;
        }
        for (size_t i = 0; i < n; i++)
            if (has_r[i] && has_f[i] && r[i] >= 1 && r[i] <= kr && f[i] >= 1 && f[i] <= kf)
                cell[r[i] - 1][f[i] - 1]++;
    }
}

static void rf_chart(rpt *p, int64_t cell[10][10], int kr, int kf)
{
    const double left = 64, top = 40, w = 56, h = 40;
    int64_t max = 0;
    char text[160];
    for (int r = 0; r < kr; r++)
        for (int f = 0; f < kf; f++)
            max = cell[r][f] > max ? cell[r][f] : max;
    snprintf(text, sizeof text, "RFM heat map: customers per recency score (R, 1 to %d) and frequency score (F, 1 to %d)",
             kr, kf);
    svg_open(p->out, (int)(left + kf * w + 12), (int)(top + kr * h + 50), text);
    snprintf(text, sizeof text, "R: recency score (%d = bought most recently)", kr);
    svg_text(p->out, 8, 16, "start", "title", text);
    for (int r = kr; r >= 1; r--) {
        double y = top + (kr - r) * h;
        snprintf(text, sizeof text, "R %d", r);
        svg_text(p->out, left - 10, y + h / 2 + 4, "end", NULL, text);
        for (int f = 1; f <= kf; f++) {
            int64_t v = cell[r - 1][f - 1];
            heat_cell(p->out, left + (f - 1) * w, y, w, h, max ? (double)v / (double)max : 0, fmt_int(v).s, NULL);
        }
    }
    for (int f = 1; f <= kf; f++) {
        snprintf(text, sizeof text, "F %d", f);
        svg_text(p->out, left + (f - 1) * w + w / 2, top + kr * h + 16, "middle", NULL, text);
    }
    snprintf(text, sizeof text, "F: frequency score (%d = buys most often) →", kf);
    svg_text(p->out, left, top + kr * h + 38, "start", "title", text);
    svg_close(p->out);
}

static void segment_table(rpt *p)
{
    size_t n = seg_result_segment_count(p->r);
    fprintf(p->out,
            "<h3>Segments</h3>\n<table>\n<tr><th>Segment</th><th>Rule (score ranges)</th><th class=\"n\">Customers</th>"
            "<th class=\"n\">Share</th><th class=\"n\">Share of %s</th></tr>\n",
            p->metric_name);
    for (size_t s = 0; s < n; s++) {
        int64_t count = 0;
        double share = NAN, metric_share = NAN;
        rpt_fail(p, seg_result_class_summary(&count, NULL, &share, &metric_share, p->r, SEG_COL_RFM_SEGMENT,
                                             (int64_t)s));
        fputs("<tr><td>", p->out);
        html_str(p->out, seg_result_segment_name(p->r, (int64_t)s));
        fputs("</td><td>", p->out);
        html_str(p->out, s < p->facts.nrule ? p->facts.rule[s] : FMT_NONE);
        fprintf(p->out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
                fmt_int(count).s, fmt_pct(share).s, fmt_pct(metric_share).s);
    }
    fputs("</table>\n", p->out);
    int64_t scored = rpt_sum_i64(p, SEG_SUM_RFM_SCORED), unsegmented = rpt_sum_i64(p, SEG_SUM_RFM_UNSEGMENTED);
    fprintf(p->out, "<p>%s buyers scored; shares are of the %s with a segment.", fmt_int(scored).s,
            fmt_int(scored - unsegmented).s);
    if (unsegmented)
        fprintf(p->out, " %s scored buyers fall in cells no rule covers and have no segment.", fmt_int(unsegmented).s);
    fputs("</p>\n", p->out);
}

void rpt_rfm(rpt *p)
{
    int64_t cell[10][10] = {{0}};
    size_t nr = 0, nf = 0;
    rpt_section_begin(p, "rfm", "RFM: recency, frequency, monetary",
                      "Who to call first: the top right bought recently and often (champions), the bottom right "
                      "bought often but long ago (win them back before they are lost), the bottom left bought "
                      "little long ago.");
    seg_status st = seg_result_rfm_breaks(NULL, 0, &nr, p->r, SEG_AXIS_R);
    if (st == SEG_ERR_STATE) {
        rpt_not_run(p, "RFM");
        rpt_section_end(p);
        return;
    }
    seg_result_rfm_breaks(NULL, 0, &nf, p->r, SEG_AXIS_F);
    int kr = (int)nr + 1, kf = (int)nf + 1;
    if (kr < 2 || kr > 10 || kf < 2 || kf > 10) {
        rpt_fail(p, SEG_ERR_RANGE);
        rpt_section_end(p);
        return;
    }
    rf_counts(p, cell, kr, kf);
    fputs("<figure>\n", p->out);
    rf_chart(p, cell, kr, kf);
    fputs("<figcaption>Each cell counts the buyers with that pair of scores; darker holds more. "
          "The M score (monetary) is in the segment rules below.</figcaption>\n</figure>\n",
          p->out);
    segment_table(p);
    rpt_section_end(p);
}

/* ---- ABC and XYZ class tables --------------------------------------------- */

static void class_row(rpt *p, const char *label, seg_column column, int64_t value, int with_metric)
{
    int64_t count = 0, metric = 0;
    double share = NAN, metric_share = NAN;
    rpt_fail(p, seg_result_class_summary(&count, &metric, &share, &metric_share, p->r, column, value));
    fputs("<tr><td>", p->out);
    html_str(p->out, label);
    fprintf(p->out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>", fmt_int(count).s, fmt_pct(share).s);
    if (with_metric)
        fprintf(p->out, "<td class=\"n\">%s</td>", rpt_metric(p, metric).s);
    fprintf(p->out, "<td class=\"n\">%s</td></tr>\n", fmt_pct(metric_share).s);
}

static void abc_table(rpt *p)
{
    static const char *const names[3] = {"A: the few that bring most", "B: the middle", "C: the many small ones"};
    fputs("<h3>ABC classes</h3>\n", p->out);
    if (seg_result_class_summary(NULL, NULL, NULL, NULL, p->r, SEG_COL_ABC, SEG_ABC_A) == SEG_ERR_STATE) {
        rpt_not_run(p, "ABC");
        return;
    }
    fprintf(p->out,
            "<table>\n<tr><th>Class</th><th class=\"n\">Customers</th><th class=\"n\">Share of buyers</th>"
            "<th class=\"n\">%c%s</th><th class=\"n\">Share of %s</th></tr>\n",
            p->metric_name[0] - 'a' + 'A', p->metric_name + 1, p->metric_name);
    for (int k = SEG_ABC_A; k <= SEG_ABC_C; k++)
        class_row(p, names[k - 1], SEG_COL_ABC, k, 1);
    fprintf(p->out, "</table>\n<p>Total %s of buyers with a positive one: %s.</p>\n", p->metric_name,
            rpt_metric(p, rpt_sum_i64(p, SEG_SUM_METRIC_TOTAL)).s);
}

static void xyz_table(rpt *p)
{
    static const char *const names[5] = {"X: steady", "Y: fluctuating", "Z: irregular", FMT_NONE " too new for a CV",
                                         FMT_NONE " no positive mean"};
    static const struct {
        const char *label;
        seg_summary key;
    } q[] = {{"min", SEG_SUM_XYZ_CV_MIN},   {"10 %", SEG_SUM_XYZ_CV_P10}, {"25 %", SEG_SUM_XYZ_CV_P25},
             {"median", SEG_SUM_XYZ_CV_MEDIAN}, {"75 %", SEG_SUM_XYZ_CV_P75}, {"90 %", SEG_SUM_XYZ_CV_P90},
             {"max", SEG_SUM_XYZ_CV_MAX}};
    fputs("<h3>XYZ classes</h3>\n", p->out);
    if (seg_result_class_summary(NULL, NULL, NULL, NULL, p->r, SEG_COL_XYZ, SEG_XYZ_X) == SEG_ERR_STATE) {
        rpt_not_run(p, "XYZ");
        return;
    }
    fprintf(p->out,
            "<table>\n<tr><th>Class</th><th class=\"n\">Customers</th><th class=\"n\">Share of buyers</th>"
            "<th class=\"n\">Share of %s</th></tr>\n",
            p->metric_name);
    for (int k = SEG_XYZ_X; k <= SEG_XYZ_NO_MEAN; k++)
        class_row(p, names[k - 1], SEG_COL_XYZ, k, 0);
    fputs("</table>\n<p>Coefficient of variation (CV) of the buyers' period series, as quantiles; "
          "X and Y are bounded at ",
          p->out);
    fprintf(p->out, "%s and %s:</p>\n<table>\n<tr>", rpt_pct_short(rpt_param_real(p, "xyz_x", (double)NAN)).s,
            rpt_pct_short(rpt_param_real(p, "xyz_y", (double)NAN)).s);
    for (size_t i = 0; i < sizeof q / sizeof *q; i++)
        fprintf(p->out, "<th class=\"n\">%s</th>", q[i].label);
    fputs("</tr>\n<tr>", p->out);
    for (size_t i = 0; i < sizeof q / sizeof *q; i++)
        fprintf(p->out, "<td class=\"n\">%s</td>", fmt_pct(rpt_sum_f64(p, q[i].key)).s);
    fputs("</tr>\n</table>\n", p->out);
}

void rpt_classes(rpt *p)
{
    rpt_section_begin(p, "classes", "ABC and XYZ classes",
                      "How the buyers split: ABC by what they bring, XYZ by how steadily they buy; the spread of "
                      "CV shows whether the XYZ bounds suit this customer base.");
    abc_table(p);
    xyz_table(p);
    rpt_section_end(p);
}
