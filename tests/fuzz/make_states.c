/* Seed generator for fuzz_state: writes serialised states of a few small datasets to DIR/<name>
 * (byte 0 = 0) and DIR/<name>_resealed (byte 0 = 1: mutants get a valid checksum). Usage: make_states DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsegment/segment.h>

/* Stop on a failed call: a seed generator has nothing better to do. */
static void ok(seg_status st, const char *what)
{
    if (st != SEG_OK) {
        fprintf(stderr, "make_states: %s: %s\n", what, seg_strerror(st));
        exit(1);
    }
}

static void save_as(const char *dir, const char *name, const seg_dataset *ds, unsigned char mode)
{
    size_t len = 0;
    seg_dataset_serialize(NULL, 0, &len, ds);
    unsigned char *buf = malloc(len + 1);
    if (!buf)
        exit(1);
    buf[0] = mode;
    ok(seg_dataset_serialize(buf + 1, len, NULL, ds), name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len + 1, f) != len + 1 || fclose(f) != 0) {
        fprintf(stderr, "make_states: cannot write %s\n", path);
        exit(1);
    }
    free(buf);
}

static void save(const char *dir, const char *name, const seg_dataset *ds)
{
    char resealed[256];
    snprintf(resealed, sizeof resealed, "%s_resealed", name);
    save_as(dir, name, ds, 0);
    save_as(dir, resealed, ds, 1);
}

/* Integer ids, purchases and a refund over three months, order ids, margins, quantities. */
static void ints(seg_dataset *ds)
{
    int64_t margin = 30, qty = 2;
    for (int64_t id = 1; id <= 4; id++) {
        size_t c = 0;
        ok(seg_dataset_customer_i64(&c, ds, id * 1000), "customer");
        for (int k = 0; k < (int)id; k++)
            ok(seg_dataset_add_transaction(ds, c, 19723 + 31 * k, 1000 * id + k, "O", 1, &margin, &qty), "tx");
    }
    size_t c = 0;
    ok(seg_dataset_customer_i64(&c, ds, 1000), "customer");
    ok(seg_dataset_add_transaction(ds, c, 19800, -500, NULL, 0, NULL, NULL), "refund");
}

/* String ids and the whole profile: fields, name, ratings, attributes, a refused lead. */
static void profile(seg_dataset *ds)
{
    size_t a = 0, b = 0, l = 0;
    ok(seg_dataset_customer_str(&a, ds, "K-00001", 7), "a");
    ok(seg_dataset_customer_str(&b, ds, "ООО Альфа", strlen("ООО Альфа")), "b");
    ok(seg_dataset_customer_str(&l, ds, "lead", 4), "lead");
    ok(seg_dataset_add_transaction(ds, a, 19000, 123456, "S-1", 3, NULL, NULL), "tx");
    ok(seg_dataset_add_transaction(ds, b, 19400, 99, NULL, 0, NULL, NULL), "tx");
    ok(seg_dataset_set_str(ds, a, SEG_FIELD_NAME, "Acme, Inc", 9), "name");
    ok(seg_dataset_set_int(ds, a, SEG_FIELD_STATUS, SEG_LIFECYCLE_CURRENT), "status");
    ok(seg_dataset_set_int(ds, l, SEG_FIELD_LEAD_DATE, 18000), "lead date");
    ok(seg_dataset_set_int(ds, l, SEG_FIELD_LEAD_CLOSED, 1), "closed");
    ok(seg_dataset_set_int(ds, l, SEG_FIELD_COMPETITOR_DEADLINE, 20000), "deadline");
    ok(seg_dataset_set_int(ds, b, SEG_FIELD_ACTIVITY, 80), "activity");
    ok(seg_dataset_set_int(ds, b, SEG_FIELD_CHURN_DATE, 19500), "churn");
    ok(seg_dataset_set_rating(ds, l, "brand", 5, 4), "rating");
    ok(seg_dataset_set_rating(ds, l, "deal", 4, 2), "rating");
    ok(seg_dataset_set_attribute(ds, a, "region", 6, "North", 5), "attr");
    ok(seg_dataset_set_attribute(ds, l, "region", 6, "Юг", strlen("Юг")), "attr");
}

/* Totals near the int64 limit that net out: customers 1 and 2 each +9e18, customer 3
 * -9e18 (folded first); the dataset's net fits, customer 1 + customer 2 does not. */
static void netting(seg_dataset *ds)
{
    const int64_t big = INT64_C(9000000000000000000);
    size_t c[3];
    for (int k = 0; k < 3; k++)
        ok(seg_dataset_customer_i64(&c[k], ds, k + 1), "customer");
    ok(seg_dataset_add_transaction(ds, c[2], 19000, -big, NULL, 0, &big, NULL), "tx");
    ok(seg_dataset_add_transaction(ds, c[0], 19100, big, NULL, 0, &big, NULL), "tx");
    ok(seg_dataset_add_transaction(ds, c[1], 19200, big, NULL, 0, &big, NULL), "tx");
    ok(seg_dataset_add_transaction(ds, c[0], 19101, -big, NULL, 0, NULL, NULL), "tx");
    ok(seg_dataset_add_transaction(ds, c[0], 19130, big, NULL, 0, NULL, NULL), "tx");
}

int main(int argc, char **argv)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    ok(seg_context_new(&ctx), "context");
    ok(seg_dataset_new(&ds, ctx), "dataset");
    save(argv[1], "state_empty", ds);
    ints(ds);
    save(argv[1], "state_ints", ds);
    seg_dataset_free(ds);
    ok(seg_dataset_new(&ds, ctx), "dataset");
    profile(ds);
    save(argv[1], "state_profile", ds);
    seg_dataset_free(ds);
    ok(seg_dataset_new(&ds, ctx), "dataset");
    ok(seg_dataset_set_option(ds, SEG_DATASET_SCALE, 0), "scale");
    ok(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, SEG_PERIOD_DAY), "period");
    ok(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, 19750), "as-of");
    ints(ds);
    save(argv[1], "state_days_asof", ds);
    seg_dataset_free(ds);
    ok(seg_dataset_new(&ds, ctx), "dataset");
    ok(seg_dataset_set_option(ds, SEG_DATASET_PERIOD, SEG_PERIOD_WEEK), "period");
    ints(ds);
    profile(ds);
    save(argv[1], "state_weeks_mixed", ds);
    seg_dataset_free(ds);
    ok(seg_dataset_new(&ds, ctx), "dataset");
    netting(ds);
    save(argv[1], "state_netting", ds);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return 0;
}
