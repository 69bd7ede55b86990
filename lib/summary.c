/* The summary writer: every summary of a result as records (section, name,
 * label, value), rendered as long-format CSV or nested JSON. */
#include "write.h"

#include "util/real.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct sink {
    seg_out *o;
    const seg_result *r;
    int json;
    char section[32], name[96];
    int in_section, in_name, first;
} sink;

static void close_name(sink *k)
{
    if (k->in_name)
        seg__out_str(k->o, "}");
    k->in_name = 0;
}

static void json_record(sink *k, const char *section, const char *name, const char *label, const seg_value *v)
{
    if (!k->in_section || strcmp(k->section, section) != 0) {
        close_name(k);
        seg__out_str(k->o, k->in_section ? "},\n" : "{\n");
        seg__out_json_key(k->o, section);
        seg__out_str(k->o, ":{");
        snprintf(k->section, sizeof k->section, "%s", section);
        k->in_section = 1;
        k->first = 1;
        k->name[0] = '\0';
    }
    if (label && k->in_name && strcmp(k->name, name) == 0) {
        seg__out_str(k->o, ",");
    } else {
        close_name(k);
        seg__out_str(k->o, k->first ? "" : ",");
        seg__out_json_key(k->o, name);
        seg__out_str(k->o, label ? ":{" : ":");
        k->in_name = label != NULL;
        snprintf(k->name, sizeof k->name, "%s", name);
    }
    k->first = 0;
    if (label) {
        seg__out_json_key(k->o, label);
        seg__out_str(k->o, ":");
    }
    seg__out_json(k->o, v);
}

static void emit(sink *k, const char *section, const char *name, const char *label, seg_value v)
{
    if (k->json) {
        json_record(k, section, name, label, &v);
        return;
    }
    const char *parts[3] = {section, name, label ? label : ""};
    for (int i = 0; i < 3; i++) {
        seg_value t = seg__v_text(parts[i], strlen(parts[i]));
        seg__out_csv(k->o, &t);
        seg__out_str(k->o, ",");
    }
    seg__out_csv(k->o, &v);
    seg__out_str(k->o, "\r\n");
}

static seg_value metric_value(int metric, int64_t v)
{
    return metric <= SEG_METRIC_MARGIN ? seg__v_money(v) : seg__v_int(v);
}

static seg_value text(const char *s)
{
    return seg__v_text(s, strlen(s));
}

static void dataset_records(sink *k)
{
    static const char *const names[] = {"rfm", "abc", "xyz", "pareto", "lifecycle", "renew"};
    const seg_result *r = k->r;
    char ran[64] = "";
    for (int i = 0; i < 6; i++)
        if (r->ran & (1u << i))
            snprintf(ran + strlen(ran), sizeof ran - strlen(ran), "%s%s", ran[0] ? "," : "", names[i]);
    emit(k, "dataset", "customers", NULL, seg__v_int((int64_t)r->rows));
    emit(k, "dataset", "buyers", NULL, seg__v_int(r->buyers));
    emit(k, "dataset", "as_of", NULL, r->opts.as_of == SEG_NONE ? seg__v_null() : seg__v_date(r->opts.as_of));
    emit(k, "dataset", "net_amount", NULL, seg__v_money(r->net));
    emit(k, "dataset", "purchases", NULL, seg__v_int(r->purchases));
    emit(k, "dataset", "scale", NULL, seg__v_int(r->scale));
    emit(k, "dataset", "analyses", NULL, text(ran));
}

static void parameter_records(sink *k)
{
    static const char *const freq[] = {"orders", "rows", "days"}, *const metric[] = {"revenue", "margin", "quantity", "purchases"};
    static const char *const method[] = {"tie", "ntile", "thresholds", "r-rfm"}, *const period[] = {"", "day", "week", "month", "quarter"};
    const seg_opts *o = &k->r->opts;
    const char *s = "parameters";
    emit(k, s, "lookback_periods", NULL, seg__v_int(o->lookback));
    emit(k, s, "frequency", NULL, text(freq[o->frequency]));
    emit(k, s, "monetary", NULL, text(o->monetary_mean ? "mean" : "total"));
    emit(k, s, "rfm_method", NULL, text(method[o->rfm_method]));
    emit(k, s, "rfm_bins_r", NULL, seg__v_int(o->bins[0]));
    emit(k, s, "rfm_bins_f", NULL, seg__v_int(o->bins[1]));
    emit(k, s, "rfm_bins_m", NULL, seg__v_int(o->bins[2]));
    emit(k, s, "abc_metric", NULL, text(metric[o->abc_metric]));
    emit(k, s, "abc_a", NULL, seg__v_real((double)o->abc_a / 1e9));
    emit(k, s, "abc_b", NULL, seg__v_real((double)o->abc_b / 1e9));
    emit(k, s, "abc_boundary", NULL, text(o->abc_boundary == SEG_ABC_INCLUSIVE ? "inclusive" : "smallest"));
    emit(k, s, "abc_by_count", NULL, seg__v_int(o->abc_by_count));
    emit(k, s, "xyz_period", NULL, text(period[o->xyz_period]));
    emit(k, s, "xyz_metric", NULL, text(metric[o->xyz_metric]));
    emit(k, s, "xyz_window", NULL, seg__v_int(o->xyz_window));
    emit(k, s, "xyz_partial", NULL, seg__v_int(o->xyz_partial));
    emit(k, s, "xyz_zero_fill", NULL, seg__v_int(o->xyz_zero_fill));
    emit(k, s, "xyz_min_periods", NULL, seg__v_int(o->xyz_min_periods));
    emit(k, s, "xyz_sample_std", NULL, seg__v_int(o->xyz_sample));
    emit(k, s, "xyz_x", NULL, seg__v_real(o->xyz_x));
    emit(k, s, "xyz_y", NULL, seg__v_real(o->xyz_y));
    emit(k, s, "xyz_by_rank", NULL, seg__v_int(o->xyz_by_rank));
    emit(k, s, "pareto_top", NULL, seg__v_real((double)o->pareto_top / 1e9));
    emit(k, s, "pareto_reach", NULL, seg__v_real((double)o->pareto_reach / 1e9));
    emit(k, s, "churn_days", NULL, seg__v_int(o->churn_days));
    emit(k, s, "churn_adaptive", NULL, seg__v_int(o->churn_adaptive));
    emit(k, s, "churn_gap_factor", NULL, seg__v_real(o->gap_factor));
    emit(k, s, "churn_min_days", NULL, seg__v_int(o->churn_min_days));
    emit(k, s, "lead_timeout_days", NULL, seg__v_int(o->lead_timeout));
    emit(k, s, "renew_binary", NULL, seg__v_int(o->renew_binary));
    emit(k, s, "renew_before_deadline", NULL, seg__v_int(o->renew_before));
    emit(k, s, "renew_after_launch", NULL, seg__v_int(o->renew_after));
    for (size_t i = 0; i < o->ncriteria; i++)
        emit(k, "renew_criteria", o->criteria[i].name.name, NULL, seg__v_real(o->criteria[i].weight));
}

/* count, count_share, metric, metric_share of one class. */
static void class_records(sink *k, const char *section, const char *name, seg_column column, int64_t value)
{
    int64_t count = 0, metric = 0;
    double count_share = (double)NAN, metric_share = (double)NAN;
    seg_result_class_summary(&count, &metric, &count_share, &metric_share, k->r, column, value);
    emit(k, section, name, "count", seg__v_int(count));
    emit(k, section, name, "count_share", seg__v_real(count_share));
    emit(k, section, name, "metric", metric_value(k->r->opts.abc_metric, metric));
    emit(k, section, name, "metric_share", seg__v_real(metric_share));
}

static void rfm_records(sink *k)
{
    static const char axes[3][2] = {"r", "f", "m"};
    const seg_result *r = k->r;
    char label[16], ranges[64];
    emit(k, "rfm", "scored", NULL, seg__v_int(r->rfm_scored));
    emit(k, "rfm", "unsegmented", NULL, seg__v_int(r->rfm_unsegmented));
    for (int a = 0; a < 3; a++)
        for (int j = 0; j < r->opts.bins[a] - 1; j++) {
            snprintf(label, sizeof label, "%d", j + 1);
            emit(k, "rfm_breaks", axes[a], label, seg__v_real(r->breaks[a][j]));
        }
    for (int a = 0; a < 3; a++)
        for (int s = 1; s <= r->opts.bins[a]; s++) {
            char name[16];
            snprintf(name, sizeof name, "%s%d", axes[a], s);
            class_records(k, "rfm_scores", name, (seg_column)(SEG_COL_R + a), s);
        }
    for (size_t i = 0; i < r->opts.rules.n; i++) {
        const seg_rule *rule = &r->opts.rules.rule[i];
        snprintf(ranges, sizeof ranges, "R %d-%d, F %d-%d, M %d-%d", rule->lo[0], rule->hi[0], rule->lo[1],
                 rule->hi[1], rule->lo[2], rule->hi[2]);
        emit(k, "rfm_segments", rule->name.name, "rule", text(ranges));
        class_records(k, "rfm_segments", rule->name.name, SEG_COL_RFM_SEGMENT, (int64_t)i);
    }
}

static void abc_xyz_records(sink *k)
{
    static const char *const abc[] = {"A", "B", "C"}, *const xyz[] = {"X", "Y", "Z", "too_new", "no_mean"};
    static const char *const q[] = {"cv_min", "cv_p10", "cv_p25", "cv_median", "cv_p75", "cv_p90", "cv_max"};
    const seg_result *r = k->r;
    if (r->ran & SEG_ANALYSIS_ABC) {
        emit(k, "abc", "metric_total", NULL, metric_value(r->opts.abc_metric, r->metric_total));
        for (int i = 0; i < 3; i++)
            class_records(k, "abc_classes", abc[i], SEG_COL_ABC, i + 1);
    }
    if (r->ran & SEG_ANALYSIS_XYZ) {
        for (int i = 0; i < 7; i++)
            emit(k, "xyz", q[i], NULL, seg__v_real(r->cv_quantile[i]));
        for (int i = 0; i < 5; i++)
            class_records(k, "xyz_classes", xyz[i], SEG_COL_XYZ, i + 1);
    }
    int64_t counts[9];
    double shares[9];
    if (seg_result_abc_xyz(counts, shares, r) != SEG_OK)
        return;
    for (int i = 0; i < 9; i++) {
        char cell[3] = {abc[i / 3][0], xyz[i % 3][0], 0};
        emit(k, "abc_xyz", cell, "count", seg__v_int(counts[i]));
        emit(k, "abc_xyz", cell, "metric_share", seg__v_real(shares[i]));
    }
}

static void pareto_records(sink *k)
{
    const seg_result *r = k->r;
    char x[64];
    emit(k, "pareto", "top_count", NULL, seg__v_int(r->top_count));
    emit(k, "pareto", "top_share", NULL, seg__v_real(r->top_share));
    emit(k, "pareto", "reach_count", NULL, seg__v_int(r->reach_count));
    emit(k, "pareto", "reach_share", NULL, seg__v_real(r->reach_share));
    emit(k, "pareto", "gini", NULL, seg__v_real(r->gini));
    for (size_t i = 0; i < r->lorenz_n; i++) {
        snprintf(x, sizeof x, "%s", seg__real(r->lorenz_x[i], 'g', 6).s);
        emit(k, "lorenz", x, NULL, seg__v_real(r->lorenz_y[i]));
    }
}

static void lifecycle_records(sink *k)
{
    static const char *const stages[] = {"current", "prospect", "refused", "churned"};
    emit(k, "lifecycle", "typical_gap_days", NULL, seg__v_real(k->r->typical_gap));
    emit(k, "lifecycle", "repeat_rate", NULL, seg__v_real(k->r->repeat_rate));
    for (int i = 0; i < 4; i++)
        class_records(k, "lifecycle_stages", stages[i], SEG_COL_LIFECYCLE, i + 1);
}

static void period_records(sink *k)
{
    static const struct {
        const char *name;
        seg_period_stat key;
    } stats[] = {{"end", SEG_PSTAT_END}, {"complete", SEG_PSTAT_COMPLETE}, {"buyers", SEG_PSTAT_BUYERS},
                 {"repeat_buyers", SEG_PSTAT_REPEAT_BUYERS}, {"repeat_rate", SEG_PSTAT_REPEAT_RATE},
                 {"new_customers", SEG_PSTAT_NEW}, {"current_at_start", SEG_PSTAT_CURRENT_AT_START},
                 {"churned", SEG_PSTAT_CHURNED}, {"churn_rate", SEG_PSTAT_CHURN_RATE},
                 {"top_count", SEG_PSTAT_TOP_COUNT}, {"metric", SEG_PSTAT_METRIC}};
    const seg_result *r = k->r;
    char start[16];
    for (size_t p = 0; p < r->nperiods; p++) {
        /* A window reaching back before 0001-01-01 starts on a day no date names. */
        if (seg_date_format(start, sizeof start, r->periods[p].start) != SEG_OK)
            snprintf(start, sizeof start, "%ld", (long)r->periods[p].start);
        for (size_t i = 0; i < sizeof stats / sizeof *stats; i++) {
            int64_t v;
            double d;
            if (stats[i].key >= SEG_PSTAT_CHURN_RATE) {
                if (seg_result_period_f64(&d, r, p, stats[i].key) == SEG_OK)
                    emit(k, "periods", start, stats[i].name, seg__v_real(d));
            } else if (seg_result_period_i64(&v, r, p, stats[i].key) == SEG_OK) {
                emit(k, "periods", start, stats[i].name,
                     stats[i].key == SEG_PSTAT_END ? seg__v_date(v)
                     : stats[i].key == SEG_PSTAT_METRIC ? metric_value(r->opts.xyz_metric, v)
                                                        : seg__v_int(v));
            }
        }
    }
}

void seg__write_summary(seg_out *o, const seg_result *r, seg_format format)
{
    sink k;
    memset(&k, 0, sizeof k);
    k.o = o;
    k.r = r;
    k.json = format == SEG_FORMAT_JSON;
    if (!k.json)
        seg__out_str(o, "section,name,label,value\r\n");
    dataset_records(&k);
    parameter_records(&k);
    if (r->ran & SEG_ANALYSIS_RFM)
        rfm_records(&k);
    abc_xyz_records(&k);
    if (r->ran & SEG_ANALYSIS_PARETO)
        pareto_records(&k);
    if (r->ran & SEG_ANALYSIS_LIFECYCLE)
        lifecycle_records(&k);
    period_records(&k);
    if (r->ran & SEG_ANALYSIS_RENEW) {
        emit(&k, "renew", "scored", NULL, seg__v_int(r->renew_scored));
        emit(&k, "renew", "unrated", NULL, seg__v_int(r->renew_unrated));
    }
    if (k.json) {
        close_name(&k);
        seg__out_str(o, "}\n}\n");
    }
}
