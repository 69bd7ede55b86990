/* Fuzz target: seg_dataset_merge_serialized() on raw bytes, into an empty and a non-empty
 * dataset; byte 0 bit 0 reseals the checksum so the checks behind it are reached. */
#include <string.h>

#include "fuzz_common.h"
#include "util/bytes.h"

typedef struct blob {
    unsigned char *data;
    size_t len;
} blob;

/* The dataset's state as bytes; the caller frees data. */
static blob serialize(const seg_dataset *ds)
{
    blob b = {NULL, 0};
    size_t needed = 0;
    FUZZ_CHECK(seg_dataset_serialize(NULL, 0, &needed, ds) == SEG_ERR_BUFFER_TOO_SMALL && needed > 16);
    FUZZ_CHECK((b.data = malloc(needed)) != NULL);
    FUZZ_CHECK(seg_dataset_serialize(b.data, needed, &b.len, ds) == SEG_OK && b.len == needed);
    if (needed > 1) /* one byte short: refused, nothing written */
        FUZZ_CHECK(seg_dataset_serialize(b.data, needed - 1, NULL, ds) == SEG_ERR_BUFFER_TOO_SMALL);
    return b;
}

/* A small dataset with transactions, a profile, ratings and attributes (scale 2, months). */
static seg_dataset *populated(seg_context *ctx)
{
    seg_dataset *ds = NULL;
    size_t a = 0, b = 0;
    int64_t margin = 120, qty = 3;
    FUZZ_CHECK(seg_dataset_new(&ds, ctx) == SEG_OK);
    FUZZ_CHECK(seg_dataset_customer_i64(&a, ds, 1) == SEG_OK);
    FUZZ_CHECK(seg_dataset_customer_str(&b, ds, "K-1", 3) == SEG_OK);
    FUZZ_CHECK(seg_dataset_add_transaction(ds, a, 19700, 1050, "O1", 2, &margin, &qty) == SEG_OK);
    FUZZ_CHECK(seg_dataset_add_transaction(ds, a, 19760, -200, NULL, 0, NULL, NULL) == SEG_OK);
    FUZZ_CHECK(seg_dataset_add_transaction(ds, b, 19705, 99999, "O2", 2, NULL, &qty) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_int(ds, b, SEG_FIELD_LEAD_DATE, 19000) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_str(ds, a, SEG_FIELD_NAME, "Acme", 4) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_rating(ds, b, "brand", 5, 4) == SEG_OK);
    FUZZ_CHECK(seg_dataset_set_attribute(ds, a, "region", 6, "North", 5) == SEG_OK);
    return ds;
}

/* Analyse and write the table as CSV; returns the bytes written (0 if analysis failed). */
static size_t analyse(seg_dataset *ds)
{
    seg_result *res = NULL;
    size_t bytes = 0;
    seg_status st = seg_analyze(&res, ds, NULL);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK)
        return 0;
    FUZZ_CHECK(seg_result_write(res, SEG_OUTPUT_TABLE, SEG_FORMAT_CSV, fuzz_discard, &bytes) == SEG_OK);
    FUZZ_CHECK(seg_result_write(res, SEG_OUTPUT_SUMMARY, SEG_FORMAT_JSON, fuzz_discard, NULL) == SEG_OK);
    seg_result_free(res);
    return bytes;
}

/* Merge into a dataset: on failure it must be exactly as before (all or nothing). */
static seg_status merge_checked(seg_context *ctx, seg_dataset *ds, const unsigned char *buf, size_t len)
{
    blob before = serialize(ds);
    seg_status st = seg_dataset_merge_serialized(ds, buf, len);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK) {
        FUZZ_CHECK(seg_context_errcode(ctx) == st && seg_context_errmsg(ctx)[0] != '\0');
        blob after = serialize(ds);
        FUZZ_CHECK(after.len == before.len && memcmp(after.data, before.data, before.len) == 0);
        free(after.data);
    }
    free(before.data);
    return st;
}

/* A restored state survives another round: serialise, restore, serialise gives the same bytes. */
static void check_round_trip(seg_context *ctx, seg_dataset *restored)
{
    blob once = serialize(restored);
    seg_dataset *again = NULL;
    FUZZ_CHECK(seg_dataset_new(&again, ctx) == SEG_OK);
    seg_status st = seg_dataset_merge_serialized(again, once.data, once.len);
    if (st != SEG_OK)
        fprintf(stderr, "re-merge: %s\n", seg_context_errmsg(ctx));
    FUZZ_CHECK(st == SEG_OK);
    blob twice = serialize(again);
    FUZZ_CHECK(twice.len == once.len && memcmp(twice.data, once.data, once.len) == 0);
    FUZZ_CHECK(analyse(again) == analyse(restored));
    free(once.data);
    free(twice.data);
    seg_dataset_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t len = size - 1;
    unsigned char *buf = malloc(len ? len : 1);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, data + 1, len);
    if ((data[0] & 1) && len >= 8) { /* a forger's checksum: valid, so validation goes on */
        uint64_t h = seg__checksum(buf, len - 8);
        for (int k = 0; k < 8; k++)
            buf[len - 8 + (size_t)k] = (unsigned char)(h >> (8 * k));
    }
    seg_context *ctx = NULL;
    seg_dataset *empty = NULL, *full = NULL;
    FUZZ_CHECK(seg_context_new(&ctx) == SEG_OK);
    FUZZ_CHECK(seg_dataset_new(&empty, ctx) == SEG_OK);
    full = populated(ctx);
    if (merge_checked(ctx, empty, len ? buf : NULL, len) == SEG_OK) {
        analyse(empty);
        check_round_trip(ctx, empty);
    }
    if (merge_checked(ctx, full, len ? buf : NULL, len) == SEG_OK) {
        check_round_trip(ctx, full);
        if (merge_checked(ctx, full, buf, len) == SEG_OK) /* twice: the counters add up again */
            check_round_trip(ctx, full);
    }
    seg_dataset_free(empty);
    seg_dataset_free(full);
    seg_context_free(ctx);
    free(buf);
    return 0;
}
