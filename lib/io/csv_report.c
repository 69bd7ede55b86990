/* The load report: what a CSV load read, loaded and rejected (by reason, and
 * the first errors with positions), the roles it mapped and the dialect used. */
#include "csv_report.h"

#include "../util/grow.h"

#include <string.h>

void seg__report_init(seg_load_report *r, seg_context *ctx)
{
    memset(r, 0, sizeof *r);
    r->tag = SEG_TAG_REPORT;
    r->ctx = ctx;
}

void seg__report_release(seg_load_report *r)
{
    seg__free(r->ctx, r->errors);
    seg__free(r->ctx, r->roles);
    seg__free(r->ctx, r->text);
    seg__report_init(r, r->ctx);
}

void seg__report_clear(seg_load_report *r)
{
    r->read = r->loaded = r->rejected = r->lines = r->bytes = 0;
    memset(r->by_reason, 0, sizeof r->by_reason);
    r->delimiter = r->encoding = r->bom = r->decimal = r->date_order = 0;
    r->nerrors = r->nroles = r->ntext = 0;
}

/* Copy a NUL-terminated string into the arena; *off receives its offset. */
static seg_status keep_text(seg_load_report *r, size_t *off, const char *s)
{
    size_t len = strlen(s);
    SEG_TRY(seg__grow(r->ctx, (void **)&r->text, &r->text_cap, r->ntext + len + 1, 1));
    memcpy(r->text + r->ntext, s, len + 1);
    *off = r->ntext;
    r->ntext += len + 1;
    return SEG_OK;
}

seg_status seg__report_error(seg_load_report *r, int64_t line, int64_t column, seg_reject_reason reason,
                             const char *header, const char *message)
{
    SEG_TRY(seg__grow(r->ctx, (void **)&r->errors, &r->errors_cap, r->nerrors + 1, sizeof *r->errors));
    seg_report_error *e = &r->errors[r->nerrors];
    e->line = line;
    e->column = column;
    e->reason = reason;
    SEG_TRY(keep_text(r, &e->header, header));
    SEG_TRY(keep_text(r, &e->message, message));
    r->nerrors++;
    return SEG_OK;
}

seg_status seg__report_role(seg_load_report *r, const char *role, const char *header, int64_t column)
{
    SEG_TRY(seg__grow(r->ctx, (void **)&r->roles, &r->roles_cap, r->nroles + 1, sizeof *r->roles));
    seg_report_role *e = &r->roles[r->nroles];
    e->column = column;
    SEG_TRY(keep_text(r, &e->role, role));
    SEG_TRY(keep_text(r, &e->header, header));
    r->nroles++;
    return SEG_OK;
}

/* ---- the public handle ---- */

SEG_API seg_status seg_load_report_new(seg_load_report **out, seg_context *ctx)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    SEG_CHECK_ARG(ctx, out, "out is NULL");
    seg_load_report *r = seg__malloc(ctx, sizeof *r);
    if (!r)
        return seg__nomem(ctx, sizeof *r);
    seg__report_init(r, ctx);
    *out = r;
    return SEG_OK;
}

SEG_API void seg_load_report_free(seg_load_report *report)
{
    if (!seg__live(report, SEG_TAG_REPORT))
        return;
    seg__report_release(report);
    seg__handle_release(report->ctx, report);
}

SEG_API seg_status seg_load_report_stat(int64_t *out, const seg_load_report *r, seg_load_stat key)
{
    if (!out || !seg__live(r, SEG_TAG_REPORT))
        return SEG_ERR_INVALID_ARGUMENT;
    switch (key) {
    case SEG_LOAD_ROWS_READ: *out = r->read; return SEG_OK;
    case SEG_LOAD_ROWS_LOADED: *out = r->loaded; return SEG_OK;
    case SEG_LOAD_ROWS_REJECTED: *out = r->rejected; return SEG_OK;
    case SEG_LOAD_LINES: *out = r->lines; return SEG_OK;
    case SEG_LOAD_BYTES: *out = r->bytes; return SEG_OK;
    case SEG_LOAD_ERRORS: *out = (int64_t)r->nerrors; return SEG_OK;
    case SEG_LOAD_ROLES: *out = (int64_t)r->nroles; return SEG_OK;
    case SEG_LOAD_DELIMITER: *out = r->delimiter; return SEG_OK;
    case SEG_LOAD_ENCODING: *out = r->encoding; return SEG_OK;
    case SEG_LOAD_BOM: *out = r->bom; return SEG_OK;
    case SEG_LOAD_DECIMAL: *out = r->decimal; return SEG_OK;
    case SEG_LOAD_DATE_ORDER: *out = r->date_order; return SEG_OK;
    }
    return SEG_ERR_UNSUPPORTED;
}

SEG_API seg_status seg_load_report_rejected(int64_t *out, const seg_load_report *r, seg_reject_reason reason)
{
    if (!out || !seg__live(r, SEG_TAG_REPORT))
        return SEG_ERR_INVALID_ARGUMENT;
    if ((int)reason < 1 || (int)reason > SEG_REJECT_REASONS)
        return SEG_ERR_UNSUPPORTED;
    *out = r->by_reason[reason];
    return SEG_OK;
}

SEG_API seg_status seg_load_report_error(int64_t *line, int64_t *column, seg_reject_reason *reason,
                                         const char **header, const char **message,
                                         const seg_load_report *r, size_t index)
{
    if (!seg__live(r, SEG_TAG_REPORT))
        return SEG_ERR_INVALID_ARGUMENT;
    if (index >= r->nerrors)
        return SEG_ERR_RANGE;
    const seg_report_error *e = &r->errors[index];
    if (line)
        *line = e->line;
    if (column)
        *column = e->column;
    if (reason)
        *reason = e->reason;
    if (header)
        *header = r->text + e->header;
    if (message)
        *message = r->text + e->message;
    return SEG_OK;
}

SEG_API seg_status seg_load_report_role(const char **role, const char **header, int64_t *column,
                                        const seg_load_report *r, size_t index)
{
    if (!seg__live(r, SEG_TAG_REPORT))
        return SEG_ERR_INVALID_ARGUMENT;
    if (index >= r->nroles)
        return SEG_ERR_RANGE;
    const seg_report_role *e = &r->roles[index];
    if (role)
        *role = r->text + e->role;
    if (header)
        *header = r->text + e->header;
    if (column)
        *column = e->column;
    return SEG_OK;
}

SEG_API const char *seg_reject_reason_name(seg_reject_reason reason)
{
    static const char *const names[SEG_REJECT_REASONS + 1] = {
        NULL, "field_count", "quote", "too_long", "encoding", "missing",
        "number", "inexact", "date", "value", "overflow", "conflict",
    };
    return (int)reason >= 1 && (int)reason <= SEG_REJECT_REASONS ? names[reason] : NULL;
}
