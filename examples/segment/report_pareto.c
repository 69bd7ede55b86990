/* The Pareto section: the concentration curve (the Lorenz curve turned so
 * that customers run from the largest down), the diagonal, the top-share and
 * the reach point marked and labelled, and the Gini coefficient. */
#include "report_priv.h"

#include <math.h>

#include "svg.h"

#define ORANGE "#D55E00"

typedef struct pareto_figures {
    int64_t buyers, top_count, reach_count;
    double top, reach, gini, p, q; /* p, q: the parameters; top, reach: the shares found */
} pareto_figures;

/* A marked point with guides to both axes. */
static void mark(FILE *out, const svg_plot *plot, double fx, double fy, svg_shape shape)
{
    double x = svg_px(plot, fx), y = svg_py(plot, fy);
    svg_line(out, x, svg_py(plot, 0), x, y, "guide");
    svg_line(out, svg_px(plot, 0), y, x, y, "guide");
    svg_marker(out, x, y, 5, shape, ORANGE);
}

/* A legend line: a marker (or, without a fill, none) and its text. */
static void legend_line(FILE *out, double x, double y, svg_shape shape, const char *fill, const char *text)
{
    if (fill)
        svg_marker(out, x + 5, y - 4, 4.5, shape, fill);
    svg_text(out, x + 16, y, "start", NULL, text);
}

static void chart(rpt *p, const pareto_figures *f)
{
    const rpt_facts *facts = &p->facts;
    const svg_plot plot = {64, 34, 420, 320};
    char text[256];
    snprintf(text, sizeof text, "Pareto curve: cumulative share of %s by share of buyers, largest first",
             p->metric_name);
    svg_open(p->out, 540, 400, text);
    svg_pct_axis_y(p->out, &plot, 1);
    svg_pct_axis_x(p->out, &plot);
    snprintf(text, sizeof text, "Share of %s", p->metric_name);
    svg_text(p->out, plot.x, plot.y - 14, "start", "title", text);
    svg_text(p->out, svg_px(&plot, 0.5), plot.y + plot.h + 36, "middle", "title", "Share of buyers, largest first");
    svg_line(p->out, svg_px(&plot, 0), svg_py(&plot, 0), svg_px(&plot, 1), svg_py(&plot, 1), "diag");
    svg_polyline_begin(p->out, "curve");
    for (size_t i = facts->nlorenz; i-- > 0;) /* Lorenz ascends from the smallest; turn it round */
        svg_polyline_point(p->out, svg_px(&plot, 1 - facts->lorenz_x[i]), svg_py(&plot, 1 - facts->lorenz_y[i]));
    svg_polyline_end(p->out);
    mark(p->out, &plot, (double)f->top_count / (double)f->buyers, f->top, SVG_CIRCLE);
    mark(p->out, &plot, f->reach, f->q, SVG_DIAMOND);

    double x = svg_px(&plot, 0.34), y = svg_py(&plot, 0.25);
    snprintf(text, sizeof text, "Top %s of buyers (%s) bring %s", rpt_pct_short(f->p).s, fmt_int(f->top_count).s,
             fmt_pct(f->top).s);
    legend_line(p->out, x, y, SVG_CIRCLE, ORANGE, text);
    snprintf(text, sizeof text, "%s of %s from %s of buyers (%s)", rpt_pct_short(f->q).s, p->metric_name,
             fmt_pct(f->reach).s, fmt_int(f->reach_count).s);
    legend_line(p->out, x, y + 20, SVG_DIAMOND, ORANGE, text);
    svg_line(p->out, x - 1, y + 36, x + 11, y + 36, "curve");
    snprintf(text, sizeof text, "Cumulative share of %s", p->metric_name);
    legend_line(p->out, x, y + 40, SVG_CIRCLE, NULL, text);
    snprintf(text, sizeof text, "Gini %s; the dashed diagonal is an even spread", fmt_fixed(f->gini, 2).s);
    legend_line(p->out, x, y + 60, SVG_CIRCLE, NULL, text);
    svg_close(p->out);
}

static void figures(rpt *p, pareto_figures *f)
{
    double p_default = 0.2, q_default = 0.8;
    seg_param_default_f64(&p_default, SEG_PARAM_PARETO_TOP);
    seg_param_default_f64(&q_default, SEG_PARAM_PARETO_REACH);
    f->buyers = rpt_sum_i64(p, SEG_SUM_BUYERS);
    f->top_count = rpt_sum_i64(p, SEG_SUM_PARETO_TOP_COUNT);
    f->reach_count = rpt_sum_i64(p, SEG_SUM_PARETO_REACH_COUNT);
    f->top = rpt_sum_f64(p, SEG_SUM_PARETO_TOP_SHARE);
    f->reach = rpt_sum_f64(p, SEG_SUM_PARETO_REACH_SHARE);
    f->gini = rpt_sum_f64(p, SEG_SUM_GINI);
    f->p = rpt_param_real(p, "pareto_top", p_default);
    f->q = rpt_param_real(p, "pareto_reach", q_default);
}

void rpt_pareto(rpt *p)
{
    char lead[256];
    size_t n = 0;
    snprintf(lead, sizeof lead,
             "How much of the %s rides on a few customers: the higher the curve bulges above the diagonal, the "
             "more a lost key account hurts and the more key-account care pays off.",
             p->metric_name);
    rpt_section_begin(p, "pareto", "Pareto: how concentrated the business is", lead);
    seg_status st = seg_result_lorenz(NULL, NULL, 0, &n, p->r);
    if (st == SEG_ERR_STATE) {
        rpt_not_run(p, "The Pareto analysis");
        rpt_section_end(p);
        return;
    }
    pareto_figures f;
    figures(p, &f);
    if (f.buyers <= 0 || p->facts.nlorenz < 2 || !isfinite(f.top) || !isfinite(f.gini)) {
        fprintf(p->out, "<p class=\"na\">No buyer has a positive %s, so there is no curve to draw.</p>\n",
                p->metric_name);
        rpt_section_end(p);
        return;
    }
    fputs("<figure>\n", p->out);
    chart(p, &f);
    fprintf(p->out,
            "<figcaption>The top %s of buyers (%s customers) bring %s of the %s; %s of it comes from %s of "
            "buyers (%s customers). Gini coefficient %s (0 when every buyer brings the same, near 1 when one "
            "brings everything).</figcaption>\n</figure>\n",
            rpt_pct_short(f.p).s, fmt_int(f.top_count).s, fmt_pct(f.top).s, p->metric_name, rpt_pct_short(f.q).s,
            fmt_pct(f.reach).s, fmt_int(f.reach_count).s, fmt_fixed(f.gini, 2).s);
    rpt_section_end(p);
}
