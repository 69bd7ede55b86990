/* The customer orders shared by the analyses, computed once per run:
 * customers by id (integers, then strings in byte order) and by a key. */
#include "run.h"

#include "../util/grow.h"
#include "../util/sort.h"

#include <string.h>

#define SMALL_RUN 16

static int is_int_id(const seg_keytab *kt, uint32_t c)
{
    return kt->entries[c].len == SEG_KEY_INT;
}

/* Bytes [skip + 8 d, skip + 8 d + 8) of a string id, big-endian, zero-padded. */
static uint64_t chunk(const seg_keytab *kt, uint32_t c, size_t skip, size_t d)
{
    const seg_key_entry *e = &kt->entries[c];
    const unsigned char *b = (const unsigned char *)kt->bytes + e->value;
    uint64_t k = 0;
    for (size_t i = skip + 8 * d; i < skip + 8 * d + 8; i++)
        k = (k << 8) | (i < e->len ? b[i] : 0);
    return k;
}

/* How many leading bytes all the ids in v[0 .. n) share (n ≥ 1): they do
 * not change the order, so the chunks start after them. */
static size_t common_prefix(const seg_keytab *kt, const uint32_t *v, size_t n)
{
    const seg_key_entry *first = &kt->entries[v[0]];
    const char *a = kt->bytes + first->value;
    size_t len = first->len;
    for (size_t i = 1; i < n && len; i++) {
        const seg_key_entry *e = &kt->entries[v[i]];
        const char *b = kt->bytes + e->value;
        size_t k = 0, m = e->len < len ? e->len : len;
        while (k < m && a[k] == b[k])
            k++;
        len = k;
    }
    return len;
}

static int compare_ids(const seg_keytab *kt, uint32_t a, uint32_t b)
{
    const seg_key_entry *ea = &kt->entries[a], *eb = &kt->entries[b];
    size_t n = ea->len < eb->len ? ea->len : eb->len;
    int c = memcmp(kt->bytes + ea->value, kt->bytes + eb->value, n);
    return c ? c : (ea->len > eb->len) - (ea->len < eb->len);
}

static void insertion_sort(const seg_keytab *kt, uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && compare_ids(kt, v[j - 1], x) > 0; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

typedef struct str_run {
    size_t lo, hi, depth;
} str_run;

typedef struct str_sort {
    seg_context *ctx;
    const seg_keytab *kt;
    uint32_t *v;
    uint64_t *keys;
    size_t skip; /* bytes every id starts with */
    str_run *stack;
    size_t nstack, cap;
} str_sort;

static seg_status push(str_sort *s, size_t lo, size_t hi, size_t depth)
{
    SEG_TRY(seg__grow(s->ctx, (void **)&s->stack, &s->cap, s->nstack + 1, sizeof *s->stack));
    s->stack[s->nstack++] = (str_run){lo, hi, depth};
    return SEG_OK;
}

/* One MSD step: ids ending before chunk d go first (they are prefixes of one
 * another), the rest are sorted by chunk d and equal chunks pushed deeper. */
static seg_status msd_step(str_sort *s, str_run r)
{
    uint32_t *v = s->v + r.lo;
    uint64_t *keys = s->keys + r.lo;
    size_t n = r.hi - r.lo, ended = 0;
    if (n <= SMALL_RUN) {
        insertion_sort(s->kt, v, n);
        return SEG_OK;
    }
    for (size_t i = 0; i < n; i++)
        if (s->kt->entries[v[i]].len <= s->skip + 8 * r.depth) {
            uint32_t t = v[ended];
            v[ended++] = v[i];
            v[i] = t;
        }
    insertion_sort(s->kt, v, ended);
    for (size_t i = ended; i < n; i++)
        keys[i] = chunk(s->kt, v[i], s->skip, r.depth);
    SEG_TRY(seg__sort_pairs(s->ctx, keys + ended, v + ended, n - ended));
    for (size_t i = ended, j; i < n; i = j) {
        for (j = i + 1; j < n && keys[j] == keys[i]; j++)
            ;
        if (j - i > 1)
            SEG_TRY(push(s, r.lo + i, r.lo + j, r.depth + 1));
    }
    return SEG_OK;
}

static seg_status sort_strings(seg_context *ctx, const seg_keytab *kt, uint32_t *v, size_t n)
{
    str_sort s = {ctx, kt, v, NULL, 0, NULL, 0, 0};
    seg_status st = SEG_OK;
    if (n < 2)
        return SEG_OK;
    s.skip = common_prefix(kt, v, n);
    s.keys = seg__malloc(ctx, n * sizeof *s.keys);
    if (!s.keys)
        return seg__nomem(ctx, n * sizeof *s.keys);
    st = push(&s, 0, n, 0);
    while (st == SEG_OK && s.nstack) {
        str_run r = s.stack[--s.nstack];
        st = msd_step(&s, r);
    }
    seg__free(ctx, s.keys);
    seg__free(ctx, s.stack);
    return st;
}

seg_status seg__order_by_id(seg_run *run)
{
    const seg_keytab *kt = &run->ds->ids;
    size_t n = run->n, nint = 0;
    uint32_t *v = seg__run_alloc(run, n * sizeof *v);
    uint64_t *keys = seg__malloc(run->ctx, (n ? n : 1) * sizeof *keys);
    if (!v || !keys) {
        seg__free(run->ctx, keys);
        return seg__nomem(run->ctx, n * (sizeof *v + sizeof *keys));
    }
    for (uint32_t c = 0; c < n; c++)
        if (is_int_id(kt, c)) {
            keys[nint] = seg__key_i64((int64_t)kt->entries[c].value);
            v[nint++] = c;
        }
    for (uint32_t c = 0, s = (uint32_t)nint; c < n; c++)
        if (!is_int_id(kt, c))
            v[s++] = c;
    seg_status st = seg__sort_pairs(run->ctx, keys, v, nint);
    seg__free(run->ctx, keys);
    SEG_TRY(st);
    SEG_TRY(sort_strings(run->ctx, kt, v + nint, n - nint));
    run->by_id = v;
    return SEG_OK;
}

seg_status seg__order_by(uint32_t **order, size_t *n, seg_run *run, seg_key_of key_of, const void *arg)
{
    uint64_t *keys = NULL;
    return seg__order_by_keys(order, &keys, n, run, key_of, arg);
}

seg_status seg__order_by_keys(uint32_t **order, uint64_t **sorted, size_t *n, seg_run *run, seg_key_of key_of,
                              const void *arg)
{
    uint64_t *keys = *sorted = seg__run_alloc(run, run->n * sizeof *keys);
    *order = seg__run_alloc(run, run->n * sizeof **order);
    *n = 0;
    if (!keys || !*order)
        return seg__nomem(run->ctx, run->n * 12);
    for (size_t p = 0; p < run->n; p++) {
        uint32_t c = run->by_id[p];
        if (key_of(arg, c, &keys[*n]))
            (*order)[(*n)++] = c;
    }
    return seg__sort_pairs(run->ctx, keys, *order, *n);
}
