/* Example: a small B2B customer base built with one-record calls, every
 * analysis run with default parameters, and the answers a sales team reads. */
#include <stdio.h>
#include <string.h>

#include <libsegment/segment.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Buyers: id, months between orders, order size in roubles, months since the last order. */
static const struct buyer {
    const char *id;
    int every, size, silent;
} buyers[] = {
    {"Alfa Steel", 1, 120000, 0},  {"Baltic Foods", 1, 45000, 0}, {"Volga Trade", 2, 80000, 1},
    {"Gamma Build", 3, 30000, 2},  {"Delta Print", 1, 9000, 0},   {"Sever Oil", 4, 250000, 9},
    {"Omega Tools", 6, 15000, 14}, {"Ural Paper", 12, 5000, 3},
};

/* Refused leads with the manager's ratings (brand, deal, closeness) and the competitor's deadline. */
static const struct lead {
    const char *id, *deadline;
    int brand, deal, closeness;
} leads[] = {
    {"Kama Logistics", "2025-03-20", 5, 4, 3},
    {"Neva Pharma", "2025-01-10", 4, 4, 3},
    {"Oka Textile", NULL, 2, 5, 0}, /* closeness not rated */
};

static int check(seg_context *ctx, seg_status st, const char *what)
{
    if (st != SEG_OK)
        fprintf(stderr, "%s: %s\n", what, seg_context_errmsg(ctx));
    return st != SEG_OK;
}

static int32_t date(const char *iso)
{
    int32_t d = 0;
    seg_date_parse(&d, NULL, iso, strlen(iso));
    return d;
}

/* Two years of orders up to 2024-12-31, about one every `every` months. */
static int load_buyer(seg_context *ctx, seg_dataset *ds, const struct buyer *b)
{
    size_t c;
    if (check(ctx, seg_dataset_customer_str(&c, ds, b->id, strlen(b->id)), "customer"))
        return 1;
    for (int month = 0; month < 24 - b->silent; month += b->every) {
        int32_t day = 0;
        int64_t amount = (int64_t)b->size * (90 + (month * 7 + (int)strlen(b->id)) % 21); /* kopecks */
        char order[32];
        int len = snprintf(order, sizeof order, "%.4s-%02d", b->id, month);
        seg_date_from_ymd(&day, 2023 + month / 12, 1 + month % 12, 5 + (int)strlen(b->id) % 20);
        if (check(ctx, seg_dataset_add_transaction(ds, c, day, amount, order, (size_t)len, NULL, NULL), "order"))
            return 1;
    }
    return 0;
}

static int load_lead(seg_context *ctx, seg_dataset *ds, const struct lead *l)
{
    const char *names[3] = {"brand", "deal", "closeness"};
    const int values[3] = {l->brand, l->deal, l->closeness};
    size_t c;
    if (check(ctx, seg_dataset_customer_str(&c, ds, l->id, strlen(l->id)), "lead") ||
        check(ctx, seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, 1), "lead_closed"))
        return 1;
    if (l->deadline && check(ctx, seg_dataset_set_int(ds, c, SEG_FIELD_COMPETITOR_DEADLINE, date(l->deadline)), "deadline"))
        return 1;
    for (int i = 0; i < 3; i++)
        if (values[i] && check(ctx, seg_dataset_set_rating(ds, c, names[i], strlen(names[i]), values[i]), "rating"))
            return 1;
    return 0;
}

static const char *text_of(const seg_result *r, seg_column col, size_t row, const char *const *words, size_t n)
{
    int64_t v = 0;
    uint8_t ok = 0;
    seg_result_copy_i64(&v, &ok, r, col, row, 1);
    return ok && v >= 0 && (size_t)v < n ? words[v] : "-";
}

static void print_customers(const seg_result *r, const seg_dataset *ds)
{
    static const char *const stages[] = {"", "current", "prospect", "refused", "churned"};
    static const char *const abc[] = {"", "A", "B", "C"}, *const xyz[] = {"", "X", "Y", "Z", "-", "-"};
    printf("%-15s %-9s %-4s %-19s %-3s %-3s %s\n", "customer", "stage", "RFM", "segment", "ABC", "XYZ", "renew");
    for (size_t i = 0; i < seg_result_rows(r); i++) {
        const char *id = NULL;
        seg_id_kind kind;
        int64_t code = 0, segment = 0;
        uint8_t has_code = 0, has_segment = 0, has_renew = 0;
        double renew = 0;
        char rfm[8] = "-";
        seg_dataset_customer_id(&kind, NULL, &id, NULL, ds, i);
        seg_result_copy_i64(&code, &has_code, r, SEG_COL_RFM, i, 1);
        seg_result_copy_i64(&segment, &has_segment, r, SEG_COL_RFM_SEGMENT, i, 1);
        seg_result_copy_f64(&renew, &has_renew, r, SEG_COL_RENEW, i, 1);
        if (has_code)
            snprintf(rfm, sizeof rfm, "%lld", (long long)code);
        printf("%-15s %-9s %-4s %-19s %-3s %-3s", id, text_of(r, SEG_COL_LIFECYCLE, i, stages, 5), rfm,
               has_segment ? seg_result_segment_name(r, segment) : "-", text_of(r, SEG_COL_ABC, i, abc, 4),
               text_of(r, SEG_COL_XYZ, i, xyz, 6));
        if (has_renew)
            printf(" %g", renew);
        printf("\n");
    }
}

static void print_summary(const seg_result *r)
{
    int64_t as_of = 0, n = 0;
    double share = 0, gini = 0, top = 0;
    char day[11];
    seg_result_summary_i64(&as_of, r, SEG_SUM_AS_OF);
    seg_date_format(day, sizeof day, (int32_t)as_of);
    seg_result_summary_f64(&top, r, SEG_SUM_PARETO_TOP_SHARE);
    seg_result_summary_f64(&gini, r, SEG_SUM_GINI);
    printf("\nas of %s: the top 20 %% of buyers bring %.1f %% of revenue (Gini %.2f)\n", day, 100 * top, gini);
    for (int k = SEG_ABC_A; k <= SEG_ABC_C; k++) {
        seg_result_class_summary(&n, NULL, NULL, &share, r, SEG_COL_ABC, k);
        printf("ABC %c: %lld customer%s, %.1f %% of revenue\n", "?ABC"[k], (long long)n, n == 1 ? "" : "s",
               100 * share);
    }
}

int main(void)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    char text[2048];
    size_t who = 0;
    if (seg_context_new(&ctx) != SEG_OK)
        return 1;
    int failed = check(ctx, seg_dataset_new(&ds, ctx), "dataset");
    for (size_t i = 0; !failed && i < COUNT(buyers); i++)
        failed = load_buyer(ctx, ds, &buyers[i]);
    for (size_t i = 0; !failed && i < COUNT(leads); i++)
        failed = load_lead(ctx, ds, &leads[i]);
    if (!failed)
        failed = check(ctx, seg_analyze(&r, ds, NULL), "analyze");
    if (!failed) {
        print_customers(r, ds);
        print_summary(r);
        seg_dataset_find_str(&who, ds, "Sever Oil", 9);
        seg_result_explain(text, sizeof text, NULL, r, who, SEG_ANALYSIS_ALL);
        printf("\nWhy Sever Oil is where it is:\n%s\n", text);
    }
    seg_result_free(r);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    return failed;
}
