/* The per-customer table writer against a reference built here from the
 * public readers and snprintf ("%lld", "%.10g"): random customers with hostile
 * ids and names, int ids, refunds, leads with weighted ratings (renew reals),
 * at money scales 0, 2 and 6, written on one thread and on two; CSV and
 * JSON must match byte for byte. */
#include "test_util.h"

#include <math.h>
#include <stdio.h>

/* ---- a growing text ---- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static int collect(const void *bytes, size_t len, void *ud)
{
    put(ud, bytes, len);
    return 0;
}

/* ---- the reference encodings (as documented in segment.h) ---- */

static int is_number(const char *s, size_t len)
{
    size_t i = len && (s[0] == '+' || s[0] == '-'), digits = 0, dots = 0;
    for (; i < len; i++) {
        if (s[i] == '.' && !dots++)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return 0;
        digits++;
    }
    return digits > 0;
}

static void csv_text(text *t, const char *s, size_t len)
{
    int quote = 0, formula = len && (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r' ||
                                     ((s[0] == '+' || s[0] == '-') && len > 1 && !is_number(s, len)));
    for (size_t i = 0; i < len; i++)
        quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (quote)
        puts_(t, "\"");
    if (formula)
        puts_(t, "'");
    for (size_t i = 0; i < len; i++) {
        put(t, s + i, 1);
        if (s[i] == '"')
            puts_(t, "\""); /* doubled */
    }
    if (quote)
        puts_(t, "\"");
}

/* Length of the valid UTF-8 sequence at s (n ≥ 1 bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t tail = s[0] >= 0xC2 && s[0] <= 0xDF ? 1 : s[0] >= 0xE0 && s[0] <= 0xEF ? 2 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 3 : 0;
    if (!tail || n <= tail)
        return 0;
    unsigned lo = s[0] == 0xE0 ? 0xA0 : s[0] == 0xF0 ? 0x90 : 0x80;
    unsigned hi = s[0] == 0xED ? 0x9F : s[0] == 0xF4 ? 0x8F : 0xBF;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k <= tail; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return tail + 1;
}

static void json_text(text *t, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    puts_(t, "\"");
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len(s + i, len - i);
        char esc[8];
        if (n == 0) {
            puts_(t, "\xEF\xBF\xBD");
            i++;
        } else if (s[i] == '"' || s[i] == '\\') {
            snprintf(esc, sizeof esc, "\\%c", s[i++]);
            puts_(t, esc);
        } else if (s[i] < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", s[i++]);
            puts_(t, esc);
        } else {
            put(t, str + i, n);
            i += n;
        }
    }
    puts_(t, "\"");
}

/* ---- the table, column by column through the public readers ---- */

typedef enum kind { K_INT, K_MONEY, K_DATE, K_REAL, K_WORD, K_SEGMENT, K_ID, K_NAME } kind;

static const char *const stages[] = {NULL, "current", "prospect", "refused", "churned"};
static const char *const reasons[] = {NULL,           "status",    "churn_date", "recency",
                                      "lead_closed",  "lead_timeout", "lead_open", "no_lead"};
static const char *const renew_states[] = {NULL, "scored", "unrated"};
static const char *const abc[] = {NULL, "A", "B", "C"};
static const char *const xyz[] = {NULL, "X", "Y", "Z", "-", "-"};

typedef struct column {
    const char *name;
    seg_column col;
    kind k;
    const char *const *words;
    int64_t nwords;
} column;

#define WORDS(t) t, (int64_t)(sizeof t / sizeof *t)

static const column columns[] = {
    {"customer_id", 0, K_ID, NULL, 0},
    {"lifecycle", SEG_COL_LIFECYCLE, K_WORD, WORDS(stages)},
    {"recency_days", SEG_COL_RECENCY_DAYS, K_INT, NULL, 0},
    {"frequency", SEG_COL_FREQUENCY, K_INT, NULL, 0},
    {"monetary", SEG_COL_MONETARY, K_MONEY, NULL, 0},
    {"r", SEG_COL_R, K_INT, NULL, 0},
    {"f", SEG_COL_F, K_INT, NULL, 0},
    {"m", SEG_COL_M, K_INT, NULL, 0},
    {"rfm", SEG_COL_RFM, K_INT, NULL, 0},
    {"rfm_segment", SEG_COL_RFM_SEGMENT, K_SEGMENT, NULL, 0},
    {"abc", SEG_COL_ABC, K_WORD, WORDS(abc)},
    {"xyz", SEG_COL_XYZ, K_WORD, WORDS(xyz)},
    {"renew", SEG_COL_RENEW, K_REAL, NULL, 0},
    {"renew_rank", SEG_COL_RENEW_RANK, K_INT, NULL, 0},
    {"name", 0, K_NAME, NULL, 0},
    {"net_amount", SEG_COL_NET_AMOUNT, K_MONEY, NULL, 0},
    {"orders", SEG_COL_ORDERS, K_INT, NULL, 0},
    {"purchase_days", SEG_COL_PURCHASE_DAYS, K_INT, NULL, 0},
    {"first_purchase", SEG_COL_FIRST_PURCHASE, K_DATE, NULL, 0},
    {"last_purchase", SEG_COL_LAST_PURCHASE, K_DATE, NULL, 0},
    {"tenure_days", SEG_COL_TENURE_DAYS, K_INT, NULL, 0},
    {"abc_rank", SEG_COL_ABC_RANK, K_INT, NULL, 0},
    {"abc_share", SEG_COL_ABC_SHARE, K_REAL, NULL, 0},
    {"xyz_cv", SEG_COL_XYZ_CV, K_REAL, NULL, 0},
    {"xyz_periods", SEG_COL_XYZ_PERIODS, K_INT, NULL, 0},
    {"pareto_periods", SEG_COL_PARETO_PERIODS, K_INT, NULL, 0},
    {"lifecycle_reason", SEG_COL_LIFECYCLE_REASON, K_WORD, WORDS(reasons)},
    {"churn_horizon", SEG_COL_CHURN_HORIZON, K_INT, NULL, 0},
    {"renew_status", SEG_COL_RENEW_STATUS, K_WORD, WORDS(renew_states)},
    {"recontact_date", SEG_COL_RECONTACT_DATE, K_DATE, NULL, 0},
};
#define NCOLUMNS (sizeof columns / sizeof *columns)

/* One cell: 0 null, 1 text in (*s, *len), 2 a number or date in buf. */
static int cell(const char **s, size_t *len, char *buf, const seg_result *r, const column *c, size_t row)
{
    const seg_dataset *ds = seg_result_dataset(r);
    int64_t v = 0, scale = 0;
    double d = 0;
    uint8_t ok = 0;
    seg_id_kind id_kind;
    switch (c->k) {
    case K_ID:
        assert_int_equal(seg_dataset_customer_id(&id_kind, &v, s, len, ds, row), SEG_OK);
        if (id_kind == SEG_ID_STRING)
            return 1;
        snprintf(buf, 32, "%lld", (long long)v);
        return 2;
    case K_NAME:
        *s = NULL;
        assert_int_equal(seg_dataset_get_str(s, len, ds, row, SEG_FIELD_NAME), SEG_OK);
        return *s != NULL;
    case K_REAL:
        assert_int_equal(seg_result_copy_f64(&d, &ok, r, c->col, row, 1), SEG_OK);
        if (!ok || !isfinite(d))
            return 0;
        snprintf(buf, 32, "%.10g", d);
        return 2;
    default: break;
    }
    assert_int_equal(seg_result_copy_i64(&v, &ok, r, c->col, row, 1), SEG_OK);
    if (!ok)
        return 0;
    switch (c->k) {
    case K_INT: snprintf(buf, 32, "%lld", (long long)v); return 2;
    case K_MONEY:
        assert_int_equal(seg_result_summary_i64(&scale, r, SEG_SUM_SCALE), SEG_OK);
        assert_int_equal(seg_money_format(buf, 32, v, (int)scale), SEG_OK);
        return 2;
    case K_DATE:
        if (seg_date_format(buf, 32, (int32_t)v) != SEG_OK)
            buf[0] = '\0';
        return 2;
    case K_SEGMENT:
        *s = seg_result_segment_name(r, v);
        *len = *s ? strlen(*s) : 0;
        return *s != NULL;
    default:
        if (v <= 0 || v >= c->nwords)
            return 0;
        *s = c->words[v];
        *len = strlen(*s);
        return 1;
    }
}

static void reference_csv(text *t, const seg_result *r)
{
    char buf[32];
    const char *s;
    size_t len;
    for (size_t c = 0; c < NCOLUMNS; c++) {
        puts_(t, c ? "," : "");
        puts_(t, columns[c].name);
    }
    puts_(t, "\r\n");
    for (size_t row = 0; row < seg_result_rows(r); row++) {
        for (size_t c = 0; c < NCOLUMNS; c++) {
            puts_(t, c ? "," : "");
            int k = cell(&s, &len, buf, r, &columns[c], row);
            if (k == 1)
                csv_text(t, s, len);
            else if (k == 2)
                puts_(t, buf);
        }
        puts_(t, "\r\n");
    }
}

static void reference_json(text *t, const seg_result *r)
{
    char buf[32];
    const char *s;
    size_t len;
    puts_(t, "[");
    for (size_t row = 0; row < seg_result_rows(r); row++) {
        puts_(t, row ? ",\n{" : "\n{");
        for (size_t c = 0; c < NCOLUMNS; c++) {
            puts_(t, c ? ",\"" : "\"");
            puts_(t, columns[c].name);
            puts_(t, "\":");
            int k = cell(&s, &len, buf, r, &columns[c], row);
            if (k == 1)
                json_text(t, s, len);
            else if (k == 2 && columns[c].k == K_DATE)
                json_text(t, buf, strlen(buf));
            else
                puts_(t, k ? buf : "null");
        }
        puts_(t, "}");
    }
    puts_(t, "\n]\n");
}

/* ---- random customers ---- */

static uint64_t rng = 88172645463325252u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A text from pieces that exercise quoting, formulas, UTF-8 and length. */
static size_t random_text(char *buf, size_t cap, uint64_t i)
{
    static const char *const pieces[] = {"C", "0047", ",", "\"", "=", "+", "-", "@", "\t", "\r", "\n", "1.5",
                                         "Ä", "\xE2\x82\xAC", "\xFF", "\xC3", "\\", " ", "x", "\x01",
                                         "LongNameOfACustomerThatGoesOnAndOn"};
    size_t n = 0, parts = 1 + next() % 6;
    n += (size_t)snprintf(buf, cap, "%llu", (unsigned long long)i) * (next() % 3 == 0);
    for (size_t p = 0; p < parts; p++) {
        const char *piece = pieces[next() % (sizeof pieces / sizeof *pieces)];
        size_t len = strlen(piece);
        if (n + len + 24 < cap) {
            memcpy(buf + n, piece, len);
            n += len;
        }
    }
    n += (size_t)snprintf(buf + n, cap - n, "#%llu", (unsigned long long)i); /* unique */
    return n;
}

static void add_customer(seg_dataset *ds, uint64_t i)
{
    char id[256], name[256];
    size_t c = 0, n;
    if (next() % 4 == 0) {
        assert_int_equal(seg_dataset_customer_i64(&c, ds, (int64_t)(next() % 2000000) - 1000000 + (int64_t)i * 2000001),
                         SEG_OK);
    } else {
        n = random_text(id, sizeof id, i);
        assert_int_equal(seg_dataset_customer_str(&c, ds, id, n), SEG_OK);
    }
    if (next() % 3 == 0) {
        n = random_text(name, sizeof name, i);
        assert_int_equal(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, name, n), SEG_OK);
    }
    int orders = (int)(next() % 12);
    for (int k = 0; k < orders; k++) {
        int64_t amount = (int64_t)(next() % 5000000) - (next() % 8 == 0 ? 3000000 : 0);
        int32_t date = 19000 + (int32_t)(next() % 900);
        assert_int_equal(seg_dataset_add_transaction(ds, c, date, amount, NULL, 0, NULL, NULL), SEG_OK);
    }
    if (orders == 0 || next() % 5 == 0) {
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, (int32_t)(next() % 2)), SEG_OK);
        assert_int_equal(seg_dataset_set_rating(ds, c, "brand", 5, (int32_t)(1 + next() % 5)), SEG_OK);
        assert_int_equal(seg_dataset_set_rating(ds, c, "deal", 4, (int32_t)(1 + next() % 5)), SEG_OK);
        if (next() % 2)
            assert_int_equal(seg_dataset_set_rating(ds, c, "closeness", 9, (int32_t)(1 + next() % 5)), SEG_OK);
    }
}

static void compare(seg_result *r)
{
    text want = {0}, got = {0};
    reference_csv(&want, r);
    assert_int_equal(seg_result_write(r, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, collect, &got), SEG_OK);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.s, want.s, want.len);
    want.len = got.len = 0;
    reference_json(&want, r);
    assert_int_equal(seg_result_write(r, SEG_OUTPUT_TABLE, SEG_FORMAT_JSON, collect, &got), SEG_OK);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.s, want.s, want.len);
    free(want.s);
    free(got.s);
}

/* Weights with long decimal expansions make the renew scores real reals. */
static seg_params *job(seg_context *ctx)
{
    seg_params *p = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_renew_add(p, "brand", 5, 1.0 / 3), SEG_OK);
    assert_int_equal(seg_params_renew_add(p, "deal", 4, 0.7071067811865476), SEG_OK);
    assert_int_equal(seg_params_renew_add(p, "closeness", 9, 123.456789), SEG_OK);
    return p;
}

static void table_matches_reference(void **state)
{
    seg_context *ctx = *state;
    const int64_t scales[] = {2, 0, 6};
    for (size_t s = 0; s < 3; s++) {
        seg_dataset *ds = NULL;
        seg_result *r = NULL;
        assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
        assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, scales[s]), SEG_OK);
        for (uint64_t i = 0; i < (s == 1 ? 4500 : 6000); i++) /* 4500: the last pair of blocks is one */
            add_customer(ds, i);
        seg_params *p = job(ctx);
        for (int64_t threads = 1; threads <= 2; threads++) { /* 2: blocks of rows formatted on two threads */
            assert_int_equal(seg_params_set_i64(p, SEG_PARAM_THREADS, threads), SEG_OK);
            seg_status st = seg_analyze(&r, ds, p);
            if (st != SEG_OK)
                fail_msg("%s", seg_context_errmsg(ctx));
            compare(r);
            seg_result_free(r);
        }
        assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK); /* default analyses */
        compare(r);
        seg_result_free(r);
        seg_params_free(p);
        seg_dataset_free(ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(table_matches_reference, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
