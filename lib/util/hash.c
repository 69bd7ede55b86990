/* 64-bit hashing of byte strings: eight bytes at a time, each word mixed with
 * a multiply-xorshift step; short ids (the common case) take one or two rounds. */
#include "hash.h"

#include <string.h>

uint64_t seg__hash_bytes(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (len * 0x9e3779b97f4a7c15ULL);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = seg__mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
        p += 8;
        len -= 8;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < len; i++)
        tail |= (uint64_t)p[i] << (8 * i);
    return seg__mix64(h ^ tail ^ ((uint64_t)len << 56));
}
