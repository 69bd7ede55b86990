/* The load report: what a CSV load read, loaded and rejected (by reason, and
 * the first errors with positions), the roles it mapped and the dialect used. */
#ifndef SEG_CSV_REPORT_H
#define SEG_CSV_REPORT_H

#include "../ctx.h"
#include "../handle.h"

#define SEG_REJECT_REASONS 11 /* highest seg_reject_reason */

typedef struct seg_report_error {
    int64_t line, column;
    seg_reject_reason reason;
    size_t header, message; /* offsets into the text arena */
} seg_report_error;

typedef struct seg_report_role {
    size_t role, header; /* offsets into the text arena */
    int64_t column;
} seg_report_role;

struct seg_load_report {
    uint32_t tag; /* SEG_TAG_REPORT (handle.h) */
    seg_context *ctx;
    int64_t read, loaded, rejected, lines, bytes;
    int64_t by_reason[SEG_REJECT_REASONS + 1];
    int delimiter, encoding, bom, decimal, date_order;
    seg_report_error *errors;
    size_t nerrors, errors_cap;
    seg_report_role *roles;
    size_t nroles, roles_cap;
    char *text;
    size_t ntext, text_cap;
};

/* A report living inside a load when the caller passed none. */
void seg__report_init(seg_load_report *r, seg_context *ctx);
void seg__report_release(seg_load_report *r);

/* Forget the previous load, keeping the buffers. */
void seg__report_clear(seg_load_report *r);

/* Count one rejected row. */
static inline void seg__report_reject(seg_load_report *r, seg_reject_reason reason)
{
    r->read++;
    r->rejected++;
    r->by_reason[reason]++;
}

/* Keep one error (strings copied). */
seg_status seg__report_error(seg_load_report *r, int64_t line, int64_t column, seg_reject_reason reason,
                             const char *header, const char *message);

/* Record one role mapping (strings copied). */
seg_status seg__report_role(seg_load_report *r, const char *role, const char *header, int64_t column);

#endif
