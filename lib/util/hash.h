/* 64-bit hashing of integer and byte-string keys (multiply-xorshift mixing),
 * used by the key tables for customer ids, order ids and period cells. */
#ifndef SEG_HASH_H
#define SEG_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t seg__mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

uint64_t seg__hash_bytes(const void *data, size_t len, uint64_t seed);

#endif
