/* Fuzz target: input bytes drive a sequence of API calls on two datasets, one parameter set,
 * their results and a cursor; every status must be documented and recorded, nothing may leak. */
#include <math.h>
#include <string.h>

#include "fuzz_common.h"

typedef struct api {
    fuzz_in in;
    seg_context *ctx;
    seg_dataset *ds[2];
    seg_result *res[2];
    seg_cursor *cur;
    int cur_of;
    seg_params *params;
} api;

/* A failed call on an object of the context leaves its status in the context. */
static seg_status check(api *a, seg_status st)
{
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK)
        FUZZ_CHECK(seg_context_errcode(a->ctx) == st && seg_context_errmsg(a->ctx)[0] != '\0');
    return st;
}

/* A value worth trying for an integer: small, boundary, or raw. */
static int64_t pick_i64(fuzz_in *in)
{
    static const int64_t special[] = {0, 1, -1, 2, 5, 12, 100, 101, 520, 10000, INT32_MIN, INT32_MAX,
                                      INT64_MIN, INT64_MAX, SEG_DATE_MIN, SEG_DATE_MAX, 19723, 3};
    uint8_t b = fuzz_u8(in);
    if (b < 128)
        return special[b % (sizeof special / sizeof *special)];
    if (b < 200)
        return (int64_t)(int8_t)fuzz_u8(in);
    return (int64_t)fuzz_u64(in);
}

static double pick_f64(fuzz_in *in)
{
    static const double special[] = {0.0, 0.1, 0.2, 0.25, 0.5, 0.8, 0.95, 1.0, 3.0, 100.0, -0.5, 1e300};
    uint8_t b = fuzz_u8(in);
    if (b < 200)
        return special[b % (sizeof special / sizeof *special)];
    if (b < 230)
        return b & 1 ? (double)NAN : (b & 2 ? (double)INFINITY : -(double)INFINITY);
    uint64_t bits = fuzz_u64(in);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static int alive(const api *a, int slot) { return a->res[slot] != NULL; }

static size_t customers(const seg_dataset *ds)
{
    int64_t n = 0;
    FUZZ_CHECK(seg_dataset_stat(&n, ds, SEG_STAT_CUSTOMERS) == SEG_OK && n >= 0);
    return (size_t)n;
}

/* A customer index: mostly a valid one, sometimes one past the end or huge. */
static size_t pick_customer(api *a, const seg_dataset *ds)
{
    size_t n = customers(ds);
    uint8_t b = fuzz_u8(&a->in);
    if (b == 255)
        return SIZE_MAX;
    return n ? b % (n + 1) : b % 2;
}

static void free_result(api *a, int slot)
{
    if (a->cur && a->cur_of == slot) {
        seg_cursor_free(a->cur);
        a->cur = NULL;
    }
    seg_result_free(a->res[slot]);
    a->res[slot] = NULL;
}

static void op_dataset(api *a, int slot)
{
    if (a->ds[slot] && (fuzz_u8(&a->in) & 1)) {
        free_result(a, slot);
        seg_dataset_free(a->ds[slot]);
        a->ds[slot] = NULL;
    } else if (!a->ds[slot]) {
        FUZZ_CHECK(check(a, seg_dataset_new(&a->ds[slot], a->ctx)) == SEG_OK);
    }
}

static void op_option(api *a, seg_dataset *ds, int slot)
{
    seg_dataset_option key = (seg_dataset_option)(fuzz_u8(&a->in) % 5);
    int64_t value = pick_i64(&a->in), got = 0, before = 0;
    int known = seg_dataset_get_option(&before, ds, key) == SEG_OK;
    seg_status st = check(a, seg_dataset_set_option(ds, key, value));
    if (known && seg_dataset_get_option(&got, ds, key) == SEG_OK)
        FUZZ_CHECK(got == (st == SEG_OK ? value : before));
    (void)slot; /* options are not loading calls: a live result does not freeze them */
}

static void op_customer(api *a, seg_dataset *ds, int slot)
{
    size_t idx = 0, found = 0;
    seg_status st;
    if (fuzz_u8(&a->in) & 1) {
        int64_t id = pick_i64(&a->in);
        st = check(a, seg_dataset_customer_i64(&idx, ds, id));
        if (st == SEG_OK)
            FUZZ_CHECK(seg_dataset_find_i64(&found, ds, id) == SEG_OK && found == idx);
    } else {
        const char *id;
        size_t len = fuzz_bytes(&a->in, &id, 24);
        st = check(a, seg_dataset_customer_str(&idx, ds, len ? id : NULL, len));
        FUZZ_CHECK(len > 0 || st == SEG_ERR_INVALID_ARGUMENT);
        if (st == SEG_OK)
            FUZZ_CHECK(seg_dataset_find_str(&found, ds, id, len) == SEG_OK && found == idx);
    }
    if (st == SEG_OK)
        FUZZ_CHECK(idx < customers(ds));
    (void)slot;
}

static void op_transaction(api *a, seg_dataset *ds, int slot)
{
    size_t c = pick_customer(a, ds);
    int32_t date = (int32_t)(19000 + (int8_t)fuzz_u8(&a->in) * 7);
    uint8_t flags = fuzz_u8(&a->in);
    if (flags & 1)
        date = (int32_t)pick_i64(&a->in);
    int64_t amount = flags & 2 ? pick_i64(&a->in) : (int64_t)(int8_t)fuzz_u8(&a->in) * 100;
    int64_t margin = pick_i64(&a->in), qty = (int8_t)fuzz_u8(&a->in);
    const char *order;
    size_t order_len = fuzz_bytes(&a->in, &order, 8);
    int64_t before = 0, after = 0;
    FUZZ_CHECK(seg_dataset_stat(&before, ds, SEG_STAT_TRANSACTIONS) == SEG_OK);
    seg_status st = check(a, seg_dataset_add_transaction(ds, c, date, amount, flags & 4 ? order : NULL,
                                                         flags & 4 ? order_len : 0, flags & 8 ? &margin : NULL,
                                                         flags & 16 ? &qty : NULL));
    FUZZ_CHECK(seg_dataset_stat(&after, ds, SEG_STAT_TRANSACTIONS) == SEG_OK);
    if (alive(a, slot))
        FUZZ_CHECK(st == SEG_ERR_STATE);
    if (c >= customers(ds) && !alive(a, slot))
        FUZZ_CHECK(st == SEG_ERR_NOT_FOUND);
    FUZZ_CHECK(st != SEG_OK || after == before + 1 || after == before); /* or ignored after as-of */
    FUZZ_CHECK(st == SEG_OK || after == before);
}

static void op_profile(api *a, seg_dataset *ds, int slot)
{
    size_t c = pick_customer(a, ds);
    uint8_t what = fuzz_u8(&a->in);
    const char *name, *value;
    size_t name_len = fuzz_bytes(&a->in, &name, 70), value_len;
    seg_status st;
    switch (what % 4) {
    case 0:
        st = check(a, seg_dataset_set_int(ds, c, (seg_field)(fuzz_u8(&a->in) % 40), (int32_t)pick_i64(&a->in)));
        break;
    case 1:
        st = check(a, seg_dataset_set_str(ds, c, (seg_field)(what & 4 ? SEG_FIELD_NAME : what % 40), name, name_len));
        break;
    case 2:
        st = check(a, seg_dataset_set_rating(ds, c, name, name_len, (int32_t)pick_i64(&a->in)));
        break;
    default:
        value_len = fuzz_bytes(&a->in, &value, 16);
        st = check(a, seg_dataset_set_attribute(ds, c, name, name_len, value, value_len));
        break;
    }
    if (alive(a, slot))
        FUZZ_CHECK(st != SEG_OK); /* loading calls are refused while a result lives */
}

static void op_read_profile(api *a, const seg_dataset *ds)
{
    size_t c = pick_customer(a, ds);
    const char *name, *s = NULL;
    size_t name_len = fuzz_bytes(&a->in, &name, 70), len = 0;
    int32_t v = 0;
    seg_id_kind kind = 0;
    int64_t id = 0, stat = 0;
    int known = c < customers(ds);
    FUZZ_CHECK((seg_dataset_get_int(&v, ds, c, SEG_FIELD_STATUS) == SEG_OK) == known);
    FUZZ_CHECK((seg_dataset_get_str(&s, &len, ds, c, SEG_FIELD_NAME) == SEG_OK) == known);
    FUZZ_CHECK(!s || strlen(s) <= len); /* names are bytes: a NUL inside is allowed */
    FUZZ_CHECK(fuzz_status_ok(seg_dataset_get_rating(&v, ds, c, name, name_len)));
    FUZZ_CHECK(fuzz_status_ok(seg_dataset_get_attribute(&s, &len, ds, c, name, name_len)));
    FUZZ_CHECK((seg_dataset_customer_id(&kind, &id, &s, &len, ds, c) == SEG_OK) == known);
    FUZZ_CHECK(!known || kind == SEG_ID_INT || (kind == SEG_ID_STRING && s && strlen(s) <= len));
    FUZZ_CHECK(fuzz_status_ok(seg_dataset_stat(&stat, ds, (seg_dataset_stat_key)(fuzz_u8(&a->in) % 13))));
}

/* Parameters: every key, in and out of range, with the wrong setter too. */
static void op_params(api *a)
{
    seg_param key = (seg_param)(fuzz_u8(&a->in) * 3 % 610);
    uint8_t how = fuzz_u8(&a->in);
    seg_params *p = a->params;
    int64_t list[10];
    size_t n = how >> 4 & 15;
    const char *name;
    size_t name_len;
    switch (how % 8) {
    case 0: check(a, seg_params_set_i64(p, key, pick_i64(&a->in))); break;
    case 1: check(a, seg_params_set_f64(p, key, pick_f64(&a->in))); break;
    case 2:
        for (size_t i = 0; i < n && i < 10; i++)
            list[i] = (i ? list[i - 1] : 0) + (int8_t)fuzz_u8(&a->in);
        check(a, seg_params_set_i64_array(p, key, n ? list : NULL, n > 10 ? 10 : n));
        break;
    case 3: check(a, seg_params_reset(p, key)); break;
    case 4: check(a, seg_params_apply_preset(p, (seg_preset)(how >> 3 & 7))); break;
    case 5:
        name_len = fuzz_bytes(&a->in, &name, 70);
        check(a, seg_params_segment_add(p, name, name_len, fuzz_u8(&a->in) % 12, fuzz_u8(&a->in) % 12,
                                        fuzz_u8(&a->in) % 12, fuzz_u8(&a->in) % 12, fuzz_u8(&a->in) % 12,
                                        fuzz_u8(&a->in) % 12));
        break;
    case 6:
        name_len = fuzz_bytes(&a->in, &name, 70);
        check(a, seg_params_renew_add(p, name, name_len, pick_f64(&a->in)));
        break;
    default:
        check(a, how & 16 ? seg_params_segments_clear(p) : how & 32 ? seg_params_renew_clear(p)
                                                                    : seg_params_segments_default(p));
        break;
    }
}

static void op_analyze(api *a, int slot)
{
    seg_dataset *ds = a->ds[slot];
    if (alive(a, slot))
        free_result(a, slot);
    seg_status st = check(a, seg_analyze(&a->res[slot], ds, fuzz_u8(&a->in) & 1 ? NULL : a->params));
    if (st != SEG_OK) {
        a->res[slot] = NULL;
        return;
    }
    FUZZ_CHECK(seg_result_rows(a->res[slot]) == customers(ds));
    FUZZ_CHECK(seg_result_dataset(a->res[slot]) == ds && seg_result_params(a->res[slot]) != NULL);
}

/* Columns, summaries, classes, breaks, matrix, Lorenz, periods: statuses only. */
static void op_read_result(api *a, const seg_result *r)
{
    size_t rows = seg_result_rows(r), first = fuzz_u8(&a->in) % (rows + 2), count = fuzz_u8(&a->in) % 4;
    seg_column col = (seg_column)(fuzz_u8(&a->in) % 80);
    int64_t iv[4], i1 = 0;
    double fv[4], f1 = 0, x[8], y[8];
    uint8_t valid[4];
    size_t n = 0, top[8], cap = fuzz_u8(&a->in) % 9;
    seg_status st = seg_result_copy_i64(iv, valid, r, col, first, count);
    FUZZ_CHECK(fuzz_status_ok(st) && (st != SEG_OK || first + count <= rows));
    st = seg_result_copy_f64(fv, valid, r, col, first, count);
    FUZZ_CHECK(fuzz_status_ok(st) && (st != SEG_OK || first + count <= rows));
    FUZZ_CHECK(fuzz_status_ok(seg_result_summary_i64(&i1, r, (seg_summary)(fuzz_u8(&a->in) % 120))));
    FUZZ_CHECK(fuzz_status_ok(seg_result_summary_f64(&f1, r, (seg_summary)(fuzz_u8(&a->in) % 120))));
    FUZZ_CHECK(fuzz_status_ok(seg_result_class_summary(&i1, &i1, &f1, &f1, r, col, pick_i64(&a->in))));
    FUZZ_CHECK(fuzz_status_ok(seg_result_rfm_breaks(fv, cap > 4 ? 4 : cap, &n, r, (seg_rfm_axis)(fuzz_u8(&a->in) % 5))));
    FUZZ_CHECK(fuzz_status_ok(seg_result_abc_xyz(NULL, NULL, r)));
    st = seg_result_lorenz(x, y, cap, &n, r);
    FUZZ_CHECK(fuzz_status_ok(st) && (st != SEG_OK || n <= cap));
    size_t periods = seg_result_period_count(r), period = fuzz_u8(&a->in) % (periods + 1);
    FUZZ_CHECK(fuzz_status_ok(seg_result_period_i64(&i1, r, period, (seg_period_stat)(fuzz_u8(&a->in) % 12))));
    FUZZ_CHECK(fuzz_status_ok(seg_result_period_f64(&f1, r, period, (seg_period_stat)(fuzz_u8(&a->in) % 110))));
    st = seg_result_period_top(top, cap, &n, r, period);
    FUZZ_CHECK(fuzz_status_ok(st) && (st != SEG_OK || n <= cap));
    for (size_t i = 0; st == SEG_OK && i < n; i++)
        FUZZ_CHECK(top[i] < rows);
    const char *name = seg_result_segment_name(r, pick_i64(&a->in));
    FUZZ_CHECK(!name || strlen(name) <= 64);
}

static void op_explain(api *a, const seg_result *r)
{
    size_t rows = seg_result_rows(r), c = fuzz_u8(&a->in) % (rows + 1), needed = 0, again = 0;
    char small[16];
    seg_analysis which = (seg_analysis)(fuzz_u8(&a->in) & 127);
    seg_status st = seg_result_explain(NULL, 0, &needed, r, c, which);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (c >= rows) {
        FUZZ_CHECK(st == SEG_ERR_NOT_FOUND);
        return;
    }
    if (st != SEG_ERR_BUFFER_TOO_SMALL)
        return;
    char *buf = malloc(needed);
    FUZZ_CHECK(buf && needed >= 1);
    FUZZ_CHECK(seg_result_explain(buf, needed, &again, r, c, which) == SEG_OK && again == needed);
    FUZZ_CHECK(strlen(buf) + 1 == needed);
    st = seg_result_explain(small, sizeof small, NULL, r, c, which);
    FUZZ_CHECK(needed <= sizeof small ? st == SEG_OK : st == SEG_ERR_BUFFER_TOO_SMALL);
    free(buf);
}

static void op_cursor(api *a, int slot)
{
    uint8_t how = fuzz_u8(&a->in);
    if (!a->cur || (how & 1)) {
        seg_cursor_free(a->cur);
        a->cur = NULL;
        FUZZ_CHECK(check(a, seg_cursor_new(&a->cur, a->res[slot])) == SEG_OK);
        a->cur_of = slot;
    }
    if (how & 2)
        FUZZ_CHECK(fuzz_status_ok(seg_cursor_filter(a->cur, (seg_column)(fuzz_u8(&a->in) % 80), pick_i64(&a->in))));
    size_t rows = seg_result_rows(a->res[a->cur_of]);
    for (int k = 0; k < (how >> 2 & 7); k++) {
        size_t c = SIZE_MAX;
        int64_t v = 0;
        double d = 0;
        int on = seg_cursor_next(a->cur);
        seg_status st = seg_cursor_customer(&c, a->cur);
        FUZZ_CHECK(on ? st == SEG_OK && c < rows : st == SEG_ERR_STATE);
        FUZZ_CHECK(fuzz_status_ok(seg_cursor_get_i64(&v, NULL, a->cur, (seg_column)(fuzz_u8(&a->in) % 80))));
        FUZZ_CHECK(fuzz_status_ok(seg_cursor_get_f64(&d, NULL, a->cur, (seg_column)(fuzz_u8(&a->in) % 80))));
    }
}

typedef struct stopper {
    size_t left;
} stopper;

/* A writer callback that asks to stop after a byte budget. */
static int stop_after(const void *data, size_t len, void *user_data)
{
    stopper *s = user_data;
    FUZZ_CHECK(data && len >= 1);
    if (len > s->left)
        return 1;
    s->left -= len;
    return 0;
}

static void op_write(api *a, const seg_result *r)
{
    uint8_t how = fuzz_u8(&a->in);
    int stops = how & 16;
    stopper s = {stops ? (size_t)fuzz_u8(&a->in) * 8 : SIZE_MAX};
    seg_status st = check(a, seg_result_write(r, (seg_output)(how & 3), (seg_format)(how >> 2 & 3), stop_after, &s));
    if ((how & 3) >= 1 && (how & 3) <= 2 && (how >> 2 & 3) >= 1 && (how >> 2 & 3) <= 2)
        FUZZ_CHECK(st == SEG_OK || (st == SEG_ERR_IO && stops));
}

/* Serialise one dataset and merge the bytes (or the dataset) into the other. */
static void op_merge(api *a, int from)
{
    seg_dataset *src = a->ds[from], *dst = a->ds[!from];
    if (!dst)
        return;
    int64_t before = 0, after = 0;
    FUZZ_CHECK(seg_dataset_stat(&before, dst, SEG_STAT_TRANSACTIONS) == SEG_OK);
    seg_status st;
    if (fuzz_u8(&a->in) & 1) {
        size_t len = 0;
        FUZZ_CHECK(seg_dataset_serialize(NULL, 0, &len, src) == SEG_ERR_BUFFER_TOO_SMALL);
        unsigned char *buf = malloc(len);
        FUZZ_CHECK(buf && seg_dataset_serialize(buf, len, NULL, src) == SEG_OK);
        st = check(a, seg_dataset_merge_serialized(dst, buf, len));
        free(buf);
    } else {
        st = check(a, seg_dataset_merge(dst, src));
    }
    FUZZ_CHECK(seg_dataset_stat(&after, dst, SEG_STAT_TRANSACTIONS) == SEG_OK);
    if (alive(a, !from))
        FUZZ_CHECK(st == SEG_ERR_STATE);
    FUZZ_CHECK(st == SEG_OK || after == before);
    if (st == SEG_ERR_CORRUPT) /* the library's own bytes are never corrupt */
        fprintf(stderr, "merge: %s\n", seg_context_errmsg(a->ctx));
    FUZZ_CHECK(st != SEG_ERR_CORRUPT);
}

/* A batch of up to 8 rows, integer or string ids, money as i64 or text. */
static void op_batch(api *a, seg_dataset *ds, int slot)
{
    int64_t ids[8], amounts[8], offsets[9] = {0};
    int32_t dates[8], ratings[8];
    char text[8 * 6];
    size_t n = fuzz_u8(&a->in) % 9, loaded = 99;
    uint8_t how = fuzz_u8(&a->in);
    seg_batch *b = NULL;
    FUZZ_CHECK(check(a, seg_batch_new(&b, a->ctx)) == SEG_OK);
    for (size_t i = 0; i < n; i++) {
        ids[i] = (int8_t)fuzz_u8(&a->in);
        dates[i] = 19000 + (int8_t)fuzz_u8(&a->in);
        amounts[i] = (int64_t)(int8_t)fuzz_u8(&a->in) * 25;
        ratings[i] = (int8_t)fuzz_u8(&a->in);
        size_t len = fuzz_u8(&a->in) % 7;
        for (size_t k = 0; k < len && k < 6; k++)
            text[offsets[i] + (int64_t)k] = (char)("0123456789.-x "[fuzz_u8(&a->in) % 14]);
        offsets[i + 1] = offsets[i] + (int64_t)(len > 6 ? 6 : len);
    }
    check(a, seg_batch_bind_i64(b, SEG_FIELD_CUSTOMER_ID, ids));
    check(a, seg_batch_bind_i32(b, SEG_FIELD_DATE, dates));
    if (how & 2)
        check(a, seg_batch_bind_str(b, SEG_FIELD_AMOUNT, text, offsets));
    else
        check(a, seg_batch_bind_i64(b, SEG_FIELD_AMOUNT, amounts));
    if (how & 4)
        check(a, seg_batch_bind_i32(b, (seg_field)(fuzz_u8(&a->in) % 40), ratings));
    check(a, seg_batch_bind_rating(b, "brand", 5, ratings));
    check(a, seg_batch_bind_attribute(b, "region", 6, text, offsets));
    seg_status st = check(a, how & 1 ? seg_dataset_add_customers(ds, b, n, &loaded)
                                     : seg_dataset_add_transactions(ds, b, n, &loaded));
    FUZZ_CHECK(loaded <= n && (st != SEG_OK || loaded == n));
    if (alive(a, slot))
        FUZZ_CHECK(st == SEG_ERR_STATE || (n == 0 && st == SEG_OK));
    seg_batch_free(b);
}

/* One operation; the first byte picks it, the dataset slot and the call. */
static void step(api *a)
{
    uint8_t op = fuzz_u8(&a->in);
    int slot = op >> 7;
    if (!a->ds[slot]) {
        op_dataset(a, slot);
        return;
    }
    seg_dataset *ds = a->ds[slot];
    switch (op % 16) {
    case 0: op_dataset(a, slot); break;
    case 1: op_option(a, ds, slot); break;
    case 2: op_customer(a, ds, slot); break;
    case 3: case 4: op_transaction(a, ds, slot); break;
    case 5: op_profile(a, ds, slot); break;
    case 6: op_read_profile(a, ds); break;
    case 7: op_params(a); break;
    case 8: op_analyze(a, slot); break;
    case 9: if (alive(a, slot)) op_read_result(a, a->res[slot]); break;
    case 10: if (alive(a, slot)) op_explain(a, a->res[slot]); break;
    case 11: if (alive(a, slot)) op_cursor(a, slot); break;
    case 12: if (alive(a, slot)) op_write(a, a->res[slot]); break;
    case 13: free_result(a, slot); break;
    case 14: op_merge(a, slot); break;
    default: op_batch(a, ds, slot); break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    api a;
    memset(&a, 0, sizeof a);
    a.in.p = data;
    a.in.n = size;
    FUZZ_CHECK(seg_context_new(&a.ctx) == SEG_OK);
    FUZZ_CHECK(seg_params_new(&a.params, a.ctx) == SEG_OK);
    for (int k = 0; a.in.n > 0 && k < 256; k++)
        step(&a);
    for (int slot = 0; slot < 2; slot++) {
        free_result(&a, slot);
        seg_dataset_free(a.ds[slot]);
    }
    seg_params_free(a.params);
    seg_context_free(a.ctx);
    return 0;
}
