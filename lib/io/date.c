/* Civil dates as days since 1970-01-01 (proleptic Gregorian): conversion to
 * and from year/month/day, and the ISO 8601 parser shared by every loader. */
#include "date.h"

#include "../util/digits.h"


/* Howard Hinnant's days_from_civil / civil_from_days, valid for all int years. */
int32_t seg__days_from_civil(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(month > 2 ? month - 3 : month + 9) + 2) / 5 + (unsigned)day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void seg__civil_from_days(int32_t days, int *year, int *month, int *day)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = m;
    *year = (int)yoe + era * 400 + (m <= 2);
}

int seg__days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 ? 28 + leap : days[month - 1];
}

SEG_API seg_status seg_date_from_ymd(int32_t *out, int year, int month, int day)
{
    if (!out)
        return SEG_ERR_INVALID_ARGUMENT;
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > seg__days_in_month(year, month))
        return SEG_ERR_RANGE;
    *out = seg__days_from_civil(year, month, day);
    return SEG_OK;
}

SEG_API seg_status seg_date_to_ymd(int *year, int *month, int *day, int32_t date)
{
    if (!year || !month || !day)
        return SEG_ERR_INVALID_ARGUMENT;
    if (!seg__date_valid(date))
        return SEG_ERR_RANGE;
    seg__civil_from_days(date, year, month, day);
    return SEG_OK;
}

SEG_API seg_status seg_date_format(char *buf, size_t cap, int32_t date)
{
    if (!buf)
        return SEG_ERR_INVALID_ARGUMENT;
    if (!seg__date_valid(date))
        return SEG_ERR_RANGE;
    if (cap < 11)
        return SEG_ERR_BUFFER_TOO_SMALL;
    int y, m, d;
    seg__civil_from_days(date, &y, &m, &d);
    seg__digits_fixed(buf, (uint64_t)y, 4);
    buf[4] = '-';
    seg__digits_fixed(buf + 5, (uint64_t)m, 2);
    buf[7] = '-';
    seg__digits_fixed(buf + 8, (uint64_t)d, 2);
    buf[10] = '\0';
    return SEG_OK;
}

/* A cursor over the text; `pos` is 0-based, errors report it. */
typedef struct scan {
    const char *s;
    size_t len, pos;
    seg_value_error *err;
} scan;

static int digits(scan *sc, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (sc->pos >= sc->len || sc->s[sc->pos] < '0' || sc->s[sc->pos] > '9')
            return 0;
        v = v * 10 + (sc->s[sc->pos++] - '0');
    }
    *value = v;
    return 1;
}

/* One or two digits. */
static int digits12(scan *sc, int *value)
{
    if (!digits(sc, 1, value))
        return 0;
    int second;
    size_t at = sc->pos;
    if (digits(sc, 1, &second))
        *value = *value * 10 + second;
    else
        sc->pos = at;
    return 1;
}

static int expect(scan *sc, char c)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != c)
        return 0;
    sc->pos++;
    return 1;
}

static int more(const scan *sc)
{
    return sc->pos < sc->len;
}

static seg_status fail(scan *sc, seg_status st, const char *what)
{
    return seg__value_fail(sc->err, st, sc->pos, what);
}

/* [T| ]HH:MM[:SS[.f+]][Z|(+|-)HH[:]MM] — checked, then ignored. */
/* Read a time part of `width` digits (0: one or two) at most `max`; a range
 * error points at its first digit. */
static seg_status time_part(scan *sc, int width, int max, const char *what)
{
    size_t at = sc->pos;
    int v;
    if (!(width ? digits(sc, 2, &v) : digits12(sc, &v)))
        return fail(sc, SEG_ERR_PARSE, what);
    if (v > max) {
        sc->pos = at;
        return fail(sc, SEG_ERR_RANGE, "time of day out of range");
    }
    return SEG_OK;
}

/* HH:MM[:SS[.f+]] after the 'T' or space; `width` 0 lets the hour have one digit. */
static seg_status clock_time(scan *sc, int width)
{
    int v;
    const char *hhmm = "expected a time HH:MM after the date";
    sc->pos++; /* 'T' or ' ' */
    SEG_TRY(time_part(sc, width, 23, hhmm));
    if (!expect(sc, ':'))
        return fail(sc, SEG_ERR_PARSE, hhmm);
    SEG_TRY(time_part(sc, 2, 59, hhmm));
    if (expect(sc, ':'))
        SEG_TRY(time_part(sc, 2, 60, "expected seconds SS"));
    if (expect(sc, '.') && !digits(sc, 1, &v))
        return fail(sc, SEG_ERR_PARSE, "expected fractional seconds");
    while (more(sc) && sc->s[sc->pos] >= '0' && sc->s[sc->pos] <= '9')
        sc->pos++;
    return SEG_OK;
}

static seg_status parse_time(scan *sc)
{
    int tz;
    SEG_TRY(clock_time(sc, 2));
    if (expect(sc, 'Z'))
        return SEG_OK;
    if (more(sc) && (sc->s[sc->pos] == '+' || sc->s[sc->pos] == '-')) {
        sc->pos++;
        if (!digits(sc, 2, &tz) || (expect(sc, ':'), !digits(sc, 2, &tz)))
            return fail(sc, SEG_ERR_PARSE, "expected a UTC offset HH:MM");
    }
    return SEG_OK;
}

/* Checked civil date, or a RANGE error pointing at `at`. */
static seg_status civil(int32_t *out, scan *sc, int y, int m, int d, size_t at)
{
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > seg__days_in_month(y, m)) {
        sc->pos = at;
        return fail(sc, SEG_ERR_RANGE, "no such calendar date");
    }
    *out = seg__days_from_civil(y, m, d);
    return SEG_OK;
}

static seg_status scan_iso(int32_t *out, scan *sc)
{
    int y, m, d;
    if (!digits(sc, 4, &y) || !expect(sc, '-') || !digits(sc, 2, &m) || !expect(sc, '-') ||
        !digits(sc, 2, &d))
        return fail(sc, SEG_ERR_PARSE, "expected an ISO date YYYY-MM-DD");
    int32_t v;
    SEG_TRY(civil(&v, sc, y, m, d, 0));
    if (more(sc) && (sc->s[sc->pos] == 'T' || sc->s[sc->pos] == ' '))
        SEG_TRY(parse_time(sc));
    if (more(sc))
        return fail(sc, SEG_ERR_PARSE, "unexpected text after the date");
    *out = v;
    return SEG_OK;
}

seg_status seg__date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len)
{
    seg_value_error err;
    scan sc = {text, len, 0, &err};
    seg_status st = scan_iso(out, &sc);
    if (st == SEG_OK || !ctx)
        return st;
    return seg__error_at(ctx, st, 0, (int64_t)err.pos + 1, "date '%.*s': %s",
                         (int)(len > 40 ? 40 : len), text, err.what);
}

/* ---- the other shapes of CSV exports ---- */

static const char *const any_date = "expected a date like 2024-03-31, 31.03.2024, 03/31/2024 or 20240331";

/* An optional time after a dotted or slashed date: [T| ]H[H]:MM[:SS[.f]][ ][AM|PM]. */
static seg_status loose_time(scan *sc)
{
    if (!more(sc))
        return SEG_OK;
    if (sc->s[sc->pos] != ' ' && sc->s[sc->pos] != 'T')
        return fail(sc, SEG_ERR_PARSE, "unexpected text after the date");
    SEG_TRY(clock_time(sc, 0));
    size_t at = sc->pos;
    expect(sc, ' ');
    if (sc->len - sc->pos == 2) {
        char ap = (char)(sc->s[sc->pos] | 0x20), m = (char)(sc->s[sc->pos + 1] | 0x20);
        if ((ap == 'a' || ap == 'p') && m == 'm')
            sc->pos += 2;
    }
    if (sc->pos == at + 1)
        sc->pos = at;
    if (more(sc))
        return fail(sc, SEG_ERR_PARSE, "unexpected text after the time");
    return SEG_OK;
}

/* Day and month of a slash date A/B under `order`, deciding it when A or B
 * is above 12 and the order is still unknown. */
static seg_status slash_order(int *d, int *m, scan *sc, int a, int b, int *order)
{
    if (*order == SEG_CSV_DATE_ORDER_AUTO) {
        if (a > 12 && b <= 12)
            *order = SEG_CSV_DATE_ORDER_DMY;
        else if (b > 12 && a <= 12)
            *order = SEG_CSV_DATE_ORDER_MDY;
        else if (a != b && a <= 12 && b <= 12) {
            sc->pos = 0;
            return fail(sc, SEG_ERR_PARSE,
                        "day/month order is ambiguous (DD/MM or MM/DD); set SEG_CSV_DATE_ORDER");
        }
    }
    int dmy = *order != SEG_CSV_DATE_ORDER_MDY;
    *d = dmy ? a : b;
    *m = dmy ? b : a;
    return SEG_OK;
}

/* D.M.YYYY or A/B/YYYY (one or two digits each), then an optional time. */
static seg_status scan_dmy(int32_t *out, scan *sc, char sep, int *order)
{
    int a, b, y, d, m;
    if (!digits12(sc, &a) || !expect(sc, sep) || !digits12(sc, &b) || !expect(sc, sep) ||
        !digits(sc, 4, &y))
        return fail(sc, SEG_ERR_PARSE, any_date);
    SEG_TRY(loose_time(sc));
    if (sep == '.' && a == 1 && b == 1 && y == 1) {
        *out = SEG_NONE; /* 1C's empty date 01.01.0001 */
        return SEG_OK;
    }
    d = a, m = b;
    if (sep == '/')
        SEG_TRY(slash_order(&d, &m, sc, a, b, order));
    return civil(out, sc, y, m, d, 0);
}

/* YYYYMMDD (exactly eight digits) or YYYY/M/D with an optional time. */
static seg_status scan_ymd(int32_t *out, scan *sc)
{
    int y, m, d;
    if (sc->len == 8 && sc->s[4] != '/') {
        if (!digits(sc, 4, &y) || !digits(sc, 2, &m) || !digits(sc, 2, &d))
            return fail(sc, SEG_ERR_PARSE, any_date);
        return civil(out, sc, y, m, d, 0);
    }
    if (!digits(sc, 4, &y) || !expect(sc, '/') || !digits12(sc, &m) || !expect(sc, '/') ||
        !digits12(sc, &d))
        return fail(sc, SEG_ERR_PARSE, any_date);
    SEG_TRY(loose_time(sc));
    return civil(out, sc, y, m, d, 0);
}

static inline int two_digits(const char *s)
{
    unsigned a = (unsigned)(s[0] - '0'), b = (unsigned)(s[1] - '0');
    return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* The common exact shapes YYYY-MM-DD and DD.MM.YYYY without a time: 1 when
 * *out was set, 0 to take the general path. */
static int fast_date(int32_t *out, const char *s)
{
    int y, m, d;
    if (s[4] == '-' && s[7] == '-') {
        int hi = two_digits(s), lo = two_digits(s + 2);
        y = hi * 100 + lo, m = two_digits(s + 5), d = two_digits(s + 8);
        if (hi < 0 || lo < 0)
            return 0;
    } else if (s[2] == '.' && s[5] == '.') {
        int hi = two_digits(s + 6), lo = two_digits(s + 8);
        y = hi * 100 + lo, m = two_digits(s + 3), d = two_digits(s);
        if (hi < 0 || lo < 0)
            return 0;
    } else
        return 0;
    if (y < 2 || m < 1 || m > 12 || d < 1 || (d > 28 && d > seg__days_in_month(y, m)))
        return 0;
    *out = seg__days_from_civil(y, m, d);
    return 1;
}

seg_status seg__date_scan(int32_t *out, const char *text, size_t len, int *order, seg_value_error *err)
{
    scan sc = {text, len, 0, err};
    if (len == 10 && fast_date(out, text))
        return SEG_OK;
    if (len >= 10 && text[4] == '-')
        return scan_iso(out, &sc);
    for (size_t i = 1; i < 3 && i < len; i++)
        if (text[i] == '.' || text[i] == '/')
            return scan_dmy(out, &sc, text[i], order);
    if (len >= 8 && (text[4] == '/' || len == 8))
        return scan_ymd(out, &sc);
    return fail(&sc, SEG_ERR_PARSE, any_date);
}

int seg__date_order_hint(const char *text, size_t len)
{
    seg_value_error err;
    scan sc = {text, len, 0, &err};
    int a, b, y;
    if (len < 8 || (text[1] != '/' && text[2] != '/') || !digits12(&sc, &a) || !expect(&sc, '/') || !digits12(&sc, &b) ||
        !expect(&sc, '/') || !digits(&sc, 4, &y) || a == b || a < 1 || b < 1 || (a > 12 && b > 12))
        return SEG_DATE_HINT_NONE;
    return a > 12 ? SEG_DATE_HINT_DMY : b > 12 ? SEG_DATE_HINT_MDY : SEG_DATE_HINT_AMBIGUOUS;
}

SEG_API seg_status seg_date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len)
{
    if (ctx)
        seg__reset(ctx);
    if (!out || (!text && len))
        return ctx ? seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "seg_date_parse: NULL argument")
                   : SEG_ERR_INVALID_ARGUMENT;
    return seg__date_parse(out, ctx, text ? text : "", len);
}
