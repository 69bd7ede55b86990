/* Buffered output through a seg_write_fn, with the CSV and JSON encodings of
 * one typed value; the first failure sticks and is reported at the end. */
#include "out.h"

#include "../util/digits.h"
#include "../util/real.h"
#include "text.h"

#include <math.h>
#include <string.h>

#define OUT_CAP (256 * 1024) /* few large writes, still well inside L2 */

seg_status seg__out_open(seg_out *o, seg_context *ctx, seg_write_fn fn, void *user_data, int scale)
{
    memset(o, 0, sizeof *o);
    o->ctx = ctx;
    o->fn = fn;
    o->user_data = user_data;
    o->scale = scale;
    o->buf = seg__malloc(ctx, OUT_CAP);
    if (!o->buf)
        return seg__nomem(ctx, OUT_CAP);
    o->cap = OUT_CAP;
    return SEG_OK;
}

void seg__out_flush(seg_out *o)
{
    if (o->status == SEG_OK && o->len && o->fn(o->buf, o->len, o->user_data) != 0)
        o->status = seg__error(o->ctx, SEG_ERR_IO, "the write callback failed");
    o->len = 0;
}

void seg__out_direct(seg_out *o, const char *data, size_t len)
{
    seg__out_flush(o);
    if (o->status == SEG_OK && len && o->fn(data, len, o->user_data) != 0)
        o->status = seg__error(o->ctx, SEG_ERR_IO, "the write callback failed");
}

seg_status seg__out_close(seg_out *o)
{
    seg__out_flush(o);
    seg__free(o->ctx, o->buf);
    o->buf = NULL;
    return o->status;
}

void seg__out_bytes(seg_out *o, const char *s, size_t len)
{
    while (len && o->status == SEG_OK) {
        if (o->len == o->cap)
            seg__out_flush(o);
        size_t n = o->cap - o->len < len ? o->cap - o->len : len;
        memcpy(o->buf + o->len, s, n);
        o->len += n;
        s += n;
        len -= n;
    }
}

void seg__out_str(seg_out *o, const char *s)
{
    seg__out_bytes(o, s, strlen(s));
}

size_t seg__out_real(char *buf, double v)
{
    return seg__real_g(buf, v, 10);
}

/* Numbers and dates as text, shared by both formats (buf: 48 bytes). */
static size_t format_plain(char *buf, const seg_value *v, int scale)
{
    switch (v->kind) {
    case SEG_V_INT: return seg__digits_i64(buf, v->i);
    case SEG_V_REAL: return seg__out_real(buf, v->d);
    case SEG_V_MONEY: return seg_money_format(buf, 48, v->i, scale) == SEG_OK ? strlen(buf) : 0;
    case SEG_V_DATE: return seg_date_format(buf, 48, (int32_t)v->i) == SEG_OK ? 10 : 0;
    default: return 0;
    }
}

/* A plain decimal number: [+-]digits[.digits]. */
static int is_number(const char *s, size_t len)
{
    size_t i = len && (s[0] == '+' || s[0] == '-'), digits = 0, dots = 0;
    for (; i < len; i++) {
        if (s[i] == '.' && !dots++)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return 0;
        digits++;
    }
    return digits > 0;
}

static int needs_quotes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return 1;
    return 0;
}

/* Text a spreadsheet could run: '=', '@', a tab or CR first, or '+'/'-'
 * followed by more than a plain number (a lone '-' is just text). */
static int formula_like(const char *s, size_t len)
{
    if (!len)
        return 0;
    if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
        return 1;
    return (s[0] == '+' || s[0] == '-') && len > 1 && !is_number(s, len);
}

/* 1 when the text goes out as it is: no byte to quote, nothing a
 * spreadsheet could take for a formula. */
static int csv_plain(const char *s, size_t len)
{
    if (len && (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '+' || s[0] == '-'))
        return 0;
    return !needs_quotes(s, len);
}

static void csv_quoted(seg_out *o, const char *s, size_t len)
{
    int formula = formula_like(s, len);
    int quote = needs_quotes(s, len);
    if (quote)
        seg__out_bytes(o, "\"", 1);
    if (formula)
        seg__out_bytes(o, "'", 1);
    for (size_t i = 0, start = 0; i <= len; i++) {
        if (i < len && s[i] != '"')
            continue;
        seg__out_bytes(o, s + start, i - start + (i < len));
        if (i < len)
            seg__out_bytes(o, "\"", 1);
        start = i + 1;
    }
    if (quote)
        seg__out_bytes(o, "\"", 1);
}

void seg__out_csv_text(seg_out *o, const char *s, size_t len)
{
    if (csv_plain(s, len))
        seg__out_bytes(o, s, len);
    else
        csv_quoted(o, s, len);
}

void seg__out_csv(seg_out *o, const seg_value *v)
{
    char buf[48];
    if (v->kind == SEG_V_TEXT)
        seg__out_csv_text(o, v->s, v->len);
    else if (v->kind != SEG_V_NULL && !(v->kind == SEG_V_REAL && !isfinite(v->d)))
        seg__out_bytes(o, buf, format_plain(buf, v, o->scale));
}

/* One byte that cannot stand in a JSON string as it is: a quote or backslash
 * escaped, a control character as \u00XX, a byte of invalid UTF-8 as U+FFFD. */
static void json_escape(seg_out *o, unsigned char ch)
{
    static const char hex[] = "0123456789abcdef";
    char esc[6] = {'\\', (char)ch, 0, 0, 0, 0};
    if (ch >= 0x80)
        seg__out_bytes(o, "\xEF\xBF\xBD", 3);
    else if (ch == '"' || ch == '\\')
        seg__out_bytes(o, esc, 2);
    else {
        memcpy(esc + 1, "u00", 3);
        esc[4] = hex[ch >> 4];
        esc[5] = hex[ch & 15];
        seg__out_bytes(o, esc, 6);
    }
}

/* Runs of bytes that need no escape (printable ASCII, valid UTF-8) go out
 * in one copy each. */
void seg__out_json_text(seg_out *o, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t start = 0;
    seg__out_bytes(o, "\"", 1);
    for (size_t i = 0; i < len;) {
        if (s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\') {
            i++;
            continue;
        }
        size_t n = s[i] >= 0x80 ? seg__utf8_sequence(text + i, len - i) : 0;
        if (n) {
            i += n;
            continue;
        }
        seg__out_bytes(o, text + start, i - start);
        json_escape(o, s[i]);
        start = ++i;
    }
    seg__out_bytes(o, text + start, len - start);
    seg__out_bytes(o, "\"", 1);
}

void seg__out_json(seg_out *o, const seg_value *v)
{
    char buf[48];
    size_t n;
    switch (v->kind) {
    case SEG_V_TEXT: seg__out_json_text(o, v->s, v->len); return;
    case SEG_V_DATE:
        n = format_plain(buf, v, o->scale);
        seg__out_json_text(o, buf, n);
        return;
    case SEG_V_NULL: seg__out_str(o, "null"); return;
    case SEG_V_REAL:
        if (!isfinite(v->d)) {
            seg__out_str(o, "null");
            return;
        }
        break;
    default: break;
    }
    seg__out_bytes(o, buf, format_plain(buf, v, o->scale));
}

void seg__out_json_key(seg_out *o, const char *s)
{
    seg__out_json_text(o, s, strlen(s));
}
