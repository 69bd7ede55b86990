/* List-valued analysis parameters: the RFM threshold lists, presets, the RFM
 * segment rule table with its coverage check, and the renew criteria. */
#include "params.h"

#include "util/real.h"

#include <math.h>
#include <string.h>

static seg_status check_params(const seg_params *p)
{
    return seg__live(p, SEG_TAG_PARAMS) ? SEG_OK : SEG_ERR_INVALID_ARGUMENT;
}

/* Slot 0–2 of a threshold list key, or a status. */
static seg_status threshold_slot(size_t *slot, seg_context *ctx, seg_param key)
{
    seg_param_type type;
    seg_status st = seg_param_type_of(&type, key);
    if (st != SEG_OK)
        return ctx ? seg__error(ctx, st, "unknown parameter %d", (int)key) : st;
    if (type != SEG_TYPE_I64_ARRAY)
        return ctx ? seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "parameter %s is not a list",
                                seg_param_name(key))
                   : SEG_ERR_INVALID_ARGUMENT;
    *slot = (size_t)(key - SEG_PARAM_RFM_THRESHOLDS_R);
    return SEG_OK;
}

SEG_API seg_status seg_params_set_i64_array(seg_params *p, seg_param key, const int64_t *values, size_t n)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    size_t slot = 0;
    SEG_TRY(threshold_slot(&slot, p->ctx, key));
    SEG_CHECK_ARG(p->ctx, values || n == 0, "values is NULL");
    if (n > SEG_MAX_THRESHOLDS)
        return seg__error(p->ctx, SEG_ERR_RANGE, "%s: %zu break points; at most %d", seg_param_name(key), n,
                          SEG_MAX_THRESHOLDS);
    for (size_t i = 1; i < n; i++)
        if (values[i] <= values[i - 1])
            return seg__error(p->ctx, SEG_ERR_RANGE, "%s: break points must increase (%lld after %lld)",
                              seg_param_name(key), (long long)values[i], (long long)values[i - 1]);
    if (n)
        memcpy(p->thresholds[slot], values, n * sizeof *values);
    p->nthresholds[slot] = n;
    return SEG_OK;
}

SEG_API seg_status seg_params_get_i64_array(int64_t *values, size_t cap, size_t *n, const seg_params *p,
                                            seg_param key)
{
    if (!seg__live(p, SEG_TAG_PARAMS) || !n || (!values && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    size_t slot = 0;
    SEG_TRY(threshold_slot(&slot, NULL, key));
    *n = p->nthresholds[slot];
    if (cap < *n)
        return SEG_ERR_BUFFER_TOO_SMALL;
    if (*n)
        memcpy(values, p->thresholds[slot], *n * sizeof *values);
    return SEG_OK;
}

SEG_API seg_status seg_params_apply_preset(seg_params *p, seg_preset preset)
{
    static const struct {
        seg_preset preset;
        seg_param lo_key, hi_key;
        double lo, hi;
    } presets[] = {
        {SEG_PRESET_ABC_80_95, SEG_PARAM_ABC_A, SEG_PARAM_ABC_B, 0.80, 0.95},
        {SEG_PRESET_ABC_80_96, SEG_PARAM_ABC_A, SEG_PARAM_ABC_B, 0.80, 0.96},
        {SEG_PRESET_XYZ_10_25, SEG_PARAM_XYZ_X, SEG_PARAM_XYZ_Y, 0.10, 0.25},
        {SEG_PRESET_XYZ_50_100, SEG_PARAM_XYZ_X, SEG_PARAM_XYZ_Y, 0.50, 1.00},
    };
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    for (size_t i = 0; i < sizeof presets / sizeof *presets; i++) {
        if (presets[i].preset != preset)
            continue;
        SEG_TRY(seg_params_set_f64(p, presets[i].lo_key, presets[i].lo));
        return seg_params_set_f64(p, presets[i].hi_key, presets[i].hi);
    }
    return seg__error(p->ctx, SEG_ERR_UNSUPPORTED, "unknown preset %d", (int)preset);
}

/* ---- segment rules ---- */

SEG_API seg_status seg_params_segments_clear(seg_params *p)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    p->rules.n = 0;
    p->rules.is_default = 0;
    return SEG_OK;
}

SEG_API seg_status seg_params_segments_default(seg_params *p)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    seg__rules_default(&p->rules);
    return SEG_OK;
}

static int range_ok(int lo, int hi)
{
    return lo >= 1 && lo <= hi && hi <= SEG_MAX_BINS;
}

SEG_API seg_status seg_params_segment_add(seg_params *p, const char *name, size_t len, int r_min, int r_max,
                                          int f_min, int f_max, int m_min, int m_max)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    SEG_CHECK_ARG(p->ctx, name && len >= 1 && len <= SEG_NAME_MAX, "the name must have 1-64 bytes");
    if (!range_ok(r_min, r_max) || !range_ok(f_min, f_max) || !range_ok(m_min, m_max))
        return seg__error(p->ctx, SEG_ERR_RANGE,
                          "segment '%.*s': ranges must satisfy 1 <= min <= max <= 10", (int)len, name);
    if (p->rules.is_default)
        p->rules.n = 0;
    p->rules.is_default = 0;
    if (p->rules.n == SEG_MAX_RULES)
        return seg__error(p->ctx, SEG_ERR_RANGE, "more than %d segment rules", SEG_MAX_RULES);
    seg_rule *r = &p->rules.rule[p->rules.n++];
    memset(r, 0, sizeof *r);
    memcpy(r->name.name, name, len);
    r->name.name_len = len;
    const int lo[3] = {r_min, f_min, m_min}, hi[3] = {r_max, f_max, m_max};
    for (int a = 0; a < 3; a++) {
        r->lo[a] = (uint8_t)lo[a];
        r->hi[a] = (uint8_t)hi[a];
    }
    return SEG_OK;
}

SEG_API size_t seg_params_segment_count(const seg_params *p)
{
    return seg__live(p, SEG_TAG_PARAMS) ? p->rules.n : 0;
}

SEG_API seg_status seg_params_segment_get(const char **name, size_t *len, int32_t *ranges, const seg_params *p,
                                          size_t index)
{
    if (!name || !ranges || !seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    if (index >= p->rules.n)
        return SEG_ERR_NOT_FOUND;
    const seg_rule *r = &p->rules.rule[index];
    *name = r->name.name;
    if (len)
        *len = r->name.name_len;
    for (int a = 0; a < 3; a++) {
        ranges[2 * a] = r->lo[a];
        ranges[2 * a + 1] = r->hi[a];
    }
    return SEG_OK;
}

/* Bins per axis as the analysis will use them. */
static void bins_of(int *bins, const seg_params *p)
{
    const seg_param keys[3] = {SEG_PARAM_RFM_BINS_R, SEG_PARAM_RFM_BINS_F, SEG_PARAM_RFM_BINS_M};
    int thresholds = seg__param_i64(p, SEG_PARAM_RFM_METHOD) == SEG_RFM_THRESHOLDS;
    for (int a = 0; a < 3; a++)
        bins[a] = thresholds && p->nthresholds[a] ? (int)p->nthresholds[a] + 1
                                                  : (int)seg__param_i64(p, keys[a]);
}

SEG_API seg_status seg_params_segments_check(int32_t *missing, size_t cap, size_t *n_missing,
                                             const seg_params *p)
{
    if (!n_missing || !seg__live(p, SEG_TAG_PARAMS) || (!missing && cap))
        return SEG_ERR_INVALID_ARGUMENT;
    int bins[3];
    bins_of(bins, p);
    size_t n = 0;
    for (int r = 1; r <= bins[0]; r++)
        for (int f = 1; f <= bins[1]; f++)
            for (int m = 1; m <= bins[2]; m++) {
                if (seg__rules_find(&p->rules, bins, r, f, m) >= 0)
                    continue;
                if (n < cap) {
                    missing[3 * n] = r;
                    missing[3 * n + 1] = f;
                    missing[3 * n + 2] = m;
                }
                n++;
            }
    *n_missing = n;
    return SEG_OK;
}

/* ---- renew criteria ---- */

SEG_API seg_status seg_params_renew_clear(seg_params *p)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    p->ncriteria = 0;
    return SEG_OK;
}

SEG_API seg_status seg_params_renew_add(seg_params *p, const char *name, size_t len, double weight)
{
    SEG_TRY(check_params(p));
    seg__reset(p->ctx);
    SEG_CHECK_ARG(p->ctx, name && len >= 1 && len <= SEG_NAME_MAX, "the name must have 1-64 bytes");
    if (!isfinite(weight) || weight < 0 || weight > 1000)
        return seg__error(p->ctx, SEG_ERR_RANGE, "criterion '%.*s': weight %s is outside 0..1000", (int)len,
                          name, seg__real(weight, 'g', 6).s);
    for (size_t i = 0; i < p->ncriteria; i++) {
        seg_criterion *c = &p->criteria[i];
        if (c->name.name_len == len && memcmp(c->name.name, name, len) == 0) {
            c->weight = weight;
            return SEG_OK;
        }
    }
    if (p->ncriteria == SEG_MAX_CRITERIA)
        return seg__error(p->ctx, SEG_ERR_RANGE, "more than %d renew criteria", SEG_MAX_CRITERIA);
    seg_criterion *c = &p->criteria[p->ncriteria++];
    memset(c, 0, sizeof *c);
    memcpy(c->name.name, name, len);
    c->name.name_len = len;
    c->weight = weight;
    return SEG_OK;
}

SEG_API size_t seg_params_renew_count(const seg_params *p)
{
    return seg__live(p, SEG_TAG_PARAMS) ? p->ncriteria : 0;
}

SEG_API seg_status seg_params_renew_get(const char **name, size_t *len, double *weight, const seg_params *p,
                                        size_t index)
{
    if (!name || !seg__live(p, SEG_TAG_PARAMS))
        return SEG_ERR_INVALID_ARGUMENT;
    if (index >= p->ncriteria)
        return SEG_ERR_NOT_FOUND;
    *name = p->criteria[index].name.name;
    if (len)
        *len = p->criteria[index].name.name_len;
    if (weight)
        *weight = p->criteria[index].weight;
    return SEG_OK;
}
