/* White-box tests of the CSV building blocks: the tokenizer (the same rows
 * whichever byte a block ends at), record skipping, UTF-8 and Windows-1251
 * text, header folding, and the money and date parsers' CSV formats. */
#include "test_util.h"

#include "io/csv_scan.h"
#include "io/csv_source.h"
#include "io/date.h"
#include "io/money.h"
#include "io/text.h"

#include <stdio.h>
#include <stdlib.h>

#define CAP 64
#define NCOLS 3

typedef struct scan_fixture {
    seg_span spans[NCOLS * CAP];
    uint32_t start[CAP], nfields[CAP], flaw_at[CAP];
    uint8_t flaw[CAP];
    int64_t line[CAP];
    seg_csv_rows rows;
    int16_t colmap[NCOLS];
    seg_csv_scanner sc;
} scan_fixture;

static void scan_init(scan_fixture *s, char delim, size_t max_record)
{
    memset(s, 0, sizeof *s);
    s->rows = (seg_csv_rows){0, CAP, NCOLS, s->spans, s->start, s->nfields, s->flaw_at, s->flaw, s->line};
    for (int i = 0; i < NCOLS; i++)
        s->colmap[i] = (int16_t)i;
    s->sc = (seg_csv_scanner){delim, s->colmap, NCOLS, 0, max_record};
}

/* Rows as text, "line flaw nfields|a|b|c" each, fields unescaped. */
static void describe(char *out, size_t cap, const scan_fixture *s, const char *text)
{
    size_t n = 0;
    for (size_t r = 0; r < s->rows.n; r++) {
        n += (size_t)snprintf(out + n, cap - n, "%lld %d %u", (long long)s->line[r], s->flaw[r], s->nfields[r]);
        for (size_t c = 0; c < NCOLS && c < s->nfields[r]; c++) {
            seg_span sp = seg__span_at(&s->rows, r, c);
            char field[256];
            size_t len = sp.len & SEG_SPAN_ESCAPED ? seg__csv_unescape(field, text + sp.off, seg__span_len(sp))
                                                   : seg__span_len(sp);
            if (!(sp.len & SEG_SPAN_ESCAPED))
                memcpy(field, text + sp.off, len);
            n += (size_t)snprintf(out + n, cap - n, "|%.*s", (int)len, field);
        }
        n += (size_t)snprintf(out + n, cap - n, "\n");
    }
}

static const char *const tricky[] = {
    "a,b,c\n1,2,3\n",
    "a,b,c\r\n\"x\r\ny\",\"q\"\"q\",z\r\n\r\n4,5,6",
    "a,b,c\r1,\"2\r\",3\r\r\"\"\"\",,\r",
    "a,b\n\"unterminated,1\n2,3\n",
    "\"a\"x,b,c\n1,2\n1,2,3,4\n,,\n",
    "\n\n\"\",\"\",\"\"\n\"\"\"\"\"\"\n",
    "x,y,z\n\"a\"\"\",\"\"\"b\",\"c\"\"\"\"\"\n",
};

static void same_rows_wherever_the_data_is_cut(void **state)
{
    (void)state;
    static scan_fixture whole, parts;
    static char want[8192], got[8192];
    for (size_t t = 0; t < sizeof tricky / sizeof *tricky; t++) {
        const char *text = tricky[t];
        size_t len = strlen(text), pos = 0;
        int64_t line = 1;
        scan_init(&whole, ',', 1 << 20);
        assert_int_equal(seg__csv_scan(&whole.rows, &whole.sc, text, &pos, len, 1, &line), SEG_SCAN_END);
        assert_int_equal(pos, len);
        describe(want, sizeof want, &whole, text);
        for (size_t k = 0; k <= len; k++) {
            size_t p = 0;
            int64_t l = 1;
            scan_init(&parts, ',', 1 << 20);
            seg_scan_stop stop = seg__csv_scan(&parts.rows, &parts.sc, text, &p, k, 0, &l);
            assert_true(stop == SEG_SCAN_MORE);
            assert_int_equal(seg__csv_scan(&parts.rows, &parts.sc, text, &p, len, 1, &l), SEG_SCAN_END);
            describe(got, sizeof got, &parts, text);
            if (strcmp(got, want) != 0 || l != line)
                fail_msg("text %zu cut at %zu:\n%s\nwanted:\n%s", t, k, got, want);
        }
    }
}

static void rows_full_and_too_long(void **state)
{
    (void)state;
    static scan_fixture s;
    static char text[CAP * 4 + 8];
    size_t n = 0, pos = 0;
    int64_t line = 1;
    for (int i = 0; i < CAP + 1; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%d\n", i % 10);
    scan_init(&s, ',', 1 << 20);
    s.sc.ncols = 1;
    assert_int_equal(seg__csv_scan(&s.rows, &s.sc, text, &pos, n, 1, &line), SEG_SCAN_FULL);
    assert_int_equal(s.rows.n, CAP);
    assert_int_equal(pos, 2 * CAP);
    assert_int_equal(line, CAP + 1);
    scan_init(&s, ',', 8);
    s.sc.ncols = 1;
    pos = 0;
    line = 1;
    assert_int_equal(seg__csv_scan(&s.rows, &s.sc, "\"123456789", &pos, 10, 0, &line), SEG_SCAN_TOO_LONG);
    assert_int_equal(pos, 0);
    assert_int_equal(seg__csv_scan(&s.rows, &s.sc, "123456789\n1\n", &pos, 12, 1, &line), SEG_SCAN_END);
    assert_int_equal(s.flaw[0], SEG_FLAW_TOO_LONG);
    assert_int_equal(s.flaw[1], SEG_FLAW_NONE);
}

static void skipping_a_record_in_pieces(void **state)
{
    (void)state;
    const char *text = "ab,\"c\r\n\"\"d,\"\r\ne,f\n";
    size_t len = strlen(text), end = strlen("ab,\"c\r\n\"\"d,\"\r\n");
    for (size_t k = 0; k <= len; k++) {
        seg_csv_skip st = {0, 1};
        size_t pos = 0;
        int64_t line = 1;
        int done = seg__csv_skip(&st, text, &pos, k, 0, ',', &line);
        assert_true(pos <= k);
        if (!done)
            done = seg__csv_skip(&st, text, &pos, len, 1, ',', &line);
        assert_true(done);
        assert_int_equal(pos, end);
        assert_int_equal(line, 3);
    }
}

static void split_for_headers(void **state)
{
    (void)state;
    seg_span f[4];
    size_t n = 0, pos = 0;
    int64_t line = 1;
    const char *text = "\r\n\"a,b\";c;\"\"\"d\"\"\"\r\nx";
    assert_int_equal(seg__csv_split(text, &pos, strlen(text), 1, ';', f, 4, &n, &line), 1);
    assert_int_equal(n, 3);
    assert_int_equal(line, 3);
    assert_int_equal(f[0].off, 3);
    assert_int_equal(seg__span_len(f[0]), 3);
    assert_true(f[2].len & SEG_SPAN_ESCAPED);
    assert_int_equal(text[pos], 'x');
    pos = 0;
    assert_int_equal(seg__csv_split(text, &pos, 9, 0, ';', f, 4, &n, &line), 0); /* cut */
    assert_int_equal(pos, 0);
}

/* ---- text ---- */

static void utf8_validation(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t bad;
    } cases[] = {
        {"plain", 5},           {"\xd0\x90\xd0\x91", 4},     {"a\xc0\xafz", 1},     /* overlong */
        {"\xed\xa0\x80", 0},    /* surrogate */              {"\xf4\x90\x80\x80", 0}, /* > U+10FFFF */
        {"ok\xe2\x82", 2},      /* cut */                    {"\xf0\x9f\x98\x80!", 5},
        {"\xff", 0},            {"x\x80", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(seg__utf8_check(cases[i].s, strlen(cases[i].s), 0), cases[i].bad);
    assert_int_equal(seg__utf8_check("a\0b", 3, 0), 1);
    assert_int_equal(seg__utf8_check("a\0b", 3, 1), 3);
    assert_true(seg__text_plain("abc 123", 7));
    assert_false(seg__text_plain("ab\xd0\x90", 4));
    assert_false(seg__text_plain("a\0", 2));
    assert_int_equal(seg__utf8_length("\xd0\x90x\xff\xe2\x82\xac", 7), 4);
}

static void windows_1251_to_utf8(void **state)
{
    (void)state;
    char out[16];
    static const struct {
        unsigned char byte;
        const char *utf8;
    } cases[] = {
        {0xC0, "А"}, {0xFF, "я"}, {0xA8, "Ё"}, {0xB8, "ё"}, {0xB9, "№"}, {0x88, "€"},
        {0xA0, "\xc2\xa0"}, {0x98, "\xc2\x98"}, {0xAB, "«"}, {0x96, "–"}, {'A', "A"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char in = (char)cases[i].byte;
        size_t n = seg__cp1251_to_utf8(out, &in, 1);
        assert_int_equal(n, strlen(cases[i].utf8));
        assert_memory_equal(out, cases[i].utf8, n);
    }
    for (int b = 0x80; b <= 0xFF; b++) { /* every high byte becomes valid UTF-8 */
        char in = (char)b;
        size_t n = seg__cp1251_to_utf8(out, &in, 1);
        assert_int_equal(seg__utf8_check(out, n, 0), n);
    }
}

static void folding_header_names(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Customer_ID", "customerid"}, {" Invoice Date ", "invoicedate"}, {"Сумма, руб.", "сумма"},
        {"Сумма (руб.)", "сумма"},     {"СЧЁТ", "счет"},                 {"Кол-во", "колво"},
        {"Amount [USD]", "amount"},    {"Дата\xc2\xa0заказа", "датазаказа"}, {"ЯЮЭ", "яюэ"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = seg__text_fold(out, cases[i].in, strlen(cases[i].in));
        out[n] = '\0';
        assert_string_equal(out, cases[i].out);
    }
}

static void excerpts(void **state)
{
    (void)state;
    char out[200];
    seg__text_excerpt(out, sizeof out, "ab\x01\xff\xd0\x90", 6, 40, 0);
    assert_string_equal(out, "ab??А");
    seg__text_excerpt(out, sizeof out, "\xc0\xc1\xc2", 3, 2, 1);
    assert_string_equal(out, "АБ...");
    seg__text_excerpt(out, sizeof out, "", 0, 40, 0);
    assert_string_equal(out, "");
}

/* ---- money and dates in CSV formats ---- */

static seg_status money(int64_t *out, const char *text, char decimal, seg_value_error *err)
{
    seg_numfmt fmt = {decimal, 1, 0};
    return seg__money_scan(out, text, strlen(text), 2, &fmt, err);
}

static void money_formats(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        char decimal;
        int64_t value;
    } ok[] = {
        {"1 234,5", ',', 123450},       {"1 234 567.89", '.', 123456789}, {"-1'000", '.', -100000},
        {"12\xc2\xa0" "000,00", 0, 1200000}, {"999", 0, 99900},          {"+0,07", 0, 7},
        {"1\xe2\x80\xaf" "000", 0, 100000},
    };
    static const struct {
        const char *text;
        char decimal;
        seg_status st;
        size_t pos;
    } bad[] = {
        {"12 34", '.', SEG_ERR_PARSE, 5},     {"1234 567", '.', SEG_ERR_PARSE, 4},
        {"1 2345", '.', SEG_ERR_PARSE, 6},    {"1 234.5 6", '.', SEG_ERR_PARSE, 7},
        {"12.5", ',', SEG_ERR_PARSE, 2},      {"12,5", '.', SEG_ERR_PARSE, 2},
        {" 1", '.', SEG_ERR_PARSE, 0},        {"1.234,5", 0, SEG_ERR_INEXACT, 4},
        {"1,005", ',', SEG_ERR_INEXACT, 4},   {"1 ,5", ',', SEG_ERR_PARSE, 2},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int64_t v = 0;
        seg_value_error e;
        if (money(&v, ok[i].text, ok[i].decimal, &e) != SEG_OK)
            fail_msg("'%s': %s", ok[i].text, e.what);
        assert_int_equal(v, ok[i].value);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t v = 0;
        seg_value_error e = {SEG_OK, 99, NULL};
        if (money(&v, bad[i].text, bad[i].decimal, &e) != bad[i].st || e.pos != bad[i].pos)
            fail_msg("'%s': status %d at %zu", bad[i].text, (int)e.status, e.pos);
    }
}

static void the_first_decimal_mark_decides(void **state)
{
    (void)state;
    seg_numfmt fmt = {0, 1, 0};
    int64_t v = 0;
    seg_value_error e;
    assert_int_equal(seg__money_scan(&v, "12", 2, 2, &fmt, &e), SEG_OK);
    assert_int_equal(fmt.decimal, 0);
    assert_int_equal(seg__money_scan(&v, "1x,5", 4, 2, &fmt, &e), SEG_ERR_PARSE); /* a bad value decides nothing */
    assert_int_equal(fmt.decimal, 0);
    assert_int_equal(seg__money_scan(&v, "1,5", 3, 2, &fmt, &e), SEG_OK);
    assert_int_equal(fmt.decimal, ',');
    assert_int_equal(seg__money_scan(&v, "1.5", 3, 2, &fmt, &e), SEG_ERR_PARSE);
    fmt = (seg_numfmt){0, 1, 1}; /* Windows-1251: a lone 0xA0 separates thousands */
    assert_int_equal(seg__money_scan(&v, "1\xa0" "000", 5, 0, &fmt, &e), SEG_OK);
    assert_int_equal(v, 1000);
}

/* The word-at-a-time amount reader takes a value only as seg__money_fast
 * reads it: every string of up to 6 bytes over a small alphabet. */
static void money_swar_agrees(void **state)
{
    (void)state;
#ifdef SEG_MONEY_SWAR
    static const char alpha[] = "09.,-+/:a";
    const long k = (long)sizeof alpha - 1;
    char pad[16];
    long taken = 0;
    memset(pad, '5', sizeof pad); /* what precedes a value is read too */
    for (size_t len = 0, total = 1; len <= 6; len++, total *= (size_t)k)
        for (size_t c = 0; c < total; c++) {
            char *s = pad + 8;
            for (size_t i = 0, x = c; i < len; i++, x /= (size_t)k)
                s[i] = alpha[x % (size_t)k];
            for (int scale = 0; scale <= 3; scale++) {
                int64_t fast = 1, swar = 2;
                if (seg__money_swar(&swar, s, len, scale, '.')) {
                    assert_true(seg__money_fast(&fast, s, len, scale, '.'));
                    assert_int_equal(fast, swar);
                    taken++;
                }
            }
        }
    assert_int_equal(taken, 592); /* every shape it is meant to take */
#endif
}

static seg_status date(int32_t *d, const char *text, int *order)
{
    seg_value_error e;
    return seg__date_scan(d, text, strlen(text), order, &e);
}

static void date_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int order;
        const char *iso;
    } ok[] = {
        {"2024-03-31", 0, "2024-03-31"},           {"2024-03-31 23:59:59.123", 0, "2024-03-31"},
        {"2024-03-31T10:00Z", 0, "2024-03-31"},    {"20240331", 0, "2024-03-31"},
        {"2024/3/31", 0, "2024-03-31"},            {"31.03.2024", 0, "2024-03-31"},
        {"1.3.2024 9:05", 0, "2024-03-01"},        {"31.03.2024 0:00:00", 0, "2024-03-31"},
        {"03/04/2024", SEG_CSV_DATE_ORDER_DMY, "2024-04-03"},
        {"03/04/2024", SEG_CSV_DATE_ORDER_MDY, "2024-03-04"},
        {"3/4/2024 11:30 PM", SEG_CSV_DATE_ORDER_MDY, "2024-03-04"},
        {"05/05/2024", 0, "2024-05-05"},           {"0001-01-01", 0, "0001-01-01"},
    };
    static const char *const bad[] = {"2024-02-30", "31.02.2024", "2024-3-31", "31.03.24", "2024.03.31",
                                      "03/04/2024", "13/13/2024", "20241301", "31.03.2024 25:00", "tomorrow",
                                      "31.03.2024x", "2024-03-31 10"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int32_t d = 0;
        int order = ok[i].order;
        if (date(&d, ok[i].text, &order) != SEG_OK)
            fail_msg("'%s' was refused", ok[i].text);
        assert_int_equal(d, day(ok[i].iso));
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int32_t d = 0;
        int order = 0;
        if (date(&d, bad[i], &order) == SEG_OK)
            fail_msg("'%s' was accepted", bad[i]);
    }
}

static void day_month_order(void **state)
{
    (void)state;
    int32_t d = 0;
    int order = SEG_CSV_DATE_ORDER_AUTO;
    assert_int_equal(date(&d, "01.01.0001", &order), SEG_OK);
    assert_int_equal(d, SEG_NONE);
    assert_int_equal(date(&d, "13/01/2024", &order), SEG_OK); /* decides day first */
    assert_int_equal(order, SEG_CSV_DATE_ORDER_DMY);
    assert_int_equal(date(&d, "02/01/2024", &order), SEG_OK);
    assert_int_equal(d, day("2024-01-02"));
    assert_int_equal(date(&d, "01/13/2024", &order), SEG_ERR_RANGE);
    assert_int_equal(seg__date_order_hint("13/01/2024", 10), SEG_DATE_HINT_DMY);
    assert_int_equal(seg__date_order_hint("1/13/2024 10:00", 15), SEG_DATE_HINT_MDY);
    assert_int_equal(seg__date_order_hint("01/02/2024", 10), SEG_DATE_HINT_AMBIGUOUS);
    assert_int_equal(seg__date_order_hint("02/02/2024", 10), SEG_DATE_HINT_NONE);
    assert_int_equal(seg__date_order_hint("2024/01/13", 10), SEG_DATE_HINT_NONE);
    assert_int_equal(seg__date_order_hint("13.01.2024", 10), SEG_DATE_HINT_NONE);
}

/* A stream of `len` bytes: byte i is 'a' + i % 26. */
typedef struct letters {
    size_t at, len;
} letters;

static int read_letters(void *buf, size_t cap, size_t *got, void *user_data)
{
    letters *in = user_data;
    size_t n = in->len - in->at < cap ? in->len - in->at : cap;
    for (size_t i = 0; i < n; i++)
        ((char *)buf)[i] = (char)('a' + (in->at + i) % 26);
    in->at += n;
    *got = n;
    return 0;
}

/* Twin blocks: each slide reads into the block the window left at the slide
 * before, so the bytes of the window just left stay in place; the kept bytes
 * move along, a kept part as long as a block grows the next one, and
 * seg__source_next_allocates says beforehand which slides allocate. */
static void twin_blocks_keep_the_window_left(void **state)
{
    seg_context *ctx = *state;
    seg_csv_source src;
    letters in = {0, 9 * SEG_CSV_BLOCK};
    assert_int_equal(seg__source_stream(&src, ctx, read_letters, &in, 4 * SEG_CSV_BLOCK), SEG_OK);
    assert_int_equal(seg__source_next(&src, 0), SEG_OK);
    seg__source_twin(&src);
    /* what each window leaves unread: a little, then whole windows (a long record), then a little */
    const size_t keep[] = {100, 0, 0, 0, 7, 5};
    for (size_t k = 0; k < sizeof keep / sizeof keep[0] && !src.eof; k++) {
        const char *left = src.data;
        size_t left_len = src.len, consumed = keep[k] ? src.len - keep[k] : 0;
        uint64_t left_at = src.offset;
        char *other = src.other;
        size_t other_cap = src.other_cap;
        int allocates = seg__source_next_allocates(&src, consumed);
        assert_int_equal(seg__source_next(&src, consumed), SEG_OK);
        assert_int_equal(allocates, src.buf != other || src.cap != other_cap);
        assert_ptr_equal(src.other, left); /* the window left is the other block now, untouched */
        for (size_t i = 0; i < left_len; i += 4093)
            assert_int_equal(left[i], 'a' + (int)((left_at + i) % 26));
        assert_int_equal(src.offset, left_at + consumed);
        for (size_t i = 0; i < src.len; i += 4093)
            assert_int_equal(src.data[i], 'a' + (int)((src.offset + i) % 26));
        assert_true(src.len > left_len - consumed || src.eof);
    }
    seg__source_close(&src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_rows_wherever_the_data_is_cut),
        cmocka_unit_test(rows_full_and_too_long),
        cmocka_unit_test(skipping_a_record_in_pieces),
        cmocka_unit_test(split_for_headers),
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(windows_1251_to_utf8),
        cmocka_unit_test(folding_header_names),
        cmocka_unit_test(excerpts),
        cmocka_unit_test(money_formats),
        cmocka_unit_test(the_first_decimal_mark_decides),
        cmocka_unit_test(money_swar_agrees),
        cmocka_unit_test(date_shapes),
        cmocka_unit_test(day_month_order),
        cmocka_unit_test_setup_teardown(twin_blocks_keep_the_window_left, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests_name("csv scan", tests, NULL, NULL);
}
