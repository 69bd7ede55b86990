/* Converting a chunk of CSV records column by column: spans to ids, dates,
 * exact money and words, each bad value marking its row with a reason. */
#include "csv_convert.h"

#include "date.h"
#include "text.h"
#include "../util/grow.h"

#include <string.h>

seg_status seg__chunk_alloc(seg_csv_chunk *ch, seg_context *ctx, size_t cap, size_t nslots)
{
    memset(ch, 0, sizeof *ch);
    size_t ns = nslots ? nslots : 1;
    seg_csv_rows *r = &ch->rows;
    r->cap = cap;
    r->spans = seg__malloc(ctx, ns * cap * sizeof *r->spans);
    r->start = seg__malloc(ctx, cap * sizeof *r->start);
    r->nfields = seg__malloc(ctx, cap * sizeof *r->nfields);
    r->flaw_at = seg__malloc(ctx, cap * sizeof *r->flaw_at);
    r->flaw = seg__malloc(ctx, cap * sizeof *r->flaw);
    r->line = seg__malloc(ctx, cap * sizeof *r->line);
    ch->cells = seg__malloc(ctx, ns * cap * sizeof *ch->cells);
    ch->err = seg__malloc(ctx, cap * sizeof *ch->err);
    ch->bad = seg__malloc(ctx, cap);
    if (r->spans && r->start && r->nfields && r->flaw_at && r->flaw && r->line && ch->cells && ch->err && ch->bad)
        return SEG_OK;
    seg__chunk_free(ch, ctx);
    return seg__nomem(ctx, ns * cap * sizeof *ch->cells);
}

void seg__chunk_free(seg_csv_chunk *ch, seg_context *ctx)
{
    seg_csv_rows *r = &ch->rows;
    seg__free(ctx, r->spans);
    seg__free(ctx, r->start);
    seg__free(ctx, r->nfields);
    seg__free(ctx, r->flaw_at);
    seg__free(ctx, r->flaw);
    seg__free(ctx, r->line);
    seg__free(ctx, ch->cells);
    seg__free(ctx, ch->err);
    seg__free(ctx, ch->bad);
    seg__free(ctx, ch->arena);
    seg__free(ctx, ch->txn);
    memset(ch, 0, sizeof *ch);
}

static void flag(seg_csv_chunk *ch, size_t r, int slot, seg_status st, seg_reject_reason reason, size_t at,
                 const char *what)
{
    seg_row_error *e = &ch->err[r];
    ch->bad[r] = 1;
    e->status = st;
    e->reason = reason;
    e->slot = slot;
    e->at = (uint32_t)at;
    e->what = what;
}

/* A value's bytes: trimmed, doubled quotes undone. `at` is the block
 * offset of s[0] (of the field's start when quotes were undone). */
typedef struct value {
    const char *s;
    size_t len, at;
    int in_arena;
} value;

/* Room for `bytes` more in the arena; a pipelined load first lets the
 * helper thread finish, so the allocator is never called from two threads. */
static seg_status reserve(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t bytes)
{
    if (ch->narena + bytes > ch->arena_cap && cv->before_alloc)
        SEG_TRY(cv->before_alloc(cv->before_alloc_arg));
    return seg__grow(cv->ctx, (void **)&ch->arena, &ch->arena_cap, ch->narena + bytes, 1);
}

/* A quoted value with doubled quotes: undone into the arena. */
static seg_status unescaped(value *v, seg_csv_chunk *ch, const seg_csv_convert *cv, seg_span sp)
{
    size_t len = seg__span_len(sp);
    SEG_TRY(reserve(ch, cv, 4 * len)); /* room to convert it too */
    char *d = ch->arena + ch->narena;
    len = seg__csv_unescape(d, cv->block + sp.off, len);
    ch->narena += len;
    v->s = d;
    v->len = len;
    v->at = sp.off;
    v->in_arena = 1;
    seg__text_trim(&v->s, &v->len);
    return SEG_OK;
}

static inline seg_status value_of(value *v, seg_csv_chunk *ch, const seg_csv_convert *cv, seg_span sp)
{
    if (sp.len & SEG_SPAN_ESCAPED)
        return unescaped(v, ch, cv, sp);
    const char *s = cv->block + sp.off;
    v->s = s;
    v->len = sp.len;
    v->in_arena = 0;
    seg__text_trim(&v->s, &v->len);
    v->at = sp.off + (size_t)(v->s - s);
    return SEG_OK;
}

static seg_span span_of(const seg_csv_chunk *ch, const seg_csv_convert *cv, const value *v)
{
    if (v->in_arena)
        return (seg_span){(uint32_t)(v->s - ch->arena), (uint32_t)v->len | SEG_SPAN_ARENA};
    return (seg_span){(uint32_t)(v->s - cv->block), (uint32_t)v->len};
}

/* Make a value valid UTF-8 text: checked, or converted from Windows-1251
 * into the arena. *bad receives the offending byte, or v->len when fine. */
static seg_status to_text_slow(value *v, size_t *bad, seg_csv_chunk *ch, const seg_csv_convert *cv)
{
    if (cv->dialect->encoding != SEG_CSV_ENCODING_CP1251) {
        *bad = seg__utf8_check(v->s, v->len, 0);
        return SEG_OK;
    }
    *bad = seg__cp1251_check(v->s, v->len);
    if (*bad < v->len)
        return SEG_OK;
    size_t from = v->in_arena ? (size_t)(v->s - ch->arena) : 0;
    SEG_TRY(reserve(ch, cv, 3 * v->len));
    const char *src = v->in_arena ? ch->arena + from : v->s;
    char *d = ch->arena + ch->narena;
    v->len = seg__cp1251_to_utf8(d, src, v->len);
    ch->narena += v->len;
    v->s = d;
    v->in_arena = 1;
    *bad = v->len;
    return SEG_OK;
}

static inline seg_status to_text(value *v, size_t *bad, seg_csv_chunk *ch, const seg_csv_convert *cv)
{
    *bad = v->len;
    return ch->plain || seg__text_plain(v->s, v->len) ? SEG_OK : to_text_slow(v, bad, ch, cv);
}

/* The same bytes as the previous value (8 + the rest, without a call). */
static inline int same_text(const char *a, const char *b, size_t len)
{
    uint64_t x, y;
    if (len < 8 || len > 16)
        return memcmp(a, b, len) == 0;
    memcpy(&x, a, 8), memcpy(&y, b, 8);
    if (x != y)
        return 0;
    memcpy(&x, a + len - 8, 8), memcpy(&y, b + len - 8, 8);
    return x == y;
}

/* A non-empty value of an all-ASCII chunk with nothing to trim or undo:
 * good text as it stands. */
static inline int ready_text(const seg_csv_chunk *ch, const char *block, seg_span sp)
{
    const char *s = block + sp.off;
    return ch->plain && sp.len && !(sp.len & SEG_SPAN_ESCAPED) && s[0] != ' ' && s[0] != '\t' &&
           s[sp.len - 1] != ' ' && s[sp.len - 1] != '\t';
}

static seg_status convert_text(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot, int required)
{
    const size_t cap = ch->rows.cap, rcol = cv->slots[slot].rcol;
    for (size_t r = 0; r < ch->rows.n; r++) {
        value v;
        size_t bad;
        seg_span sp = seg__span_at(&ch->rows, r, rcol);
        if (ch->bad[r])
            continue;
        if (ready_text(ch, cv->block, sp)) {
            ch->cells[slot * cap + r].t = sp;
            continue;
        }
        SEG_TRY(value_of(&v, ch, cv, sp));
        SEG_TRY(to_text(&v, &bad, ch, cv));
        if (bad < v.len)
            flag(ch, r, (int)slot, SEG_ERR_PARSE, SEG_REJECT_ENCODING, v.at + bad,
                 !v.s[bad] ? "a NUL byte in text"
                 : cv->dialect->encoding == SEG_CSV_ENCODING_CP1251
                     ? "byte 0x98, which Windows-1251 leaves unassigned (is the file in another encoding?)"
                     : "not valid UTF-8 (is the file in another encoding?)");
        else if (required && v.len == 0)
            flag(ch, r, (int)slot, SEG_ERR_PARSE, SEG_REJECT_MISSING, v.at, "the customer is empty");
        else
            ch->cells[slot * cap + r].t = span_of(ch, cv, &v);
    }
    return SEG_OK;
}

static seg_status convert_dates(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot, int required)
{
    const size_t cap = ch->rows.cap, rcol = cv->slots[slot].rcol;
    const char *last = NULL; /* the previous good date's bytes, untrimmed: rows often share a date */
    uint32_t last_len = 0;
    int32_t last_day = SEG_NONE;
    for (size_t r = 0; r < ch->rows.n; r++) {
        value v;
        seg_value_error e;
        int32_t d = SEG_NONE;
        seg_span sp = seg__span_at(&ch->rows, r, rcol);
        if (ch->bad[r])
            continue;
        if (last && sp.len == last_len && same_text(cv->block + sp.off, last, sp.len)) {
            ch->cells[slot * cap + r].d = last_day;
            continue;
        }
        SEG_TRY(value_of(&v, ch, cv, sp));
        if (v.len && seg__date_scan(&d, v.s, v.len, &cv->dialect->date_order, &e) != SEG_OK)
            flag(ch, r, (int)slot, e.status, SEG_REJECT_DATE, v.at + e.pos, e.what);
        else if (required && d == SEG_NONE)
            flag(ch, r, (int)slot, SEG_ERR_PARSE, SEG_REJECT_MISSING, v.at,
                 v.len ? "the date is empty (01.01.0001)" : "the date is empty");
        else {
            ch->cells[slot * cap + r].d = d;
            if (!v.in_arena && d != SEG_NONE)
                last = cv->block + sp.off, last_len = sp.len, last_day = d;
        }
    }
    return SEG_OK;
}

static seg_reject_reason money_reason(seg_status st)
{
    return st == SEG_ERR_INEXACT ? SEG_REJECT_INEXACT : st == SEG_ERR_OVERFLOW ? SEG_REJECT_OVERFLOW : SEG_REJECT_NUMBER;
}

/* A number the fast path did not take: trimmed, then fully parsed or flagged. */
static seg_status number_slow(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot, size_t r, int whole,
                              int required)
{
    value v;
    seg_value_error e;
    int64_t x = 0;
    int scale = whole ? 0 : cv->scale;
    SEG_TRY(value_of(&v, ch, cv, seg__span_at(&ch->rows, r, cv->slots[slot].rcol)));
    if (v.len == 0 && required)
        flag(ch, r, (int)slot, SEG_ERR_PARSE, SEG_REJECT_MISSING, v.at, "the value is empty");
    else if (v.len && seg__money_scan(&x, v.s, v.len, scale, &cv->dialect->num, &e) != SEG_OK)
        flag(ch, r, (int)slot, e.status, whole && e.status == SEG_ERR_INEXACT ? SEG_REJECT_NUMBER : money_reason(e.status),
             v.at + e.pos, whole && e.status == SEG_ERR_INEXACT ? "expected a whole number" : e.what);
    else
        ch->cells[slot * ch->rows.cap + r].i = x;
    return SEG_OK;
}

/* The common shape straight from the block: 1 when *x was set. */
static inline int number_fast(int64_t *x, const seg_csv_convert *cv, seg_span sp, int scale)
{
    const char *s = cv->block + sp.off;
    if (sp.len == 0 || (sp.len & SEG_SPAN_ESCAPED))
        return 0;
#ifdef SEG_MONEY_SWAR
    if (sp.off + sp.len >= 8 && seg__money_swar(x, s, sp.len, scale, cv->dialect->num.decimal))
        return 1;
#endif
    return seg__money_fast(x, s, sp.len, scale, cv->dialect->num.decimal);
}

/* Money (scale > 0 or not whole) or whole numbers (`whole`: scale 0, no
 * decimals). The common shape is read straight from the block; blanks,
 * quotes, separators and errors take number_slow. */
static seg_status convert_numbers(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot, int whole,
                                  int required)
{
    const size_t n = ch->rows.n, stride = ch->rows.nslots;
    const seg_span *sp = ch->rows.spans + cv->slots[slot].rcol;
    seg_cell *out = ch->cells + slot * ch->rows.cap;
    const int scale = whole ? 0 : cv->scale;
    for (size_t r = 0; r < n; r++, sp += stride) {
        int64_t x;
        if (ch->bad[r])
            continue;
        if (number_fast(&x, cv, *sp, scale))
            out[r].i = x;
        else
            SEG_TRY(number_slow(ch, cv, slot, r, whole, required));
    }
    return SEG_OK;
}

static seg_status convert_ratings(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot)
{
    const size_t cap = ch->rows.cap, rcol = cv->slots[slot].rcol;
    for (size_t r = 0; r < ch->rows.n; r++) {
        value v;
        seg_value_error e;
        int64_t x = SEG_NONE;
        if (ch->bad[r])
            continue;
        SEG_TRY(value_of(&v, ch, cv, seg__span_at(&ch->rows, r, rcol)));
        if (v.len && (seg__money_scan(&x, v.s, v.len, 0, &cv->dialect->num, &e) != SEG_OK || x < 0 || x > 100))
            flag(ch, r, (int)slot, SEG_ERR_RANGE, SEG_REJECT_VALUE, v.at, "expected a whole number 0-100");
        else
            ch->cells[slot * cap + r].d = (int32_t)x;
    }
    return SEG_OK;
}

/* ---- words: lifecycle status and yes/no flags ---- */

typedef struct word {
    const char *folded;
    int32_t value;
} word;

static const word statuses[] = {
    {"0", SEG_NONE}, {"none", SEG_NONE}, {"1", SEG_LIFECYCLE_CURRENT}, {"current", SEG_LIFECYCLE_CURRENT},
    {"active", SEG_LIFECYCLE_CURRENT}, {"текущий", SEG_LIFECYCLE_CURRENT}, {"активный", SEG_LIFECYCLE_CURRENT},
    {"действующий", SEG_LIFECYCLE_CURRENT}, {"2", SEG_LIFECYCLE_PROSPECT}, {"prospect", SEG_LIFECYCLE_PROSPECT},
    {"lead", SEG_LIFECYCLE_PROSPECT}, {"потенциальный", SEG_LIFECYCLE_PROSPECT}, {"лид", SEG_LIFECYCLE_PROSPECT},
    {"3", SEG_LIFECYCLE_REFUSED}, {"refused", SEG_LIFECYCLE_REFUSED}, {"lost", SEG_LIFECYCLE_REFUSED},
    {"rejected", SEG_LIFECYCLE_REFUSED}, {"отказ", SEG_LIFECYCLE_REFUSED}, {"отказался", SEG_LIFECYCLE_REFUSED},
    {"4", SEG_LIFECYCLE_CHURNED}, {"churned", SEG_LIFECYCLE_CHURNED}, {"churn", SEG_LIFECYCLE_CHURNED},
    {"former", SEG_LIFECYCLE_CHURNED}, {"отток", SEG_LIFECYCLE_CHURNED}, {"ушел", SEG_LIFECYCLE_CHURNED},
    {NULL, 0},
};

static const word flags[] = {
    {"1", 1}, {"yes", 1}, {"y", 1}, {"true", 1}, {"closed", 1}, {"lost", 1}, {"да", 1}, {"закрыт", 1},
    {"0", 0}, {"no", 0}, {"n", 0}, {"false", 0}, {"open", 0}, {"нет", 0}, {"открыт", 0},
    {NULL, 0},
};

static int lookup_word(int32_t *out, const word *table, const char *s, size_t len)
{
    char folded[48];
    if (len >= sizeof folded)
        return 0;
    size_t n = seg__text_fold(folded, s, len);
    for (const word *w = table; w->folded; w++)
        if (strlen(w->folded) == n && memcmp(w->folded, folded, n) == 0)
            return *out = w->value, 1;
    return 0;
}

static seg_status convert_words(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot, const word *table,
                                const char *what)
{
    const size_t cap = ch->rows.cap, rcol = cv->slots[slot].rcol;
    for (size_t r = 0; r < ch->rows.n; r++) {
        value v;
        size_t bad;
        int32_t x = SEG_NONE;
        if (ch->bad[r])
            continue;
        SEG_TRY(value_of(&v, ch, cv, seg__span_at(&ch->rows, r, rcol)));
        SEG_TRY(to_text(&v, &bad, ch, cv));
        if (v.len && (bad < v.len || !lookup_word(&x, table, v.s, v.len)))
            flag(ch, r, (int)slot, SEG_ERR_RANGE, SEG_REJECT_VALUE, v.at, what);
        else
            ch->cells[slot * cap + r].d = x;
    }
    return SEG_OK;
}

static seg_status convert_slot(seg_csv_chunk *ch, const seg_csv_convert *cv, size_t slot)
{
    switch (cv->slots[slot].kind) {
    case SEG_SLOT_ID: return convert_text(ch, cv, slot, 1);
    case SEG_SLOT_TEXT: return convert_text(ch, cv, slot, 0);
    case SEG_SLOT_DATE: return convert_dates(ch, cv, slot, 0);
    case SEG_SLOT_DATE_REQ: return convert_dates(ch, cv, slot, 1);
    case SEG_SLOT_MONEY: return convert_numbers(ch, cv, slot, 0, 0);
    case SEG_SLOT_MONEY_REQ: return convert_numbers(ch, cv, slot, 0, 1);
    case SEG_SLOT_INT: return convert_numbers(ch, cv, slot, 1, 0);
    case SEG_SLOT_INT_REQ: return convert_numbers(ch, cv, slot, 1, 1);
    case SEG_SLOT_RATING: return convert_ratings(ch, cv, slot);
    case SEG_SLOT_STATUS:
        return convert_words(ch, cv, slot, statuses, "expected a status: current, prospect, refused, churned (or 0-4)");
    case SEG_SLOT_FLAG: return convert_words(ch, cv, slot, flags, "expected yes or no (1 or 0)");
    }
    return SEG_OK;
}

/* Problems the tokenizer found in whole records. */
static void flag_records(seg_csv_chunk *ch)
{
    memset(ch->bad, 0, ch->rows.n);
    for (size_t r = 0; r < ch->rows.n; r++) {
        uint32_t at = ch->rows.flaw_at[r];
        switch (ch->rows.flaw[r]) {
        case SEG_FLAW_QUOTE:
            flag(ch, r, -1, SEG_ERR_PARSE, SEG_REJECT_QUOTE, at,
                 "text after a closing quote (a quote inside a quoted field must be doubled)");
            break;
        case SEG_FLAW_UNTERMINATED:
            flag(ch, r, -1, SEG_ERR_PARSE, SEG_REJECT_QUOTE, at, "the quote opened here is never closed");
            break;
        case SEG_FLAW_TOO_LONG:
            flag(ch, r, -1, SEG_ERR_RANGE, SEG_REJECT_TOO_LONG, at,
                 "the record is longer than SEG_CSV_MAX_RECORD_BYTES");
            break;
        case SEG_FLAW_FIELD_COUNT:
            flag(ch, r, -1, SEG_ERR_PARSE, SEG_REJECT_FIELD_COUNT, at, "not as many fields as the header");
            break;
        default:
            break;
        }
    }
}

seg_status seg__csv_convert(seg_csv_chunk *ch, const seg_csv_convert *cv)
{
    size_t from = ch->rows.n ? ch->rows.start[0] : cv->end;
    ch->narena = 0;
    ch->plain = seg__text_plain_block(cv->block + from, cv->end - from);
    flag_records(ch);
    for (size_t slot = 0; slot < cv->nslots; slot++)
        SEG_TRY(convert_slot(ch, cv, slot));
    return SEG_OK;
}
