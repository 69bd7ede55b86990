/* seg_result_write: the per-customer table as CSV or JSON, and the dispatch
 * to the summary writer; seg_result_write_file writes either to a file. */
#include "result.h"

#include "io/out.h"
#include "write.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const stages[] = {NULL, "current", "prospect", "refused", "churned"};
static const char *const reasons[] = {NULL, "status", "churn_date", "recency", "lead_closed", "lead_timeout",
                                      "lead_open", "no_lead"};
static const char *const renew_states[] = {NULL, "scored", "unrated"};

static seg_value word(const char *w)
{
    return w ? seg__v_text(w, strlen(w)) : seg__v_null();
}

/* An integer column as int, money or date; null stays null. */
static seg_value int_col(const seg_result *r, seg_column c, size_t row, seg_vkind kind)
{
    int64_t v;
    if (!seg__rcol_i64(&r->col[c], row, &v))
        return seg__v_null();
    seg_value out = seg__v_int(v);
    out.kind = kind;
    return out;
}

static seg_value real_col(const seg_result *r, seg_column c, size_t row)
{
    double v;
    return seg__rcol_f64(&r->col[c], row, &v) ? seg__v_real(v) : seg__v_null();
}

/* An enum column through a table of words (index = value). */
static seg_value word_col(const seg_result *r, seg_column c, size_t row, const char *const *words, int64_t n)
{
    int64_t v;
    return seg__rcol_i64(&r->col[c], row, &v) && v > 0 && v < n ? word(words[v]) : seg__v_null();
}

static seg_value letter_col(const seg_result *r, seg_column c, size_t row, const char *letters)
{
    int64_t v;
    if (!seg__rcol_i64(&r->col[c], row, &v))
        return seg__v_null();
    return seg__v_text(letters + v - 1, 1);
}

static seg_value id_value(const seg_result *r, size_t row)
{
    const seg_key_entry *e = &r->ds->ids.entries[row];
    if (e->len == SEG_KEY_INT)
        return seg__v_int((int64_t)e->value);
    return seg__v_text(seg__keytab_bytes(&r->ds->ids, (uint32_t)row), e->len);
}

static seg_value name_value(const seg_result *r, size_t row)
{
    const char *s = NULL;
    size_t len = 0;
    seg_dataset_get_str(&s, &len, r->ds, row, SEG_FIELD_NAME);
    return s ? seg__v_text(s, len) : seg__v_null();
}

static seg_value segment_value(const seg_result *r, size_t row)
{
    int64_t v;
    if (!seg__rcol_i64(&r->col[SEG_COL_RFM_SEGMENT], row, &v))
        return seg__v_null();
    return word(seg_result_segment_name(r, v));
}

typedef struct table_column {
    const char *name;
    seg_column col;
    int kind; /* 0 int, 1 money, 2 date, 3 real, 4 special */
} table_column;

static const table_column table[] = {
    {"customer_id", 0, 4},           {"lifecycle", SEG_COL_LIFECYCLE, 4},
    {"recency_days", SEG_COL_RECENCY_DAYS, 0}, {"frequency", SEG_COL_FREQUENCY, 0},
    {"monetary", SEG_COL_MONETARY, 1}, {"r", SEG_COL_R, 0},
    {"f", SEG_COL_F, 0},             {"m", SEG_COL_M, 0},
    {"rfm", SEG_COL_RFM, 0},         {"rfm_segment", SEG_COL_RFM_SEGMENT, 4},
    {"abc", SEG_COL_ABC, 4},         {"xyz", SEG_COL_XYZ, 4},
    {"renew", SEG_COL_RENEW, 3},     {"renew_rank", SEG_COL_RENEW_RANK, 0},
    {"name", 0, 4},                  {"net_amount", SEG_COL_NET_AMOUNT, 1},
    {"orders", SEG_COL_ORDERS, 0},   {"purchase_days", SEG_COL_PURCHASE_DAYS, 0},
    {"first_purchase", SEG_COL_FIRST_PURCHASE, 2}, {"last_purchase", SEG_COL_LAST_PURCHASE, 2},
    {"tenure_days", SEG_COL_TENURE_DAYS, 0}, {"abc_rank", SEG_COL_ABC_RANK, 0},
    {"abc_share", SEG_COL_ABC_SHARE, 3}, {"xyz_cv", SEG_COL_XYZ_CV, 3},
    {"xyz_periods", SEG_COL_XYZ_PERIODS, 0}, {"pareto_periods", SEG_COL_PARETO_PERIODS, 0},
    {"lifecycle_reason", SEG_COL_LIFECYCLE_REASON, 4}, {"churn_horizon", SEG_COL_CHURN_HORIZON, 0},
    {"renew_status", SEG_COL_RENEW_STATUS, 4}, {"recontact_date", SEG_COL_RECONTACT_DATE, 2},
};
#define TABLE_COLUMNS (sizeof table / sizeof *table)

static seg_value special(const seg_result *r, const table_column *t, size_t row)
{
    switch (t->col) {
    case SEG_COL_LIFECYCLE: return word_col(r, t->col, row, stages, 5);
    case SEG_COL_RFM_SEGMENT: return segment_value(r, row);
    case SEG_COL_ABC: return letter_col(r, t->col, row, "ABC");
    case SEG_COL_XYZ: return letter_col(r, t->col, row, "XYZ--");
    case SEG_COL_LIFECYCLE_REASON: return word_col(r, t->col, row, reasons, 8);
    case SEG_COL_RENEW_STATUS: return word_col(r, t->col, row, renew_states, 3);
    default: return t->name[0] == 'c' ? id_value(r, row) : name_value(r, row);
    }
}

static seg_value cell(const seg_result *r, const table_column *t, size_t row)
{
    static const seg_vkind kinds[] = {SEG_V_INT, SEG_V_MONEY, SEG_V_DATE};
    if (t->kind == 4)
        return special(r, t, row);
    if (t->kind == 3)
        return real_col(r, t->col, row);
    return int_col(r, t->col, row, kinds[t->kind]);
}

static void table_csv(seg_out *o, const seg_result *r)
{
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        seg__out_str(o, c ? "," : "");
        seg__out_str(o, table[c].name);
    }
    seg__out_str(o, "\r\n");
    for (size_t row = 0; row < r->rows && o->status == SEG_OK; row++) {
        for (size_t c = 0; c < TABLE_COLUMNS; c++) {
            seg_value v = cell(r, &table[c], row);
            if (c)
                seg__out_bytes(o, ",", 1);
            seg__out_csv(o, &v);
        }
        seg__out_str(o, "\r\n");
    }
}

static void table_json(seg_out *o, const seg_result *r)
{
    seg__out_str(o, "[");
    for (size_t row = 0; row < r->rows && o->status == SEG_OK; row++) {
        seg__out_str(o, row ? ",\n{" : "\n{");
        for (size_t c = 0; c < TABLE_COLUMNS; c++) {
            seg_value v = cell(r, &table[c], row);
            seg__out_str(o, c ? "," : "");
            seg__out_json_key(o, table[c].name);
            seg__out_str(o, ":");
            seg__out_json(o, &v);
        }
        seg__out_str(o, "}");
    }
    seg__out_str(o, "\n]\n");
}

SEG_API seg_status seg_result_write(const seg_result *r, seg_output what, seg_format format, seg_write_fn fn,
                                    void *user_data)
{
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(r->ctx);
    SEG_CHECK_ARG(r->ctx, fn, "fn is NULL");
    if ((what != SEG_OUTPUT_TABLE && what != SEG_OUTPUT_SUMMARY) ||
        (format != SEG_FORMAT_CSV && format != SEG_FORMAT_JSON))
        return seg__error(r->ctx, SEG_ERR_UNSUPPORTED, "unknown output %d or format %d", (int)what, (int)format);
    seg_out o;
    SEG_TRY(seg__out_open(&o, r->ctx, fn, user_data, r->scale));
    if (what == SEG_OUTPUT_SUMMARY)
        seg__write_summary(&o, r, format);
    else if (format == SEG_FORMAT_CSV)
        table_csv(&o, r);
    else
        table_json(&o, r);
    return seg__out_close(&o);
}

static int to_file(const void *data, size_t len, void *user_data)
{
    return fwrite(data, 1, len, user_data) != len;
}

SEG_API seg_status seg_result_write_file(const seg_result *r, seg_output what, seg_format format,
                                         const char *path, size_t path_len)
{
    char name[4096];
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(r->ctx);
    SEG_CHECK_ARG(r->ctx, path && path_len && path_len < sizeof name && !memchr(path, 0, path_len),
                  "path must be 1-4095 bytes without NUL");
    memcpy(name, path, path_len);
    name[path_len] = '\0';
    FILE *f = fopen(name, "wb");
    if (!f)
        return seg__error(r->ctx, SEG_ERR_IO, "cannot open %s for writing: %s", name, strerror(errno));
    seg_status st = seg_result_write(r, what, format, to_file, f);
    int closed = fclose(f);
    if (st == SEG_ERR_IO || (st == SEG_OK && closed != 0))
        return seg__error(r->ctx, SEG_ERR_IO, "cannot write %s: %s", name, strerror(errno));
    return st;
}
