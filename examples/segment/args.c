/* Command-line parsing of the segment tool: a table of options, each parsed
 * and checked once, analysis options going straight into a seg_params. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: segment analyze ORDERS.csv [options] [--format csv|json] [-o FILE]\n"
    "       segment summary ORDERS.csv [options] [-o FILE]\n"
    "       segment report  ORDERS.csv [options] -o report.html\n"
    "       segment explain CUSTOMER_ID ORDERS.csv [options]\n"
    "\n"
    "input:     --customers FILE       customers (leads, status, ratings, attributes)\n"
    "           --col ROLE=HEADER      map a column of the orders file (repeatable);\n"
    "                                  roles: customer date amount order quantity price margin\n"
    "           --customer-col ROLE=HEADER  map a column of the customers file (repeatable)\n"
    "           --delimiter auto|,|;|tab   --encoding auto|utf8|cp1251\n"
    "           --date-format auto|dmy|mdy --decimal auto|point|comma\n"
    "           --scale N (decimals of money, 0-6)   --strict (default) | --lenient\n"
    "analysis:  --as-of YYYY-MM-DD     --lookback N (periods)   --threads N\n"
    "           --rfm-method tie|ntile|thresholds|r-rfm   --rfm-bins K\n"
    "           --rfm-thresholds R=30,90,180 (also F=..., M=... in money; repeatable)\n"
    "           --abc A,B (percent, e.g. 80,95)   --abc-boundary smallest|inclusive\n"
    "           --abc-metric revenue|margin|quantity|orders\n"
    "           --xyz-period week|month|quarter   --xyz-window N   --xyz X,Y (percent)\n"
    "           --churn-days N\n"
    "output:    --format csv|json      -o, --output FILE\n"
    "           --help                 --version\n";

typedef struct option option;
typedef int (*handler)(cli *c, const char *value);

struct option {
    const char *name;
    int takes_value;
    handler fn;
};

static int bad(const char *option_name, const char *value, const char *expected)
{
    fprintf(stderr, "segment: %s '%s': expected %s\n", option_name, value ? value : "", expected);
    return 2;
}

/* A word from a list: its index, or -1. */
static int pick(const char *value, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(value, words[i]) == 0)
            return i;
    return -1;
}

static int to_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

/* One percent 0-100 from s up to `end_char`, as a fraction; NULL on error. */
static const char *percent(const char *s, char end_char, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != end_char || !(v >= 0 && v <= 100))
        return NULL;
    *out = v / 100;
    return end;
}

/* "A,B" as two percents 0-100, returned as fractions. */
static int two_percents(const char *s, double *a, double *b)
{
    const char *comma = percent(s, ',', a);
    return comma && percent(comma + 1, '\0', b);
}

/* Set a parameter, reporting the library's message on failure. */
static int set_i64(cli *c, seg_param key, int64_t v, const char *option_name)
{
    if (seg_params_set_i64(c->params, key, v) == SEG_OK)
        return 0;
    fprintf(stderr, "segment: %s: %s\n", option_name, seg_context_errmsg(c->ctx));
    return 2;
}

static int set_pair(cli *c, seg_param ka, seg_param kb, double a, double b, const char *option_name)
{
    if (seg_params_set_f64(c->params, ka, a) == SEG_OK && seg_params_set_f64(c->params, kb, b) == SEG_OK)
        return 0;
    fprintf(stderr, "segment: %s: %s\n", option_name, seg_context_errmsg(c->ctx));
    return 2;
}

static int add_map(cli_map *maps, int *n, const char *value, const char *option_name)
{
    const char *eq = strchr(value, '=');
    if (!eq || eq == value || !eq[1])
        return bad(option_name, value, "ROLE=HEADER, e.g. amount=Sum");
    if (*n == CLI_MAX_MAPS)
        return bad(option_name, value, "at most 64 mappings");
    maps[*n].role = value;
    maps[(*n)++].header = eq + 1;
    return 0;
}

static int o_as_of(cli *c, const char *v)
{
    int32_t d;
    if (seg_date_parse(&d, NULL, v, strlen(v)) != SEG_OK)
        return bad("--as-of", v, "a date YYYY-MM-DD");
    return set_i64(c, SEG_PARAM_AS_OF, d, "--as-of");
}

static int o_col(cli *c, const char *v) { return add_map(c->maps, &c->nmaps, v, "--col"); }
static int o_customer_col(cli *c, const char *v) { return add_map(c->customer_maps, &c->ncustomer_maps, v, "--customer-col"); }
static int o_customers(cli *c, const char *v) { c->customers = v; return 0; }
static int o_output(cli *c, const char *v) { c->output = v; return 0; }
static int o_strict(cli *c, const char *v) { (void)v; c->strict = 1; return 0; }
static int o_lenient(cli *c, const char *v) { (void)v; c->strict = 0; return 0; }

static int o_delimiter(cli *c, const char *v)
{
    static const char *const words[] = {"auto", ",", ";", "tab", "comma", "semicolon", NULL};
    static const int values[] = {SEG_CSV_DELIMITER_AUTO, SEG_CSV_DELIMITER_COMMA, SEG_CSV_DELIMITER_SEMICOLON,
                                 SEG_CSV_DELIMITER_TAB, SEG_CSV_DELIMITER_COMMA, SEG_CSV_DELIMITER_SEMICOLON};
    int i = pick(v, words);
    if (i < 0)
        return bad("--delimiter", v, "auto, ',', ';' or tab");
    c->csv[SEG_CSV_DELIMITER] = values[i];
    return 0;
}

static int o_encoding(cli *c, const char *v)
{
    static const char *const words[] = {"auto", "utf8", "utf-8", "cp1251", "windows-1251", NULL};
    static const int values[] = {SEG_CSV_ENCODING_AUTO, SEG_CSV_ENCODING_UTF8, SEG_CSV_ENCODING_UTF8,
                                 SEG_CSV_ENCODING_CP1251, SEG_CSV_ENCODING_CP1251};
    int i = pick(v, words);
    if (i < 0)
        return bad("--encoding", v, "auto, utf8 or cp1251");
    c->csv[SEG_CSV_ENCODING] = values[i];
    return 0;
}

static int o_date_format(cli *c, const char *v)
{
    static const char *const words[] = {"auto", "dmy", "mdy", NULL};
    int i = pick(v, words);
    if (i < 0)
        return bad("--date-format", v, "auto, dmy (DD/MM/YYYY) or mdy (MM/DD/YYYY)");
    c->csv[SEG_CSV_DATE_ORDER] = i;
    return 0;
}

static int o_decimal(cli *c, const char *v)
{
    static const char *const words[] = {"auto", "point", "comma", ".", ",", NULL};
    static const int values[] = {SEG_CSV_DECIMAL_AUTO, SEG_CSV_DECIMAL_POINT, SEG_CSV_DECIMAL_COMMA,
                                 SEG_CSV_DECIMAL_POINT, SEG_CSV_DECIMAL_COMMA};
    int i = pick(v, words);
    if (i < 0)
        return bad("--decimal", v, "auto, point or comma");
    c->csv[SEG_CSV_DECIMAL] = values[i];
    return 0;
}

static int o_scale(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 0, 6, &n))
        return bad("--scale", v, "a number of decimals 0-6");
    c->scale = (int)n;
    return 0;
}

static int o_lookback(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 0, 10000, &n))
        return bad("--lookback", v, "a number of periods 0-10000");
    return set_i64(c, SEG_PARAM_LOOKBACK_PERIODS, n, "--lookback");
}

static int o_threads(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 1, 64, &n))
        return bad("--threads", v, "a number of threads 1-64");
    c->csv[SEG_CSV_THREADS] = n; /* the load, too */
    return set_i64(c, SEG_PARAM_THREADS, n, "--threads");
}

static int o_rfm_method(cli *c, const char *v)
{
    static const char *const words[] = {"tie", "ntile", "thresholds", "r-rfm", NULL};
    int i = pick(v, words);
    if (i < 0)
        return bad("--rfm-method", v, "tie, ntile, thresholds or r-rfm");
    return set_i64(c, SEG_PARAM_RFM_METHOD, i, "--rfm-method");
}

static int o_rfm_bins(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 2, 10, &n))
        return bad("--rfm-bins", v, "a number of bins 2-10");
    for (seg_param k = SEG_PARAM_RFM_BINS_R; k <= SEG_PARAM_RFM_BINS_M; k = (seg_param)(k + 1))
        if (set_i64(c, k, n, "--rfm-bins"))
            return 2;
    return 0;
}

static int o_rfm_thresholds(cli *c, const char *v)
{
    static const char axes[] = "RFM";
    const char *axis = strchr(axes, v[0] >= 'a' ? v[0] - 'a' + 'A' : v[0]);
    if (!v[0] || !axis || v[1] != '=' || !v[2])
        return bad("--rfm-thresholds", v, "AXIS=v1,v2,... with AXIS R (days), F (purchases) or M (money)");
    c->rfm_thresholds[axis - axes] = v + 2;
    return set_i64(c, SEG_PARAM_RFM_METHOD, SEG_RFM_THRESHOLDS, "--rfm-thresholds");
}

static int o_abc(cli *c, const char *v)
{
    double a, b;
    if (!two_percents(v, &a, &b) || b < a)
        return bad("--abc", v, "two percents A,B with A <= B, e.g. 80,95");
    return set_pair(c, SEG_PARAM_ABC_A, SEG_PARAM_ABC_B, a, b, "--abc");
}

static int o_abc_boundary(cli *c, const char *v)
{
    static const char *const words[] = {"smallest", "inclusive", NULL};
    int i = pick(v, words);
    return i < 0 ? bad("--abc-boundary", v, "smallest or inclusive") : set_i64(c, SEG_PARAM_ABC_BOUNDARY, i, "--abc-boundary");
}

static int o_abc_metric(cli *c, const char *v)
{
    static const char *const words[] = {"revenue", "margin", "quantity", "orders", NULL};
    int i = pick(v, words);
    return i < 0 ? bad("--abc-metric", v, "revenue, margin, quantity or orders") : set_i64(c, SEG_PARAM_ABC_METRIC, i, "--abc-metric");
}

static int o_xyz_period(cli *c, const char *v)
{
    static const char *const words[] = {"week", "month", "quarter", NULL};
    static const int values[] = {SEG_PERIOD_WEEK, SEG_PERIOD_MONTH, SEG_PERIOD_QUARTER};
    int i = pick(v, words);
    if (i < 0)
        return bad("--xyz-period", v, "week, month or quarter");
    c->period = values[i];
    return 0;
}

static int o_xyz_window(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 2, 520, &n))
        return bad("--xyz-window", v, "a number of periods 2-520");
    return set_i64(c, SEG_PARAM_XYZ_WINDOW, n, "--xyz-window");
}

static int o_xyz(cli *c, const char *v)
{
    double x, y;
    if (!two_percents(v, &x, &y) || y < x)
        return bad("--xyz", v, "two percents X,Y with X <= Y, e.g. 10,25");
    return set_pair(c, SEG_PARAM_XYZ_X, SEG_PARAM_XYZ_Y, x, y, "--xyz");
}

static int o_churn_days(cli *c, const char *v)
{
    long n;
    if (!to_long(v, 1, 36500, &n))
        return bad("--churn-days", v, "a number of days 1-36500");
    return set_i64(c, SEG_PARAM_CHURN_DAYS, n, "--churn-days");
}

static int o_format(cli *c, const char *v)
{
    static const char *const words[] = {"csv", "json", NULL};
    int i = pick(v, words);
    if (i < 0)
        return bad("--format", v, "csv or json");
    c->format = i ? SEG_FORMAT_JSON : SEG_FORMAT_CSV;
    return 0;
}

static const option options[] = {
    {"--as-of", 1, o_as_of},           {"--col", 1, o_col},
    {"--customer-col", 1, o_customer_col}, {"--customers", 1, o_customers},
    {"--delimiter", 1, o_delimiter},   {"--encoding", 1, o_encoding},
    {"--date-format", 1, o_date_format}, {"--decimal", 1, o_decimal},
    {"--scale", 1, o_scale},           {"--strict", 0, o_strict},
    {"--lenient", 0, o_lenient},       {"--lookback", 1, o_lookback},
    {"--threads", 1, o_threads},       {"--rfm-method", 1, o_rfm_method},
    {"--rfm-bins", 1, o_rfm_bins},     {"--rfm-thresholds", 1, o_rfm_thresholds},
    {"--abc", 1, o_abc},               {"--abc-boundary", 1, o_abc_boundary},
    {"--abc-metric", 1, o_abc_metric}, {"--xyz-period", 1, o_xyz_period},
    {"--xyz-window", 1, o_xyz_window}, {"--xyz", 1, o_xyz},
    {"--churn-days", 1, o_churn_days}, {"--format", 1, o_format},
    {"--output", 1, o_output},         {"-o", 1, o_output},
};

/* One option at argv[*i] (with "--name=value" or "--name value"). */
static int parse_option(cli *c, int argc, char **argv, int *i)
{
    const char *arg = argv[*i], *eq = strchr(arg, '=');
    size_t len = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
    for (size_t k = 0; k < sizeof options / sizeof *options; k++) {
        const option *o = &options[k];
        if (strlen(o->name) != len || strncmp(o->name, arg, len) != 0)
            continue;
        if (!o->takes_value)
            return eq && arg[1] == '-' ? bad(o->name, eq + 1, "no value") : o->fn(c, NULL);
        if (eq && arg[1] == '-')
            return o->fn(c, eq + 1);
        if (*i + 1 >= argc)
            return bad(o->name, NULL, "a value after it");
        return o->fn(c, argv[++*i]);
    }
    fprintf(stderr, "segment: unknown option '%s' (see segment --help)\n", arg);
    return 2;
}

static int parse_command(cli *c, const char *word)
{
    static const char *const words[] = {"analyze", "summary", "report", "explain", NULL};
    int i = pick(word, words);
    if (i < 0) {
        fprintf(stderr, "segment: unknown command '%s'\n%s", word, usage);
        return 2;
    }
    c->command = (cli_command)(i + 1);
    return 0;
}

static int positional(cli *c, const char *arg, int *count)
{
    if (c->command == CMD_EXPLAIN && *count == 0)
        c->explain_id = arg;
    else if (!c->orders)
        c->orders = arg;
    else {
        fprintf(stderr, "segment: unexpected argument '%s'\n", arg);
        return 2;
    }
    ++*count;
    return 0;
}

/* One break point of an RFM threshold list: days or purchases as integers,
 * money as an exact decimal at the dataset's scale. */
static int threshold_value(const cli *c, int axis, const char *s, size_t len, int64_t *out)
{
    char buf[32];
    long n;
    if (axis == 2)
        return seg_money_parse(out, NULL, s, len, c->scale) == SEG_OK;
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (!to_long(buf, 0, 1000000000L, &n))
        return 0;
    *out = n;
    return 1;
}

/* --rfm-thresholds lists, converted once the scale is known. */
static int thresholds(cli *c)
{
    static const seg_param keys[3] = {SEG_PARAM_RFM_THRESHOLDS_R, SEG_PARAM_RFM_THRESHOLDS_F,
                                      SEG_PARAM_RFM_THRESHOLDS_M};
    for (int a = 0; a < 3; a++) {
        int64_t v[16];
        size_t n = 0;
        for (const char *s = c->rfm_thresholds[a]; s && *s; n++) {
            size_t len = strcspn(s, ",");
            if (n == 16 || !threshold_value(c, a, s, len, &v[n]))
                return bad("--rfm-thresholds", c->rfm_thresholds[a],
                           a == 2 ? "money amounts separated by commas" : "whole numbers separated by commas");
            s += len + (s[len] == ',');
        }
        if (c->rfm_thresholds[a] && seg_params_set_i64_array(c->params, keys[a], v, n) != SEG_OK) {
            fprintf(stderr, "segment: --rfm-thresholds: %s\n", seg_context_errmsg(c->ctx));
            return 2;
        }
    }
    return 0;
}

int cli_parse(cli *c, seg_context *ctx, int argc, char **argv)
{
    int count = 0;
    memset(c, 0, sizeof *c);
    memset(c->csv, -1, sizeof c->csv);
    c->ctx = ctx;
    c->strict = 1;
    c->scale = 2;
    c->format = SEG_FORMAT_CSV;
    c->argc = argc;
    c->argv = argv;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return -1;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("segment (libsegment) %s\n", seg_version_string());
        return -1;
    }
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    if (parse_command(c, argv[1]) || seg_params_new(&c->params, ctx) != SEG_OK)
        return 2;
    for (int i = 2; i < argc; i++) {
        int st = argv[i][0] == '-' && argv[i][1] ? parse_option(c, argc, argv, &i) : positional(c, argv[i], &count);
        if (st)
            return st;
    }
    if (!c->orders || (c->command == CMD_EXPLAIN && !c->explain_id)) {
        fprintf(stderr, "segment: missing %s\n%s", c->command == CMD_EXPLAIN && !c->explain_id ? "CUSTOMER_ID" : "ORDERS.csv", usage);
        return 2;
    }
    return thresholds(c);
}
