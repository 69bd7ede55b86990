/* Tests of analysis parameters: every seg_param key's type, name, documented
 * default and bounds, typed setters/getters, reset, and unknown or NULL input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

#include <math.h>

/* Every key as documented in segment.h: type, bounds and [default]. Where the
 * header gives no explicit range, the range follows from the text: an enum's
 * first..last value, 0/1 flags, fractions 0-1, the analyses bit set 0..ALL. */
typedef struct spec {
    seg_param key;
    seg_param_type type;
    int64_t imin, imax, idef;
    double fmin, fmax, fdef;
} spec;

#define I(key, lo, hi, def) {key, SEG_TYPE_I64, lo, hi, def, 0, 0, 0}
#define F(key, lo, hi, def) {key, SEG_TYPE_F64, 0, 0, 0, lo, hi, def}

static const spec specs[] = {
    I(SEG_PARAM_ANALYSES, 0, SEG_ANALYSIS_ALL, SEG_ANALYSIS_ALL),
    I(SEG_PARAM_AS_OF, SEG_NONE, SEG_DATE_MAX, SEG_NONE),
    I(SEG_PARAM_LOOKBACK_PERIODS, 0, 10000, 0),
    I(SEG_PARAM_THREADS, 1, 64, 1),
    I(SEG_PARAM_FREQUENCY, SEG_FREQUENCY_ORDERS, SEG_FREQUENCY_DAYS, SEG_FREQUENCY_ORDERS),
    I(SEG_PARAM_MONETARY, SEG_MONETARY_TOTAL, SEG_MONETARY_MEAN, SEG_MONETARY_TOTAL),
    I(SEG_PARAM_RFM_METHOD, SEG_RFM_TIE_QUANTILE, SEG_RFM_R_RFM, SEG_RFM_TIE_QUANTILE),
    I(SEG_PARAM_RFM_BINS_R, 2, 10, 5),
    I(SEG_PARAM_RFM_BINS_F, 2, 10, 5),
    I(SEG_PARAM_RFM_BINS_M, 2, 10, 5),
    I(SEG_PARAM_ABC_METRIC, SEG_METRIC_REVENUE, SEG_METRIC_PURCHASES, SEG_METRIC_REVENUE),
    F(SEG_PARAM_ABC_A, 0.0, 1.0, 0.80),
    F(SEG_PARAM_ABC_B, 0.0, 1.0, 0.95),
    I(SEG_PARAM_ABC_BOUNDARY, SEG_ABC_SMALLEST, SEG_ABC_INCLUSIVE, SEG_ABC_SMALLEST),
    I(SEG_PARAM_ABC_BY_COUNT, 0, 1, 0),
    F(SEG_PARAM_ABC_COUNT_A, 0.0, 1.0, 0.20),
    F(SEG_PARAM_ABC_COUNT_B, 0.0, 1.0, 0.30),
    I(SEG_PARAM_XYZ_WINDOW, 2, 520, 12),
    I(SEG_PARAM_XYZ_PARTIAL, 0, 1, 0),
    I(SEG_PARAM_XYZ_ZERO_FILL, 0, 1, 0),
    I(SEG_PARAM_XYZ_MIN_PERIODS, 2, 520, 3),
    I(SEG_PARAM_XYZ_SAMPLE_STD, 0, 1, 0),
    F(SEG_PARAM_XYZ_X, 0.0, 100.0, 0.10),
    F(SEG_PARAM_XYZ_Y, 0.0, 100.0, 0.25),
    I(SEG_PARAM_XYZ_PERIOD, 0, SEG_PERIOD_QUARTER, 0),
    I(SEG_PARAM_XYZ_METRIC, SEG_METRIC_REVENUE, SEG_METRIC_PURCHASES, SEG_METRIC_REVENUE),
    I(SEG_PARAM_XYZ_BY_RANK, 0, 1, 0),
    F(SEG_PARAM_XYZ_RANK_X, 0.0, 1.0, 0.20),
    F(SEG_PARAM_XYZ_RANK_Y, 0.0, 1.0, 0.30),
    F(SEG_PARAM_PARETO_TOP, 0.0, 1.0, 0.20),
    F(SEG_PARAM_PARETO_REACH, 0.0, 1.0, 0.80),
    I(SEG_PARAM_LORENZ_POINTS, 2, 10000, 101),
    I(SEG_PARAM_CHURN_DAYS, 1, 36500, 180),
    I(SEG_PARAM_CHURN_ADAPTIVE, 0, 1, 0),
    F(SEG_PARAM_CHURN_GAP_FACTOR, 1.0, 100.0, 3.0),
    I(SEG_PARAM_LEAD_TIMEOUT_DAYS, 1, 36500, 90),
    I(SEG_PARAM_CHURN_MIN_DAYS, 1, 36500, 30),
    I(SEG_PARAM_RENEW_BINARY, 0, 1, 0),
    I(SEG_PARAM_RENEW_BEFORE_DEADLINE, 0, 3650, 14),
    I(SEG_PARAM_RENEW_AFTER_LAUNCH, 0, 3650, 60),
};
#define N_SPECS (sizeof specs / sizeof specs[0])

static const int unknown_keys[] = {0, 9999, -1, 5, 107, 207, 603, 1000};
#define N_UNKNOWN (sizeof unknown_keys / sizeof unknown_keys[0])

typedef struct fixture {
    seg_context *ctx;
    seg_params *params;
} fixture;

static int setup(void **state)
{
    static fixture f;
    if (seg_context_new(&f.ctx) != SEG_OK)
        return -1;
    if (seg_params_new(&f.params, f.ctx) != SEG_OK) {
        seg_context_free(f.ctx);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    seg_params_free(f->params);
    seg_context_free(f->ctx);
    return 0;
}

/* ---- helpers ---- */

static int64_t get_i64(const seg_params *p, seg_param key)
{
    int64_t v = -77;
    assert_int_equal(seg_params_get_i64(&v, p, key), SEG_OK);
    return v;
}

static double get_f64(const seg_params *p, seg_param key)
{
    double v = -77.0;
    assert_int_equal(seg_params_get_f64(&v, p, key), SEG_OK);
    return v;
}

/* Expect `st` from a setter and the stored value left at `kept`. */
static void expect_i64_rejected(fixture *f, const spec *s, int64_t value, seg_status st, int64_t kept)
{
    assert_int_equal(seg_params_set_i64(f->params, s->key, value), st);
    assert_int_equal(seg_context_errcode(f->ctx), st);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    assert_int_equal(get_i64(f->params, s->key), kept);
}

static void expect_f64_rejected(fixture *f, const spec *s, double value, seg_status st, double kept)
{
    assert_int_equal(seg_params_set_f64(f->params, s->key, value), st);
    assert_int_equal(seg_context_errcode(f->ctx), st);
    assert_true(strlen(seg_context_errmsg(f->ctx)) > 0);
    assert_true(get_f64(f->params, s->key) == kept);
}

/* The message of the last call names the unknown key's number. */
static void expect_unknown_message(const fixture *f, int key)
{
    char number[16];
    snprintf(number, sizeof number, "%d", key);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_UNSUPPORTED);
    assert_non_null(strstr(seg_context_errmsg(f->ctx), number));
}

/* ---- keys, types and names ---- */

static void every_key_has_its_documented_type(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SPECS; i++) {
        seg_param_type t = (seg_param_type)0;
        assert_int_equal(seg_param_type_of(&t, specs[i].key), SEG_OK);
        assert_int_equal(t, specs[i].type);
    }
    assert_int_equal(seg_param_type_of(NULL, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
}

static void names_are_unique_and_lower_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const char *name = seg_param_name(specs[i].key);
        assert_non_null(name);
        assert_true(strlen(name) > 0);
        for (const char *c = name; *c; c++)
            assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(name, seg_param_name(specs[k].key));
    }
    assert_string_equal(seg_param_name(SEG_PARAM_RFM_BINS_R), "rfm_bins_r");
}

static void names_map_back_to_keys(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const char *name = seg_param_name(specs[i].key);
        seg_param key = (seg_param)12345;
        assert_int_equal(seg_param_from_name(&key, name, strlen(name)), SEG_OK);
        assert_int_equal(key, specs[i].key);
    }
}

static void from_name_uses_only_len_bytes(void **state)
{
    (void)state;
    seg_param key = (seg_param)12345;
    assert_int_equal(seg_param_from_name(&key, "rfm_bins_rX", 10), SEG_OK);
    assert_int_equal(key, SEG_PARAM_RFM_BINS_R);
}

static void from_name_rejects_unknown_names(void **state)
{
    (void)state;
    const char *const bad[] = {"nope", "rfm_bins", "rfm_bins_r_", "RFM_BINS_R", " rfm_bins_r", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        seg_param key = (seg_param)12345;
        assert_int_equal(seg_param_from_name(&key, bad[i], strlen(bad[i])), SEG_ERR_UNSUPPORTED);
        assert_int_equal(key, 12345);
    }
    seg_param key = (seg_param)12345;
    assert_int_equal(seg_param_from_name(&key, NULL, 0), SEG_ERR_UNSUPPORTED);
    assert_int_equal(seg_param_from_name(&key, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_from_name(NULL, "abc_a", 5), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(key, 12345);
}

/* ---- defaults and bounds ---- */

static void defaults_match_the_header(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type == SEG_TYPE_I64) {
            int64_t def = -77;
            assert_int_equal(seg_param_default_i64(&def, s->key), SEG_OK);
            assert_int_equal(def, s->idef);
            assert_int_equal(get_i64(f->params, s->key), s->idef);
        } else {
            double def = -77.0;
            assert_int_equal(seg_param_default_f64(&def, s->key), SEG_OK);
            assert_true(def == s->fdef);
            assert_true(get_f64(f->params, s->key) == s->fdef);
        }
    }
}

static void bounds_match_the_header(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type == SEG_TYPE_I64) {
            int64_t lo = -77, hi = -77;
            assert_int_equal(seg_param_bounds_i64(&lo, &hi, s->key), SEG_OK);
            assert_int_equal(lo, s->imin);
            assert_int_equal(hi, s->imax);
            assert_true(lo <= s->idef && s->idef <= hi);
        } else {
            double lo = -77.0, hi = -77.0;
            assert_int_equal(seg_param_bounds_f64(&lo, &hi, s->key), SEG_OK);
            assert_true(lo == s->fmin);
            assert_true(hi == s->fmax);
            assert_true(lo <= s->fdef && s->fdef <= hi);
        }
    }
}

static void i64_bounds_are_inclusive(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type != SEG_TYPE_I64)
            continue;
        assert_int_equal(seg_params_set_i64(f->params, s->key, s->imin), SEG_OK);
        assert_int_equal(seg_context_errcode(f->ctx), SEG_OK);
        assert_int_equal(get_i64(f->params, s->key), s->imin);
        expect_i64_rejected(f, s, s->imin - 1, SEG_ERR_RANGE, s->imin);
        expect_i64_rejected(f, s, INT64_MIN, SEG_ERR_RANGE, s->imin);
        assert_int_equal(seg_params_set_i64(f->params, s->key, s->imax), SEG_OK);
        assert_int_equal(get_i64(f->params, s->key), s->imax);
        expect_i64_rejected(f, s, s->imax + 1, SEG_ERR_RANGE, s->imax);
        expect_i64_rejected(f, s, INT64_MAX, SEG_ERR_RANGE, s->imax);
    }
}

static void f64_bounds_are_inclusive(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type != SEG_TYPE_F64)
            continue;
        assert_int_equal(seg_params_set_f64(f->params, s->key, s->fmin), SEG_OK);
        assert_true(get_f64(f->params, s->key) == s->fmin);
        expect_f64_rejected(f, s, s->fmin - 1.0, SEG_ERR_RANGE, s->fmin);
        expect_f64_rejected(f, s, s->fmin - 1e-9, SEG_ERR_RANGE, s->fmin);
        assert_int_equal(seg_params_set_f64(f->params, s->key, s->fmax), SEG_OK);
        assert_true(get_f64(f->params, s->key) == s->fmax);
        expect_f64_rejected(f, s, s->fmax + 1.0, SEG_ERR_RANGE, s->fmax);
        expect_f64_rejected(f, s, s->fmax + 1e-9, SEG_ERR_RANGE, s->fmax);
    }
}

static void f64_rejects_nan_and_infinity(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type != SEG_TYPE_F64)
            continue;
        expect_f64_rejected(f, s, (double)NAN, SEG_ERR_RANGE, s->fdef);
        expect_f64_rejected(f, s, (double)INFINITY, SEG_ERR_RANGE, s->fdef);
        expect_f64_rejected(f, s, -(double)INFINITY, SEG_ERR_RANGE, s->fdef);
    }
}

static void success_clears_the_previous_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_RFM_BINS_R, 11), SEG_ERR_RANGE);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_RFM_BINS_R, 10), SEG_OK);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_OK);
    assert_string_equal(seg_context_errmsg(f->ctx), "");
}

/* ---- wrong types ---- */

static void wrong_type_is_invalid_argument(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        int64_t iv = -77, lo = -77, hi = -77;
        double fv = -77.0, flo = -77.0, fhi = -77.0;
        if (s->type == SEG_TYPE_I64) {
            assert_int_equal(seg_params_set_f64(f->params, s->key, 1.0), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
            assert_non_null(strstr(seg_context_errmsg(f->ctx), seg_param_name(s->key)));
            assert_int_equal(seg_params_get_f64(&fv, f->params, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_param_default_f64(&fv, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_param_bounds_f64(&flo, &fhi, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(get_i64(f->params, s->key), s->idef);
        } else {
            assert_int_equal(seg_params_set_i64(f->params, s->key, 1), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
            assert_non_null(strstr(seg_context_errmsg(f->ctx), seg_param_name(s->key)));
            assert_int_equal(seg_params_get_i64(&iv, f->params, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_param_default_i64(&iv, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_int_equal(seg_param_bounds_i64(&lo, &hi, s->key), SEG_ERR_INVALID_ARGUMENT);
            assert_true(get_f64(f->params, s->key) == s->fdef);
        }
        /* Out-parameters untouched on failure. */
        assert_int_equal(iv, -77);
        assert_int_equal(lo, -77);
        assert_int_equal(hi, -77);
        assert_true(fv == -77.0 && flo == -77.0 && fhi == -77.0);
    }
}

/* ---- unknown keys ---- */

static void unknown_keys_are_unsupported(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_UNKNOWN; i++) {
        seg_param key = (seg_param)unknown_keys[i];
        int64_t iv = -77, lo = -77, hi = -77;
        double fv = -77.0, flo = -77.0, fhi = -77.0;
        seg_param_type t = (seg_param_type)0;

        assert_int_equal(seg_params_set_i64(f->params, key, 1), SEG_ERR_UNSUPPORTED);
        expect_unknown_message(f, unknown_keys[i]);
        assert_int_equal(seg_params_set_f64(f->params, key, 0.5), SEG_ERR_UNSUPPORTED);
        expect_unknown_message(f, unknown_keys[i]);
        assert_int_equal(seg_params_reset(f->params, key), SEG_ERR_UNSUPPORTED);
        expect_unknown_message(f, unknown_keys[i]);

        assert_int_equal(seg_params_get_i64(&iv, f->params, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_params_get_f64(&fv, f->params, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_param_type_of(&t, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_param_default_i64(&iv, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_param_default_f64(&fv, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_param_bounds_i64(&lo, &hi, key), SEG_ERR_UNSUPPORTED);
        assert_int_equal(seg_param_bounds_f64(&flo, &fhi, key), SEG_ERR_UNSUPPORTED);
        assert_null(seg_param_name(key));

        assert_int_equal(iv, -77);
        assert_int_equal(lo, -77);
        assert_int_equal(hi, -77);
        assert_true(fv == -77.0 && flo == -77.0 && fhi == -77.0);
        assert_int_equal(t, 0);
    }
}

/* ---- reset ---- */

static void reset_restores_each_default(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        if (s->type == SEG_TYPE_I64) {
            int64_t other = s->idef == s->imax ? s->imin : s->imax;
            assert_int_equal(seg_params_set_i64(f->params, s->key, other), SEG_OK);
        } else {
            double other = s->fdef == s->fmax ? s->fmin : s->fmax;
            assert_int_equal(seg_params_set_f64(f->params, s->key, other), SEG_OK);
        }
    }
    for (size_t i = 0; i < N_SPECS; i++) {
        const spec *s = &specs[i];
        assert_int_equal(seg_params_reset(f->params, s->key), SEG_OK);
        if (s->type == SEG_TYPE_I64)
            assert_int_equal(get_i64(f->params, s->key), s->idef);
        else
            assert_true(get_f64(f->params, s->key) == s->fdef);
        /* Keys not reset yet keep their set value. */
        if (i + 1 < N_SPECS) {
            const spec *n = &specs[i + 1];
            if (n->type == SEG_TYPE_I64)
                assert_int_not_equal(get_i64(f->params, n->key), n->idef);
            else
                assert_false(get_f64(f->params, n->key) == n->fdef);
        }
    }
}

/* ---- NULL handling ---- */

static void null_params_are_invalid(void **state)
{
    fixture *f = *state;
    int64_t iv = -77;
    double fv = -77.0;
    assert_int_equal(seg_params_set_i64(NULL, SEG_PARAM_RFM_BINS_R, 5), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_set_f64(NULL, SEG_PARAM_ABC_A, 0.5), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_i64(&iv, NULL, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_f64(&fv, NULL, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_reset(NULL, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_i64(NULL, f->params, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_get_f64(NULL, f->params, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_default_i64(NULL, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_default_f64(NULL, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_bounds_i64(NULL, &iv, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_bounds_i64(&iv, NULL, SEG_PARAM_RFM_BINS_R), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_bounds_f64(NULL, &fv, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_param_bounds_f64(&fv, NULL, SEG_PARAM_ABC_A), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(iv, -77);
    assert_true(fv == -77.0);
}

static void new_rejects_null_arguments(void **state)
{
    fixture *f = *state;
    seg_params *p = (seg_params *)f;
    assert_int_equal(seg_params_new(NULL, f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_params_new(&p, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_ptr_equal(p, (seg_params *)f);
}

static void free_accepts_null(void **state)
{
    (void)state;
    seg_params_free(NULL);
}

static void sets_are_independent(void **state)
{
    fixture *f = *state;
    seg_params *other = NULL;
    assert_int_equal(seg_params_new(&other, f->ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(f->params, SEG_PARAM_CHURN_DAYS, 30), SEG_OK);
    assert_int_equal(get_i64(other, SEG_PARAM_CHURN_DAYS), 180);
    assert_int_equal(get_i64(f->params, SEG_PARAM_CHURN_DAYS), 30);
    seg_params_free(other);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(every_key_has_its_documented_type),
        T(names_are_unique_and_lower_case),
        T(names_map_back_to_keys),
        T(from_name_uses_only_len_bytes),
        T(from_name_rejects_unknown_names),
        T(defaults_match_the_header),
        T(bounds_match_the_header),
        T(i64_bounds_are_inclusive),
        T(f64_bounds_are_inclusive),
        T(f64_rejects_nan_and_infinity),
        T(success_clears_the_previous_error),
        T(wrong_type_is_invalid_argument),
        T(unknown_keys_are_unsupported),
        T(reset_restores_each_default),
        T(null_params_are_invalid),
        T(new_rejects_null_arguments),
        T(free_accepts_null),
        T(sets_are_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
