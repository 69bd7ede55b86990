/* Shared state of one report being written, and the sections, each in the
 * file of its concept: report.c (page, overview, parameters), report_facts.c
 * (parameters used, rules, the thinned Lorenz curve), report_pareto.c, report_classes.c
 * (ABC × XYZ, RFM, class tables), report_lifecycle.c (lifecycle, renew). */
#ifndef SEGMENT_REPORT_PRIV_H
#define SEGMENT_REPORT_PRIV_H

#include "format.h"
#include "report.h"

#define RPT_MAX_PARAMS 64
#define RPT_MAX_CRITERIA 16
#define RPT_MAX_RULES 64       /* the library's limit on segment rules */
#define RPT_LORENZ_POINTS 256  /* the curve is thinned to this many points */
#define RPT_FIELD 80           /* bytes kept of one parameter's text */
#define RPT_RENEW_TOP 20       /* leads listed in the renew ranking */

typedef struct rpt_pair {
    char name[RPT_FIELD], value[RPT_FIELD];
    double number; /* the value as a number (NaN for lists) */
} rpt_pair;

/* The parameters the result used, the renew criteria, the segment rules'
 * ranges, and the Lorenz curve thinned to a fixed number of points. */
typedef struct rpt_facts {
    rpt_pair param[RPT_MAX_PARAMS];
    size_t nparam;
    rpt_pair criterion[RPT_MAX_CRITERIA];
    size_t ncriterion;
    char rule[RPT_MAX_RULES][RPT_FIELD];
    size_t nrule;
    double lorenz_x[RPT_LORENZ_POINTS], lorenz_y[RPT_LORENZ_POINTS];
    size_t nlorenz;
} rpt_facts;

typedef struct rpt {
    FILE *out;
    const seg_result *r;
    const seg_dataset *ds;
    const segment_report_info *info;
    int scale;
    int metric_is_money;     /* the ABC metric is revenue or margin */
    const char *metric_name; /* "revenue", "margin", "quantity" or "purchases" */
    int err;                 /* first unexpected library failure, errno-style */
    rpt_facts facts;
} rpt;

/* report_facts.c */
int rpt_read_facts(rpt_facts *f, const seg_result *r);
const char *rpt_param(const rpt *p, const char *name);
double rpt_param_real(const rpt *p, const char *name, double fallback);

/* report.c: helpers shared by the sections */
void rpt_section_begin(rpt *p, const char *id, const char *heading, const char *lead);
void rpt_section_end(rpt *p);
void rpt_not_run(rpt *p, const char *analysis);
void rpt_fail(rpt *p, seg_status st);
int64_t rpt_sum_i64(rpt *p, seg_summary key);
double rpt_sum_f64(rpt *p, seg_summary key);
fmt_buf rpt_metric(const rpt *p, int64_t value);
fmt_buf rpt_pct_short(double share);
void rpt_customer_id(rpt *p, size_t row);
void rpt_customer_name(rpt *p, size_t row);

/* the sections, in page order */
void rpt_pareto(rpt *p);
void rpt_abc_xyz(rpt *p);
void rpt_rfm(rpt *p);
void rpt_lifecycle(rpt *p);
void rpt_renew(rpt *p);
void rpt_classes(rpt *p);

#endif
