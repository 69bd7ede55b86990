/* Output does not depend on the C locale: every writer, explanation and
 * message gives the same bytes under a comma-decimal LC_NUMERIC (ru_RU,
 * generated into the build directory by localedef) as under "C". */
#include "test_util.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct sink {
    char *buf;
    size_t len;
} sink;

static int collect(const void *bytes, size_t len, void *ud)
{
    sink *k = ud;
    char *grown = realloc(k->buf, k->len + len + 1);
    assert_non_null(grown);
    k->buf = grown;
    memcpy(k->buf + k->len, bytes, len);
    k->len += len;
    k->buf[k->len] = '\0';
    return 0;
}

/* Everything a result can say as text, and a parameter error message. */
static sink everything(seg_context *ctx, const seg_result *r)
{
    sink k = {NULL, 0};
    char text[4096];
    seg_params *p = NULL;
    for (int what = SEG_OUTPUT_TABLE; what <= SEG_OUTPUT_SUMMARY; what++)
        for (int fmt = SEG_FORMAT_CSV; fmt <= SEG_FORMAT_JSON; fmt++)
            assert_int_equal(seg_result_write(r, (seg_output)what, (seg_format)fmt, collect, &k), SEG_OK);
    for (size_t c = 0; c < seg_result_rows(r); c++) {
        assert_int_equal(seg_result_explain(text, sizeof text, NULL, r, c, SEG_ANALYSIS_ALL), SEG_OK);
        collect(text, strlen(text), &k);
    }
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_f64(p, SEG_PARAM_ABC_A, 1.5), SEG_ERR_RANGE);
    collect(seg_context_errmsg(ctx), strlen(seg_context_errmsg(ctx)), &k);
    seg_params_free(p);
    return k;
}

static void writers_ignore_lc_numeric(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    for (int i = 0; i < 40; i++) {
        size_t c;
        assert_int_equal(seg_dataset_customer_i64(&c, ds, i % 9), SEG_OK);
        assert_int_equal(seg_dataset_add_transaction(ds, c, 19000 + 17 * i, 1001 + 377 * i, NULL, 0, NULL, NULL),
                         SEG_OK);
    }
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    assert_non_null(setlocale(LC_NUMERIC, "C"));
    sink plain = everything(ctx, r);
    if (!setlocale(LC_NUMERIC, "ru_RU.UTF-8"))
        skip(); /* no ru_RU locale here: nothing to compare with */
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    assert_string_equal(probe, "1,5"); /* the locale is really comma-decimal */
    sink ru = everything(ctx, r);
    setlocale(LC_NUMERIC, "C");
    assert_int_equal(plain.len, ru.len);
    assert_memory_equal(plain.buf, ru.buf, plain.len);
    assert_non_null(strstr(plain.buf, "\"gini\":0.")); /* a real with a point */
    free(plain.buf);
    free(ru.buf);
    seg_result_free(r);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writers_ignore_lc_numeric, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
