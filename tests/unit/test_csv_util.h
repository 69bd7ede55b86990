/* Shared fixture for the CSV tests: a context, a dataset, options and a
 * report, loading files from tests/data/csv and reading back what loaded. */
#ifndef SEG_TEST_CSV_UTIL_H
#define SEG_TEST_CSV_UTIL_H

#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct csv_fixture {
    seg_context *ctx;
    seg_dataset *ds;
    seg_csv_options *opts;
    seg_load_report *rep;
} csv_fixture;

static inline int csv_setup(void **state)
{
    csv_fixture *f = calloc(1, sizeof *f);
    if (!f || seg_context_new(&f->ctx) != SEG_OK || seg_dataset_new(&f->ds, f->ctx) != SEG_OK ||
        seg_csv_options_new(&f->opts, f->ctx) != SEG_OK || seg_load_report_new(&f->rep, f->ctx) != SEG_OK)
        return -1;
    *state = f;
    return 0;
}

static inline int csv_teardown(void **state)
{
    csv_fixture *f = *state;
    seg_load_report_free(f->rep);
    seg_csv_options_free(f->opts);
    seg_dataset_free(f->ds);
    seg_context_free(f->ctx);
    free(f);
    return 0;
}

static inline void csv_path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/csv/%s", TEST_DATA_DIR, name);
}

static inline seg_status csv_load(csv_fixture *f, const char *name, seg_record_kind kind)
{
    char path[1024];
    csv_path(path, sizeof path, name);
    return seg_dataset_load_csv_path(f->rep, f->ds, kind, f->opts, path, strlen(path));
}

static inline seg_status csv_load_text(csv_fixture *f, const char *text, seg_record_kind kind)
{
    return seg_dataset_load_csv_buffer(f->rep, f->ds, kind, f->opts, text, strlen(text));
}

static inline void csv_set(csv_fixture *f, seg_csv_option key, int64_t value)
{
    assert_int_equal(seg_csv_options_set_i64(f->opts, key, value), SEG_OK);
}

static inline void csv_map(csv_fixture *f, const char *role, const char *header)
{
    assert_int_equal(seg_csv_options_map(f->opts, role, strlen(role), header, strlen(header)), SEG_OK);
}

static inline int64_t rep_stat(const csv_fixture *f, seg_load_stat key)
{
    int64_t v = -77;
    assert_int_equal(seg_load_report_stat(&v, f->rep, key), SEG_OK);
    return v;
}

static inline int64_t rep_rejected(const csv_fixture *f, seg_reject_reason reason)
{
    int64_t v = -77;
    assert_int_equal(seg_load_report_rejected(&v, f->rep, reason), SEG_OK);
    return v;
}

static inline int64_t ds_stat(const csv_fixture *f, seg_dataset_stat_key key)
{
    int64_t v = -77;
    assert_int_equal(seg_dataset_stat(&v, f->ds, key), SEG_OK);
    return v;
}

/* read, loaded, rejected, and the accounting that must always hold. */
static inline void expect_rows(const csv_fixture *f, int64_t read, int64_t loaded, int64_t rejected)
{
    int64_t by_reason = 0;
    for (int r = SEG_REJECT_FIELD_COUNT; r <= SEG_REJECT_OVERFLOW; r++)
        by_reason += rep_rejected(f, (seg_reject_reason)r);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_READ), read);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_LOADED), loaded);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROWS_REJECTED), rejected);
    assert_int_equal(loaded + rejected, read);
    assert_int_equal(by_reason, rejected);
}

/* Net amount (minor units) of the customer with a string id; fails if unknown. */
static inline int64_t net_of(csv_fixture *f, const char *id)
{
    size_t c = 0;
    seg_result *r = NULL;
    int64_t v = 0;
    if (seg_dataset_find_str(&c, f->ds, id, strlen(id)) != SEG_OK)
        fail_msg("no customer '%s'", id);
    assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
    assert_int_equal(seg_result_copy_i64(&v, NULL, r, SEG_COL_NET_AMOUNT, c, 1), SEG_OK);
    seg_result_free(r);
    return v;
}

static inline int64_t col_of(csv_fixture *f, const char *id, seg_column col)
{
    size_t c = 0;
    seg_result *r = NULL;
    int64_t v = 0;
    if (seg_dataset_find_str(&c, f->ds, id, strlen(id)) != SEG_OK)
        fail_msg("no customer '%s'", id);
    assert_int_equal(seg_analyze(&r, f->ds, NULL), SEG_OK);
    assert_int_equal(seg_result_copy_i64(&v, NULL, r, col, c, 1), SEG_OK);
    seg_result_free(r);
    return v;
}

/* The header a role was read from, or NULL. */
static inline const char *role_header(const csv_fixture *f, const char *role)
{
    int64_t n = rep_stat(f, SEG_LOAD_ROLES);
    for (size_t i = 0; i < (size_t)n; i++) {
        const char *name = NULL, *header = NULL;
        assert_int_equal(seg_load_report_role(&name, &header, NULL, f->rep, i), SEG_OK);
        if (strcmp(name, role) == 0)
            return header;
    }
    return NULL;
}

static inline void expect_msg_has(const csv_fixture *f, const char *part)
{
    const char *msg = seg_context_errmsg(f->ctx);
    if (!strstr(msg, part))
        fail_msg("message '%s' lacks '%s'", msg, part);
}

/* Error i of the report: line, column, reason, and a part of its message. */
static inline void expect_error(const csv_fixture *f, size_t i, int64_t line, int64_t column,
                                seg_reject_reason reason, const char *part)
{
    int64_t l = -1, c = -1;
    seg_reject_reason why = (seg_reject_reason)0;
    const char *header = NULL, *msg = NULL;
    assert_int_equal(seg_load_report_error(&l, &c, &why, &header, &msg, f->rep, i), SEG_OK);
    if (l != line || c != column || why != reason || !strstr(msg, part))
        fail_msg("error %zu: %lld:%lld reason %d '%s'; expected %lld:%lld reason %d with '%s'", i, (long long)l,
                 (long long)c, (int)why, msg, (long long)line, (long long)column, (int)reason, part);
    assert_non_null(header);
}

static inline int32_t day_of(csv_fixture *f, const char *id, seg_field field)
{
    size_t c = 0;
    int32_t v = 0;
    assert_int_equal(seg_dataset_find_str(&c, f->ds, id, strlen(id)), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&v, f->ds, c, field), SEG_OK);
    return v;
}

#endif
