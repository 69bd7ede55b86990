/* Little-endian byte streams for the serialised state: fixed-width integers
 * written and read byte by byte, so the format is the same on every machine. */
#include "bytes.h"

#include "hash.h"

#include <string.h>

static void put_le(seg_wbuf *w, uint64_t v, int n)
{
    if (w->buf)
        for (int i = 0; i < n; i++)
            w->buf[w->pos + (size_t)i] = (unsigned char)(v >> (8 * i));
    w->pos += (size_t)n;
}

void seg__put_u8(seg_wbuf *w, uint8_t v) { put_le(w, v, 1); }
void seg__put_u32(seg_wbuf *w, uint32_t v) { put_le(w, v, 4); }
void seg__put_u64(seg_wbuf *w, uint64_t v) { put_le(w, v, 8); }

void seg__put_bytes(seg_wbuf *w, const void *data, size_t len)
{
    if (w->buf && len)
        memcpy(w->buf + w->pos, data, len);
    w->pos += len;
}

static uint64_t read_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

const unsigned char *seg__get_bytes(seg_rbuf *r, size_t len)
{
    if (r->short_read || len > r->len - r->pos) {
        r->short_read = 1;
        return NULL;
    }
    const unsigned char *p = r->buf + r->pos;
    r->pos += len;
    return p;
}

static uint64_t get_le(seg_rbuf *r, int n)
{
    const unsigned char *p = seg__get_bytes(r, (size_t)n);
    return p ? read_le(p, n) : 0;
}

uint8_t seg__get_u8(seg_rbuf *r) { return (uint8_t)get_le(r, 1); }
uint32_t seg__get_u32(seg_rbuf *r) { return (uint32_t)get_le(r, 4); }
uint64_t seg__get_u64(seg_rbuf *r) { return get_le(r, 8); }

uint64_t seg__checksum(const unsigned char *data, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        h = seg__mix64(h ^ read_le(data + i, 8)) + 0x9e3779b97f4a7c15ULL;
    return seg__mix64(h ^ read_le(data + i, (int)(len - i)) ^ ((uint64_t)(len - i) << 56));
}
