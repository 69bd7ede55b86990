/* The per-customer table as CSV or JSON: each column resolved once to its
 * storage and kind of cell, then every row written straight into the output
 * buffer, numbers and dates without printf. */
#include "result.h"

#include "io/date.h"
#include "io/money.h"
#include "params.h"
#include "util/digits.h"
#include "util/handoff.h"
#include "util/inline.h"
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
    size_t max_segment; /* the longest segment name */
    int scale; /* -1 when out of range: money cells stay empty */
    uint64_t unit;
    char key[TABLE_COLUMNS][KEY_MAX]; /* JSON: ,"name": */
    size_t key_len[TABLE_COLUMNS];
} plan;

static void plan_keys(plan *p)
{
    memset(p->key, 0, sizeof p->key);
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
    p->max_segment = 0;
    for (int64_t i = 0; i < p->nsegments; i++) {
        const char *name = seg_result_segment_name(r, i);
        p->segments[i] = (word){name, name ? strlen(name) : 0};
        p->max_segment = p->segments[i].len > p->max_segment ? p->segments[i].len : p->max_segment;
    }
    p->scale = scale >= 0 && scale <= SEG_SCALE_MAX ? scale : -1;
    p->unit = p->scale >= 0 ? (uint64_t)seg__pow10(scale) : 1;
    plan_keys(p);
}

/* A text cell's value: 1 with *w set, 2 for an integer customer id in *id,
 * 0 for null. */
static SEG_ALWAYS_INLINE int text_cell(word *w, int64_t *id, const plan *p, size_t c, size_t row)
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

/* The write position in the output buffer, kept in registers across a row;
 * `end` leaves ROW_ROOM for the cells that are written without a check. */
typedef struct cursor {
    seg_out *o;
    char *w, *end;
} cursor;

#define SHORT_TEXT 56 /* texts up to this length are copied in place */
#define CELL_ROOM 96  /* a JSON key with a number, a date, or a short text */
#define ROW_ROOM (TABLE_COLUMNS * CELL_ROOM + 8) /* a row of such cells, and its end */

static void cursor_sync(cursor *k, size_t room)
{
    seg_out *o = k->o;
    o->len = (size_t)(k->w - o->buf);
    if (o->cap - o->len < room)
        seg__out_flush(o);
    k->w = o->buf + o->len;
    k->end = o->buf + o->cap;
}

/* A text that may need quoting, escaping or more room than a cell has. */
static void slow_text(cursor *k, const word *w, int json)
{
    cursor_sync(k, 0);
    if (json)
        seg__out_json_text(k->o, w->s, w->len);
    else
        seg__out_csv_text(k->o, w->s, w->len);
    k->w = k->o->buf + k->o->len;
    cursor_sync(k, ROW_ROOM);
}

/* A short text that a CSV cell holds as it is, copied without a call. */
static int csv_plain_word(const word *w)
{
    char first = w->len ? w->s[0] : 'a';
    if (w->len > SHORT_TEXT || first == '=' || first == '@' || first == '\t' ||
        ((first == '+' || first == '-') && w->len > 1))
        return 0; /* a lone '+' or '-' is text, as in seg__out_csv_text */
    for (size_t i = 0; i < w->len; i++)
        if (w->s[i] == ',' || w->s[i] == '"' || w->s[i] == '\n' || w->s[i] == '\r')
            return 0;
    return 1;
}

static int json_plain_word(const word *w)
{
    if (w->len > SHORT_TEXT)
        return 0;
    for (size_t i = 0; i < w->len; i++) {
        unsigned char ch = (unsigned char)w->s[i];
        if (ch < 0x20 || ch >= 0x80 || ch == '"' || ch == '\\')
            return 0;
    }
    return 1;
}

/* Dates already written, by day modulo the size: most customers share a few
 * hundred distinct first and last purchase days. */
#define DATE_CACHE 1024

typedef struct date_cache {
    int32_t day[DATE_CACHE];
    char text[DATE_CACHE][10];
} date_cache;

/* YYYY-MM-DD at b, or nothing for a day outside the date range. */
static size_t put_date(char *b, int64_t day, date_cache *dc)
{
    int y, m, d;
    if (!seg__date_valid(day))
        return 0;
    size_t slot = (size_t)(day - SEG_DATE_MIN) % DATE_CACHE;
    if (dc->day[slot] == day) {
        memcpy(b, dc->text[slot], 10);
        return 10;
    }
    seg__civil_from_days((int32_t)day, &y, &m, &d);
    seg__digits_fixed(b, (uint64_t)y, 4);
    b[4] = '-';
    seg__digits_fixed(b + 5, (uint64_t)m, 2);
    b[7] = '-';
    seg__digits_fixed(b + 8, (uint64_t)d, 2);
    dc->day[slot] = (int32_t)day;
    memcpy(dc->text[slot], b, 10);
    return 10;
}

static void date_cache_clear(date_cache *dc)
{
    for (size_t i = 0; i < DATE_CACHE; i++)
        dc->day[i] = SEG_DATE_MIN - 1; /* no valid day */
}

/* A number cell's text at b (CELL_ROOM bytes); 0 bytes for null. Inlined
 * into each row loop, where the column's kind is known per iteration. */
static SEG_ALWAYS_INLINE size_t number_cell(char *b, const plan *p, size_t c, size_t row, int *null, date_cache *dc)
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
    return put_date(b, v, dc);
}

static void csv_text_cell(cursor *k, const plan *p, size_t c, size_t row)
{
    word w;
    int64_t id;
    int t = text_cell(&w, &id, p, c, row);
    if (t == 2)
        k->w += seg__digits_i64(k->w, id);
    else if (t == 1 && csv_plain_word(&w)) {
        memcpy(k->w, w.s, w.len);
        k->w += w.len;
    } else if (t == 1)
        slow_text(k, &w, 0);
}

static SEG_ALWAYS_INLINE void csv_row(cursor *k, const plan *p, size_t row, date_cache *dc)
{
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        *k->w = ',';
        k->w += c != 0;
        if (table[c].kind <= CELL_REAL) {
            int null;
            k->w += number_cell(k->w, p, c, row, &null, dc);
        } else {
            csv_text_cell(k, p, c, row);
        }
    }
    memcpy(k->w, "\r\n", 2);
    k->w += 2;
}

typedef void (*row_fn)(cursor *k, const plan *p, size_t row, date_cache *dc);

/* Rows [from, to) into o, each written straight into its buffer; inlined
 * where row_out is known, so that the row writer is inlined too. */
static SEG_ALWAYS_INLINE void rows_out(seg_out *o, const plan *p, row_fn row_out, size_t from, size_t to)
{
    date_cache dc;
    date_cache_clear(&dc);
    cursor k = {o, o->buf + o->len, NULL};
    cursor_sync(&k, ROW_ROOM);
    for (size_t row = from; row < to && o->status == SEG_OK; row++) {
        if ((size_t)(k.end - k.w) < ROW_ROOM)
            cursor_sync(&k, ROW_ROOM);
        row_out(&k, p, row, &dc);
    }
    cursor_sync(&k, 0);
}

/* A number as JSON: null, the number, or a date as a string ("" when out of range). */
static void json_number(cursor *k, const plan *p, size_t c, size_t row, date_cache *dc)
{
    int null, date = table[c].kind == CELL_DATE;
    char *b = k->w;
    size_t n = number_cell(b + date, p, c, row, &null, dc);
    if (null) {
        memcpy(b, "null", 4);
        n = 4;
    } else if (date) {
        b[0] = '"';
        b[n + 1] = '"';
        n += 2;
    }
    k->w += n;
}

static void json_text_cell(cursor *k, const plan *p, size_t c, size_t row)
{
    word w;
    int64_t id;
    int t = text_cell(&w, &id, p, c, row);
    if (t == 2) {
        k->w += seg__digits_i64(k->w, id);
    } else if (t == 1 && json_plain_word(&w)) {
        k->w[0] = '"';
        memcpy(k->w + 1, w.s, w.len);
        k->w[w.len + 1] = '"';
        k->w += w.len + 2;
    } else if (t == 1) {
        slow_text(k, &w, 1);
    } else {
        memcpy(k->w, "null", 4);
        k->w += 4;
    }
}

static SEG_ALWAYS_INLINE void json_row(cursor *k, const plan *p, size_t row, date_cache *dc)
{
    if (row)
        *k->w++ = ',';
    memcpy(k->w, "\n{", 2);
    k->w += 2;
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        size_t skip = c == 0;
        memcpy(k->w, p->key[c] + skip, KEY_MAX - 1);
        k->w += p->key_len[c] - skip;
        if (table[c].kind <= CELL_REAL)
            json_number(k, p, c, row, dc);
        else
            json_text_cell(k, p, c, row);
    }
    *k->w++ = '}';
}

/* ---- two threads: a helper formats every other block of rows ---- */

#define BLOCK_ROWS 1024

typedef struct block {
    char *buf;
    size_t cap, len, from, to;
} block;

typedef struct blocks {
    const plan *p;
    row_fn row_out;
    seg_context *ctx;
    int scale;
    block b[2]; /* b[0]: the helper's, b[1]: the calling thread's */
} blocks;

static int no_flush(const void *data, size_t len, void *user_data)
{
    (void)data, (void)len, (void)user_data;
    return 1;
}

/* Rows [b->from, b->to) into b->buf, which has room for them (block_room). */
static void format_block(const blocks *bs, block *b)
{
    seg_out o = {bs->ctx, no_flush, NULL, b->buf, 0, b->cap, bs->scale, SEG_OK};
    rows_out(&o, bs->p, bs->row_out, b->from, b->to);
    b->len = o.len;
}

static void format_helper_block(void *bs_)
{
    blocks *bs = bs_;
    format_block(bs, &bs->b[0]);
}

/* Bytes rows [from, to) can take: every cell within CELL_ROOM as the row
 * writers assume, and an id or name escaped (6 bytes a byte at most). */
static size_t block_room(const plan *p, size_t from, size_t to)
{
    size_t bytes = ROW_ROOM; /* the room the cursor keeps free */
    for (size_t row = from; row < to; row++) {
        word w = {NULL, 0};
        const seg_key_entry *e = &p->r->ds->ids.entries[row];
        seg_dataset_get_str(&w.s, &w.len, p->r->ds, row, SEG_FIELD_NAME);
        bytes += ROW_ROOM + 6 * ((e->len == SEG_KEY_INT ? 0 : e->len) + w.len + p->max_segment) + 18;
    }
    return bytes;
}

/* Block i set to rows [from, to), with room for them; 0 when out of memory. */
static int block_ready(blocks *bs, block *b, size_t from, size_t to)
{
    size_t need = block_room(bs->p, from, to);
    b->from = from;
    b->to = to;
    if (need <= b->cap)
        return 1;
    char *more = seg__realloc(bs->ctx, b->buf, need);
    if (!more)
        return 0;
    b->buf = more;
    b->cap = need;
    return 1;
}

/* Every row: pairs of blocks, the helper formatting the first while this
 * thread formats the second, then both written in order (the rest on this
 * thread alone when the blocks cannot grow). */
static void rows_two_threads(seg_out *o, blocks *bs, seg_handoff *h)
{
    size_t rows = bs->p->r->rows;
    for (size_t from = 0; from < rows && o->status == SEG_OK; from += 2 * BLOCK_ROWS) {
        size_t mid = rows - from < BLOCK_ROWS ? rows : from + BLOCK_ROWS;
        size_t to = rows - mid < BLOCK_ROWS ? rows : mid + BLOCK_ROWS;
        if (!block_ready(bs, &bs->b[0], from, mid) || !block_ready(bs, &bs->b[1], mid, to)) {
            rows_out(o, bs->p, bs->row_out, from, rows); /* no memory for the blocks: the rest here */
            return;
        }
        seg__handoff_post(h);
        format_block(bs, &bs->b[1]);
        seg__handoff_wait(h, from / (2 * BLOCK_ROWS) + 1);
        seg__out_direct(o, bs->b[0].buf, bs->b[0].len);
        seg__out_direct(o, bs->b[1].buf, bs->b[1].len);
    }
}

/* The rows on two threads (the plan a copy, so that the caller's stays
 * private to its own row loop, which the compiler then optimises freely). */
static void rows_threaded(seg_out *o, plan p, row_fn row_out)
{
    blocks bs = {&p, row_out, o->ctx, o->scale, {{NULL, 0, 0, 0, 0}, {NULL, 0, 0, 0, 0}}};
    seg_handoff *h = seg__malloc(o->ctx, seg__handoff_size());
    if (h && seg__handoff_start(h, format_helper_block, &bs) == 0) {
        rows_two_threads(o, &bs, h);
        seg__handoff_stop(h);
    } else {
        rows_out(o, &p, row_out, 0, p.r->rows); /* no thread to be had */
    }
    seg__free(o->ctx, h);
    seg__free(o->ctx, bs.b[0].buf);
    seg__free(o->ctx, bs.b[1].buf);
}

/* The rows on two threads when the result's analysis had them and there are
 * enough rows; else on this one. The bytes are the same either way. */
static SEG_ALWAYS_INLINE void rows_all(seg_out *o, const plan *p, row_fn row_out)
{
    if (seg__param_i64(&p->r->used, SEG_PARAM_THREADS) < 2 || p->r->rows < 4 * BLOCK_ROWS)
        rows_out(o, p, row_out, 0, p->r->rows);
    else
        rows_threaded(o, *p, row_out);
}

static SEG_ALWAYS_INLINE void table_csv(seg_out *o, const plan *p)
{
    for (size_t c = 0; c < TABLE_COLUMNS; c++) {
        seg__out_str(o, c ? "," : "");
        seg__out_str(o, table[c].name);
    }
    seg__out_str(o, "\r\n");
    rows_all(o, p, csv_row);
}

static SEG_ALWAYS_INLINE void table_json(seg_out *o, const plan *p)
{
    seg__out_str(o, "[");
    rows_all(o, p, json_row);
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
