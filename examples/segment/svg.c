/* Small SVG primitives for the report's charts. Coordinates are written with
 * one decimal through fmt_fixed(), so the bytes do not depend on the locale. */
#include "svg.h"

#include "format.h"
#include "html.h"

void svg_open(FILE *out, int width, int height, const char *title)
{
    fprintf(out, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n<title>", width, height,
            width, height);
    html_str(out, title);
    fputs("</title>\n", out);
}

void svg_close(FILE *out)
{
    fputs("</svg>\n", out);
}

void svg_line(FILE *out, double x1, double y1, double x2, double y2, const char *cls)
{
    fprintf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" class=\"%s\"/>\n", fmt_fixed(x1, 1).s,
            fmt_fixed(y1, 1).s, fmt_fixed(x2, 1).s, fmt_fixed(y2, 1).s, cls);
}

void svg_rect(FILE *out, double x, double y, double w, double h, const char *fill, const char *cls)
{
    fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"", fmt_fixed(x, 1).s,
            fmt_fixed(y, 1).s, fmt_fixed(w, 1).s, fmt_fixed(h, 1).s, fill);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputs("/>\n", out);
}

void svg_text(FILE *out, double x, double y, const char *anchor, const char *cls, const char *text)
{
    fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\"", fmt_fixed(x, 1).s, fmt_fixed(y, 1).s, anchor);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputs(">", out);
    html_str(out, text);
    fputs("</text>\n", out);
}

void svg_marker(FILE *out, double x, double y, double r, svg_shape shape, const char *fill)
{
    if (shape == SVG_CIRCLE) {
        fprintf(out, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n", fmt_fixed(x, 1).s, fmt_fixed(y, 1).s,
                fmt_fixed(r, 1).s, fill);
    } else if (shape == SVG_SQUARE) {
        svg_rect(out, x - r, y - r, 2 * r, 2 * r, fill, NULL);
    } else {
        fprintf(out, "<polygon points=\"%s,%s %s,%s %s,%s %s,%s\" fill=\"%s\"/>\n", fmt_fixed(x, 1).s,
                fmt_fixed(y - r * 1.3, 1).s, fmt_fixed(x + r * 1.3, 1).s, fmt_fixed(y, 1).s, fmt_fixed(x, 1).s,
                fmt_fixed(y + r * 1.3, 1).s, fmt_fixed(x - r * 1.3, 1).s, fmt_fixed(y, 1).s, fill);
    }
}

void svg_polyline_begin(FILE *out, const char *cls)
{
    fprintf(out, "<polyline class=\"%s\" points=\"", cls);
}

void svg_polyline_point(FILE *out, double x, double y)
{
    fprintf(out, "%s,%s ", fmt_fixed(x, 1).s, fmt_fixed(y, 1).s);
}

void svg_polyline_end(FILE *out)
{
    fputs("\"/>\n", out);
}

double svg_px(const svg_plot *p, double fx)
{
    return p->x + fx * p->w;
}

double svg_py(const svg_plot *p, double fy)
{
    return p->y + p->h - fy * p->h;
}

void svg_pct_axis_y(FILE *out, const svg_plot *p, double top)
{
    char label[64];
    for (int k = 0; k <= 5; k++) {
        double y = svg_py(p, k / 5.0);
        svg_line(out, p->x, y, p->x + p->w, y, k ? "grid" : "axis");
        snprintf(label, sizeof label, "%s %%", fmt_real(100 * top * k / 5).s);
        svg_text(out, p->x - 6, y + 4, "end", "small", label);
    }
    svg_line(out, p->x, p->y, p->x, p->y + p->h, "axis");
}

void svg_pct_axis_x(FILE *out, const svg_plot *p)
{
    char label[16];
    for (int pct = 0; pct <= 100; pct += 20) {
        double x = svg_px(p, pct / 100.0);
        if (pct)
            svg_line(out, x, p->y, x, p->y + p->h, "grid");
        snprintf(label, sizeof label, "%d %%", pct);
        svg_text(out, x, p->y + p->h + 16, "middle", "small", label);
    }
}

/* ColorBrewer "Blues", light to dark. */
static const unsigned char blues[9][3] = {
    {0xf7, 0xfb, 0xff}, {0xde, 0xeb, 0xf7}, {0xc6, 0xdb, 0xef}, {0x9e, 0xca, 0xe1}, {0x6b, 0xae, 0xd6},
    {0x42, 0x92, 0xc6}, {0x21, 0x71, 0xb5}, {0x08, 0x51, 0x9c}, {0x08, 0x30, 0x6b},
};

svg_colour svg_heat(double t)
{
    svg_colour c;
    if (!(t > 0)) {
        snprintf(c.hex, sizeof c.hex, "#eef0f3");
        c.dark = 0;
        return c;
    }
    double pos = (t > 1 ? 1 : t) * 0.85 + 0.15; /* the palest stops are kept for nearly empty cells */
    double f = pos * 8;
    int i = (int)f > 7 ? 7 : (int)f;
    double w = f - i;
    int rgb[3];
    for (int k = 0; k < 3; k++)
        rgb[k] = (int)(blues[i][k] + w * (blues[i + 1][k] - blues[i][k]) + 0.5);
    snprintf(c.hex, sizeof c.hex, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    c.dark = pos > 0.55;
    return c;
}
