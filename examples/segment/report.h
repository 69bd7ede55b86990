/* The HTML report of the segment tool: one self-contained UTF-8 page drawn
 * from a seg_result, with inline CSS and inline SVG charts, no script and no
 * external resource, so it can be mailed, archived or printed as it is. */
#ifndef SEGMENT_REPORT_H
#define SEGMENT_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libsegment/segment.h>

/* What the library does not know about a run. A zeroed struct is valid and
 * shows none of it; every pointer may be NULL. Strings are shown escaped. */
typedef struct segment_report_info {
    const char *tool_version;  /* e.g. "segment 0.3.0" */
    const char *const *inputs; /* input file names as given, n_inputs of them */
    size_t n_inputs;
    const char *const *argv;   /* the command line, argc words, shown shell-quoted */
    int argc;
    int64_t generated_at;      /* seconds since 1970-01-01 UTC; 0 shows no time (tests: any fixed value) */
    const char *title;         /* page title; NULL gives "Customer segmentation report" */
} segment_report_info;

/* Write the report of `result` to `out`. Sections of analyses that did not
 * run say so instead of drawing. The bytes depend only on the result and
 * `info` (not on the C locale). Nothing is printed elsewhere and nothing is
 * allocated except by stdio and the library: the parameters, segment rules
 * and Lorenz curve are read through seg_result_write()'s summary, which uses
 * the result's context, so call this on the thread that uses that context.
 * Returns 0; EINVAL for a NULL `out` or `result`; ENOMEM when the library runs
 * out of memory (nothing is written then); EIO, or the stream's errno, when
 * writing fails. */
int segment_report_write(FILE *out, const seg_result *result, const segment_report_info *info);

#endif
