/* 64-bit hashing of integer and byte-string keys (multiply-xorshift mixing),
 * used by the key tables for customer ids, order ids and period cells. */
#ifndef SEG_HASH_H
#define SEG_HASH_H

#include "inline.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SEG_HASH_STEP 0x9e3779b97f4a7c15ULL

static inline uint64_t seg__mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

/* The last n < 8 bytes of a string of len bytes ending at end, as a
 * little-endian number: on little-endian hosts read as overlapping words
 * rather than byte by byte (an id hashed per row is often 9 to 15 bytes). */
static SEG_ALWAYS_INLINE uint64_t seg__hash_tail(const unsigned char *end, size_t n, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const unsigned char *p = end - n;
    if (n == 0)
        return 0;
    if (len >= 8) {
        uint64_t w;
        memcpy(&w, end - 8, 8);
        return w >> (64 - 8 * n);
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4), memcpy(&b, end - 4, 4);
        return a | (uint64_t)b << (8 * (n - 4));
    }
    return p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) | (uint64_t)p[n - 1] << (8 * (n - 1));
#else
    uint64_t tail = 0;
    (void)len;
    for (size_t i = 0; i < n; i++)
        tail |= (uint64_t)end[(ptrdiff_t)i - (ptrdiff_t)n] << (8 * i);
    return tail;
#endif
}

/* Eight bytes at a time, each word mixed in; the tail and the length last.
 * Inline: the loaders hash an id per row. */
static SEG_ALWAYS_INLINE uint64_t seg__hash_bytes(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (len * SEG_HASH_STEP);
    size_t n = len;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = seg__mix64(h ^ w) + SEG_HASH_STEP;
    }
    return seg__mix64(h ^ seg__hash_tail(p + n, n, len) ^ ((uint64_t)len << 56));
}

#endif
