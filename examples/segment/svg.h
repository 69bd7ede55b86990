/* Small SVG primitives for the report's charts: the <svg> element with its
 * size, viewBox, role and title; lines, rectangles, text, markers, polylines,
 * percent axes and a colour-blind-safe sequential colour ramp. */
#ifndef SEGMENT_SVG_H
#define SEGMENT_SVG_H

#include <stdio.h>

/* The plot area of a chart, in pixels from the top left of the <svg>. */
typedef struct svg_plot {
    double x, y, w, h;
} svg_plot;

/* Marker shapes, told apart without colour. */
typedef enum svg_shape { SVG_CIRCLE, SVG_SQUARE, SVG_DIAMOND } svg_shape;

/* A fill colour "#rrggbb" and whether text on it should be light. */
typedef struct svg_colour {
    char hex[8];
    int dark;
} svg_colour;

/* Open an <svg> of width × height pixels (both > 0) with a matching viewBox,
 * role="img" and a <title> (escaped); close it with svg_close(). */
void svg_open(FILE *out, int width, int height, const char *title);
void svg_close(FILE *out);

/* A line; cls is a CSS class of the page (axis, grid, diag, guide). */
void svg_line(FILE *out, double x1, double y1, double x2, double y2, const char *cls);

/* A rectangle filled with fill ("#rrggbb"), with an optional class. */
void svg_rect(FILE *out, double x, double y, double w, double h, const char *fill, const char *cls);

/* Text (escaped) at x, y; anchor is "start", "middle" or "end"; cls may be NULL. */
void svg_text(FILE *out, double x, double y, const char *anchor, const char *cls, const char *text);

/* A marker of radius r centred at x, y. */
void svg_marker(FILE *out, double x, double y, double r, svg_shape shape, const char *fill);

/* A polyline: begin, any number of points, end. */
void svg_polyline_begin(FILE *out, const char *cls);
void svg_polyline_point(FILE *out, double x, double y);
void svg_polyline_end(FILE *out);

/* Pixel position of a fraction 0–1 along the plot's x and y (y upwards). */
double svg_px(const svg_plot *p, double fx);
double svg_py(const svg_plot *p, double fy);

/* Grid lines and labels at every fifth of 0 … top (a share, 1 = 100 %) on
 * the left (y) of a plot, or of 0 … 100 % at the bottom (x), with the axis line. */
void svg_pct_axis_y(FILE *out, const svg_plot *p, double top);
void svg_pct_axis_x(FILE *out, const svg_plot *p);

/* Colour of a heat-map cell holding a fraction t (0–1) of the largest cell:
 * a single-hue blue ramp, readable with every colour-vision deficiency;
 * an empty cell (t = 0) is a neutral grey. */
svg_colour svg_heat(double t);

#endif
