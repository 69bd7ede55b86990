/* Text inside CSV values and headers: UTF-8 validation, Windows-1251 to UTF-8,
 * trimming, loose folding of header names, and character columns. */
#ifndef SEG_TEXT_H
#define SEG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 1 when every byte is in 0x01..0x7F, the common case that needs no check
 * and no conversion. Eight bytes a step: (b - 1) | b has its high bit set
 * exactly for 0x00 and 0x80..0xFF (a borrow only follows a real 0x00). */
static inline int seg__text_plain(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101u;
    uint64_t acc = 0, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        acc |= (w - ones) | w;
    }
    for (; i < len; i++)
        acc |= ((uint64_t)(unsigned char)s[i] - 1u) | (unsigned char)s[i];
    return !(acc & 0x8080808080808080u);
}

/* seg__text_plain for long text (a whole chunk of records), 16 bytes a step. */
int seg__text_plain_block(const char *s, size_t len);

/* Length (1-4) of the valid UTF-8 sequence at s, which has n ≥ 1 bytes, or 0
 * when it is not one (overlong, surrogate, beyond U+10FFFF, or cut short). */
size_t seg__utf8_sequence(const char *s, size_t n);

/* Offset of the first byte that is not part of valid UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are invalid; so is NUL unless
 * `allow_nul`), or `len` when all of it is valid. A sequence cut by the end
 * counts as invalid at its first byte. */
size_t seg__utf8_check(const char *s, size_t len, int allow_nul);

/* Offset of the first byte that is not Windows-1251 text (NUL, or 0x98,
 * which the code page leaves unassigned), or `len` when all of it is. */
size_t seg__cp1251_check(const char *s, size_t len);

/* Windows-1251 to UTF-8; `dst` must have room for 3 × len bytes. Returns
 * the bytes written. */
size_t seg__cp1251_to_utf8(char *dst, const char *src, size_t len);

/* Characters in UTF-8 text (a byte that is not valid UTF-8 counts as one). */
size_t seg__utf8_length(const char *s, size_t len);

/* Drop ASCII spaces and tabs at both ends (inline: most values have none). */
void seg__text_trim_ends(const char **s, size_t *len);

static inline void seg__text_trim(const char **s, size_t *len)
{
    size_t n = *len;
    if (n && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[n - 1] == ' ' || (*s)[n - 1] == '\t'))
        seg__text_trim_ends(s, len);
}

/* Fold a UTF-8 header name for loose matching: lower-case ASCII and Russian
 * letters, read ё as е, drop spaces, '_', '-', '.' and no-break spaces, and
 * stop at '(', '[' or ',' ("Сумма, руб." and "Сумма (руб.)" → "сумма").
 * Writes at most `len` bytes. */
size_t seg__text_fold(char *dst, const char *s, size_t len);

/* A short, printable UTF-8 excerpt of a value for messages: at most `chars`
 * characters (then "..."), Windows-1251 converted, invalid bytes and
 * control characters shown as '?'. Always NUL-terminates; needs cap ≥ 4 × chars + 4. */
void seg__text_excerpt(char *dst, size_t cap, const char *s, size_t len, size_t chars, int cp1251);

#endif
