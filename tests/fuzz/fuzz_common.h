/* Helpers shared by the fuzz targets: a discarding writer, a status check,
 * and a byte reader that yields zeros once the input is used up. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libsegment/segment.h>

/* The entry point libFuzzer (or replay.c) calls once per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fuzz finding: say what broke, then abort so the fuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Every status the API documents (seg_status). */
static inline int fuzz_status_ok(seg_status st)
{
    return st <= SEG_OK && st >= SEG_ERR_CORRUPT;
}

/* seg_write_fn that checks its arguments and throws the bytes away. */
static inline int fuzz_discard(const void *data, size_t len, void *user_data)
{
    FUZZ_CHECK(data != NULL && len >= 1);
    if (user_data)
        *(size_t *)user_data += len;
    return 0;
}

typedef struct fuzz_in {
    const uint8_t *p;
    size_t n;
} fuzz_in;

static inline uint8_t fuzz_u8(fuzz_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint32_t fuzz_u32(fuzz_in *in)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)fuzz_u8(in) << (8 * i);
    return v;
}

static inline uint64_t fuzz_u64(fuzz_in *in)
{
    return (uint64_t)fuzz_u32(in) | (uint64_t)fuzz_u32(in) << 32;
}

/* Take up to `max` bytes (a length byte first); returns their count. */
static inline size_t fuzz_bytes(fuzz_in *in, const char **out, size_t max)
{
    size_t len = fuzz_u8(in) % (max + 1);
    if (len > in->n)
        len = in->n;
    *out = (const char *)in->p;
    in->p += len;
    in->n -= len;
    return len;
}

#endif
