/* CSV options: the public handle (dialect, strictness, limits, role mapping,
 * progress callback) and the plain configuration a load resolves it into. */
#ifndef SEG_CSV_OPTIONS_H
#define SEG_CSV_OPTIONS_H

#include "../dataset.h"

#define SEG_CSV_MAX_MAPPINGS 128
#define SEG_CSV_ROLE_MAX (7 + SEG_NAME_MAX) /* "rating:" + a name */

/* One explicit mapping: a role name and the header (or "#N") it reads. */
typedef struct seg_csv_mapping {
    char role[SEG_CSV_ROLE_MAX + 1];
    size_t role_len;
    char *header; /* owned, NUL-terminated */
    size_t header_len;
} seg_csv_mapping;

/* Everything a load needs from the options, checked and plain. */
typedef struct seg_csv_config {
    int delimiter, encoding, decimal, date_order; /* the public enums */
    int header, guess, strict, validate_only;
    int threads; /* 1, or a helper thread commits while the caller parses */
    size_t max_errors, max_record;
    seg_progress_fn progress;
    void *progress_data;
    const seg_csv_mapping *maps;
    size_t nmaps;
} seg_csv_config;

/* Resolve `opts` (NULL: every default). */
void seg__csv_config(seg_csv_config *cfg, const seg_csv_options *opts);

#endif
