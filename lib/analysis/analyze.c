/* seg_analyze: resolve the options, build the shared orders once, then run
 * the selected analyses as independent tasks, in order on the calling thread
 * or spread over worker threads, and hand back a read-only result. */
#include "run.h"

#include "../util/workers.h"

#include <string.h>

#define MAX_STAGES 4
#define MAX_TASKS 5

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

typedef seg_status (*stage_fn)(seg_run *run);

/* A chain of stages that depend on each other but on no other task; on a
 * worker it has its own scratch and its own context for errors. */
typedef struct task {
    stage_fn stage[MAX_STAGES];
    size_t nstages;
    seg_run run;
    seg_context ctx;
    seg_status status;
} task;

typedef struct plan {
    task task[MAX_TASKS];
    size_t ntasks;
} plan;

static task *new_task(plan *p)
{
    task *t = &p->task[p->ntasks++];
    t->nstages = 0;
    t->status = SEG_OK;
    return t;
}

static void add_stage(task *t, stage_fn fn)
{
    t->stage[t->nstages++] = fn;
}

/* The tasks after the shared prerequisites: each reads what those built and
 * writes only its own columns and summaries. Workers take them in this
 * order, so the longest come first (on the benchmark's data: lifecycle and
 * rates, RFM, the metric ranking, XYZ, the top lists) and the last to start
 * are short: no thread is left with a long task while the others idle. */
static void make_plan(plan *p, unsigned a, int window)
{
    p->ntasks = 0;
    if (window) {
        task *t = new_task(p);
        if (a & SEG_ANALYSIS_LIFECYCLE)
            add_stage(t, seg__lifecycle);
        add_stage(t, seg__rates);
        if (a & SEG_ANALYSIS_RENEW)
            add_stage(t, seg__renew);
    }
    if (a & SEG_ANALYSIS_RFM)
        add_stage(new_task(p), seg__rfm);
    if (a & (SEG_ANALYSIS_ABC | SEG_ANALYSIS_PARETO)) {
        task *t = new_task(p);
        add_stage(t, seg__rank_metric);
        if (a & SEG_ANALYSIS_ABC)
            add_stage(t, seg__abc);
        if (a & SEG_ANALYSIS_PARETO)
            add_stage(t, seg__pareto);
    }
    if (window && (a & SEG_ANALYSIS_XYZ))
        add_stage(new_task(p), seg__xyz);
    if (window && (a & SEG_ANALYSIS_PARETO))
        add_stage(new_task(p), seg__period_lists);
}

static void run_stages(void *plan_, size_t i)
{
    task *t = &((plan *)plan_)->task[i];
    for (size_t s = 0; s < t->nstages && t->status == SEG_OK; s++)
        t->status = t->stage[s](&t->run);
}

static void run_task(void *plan_, size_t i)
{
    run_stages(plan_, i);
    end_run(&((plan *)plan_)->task[i].run);
}

/* Each task gets a copy of the shared run; on workers also a private context
 * (same allocator, no log callback) so that errors never race. */
static void prepare_tasks(plan *p, const seg_run *shared, int threaded)
{
    for (size_t i = 0; i < p->ntasks; i++) {
        task *t = &p->task[i];
        t->run = *shared;
        t->run.nscratch = 0;
        if (!threaded)
            continue;
        t->ctx = *shared->ctx;
        t->ctx.log_fn = NULL;
        t->run.ctx = &t->ctx;
    }
}

/* The first failure, in task order, reported through the caller's context. */
static seg_status first_failure(const plan *p, seg_context *ctx, int threaded)
{
    for (size_t i = 0; i < p->ntasks; i++) {
        const task *t = &p->task[i];
        if (t->status == SEG_OK)
            continue;
        if (threaded)
            seg__error_at(ctx, t->status, t->ctx.line, t->ctx.column, "%s", t->ctx.msg);
        return t->status;
    }
    return SEG_OK;
}

static seg_status run_tasks(seg_run *shared, plan *p, unsigned threads)
{
    seg_result *r = shared->res;
    int threaded = threads > 1 && p->ntasks > 1;
    if (threaded) {
        r->lock = seg__malloc(shared->ctx, seg__mutex_size());
        if (!r->lock)
            return seg__nomem(shared->ctx, seg__mutex_size());
        if (seg__mutex_init(r->lock) != 0) {
            seg__free(shared->ctx, r->lock);
            r->lock = NULL;
            threaded = 0;
        }
    }
    prepare_tasks(p, shared, threaded);
    if (threaded)
        seg__parallel(p->ntasks, threads, run_task, p);
    else
        for (size_t i = 0; i < p->ntasks; i++)
            run_task(p, i);
    if (r->lock) {
        seg__mutex_destroy(r->lock);
        seg__free(shared->ctx, r->lock);
        r->lock = NULL;
    }
    return first_failure(p, shared->ctx, threaded);
}

static int uses_window(unsigned analyses)
{
    return (analyses & (SEG_ANALYSIS_XYZ | SEG_ANALYSIS_PARETO | SEG_ANALYSIS_LIFECYCLE)) != 0;
}

/* The prerequisites besides the id order: cells grouped by customer, the
 * aggregates, and the window's cells when an analysis looks at periods. */
static seg_status shared_cells(seg_run *run)
{
    int window = uses_window(run->o->analyses);
    SEG_TRY(seg__cells_by_customer(run, window));
    SEG_TRY(seg__aggregate(run));
    if (!window)
        return SEG_OK;
    SEG_TRY(seg__window(run));
    return seg__window_cells(run);
}

/* On two or more threads the id order is built on one beside the rest of
 * the prerequisites on another (neither reads the other's work), each as a
 * task with its own scratch and context; then the run takes both results
 * and all their scratch, also after a failure, so that it frees them. */
static seg_status shared_threaded(seg_run *run, unsigned threads)
{
    plan p;
    p.ntasks = 0;
    add_stage(new_task(&p), seg__order_by_id); /* first, as on one thread: its failure is reported first */
    add_stage(new_task(&p), shared_cells);
    prepare_tasks(&p, run, 1);
    seg__parallel(p.ntasks, threads, run_stages, &p);
    seg_run *order = &p.task[0].run, *cells = &p.task[1].run;
    for (size_t i = 0; i < order->nscratch; i++) /* both fit: one run holds them one after the other */
        cells->scratch[cells->nscratch++] = order->scratch[i];
    cells->by_id = order->by_id;
    cells->ctx = run->ctx;
    *run = *cells;
    return first_failure(&p, run->ctx, 1);
}

static seg_status run_all(seg_run *run, unsigned threads)
{
    plan p;
    if (threads > 1) {
        SEG_TRY(shared_threaded(run, threads));
    } else {
        SEG_TRY(seg__order_by_id(run));
        SEG_TRY(shared_cells(run));
    }
    make_plan(&p, run->o->analyses, uses_window(run->o->analyses));
    return run_tasks(run, &p, threads);
}

static void destroy(seg_result *r)
{
    for (size_t i = 0; i < r->nowned; i++)
        seg__free(r->ctx, r->owned[i]);
    seg__free(r->ctx, r);
}

/* The parameters as used: the given ones with resolved values patched in. */
static void keep_params(seg_result *r, const seg_params *params)
{
    static const seg_param bins[3] = {SEG_PARAM_RFM_BINS_R, SEG_PARAM_RFM_BINS_F, SEG_PARAM_RFM_BINS_M};
    r->used = *params;
    r->used.ctx = r->ctx;
    seg__params_patch(&r->used, SEG_PARAM_AS_OF, r->opts.as_of);
    seg__params_patch(&r->used, SEG_PARAM_XYZ_PERIOD, r->opts.xyz_period);
    for (int a = 0; a < 3; a++)
        seg__params_patch(&r->used, bins[a], r->opts.bins[a]);
}

static seg_status analyze(seg_result *r, const seg_params *params)
{
    seg_run run;
    memset(&run, 0, sizeof run);
    SEG_TRY(seg__opts_resolve(&r->opts, r->ds, params));
    keep_params(r, params);
    run.ctx = r->ctx;
    run.ds = r->ds;
    run.res = r;
    run.o = &r->opts;
    run.n = r->rows;
    seg_status st = run_all(&run, (unsigned)seg__param_i64(params, SEG_PARAM_THREADS));
    end_run(&run);
    r->ran = r->opts.analyses;
    return st;
}

SEG_API seg_status seg_analyze(seg_result **out, seg_dataset *ds, const seg_params *params)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, out, "out is NULL");
    SEG_CHECK_ARG(ds->ctx, seg__absent_or_live(params, SEG_TAG_PARAMS), "params is not a live parameter set");
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
    r->tag = SEG_TAG_RESULT;
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
