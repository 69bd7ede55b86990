/* The HTML report of the segment tool, checked structurally in plain C: a
 * small but complete customer base built through the C API, every analysis,
 * and the page's shape, escaping, determinism and failure paths.
 * Usage: report_test OUTDIR (the reports are written there). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libsegment/segment.h>

#include "report.h"

static int failures;

#define CHECK(cond, ...)                                                                                        \
    do {                                                                                                        \
        if (!(cond)) {                                                                                          \
            failures++;                                                                                         \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                              \
            printf(__VA_ARGS__);                                                                                \
            printf("\n");                                                                                       \
        }                                                                                                       \
    } while (0)

#define OK(call) CHECK((call) == SEG_OK, "%s", #call)

/* The hostile customer: markup characters, both quotes and an invalid byte. */
static const char hostile_id[] = "<b>&\"'\xff" "x";
static const char hostile_id_escaped[] = "&lt;b&gt;&amp;&quot;&#39;\xEF\xBF\xBD" "x";
static const char hostile_name[] = "Evil <script>alert(1)</script> & Co";

static const char *const headings[] = {
    "<h2>Overview</h2>", "<h2>Pareto: how concentrated the business is</h2>", "<h2>ABC × XYZ</h2>",
    "<h2>RFM: recency, frequency, monetary</h2>", "<h2>Lifecycle</h2>", "<h2>Renew ranking</h2>",
    "<h2>ABC and XYZ classes</h2>", "<h2>Parameters used</h2>",
};

static unsigned long long rng_state = 42;

static int rnd(int n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((rng_state >> 33) % (unsigned long long)n);
}

static int32_t ymd(int y, int m, int d)
{
    int32_t day = 0;
    seg_date_from_ymd(&day, y, m, d);
    return day;
}

/* 40 buyers over 2023–2024 with varied cadence and size, some ordering twice
 * a month, some new in 2024, some refunds; ids alternate between integers and
 * strings. Returns the net amount loaded. */
static int64_t load_buyers(seg_dataset *ds)
{
    int64_t net = 0;
    for (int b = 0; b < 40; b++) {
        size_t c = 0;
        char id[32], order[32];
        if (b % 2)
            OK(seg_dataset_customer_i64(&c, ds, 1000 + b));
        else
            OK(seg_dataset_customer_str(&c, ds, id, (size_t)snprintf(id, sizeof id, "C-%03d", b)));
        OK(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, id, (size_t)snprintf(id, sizeof id, "Buyer %d", b)));
        int every = 1 + b % 6, silent = b % 7 == 0 ? 10 + b % 5 : b % 4;
        int64_t size = (int64_t)(1 + (b * 37) % 19) * 150000 * (b < 4 ? 12 : 1);
        for (int month = b >= 34 ? 12 + b % 6 : b % 3; month < 24 - silent; month += every) {
            int64_t amount = 0;
            for (int twice = 0; twice <= (b % 5 == 0); twice++) {
                amount = size * (80 + rnd(40)) / 100;
                int len = snprintf(order, sizeof order, "SO-%d-%d-%d", b, month, twice);
                OK(seg_dataset_add_transaction(ds, c, ymd(2023 + month / 12, 1 + month % 12, 1 + rnd(27)), amount,
                                               order, (size_t)len, NULL, NULL));
                net += amount;
            }
            if (rnd(9) == 0) { /* a partial refund at the month's end */
                OK(seg_dataset_add_transaction(ds, c, ymd(2023 + month / 12, 1 + month % 12, 28), -amount / 4,
                                               NULL, 0, NULL, NULL));
                net -= amount / 4;
            }
        }
    }
    return net;
}

/* Refused leads with ratings and competitor dates (one hostile, one unrated),
 * and two open prospects. */
static void load_leads(seg_dataset *ds)
{
    static const char *const criteria[3] = {"brand", "deal", "closeness"};
    for (int l = 0; l < 26; l++) {
        size_t c = 0;
        char id[32];
        if (l == 0) {
            OK(seg_dataset_customer_str(&c, ds, hostile_id, sizeof hostile_id - 1));
            OK(seg_dataset_set_str(ds, c, SEG_FIELD_NAME, hostile_name, strlen(hostile_name)));
        } else {
            OK(seg_dataset_customer_str(&c, ds, id, (size_t)snprintf(id, sizeof id, "LEAD-%02d", l)));
        }
        if (l >= 24) { /* open prospects, recent */
            OK(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_DATE, ymd(2024, 12, 1)));
            OK(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, 0));
            continue;
        }
        OK(seg_dataset_set_int(ds, c, SEG_FIELD_LEAD_CLOSED, 1));
        OK(seg_dataset_set_int(ds, c, SEG_FIELD_COMPETITOR_DEADLINE, ymd(2025, 1 + l % 12, 15)));
        if (l % 5 == 1)
            OK(seg_dataset_set_int(ds, c, SEG_FIELD_PROJECT_LAUNCH, ymd(2024, 12, 1)));
        for (int k = 0; k < 3; k++)
            if (!(l == 7 && k == 2)) /* lead 7 misses its closeness rating: unrated */
                OK(seg_dataset_set_rating(ds, c, criteria[k], strlen(criteria[k]), l == 0 ? 5 : 1 + (l * (k + 3)) % 5));
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)size, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static int has_ci(const char *hay, const char *needle)
{
    for (size_t n = strlen(needle); *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* The integer value of attribute `name` inside the tag starting at `tag`, or -1. */
static long attribute(const char *tag, const char *name)
{
    const char *end = strchr(tag, '>');
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *at = strstr(tag, key);
    return at && end && at < end ? strtol(at + strlen(key), NULL, 10) : -1;
}

/* Every <svg> has positive width and height, a viewBox, role="img" and a title. */
static size_t check_svgs(const char *html)
{
    size_t n = 0;
    for (const char *p = html; (p = strstr(p, "<svg")) != NULL; p += 4, n++) {
        const char *end = strchr(p, '>');
        CHECK(attribute(p, "width") > 0 && attribute(p, "height") > 0, "svg %zu has no positive size", n);
        CHECK(end && strstr(p, " viewBox=\"0 0 ") && strstr(p, " viewBox=\"0 0 ") < end, "svg %zu viewBox", n);
        CHECK(end && strstr(p, " role=\"img\"") && strstr(p, " role=\"img\"") < end, "svg %zu role", n);
        CHECK(end && strncmp(end, ">\n<title>", 9) == 0, "svg %zu has no title first", n);
    }
    CHECK(count_of(html, "</svg>") == n, "unbalanced svg elements");
    return n;
}

static int valid_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3 : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || i + n > len || (n == 2 && s[i] < 0xC2))
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += n;
    }
    return 1;
}

static char *write_report(const char *dir, const char *name, const seg_result *r, const segment_report_info *info,
                          size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "cannot create %s", path);
    if (!f)
        return NULL;
    int rc = segment_report_write(f, r, info);
    CHECK(rc == 0, "segment_report_write gave %d for %s", rc, name);
    CHECK(fclose(f) == 0, "closing %s", path);
    return slurp(path, len);
}

/* Group an amount's integer digits by thousands, independently of the report's code. */
static void grouped_money(char *out, size_t cap, int64_t minor, int scale)
{
    char plain[32];
    seg_money_format(plain, sizeof plain, minor, scale);
    const char *dot = strchr(plain, '.');
    size_t digits = dot ? (size_t)(dot - plain) : strlen(plain), o = 0, neg = plain[0] == '-';
    for (size_t i = 0; i < digits && o + 2 < cap; i++) {
        if (i > neg && (digits - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = plain[i];
    }
    snprintf(out + o, cap - o, "%s", dot ? dot : "");
}

static void check_full(const char *html, size_t len, const seg_result *r, int64_t net)
{
    char money[64], needle[96];
    CHECK(valid_utf8((const unsigned char *)html, len), "the page is not valid UTF-8");
    CHECK(strncmp(html, "<!DOCTYPE html>\n", 16) == 0, "no doctype");
    CHECK(count_of(html, "<html") == 1, "%zu <html elements", count_of(html, "<html"));
    CHECK(!has_ci(html, "<script"), "a script element");
    CHECK(!strstr(html, "http://") && !strstr(html, "https://"), "an external URL");
    CHECK(!has_ci(html, " src=") && !has_ci(html, "url("), "an external resource");
    CHECK(check_svgs(html) == 5, "%zu charts instead of 5", check_svgs(html));
    CHECK(strstr(html, hostile_id_escaped) != NULL, "the escaped hostile id is missing");
    CHECK(!strstr(html, "<b>&\"'"), "the raw hostile id is present");
    CHECK(strstr(html, "Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") != NULL, "the escaped hostile name");
    const char *last = html;
    for (size_t i = 0; i < sizeof headings / sizeof *headings; i++) {
        const char *at = strstr(html, headings[i]);
        CHECK(at != NULL && at > last, "heading %s missing or out of order", headings[i]);
        last = at ? at : last;
    }
    CHECK(count_of(html, "<section ") == 8, "%zu sections", count_of(html, "<section "));
    CHECK(!strstr(html, "did not run"), "an analysis reported as not run");
    int64_t scale = 0, got = 0;
    OK(seg_result_summary_i64(&scale, r, SEG_SUM_SCALE));
    OK(seg_result_summary_i64(&got, r, SEG_SUM_NET_AMOUNT));
    CHECK(got == net, "net %lld, loaded %lld", (long long)got, (long long)net);
    grouped_money(money, sizeof money, net, (int)scale);
    snprintf(needle, sizeof needle, "<b>%s</b>", money);
    CHECK(strchr(money, ',') && strstr(html, needle), "net revenue %s not shown grouped", money);
    CHECK(strstr(html, "report_test --out &#39;dir with space&#39;") != NULL, "the command line");
    CHECK(strstr(html, "generated 2025-01-02 03:04 UTC") != NULL, "the generation time");
    CHECK(strstr(html, "LEAD-07") == NULL, "the unrated lead is ranked");
    CHECK(strstr(html, "1 unrated") != NULL, "the unrated lead is not counted");
    CHECK(strstr(html, ">Champions<") != NULL, "the segment table");
    CHECK(strstr(html, "R 4-5, F 4-5, M 4-5") != NULL, "the segment rule ranges");
    CHECK(strstr(html, "<code>abc_a</code></td><td>80 %</td>") != NULL, "the ABC A parameter");
}

/* How to analyse: 0 leaves a parameter at its default. */
typedef struct run {
    int64_t analyses, lorenz_points, xyz_period, xyz_window;
} run;

static seg_result *analyze(seg_context *ctx, seg_dataset *ds, run how)
{
    seg_params *params = NULL;
    seg_result *r = NULL;
    OK(seg_params_new(&params, ctx));
    OK(seg_params_set_i64(params, SEG_PARAM_ANALYSES, how.analyses ? how.analyses : SEG_ANALYSIS_ALL));
    if (how.lorenz_points)
        OK(seg_params_set_i64(params, SEG_PARAM_LORENZ_POINTS, how.lorenz_points));
    if (how.xyz_period)
        OK(seg_params_set_i64(params, SEG_PARAM_XYZ_PERIOD, how.xyz_period));
    if (how.xyz_window)
        OK(seg_params_set_i64(params, SEG_PARAM_XYZ_WINDOW, how.xyz_window));
    OK(seg_analyze(&r, ds, params));
    seg_params_free(params);
    return r;
}

/* Lifecycle and renew only: the other sections say they did not run. */
static void check_partial(const char *dir, seg_context *ctx, seg_dataset *ds)
{
    size_t len = 0;
    seg_result *r = analyze(ctx, ds, (run){.analyses = SEG_ANALYSIS_LIFECYCLE | SEG_ANALYSIS_RENEW});
    char *html = r ? write_report(dir, "report-partial.html", r, NULL, &len) : NULL;
    CHECK(html != NULL, "no partial report");
    if (html) {
        CHECK(check_svgs(html) == 2, "%zu charts in the partial report", check_svgs(html));
        CHECK(count_of(html, "did not run") == 5, "%zu sections not run", count_of(html, "did not run"));
        for (size_t i = 0; i < sizeof headings / sizeof *headings; i++)
            CHECK(strstr(html, headings[i]) != NULL, "heading %s", headings[i]);
        CHECK(strstr(html, "Renew ranking") && strstr(html, hostile_id_escaped), "the ranking");
    }
    free(html);
    seg_result_free(r);
}

/* A curve of 5000 points is thinned to at most 256 in the page. */
static void check_fine_curve(const char *dir, seg_context *ctx, seg_dataset *ds)
{
    size_t len = 0;
    seg_result *r = analyze(ctx, ds, (run){.lorenz_points = 5000});
    char *html = r ? write_report(dir, "report-fine-curve.html", r, NULL, &len) : NULL;
    const char *curve = html ? strstr(html, "<polyline class=\"curve\" points=\"") : NULL;
    CHECK(curve != NULL, "no curve");
    if (curve) {
        size_t points = 0;
        for (const char *c = curve + 33; *c && *c != '"'; c++)
            points += *c == ' ';
        CHECK(points >= 200 && points <= 256, "%zu curve points", points);
        CHECK(check_svgs(html) == 5, "charts");
    }
    free(html);
    seg_result_free(r);
}

/* Quarterly periods are labelled by quarter; a long window lists its latest 24 periods. */
static void check_periods(const char *dir, seg_context *ctx, seg_dataset *ds)
{
    size_t len = 0;
    seg_result *r = analyze(ctx, ds, (run){.xyz_period = SEG_PERIOD_QUARTER, .xyz_window = 8});
    char *html = r ? write_report(dir, "report-quarters.html", r, NULL, &len) : NULL;
    CHECK(html && strstr(html, ">2023 Q1<") && strstr(html, ">2024 Q4<"), "quarter labels");
    free(html);
    seg_result_free(r);
    r = analyze(ctx, ds, (run){.xyz_window = 30});
    html = r ? write_report(dir, "report-long-window.html", r, NULL, &len) : NULL;
    CHECK(html && strstr(html, "the latest 24 of 30 periods"), "the long window's table");
    CHECK(html && check_svgs(html) == 5, "charts of the long window");
    free(html);
    seg_result_free(r);
}

/* Failures are reported, never printed. */
static void check_failures(const seg_result *r)
{
    FILE *full = fopen("/dev/full", "w");
    CHECK(segment_report_write(NULL, r, NULL) == EINVAL, "NULL stream");
    CHECK(segment_report_write(stdout, NULL, NULL) == EINVAL, "NULL result");
    if (full) {
        int rc = segment_report_write(full, r, NULL);
        CHECK(rc != 0, "a full disk went unnoticed");
        fclose(full);
    }
}

/* A dataset without any record still gives a complete page. */
static void check_empty(const char *dir)
{
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    size_t len = 0;
    OK(seg_context_new(&ctx));
    OK(seg_dataset_new(&ds, ctx));
    seg_status st = seg_analyze(&r, ds, NULL);
    if (st == SEG_OK) {
        char *html = write_report(dir, "report-empty.html", r, NULL, &len);
        CHECK(html && count_of(html, "<section ") == 8, "the empty report");
        CHECK(html && strstr(html, "</html>\n"), "the empty report ends");
        free(html);
    } else {
        printf("note: seg_analyze on an empty dataset gives %s\n", seg_strerror(st));
    }
    seg_result_free(r);
    seg_dataset_free(ds);
    seg_context_free(ctx);
}

int main(int argc, char **argv)
{
    static const char *const words[] = {"report_test", "--out", "dir with space"};
    static const char *const inputs[] = {"orders.csv", "customers <2024>.csv"};
    const char *dir = argc > 1 ? argv[1] : ".";
    const segment_report_info info = {"segment-test 1.0", inputs, 2, words, 3, 1735787040 /* 2025-01-02 03:04 UTC */,
                                      NULL};
    seg_context *ctx = NULL;
    seg_dataset *ds = NULL;
    size_t len = 0, len2 = 0;
    OK(seg_context_new(&ctx));
    OK(seg_dataset_new(&ds, ctx));
    OK(seg_dataset_set_option(ds, SEG_DATASET_AS_OF, ymd(2024, 12, 31)));
    int64_t net = load_buyers(ds);
    load_leads(ds);

    seg_result *r = analyze(ctx, ds, (run){0});
    char *html = r ? write_report(dir, "report.html", r, &info, &len) : NULL;
    char *again = r ? write_report(dir, "report-again.html", r, &info, &len2) : NULL;
    CHECK(html && again, "no report");
    if (html && again) {
        check_full(html, len, r, net);
        CHECK(len == len2 && memcmp(html, again, len) == 0, "two writes of one result differ");
    }
    check_failures(r);
    free(html);
    free(again);
    seg_result_free(r);
    check_partial(dir, ctx, ds);
    check_fine_curve(dir, ctx, ds);
    check_periods(dir, ctx, ds);
    check_empty(dir);
    seg_dataset_free(ds);
    seg_context_free(ctx);
    printf("%s: report checks %s (%d failure%s); pages in %s\n", argv[0], failures ? "FAILED" : "passed", failures,
           failures == 1 ? "" : "s", dir);
    return failures ? 1 : 0;
}
