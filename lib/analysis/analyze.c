/* seg_analyze: resolve the options, build the shared orders once, run the
 * selected analyses in dependency order, and hand back a read-only result. */
#include "run.h"

#include <string.h>

void *seg__run_alloc(seg_run *run, size_t bytes)
{
    if (run->nscratch == sizeof run->scratch / sizeof *run->scratch)
        return NULL;
    void *p = seg__malloc(run->ctx, bytes ? bytes : 1);
    if (p)
        run->scratch[run->nscratch++] = p;
    return p;
}

static void end_run(seg_run *run)
{
    for (size_t i = 0; i < run->nscratch; i++)
        seg__free(run->ctx, run->scratch[i]);
    run->nscratch = 0;
}

static seg_status run_all(seg_run *run)
{
    unsigned a = run->o->analyses;
    SEG_TRY(seg__order_by_id(run));
    SEG_TRY(seg__cells_by_customer(run));
    SEG_TRY(seg__aggregate(run));
    if (a & SEG_ANALYSIS_RFM)
        SEG_TRY(seg__rfm(run));
    if (a & (SEG_ANALYSIS_ABC | SEG_ANALYSIS_PARETO))
        SEG_TRY(seg__rank_metric(run));
    if (a & SEG_ANALYSIS_ABC)
        SEG_TRY(seg__abc(run));
    if (a & SEG_ANALYSIS_PARETO)
        SEG_TRY(seg__pareto(run));
    if (!(a & (SEG_ANALYSIS_XYZ | SEG_ANALYSIS_PARETO | SEG_ANALYSIS_LIFECYCLE)))
        return SEG_OK;
    SEG_TRY(seg__window(run));
    if (a & SEG_ANALYSIS_XYZ)
        SEG_TRY(seg__xyz(run));
    if (a & SEG_ANALYSIS_PARETO)
        SEG_TRY(seg__period_lists(run));
    if (a & SEG_ANALYSIS_LIFECYCLE)
        SEG_TRY(seg__lifecycle(run));
    SEG_TRY(seg__rates(run));
    if (a & SEG_ANALYSIS_RENEW)
        SEG_TRY(seg__renew(run));
    return SEG_OK;
}

static void destroy(seg_result *r)
{
    for (size_t i = 0; i < r->nowned; i++)
        seg__free(r->ctx, r->owned[i]);
    seg__free(r->ctx, r);
}

static seg_status analyze(seg_result *r, const seg_params *params)
{
    seg_run run;
    memset(&run, 0, sizeof run);
    SEG_TRY(seg__opts_resolve(&r->opts, r->ds, params));
    run.ctx = r->ctx;
    run.ds = r->ds;
    run.res = r;
    run.o = &r->opts;
    run.n = r->rows;
    seg_status st = run_all(&run);
    end_run(&run);
    r->ran = r->opts.analyses;
    return st;
}

SEG_API seg_status seg_analyze(seg_result **out, seg_dataset *ds, const seg_params *params)
{
    if (!ds)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, out, "out is NULL");
    seg_params defaults;
    if (!params) {
        defaults.ctx = ds->ctx;
        seg__params_defaults(&defaults);
        params = &defaults;
    }
    seg_result *r = seg__malloc(ds->ctx, sizeof *r);
    if (!r)
        return seg__nomem(ds->ctx, sizeof *r);
    memset(r, 0, sizeof *r);
    r->ctx = ds->ctx;
    r->ds = ds;
    r->rows = seg__customer_count(ds);
    r->scale = ds->scale;
    seg_status st = analyze(r, params);
    if (st != SEG_OK) {
        destroy(r);
        return st;
    }
    ds->live_results++;
    *out = r;
    return SEG_OK;
}
