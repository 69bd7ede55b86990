/* Text inside CSV values and headers: UTF-8 validation, Windows-1251 to UTF-8,
 * trimming, loose folding of header names, and character columns. */
#ifndef SEG_TEXT_H
#define SEG_TEXT_H

#include <stddef.h>

/* 1 when every byte is in 0x01..0x7F, the common case that needs no check
 * and no conversion. */
static inline int seg__text_plain(const char *s, size_t len)
{
    unsigned bad = 0;
    for (size_t i = 0; i < len; i++)
        bad |= (unsigned)((unsigned char)s[i] - 1u) >= 0x7Fu;
    return !bad;
}

/* Offset of the first byte that is not part of valid UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are invalid; so is NUL unless
 * `allow_nul`), or `len` when all of it is valid. A sequence cut by the end
 * counts as invalid at its first byte. */
size_t seg__utf8_check(const char *s, size_t len, int allow_nul);

/* Windows-1251 to UTF-8; `dst` must have room for 3 × len bytes. Returns
 * the bytes written. */
size_t seg__cp1251_to_utf8(char *dst, const char *src, size_t len);

/* Characters in UTF-8 text (a byte that is not valid UTF-8 counts as one). */
size_t seg__utf8_length(const char *s, size_t len);

/* Drop ASCII spaces and tabs at both ends. */
void seg__text_trim(const char **s, size_t *len);

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
