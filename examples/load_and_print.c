/* Example: declare customers and load order lines through the bulk API, then
 * print what the dataset holds, per customer, from a result. */
#include <stdio.h>
#include <string.h>

#include <libsegment/segment.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Order lines as a CRM exports them: amounts are decimal text, never floats. */
static const char *const line_customer[] = {"ACME", "ACME", "ACME", "Globex", "Globex", "Initech",
                                            "ACME", "Umbrella", "Globex", "Initech", "Hooli", "ACME"};
static const char *const line_date[] = {"2024-01-15", "2024-01-15", "2024-03-02", "2024-02-10",
                                        "2024-05-20", "2024-04-01", "2024-06-30", "2024-06-01",
                                        "2024-06-25", "2024-04-03", "2024-06-29 17:45", "2024-07-02"};
static const char *const line_order[] = {"SO-1001", "SO-1001", "SO-1010", "SO-1004", "SO-1030", "SO-1020",
                                         "SO-1044", "SO-1040", "SO-1043", "RMA-7", "SO-1045", ""};
static const char *const line_amount[] = {"12500.00", "480.50", "9900", "3100.10", "2900.00", "150000.00",
                                          "7300.25", "640.00", "3050.00", "-150000.00", "99.99", "-480.50"};

/* Pack NUL-terminated strings into Arrow-style bytes + n+1 offsets. */
static void pack(char *buf, int64_t *off, const char *const *s, size_t n)
{
    off[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(s[i]);
        memcpy(buf + off[i], s[i], len);
        off[i + 1] = off[i] + (int64_t)len;
    }
}

static int fail(seg_context *ctx, const char *what)
{
    fprintf(stderr, "%s: %s\n", what, seg_context_errmsg(ctx));
    return 1;
}

static int load_customers(seg_context *ctx, seg_dataset *ds)
{
    static const char *const ids[] = {"ACME", "Globex", "Initech", "Umbrella", "Hooli", "Stark"};
    static const char *const names[] = {"ACME Corp.", "Globex LLC", "Initech", "Umbrella plc",
                                        "Hooli Inc.", "Stark Industries"};
    int32_t lead_closed[] = {SEG_NONE, SEG_NONE, SEG_NONE, SEG_NONE, SEG_NONE, 1};
    int32_t brand[] = {SEG_NONE, SEG_NONE, SEG_NONE, SEG_NONE, SEG_NONE, 4};
    char idbuf[64], namebuf[128];
    int64_t idoff[COUNT(ids) + 1], nameoff[COUNT(ids) + 1];
    seg_batch *b = NULL;
    pack(idbuf, idoff, ids, COUNT(ids));
    pack(namebuf, nameoff, names, COUNT(ids));
    if (seg_batch_new(&b, ctx) != SEG_OK)
        return fail(ctx, "batch");
    seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, idbuf, idoff);
    seg_batch_bind_str(b, SEG_FIELD_NAME, namebuf, nameoff);
    seg_batch_bind_i32(b, SEG_FIELD_LEAD_CLOSED, lead_closed);
    seg_batch_bind_rating(b, "brand", 5, brand);
    seg_status st = seg_dataset_add_customers(ds, b, COUNT(ids), NULL);
    seg_batch_free(b);
    return st == SEG_OK ? 0 : fail(ctx, "customers");
}

static int load_lines(seg_context *ctx, seg_dataset *ds)
{
    char cbuf[256], dbuf[256], obuf[256], abuf[256];
    int64_t coff[COUNT(line_date) + 1], doff[COUNT(line_date) + 1], ooff[COUNT(line_date) + 1],
        aoff[COUNT(line_date) + 1];
    seg_batch *b = NULL;
    size_t loaded = 0;
    pack(cbuf, coff, line_customer, COUNT(line_date));
    pack(dbuf, doff, line_date, COUNT(line_date));
    pack(obuf, ooff, line_order, COUNT(line_date));
    pack(abuf, aoff, line_amount, COUNT(line_date));
    if (seg_batch_new(&b, ctx) != SEG_OK)
        return fail(ctx, "batch");
    seg_batch_bind_str(b, SEG_FIELD_CUSTOMER_ID, cbuf, coff);
    seg_batch_bind_str(b, SEG_FIELD_DATE, dbuf, doff);
    seg_batch_bind_str(b, SEG_FIELD_ORDER_ID, obuf, ooff);
    seg_batch_bind_str(b, SEG_FIELD_AMOUNT, abuf, aoff);
    seg_status st = seg_dataset_add_transactions(ds, b, COUNT(line_date), &loaded);
    seg_batch_free(b);
    return st == SEG_OK ? 0 : fail(ctx, "order lines");
}

static void print_money(int64_t amount, int scale, int width)
{
    char buf[32];
    seg_money_format(buf, sizeof buf, amount, scale);
    printf("%*s", width, buf);
}

static void print_date(int64_t date, int valid)
{
    char buf[16] = "-";
    if (valid)
        seg_date_format(buf, sizeof buf, (int32_t)date);
    printf("  %-10s", buf);
}

static void print_customers(const seg_result *r)
{
    enum { NCOL = 5 };
    const seg_column cols[NCOL] = {SEG_COL_LAST_PURCHASE, SEG_COL_RECENCY_DAYS, SEG_COL_ORDERS,
                                   SEG_COL_PURCHASE_DAYS, SEG_COL_NET_AMOUNT};
    const seg_dataset *ds = seg_result_dataset(r);
    int64_t scale = 2;
    seg_result_summary_i64(&scale, r, SEG_SUM_SCALE);
    printf("%-10s %-18s %-10s %8s %7s %5s %12s\n", "customer", "name", "last buy", "recency", "orders",
           "days", "net");
    for (size_t i = 0; i < seg_result_rows(r); i++) {
        seg_id_kind kind;
        const char *id = NULL, *name = NULL;
        int64_t v[NCOL];
        uint8_t ok[NCOL];
        seg_dataset_customer_id(&kind, NULL, &id, NULL, ds, i);
        seg_dataset_get_str(&name, NULL, ds, i, SEG_FIELD_NAME);
        for (int c = 0; c < NCOL; c++)
            seg_result_copy_i64(&v[c], &ok[c], r, cols[c], i, 1);
        printf("%-10s %-18s", id, name ? name : "");
        print_date(v[0], ok[0]);
        if (ok[1])
            printf(" %7lld", (long long)v[1]);
        else
            printf(" %7s", "-");
        printf(" %7lld %5lld", (long long)v[2], (long long)v[3]);
        print_money(v[4], (int)scale, 13);
        printf("\n");
    }
}

static void print_summary(const seg_dataset *ds, const seg_result *r)
{
    int64_t customers, buyers, rows, orders, net, as_of, scale, bytes;
    char date[16];
    seg_result_summary_i64(&customers, r, SEG_SUM_CUSTOMERS);
    seg_result_summary_i64(&buyers, r, SEG_SUM_BUYERS);
    seg_result_summary_i64(&net, r, SEG_SUM_NET_AMOUNT);
    seg_result_summary_i64(&as_of, r, SEG_SUM_AS_OF);
    seg_result_summary_i64(&scale, r, SEG_SUM_SCALE);
    seg_dataset_stat(&rows, ds, SEG_STAT_TRANSACTIONS);
    seg_dataset_stat(&orders, ds, SEG_STAT_ORDERS);
    seg_dataset_stat(&bytes, ds, SEG_STAT_MEMORY_BYTES);
    seg_date_format(date, sizeof date, (int32_t)as_of);
    printf("\nlibsegment %s: %lld customers (%lld bought), %lld order lines in %lld orders, as of %s\n",
           seg_version_string(), (long long)customers, (long long)buyers, (long long)rows,
           (long long)orders, date);
    printf("net revenue ");
    print_money(net, (int)scale, 0);
    printf(", folded state %.0f KiB\n", (double)bytes / 1024); /* the size of the folded state, not of the rows */
}

int main(void)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    int rc = 1;
    if (seg_context_new(&ctx) != SEG_OK)
        return 1;
    if (seg_dataset_new(&ds, ctx) != SEG_OK)
        goto out;
    if (load_customers(ctx, ds) || load_lines(ctx, ds))
        goto out;
    if (seg_analyze(&r, ds, NULL) != SEG_OK) {
        fail(ctx, "analyze");
        goto out;
    }
    print_customers(r);
    print_summary(ds, r);
    rc = 0;
out:
    seg_result_free(r);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return rc;
}
