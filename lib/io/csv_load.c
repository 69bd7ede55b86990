/* The CSV load driver: the public entry points, dialect and header set-up,
 * and the loop that reads blocks, splits, converts and commits chunks of rows. */
#include "csv_load.h"

#include "text.h"

#include <string.h>

/* ---- set-up: dialect and header ---- */

static seg_status begin(seg_csv_load *L)
{
    size_t bom = 0;
    SEG_TRY(seg__source_next(&L->src, 0));
    SEG_TRY(seg__csv_detect_encoding(&L->dia, L->ctx, L->cfg.encoding, L->src.data, L->src.len, L->src.eof,
                                     L->src.name, &bom));
    seg__source_skip(&L->src, bom);
    seg__csv_detect_delimiter(&L->dia, L->cfg.delimiter, L->src.data, L->src.len, L->src.eof);
    seg__csv_dialect_numbers(&L->dia, L->cfg.decimal);
    L->dia.date_order = L->cfg.date_order;
    L->line = 1;
    return SEG_OK;
}

/* Split the first record into *fields (allocated), reading more while it is
 * cut; *n = 0 when there is no record at all. */
static seg_status first_record(seg_csv_load *L, seg_span **fields, size_t *n)
{
    size_t count = 0, pos = 0;
    int64_t line = 1;
    while (!seg__csv_split(L->src.data, &pos, L->src.len, L->src.eof, L->dia.delim, NULL, 0, &count, &line)) {
        if (L->src.eof) { /* no record, maybe blank lines */
            L->pos = pos;
            L->line = line;
            return *n = 0, SEG_OK;
        }
        if (L->src.len > L->cfg.max_record)
            return seg__error_at(L->ctx, SEG_ERR_RANGE, 1, 0,
                                 "%s:1: the first record is longer than %zu bytes (SEG_CSV_MAX_RECORD_BYTES)",
                                 L->src.name, L->cfg.max_record);
        SEG_TRY(seg__source_next(&L->src, 0));
    }
    if (count > SEG_CSV_MAX_COLUMNS)
        return seg__error_at(L->ctx, SEG_ERR_RANGE, 1, 0, "%s:1: more than %d columns", L->src.name,
                             SEG_CSV_MAX_COLUMNS);
    *fields = seg__malloc(L->ctx, count * sizeof **fields);
    if (!*fields)
        return seg__nomem(L->ctx, count * sizeof **fields);
    pos = 0;
    line = 1;
    seg__csv_split(L->src.data, &pos, L->src.len, L->src.eof, L->dia.delim, *fields, count, n, &line);
    if (L->cfg.header)
        L->pos = pos, L->line = line;
    return SEG_OK;
}

/* One header field as UTF-8 text: quotes undone, Windows-1251 converted.
 * `tmp` has room for 4 × the field's length. */
static seg_status add_header(seg_csv_load *L, seg_span sp, char *tmp)
{
    const char *s = L->src.data + sp.off;
    size_t len = seg__span_len(sp);
    char *converted = tmp + len;
    if (sp.len & SEG_SPAN_ESCAPED) {
        len = seg__csv_unescape(tmp, s, len);
        s = tmp;
    }
    if (L->dia.encoding == SEG_CSV_ENCODING_CP1251) {
        len = seg__cp1251_to_utf8(converted, s, len);
        s = converted;
    } else if (seg__utf8_check(s, len, 0) < len) {
        return seg__error_at(L->ctx, SEG_ERR_PARSE, 1, 0, "%s:1: header %zu is not valid UTF-8 text",
                             L->src.name, L->heads.n + 1);
    }
    return seg__headers_add(&L->heads, L->ctx, s, len, 1);
}

static seg_status add_headers(seg_csv_load *L, const seg_span *fields, size_t n)
{
    size_t longest = 1;
    for (size_t i = 0; i < n; i++)
        longest = seg__span_len(fields[i]) > longest ? seg__span_len(fields[i]) : longest;
    char *tmp = seg__malloc(L->ctx, 4 * longest);
    if (!tmp)
        return seg__nomem(L->ctx, 4 * longest);
    seg_status st = SEG_OK;
    for (size_t i = 0; i < n && st == SEG_OK; i++)
        st = L->cfg.header ? add_header(L, fields[i], tmp) : seg__headers_add(&L->heads, L->ctx, "", 0, 0);
    seg__free(L->ctx, tmp);
    if (st == SEG_OK && L->cfg.header && n) {
        const char *last = L->src.data + fields[n - 1].off;
        size_t len = seg__span_len(fields[n - 1]);
        seg__text_trim(&last, &len);
        L->sc.last_header_empty = len == 0;
    }
    return st;
}

/* The header row (or, without one, the first record's width). 0 columns:
 * the data holds no record. */
static seg_status read_header(seg_csv_load *L)
{
    seg_span *fields = NULL;
    size_t n = 0;
    seg_status st = first_record(L, &fields, &n);
    if (st == SEG_OK && n == 0 && L->cfg.header)
        st = seg__error_at(L->ctx, SEG_ERR_PARSE, 1, 0, "%s: the file is empty; expected a header row",
                           L->src.name);
    if (st == SEG_OK)
        st = add_headers(L, fields, n);
    seg__free(L->ctx, fields);
    return st;
}

/* ---- roles to slots ---- */

static seg_slot_kind slot_kind(const seg_csv_load *L, seg_role role)
{
    switch (role) {
    case SEG_ROLE_CUSTOMER: return SEG_SLOT_ID;
    case SEG_ROLE_DATE: return SEG_SLOT_DATE_REQ;
    case SEG_ROLE_AMOUNT: return SEG_SLOT_MONEY_REQ;
    case SEG_ROLE_PRICE: return SEG_SLOT_MONEY_REQ;
    case SEG_ROLE_MARGIN: return SEG_SLOT_MONEY;
    case SEG_ROLE_QUANTITY:
        return seg__csv_role_find(&L->roles, SEG_ROLE_AMOUNT) ? SEG_SLOT_INT : SEG_SLOT_INT_REQ;
    case SEG_ROLE_STATUS: return SEG_SLOT_STATUS;
    case SEG_ROLE_LEAD_CLOSED: return SEG_SLOT_FLAG;
    case SEG_ROLE_ACTIVITY:
    case SEG_ROLE_CAPACITY:
    case SEG_ROLE_RATING: return SEG_SLOT_RATING;
    case SEG_ROLE_LEAD_DATE:
    case SEG_ROLE_CHURN_DATE:
    case SEG_ROLE_COMPETITOR_DEADLINE:
    case SEG_ROLE_PROJECT_LAUNCH: return SEG_SLOT_DATE;
    default: return SEG_SLOT_TEXT; /* order, name, attributes */
    }
}

/* Where slot k's values go for customers: profile fields, ratings, attributes. */
static void lay_out(seg_csv_load *L, int k, const seg_csv_binding *b)
{
    seg_customer_layout *l = &L->layout;
    if (b->role >= SEG_ROLE_STATUS && b->role <= SEG_ROLE_CAPACITY)
        l->ints[b->role - SEG_ROLE_STATUS] = 1;
    l->name |= b->role == SEG_ROLE_NAME;
    if (b->role == SEG_ROLE_RATING) {
        L->rating_slot[l->nratings] = k;
        l->rating_names[l->nratings++] = &b->name;
    } else if (b->role == SEG_ROLE_ATTR) {
        L->attr_slot[l->nattributes] = k;
        l->attribute_names[l->nattributes++] = &b->name;
    } else {
        L->slot_of[b->role] = k;
    }
}

/* Slots in column order; each column read gets one span index (rcol). */
static seg_status build_slots(seg_csv_load *L)
{
    size_t order[SEG_CSV_MAX_BINDINGS], n = L->roles.n;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && L->roles.b[order[j - 1]].column > L->roles.b[i].column; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    L->colmap = seg__malloc(L->ctx, L->heads.n * sizeof *L->colmap);
    if (!L->colmap)
        return seg__nomem(L->ctx, L->heads.n * sizeof *L->colmap);
    for (size_t c = 0; c < L->heads.n; c++)
        L->colmap[c] = -1;
    for (int r = 0; r < SEG_ROLE_COUNT; r++)
        L->slot_of[r] = -1;
    for (size_t k = 0; k < n; k++) {
        const seg_csv_binding *b = &L->roles.b[order[k]];
        if (L->colmap[b->column] < 0)
            L->colmap[b->column] = (int16_t)L->nrcols++;
        L->slots[k] = (seg_csv_slot){slot_kind(L, b->role), order[k], b->column, (size_t)L->colmap[b->column]};
        lay_out(L, (int)k, b);
    }
    L->nslots = n;
    return SEG_OK;
}

static seg_status report_roles(seg_csv_load *L)
{
    char role[SEG_CSV_ROLE_MAX + 1];
    for (size_t k = 0; k < L->nslots; k++) {
        const seg_csv_binding *b = &L->roles.b[L->slots[k].binding];
        SEG_TRY(seg__report_role(L->rep, seg__binding_role(role, sizeof role, b),
                                 seg__header_text(&L->heads, b->column), (int64_t)b->column + 1));
    }
    return SEG_OK;
}

static seg_status prepare(seg_csv_load *L)
{
    SEG_TRY(seg__csv_roles_resolve(&L->roles, L->ctx, &L->cfg, L->kind, &L->heads, L->src.name));
    SEG_TRY(build_slots(L));
    SEG_TRY(report_roles(L));
    L->sc.delim = L->dia.delim;
    L->sc.colmap = L->colmap;
    L->sc.ncols = L->heads.n;
    L->sc.max_record = L->cfg.max_record;
    return seg__csv_chunk_alloc(L, &L->ch);
}

/* Day/month order of slash dates from the first block, unless set. */
static seg_status date_order(seg_csv_load *L)
{
    int rcols[SEG_CSV_MAX_BINDINGS];
    size_t n = 0;
    for (size_t k = 0; k < L->nslots; k++)
        if (L->slots[k].kind == SEG_SLOT_DATE || L->slots[k].kind == SEG_SLOT_DATE_REQ)
            rcols[n++] = (int)L->slots[k].rcol;
    if (L->dia.date_order != SEG_CSV_DATE_ORDER_AUTO || n == 0)
        return SEG_OK;
    return seg__csv_detect_date_order(&L->dia, L->ctx, &L->ch.rows, &L->sc, L->src.data, L->pos, L->src.len,
                                      L->src.eof, L->line, rcols, n, L->src.name);
}

/* ---- the loop ---- */

static seg_status progress(seg_csv_load *L, int last)
{
    uint64_t done = L->src.offset + L->pos;
    if (!L->cfg.progress || (!last && done - L->progress_at < SEG_CSV_BLOCK))
        return SEG_OK;
    L->progress_at = done;
    if (L->cfg.progress(done, L->src.total, L->cfg.progress_data) == 0 || last)
        return SEG_OK; /* the last call cannot stop what is done */
    SEG_TRY(seg__csv_settle(L)); /* the rows handed over are loaded, as on one thread */
    return seg__error(L->ctx, SEG_ERR_CANCELLED,
                      "%s: cancelled by the progress callback after %lld rows (%lld loaded, %lld rejected)",
                      L->src.name, (long long)L->rep->read, (long long)L->rep->loaded, (long long)L->rep->rejected);
}

static seg_status settle(void *L)
{
    return seg__csv_settle(L);
}

static seg_status convert_and_commit(seg_csv_load *L, seg_csv_chunk *ch)
{
    seg_csv_convert cv = {L->ctx,   L->src.data, L->pos,         &L->dia, L->ds->scale,
                          L->slots, L->nslots,   L->helper ? settle : NULL, L};
    ch->text = L->src.data;
    ch->text_len = L->src.len;
    seg_status st = seg__csv_convert(ch, &cv);
    if (st != SEG_OK) {
        ch->rows.n = 0;
        return st;
    }
    seg__csv_prepare(L, ch);
    return seg__csv_commit(L);
}

/* Past a record longer than the limit, reading on until it ends. */
static seg_status skip_long(seg_csv_load *L)
{
    seg_csv_skip skip = {0, 1};
    SEG_TRY(seg__csv_reject_long(L));
    while (!seg__csv_skip(&skip, L->src.data, &L->pos, L->src.len, L->src.eof, L->dia.delim, &L->line)) {
        SEG_TRY(seg__source_next(&L->src, L->pos));
        L->pos = 0;
    }
    return SEG_OK;
}

static seg_status load_rows(seg_csv_load *L)
{
    for (;;) {
        seg_csv_chunk *ch = NULL;
        SEG_TRY(seg__csv_parse_chunk(L, &ch));
        seg_scan_stop stop = seg__csv_scan(&ch->rows, &L->sc, L->src.data, &L->pos, L->src.len, L->src.eof,
                                           &L->line);
        if (ch->rows.n)
            SEG_TRY(convert_and_commit(L, ch));
        if (stop != SEG_SCAN_FULL)
            SEG_TRY(seg__csv_before_stop(L, stop)); /* before the report, the context or the window change */
        if (stop == SEG_SCAN_END)
            return progress(L, 1);
        SEG_TRY(progress(L, 0));
        if (stop == SEG_SCAN_TOO_LONG) {
            SEG_TRY(skip_long(L));
        } else if (stop == SEG_SCAN_MORE) {
            if (L->helper) /* slides into a second block: the helper goes on with the chunks of this one */
                seg__source_twin(&L->src);
            SEG_TRY(seg__source_next(&L->src, L->pos));
            L->pos = 0;
        }
    }
}

/* The rows, on one thread or two. */
static seg_status load_all_rows(seg_csv_load *L)
{
    seg__csv_pipe_init(L);
    seg_status st = load_rows(L);
    seg_status committed = seg__csv_settle(L); /* an earlier chunk's failure comes first */
    seg__csv_pipe_stop(L);
    return committed != SEG_OK ? committed : st;
}

static seg_status load(seg_csv_load *L)
{
    SEG_TRY(begin(L));
    SEG_TRY(read_header(L));
    if (L->heads.n == 0) /* no record and no header expected: nothing to load */
        return progress(L, 1);
    SEG_TRY(prepare(L));
    SEG_TRY(date_order(L));
    return load_all_rows(L);
}

/* ---- entry and exit ---- */

static seg_status enter(seg_csv_load *L, seg_load_report *report, seg_load_report *local, seg_dataset *ds,
                        seg_record_kind kind, const seg_csv_options *opts)
{
    memset(L, 0, sizeof *L);
    seg__reset(ds->ctx);
    L->ds = ds;
    L->ctx = ds->ctx;
    L->kind = kind;
    seg__report_init(local, ds->ctx);
    L->rep = local;
    if (!seg__absent_or_live(report, SEG_TAG_REPORT) || !seg__absent_or_live(opts, SEG_TAG_OPTIONS))
        return seg__error(ds->ctx, SEG_ERR_INVALID_ARGUMENT, "the report or the options are not a live handle");
    seg__csv_config(&L->cfg, opts);
    L->rep = report ? report : local;
    seg__report_clear(L->rep);
    L->src.name = "<csv>";
    if (kind != SEG_RECORDS_TRANSACTIONS && kind != SEG_RECORDS_CUSTOMERS)
        return seg__error(ds->ctx, SEG_ERR_UNSUPPORTED, "unknown record kind %d", (int)kind);
    return seg__dataset_check_loading(ds);
}

static seg_status finish(seg_csv_load *L, seg_load_report *local, seg_status st)
{
    seg_load_report *r = L->rep;
    r->lines = L->line > 0 ? L->line - 1 : 0;
    r->bytes = (int64_t)(L->src.offset + L->pos);
    r->delimiter = L->dia.delimiter;
    r->encoding = L->dia.encoding;
    r->bom = L->dia.bom;
    r->decimal = L->dia.num.decimal == '.' ? SEG_CSV_DECIMAL_POINT
                 : L->dia.num.decimal == ',' ? SEG_CSV_DECIMAL_COMMA
                                             : SEG_CSV_DECIMAL_AUTO;
    r->date_order = L->dia.date_order;
    seg__csv_pipe_stop(L);
    seg__source_close(&L->src);
    seg__chunk_free(&L->ch, L->ctx);
    seg__headers_free(&L->heads, L->ctx);
    seg__free(L->ctx, L->colmap);
    seg__declared_free(L->ctx, &L->declared);
    seg__report_release(local);
    if (st == SEG_OK)
        seg__reset(L->ctx); /* rows rejected by a lenient load are in the report, not an error */
    return st;
}

/* A NUL-terminated copy of the path. */
static seg_status copy_path(char **out, seg_context *ctx, const char *path, size_t len)
{
    if (!path || len == 0 || memchr(path, '\0', len))
        return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "seg_dataset_load_csv_path: the path is NULL, empty or has a NUL byte");
    *out = seg__malloc(ctx, len + 1);
    if (!*out)
        return seg__nomem(ctx, len + 1);
    memcpy(*out, path, len);
    (*out)[len] = '\0';
    return SEG_OK;
}

SEG_API seg_status seg_dataset_load_csv_path(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                             const seg_csv_options *opts, const char *path, size_t path_len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg_csv_load L;
    seg_load_report local;
    char *name = NULL;
    seg_status st = enter(&L, report, &local, ds, kind, opts);
    if (st == SEG_OK)
        st = copy_path(&name, ds->ctx, path, path_len);
    if (st == SEG_OK)
        st = seg__source_path(&L.src, ds->ctx, name, L.cfg.max_record);
    if (st == SEG_OK)
        st = load(&L);
    st = finish(&L, &local, st);
    seg__free(ds->ctx, name);
    return st;
}

SEG_API seg_status seg_dataset_load_csv_buffer(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                               const seg_csv_options *opts, const char *data, size_t len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg_csv_load L;
    seg_load_report local;
    seg_status st = enter(&L, report, &local, ds, kind, opts);
    if (st == SEG_OK && !data && len)
        st = seg__error(ds->ctx, SEG_ERR_INVALID_ARGUMENT, "seg_dataset_load_csv_buffer: data is NULL");
    if (st == SEG_OK) {
        seg__source_buffer(&L.src, ds->ctx, data ? data : "", len);
        st = load(&L);
    }
    return finish(&L, &local, st);
}

SEG_API seg_status seg_dataset_load_csv_stream(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                               const seg_csv_options *opts, seg_read_fn read, void *user_data)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg_csv_load L;
    seg_load_report local;
    seg_status st = enter(&L, report, &local, ds, kind, opts);
    if (st == SEG_OK && !read)
        st = seg__error(ds->ctx, SEG_ERR_INVALID_ARGUMENT, "seg_dataset_load_csv_stream: read is NULL");
    if (st == SEG_OK)
        st = seg__source_stream(&L.src, ds->ctx, read, user_data, L.cfg.max_record);
    if (st == SEG_OK)
        st = load(&L);
    return finish(&L, &local, st);
}
