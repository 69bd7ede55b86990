/* Real data: the CDNOW sample loaded through the bulk API (ids as text, amounts
 * as decimal text) and checked against Fader & Hardie's published summary. */
#include "test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define ROWS 6919
#define CUSTOMERS 2357

typedef struct cdnow {
    char ids[ROWS * 5], amounts[ROWS * 12];
    int64_t id_off[ROWS + 1], amount_off[ROWS + 1], quantity[ROWS], cents[ROWS];
    int32_t date[ROWS];
    int sample_id[ROWS];
} cdnow;

/* master_id,sample_id,YYYYMMDD,cds,dollars — a plain file, no quoting. */
static void read_cdnow(cdnow *d)
{
    FILE *fp = open_test_data("cdnow_sample.csv");
    char line[128], master[16], sample[16], dollars[16];
    int ymd, cds, n = 0;
    int64_t ip = 0, ap = 0;
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%15[^,],%15[^,],%d,%d,%15s", master, sample, &ymd, &cds, dollars), 5);
        assert_true(n < ROWS);
        memcpy(d->ids + ip, sample, 4);
        d->id_off[n] = ip;
        ip += 4;
        size_t len = strlen(dollars);
        memcpy(d->amounts + ap, dollars, len);
        d->amount_off[n] = ap;
        ap += (int64_t)len;
        assert_int_equal(seg_date_from_ymd(&d->date[n], ymd / 10000, ymd / 100 % 100, ymd % 100), SEG_OK);
        d->quantity[n] = cds;
        d->sample_id[n] = atoi(sample);
        char *dot = strchr(dollars, '.');
        d->cents[n] = atoll(dollars) * 100 + (dot ? atoll(dot + 1) : 0); /* always 2 decimals here */
        n++;
    }
    d->id_off[n] = ip;
    d->amount_off[n] = ap;
    assert_int_equal(n, ROWS);
    fclose(fp);
}

static seg_dataset *load(seg_context *ctx, const cdnow *d, int32_t as_of)
{
    seg_dataset *ds = NULL;
    seg_batch *b = NULL;
    size_t n = 0;
    assert_int_equal(seg_dataset_new(&ds, ctx), SEG_OK);
    assert_int_equal(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, as_of), SEG_OK);
    assert_int_equal(seg_batch_new(&b, ctx), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, d->ids, d->id_off), SEG_OK);
    assert_int_equal(seg_batch_bind_i32(b, SEG_FIELD_DATE, d->date), SEG_OK);
    assert_int_equal(seg_batch_bind_str(b, SEG_FIELD_AMOUNT, d->amounts, d->amount_off), SEG_OK);
    assert_int_equal(seg_batch_bind_i64(b, SEG_FIELD_QUANTITY, d->quantity), SEG_OK);
    assert_int_equal(seg_dataset_add_transactions(ds, b, ROWS, &n), SEG_OK);
    assert_int_equal(n, ROWS);
    seg_batch_free(b);
    return ds;
}

static void totals_are_exact(void **state)
{
    static cdnow d;
    seg_context *ctx = *state;
    read_cdnow(&d);
    seg_dataset *ds = load(ctx, &d, SEG_NONE);
    int64_t net = 0, qty = 0, v;
    for (int i = 0; i < ROWS; i++)
        net += d.cents[i], qty += d.quantity[i];
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_NET_AMOUNT), SEG_OK);
    assert_int_equal(v, net);
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_CUSTOMERS), SEG_OK);
    assert_int_equal(v, CUSTOMERS);
    assert_int_equal(seg_dataset_stat(&v, ds, SEG_STAT_LAST_DATE), SEG_OK);
    assert_int_equal(v, day("1998-06-30"));
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    int64_t *q = malloc(CUSTOMERS * sizeof *q);
    assert_int_equal(seg_result_copy_i64(q, NULL, r, SEG_COL_QUANTITY, 0, CUSTOMERS), SEG_OK);
    int64_t sum = 0;
    for (int i = 0; i < CUSTOMERS; i++)
        sum += q[i];
    assert_int_equal(sum, qty);
    free(q);
    seg_result_free(r);
    seg_dataset_free(ds);
}

/* Days in the calibration window on which customer s bought only for $0:
 * Hardie counts them as transaction days, libsegment (amount > 0) does not. */
static int zero_only_days(const cdnow *d, int s, int32_t as_of)
{
    int count = 0;
    for (int i = 0; i < ROWS; i++) {
        if (d->sample_id[i] != s || d->cents[i] != 0 || d->date[i] > as_of)
            continue;
        int paid = 0;
        for (int j = 0; j < ROWS; j++)
            paid |= d->sample_id[j] == s && d->date[j] == d->date[i] && d->cents[j] > 0;
        count += !paid;
    }
    return count;
}

static void calibration_matches_hardie(void **state)
{
    static cdnow d;
    seg_context *ctx = *state;
    int32_t as_of = day("1997-09-30");
    read_cdnow(&d);
    seg_dataset *ds = load(ctx, &d, as_of);
    seg_result *r = NULL;
    assert_int_equal(seg_analyze(&r, ds, NULL), SEG_OK);
    FILE *fp = open_test_data("cdnow_hardie_calib39w.csv");
    char line[128], id[8];
    int checked = 0, adjusted = 0, x;
    double t_x, T, zbar;
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%d,%d,%lf,%lf,%lf", &x, &x, &t_x, &T, &zbar), 5);
        int s = atoi(line);
        size_t c;
        snprintf(id, sizeof id, "%04d", s);
        assert_int_equal(seg_dataset_find_str(&c, ds, id, 4), SEG_OK);
        int zero = zero_only_days(&d, s, as_of);
        adjusted += zero > 0;
        assert_int_equal(col_i64(r, SEG_COL_PURCHASE_DAYS, c, NULL) - 1 + zero, x);
        if (!zero) { /* Hardie measures from the first row, $0 or not */
            assert_true(fabs(round((double)col_i64(r, SEG_COL_TENURE_DAYS, c, NULL) / 7.0 * 100) / 100 - T) < 1e-9);
            int64_t span = col_i64(r, SEG_COL_LAST_PURCHASE, c, NULL) - col_i64(r, SEG_COL_FIRST_PURCHASE, c, NULL);
            assert_true(fabs(round((double)span / 7.0 * 100) / 100 - t_x) < 1e-9);
        }
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, CUSTOMERS);
    assert_int_equal(adjusted, 8); /* the sample's 8 rows of $0 (data README), each a customer's first day */
    seg_result_free(r);
    seg_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(totals_are_exact),
        cmocka_unit_test(calibration_matches_hardie),
    };
    return cmocka_run_group_tests_name("cdnow", tests, ctx_setup, ctx_teardown);
}
