/* Partial state: serialising, restoring and merging datasets gives exactly
 * the single-dataset result; damaged bytes and conflicting parts are refused. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>

#define PARTS 3

typedef struct buffer {
    unsigned char *data;
    size_t len;
} buffer;

static seg_dataset *new_dataset(seg_context *ctx)
{
    seg_dataset *ds = NULL;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 3), SEG_OK);
    return ds;
}

static uint64_t mix(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

/* Profile fields for some customers, so lifecycle and renew see them too. */
static void add_profile(seg_dataset *ds, long long customer)
{
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, ds, customer), SEG_OK);
    if (customer % 7 == 0)
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_STATUS, SEG_LIFECYCLE_REFUSED), SEG_OK);
    if (customer % 7 == 0) {
        assert_int_equal(seg_dataset_set_rating(ds, c, "brand", 5, (int32_t)(customer % 5 + 1)), SEG_OK);
        assert_int_equal(seg_dataset_set_rating(ds, c, "deal", 4, (int32_t)(customer % 3 + 1)), SEG_OK);
    }
    if (customer % 11 == 0) {
        char name[32];
        int len = snprintf(name, sizeof name, "Customer %lld", customer);
        assert_int_equal(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, name, (size_t)len), SEG_OK);
        assert_int_equal(seg_dataset_set_attribute(ds, c, "region", 6, customer % 2 ? "north" : "south", 5), SEG_OK);
    }
}

/* The Online Retail invoices, into `whole` and into PARTS datasets: split by
 * customer (by_order 0) or by invoice, so customers span parts (by_order 1). */
static void load_parts(seg_dataset *whole, seg_dataset **parts, int by_order)
{
    FILE *fp = open_test_data("online_retail_invoices.csv");
    char line[128], invoice[16], date[16];
    long long customer, amount;
    int clean;
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%15[^,],%lld,%15[^,],%lld,%d", invoice, &customer, date, &amount, &clean), 5);
        seg_dataset *part = parts[by_order ? mix(invoice) % PARTS : (uint64_t)customer % PARTS];
        seg_dataset *targets[2] = {whole, part};
        for (int t = 0; t < 2; t++) {
            size_t c = 0;
            assert_int_equal(seg_dataset_customer_i64(&c, targets[t], customer), SEG_OK);
            assert_int_equal(seg_dataset_add_transaction(targets[t], c, day(date), amount, invoice,
                                                         strlen(invoice), NULL, NULL), SEG_OK);
        }
        if (customer % 7 == 0 || customer % 11 == 0) {
            add_profile(whole, customer);
            add_profile(parts[customer % PARTS], customer);
        }
    }
    fclose(fp);
}

static buffer serialize(seg_dataset *ds)
{
    buffer b = {NULL, 0};
    assert_int_equal(seg_dataset_serialize(NULL, 0, &b.len, ds), SEG_ERR_BUFFER_TOO_SMALL);
    b.data = malloc(b.len);
    assert_non_null(b.data);
    assert_int_equal(seg_dataset_serialize(b.data, b.len, NULL, ds), SEG_OK);
    return b;
}

static seg_result *analyze(seg_context *ctx, seg_dataset *ds)
{
    seg_params *p = NULL;
    seg_result *r = NULL;
    assert_int_equal(seg_params_new(&p, ctx), SEG_OK);
    assert_int_equal(seg_params_set_i64(p, SEG_PARAM_AS_OF, day("2011-12-10")), SEG_OK);
    if (seg_analyze(&r, ds, p) != SEG_OK)
        fail_msg("analyze: %s", seg_context_errmsg(ctx));
    seg_params_free(p);
    return r;
}

static int collect(const void *data, size_t len, void *user_data)
{
    buffer *b = user_data;
    b->data = realloc(b->data, b->len + len);
    assert_non_null(b->data);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

static size_t row_of(const seg_dataset *ds, const seg_dataset *other, size_t row)
{
    seg_id_kind kind;
    int64_t id = 0;
    const char *str = NULL;
    size_t len = 0, found = 0;
    assert_int_equal(seg_dataset_customer_id(&kind, &id, &str, &len, other, row), SEG_OK);
    if (kind == SEG_ID_INT)
        assert_int_equal(seg_dataset_find_i64(&found, ds, id), SEG_OK);
    else
        assert_int_equal(seg_dataset_find_str(&found, ds, str, len), SEG_OK);
    return found;
}

static void compare_column(const seg_result *a, const seg_result *b, seg_column col, const size_t *map)
{
    size_t n = seg_result_rows(a);
    seg_param_type type;
    assert_int_equal(seg_result_column_type(&type, col), SEG_OK);
    int64_t *x = calloc(2 * n + 2, sizeof *x);
    uint8_t *xv = calloc(2 * n + 2, 1);
    assert_true(x && xv);
    if (type == SEG_TYPE_F64) {
        assert_int_equal(seg_result_copy_f64((double *)x, xv, a, col, 0, n), SEG_OK);
        assert_int_equal(seg_result_copy_f64((double *)x + n, xv + n, b, col, 0, n), SEG_OK);
    } else {
        assert_int_equal(seg_result_copy_i64(x, xv, a, col, 0, n), SEG_OK);
        assert_int_equal(seg_result_copy_i64(x + n, xv + n, b, col, 0, n), SEG_OK);
    }
    for (size_t i = 0; i < n; i++) {
        size_t j = n + map[i];
        if (xv[i] != xv[j] || (xv[i] && memcmp(&x[i], &x[j], sizeof *x) != 0))
            fail_msg("column %s, row %zu: %lld/%d vs %lld/%d", seg_result_column_name(col), i,
                     (long long)x[i], xv[i], (long long)x[j], xv[j]);
    }
    free(x);
    free(xv);
}

/* Every result column equal per customer id, and the summaries byte for byte. */
static void expect_same_result(seg_context *ctx, seg_dataset *want_ds, seg_dataset *got_ds)
{
    seg_result *want = analyze(ctx, want_ds), *got = analyze(ctx, got_ds);
    size_t n = seg_result_rows(want);
    assert_int_equal(seg_result_rows(got), n);
    size_t *map = malloc((n + 1) * sizeof *map);
    assert_non_null(map);
    for (size_t i = 0; i < n; i++)
        map[i] = row_of(got_ds, want_ds, i);
    int columns = 0;
    for (int col = 0; col < 100; col++) {
        seg_param_type type;
        if (seg_result_column_type(&type, (seg_column)col) != SEG_OK)
            continue;
        compare_column(want, got, (seg_column)col, map);
        columns++;
    }
    assert_true(columns >= 30);
    buffer a = {NULL, 0}, b = {NULL, 0};
    assert_int_equal(seg_result_write(want, SEG_OUTPUT_SUMMARY, SEG_FORMAT_JSON, collect, &a), SEG_OK);
    assert_int_equal(seg_result_write(got, SEG_OUTPUT_SUMMARY, SEG_FORMAT_JSON, collect, &b), SEG_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    free(a.data);
    free(b.data);
    free(map);
    seg_result_free(want);
    seg_result_free(got);
}

static int64_t stat(const seg_dataset *ds, seg_dataset_stat_key key)
{
    int64_t v = 0;
    assert_int_equal(seg_dataset_stat(&v, ds, key), SEG_OK);
    return v;
}

static void expect_same_stats(const seg_dataset *a, const seg_dataset *b)
{
    static const seg_dataset_stat_key keys[] = {
        SEG_STAT_CUSTOMERS, SEG_STAT_TRANSACTIONS, SEG_STAT_IGNORED_AFTER_AS_OF, SEG_STAT_PURCHASE_ROWS,
        SEG_STAT_REFUND_ROWS, SEG_STAT_ORDERS, SEG_STAT_PERIOD_CELLS, SEG_STAT_FIRST_DATE,
        SEG_STAT_LAST_DATE, SEG_STAT_NET_AMOUNT};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        assert_int_equal(stat(a, keys[k]), stat(b, keys[k]));
}

typedef struct fixture {
    seg_context *ctx;
    seg_dataset *whole, *parts[PARTS];
} fixture;

static void fixture_load(fixture *f, seg_context *ctx, int by_order)
{
    f->ctx = ctx;
    f->whole = new_dataset(ctx);
    for (int i = 0; i < PARTS; i++)
        f->parts[i] = new_dataset(ctx);
    load_parts(f->whole, f->parts, by_order);
}

static void fixture_free(fixture *f)
{
    seg_dataset_free(f->whole);
    for (int i = 0; i < PARTS; i++)
        seg_dataset_free(f->parts[i]);
}

/* ---- tests ---- */

static void test_round_trip(void **state)
{
    fixture f;
    fixture_load(&f, *state, 0);
    buffer b = serialize(f.whole);
    seg_dataset *copy = new_dataset(f.ctx);
    assert_int_equal(seg_dataset_merge_serialized(copy, b.data, b.len), SEG_OK);
    expect_same_stats(f.whole, copy);
    expect_same_result(f.ctx, f.whole, copy);
    buffer again = serialize(copy);
    assert_int_equal(again.len, b.len);
    assert_memory_equal(again.data, b.data, b.len); /* the restored state serialises identically */
    free(again.data);
    free(b.data);
    seg_dataset_free(copy);
    fixture_free(&f);
}

/* Parts merged through bytes in two different groupings and orders. */
static void merge_both_ways(int by_order, seg_context *ctx)
{
    fixture f;
    fixture_load(&f, ctx, by_order);
    buffer bytes[PARTS];
    for (int i = 0; i < PARTS; i++)
        bytes[i] = serialize(f.parts[i]);
    seg_dataset *left = new_dataset(ctx), *right = NULL;
    for (int i = 0; i < PARTS; i++) /* ((0 + 1) + 2) */
        assert_int_equal(seg_dataset_merge_serialized(left, bytes[i].data, bytes[i].len), SEG_OK);
    right = f.parts[2]; /* 2 + (1 + 0), in memory */
    assert_int_equal(seg_dataset_merge(f.parts[1], f.parts[0]), SEG_OK);
    assert_int_equal(seg_dataset_merge(right, f.parts[1]), SEG_OK);
    expect_same_stats(f.whole, left);
    expect_same_stats(f.whole, right);
    expect_same_result(ctx, f.whole, left);
    expect_same_result(ctx, f.whole, right);
    for (int i = 0; i < PARTS; i++)
        free(bytes[i].data);
    seg_dataset_free(left);
    fixture_free(&f);
}

static void test_merge_parts_by_customer(void **state)
{
    merge_both_ways(0, *state);
}

static void test_merge_parts_by_order(void **state)
{
    merge_both_ways(1, *state);
}

static void test_empty_merges(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *a = NULL, *b = NULL;
    assert_int_equal(seg_dataset_new(&a, ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&b, ctx), SEG_OK);
    buffer e = serialize(a);
    assert_int_equal(seg_dataset_merge_serialized(b, e.data, e.len), SEG_OK);
    assert_int_equal(seg_dataset_merge(a, b), SEG_OK);
    assert_int_equal(stat(a, SEG_STAT_CUSTOMERS), 0);
    assert_int_equal(stat(a, SEG_STAT_FIRST_DATE), SEG_NONE);
    free(e.data);
    seg_dataset_free(a);
    seg_dataset_free(b);
}

/* A dataset without transactions takes the other's options; two with them must agree. */
static void test_options(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *weekly = NULL, *fresh = NULL, *monthly = NULL;
    size_t c = 0;
    assert_int_equal(seg_dataset_new(&weekly, ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&fresh, ctx), SEG_OK);
    assert_int_equal(seg_dataset_new(&monthly, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(weekly, SEG_DATASET_PERIOD, SEG_PERIOD_WEEK), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, weekly, 1), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(weekly, c, day("2024-05-01"), 100, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, monthly, 1), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(monthly, c, day("2024-05-02"), 100, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_merge(fresh, weekly), SEG_OK);
    int64_t period = 0;
    assert_int_equal(seg_dataset_get_option(&period, fresh, SEG_DATASET_PERIOD), SEG_OK);
    assert_int_equal(period, SEG_PERIOD_WEEK);
    assert_int_equal(seg_dataset_set_option(fresh, SEG_DATASET_PERIOD, SEG_PERIOD_MONTH), SEG_ERR_STATE);
    assert_int_equal(seg_dataset_merge(monthly, weekly), SEG_ERR_STATE);
    assert_non_null(strstr(seg_context_errmsg(ctx), "different options"));
    assert_int_equal(stat(monthly, SEG_STAT_TRANSACTIONS), 1);
    seg_dataset_free(weekly);
    seg_dataset_free(fresh);
    seg_dataset_free(monthly);
}

static seg_dataset *one_customer(seg_context *ctx, const char *id, int64_t amount, int32_t status)
{
    seg_dataset *ds = NULL;
    size_t c = 0;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_str(&c, ds, id, strlen(id)), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-05-01"), amount, "o1", 2, NULL, NULL), SEG_OK);
    if (status != SEG_LIFECYCLE_NONE)
        assert_int_equal(seg_dataset_set_int(ds, c, SEG_FIELD_STATUS, status), SEG_OK);
    return ds;
}

/* A field set on one side is taken, equal values agree, different ones are refused whole. */
static void test_profile_rules(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *a = one_customer(ctx, "K-1", 500, SEG_LIFECYCLE_NONE);
    seg_dataset *b = one_customer(ctx, "K-1", 700, SEG_LIFECYCLE_CHURNED);
    seg_dataset *c = one_customer(ctx, "K-1", 900, SEG_LIFECYCLE_CURRENT);
    int32_t status = 0;
    assert_int_equal(seg_dataset_merge(a, b), SEG_OK);
    assert_int_equal(seg_dataset_get_int(&status, a, 0, SEG_FIELD_STATUS), SEG_OK);
    assert_int_equal(status, SEG_LIFECYCLE_CHURNED);
    assert_int_equal(stat(a, SEG_STAT_NET_AMOUNT), 1200);
    assert_int_equal(stat(a, SEG_STAT_ORDERS), 2); /* "o1" in two parts: two orders, as the contract says */
    assert_int_equal(seg_dataset_merge(a, c), SEG_ERR_STATE);
    assert_non_null(strstr(seg_context_errmsg(ctx), "'K-1' has different values of status"));
    assert_int_equal(stat(a, SEG_STAT_NET_AMOUNT), 1200); /* unchanged */
    assert_int_equal(seg_dataset_merge(a, b), SEG_OK); /* the same status again agrees */
    assert_int_equal(stat(a, SEG_STAT_NET_AMOUNT), 1900);
    seg_dataset_free(a);
    seg_dataset_free(b);
    seg_dataset_free(c);
}

static void test_overflow_leaves_target_unchanged(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *a = one_customer(ctx, "K-2", 1, SEG_LIFECYCLE_NONE);
    seg_dataset *b = one_customer(ctx, "K-1", INT64_MAX - 5, SEG_LIFECYCLE_NONE);
    seg_dataset *c = one_customer(ctx, "K-1", 10, SEG_LIFECYCLE_NONE);
    assert_int_equal(seg_dataset_merge(a, b), SEG_OK);
    assert_int_equal(stat(a, SEG_STAT_CUSTOMERS), 2);
    assert_int_equal(seg_dataset_merge(b, c), SEG_ERR_OVERFLOW);
    assert_int_equal(stat(b, SEG_STAT_NET_AMOUNT), INT64_MAX - 5);
    assert_int_equal(stat(b, SEG_STAT_PERIOD_CELLS), 1);
    assert_int_equal(seg_dataset_merge(c, a), SEG_ERR_OVERFLOW); /* the dataset total */
    assert_int_equal(stat(c, SEG_STAT_CUSTOMERS), 1);
    seg_dataset_free(a);
    seg_dataset_free(b);
    seg_dataset_free(c);
}

static void test_arguments(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *a = one_customer(ctx, "K-1", 100, SEG_LIFECYCLE_NONE);
    size_t needed = 0;
    unsigned char small[16];
    assert_int_equal(seg_dataset_serialize(NULL, 0, NULL, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_serialize(NULL, 5, &needed, a), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_serialize(small, sizeof small, &needed, a), SEG_ERR_BUFFER_TOO_SMALL);
    assert_true(needed > sizeof small);
    assert_int_equal(seg_dataset_merge(NULL, a), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_merge(a, NULL), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_merge(a, a), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_merge_serialized(NULL, small, 1), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_merge_serialized(a, NULL, 3), SEG_ERR_INVALID_ARGUMENT);
    assert_int_equal(seg_dataset_merge_serialized(a, NULL, 0), SEG_ERR_CORRUPT);
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, a, NULL), SEG_OK);
    buffer b = serialize(a);
    assert_int_equal(seg_dataset_merge_serialized(a, b.data, b.len), SEG_ERR_STATE); /* a live result */
    seg_result_free(r);
    assert_int_equal(seg_dataset_merge_serialized(a, b.data, b.len), SEG_OK);
    assert_int_equal(stat(a, SEG_STAT_NET_AMOUNT), 200);
    assert_string_equal(seg_strerror(SEG_ERR_CORRUPT), "corrupted or truncated state");
    free(b.data);
    seg_dataset_free(a);
}

/* Merging bytes must fail with SEG_ERR_CORRUPT and leave the target as it was. */
static void expect_corrupt(seg_context *ctx, seg_dataset *target, const unsigned char *data, size_t len)
{
    int64_t before = stat(target, SEG_STAT_NET_AMOUNT), customers = stat(target, SEG_STAT_CUSTOMERS);
    seg_status st = seg_dataset_merge_serialized(target, data, len);
    if (st != SEG_ERR_CORRUPT)
        fail_msg("status %d (%s) for %zu bytes", (int)st, seg_context_errmsg(ctx), len);
    assert_int_equal(stat(target, SEG_STAT_NET_AMOUNT), before);
    assert_int_equal(stat(target, SEG_STAT_CUSTOMERS), customers);
}

static seg_dataset *small_state(seg_context *ctx)
{
    seg_dataset *ds = one_customer(ctx, "K-1", 1500, SEG_LIFECYCLE_CURRENT);
    size_t c = 0;
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 42), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-06-03"), -200, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-07-03"), 900, "x", 1, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_set_rating(ds, c, "brand", 5, 4), SEG_OK);
    assert_int_equal(seg_dataset_set_attribute(ds, c, "region", 6, "north", 5), SEG_OK);
    assert_int_equal(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, "Ural Steel", 10), SEG_OK);
    return ds;
}

static void test_every_truncation_and_bit_flip(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *src = small_state(ctx), *target = one_customer(ctx, "K-9", 1, SEG_LIFECYCLE_NONE);
    buffer b = serialize(src);
    for (size_t len = 0; len < b.len; len++)
        expect_corrupt(ctx, target, b.data, len);
    for (size_t i = 0; i < b.len; i++)
        for (int bit = 0; bit < 8; bit++) {
            b.data[i] ^= (unsigned char)(1u << bit);
            expect_corrupt(ctx, target, b.data, b.len);
            b.data[i] ^= (unsigned char)(1u << bit);
        }
    unsigned char *longer = malloc(b.len + 1);
    assert_non_null(longer);
    memcpy(longer, b.data, b.len);
    longer[b.len] = 0;
    expect_corrupt(ctx, target, longer, b.len + 1);
    assert_int_equal(seg_dataset_merge_serialized(target, b.data, b.len), SEG_OK);
    assert_int_equal(stat(target, SEG_STAT_CUSTOMERS), 3);
    free(longer);
    free(b.data);
    seg_dataset_free(src);
    seg_dataset_free(target);
}

/* The checksum as the library computes it (little-endian words, mixed). */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

static uint64_t le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void reseal(buffer *b)
{
    size_t len = b->len - 8, i = 0;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    for (; i + 8 <= len; i += 8)
        h = mix64(h ^ le(b->data + i, 8)) + 0x9e3779b97f4a7c15ULL;
    h = mix64(h ^ le(b->data + i, len - i) ^ ((uint64_t)(len - i) << 56));
    for (int k = 0; k < 8; k++)
        b->data[len + (size_t)k] = (unsigned char)(h >> (8 * k));
}

/* Damage with a valid checksum (a bug or a forger, not the wire): still refused. */
static void test_resealed_damage(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *src = small_state(ctx), *target = NULL;
    assert_int_equal(seg_dataset_new(&target, ctx), SEG_OK);
    buffer b = serialize(src);
    buffer copy = {malloc(b.len), b.len};
    assert_non_null(copy.data);
    memcpy(copy.data, b.data, b.len);
    reseal(&copy);
    assert_memory_equal(copy.data, b.data, b.len); /* the test's checksum is the library's */
    size_t rejected = 0;
    for (size_t i = 8; i + 8 < b.len; i++) { /* every byte after the magic set to 0xff */
        memcpy(copy.data, b.data, b.len);
        if (copy.data[i] == 0xff)
            continue;
        copy.data[i] = 0xff;
        reseal(&copy);
        seg_status st = seg_dataset_merge_serialized(target, copy.data, copy.len);
        if (st == SEG_OK) { /* a value that is still valid (a name byte, an amount) */
            seg_dataset_free(target);
            assert_int_equal(seg_dataset_new(&target, ctx), SEG_OK);
            continue;
        }
        assert_int_equal(st, SEG_ERR_CORRUPT);
        assert_int_equal(stat(target, SEG_STAT_CUSTOMERS), 0);
        rejected++;
    }
    assert_true(rejected > b.len / 2);
    memcpy(copy.data, b.data, b.len);
    copy.data[8] = 2; /* format version 2 */
    reseal(&copy);
    assert_int_equal(seg_dataset_merge_serialized(target, copy.data, copy.len), SEG_ERR_CORRUPT);
    assert_non_null(strstr(seg_context_errmsg(ctx), "format version 2"));
    free(copy.data);
    free(b.data);
    seg_dataset_free(src);
    seg_dataset_free(target);
}

/* The format is fixed: a known state has known bytes on every machine. */
static void test_format_is_little_endian(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *ds = NULL;
    size_t c = 0;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c, ds, 0x0102030405060708LL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c, day("2024-01-31"), 0x1234, NULL, 0, NULL, NULL), SEG_OK);
    buffer b = serialize(ds);
    assert_memory_equal(b.data, "SEGSTATE\x01\0\0\0\0\0\0\0", 16);
    const unsigned char id[] = {0, 8, 7, 6, 5, 4, 3, 2, 1, 0x34, 0x12, 0, 0, 0, 0, 0, 0};
    assert_int_equal(b.data[79], 1); /* one customer */
    assert_memory_equal(b.data + 83, id, sizeof id);
    assert_int_equal(b.len, 79 + 4 + 57 + 4 + 64 + 4 + 8);
    free(b.data);
    seg_dataset_free(ds);
}

/* Serialise, restore into a new dataset, serialise again: the same state. */
static void expect_round_trip(seg_context *ctx, seg_dataset *ds)
{
    seg_dataset *back = NULL;
    buffer b = serialize(ds);
    assert_int_equal(seg_dataset_new(&back, ctx), SEG_OK);
    assert_int_equal(seg_dataset_merge_serialized(back, b.data, b.len), SEG_OK);
    expect_same_stats(ds, back);
    buffer again = serialize(back);
    assert_int_equal(again.len, b.len);
    assert_memory_equal(again.data, b.data, b.len);
    free(again.data);
    free(b.data);
    seg_dataset_free(back);
}

/* Totals that net out near the int64 limit. The loader folds rows in their
 * order, the reader sums cells and customers in its own: a partial sum there
 * may overflow though every total fits, and the state is still valid. */
static void test_netting_totals_round_trip(void **state)
{
    seg_context *ctx = *state;
    const int64_t big = INT64_C(9000000000000000000);
    seg_dataset *ds = NULL;
    size_t c[3];
    /* Customers 1 and 2 hold +big each, customer 3 -big, folded first. */
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    for (int k = 0; k < 3; k++)
        assert_int_equal(seg_dataset_customer_i64(&c[k], ds, k + 1), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[2], 19000, -big, NULL, 0, &big, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19100, big, NULL, 0, &big, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[1], 19200, big, NULL, 0, &big, NULL), SEG_OK);
    expect_round_trip(ctx, ds);
    seg_dataset_free(ds);
    /* One customer whose months hold +big, +big, -big: its total is +big. */
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_customer_i64(&c[0], ds, 1), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19000, 1, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19040, 1, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19080, -big, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19001, big - 1, NULL, 0, NULL, NULL), SEG_OK);
    assert_int_equal(seg_dataset_add_transaction(ds, c[0], 19041, big - 1, NULL, 0, NULL, NULL), SEG_OK);
    expect_round_trip(ctx, ds);
    seg_dataset_free(ds);
}

/* Counters a forger can set: orders above the purchase rows are refused; rows
 * after the as-of date near the int64 limit merge once, and a second time
 * overflow (SEG_ERR_OVERFLOW), leaving the target unchanged. */
static void test_forged_counters(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *src = small_state(ctx), *target = NULL;
    const size_t ignored_at = 8 + 4 + 4 + 3 + 4 + 8, orders_at = ignored_at + 8 * 4;
    buffer b = serialize(src);
    assert_int_equal(seg_dataset_new(&target, ctx), SEG_OK);
    for (int k = 0; k < 8; k++)
        b.data[orders_at + (size_t)k] = k == 7 ? 0x7f : 0xff;
    reseal(&b);
    expect_corrupt(ctx, target, b.data, b.len);
    free(b.data);
    b = serialize(src);
    for (int k = 0; k < 8; k++)
        b.data[ignored_at + (size_t)k] = k == 7 ? 0x7f : 0xff;
    reseal(&b);
    assert_int_equal(seg_dataset_merge_serialized(target, b.data, b.len), SEG_OK);
    assert_int_equal(stat(target, SEG_STAT_IGNORED_AFTER_AS_OF), INT64_MAX);
    int64_t rows = stat(target, SEG_STAT_TRANSACTIONS);
    assert_int_equal(seg_dataset_merge_serialized(target, b.data, b.len), SEG_ERR_OVERFLOW);
    assert_int_equal(stat(target, SEG_STAT_TRANSACTIONS), rows);
    assert_int_equal(stat(target, SEG_STAT_IGNORED_AFTER_AS_OF), INT64_MAX);
    free(b.data);
    seg_dataset_free(src);
    seg_dataset_free(target);
}

/* A state claiming no transactions takes none of its options when merged into an
 * empty dataset: totals or period cells in it would be read in the wrong period. */
static void test_forged_no_transactions(void **state)
{
    seg_context *ctx = *state;
    seg_dataset *src = small_state(ctx), *target = NULL;
    buffer b = serialize(src);
    assert_int_equal(seg_dataset_new(&target, ctx), SEG_OK);
    b.data[16] = 0; /* has-transactions */
    reseal(&b);
    expect_corrupt(ctx, target, b.data, b.len);
    free(b.data);
    seg_dataset_free(src);
    seg_dataset_free(target);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_merge_parts_by_customer, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_merge_parts_by_order, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_empty_merges, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_options, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_profile_rules, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_overflow_leaves_target_unchanged, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_arguments, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_every_truncation_and_bit_flip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_resealed_damage, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_format_is_little_endian, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_netting_totals_round_trip, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_forged_counters, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_forged_no_transactions, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
