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

/* Tasks one after another, or on up to `threads` threads (the result's lock
 * then exists). */
static seg_status run_tasks(seg_run *shared, plan *p, unsigned threads)
{
    int threaded = threads > 1 && p->ntasks > 1;
    prepare_tasks(p, shared, threaded);
    if (threaded)
        seg__parallel(p->ntasks, threads, run_task, p);
    else
        for (size_t i = 0; i < p->ntasks; i++)
            run_task(p, i);
    return first_failure(p, shared->ctx, threaded);
}

static int uses_window(unsigned analyses)
{
    return (analyses & (SEG_ANALYSIS_XYZ | SEG_ANALYSIS_PARETO | SEG_ANALYSIS_LIFECYCLE)) != 0;
}

static seg_status cells_stage(seg_run *run)
{
    return seg__cells_by_customer(run, uses_window(run->o->analyses));
}

static seg_status window_stage(seg_run *run)
{
    SEG_TRY(seg__window(run));
    return seg__window_cells(run);
}

/* The prerequisites, in order: customers by id, cells grouped by customer,
 * the aggregates, and the window's cells when an analysis looks at periods. */
static seg_status shared_serial(seg_run *run)
{
    SEG_TRY(seg__order_by_id(run));
    SEG_TRY(cells_stage(run));
    SEG_TRY(seg__aggregate(run));
    return uses_window(run->o->analyses) ? window_stage(run) : SEG_OK;
}

/* The scratch of `from` joins run's (a run holds all of one analysis's). */
static void adopt_scratch(seg_run *run, const seg_run *from)
{
    for (size_t i = 0; i < from->nscratch; i++)
        run->scratch[run->nscratch++] = from->scratch[i];
}

/* Two stages side by side, each as a task with its own copy of `run`, its
 * own scratch and context (the first's failure is reported first, as on one
 * thread); then `run` becomes the second task's copy with `take` copying in
 * what the first built, and holds its own scratch and both tasks', also
 * after a failure, so that it frees them. */
static seg_status side_by_side(seg_run *run, unsigned threads, stage_fn first, stage_fn second,
                               void (*take)(seg_run *to, const seg_run *from))
{
    plan p;
    p.ntasks = 0;
    add_stage(new_task(&p), first);
    add_stage(new_task(&p), second);
    prepare_tasks(&p, run, 1);
    seg__parallel(p.ntasks, threads, run_stages, &p);
    seg_run before = *run;
    *run = p.task[1].run;
    take(run, &p.task[0].run);
    run->ctx = before.ctx;
    run->nscratch = 0;
    adopt_scratch(run, &before);
    adopt_scratch(run, &p.task[0].run);
    adopt_scratch(run, &p.task[1].run);
    return first_failure(&p, run->ctx, 1);
}

static void take_id_order(seg_run *to, const seg_run *from)
{
    to->by_id = from->by_id;
}

/* What seg__aggregate sets in the run (the totals it reads from columns). */
static void take_aggregates(seg_run *to, const seg_run *from)
{
    to->first = from->first;
    to->last = from->last;
    to->freq = from->freq;
    to->monetary = from->monetary;
    to->net = from->net;
    to->margin = from->margin;
    to->quantity = from->quantity;
}

/* On two or more threads, in two steps of two tasks that do not read each
 * other's work: the id order beside the cells grouped by customer, then the
 * aggregates beside the window's cells. */
static seg_status shared_threaded(seg_run *run, unsigned threads)
{
    SEG_TRY(side_by_side(run, threads, seg__order_by_id, cells_stage, take_id_order));
    if (!uses_window(run->o->analyses))
        return seg__aggregate(run);
    return side_by_side(run, threads, seg__aggregate, window_stage, take_aggregates);
}

/* The result's lock, for analyses on threads; 0 when none could be made
 * (then the run stays on the calling thread). */
static seg_status make_lock(seg_result *r, int *made)
{
    *made = 0;
    r->lock = seg__malloc(r->ctx, seg__mutex_size());
    if (!r->lock)
        return seg__nomem(r->ctx, seg__mutex_size());
    if (seg__mutex_init(r->lock) != 0) {
        seg__free(r->ctx, r->lock);
        r->lock = NULL;
        return SEG_OK;
    }
    *made = 1;
    return SEG_OK;
}

static seg_status run_all(seg_run *run, unsigned threads)
{
    seg_result *r = run->res;
    int threaded = 0;
    if (threads > 1)
        SEG_TRY(make_lock(r, &threaded));
    threads = threaded ? threads : 1;
    seg_status st = threaded ? shared_threaded(run, threads) : shared_serial(run);
    if (st == SEG_OK) {
        plan p;
        make_plan(&p, run->o->analyses, uses_window(run->o->analyses));
        st = run_tasks(run, &p, threads);
    }
    if (r->lock) {
        seg__mutex_destroy(r->lock);
        seg__free(r->ctx, r->lock);
        r->lock = NULL;
    }
    return st;
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
