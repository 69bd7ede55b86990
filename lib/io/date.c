/* Civil dates as days since 1970-01-01 (proleptic Gregorian): conversion to
 * and from year/month/day, and the ISO 8601 parser shared by every loader. */
#include "date.h"

#include <stdio.h>

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
    snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    return SEG_OK;
}

/* A cursor over the text; `pos` is 0-based, errors report pos + 1. */
typedef struct scan {
    const char *s;
    size_t len, pos;
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

static seg_status fail(seg_context *ctx, const scan *sc, seg_status st, const char *what)
{
    if (!ctx)
        return st;
    return seg__error_at(ctx, st, 0, (int64_t)sc->pos + 1, "date '%.*s': %s", (int)(sc->len > 40 ? 40 : sc->len),
                         sc->s, what);
}

/* [T| ]HH:MM[:SS[.f+]][Z|(+|-)HH[:]MM] — checked, then ignored. */
/* Read a two-digit time part at most `max`; a range error points at its first digit. */
static seg_status time_part(seg_context *ctx, scan *sc, int max, const char *what)
{
    size_t at = sc->pos;
    int v;
    if (!digits(sc, 2, &v))
        return fail(ctx, sc, SEG_ERR_PARSE, what);
    if (v > max) {
        sc->pos = at;
        return fail(ctx, sc, SEG_ERR_RANGE, "time of day out of range");
    }
    return SEG_OK;
}

static seg_status parse_time(seg_context *ctx, scan *sc)
{
    int tz;
    const char *hhmm = "expected a time HH:MM after the date";
    sc->pos++; /* 'T' or ' ' */
    SEG_TRY(time_part(ctx, sc, 23, hhmm));
    if (!expect(sc, ':'))
        return fail(ctx, sc, SEG_ERR_PARSE, hhmm);
    SEG_TRY(time_part(ctx, sc, 59, hhmm));
    if (expect(sc, ':'))
        SEG_TRY(time_part(ctx, sc, 60, "expected seconds SS"));
    if (expect(sc, '.') && !digits(sc, 1, &tz))
        return fail(ctx, sc, SEG_ERR_PARSE, "expected fractional seconds");
    while (more(sc) && sc->s[sc->pos] >= '0' && sc->s[sc->pos] <= '9')
        sc->pos++;
    if (expect(sc, 'Z'))
        return SEG_OK;
    if (more(sc) && (sc->s[sc->pos] == '+' || sc->s[sc->pos] == '-')) {
        sc->pos++;
        if (!digits(sc, 2, &tz) || (expect(sc, ':'), !digits(sc, 2, &tz)))
            return fail(ctx, sc, SEG_ERR_PARSE, "expected a UTC offset HH:MM");
    }
    return SEG_OK;
}

seg_status seg__date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len)
{
    scan sc = {text, len, 0};
    int y, m, d;
    if (!digits(&sc, 4, &y) || !expect(&sc, '-') || !digits(&sc, 2, &m) || !expect(&sc, '-') ||
        !digits(&sc, 2, &d))
        return fail(ctx, &sc, SEG_ERR_PARSE, "expected an ISO date YYYY-MM-DD");
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > seg__days_in_month(y, m)) {
        sc.pos = 0;
        return fail(ctx, &sc, SEG_ERR_RANGE, "no such calendar date");
    }
    if (more(&sc) && (text[sc.pos] == 'T' || text[sc.pos] == ' '))
        SEG_TRY(parse_time(ctx, &sc));
    if (more(&sc))
        return fail(ctx, &sc, SEG_ERR_PARSE, "unexpected text after the date");
    *out = seg__days_from_civil(y, m, d);
    return SEG_OK;
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
