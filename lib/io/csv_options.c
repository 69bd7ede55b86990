/* CSV options: the public handle (dialect, strictness, limits, role mapping,
 * progress callback) and the plain configuration a load resolves it into. */
#include "csv_options.h"

#include "csv_roles.h"
#include "../util/grow.h"
#include "../util/optspec.h"

#include <string.h>

#define I(key, name, lo, hi, def) {key, name, SEG_TYPE_I64, lo, hi, def, 0, 0, 0}

static const seg_optspec csv_options[] = {
    I(SEG_CSV_DELIMITER, "delimiter", SEG_CSV_DELIMITER_AUTO, SEG_CSV_DELIMITER_TAB, SEG_CSV_DELIMITER_AUTO),
    I(SEG_CSV_ENCODING, "encoding", SEG_CSV_ENCODING_AUTO, SEG_CSV_ENCODING_CP1251, SEG_CSV_ENCODING_AUTO),
    I(SEG_CSV_DECIMAL, "decimal", SEG_CSV_DECIMAL_AUTO, SEG_CSV_DECIMAL_COMMA, SEG_CSV_DECIMAL_AUTO),
    I(SEG_CSV_DATE_ORDER, "date_order", SEG_CSV_DATE_ORDER_AUTO, SEG_CSV_DATE_ORDER_MDY, SEG_CSV_DATE_ORDER_AUTO),
    I(SEG_CSV_HEADER, "header", 0, 1, 1),
    I(SEG_CSV_GUESS_ROLES, "guess_roles", 0, 1, 1),
    I(SEG_CSV_STRICT, "strict", 0, 1, 1),
    I(SEG_CSV_MAX_ERRORS, "max_errors", 0, 1000000, 100),
    I(SEG_CSV_MAX_RECORD_BYTES, "max_record_bytes", 1024, INT64_C(1) << 29, INT64_C(1) << 20),
    I(SEG_CSV_VALIDATE_ONLY, "validate_only", 0, 1, 0),
    I(SEG_CSV_THREADS, "threads", 1, 64, 1),
};
#define N_OPTIONS ((int)(sizeof csv_options / sizeof csv_options[0]))

struct seg_csv_options {
    uint32_t tag; /* SEG_TAG_OPTIONS (handle.h) */
    seg_context *ctx;
    int64_t values[N_OPTIONS];
    seg_progress_fn progress;
    void *progress_data;
    seg_csv_mapping *maps;
    size_t nmaps, maps_cap;
};

SEG_API seg_status seg_csv_options_new(seg_csv_options **out, seg_context *ctx)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    SEG_CHECK_ARG(ctx, out, "out is NULL");
    seg_csv_options *o = seg__malloc(ctx, sizeof *o);
    if (!o)
        return seg__nomem(ctx, sizeof *o);
    memset(o, 0, sizeof *o);
    o->tag = SEG_TAG_OPTIONS;
    o->ctx = ctx;
    for (int i = 0; i < N_OPTIONS; i++)
        o->values[i] = csv_options[i].idef;
    *out = o;
    return SEG_OK;
}

SEG_API void seg_csv_options_free(seg_csv_options *opts)
{
    if (!seg__live(opts, SEG_TAG_OPTIONS))
        return;
    for (size_t i = 0; i < opts->nmaps; i++)
        seg__free(opts->ctx, opts->maps[i].header);
    seg__free(opts->ctx, opts->maps);
    seg__handle_release(opts->ctx, opts);
}

static seg_status find_option(int *index, seg_context *ctx, seg_csv_option key)
{
    *index = seg__optspec_find(csv_options, N_OPTIONS, (int)key);
    if (*index < 0)
        return ctx ? seg__error(ctx, SEG_ERR_UNSUPPORTED, "unknown CSV option %d", (int)key)
                   : SEG_ERR_UNSUPPORTED;
    return SEG_OK;
}

SEG_API seg_status seg_csv_options_set_i64(seg_csv_options *opts, seg_csv_option key, int64_t value)
{
    if (!seg__live(opts, SEG_TAG_OPTIONS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(opts->ctx);
    int i = 0;
    SEG_TRY(find_option(&i, opts->ctx, key));
    const seg_optspec *o = &csv_options[i];
    if (value < o->imin || value > o->imax)
        return seg__error(opts->ctx, SEG_ERR_RANGE, "CSV option %s: %lld is outside %lld..%lld", o->name,
                          (long long)value, (long long)o->imin, (long long)o->imax);
    opts->values[i] = value;
    return SEG_OK;
}

SEG_API seg_status seg_csv_options_get_i64(int64_t *out, const seg_csv_options *opts, seg_csv_option key)
{
    if (!out || !seg__live(opts, SEG_TAG_OPTIONS))
        return SEG_ERR_INVALID_ARGUMENT;
    int i = 0;
    SEG_TRY(find_option(&i, NULL, key));
    *out = opts->values[i];
    return SEG_OK;
}

SEG_API seg_status seg_csv_option_default_i64(int64_t *out, seg_csv_option key)
{
    return seg__optspec_default_i64(out, csv_options, N_OPTIONS, (int)key);
}

SEG_API seg_status seg_csv_option_bounds_i64(int64_t *min, int64_t *max, seg_csv_option key)
{
    return seg__optspec_bounds_i64(min, max, csv_options, N_OPTIONS, (int)key);
}

SEG_API seg_status seg_csv_options_set_progress(seg_csv_options *opts, seg_progress_fn fn, void *user_data)
{
    if (!seg__live(opts, SEG_TAG_OPTIONS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(opts->ctx);
    opts->progress = fn;
    opts->progress_data = user_data;
    return SEG_OK;
}

static seg_csv_mapping *find_mapping(seg_csv_options *o, const char *role, size_t len)
{
    for (size_t i = 0; i < o->nmaps; i++)
        if (o->maps[i].role_len == len && memcmp(o->maps[i].role, role, len) == 0)
            return &o->maps[i];
    return NULL;
}

static void unmap(seg_csv_options *o, seg_csv_mapping *m)
{
    seg__free(o->ctx, m->header);
    *m = o->maps[--o->nmaps];
}

/* The mapping of `role`, appended (uncounted, *fresh = 1) when new; NULL
 * with the error set in the context when there is no room. */
static seg_csv_mapping *mapping_slot(int *fresh, seg_csv_options *o, const char *role, size_t len)
{
    seg_csv_mapping *m = find_mapping(o, role, len);
    *fresh = !m;
    if (m)
        return m;
    if (o->nmaps == SEG_CSV_MAX_MAPPINGS) {
        seg__error(o->ctx, SEG_ERR_RANGE, "more than %d role mappings", SEG_CSV_MAX_MAPPINGS);
        return NULL;
    }
    if (seg__grow(o->ctx, (void **)&o->maps, &o->maps_cap, o->nmaps + 1, sizeof *o->maps) != SEG_OK)
        return NULL;
    m = &o->maps[o->nmaps];
    memset(m, 0, sizeof *m);
    memcpy(m->role, role, len);
    m->role_len = len;
    return m;
}

SEG_API seg_status seg_csv_options_map(seg_csv_options *opts, const char *role, size_t role_len,
                                       const char *header, size_t header_len)
{
    if (!seg__live(opts, SEG_TAG_OPTIONS))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(opts->ctx);
    SEG_CHECK_ARG(opts->ctx, role || !role_len, "role is NULL");
    SEG_CHECK_ARG(opts->ctx, header || !header_len, "header is NULL but its length is not 0");
    seg_role r;
    seg_named name;
    SEG_TRY(seg__role_parse(&r, &name, opts->ctx, role ? role : "", role_len));
    if (!header) {
        seg_csv_mapping *m = find_mapping(opts, role, role_len);
        if (m)
            unmap(opts, m);
        return SEG_OK;
    }
    SEG_CHECK_ARG(opts->ctx, header_len > 0 && !memchr(header, '\0', header_len),
                  "a header must be 1 byte or more, with no NUL");
    char *copy = seg__malloc(opts->ctx, header_len + 1);
    if (!copy)
        return seg__nomem(opts->ctx, header_len + 1);
    int fresh = 0;
    seg_csv_mapping *m = mapping_slot(&fresh, opts, role, role_len);
    if (!m) {
        seg__free(opts->ctx, copy);
        return opts->ctx->status;
    }
    memcpy(copy, header, header_len);
    copy[header_len] = '\0';
    seg__free(opts->ctx, m->header);
    m->header = copy;
    m->header_len = header_len;
    opts->nmaps += (size_t)fresh;
    return SEG_OK;
}

static int64_t value_of(const seg_csv_options *opts, seg_csv_option key)
{
    int i = seg__optspec_find(csv_options, N_OPTIONS, (int)key);
    return opts ? opts->values[i] : csv_options[i].idef;
}

void seg__csv_config(seg_csv_config *cfg, const seg_csv_options *opts)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->delimiter = (int)value_of(opts, SEG_CSV_DELIMITER);
    cfg->encoding = (int)value_of(opts, SEG_CSV_ENCODING);
    cfg->decimal = (int)value_of(opts, SEG_CSV_DECIMAL);
    cfg->date_order = (int)value_of(opts, SEG_CSV_DATE_ORDER);
    cfg->header = (int)value_of(opts, SEG_CSV_HEADER);
    cfg->guess = (int)value_of(opts, SEG_CSV_GUESS_ROLES);
    cfg->strict = (int)value_of(opts, SEG_CSV_STRICT);
    cfg->validate_only = (int)value_of(opts, SEG_CSV_VALIDATE_ONLY);
    cfg->max_errors = (size_t)value_of(opts, SEG_CSV_MAX_ERRORS);
    cfg->max_record = (size_t)value_of(opts, SEG_CSV_MAX_RECORD_BYTES);
    cfg->threads = (int)value_of(opts, SEG_CSV_THREADS);
    if (opts) {
        cfg->progress = opts->progress;
        cfg->progress_data = opts->progress_data;
        cfg->maps = opts->maps;
        cfg->nmaps = opts->nmaps;
    }
}
