/* The per-customer table as CSV or JSON: each column resolved once to its
 * storage and kind of cell, then every row written straight into the output
 * buffer, numbers and dates without printf. */
#include "result.h"

#include "io/date.h"
#include "io/money.h"
#include "util/digits.h"
#include "util/real.h"
#include "write.h"

#include <math.h>
#include <string.h>

typedef struct word {
    const char *s;
    size_t len;
} word;

#define W(text) {text, sizeof text - 1}

static const word stages[] = {{NULL, 0}, W("current"), W("prospect"), W("refused"), W("churned")};
static const word reasons[] = {{NULL, 0},      W("status"),       W("churn_date"), W("recency"),
                               W("lead_closed"), W("lead_timeout"), W("lead_open"),  W("no_lead")};
static const word renew_states[] = {{NULL, 0}, W("scored"), W("unrated")};
static const word abc_letters[] = {{NULL, 0}, W("A"), W("B"), W("C")};
static const word xyz_letters[] = {{NULL, 0}, W("X"), W("Y"), W("Z"), W("-"), W("-")};

typedef enum cell_kind {
    CELL_INT,
    CELL_MONEY,
    CELL_DATE,
    CELL_REAL,
    CELL_WORD,    /* an enum value through a table of words (index = value) */
    CELL_SEGMENT, /* the RFM segment's name */
    CELL_ID,
    CELL_NAME
} cell_kind;

typedef struct table_column {
    const char *name;
    seg_column col;
    cell_kind kind;
    const word *words;
    int64_t nwords;
} table_column;

#define WORDS(t) t, (int64_t)(sizeof t / sizeof *t)

static const table_column table[] = {
    {"customer_id", 0, CELL_ID, NULL, 0},
    {"lifecycle", SEG_COL_LIFECYCLE, CELL_WORD, WORDS(stages)},
    {"recency_days", SEG_COL_RECENCY_DAYS, CELL_INT, NULL, 0},
    {"frequency", SEG_COL_FREQUENCY, CELL_INT, NULL, 0},
    {"monetary", SEG_COL_MONETARY, CELL_MONEY, NULL, 0},
    {"r", SEG_COL_R, CELL_INT, NULL, 0},
    {"f", SEG_COL_F, CELL_INT, NULL, 0},
    {"m", SEG_COL_M, CELL_INT, NULL, 0},
    {"rfm", SEG_COL_RFM, CELL_INT, NULL, 0},
    {"rfm_segment", SEG_COL_RFM_SEGMENT, CELL_SEGMENT, NULL, 0},
    {"abc", SEG_COL_ABC, CELL_WORD, WORDS(abc_letters)},
    {"xyz", SEG_COL_XYZ, CELL_WORD, WORDS(xyz_letters)},
    {"renew", SEG_COL_RENEW, CELL_REAL, NULL, 0},
    {"renew_rank", SEG_COL_RENEW_RANK, CELL_INT, NULL, 0},
    {"name", 0, CELL_NAME, NULL, 0},
    {"net_amount", SEG_COL_NET_AMOUNT, CELL_MONEY, NULL, 0},
    {"orders", SEG_COL_ORDERS, CELL_INT, NULL, 0},
    {"purchase_days", SEG_COL_PURCHASE_DAYS, CELL_INT, NULL, 0},
    {"first_purchase", SEG_COL_FIRST_PURCHASE, CELL_DATE, NULL, 0},
    {"last_purchase", SEG_COL_LAST_PURCHASE, CELL_DATE, NULL, 0},
    {"tenure_days", SEG_COL_TENURE_DAYS, CELL_INT, NULL, 0},
    {"abc_rank", SEG_COL_ABC_RANK, CELL_INT, NULL, 0},
    {"abc_share", SEG_COL_ABC_SHARE, CELL_REAL, NULL, 0},
    {"xyz_cv", SEG_COL_XYZ_CV, CELL_REAL, NULL, 0},
    {"xyz_periods", SEG_COL_XYZ_PERIODS, CELL_INT, NULL, 0},
    {"pareto_periods", SEG_COL_PARETO_PERIODS, CELL_INT, NULL, 0},
    {"lifecycle_reason", SEG_COL_LIFECYCLE_REASON, CELL_WORD, WORDS(reasons)},
    {"churn_horizon", SEG_COL_CHURN_HORIZON, CELL_INT, NULL, 0},
    {"renew_status", SEG_COL_RENEW_STATUS, CELL_WORD, WORDS(renew_states)},
    {"recontact_date", SEG_COL_RECONTACT_DATE, CELL_DATE, NULL, 0},
};
#define TABLE_COLUMNS (sizeof table / sizeof *table)
#define KEY_MAX 24 /* ,"recontact_date": and the longer names, with room */

/* Everything a row needs, looked up once per write. */
typedef struct plan {
    const seg_result *r;
    seg_rcol rc[TABLE_COLUMNS];
    word segments[SEG_MAX_RULES];
    int64_t nsegments;
    int scale; /* -1 when out of range: money cells stay empty */
    uint64_t unit;
    char key[TABLE_COLUMNS][KEY_MAX]; /* JSON: ,"name": */
    size_t key_len[TABLE_COLUMNS];
} plan;

static void plan_keys(plan *p)
{
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        size_t n = strlen(table[c].name);
        char *k = p->key[c];
        k[0] = ',';
        k[1] = '"';
        memcpy(k + 2, table[c].name, n);
        memcpy(k + 2 + n, "\":", 2);
        p->key_len[c] = n + 4;
    }
}

static void plan_table(plan *p, const seg_result *r, int scale)
{
    p->r = r;
    for (size_t c = 0; c < TABLE_COLUMNS; c++)
        p->rc[c] = r->col[table[c].col];
    size_t n = seg_result_segment_count(r);
    p->nsegments = (int64_t)(n < SEG_MAX_RULES ? n : SEG_MAX_RULES);
    for (int64_t i = 0; i < p->nsegments; i++) {
        const char *name = seg_result_segment_name(r, i);
        p->segments[i] = (word){name, name ? strlen(name) : 0};
    }
    p->scale = scale >= 0 && scale <= SEG_SCALE_MAX ? scale : -1;
    p->unit = p->scale >= 0 ? (uint64_t)seg__pow10(scale) : 1;
    plan_keys(p);
}

/* A text cell's value: 1 with *w set, 2 for an integer customer id in *id,
 * 0 for null. */
static int text_cell(word *w, int64_t *id, const plan *p, size_t c, size_t row)
{
    const seg_result *r = p->r;
    int64_t v;
    switch (table[c].kind) {
    case CELL_ID: {
        const seg_key_entry *e = &r->ds->ids.entries[row];
        if (e->len == SEG_KEY_INT) {
            *id = (int64_t)e->value;
            return 2;
        }
        *w = (word){seg__keytab_bytes(&r->ds->ids, (uint32_t)row), e->len};
        return 1;
    }
    case CELL_NAME:
        w->s = NULL;
        seg_dataset_get_str(&w->s, &w->len, r->ds, row, SEG_FIELD_NAME);
        return w->s != NULL;
    case CELL_SEGMENT:
        if (!seg__rcol_i64(&p->rc[c], row, &v) || v < 0 || v >= p->nsegments || !p->segments[v].s)
            return 0;
        *w = p->segments[v];
        return 1;
    default:
        if (!seg__rcol_i64(&p->rc[c], row, &v) || v <= 0 || v >= table[c].nwords)
            return 0;
        *w = table[c].words[v];
        return 1;
    }
}

/* YYYY-MM-DD at b, or nothing for a day outside the date range. */
static size_t put_date(char *b, int64_t day)
{
    int y, m, d;
    if (!seg__date_valid(day))
        return 0;
    seg__civil_from_days((int32_t)day, &y, &m, &d);
    seg__digits_fixed(b, (uint64_t)y, 4);
    b[4] = '-';
    seg__digits_fixed(b + 5, (uint64_t)m, 2);
    b[7] = '-';
    seg__digits_fixed(b + 8, (uint64_t)d, 2);
    return 10;
}

/* A number cell's text at b (SEG_OUT_ROOM bytes); 0 bytes for null. */
static size_t number_cell(char *b, const plan *p, size_t c, size_t row, int *null)
{
    int64_t v;
    double d;
    if (table[c].kind == CELL_REAL) {
        *null = !seg__rcol_f64(&p->rc[c], row, &d) || !isfinite(d);
        return *null ? 0 : seg__out_real(b, d);
    }
    *null = !seg__rcol_i64(&p->rc[c], row, &v);
    if (*null)
        return 0;
    if (table[c].kind == CELL_INT)
        return seg__digits_i64(b, v);
    if (table[c].kind == CELL_MONEY)
        return p->scale >= 0 ? seg__digits_scaled(b, v, p->scale, p->unit) : 0;
    return put_date(b, v);
}

static void csv_cell(seg_out *o, const plan *p, size_t c, size_t row)
{
    char *b = seg__out_room(o, SEG_OUT_ROOM);
    size_t n = c != 0;
    b[0] = ',';
    if (table[c].kind <= CELL_REAL) {
        int null;
        o->len += n + number_cell(b + n, p, c, row, &null);
        return;
    }
    o->len += n;
    word w;
    int64_t id;
    int t = text_cell(&w, &id, p, c, row);
    if (t == 1)
        seg__out_csv_text(o, w.s, w.len);
    else if (t == 2)
        o->len += seg__digits_i64(b + n, id);
}

static void table_csv(seg_out *o, const plan *p)
{
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        seg__out_str(o, c ? "," : "");
        seg__out_str(o, table[c].name);
    }
    seg__out_str(o, "\r\n");
    for (size_t row = 0; row < p->r->rows && o->status == SEG_OK; row++) {
        for (size_t c = 0; c < TABLE_COLUMNS; c++)
            csv_cell(o, p, c, row);
        seg__out_bytes(o, "\r\n", 2);
    }
}

/* A number as JSON: null, the number, or a date as a string ("" when out of range). */
static void json_number(seg_out *o, char *b, const plan *p, size_t c, size_t row)
{
    int null;
    size_t n = number_cell(b + (table[c].kind == CELL_DATE), p, c, row, &null);
    if (null)
        memcpy(b, "null", n = 4);
    else if (table[c].kind == CELL_DATE) {
        b[0] = '"';
        b[n + 1] = '"';
        n += 2;
    }
    o->len += n;
}

static void json_cell(seg_out *o, const plan *p, size_t c, size_t row)
{
    char *b = seg__out_room(o, SEG_OUT_ROOM);
    size_t k = p->key_len[c] - (c == 0);
    memcpy(b, p->key[c] + (c == 0), k);
    o->len += k;
    b += k;
    if (table[c].kind <= CELL_REAL) {
        json_number(o, b, p, c, row);
        return;
    }
    word w;
    int64_t id;
    int t = text_cell(&w, &id, p, c, row);
    if (t == 1)
        seg__out_json_text(o, w.s, w.len);
    else if (t == 2)
        o->len += seg__digits_i64(b, id);
    else {
        memcpy(b, "null", 4);
        o->len += 4;
    }
}

static void table_json(seg_out *o, const plan *p)
{
    seg__out_str(o, "[");
    for (size_t row = 0; row < p->r->rows && o->status == SEG_OK; row++) {
        seg__out_str(o, row ? ",\n{" : "\n{");
        for (size_t c = 0; c < TABLE_COLUMNS; c++)
            json_cell(o, p, c, row);
        seg__out_bytes(o, "}", 1);
    }
    seg__out_str(o, "\n]\n");
}

void seg__write_table(seg_out *o, const seg_result *r, seg_format format)
{
    plan p;
    plan_table(&p, r, o->scale);
    if (format == SEG_FORMAT_CSV)
        table_csv(o, &p);
    else
        table_json(o, &p);
}
