/* Deterministic generator of realistic B2B order-line CSV for the DuckDB
 * comparison: Pareto customer sizes, buying rhythms, churn, refunds, orders. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Usage: gen_orders ROWS CUSTOMERS [SEED] [OUT|-]
 *    or: gen_orders S|M|L [OUT|-]   (1M/50k, 10M/500k, 50M/2M; seed 1)
 * Writes `customer_id,date,order_id,amount` lines, ordered by date, dates
 * 2022-01-01 … 2024-12-31; the same arguments always give the same bytes. */

#define DAYS 1096             /* 2022-01-01 … 2024-12-31 */
#define OUTBUF (1u << 22)

enum rhythm { WEEKLY, MONTHLY, QUARTERLY, IRREGULAR };

typedef struct customer {
    int32_t next;      /* next customer in the same day bucket, -1 ends */
    int32_t rows;      /* lines still to write */
    int32_t lpo;       /* lines per order */
    int32_t order_no;  /* orders written so far */
    int32_t start;     /* day of the first order */
    float gap;         /* days between orders */
    float vol;         /* relative spread of line amounts */
    int64_t base;      /* typical line amount in cents */
    uint8_t rhythm;
    uint8_t credit_only; /* only credit notes: a return of a purchase before 2022 */
} customer;

typedef struct gen {
    uint64_t rng;
    customer *c;
    int32_t *bucket;   /* first customer of each day, -1 when none */
    long n;
    uint64_t order_id;
    char *buf;
    size_t len;
    FILE *out;
    char dates[DAYS][11];
} gen;

static uint64_t rnd(gen *g)
{
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double unif(gen *g) /* (0, 1] */
{
    return ((double)(rnd(g) >> 11) + 1.0) / 9007199254740992.0;
}

static double gauss(gen *g) /* about N(0, 1): Irwin–Hall of 4 */
{
    return (unif(g) + unif(g) + unif(g) + unif(g) - 2.0) * 1.7320508;
}

static void flush(gen *g)
{
    if (g->len && fwrite(g->buf, 1, g->len, g->out) != g->len) {
        perror("gen_orders: write");
        exit(1);
    }
    g->len = 0;
}

static char *put_u64(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_cents(char *p, int64_t cents)
{
    if (cents < 0) {
        *p++ = '-';
        cents = -cents;
    }
    p = put_u64(p, (uint64_t)cents / 100);
    *p++ = '.';
    *p++ = (char)('0' + cents / 10 % 10);
    *p++ = (char)('0' + cents % 10);
    return p;
}

static void make_dates(gen *g)
{
    int y = 2022, m = 1, d = 1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < DAYS; i++) {
        char *s = g->dates[i];
        s[0] = (char)('0' + y / 1000), s[1] = (char)('0' + y / 100 % 10);
        s[2] = (char)('0' + y / 10 % 10), s[3] = (char)('0' + y % 10), s[4] = '-';
        s[5] = (char)('0' + m / 10), s[6] = (char)('0' + m % 10), s[7] = '-';
        s[8] = (char)('0' + d / 10), s[9] = (char)('0' + d % 10), s[10] = '\0';
        int len = mdays[m - 1] + (m == 2 && y % 4 == 0);
        if (++d > len && (d = 1) && ++m > 12 && (m = 1))
            y++;
    }
}

/* Pareto(alpha 1.16, the "80/20" shape) size weights, capped so that one
 * customer cannot hold a large part of the file. */
static double *weights(gen *g, double *total)
{
    double *w = malloc((size_t)g->n * sizeof *w);
    if (!w)
        exit(1);
    *total = 0;
    for (long i = 0; i < g->n; i++) {
        double v = pow(unif(g), -1.0 / 1.16);
        w[i] = v > 3000 ? 3000 : v;
        *total += w[i];
    }
    return w;
}

/* Line counts proportional to the weights, at least 1, summing to rows. */
static void split_rows(gen *g, long long rows)
{
    double total;
    double *w = weights(g, &total);
    long long sum = 0;
    for (long i = 0; i < g->n; i++) {
        g->c[i].rows = (int32_t)fmax(1.0, floor((double)rows * w[i] / total));
        sum += g->c[i].rows;
    }
    for (long i = 0; sum != rows; i = (i + 1) % g->n) {
        if (sum < rows) {
            g->c[i].rows++;
            sum++;
        } else if (g->c[i].rows > 1) {
            g->c[i].rows--;
            sum--;
        }
    }
    free(w);
}

static int pick_rhythm(gen *g)
{
    unsigned r = (unsigned)(rnd(g) % 100);
    return r < 15 ? WEEKLY : r < 55 ? MONTHLY : r < 75 ? QUARTERLY : IRREGULAR;
}

/* Active span, rhythm, order size and amounts of one customer. */
static void shape(gen *g, customer *c)
{
    static const int period[] = {7, 30, 91, 45};
    int start = rnd(g) % 100 < 35 ? (int)(rnd(g) % 30) : (int)(rnd(g) % (DAYS - 1));
    int end = DAYS - 1 - (int)(rnd(g) % 5);
    if (rnd(g) % 100 < 30) /* churns: stops buying some time after it began */
        end = start + (int)(unif(g) * (DAYS - 1 - start));
    if (end < start)
        end = start;
    c->rhythm = (uint8_t)pick_rhythm(g);
    int span = end - start + 1;
    int max_orders = span / period[c->rhythm] + 1;
    int lpo = 1 + (int)(rnd(g) % 4);
    if ((c->rows + max_orders - 1) / max_orders > lpo)
        lpo = (c->rows + max_orders - 1) / max_orders;
    int orders = (c->rows + lpo - 1) / lpo;
    c->lpo = lpo;
    c->start = start;
    c->gap = (float)span / (float)orders;
    c->order_no = 0;
    c->base = (int64_t)(exp(8.0 + 1.2 * gauss(g)) + 100);
    c->vol = rnd(g) % 100 < 20 ? 0.03f : (float)(0.2 + 0.8 * unif(g));
    c->credit_only = c->rows <= 3 && rnd(g) % 100 < 2;
}

/* Day of the customer's next order: regular buyers near the middle of their
 * slot, irregular ones anywhere in it. */
static int next_day(gen *g, const customer *c)
{
    double jitter = c->rhythm == IRREGULAR ? unif(g) * 0.999 : 0.45 + 0.1 * unif(g), gap = c->gap;
    int d = c->start + (int)(((double)c->order_no + jitter) * gap);
    return d > DAYS - 1 ? DAYS - 1 : d;
}

static void push(gen *g, int32_t i, int day)
{
    g->c[i].next = g->bucket[day];
    g->bucket[day] = i;
}

static void line(gen *g, int32_t cust, int day, uint64_t order, int64_t cents)
{
    if (g->len + 96 > OUTBUF)
        flush(g);
    char *p = g->buf + g->len;
    *p++ = 'C';
    for (int k = 7, v = cust; k >= 0; k--, v /= 10)
        p[k] = (char)('0' + v % 10);
    p += 8;
    *p++ = ',';
    memcpy(p, g->dates[day], 10);
    p += 10;
    *p++ = ',';
    p = put_u64(p, order);
    *p++ = ',';
    p = put_cents(p, cents);
    *p++ = '\n';
    g->len = (size_t)(p - g->buf);
}

/* One order of a customer: its lines, about 1.5 % of them refunds written
 * as separate credit notes with their own number (all of them for the few
 * credit-only customers, who never buy in the file). */
static void order(gen *g, int32_t i, int day)
{
    customer *c = &g->c[i];
    uint64_t id = ++g->order_id;
    int lines = c->rows < c->lpo ? c->rows : c->lpo;
    for (int k = 0; k < lines; k++) {
        double f = 1.0 + (double)c->vol * gauss(g);
        int64_t cents = (int64_t)((double)c->base * (f < 0.05 ? 0.05 : f));
        if (c->credit_only || rnd(g) % 1000 < 15)
            line(g, i, day, ++g->order_id, -(int64_t)((double)cents * (0.1 + 0.9 * unif(g))) - 1);
        else
            line(g, i, day, id, cents + 1);
    }
    c->rows -= lines;
    c->order_no++;
}

static void run(gen *g)
{
    for (long i = 0; i < g->n; i++)
        push(g, (int32_t)i, next_day(g, &g->c[i]));
    for (int day = 0; day < DAYS; day++) {
        int32_t i = g->bucket[day];
        g->bucket[day] = -1;
        while (i >= 0) {
            int32_t following = g->c[i].next;
            order(g, i, day);
            if (g->c[i].rows > 0) {
                int d = next_day(g, &g->c[i]);
                push(g, i, d > day ? d : (day + 1 < DAYS ? day + 1 : day));
            }
            if (g->bucket[day] >= 0 && following < 0) { /* pushed back onto today */
                following = g->bucket[day];
                g->bucket[day] = -1;
            }
            i = following;
        }
    }
}

static int sizes(const char *name, long long *rows, long *customers)
{
    static const struct { const char *n; long long rows; long customers; } t[] = {
        {"S", 1000000, 50000}, {"M", 10000000, 500000}, {"L", 50000000, 2000000}};
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
        if (!strcmp(name, t[k].n)) {
            *rows = t[k].rows;
            *customers = t[k].customers;
            return 1;
        }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: gen_orders ROWS CUSTOMERS [SEED] [OUT|-]\n"
                    "       gen_orders S|M|L [OUT|-]\n");
    return 2;
}

static int parse_args(int argc, char **argv, long long *rows, long *customers, uint64_t *seed,
                      const char **path)
{
    *seed = 1;
    *path = "-";
    if (argc >= 2 && sizes(argv[1], rows, customers)) {
        if (argc > 3)
            return 0;
        if (argc == 3)
            *path = argv[2];
        return 1;
    }
    if (argc < 3 || argc > 5)
        return 0;
    *rows = atoll(argv[1]);
    *customers = atol(argv[2]);
    if (argc >= 4)
        *seed = strtoull(argv[3], NULL, 10);
    if (argc == 5)
        *path = argv[4];
    return *rows >= *customers && *customers > 0 && *customers < 100000000 &&
           *rows / *customers < INT32_MAX;
}

int main(int argc, char **argv)
{
    static gen g;
    long long rows;
    const char *path;
    if (!parse_args(argc, argv, &rows, &g.n, &g.rng, &path))
        return usage();
    g.out = strcmp(path, "-") ? fopen(path, "wb") : stdout;
    g.c = calloc((size_t)g.n, sizeof *g.c);
    g.bucket = malloc(DAYS * sizeof *g.bucket);
    g.buf = malloc(OUTBUF);
    if (!g.out || !g.c || !g.bucket || !g.buf) {
        perror("gen_orders");
        return 1;
    }
    memset(g.bucket, 0xff, DAYS * sizeof *g.bucket);
    make_dates(&g);
    split_rows(&g, rows);
    for (long i = 0; i < g.n; i++)
        shape(&g, &g.c[i]);
    g.len = (size_t)sprintf(g.buf, "customer_id,date,order_id,amount\n");
    run(&g);
    flush(&g);
    if (fclose(g.out)) {
        perror("gen_orders: close");
        return 1;
    }
    return 0;
}
