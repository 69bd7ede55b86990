/* Order statistics by radix selection: an MSD partition that descends only
 * into buckets holding a wanted position (about one pass for a few). */
#include "select.h"

#include <string.h>

#define SMALL 32

typedef struct selection {
    const size_t *pos;
    size_t npos;
    uint64_t *out;
} selection;

static void insertion_sort(uint64_t *k, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t x = k[i];
        size_t j = i;
        for (; j > 0 && k[j - 1] > x; j--)
            k[j] = k[j - 1];
        k[j] = x;
    }
}

/* The first wanted position at or after lo. */
static size_t first_wanted(const selection *s, size_t lo)
{
    size_t a = 0, b = s->npos;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (s->pos[mid] < lo)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* src[lo .. hi) holds exactly the keys of sorted positions lo … hi − 1, equal
 * above bit shift + 8; dst[lo .. hi) is scratch. */
static void select_range(const selection *s, uint64_t *src, uint64_t *dst, size_t lo, size_t hi, int shift)
{
    size_t i = first_wanted(s, lo), end[256];
    if (i == s->npos || s->pos[i] >= hi)
        return;
    if (hi - lo <= SMALL || shift < 0) {
        insertion_sort(src + lo, hi - lo);
        for (; i < s->npos && s->pos[i] < hi; i++)
            s->out[i] = src[s->pos[i]];
        return;
    }
    memset(end, 0, sizeof end);
    for (size_t k = lo; k < hi; k++)
        end[(src[k] >> shift) & 255]++;
    if (end[(src[lo] >> shift) & 255] == hi - lo) {
        select_range(s, src, dst, lo, hi, shift - 8);
        return;
    }
    for (size_t b = 0, sum = lo; b < 256; b++) { /* end[b]: the next free place of bucket b */
        size_t c = end[b];
        end[b] = sum;
        sum += c;
    }
    for (size_t k = lo; k < hi; k++)
        dst[end[(src[k] >> shift) & 255]++] = src[k];
    for (size_t b = 0, from = lo; b < 256; from = end[b++])
        if (end[b] > from)
            select_range(s, dst, src, from, end[b], shift - 8);
}

seg_status seg__select_keys(seg_context *ctx, uint64_t *keys, size_t n, const size_t *pos, size_t npos,
                            uint64_t *out)
{
    selection s = {pos, npos, out};
    if (!npos)
        return SEG_OK;
    uint64_t *tmp = seg__malloc(ctx, n * sizeof *tmp);
    if (!tmp)
        return seg__nomem(ctx, n * sizeof *tmp);
    select_range(&s, keys, tmp, 0, n, 56);
    seg__free(ctx, tmp);
    return SEG_OK;
}
