/* Fuzz target: the money and date parsers, public and internal (CSV dialects), with the scale,
 * decimal mark and date order from the first byte; checks round trips and fast == slow paths. */
#include <string.h>

#include "fuzz_common.h"
#include "io/date.h"
#include "io/money.h"

/* Public money parser: a parsed value formats and parses back to itself. */
static void money_public(const char *text, size_t len, int scale)
{
    int64_t v = 0, back = 0;
    char buf[32];
    seg_status st = seg_money_parse(&v, NULL, text, len, scale);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (scale > SEG_SCALE_MAX)
        FUZZ_CHECK(st == SEG_ERR_RANGE);
    if (st != SEG_OK)
        return;
    FUZZ_CHECK(v != INT64_MIN);
    FUZZ_CHECK(seg_money_format(buf, sizeof buf, v, scale) == SEG_OK);
    FUZZ_CHECK(seg_money_parse(&back, NULL, buf, strlen(buf), scale) == SEG_OK && back == v);
    if (scale < SEG_SCALE_MAX) { /* one more decimal: ten times the minor units, or overflow */
        st = seg_money_parse(&back, NULL, text, len, scale + 1);
        FUZZ_CHECK(st == SEG_OK ? back / 10 == v && back % 10 == 0 : st == SEG_ERR_OVERFLOW);
    }
}

/* Internal scanner with a CSV number format; the inline fast path must agree with it. */
static void money_dialect(const char *text, size_t len, int scale, uint8_t mode)
{
    static const char marks[4] = {'.', ',', 0, '.'};
    seg_numfmt fmt = {marks[mode & 3], (unsigned char)(mode >> 2 & 1), (unsigned char)(mode >> 3 & 1)};
    seg_value_error err = {SEG_OK, 0, NULL};
    int64_t v = 0, fast = 0;
    seg_status st = seg__money_scan(&v, text, len, scale, &fmt, &err);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK)
        FUZZ_CHECK(err.status == st && err.what != NULL && err.pos <= len);
    if (marks[mode & 3] && seg__money_fast(&fast, text, len, scale, marks[mode & 3])) {
        seg_numfmt plain = {marks[mode & 3], 0, 0};
        FUZZ_CHECK(seg__money_scan(&v, text, len, scale, &plain, &err) == SEG_OK && v == fast);
    }
#ifdef SEG_MONEY_SWAR
    char pad[8 + 16]; /* the word reader also reads the 8 bytes before the value's end */
    int64_t swar = 0;
    memset(pad, '5', 8);
    if (len <= 16 && (memcpy(pad + 8, text, len), seg__money_swar(&swar, pad + 8, len, scale, marks[mode & 3])))
        FUZZ_CHECK(seg__money_fast(&fast, text, len, scale, marks[mode & 3]) && fast == swar);
#endif
}

/* Public ISO date parser: format then parse is the identity. */
static void date_public(const char *text, size_t len)
{
    int32_t d = 0, back = 0;
    char buf[16];
    int y = 0, m = 0, day = 0;
    seg_status st = seg_date_parse(&d, NULL, text, len);
    FUZZ_CHECK(fuzz_status_ok(st));
    if (st != SEG_OK)
        return;
    FUZZ_CHECK(d >= SEG_DATE_MIN && d <= SEG_DATE_MAX);
    FUZZ_CHECK(seg_date_format(buf, sizeof buf, d) == SEG_OK && strlen(buf) == 10);
    FUZZ_CHECK(seg_date_parse(&back, NULL, buf, 10) == SEG_OK && back == d);
    FUZZ_CHECK(seg_date_to_ymd(&y, &m, &day, d) == SEG_OK);
    FUZZ_CHECK(seg_date_from_ymd(&back, y, m, day) == SEG_OK && back == d);
}

/* Internal scanner of CSV date shapes, with a day/month order. */
static void date_dialect(const char *text, size_t len, int order)
{
    seg_value_error err = {SEG_OK, 0, NULL};
    int32_t d = 0;
    int before = order;
    seg_status st = seg__date_scan(&d, text, len, &order, &err);
    FUZZ_CHECK(fuzz_status_ok(st));
    int hint = seg__date_order_hint(text, len);
    FUZZ_CHECK(hint >= SEG_DATE_HINT_NONE && hint <= SEG_DATE_HINT_AMBIGUOUS);
    if (st != SEG_OK) {
        FUZZ_CHECK(err.status == st && err.what != NULL && err.pos <= len);
        return;
    }
    FUZZ_CHECK(d == SEG_NONE || seg__date_valid(d));
    FUZZ_CHECK(before == SEG_CSV_DATE_ORDER_AUTO || order == before);
    if (seg_date_parse(&d, NULL, text, len) == SEG_OK) { /* ISO text reads the same both ways */
        int32_t iso = d;
        order = before;
        FUZZ_CHECK(seg__date_scan(&d, text, len, &order, &err) == SEG_OK && d == iso);
    }
}

/* Day numbers from the bytes: in range they round-trip, out of range they are refused. */
static void date_number(const uint8_t *data, size_t size)
{
    int32_t d = 0, back = 0;
    char buf[11];
    if (size < 4)
        return;
    memcpy(&d, data, 4);
    d = d % (SEG_DATE_MAX + 100000);
    seg_status st = seg_date_format(buf, sizeof buf, d);
    if (d < SEG_DATE_MIN || d > SEG_DATE_MAX) {
        FUZZ_CHECK(st == SEG_ERR_RANGE);
        return;
    }
    FUZZ_CHECK(st == SEG_OK && seg_date_parse(&back, NULL, buf, 10) == SEG_OK && back == d);
    FUZZ_CHECK(seg_date_format(buf, 10, d) == SEG_ERR_BUFFER_TOO_SMALL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    money_public(text, len, mode & 7);
    money_dialect(text, len, (mode & 7) % 7, mode >> 3);
    date_public(text, len);
    date_dialect(text, len, (mode >> 6) % 3);
    date_number(data + 1, len);
    return 0;
}
