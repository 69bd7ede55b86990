/* Text inside CSV values and headers: UTF-8 validation, Windows-1251 to UTF-8,
 * trimming, loose folding of header names, and character columns. */
#include "text.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(SEG_CSV_PORTABLE)
#include <emmintrin.h>
#define SEG_TEXT_SSE2 1
#endif

int seg__text_plain_block(const char *s, size_t len)
{
    size_t i = 0;
#ifdef SEG_TEXT_SSE2
    const __m128i zero = _mm_setzero_si128();
    __m128i acc = zero; /* high bits of bytes ≥ 0x80, and all bits of NUL bytes */
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        acc = _mm_or_si128(acc, _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
    }
    if (_mm_movemask_epi8(acc))
        return 0;
#endif
    return seg__text_plain(s + i, len - i);
}

/* Bytes after the lead byte `c` and the allowed range of the first of them;
 * 0 when `c` cannot start a sequence. */
static size_t utf8_tail(unsigned c, unsigned *lo, unsigned *hi)
{
    *lo = 0x80, *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 1;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0; /* no overlongs */
        if (c == 0xED)
            *hi = 0x9F; /* no surrogates */
        return 2;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90;
        if (c == 0xF4)
            *hi = 0x8F; /* at most U+10FFFF */
        return 3;
    }
    return 0;
}

size_t seg__utf8_sequence(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned lo, hi;
    if (s[0] < 0x80)
        return 1;
    size_t tail = utf8_tail(s[0], &lo, &hi);
    if (tail == 0 || n <= tail || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k <= tail; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return tail + 1;
}

size_t seg__utf8_check(const char *s, size_t len, int allow_nul)
{
    size_t i = 0;
    while (i < len) {
        size_t n = seg__utf8_sequence(s + i, len - i);
        if (n == 0 || (s[i] == 0 && !allow_nul))
            return i;
        i += n;
    }
    return len;
}

size_t seg__cp1251_check(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0' || (unsigned char)s[i] == 0x98)
            return i;
    return len;
}

/* Unicode code points of Windows-1251 bytes 0x80-0xFF (0x98 is unassigned:
 * values refuse it, see seg__cp1251_check; headers map it to U+0098). */
static const uint16_t cp1251_table[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

size_t seg__cp1251_to_utf8(char *dst, const char *src, size_t len)
{
    unsigned char *d = (unsigned char *)dst;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)src[i];
        if (c < 0x80) {
            *d++ = (unsigned char)c;
            continue;
        }
        unsigned u = cp1251_table[c - 0x80];
        if (u < 0x800) {
            *d++ = (unsigned char)(0xC0 | u >> 6);
        } else {
            *d++ = (unsigned char)(0xE0 | u >> 12);
            *d++ = (unsigned char)(0x80 | (u >> 6 & 0x3F));
        }
        *d++ = (unsigned char)(0x80 | (u & 0x3F));
    }
    return (size_t)(d - (unsigned char *)dst);
}

size_t seg__utf8_length(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        size_t step = seg__utf8_sequence(s + i, len - i);
        i += step ? step : 1;
        n++;
    }
    return n;
}

void seg__text_trim_ends(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    *s = p;
    *len = n;
}

/* Append the lower-case form of the character at s[*i], advancing *i. */
static size_t fold_char(unsigned char *d, const unsigned char *s, size_t *i, size_t len)
{
    unsigned c = s[*i];
    unsigned c2 = *i + 1 < len ? s[*i + 1] : 0;
    if (c == 0xD0 && c2 >= 0x90 && c2 <= 0xAF) { /* А-Я → а-я (ё → е below) */
        *i += 2;
        d[0] = c2 < 0xA0 ? 0xD0 : 0xD1;
        d[1] = (unsigned char)(c2 < 0xA0 ? c2 + 0x20 : c2 - 0x20);
        return 2;
    }
    if ((c == 0xD0 && c2 == 0x81) || (c == 0xD1 && c2 == 0x91)) { /* Ё, ё → е */
        *i += 2;
        d[0] = 0xD0, d[1] = 0xB5;
        return 2;
    }
    *i += 1;
    d[0] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return 1;
}

size_t seg__text_fold(char *dst, const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    unsigned char *d = (unsigned char *)dst;
    size_t i = 0, n = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c == '(' || c == '[' || c == ',')
            break;
        if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.') {
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) {
            i += 2;
            continue;
        }
        n += fold_char(d + n, s, &i, len);
    }
    return n;
}

/* Length of the valid character at s[0] (1 for ASCII), or 0 when invalid. */
static size_t char_len(const char *s, size_t len)
{
    unsigned c = (unsigned char)s[0], lo, hi;
    if (c < 0x80)
        return 1;
    size_t n = utf8_tail(c, &lo, &hi) + 1;
    return n > 1 && n <= len && seg__utf8_check(s, n, 0) == n ? n : 0;
}

void seg__text_excerpt(char *dst, size_t cap, const char *s, size_t len, size_t chars, int cp1251)
{
    size_t n = 0, i = 0, shown = 0;
    while (i < len && shown < chars && n + 8 < cap) {
        unsigned c = (unsigned char)s[i];
        size_t step = cp1251 ? 1 : char_len(s + i, len - i);
        if (cp1251 && c >= 0x80)
            n += seg__cp1251_to_utf8(dst + n, s + i, 1);
        else if (step == 0 || c < 0x20 || c == 0x7F)
            dst[n++] = '?', step = 1;
        else
            memcpy(dst + n, s + i, step), n += step;
        i += step;
        shown++;
    }
    if (i < len && n + 4 <= cap)
        memcpy(dst + n, "...", 3), n += 3;
    dst[n] = '\0';
}
