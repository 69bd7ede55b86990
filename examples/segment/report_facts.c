/* What the report quotes besides the columns and summaries: the parameters a
 * result used (read through seg_result_params()), the renew criteria, the
 * segment rules' ranges, and the Lorenz curve thinned to a fixed size. */
#include "report_priv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAM_KEY 1000 /* parameter keys are probed up to here */

/* Words for the parameters whose values are enums. */
static const char *enum_word(seg_param key, int64_t v)
{
    static const char *const frequency[] = {"orders", "rows", "days"}, *const monetary[] = {"total", "mean"};
    static const char *const method[] = {"tie", "ntile", "thresholds", "r-rfm"};
    static const char *const metric[] = {"revenue", "margin", "quantity", "purchases"};
    static const char *const boundary[] = {"smallest", "inclusive"};
    static const char *const period[] = {"", "day", "week", "month", "quarter"};
    switch (key) {
    case SEG_PARAM_FREQUENCY: return v >= 0 && v < 3 ? frequency[v] : NULL;
    case SEG_PARAM_MONETARY: return v >= 0 && v < 2 ? monetary[v] : NULL;
    case SEG_PARAM_RFM_METHOD: return v >= 0 && v < 4 ? method[v] : NULL;
    case SEG_PARAM_ABC_METRIC:
    case SEG_PARAM_XYZ_METRIC: return v >= 0 && v < 4 ? metric[v] : NULL;
    case SEG_PARAM_ABC_BOUNDARY: return v >= 0 && v < 2 ? boundary[v] : NULL;
    case SEG_PARAM_XYZ_PERIOD: return v > 0 && v < 5 ? period[v] : NULL;
    default: return NULL;
    }
}

static void integer_param(rpt_pair *pair, const seg_params *used, seg_param key)
{
    int64_t v = 0;
    seg_params_get_i64(&v, used, key);
    const char *word = enum_word(key, v);
    pair->number = (double)v;
    if (word)
        snprintf(pair->value, sizeof pair->value, "%s", word);
    else if (key == SEG_PARAM_AS_OF)
        snprintf(pair->value, sizeof pair->value, "%s", fmt_date(v).s);
    else
        snprintf(pair->value, sizeof pair->value, "%lld", (long long)v);
}

static void list_param(rpt_pair *pair, const seg_params *used, seg_param key)
{
    int64_t v[16];
    size_t n = 0, len = 0;
    pair->number = (double)NAN;
    pair->value[0] = '\0';
    if (seg_params_get_i64_array(v, 16, &n, used, key) != SEG_OK)
        return;
    for (size_t i = 0; i < n && len < sizeof pair->value; i++)
        len += (size_t)snprintf(pair->value + len, sizeof pair->value - len, "%s%lld", i ? ", " : "", (long long)v[i]);
    if (!n)
        snprintf(pair->value, sizeof pair->value, "%s", FMT_NONE);
}

/* Every parameter the library knows, probed by key as a binding would. */
static void read_params(rpt_facts *f, const seg_params *used)
{
    for (int key = 1; key < MAX_PARAM_KEY && f->nparam < RPT_MAX_PARAMS; key++) {
        seg_param_type type;
        if (seg_param_type_of(&type, (seg_param)key) != SEG_OK)
            continue;
        rpt_pair *pair = &f->param[f->nparam++];
        snprintf(pair->name, sizeof pair->name, "%s", seg_param_name((seg_param)key));
        if (type == SEG_TYPE_I64) {
            integer_param(pair, used, (seg_param)key);
        } else if (type == SEG_TYPE_F64) {
            seg_params_get_f64(&pair->number, used, (seg_param)key);
            snprintf(pair->value, sizeof pair->value, "%s", fmt_real(pair->number).s);
        } else {
            list_param(pair, used, (seg_param)key);
        }
    }
}

static void read_lists(rpt_facts *f, const seg_params *used)
{
    for (size_t i = 0; i < seg_params_renew_count(used) && f->ncriterion < RPT_MAX_CRITERIA; i++) {
        rpt_pair *pair = &f->criterion[f->ncriterion++];
        const char *name = NULL;
        seg_params_renew_get(&name, NULL, &pair->number, used, i);
        snprintf(pair->name, sizeof pair->name, "%s", name);
        snprintf(pair->value, sizeof pair->value, "%s", fmt_real(pair->number).s);
    }
    for (size_t i = 0; i < seg_params_segment_count(used) && f->nrule < RPT_MAX_RULES; i++) {
        const char *name = NULL;
        int32_t r[6];
        seg_params_segment_get(&name, NULL, r, used, i);
        snprintf(f->rule[f->nrule++], RPT_FIELD, "R %d-%d, F %d-%d, M %d-%d", (int)r[0], (int)r[1], (int)r[2],
                 (int)r[3], (int)r[4], (int)r[5]);
    }
}

/* The curve at most RPT_LORENZ_POINTS points: every stride-th one and the last. */
static int read_lorenz(rpt_facts *f, const seg_result *r)
{
    size_t n = 0;
    seg_result_lorenz(NULL, NULL, 0, &n, r);
    if (n == 0)
        return 0;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    if (!x || !y || seg_result_lorenz(x, y, n, &n, r) != SEG_OK) {
        free(x);
        free(y);
        return ENOMEM;
    }
    size_t stride = n > RPT_LORENZ_POINTS ? (n - 1 + RPT_LORENZ_POINTS - 3) / (RPT_LORENZ_POINTS - 2) : 1;
    for (size_t i = 0; i < n && f->nlorenz < RPT_LORENZ_POINTS; i++)
        if (i % stride == 0 || i + 1 == n) {
            f->lorenz_x[f->nlorenz] = x[i];
            f->lorenz_y[f->nlorenz++] = y[i];
        }
    free(x);
    free(y);
    return 0;
}

int rpt_read_facts(rpt_facts *f, const seg_result *r)
{
    const seg_params *used = seg_result_params(r);
    memset(f, 0, sizeof *f);
    if (!used)
        return EINVAL;
    read_params(f, used);
    read_lists(f, used);
    return read_lorenz(f, r);
}

const char *rpt_param(const rpt *p, const char *name)
{
    for (size_t i = 0; i < p->facts.nparam; i++)
        if (strcmp(p->facts.param[i].name, name) == 0)
            return p->facts.param[i].value;
    return NULL;
}

double rpt_param_real(const rpt *p, const char *name, double fallback)
{
    for (size_t i = 0; i < p->facts.nparam; i++)
        if (strcmp(p->facts.param[i].name, name) == 0)
            return isnan(p->facts.param[i].number) ? fallback : p->facts.param[i].number;
    return fallback;
}
