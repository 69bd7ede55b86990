/* Numbers, money and dates as text for people, without the C locale: fixed
 * decimals are rounded in integers and grouped by hand. */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include <libsegment/segment.h>

/* Insert "," every three digits of the integer part of a plain decimal. */
static fmt_buf group(const char *plain)
{
    fmt_buf b;
    size_t sign = plain[0] == '-', digits = strspn(plain + sign, "0123456789"), o = 0;
    if (sign)
        b.s[o++] = '-';
    for (size_t i = 0; i < digits; i++) {
        if (i && (digits - i) % 3 == 0)
            b.s[o++] = ',';
        b.s[o++] = plain[sign + i];
    }
    snprintf(b.s + o, sizeof b.s - o, "%s", plain + sign + digits);
    return b;
}

fmt_buf fmt_int(int64_t v)
{
    char plain[24];
    snprintf(plain, sizeof plain, "%lld", (long long)v);
    return group(plain);
}

fmt_buf fmt_money(int64_t minor, int scale)
{
    char plain[32];
    if (seg_money_format(plain, sizeof plain, minor, scale) != SEG_OK)
        return fmt_int(minor);
    return group(plain);
}

fmt_buf fmt_fixed(double v, int decimals)
{
    fmt_buf b;
    int64_t unit = 1;
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    for (int i = 0; i < decimals; i++)
        unit *= 10;
    double scaled = (v < 0 ? -v : v) * (double)unit + 0.5;
    if (!(scaled < 9e17)) { /* NaN, infinities and absurd magnitudes */
        snprintf(b.s, sizeof b.s, "%s", FMT_NONE);
        return b;
    }
    int64_t n = (int64_t)scaled, fraction = n % unit;
    int len = snprintf(b.s, sizeof b.s, "%s%lld", v < 0 && n ? "-" : "", (long long)(n / unit));
    if (decimals > 0 && len > 0 && len + 1 + decimals < (int)sizeof b.s) {
        b.s[len] = '.';
        for (int i = decimals; i > 0; i--, fraction /= 10)
            b.s[len + i] = (char)('0' + fraction % 10);
        b.s[len + 1 + decimals] = '\0';
    }
    return b;
}

fmt_buf fmt_pct(double share)
{
    fmt_buf b = fmt_fixed(100 * share, 1);
    if (strcmp(b.s, FMT_NONE) != 0)
        strcat(b.s, " %");
    return b;
}

fmt_buf fmt_real(double v)
{
    fmt_buf b = fmt_fixed(v, 2);
    char *dot = strchr(b.s, '.');
    if (dot) {
        size_t end = strlen(b.s);
        while (end > 0 && b.s[end - 1] == '0')
            b.s[--end] = '\0';
        if (b.s[end - 1] == '.')
            b.s[end - 1] = '\0';
    }
    return b;
}

fmt_buf fmt_date(int64_t day)
{
    fmt_buf b;
    if (day < SEG_DATE_MIN || day > SEG_DATE_MAX || seg_date_format(b.s, sizeof b.s, (int32_t)day) != SEG_OK)
        snprintf(b.s, sizeof b.s, "%s", FMT_NONE);
    return b;
}

fmt_buf fmt_time(int64_t t)
{
    int64_t day = t / 86400, second = t % 86400;
    if (second < 0) {
        second += 86400;
        day--;
    }
    fmt_buf b = fmt_date(day);
    if (strcmp(b.s, FMT_NONE) != 0)
        snprintf(b.s + 10, sizeof b.s - 10, " %02d:%02d UTC", (int)(second / 3600), (int)(second / 60 % 60));
    return b;
}
