/* Shared helpers for the cmocka unit tests: includes in cmocka's order, a
 * context fixture and small builders for dates and batches. */
#ifndef SEG_TEST_UTIL_H
#define SEG_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsegment/segment.h>

static inline int ctx_setup(void **state)
{
    seg_context *ctx = NULL;
    if (seg_context_new(&ctx) != SEG_OK)
        return -1;
    *state = ctx;
    return 0;
}

static inline int ctx_teardown(void **state)
{
    seg_context_free(*state);
    return 0;
}

#ifdef TEST_DATA_DIR
#include <stdio.h>
/* A file of tests/data, open for reading; fails the test when missing. */
static inline FILE *open_test_data(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", TEST_DATA_DIR, name);
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open %s", path);
    return fp;
}
#endif

/* The analysis tests' fixture: a context, an empty dataset, default parameters. */
typedef struct analysis_fixture {
    seg_context *ctx;
    seg_dataset *ds;
    seg_params *p;
} analysis_fixture;

/* cmocka setup: a new fixture in *state (0), or -1. */
static inline int analysis_setup(void **state)
{
    analysis_fixture *f = calloc(1, sizeof *f);
    if (!f || seg_context_new(&f->ctx) || seg_dataset_new(&f->ds, f->ctx) || seg_params_new(&f->p, f->ctx))
        return -1;
    *state = f;
    return 0;
}

static inline int analysis_teardown(void **state)
{
    analysis_fixture *f = *state;
    seg_params_free(f->p);
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    free(f);
    return 0;
}

/* Day number of an ISO date; fails the test on bad text. */
static inline int32_t day(const char *iso)
{
    int32_t d = 0;
    assert_int_equal(seg_date_parse(&d, NULL, iso, strlen(iso)), SEG_OK);
    return d;
}

/* Arrow-style offsets for `n` NUL-terminated strings concatenated into `buf`. */
static inline void pack_strings(char *buf, int64_t *offsets, const char *const *s, size_t n)
{
    int64_t pos = 0;
    offsets[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(s[i]);
        memcpy(buf + pos, s[i], len);
        pos += (int64_t)len;
        offsets[i + 1] = pos;
    }
}

/* Value of an i64 result column for one row, with its validity. */
static inline int64_t col_i64(const seg_result *r, seg_column c, size_t row, uint8_t *valid)
{
    int64_t v = 0;
    uint8_t ok = 0;
    assert_int_equal(seg_result_copy_i64(&v, &ok, r, c, row, 1), SEG_OK);
    if (valid)
        *valid = ok;
    return v;
}

#endif
