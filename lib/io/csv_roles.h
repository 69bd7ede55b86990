/* Roles of CSV columns: role names, the header row as read, explicit mappings
 * and guesses from common English and Russian header names. */
#ifndef SEG_CSV_ROLES_H
#define SEG_CSV_ROLES_H

#include "csv_options.h"

/* STATUS … CAPACITY follow SEG_FIELD_STATUS … SEG_FIELD_CAPACITY (profile slots). */
typedef enum seg_role {
    SEG_ROLE_CUSTOMER = 0,
    SEG_ROLE_DATE,
    SEG_ROLE_AMOUNT,
    SEG_ROLE_ORDER,
    SEG_ROLE_QUANTITY,
    SEG_ROLE_PRICE,
    SEG_ROLE_MARGIN,
    SEG_ROLE_NAME,
    SEG_ROLE_STATUS,
    SEG_ROLE_LEAD_DATE,
    SEG_ROLE_LEAD_CLOSED,
    SEG_ROLE_CHURN_DATE,
    SEG_ROLE_COMPETITOR_DEADLINE,
    SEG_ROLE_PROJECT_LAUNCH,
    SEG_ROLE_ACTIVITY,
    SEG_ROLE_CAPACITY,
    SEG_ROLE_RATING, /* rating:NAME */
    SEG_ROLE_ATTR,   /* attr:NAME */
    SEG_ROLE_COUNT
} seg_role;

#define SEG_CSV_MAX_BINDINGS (SEG_ROLE_RATING + SEG_MAX_CRITERIA + SEG_MAX_ATTRIBUTES)
#define SEG_CSV_MAX_COLUMNS 32767

/* The header row: each column's text (UTF-8, trimmed, NUL-terminated; "#N"
 * when empty or without a header row) and its folded form for guessing
 * ("" without a header row). Offsets into one arena. */
typedef struct seg_csv_header {
    size_t off, len, fold_off, fold_len;
} seg_csv_header;

typedef struct seg_csv_headers {
    seg_csv_header *cols;
    size_t n, cap;
    char *text;
    size_t ntext, text_cap;
} seg_csv_headers;

/* A role read from a column; `name` is the criterion or attribute. */
typedef struct seg_csv_binding {
    seg_role role;
    seg_named name;
    size_t column; /* 0-based */
} seg_csv_binding;

typedef struct seg_csv_roles {
    seg_csv_binding b[SEG_CSV_MAX_BINDINGS];
    size_t n;
} seg_csv_roles;

/* Parse a role name ("amount", "rating:brand"); errors set ctx. */
seg_status seg__role_parse(seg_role *role, seg_named *name, seg_context *ctx, const char *s, size_t len);

/* The role's name as users write it ("lead_date"), or "rating:NAME" written into buf. */
const char *seg__binding_role(char *buf, size_t cap, const seg_csv_binding *b);

/* Append one column whose header is `text` (UTF-8); `folded` 0 keeps it out of guessing. */
seg_status seg__headers_add(seg_csv_headers *h, seg_context *ctx, const char *text, size_t len, int folded);
void seg__headers_free(seg_csv_headers *h, seg_context *ctx);

static inline const char *seg__header_text(const seg_csv_headers *h, size_t i)
{
    return h->text + h->cols[i].off;
}

/* Bind every role of `kind`: explicit mappings first, then guesses; check
 * the required ones. Errors name `source` and list the headers. */
seg_status seg__csv_roles_resolve(seg_csv_roles *out, seg_context *ctx, const seg_csv_config *cfg,
                                  seg_record_kind kind, const seg_csv_headers *h, const char *source);

/* The binding of `role` (the first one for ratings and attributes), or NULL. */
const seg_csv_binding *seg__csv_role_find(const seg_csv_roles *roles, seg_role role);

#endif
