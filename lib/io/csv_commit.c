/* Turning converted CSV rows into dataset records (transactions folded,
 * customers upserted) and accounting for every rejected row in the report. */
#include "csv_load.h"

#include "../fold.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

/* Line and column (1-based, characters) of block offset `at` in record r. */
static void position(const seg_csv_load *L, size_t r, size_t at, int64_t *line, int64_t *col)
{
    const char *b = L->ch.text;
    size_t i = L->ch.rows.start[r], from = i;
    int64_t ln = L->ch.rows.line[r];
    for (; i < at; i++)
        if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < L->ch.text_len && b[i + 1] == '\n')))
            ln++, from = i + 1;
    *line = ln;
    *col = 1 + (int64_t)(L->dia.encoding == SEG_CSV_ENCODING_CP1251 ? at - from : seg__utf8_length(b + from, at - from));
}

/* "Сумма (amount)", or "amount" when the header is the role's own name. */
static void label(char *buf, size_t cap, const seg_csv_load *L, int slot)
{
    char role[SEG_CSV_ROLE_MAX + 1];
    const seg_csv_binding *b = &L->roles.b[L->slots[slot].binding];
    const char *name = seg__binding_role(role, sizeof role, b);
    const char *header = seg__header_text(&L->heads, b->column);
    if (strcmp(name, header) == 0)
        snprintf(buf, cap, "%s", name);
    else
        snprintf(buf, cap, "%s (%s)", header, name);
}

static void excerpt(char *buf, size_t cap, const seg_csv_load *L, size_t r, int slot)
{
    seg_span sp = seg__span_at(&L->ch.rows, r, L->slots[slot].rcol);
    const char *s = L->ch.text + sp.off;
    size_t len = seg__span_len(sp);
    seg__text_trim(&s, &len);
    seg__text_excerpt(buf, cap, s, len, 40, L->dia.encoding == SEG_CSV_ENCODING_CP1251);
}

static void message(char *msg, size_t cap, const seg_csv_load *L, size_t r, const seg_row_error *e, int64_t line,
                    int64_t col)
{
    char lab[160], val[168];
    const char *src = L->src.name;
    if (e->reason == SEG_REJECT_FIELD_COUNT) {
        snprintf(msg, cap, "%s:%lld: %u fields, but the header has %zu", src, (long long)line,
                 (unsigned)L->ch.rows.nfields[r], L->sc.ncols);
    } else if (e->slot < 0) {
        if (col)
            snprintf(msg, cap, "%s:%lld:%lld: %s", src, (long long)line, (long long)col, e->what);
        else
            snprintf(msg, cap, "%s:%lld: %s", src, (long long)line, e->what);
    } else {
        label(lab, sizeof lab, L, e->slot);
        excerpt(val, sizeof val, L, r, e->slot);
        snprintf(msg, cap, "%s:%lld:%lld: %s '%s': %s", src, (long long)line, (long long)col, lab, val, e->what);
    }
}

/* Count a bad row, keep its error while there is room; strict loads stop. */
static seg_status reject(seg_csv_load *L, size_t r, const seg_row_error *e)
{
    seg_load_report *rep = L->rep;
    seg__report_reject(rep, e->reason);
    int keep = rep->nerrors < L->cfg.max_errors;
    if (!keep && !L->cfg.strict)
        return SEG_OK;
    char msg[SEG_MSG_CAP];
    int64_t line, col;
    position(L, r, e->at, &line, &col);
    if (e->slot < 0 && e->reason != SEG_REJECT_QUOTE)
        col = 0;
    message(msg, sizeof msg, L, r, e, line, col);
    if (keep) {
        const char *header = e->slot < 0 ? "" : seg__header_text(&L->heads, L->slots[e->slot].column);
        SEG_TRY(seg__report_error(rep, line, col, e->reason, header, msg));
    }
    if (L->cfg.strict)
        return seg__error_at(L->ctx, e->status, line, col, "%s", msg);
    return SEG_OK;
}

/* Reject row r for a problem found while committing it, at a slot's value. */
static seg_status reject_at(seg_csv_load *L, size_t r, int slot, seg_status st, seg_reject_reason reason,
                            const char *what)
{
    seg_row_error e = {st, reason, slot, seg__span_at(&L->ch.rows, r, L->slots[slot].rcol).off, what};
    return reject(L, r, &e);
}

static const seg_cell *cell(const seg_csv_chunk *ch, int slot, size_t r)
{
    return &ch->cells[(size_t)slot * ch->rows.cap + r];
}


/* A failed fold: out of memory stops the load, anything else rejects the row. */
static seg_status fold_failed(seg_csv_load *L, size_t r, seg_status st)
{
    char *what = L->fold_msg;
    if (st == SEG_ERR_OUT_OF_MEMORY)
        return st;
    snprintf(what, sizeof L->fold_msg, "%s", seg_context_errmsg(L->ctx));
    int slot = L->slot_of[SEG_ROLE_AMOUNT] >= 0 ? L->slot_of[SEG_ROLE_AMOUNT] : L->slot_of[SEG_ROLE_PRICE];
    return reject_at(L, r, slot, st, st == SEG_ERR_OVERFLOW ? SEG_REJECT_OVERFLOW : SEG_REJECT_VALUE, what);
}

/* The fold's view of row r's customer, date, margin and order; `prev` is the
 * transaction of row r - 1 when that row is good, else NULL. */
static void fill_txn(seg_txn *t, const seg_txn *prev, const seg_csv_load *L, const seg_csv_chunk *ch, size_t r)
{
    const int *s = L->slot_of;
    seg_span id = cell(ch, s[SEG_ROLE_CUSTOMER], r)->t;
    t->index = SEG_KEY_NONE;
    t->customer = seg__key_str_after(prev ? &prev->customer : NULL, 0, seg__cell_text(ch, id),
                                     seg__span_len(id), &t->same_customer);
    t->date = cell(ch, s[SEG_ROLE_DATE], r)->d;
    t->margin = s[SEG_ROLE_MARGIN] >= 0 ? cell(ch, s[SEG_ROLE_MARGIN], r)->i : 0;
    seg__txn_set_order(t, NULL, 0);
    if (s[SEG_ROLE_ORDER] >= 0) {
        seg_span o = cell(ch, s[SEG_ROLE_ORDER], r)->t;
        seg__txn_set_order(t, seg__cell_text(ch, o), seg__span_len(o));
    }
}

/* Row r's transaction (`prev` as for fill_txn); a quantity × price that does
 * not fit makes the row bad. */
static void prepare_txn(const seg_csv_load *L, seg_csv_chunk *ch, size_t r, const seg_txn *prev)
{
    const int *s = L->slot_of;
    seg_txn *t = &ch->txn[r];
    t->quantity = s[SEG_ROLE_QUANTITY] >= 0 ? cell(ch, s[SEG_ROLE_QUANTITY], r)->i : 0;
    if (s[SEG_ROLE_AMOUNT] >= 0) {
        t->amount = cell(ch, s[SEG_ROLE_AMOUNT], r)->i;
    } else if (seg__mul_overflows(t->quantity, cell(ch, s[SEG_ROLE_PRICE], r)->i, &t->amount)) {
        seg_span at = seg__span_at(&ch->rows, r, L->slots[s[SEG_ROLE_PRICE]].rcol);
        ch->err[r] = (seg_row_error){SEG_ERR_OVERFLOW, SEG_REJECT_OVERFLOW, s[SEG_ROLE_PRICE], at.off,
                                     "quantity x price does not fit in 64-bit minor units"};
        ch->bad[r] = 1;
        return;
    }
    if (!L->cfg.validate_only)
        fill_txn(t, prev, L, ch, r);
}

seg_status seg__csv_chunk_alloc(seg_csv_load *L, seg_csv_chunk *ch)
{
    SEG_TRY(seg__chunk_alloc(ch, L->ctx, SEG_CSV_CHUNK_ROWS, L->nslots));
    ch->rows.nslots = L->nrcols;
    if (L->kind != SEG_RECORDS_TRANSACTIONS)
        return SEG_OK;
    ch->txn = seg__malloc(L->ctx, SEG_CSV_CHUNK_ROWS * sizeof *ch->txn);
    return ch->txn ? SEG_OK : seg__nomem(L->ctx, SEG_CSV_CHUNK_ROWS * sizeof *ch->txn);
}

void seg__csv_prepare(const seg_csv_load *L, seg_csv_chunk *ch)
{
    if (L->kind != SEG_RECORDS_TRANSACTIONS)
        return;
    for (size_t r = 0; r < ch->rows.n; r++)
        if (!ch->bad[r])
            prepare_txn(L, ch, r, r && !ch->bad[r - 1] ? &ch->txn[r - 1] : NULL);
}

/* Fold the good rows [from, to) in order (validating only, count them); a
 * row the fold refuses is rejected and the rows after it still folded,
 * unless the load stops. */
static seg_status fold_run(seg_csv_load *L, size_t from, size_t to, int64_t *loaded)
{
    if (L->cfg.validate_only) {
        *loaded += (int64_t)(to - from);
        return SEG_OK;
    }
    while (from < to) {
        size_t done = 0;
        seg_status st = seg__fold_batch(L->ds, L->ch.txn + from, to - from, &done);
        *loaded += (int64_t)done;
        from += done;
        if (st != SEG_OK) {
            SEG_TRY(fold_failed(L, from, st));
            from++;
        }
    }
    return SEG_OK;
}

static seg_status commit_txns(seg_csv_load *L, int64_t *loaded)
{
    size_t run = 0, n = L->ch.rows.n;
    for (size_t r = 0; r < n; r++) {
        if (!L->ch.bad[r])
            continue;
        SEG_TRY(fold_run(L, run, r, loaded));
        SEG_TRY(reject(L, r, &L->ch.err[r]));
        run = r + 1;
    }
    return fold_run(L, run, n, loaded);
}

static void customer_row(seg_customer_row *row, const seg_csv_load *L, size_t r)
{
    memset(row, 0, sizeof *row);
    seg_span id = cell(&L->ch, L->slot_of[SEG_ROLE_CUSTOMER], r)->t;
    row->id = seg__key_str(0, seg__cell_text(&L->ch, id), seg__span_len(id));
    for (int k = 0; k < SEG_PROFILE_INTS; k++) {
        int slot = L->slot_of[SEG_ROLE_STATUS + k];
        row->ints[k] = slot >= 0 ? cell(&L->ch, slot, r)->d : SEG_NONE;
    }
    if (L->slot_of[SEG_ROLE_NAME] >= 0) {
        seg_span t = cell(&L->ch, L->slot_of[SEG_ROLE_NAME], r)->t;
        row->name = seg__cell_text(&L->ch, t);
        row->name_len = seg__span_len(t);
    }
    for (size_t i = 0; i < L->layout.nratings; i++)
        row->ratings[i] = cell(&L->ch, L->rating_slot[i], r)->d;
    for (size_t i = 0; i < L->layout.nattributes; i++) {
        seg_span t = cell(&L->ch, L->attr_slot[i], r)->t;
        row->attr[i] = seg__cell_text(&L->ch, t);
        row->attr_len[i] = seg__span_len(t);
    }
}

/* The CSV slot of a seg__customer_row_conflict() code. */
static int conflict_slot(const seg_csv_load *L, int code)
{
    if (code < SEG_CONFLICT_NAME)
        return L->slot_of[SEG_ROLE_STATUS + code];
    if (code == SEG_CONFLICT_NAME)
        return L->slot_of[SEG_ROLE_NAME];
    if (code < SEG_CONFLICT_ATTRIBUTE)
        return L->rating_slot[code - SEG_CONFLICT_RATING];
    return L->attr_slot[code - SEG_CONFLICT_ATTRIBUTE];
}

static seg_status commit_customer(seg_csv_load *L, size_t r, int64_t *loaded)
{
    seg_customer_row row;
    customer_row(&row, L, r);
    if (!L->cfg.validate_only) {
        if (!L->layout_ready)
            SEG_TRY(seg__customer_layout_prepare(&L->layout, L->ds));
        L->layout_ready = 1;
        int conflict = -1;
        int64_t first = 0;
        seg_status st = seg__customer_row_declare(L->ds, &L->declared, L->ch.rows.line[r], &L->layout, &row,
                                                  &conflict, &first);
        if (st == SEG_ERR_OUT_OF_MEMORY)
            return st;
        if (st == SEG_ERR_STATE) {
            snprintf(L->fold_msg, sizeof L->fold_msg, "the customer was declared on line %lld with a different %s",
                     (long long)first, seg__conflict_field(&L->layout, conflict));
            return reject_at(L, r, conflict_slot(L, conflict), st, SEG_REJECT_CONFLICT, L->fold_msg);
        }
        if (st != SEG_OK)
            return reject_at(L, r, L->slot_of[SEG_ROLE_CUSTOMER], st, SEG_REJECT_VALUE, "the customer cannot be stored");
    }
    ++*loaded;
    return SEG_OK;
}

static seg_status commit_customers(seg_csv_load *L, int64_t *loaded)
{
    for (size_t r = 0; r < L->ch.rows.n; r++)
        SEG_TRY(L->ch.bad[r] ? reject(L, r, &L->ch.err[r]) : commit_customer(L, r, loaded));
    return SEG_OK;
}

seg_status seg__csv_commit_chunk(seg_csv_load *L)
{
    int64_t loaded = 0;
    seg_status st = L->kind == SEG_RECORDS_TRANSACTIONS ? commit_txns(L, &loaded) : commit_customers(L, &loaded);
    L->rep->read += loaded;
    L->rep->loaded += loaded;
    L->ch.rows.n = 0;
    return st;
}

seg_status seg__csv_reject_long(seg_csv_load *L)
{
    char msg[SEG_MSG_CAP];
    seg__report_reject(L->rep, SEG_REJECT_TOO_LONG);
    snprintf(msg, sizeof msg,
             "%s:%lld: the record is longer than %zu bytes (SEG_CSV_MAX_RECORD_BYTES); is a quote left open?",
             L->src.name, (long long)L->line, L->cfg.max_record);
    if (L->rep->nerrors < L->cfg.max_errors)
        SEG_TRY(seg__report_error(L->rep, L->line, 0, SEG_REJECT_TOO_LONG, "", msg));
    if (L->cfg.strict)
        return seg__error_at(L->ctx, SEG_ERR_RANGE, L->line, 0, "%s", msg);
    return SEG_OK;
}
