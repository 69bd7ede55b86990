/* Buffered output through a seg_write_fn, with the CSV and JSON encodings of
 * one typed value; the first failure sticks and is reported at the end. */
#include "out.h"

#include "../util/digits.h"
#include "../util/real.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define OUT_CAP 65536

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

static void flush(seg_out *o)
{
    if (o->status == SEG_OK && o->len && o->fn(o->buf, o->len, o->user_data) != 0)
        o->status = seg__error(o->ctx, SEG_ERR_IO, "the write callback failed");
    o->len = 0;
}

seg_status seg__out_close(seg_out *o)
{
    flush(o);
    seg__free(o->ctx, o->buf);
    o->buf = NULL;
    return o->status;
}

void seg__out_bytes(seg_out *o, const char *s, size_t len)
{
    while (len && o->status == SEG_OK) {
        if (o->len == o->cap)
            flush(o);
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

/* Numbers and dates as text, shared by both formats. */
static size_t format_plain(char *buf, size_t cap, const seg_value *v, int scale)
{
    switch (v->kind) {
    case SEG_V_INT: return cap > 21 ? seg__digits_i64(buf, v->i) : 0;
    case SEG_V_REAL: return (size_t)snprintf(buf, cap, "%s", seg__real(v->d, 'g', 10).s);
    case SEG_V_MONEY: seg_money_format(buf, cap, v->i, scale); return strlen(buf);
    case SEG_V_DATE: return seg_date_format(buf, cap, (int32_t)v->i) == SEG_OK ? 10 : 0;
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

static void csv_text(seg_out *o, const char *s, size_t len)
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

void seg__out_csv(seg_out *o, const seg_value *v)
{
    char buf[48];
    if (v->kind == SEG_V_TEXT)
        csv_text(o, v->s, v->len);
    else if (v->kind != SEG_V_NULL && !(v->kind == SEG_V_REAL && !isfinite(v->d)))
        seg__out_bytes(o, buf, format_plain(buf, sizeof buf, v, o->scale));
}

static void json_string(seg_out *o, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    seg__out_bytes(o, "\"", 1);
    for (size_t i = 0; i < len;) {
        size_t n = seg__utf8_sequence(text + i, len - i);
        char esc[8];
        if (n == 0) {
            seg__out_str(o, "\xEF\xBF\xBD");
            i++;
        } else if (s[i] == '"' || s[i] == '\\') {
            esc[0] = '\\';
            esc[1] = (char)s[i++];
            seg__out_bytes(o, esc, 2);
        } else if (s[i] < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", s[i++]);
            seg__out_str(o, esc);
        } else {
            seg__out_bytes(o, text + i, n);
            i += n;
        }
    }
    seg__out_bytes(o, "\"", 1);
}

void seg__out_json(seg_out *o, const seg_value *v)
{
    char buf[48];
    size_t n;
    switch (v->kind) {
    case SEG_V_TEXT: json_string(o, v->s, v->len); return;
    case SEG_V_DATE:
        n = format_plain(buf, sizeof buf, v, o->scale);
        json_string(o, buf, n);
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
    seg__out_bytes(o, buf, format_plain(buf, sizeof buf, v, o->scale));
}

void seg__out_json_key(seg_out *o, const char *s)
{
    json_string(o, s, strlen(s));
}
