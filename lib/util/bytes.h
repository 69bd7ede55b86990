/* Little-endian byte streams for the serialised state: a writer that counts
 * when it has no buffer, and a bounds-checked reader that latches failure. */
#ifndef SEG_BYTES_H
#define SEG_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* Writer: with buf NULL only `pos` advances (a sizing pass). */
typedef struct seg_wbuf {
    unsigned char *buf;
    size_t pos;
} seg_wbuf;

void seg__put_u8(seg_wbuf *w, uint8_t v);
void seg__put_u32(seg_wbuf *w, uint32_t v);
void seg__put_u64(seg_wbuf *w, uint64_t v);
void seg__put_bytes(seg_wbuf *w, const void *data, size_t len);

static inline void seg__put_i32(seg_wbuf *w, int32_t v) { seg__put_u32(w, (uint32_t)v); }
static inline void seg__put_i64(seg_wbuf *w, int64_t v) { seg__put_u64(w, (uint64_t)v); }

/* Reader: a read past the end sets `short_read`, returns zeros and moves nothing. */
typedef struct seg_rbuf {
    const unsigned char *buf;
    size_t len, pos;
    int short_read;
} seg_rbuf;

uint8_t seg__get_u8(seg_rbuf *r);
uint32_t seg__get_u32(seg_rbuf *r);
uint64_t seg__get_u64(seg_rbuf *r);
/* A pointer to the next `len` bytes inside the buffer, or NULL (short read). */
const unsigned char *seg__get_bytes(seg_rbuf *r, size_t len);

static inline int32_t seg__get_i32(seg_rbuf *r) { return (int32_t)seg__get_u32(r); }
static inline int64_t seg__get_i64(seg_rbuf *r) { return (int64_t)seg__get_u64(r); }

static inline size_t seg__rbuf_left(const seg_rbuf *r) { return r->len - r->pos; }

/* Checksum of bytes read as little-endian words: the same on every machine. */
uint64_t seg__checksum(const unsigned char *data, size_t len);

#endif
