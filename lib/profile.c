/* Customer profile fields (status, lead and churn dates, manager ratings,
 * name, renew ratings, free attributes): lazily allocated columns. */
#include "profile.h"

#include "batch.h"

#include "io/date.h"
#include "util/grow.h"

#include <string.h>

int seg__profile_slot(seg_field field)
{
    if (field >= SEG_FIELD_STATUS && field <= SEG_FIELD_CAPACITY)
        return (int)(field - SEG_FIELD_STATUS);
    return -1;
}

int32_t seg__profile_unset(seg_field field)
{
    return field == SEG_FIELD_STATUS ? SEG_LIFECYCLE_NONE : SEG_NONE;
}

static int is_date_field(seg_field f)
{
    return f == SEG_FIELD_LEAD_DATE || f == SEG_FIELD_CHURN_DATE ||
           f == SEG_FIELD_COMPETITOR_DEADLINE || f == SEG_FIELD_PROJECT_LAUNCH;
}

seg_status seg__profile_check_int(seg_context *ctx, seg_field field, int32_t v)
{
    if (v == SEG_NONE)
        return SEG_OK;
    if (field == SEG_FIELD_STATUS && (v < SEG_LIFECYCLE_NONE || v > SEG_LIFECYCLE_CHURNED))
        return seg__error(ctx, SEG_ERR_RANGE, "status %d is not a seg_lifecycle value (0-4)", (int)v);
    if (field == SEG_FIELD_LEAD_CLOSED && v != 0 && v != 1)
        return seg__error(ctx, SEG_ERR_RANGE, "lead_closed must be 0 or 1, not %d", (int)v);
    if (is_date_field(field) && !seg__date_valid(v))
        return seg__error(ctx, SEG_ERR_RANGE, "date %d is outside 0001-01-01..9999-12-31", (int)v);
    if ((field == SEG_FIELD_ACTIVITY || field == SEG_FIELD_CAPACITY) && (v < 0 || v > 100))
        return seg__error(ctx, SEG_ERR_RANGE, "a manager rating must be 0-100, not %d", (int)v);
    return SEG_OK;
}

/* Columns are added with room for at least one row, so a non-NULL pointer
 * always means "this column exists". */
static seg_status reserve_rows(seg_dataset *ds)
{
    return seg__colset_reserve(ds->ctx, &ds->customer_cols, seg__customer_count(ds) + 1);
}

static seg_status add_i32_column(seg_dataset *ds, int32_t **col, int32_t fill)
{
    SEG_TRY(reserve_rows(ds));
    SEG_TRY(seg__colset_add(ds->ctx, &ds->customer_cols, (void **)col, sizeof **col));
    for (size_t i = 0; i < seg__customer_count(ds); i++)
        (*col)[i] = fill;
    return SEG_OK;
}

static seg_status add_str_column(seg_dataset *ds, seg_strcol *col)
{
    SEG_TRY(reserve_rows(ds));
    SEG_TRY(seg__colset_add(ds->ctx, &ds->customer_cols, (void **)&col->off, sizeof *col->off));
    seg_status st = seg__colset_add(ds->ctx, &ds->customer_cols, (void **)&col->len, sizeof *col->len);
    if (st != SEG_OK) { /* keep the colset consistent: drop the half-added pair */
        seg__colset_pop(ds->ctx, &ds->customer_cols);
        return st;
    }
    size_t n = seg__customer_count(ds);
    if (n) {
        memset(col->off, 0, n * sizeof *col->off);
        memset(col->len, 0, n * sizeof *col->len);
    }
    return SEG_OK;
}

seg_status seg__profile_ensure_int(seg_dataset *ds, int slot)
{
    if (ds->profile.ints[slot])
        return SEG_OK;
    return add_i32_column(ds, &ds->profile.ints[slot], seg__profile_unset((seg_field)(SEG_FIELD_STATUS + slot)));
}

seg_status seg__profile_ensure_name(seg_dataset *ds)
{
    return ds->profile.name.off ? SEG_OK : add_str_column(ds, &ds->profile.name);
}

static int find_named(const seg_named *list, size_t n, const seg_named *name)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].name_len == name->name_len && memcmp(list[i].name, name->name, name->name_len) == 0)
            return (int)i;
    return -1;
}

seg_status seg__profile_rating(size_t *index, seg_dataset *ds, const seg_named *criterion)
{
    seg_profile *p = &ds->profile;
    int i = find_named(p->criteria, p->ncriteria, criterion);
    if (i >= 0) {
        *index = (size_t)i;
        return SEG_OK;
    }
    if (p->ncriteria == SEG_MAX_CRITERIA)
        return seg__error(ds->ctx, SEG_ERR_RANGE, "more than %d renew criteria", SEG_MAX_CRITERIA);
    SEG_TRY(add_i32_column(ds, &p->ratings[p->ncriteria], SEG_NONE));
    p->criteria[p->ncriteria] = *criterion;
    *index = p->ncriteria++;
    return SEG_OK;
}

seg_status seg__profile_attribute(size_t *index, seg_dataset *ds, const seg_named *name)
{
    seg_profile *p = &ds->profile;
    int i = find_named(p->attributes, p->nattributes, name);
    if (i >= 0) {
        *index = (size_t)i;
        return SEG_OK;
    }
    if (p->nattributes == SEG_MAX_ATTRIBUTES)
        return seg__error(ds->ctx, SEG_ERR_RANGE, "more than %d attributes", SEG_MAX_ATTRIBUTES);
    SEG_TRY(add_str_column(ds, &p->attr[p->nattributes]));
    p->attributes[p->nattributes] = *name;
    *index = p->nattributes++;
    return SEG_OK;
}

seg_status seg__profile_reserve_text(seg_dataset *ds, size_t bytes)
{
    seg_profile *p = &ds->profile;
    if (bytes > UINT32_MAX)
        return seg__error(ds->ctx, SEG_ERR_RANGE, "a text value of %zu bytes is too long", bytes);
    return seg__grow(ds->ctx, (void **)&p->text, &p->text_cap, p->ntext + bytes, 1);
}

void seg__profile_put_str(seg_profile *p, seg_strcol *col, uint32_t row, const char *s, size_t len)
{
    if (len == 0) {
        col->off[row] = 0;
        col->len[row] = 0;
        return;
    }
    memcpy(p->text + p->ntext, s, len);
    p->text[p->ntext + len] = '\0';
    col->off[row] = p->ntext + 1;
    col->len[row] = (uint32_t)len;
    p->ntext += len + 1;
}

/* ---- one-record setters and getters ---- */

static seg_status enter(seg_dataset *ds, size_t customer)
{
    seg__reset(ds->ctx);
    SEG_TRY(seg__dataset_check_loading(ds));
    return seg__customer_check(ds, customer);
}

SEG_API seg_status seg_dataset_set_int(seg_dataset *ds, size_t customer, seg_field field, int32_t value)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter(ds, customer));
    int slot = seg__profile_slot(field);
    if (slot < 0)
        return seg__error(ds->ctx, seg__field_name_known(field) ? SEG_ERR_INVALID_ARGUMENT : SEG_ERR_UNSUPPORTED,
                          "field %d is not an integer customer field", (int)field);
    SEG_TRY(seg__profile_check_int(ds->ctx, field, value));
    SEG_TRY(seg__profile_ensure_int(ds, slot));
    ds->profile.ints[slot][customer] = value == SEG_NONE ? seg__profile_unset(field) : value;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_set_str(seg_dataset *ds, size_t customer, seg_field field,
                                       const char *value, size_t len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter(ds, customer));
    if (field != SEG_FIELD_NAME)
        return seg__error(ds->ctx, seg__field_name_known(field) ? SEG_ERR_INVALID_ARGUMENT : SEG_ERR_UNSUPPORTED,
                          "field %d is not a string customer field", (int)field);
    SEG_CHECK_ARG(ds->ctx, value || !len, "value is NULL");
    SEG_TRY(seg__profile_ensure_name(ds));
    SEG_TRY(seg__profile_reserve_text(ds, len + 1));
    seg__profile_put_str(&ds->profile, &ds->profile.name, (uint32_t)customer, value, len);
    return SEG_OK;
}

SEG_API seg_status seg_dataset_set_rating(seg_dataset *ds, size_t customer, const char *criterion,
                                          size_t criterion_len, int32_t value)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter(ds, customer));
    seg_named name;
    SEG_TRY(seg__named_set(&name, ds->ctx, criterion, criterion_len));
    if (value != SEG_NONE && (value < 0 || value > 100))
        return seg__error(ds->ctx, SEG_ERR_RANGE, "a rating must be 0-100 or SEG_NONE, not %d", (int)value);
    size_t r;
    SEG_TRY(seg__profile_rating(&r, ds, &name));
    ds->profile.ratings[r][customer] = value;
    return SEG_OK;
}

SEG_API seg_status seg_dataset_set_attribute(seg_dataset *ds, size_t customer, const char *name,
                                             size_t name_len, const char *value, size_t value_len)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    SEG_TRY(enter(ds, customer));
    seg_named key;
    SEG_TRY(seg__named_set(&key, ds->ctx, name, name_len));
    SEG_CHECK_ARG(ds->ctx, value || !value_len, "value is NULL");
    size_t a;
    SEG_TRY(seg__profile_attribute(&a, ds, &key));
    SEG_TRY(seg__profile_reserve_text(ds, value_len + 1));
    seg__profile_put_str(&ds->profile, &ds->profile.attr[a], (uint32_t)customer, value, value_len);
    return SEG_OK;
}

SEG_API seg_status seg_dataset_get_int(int32_t *out, const seg_dataset *ds, size_t customer,
                                       seg_field field)
{
    if (!out || !seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    int slot = seg__profile_slot(field);
    if (slot < 0)
        return seg__field_name_known(field) ? SEG_ERR_INVALID_ARGUMENT : SEG_ERR_UNSUPPORTED;
    if (customer >= seg__customer_count(ds))
        return SEG_ERR_NOT_FOUND;
    const int32_t *col = ds->profile.ints[slot];
    *out = col ? col[customer] : seg__profile_unset(field);
    return SEG_OK;
}

static void read_str(const char **value, size_t *len, const seg_profile *p, const seg_strcol *col,
                     size_t row)
{
    uint64_t off = col->off ? col->off[row] : 0;
    *value = off ? p->text + off - 1 : NULL;
    if (len)
        *len = off ? col->len[row] : 0;
}

SEG_API seg_status seg_dataset_get_str(const char **value, size_t *len, const seg_dataset *ds,
                                       size_t customer, seg_field field)
{
    if (!value || !seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    if (field != SEG_FIELD_NAME)
        return seg__field_name_known(field) ? SEG_ERR_INVALID_ARGUMENT : SEG_ERR_UNSUPPORTED;
    if (customer >= seg__customer_count(ds))
        return SEG_ERR_NOT_FOUND;
    read_str(value, len, &ds->profile, &ds->profile.name, customer);
    return SEG_OK;
}

static int lookup(const seg_named *list, size_t n, const char *name, size_t len)
{
    seg_named key;
    if (!name || len == 0 || len > SEG_NAME_MAX)
        return -1;
    memcpy(key.name, name, len);
    key.name_len = len;
    return find_named(list, n, &key);
}

SEG_API seg_status seg_dataset_get_rating(int32_t *out, const seg_dataset *ds, size_t customer,
                                          const char *criterion, size_t criterion_len)
{
    if (!out || !seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    int r = lookup(ds->profile.criteria, ds->profile.ncriteria, criterion, criterion_len);
    if (r < 0 || customer >= seg__customer_count(ds))
        return SEG_ERR_NOT_FOUND;
    *out = ds->profile.ratings[r][customer];
    return SEG_OK;
}

SEG_API seg_status seg_dataset_get_attribute(const char **value, size_t *len, const seg_dataset *ds,
                                             size_t customer, const char *name, size_t name_len)
{
    if (!value || !seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    int a = lookup(ds->profile.attributes, ds->profile.nattributes, name, name_len);
    if (a < 0 || customer >= seg__customer_count(ds))
        return SEG_ERR_NOT_FOUND;
    read_str(value, len, &ds->profile, &ds->profile.attr[a], customer);
    return SEG_OK;
}
