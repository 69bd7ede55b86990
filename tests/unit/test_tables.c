/* White-box tests of growing tables (pair set, customer id index, column set):
 * everything survives growth, wrap-around clusters too, a failed growth changes nothing. */
#include "test_util.h"

#include "util/colset.h"
#include "util/idindex.h"
#include "util/pages.h"
#include "util/pairset.h"

#include <stdio.h>

/* ---- an allocator that fails while `fail` is set ---- */

typedef struct flaky {
    int fail;
    long failed; /* calls that failed */
} flaky;

static void *flaky_malloc(size_t size, void *ud)
{
    flaky *f = ud;
    f->failed += f->fail;
    return f->fail ? NULL : malloc(size);
}

static void *flaky_realloc(void *ptr, size_t size, void *ud)
{
    flaky *f = ud;
    f->failed += f->fail;
    return f->fail ? NULL : realloc(ptr, size);
}

static void flaky_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

static flaky F;

static int flaky_setup(void **state)
{
    memset(&F, 0, sizeof F);
    seg_context *ctx = NULL;
    if (seg_context_new_with_allocator(&ctx, flaky_malloc, flaky_realloc, flaky_free, &F) != SEG_OK)
        return -1;
    *state = ctx;
    return 0;
}

/* ---- pair set ---- */

/* A pair whose home slot in a table of `nslots` is at least `from`. */
static int64_t value_homed_at_or_after(uint32_t owner, size_t nslots, size_t from, int64_t start)
{
    seg_pairset probe = {.nslots = nslots};
    for (int64_t v = start;; v++)
        if (seg__pair_home(&probe, owner, v) >= from)
            return v;
}

/* Every slot from a pair's home to the pair itself is taken: probing finds it. */
static void assert_probe_paths(const seg_pairset *ps)
{
    size_t mask = ps->nslots - 1, n = 0;
    for (size_t i = 0; i < ps->nslots; i++) {
        const seg_pair_slot *s = &ps->slots[i];
        if (!s->payload)
            continue;
        n++;
        for (size_t j = seg__pair_home(ps, s->owner, s->value); j != i; j = (j + 1) & mask)
            assert_true(ps->slots[j].payload != 0);
    }
    assert_int_equal(n, ps->n);
}

static void add_pair(seg_context *ctx, seg_pairset *ps, uint32_t owner, int64_t value)
{
    assert_int_equal(seg__pairset_reserve(ctx, ps, 1), SEG_OK);
    assert_int_equal(seg__pairset_find(ps, owner, value), SEG_PAIR_NONE);
    seg__pairset_insert(ps, owner, value, (uint32_t)ps->n);
}

static void pairs_survive_many_doublings(void **state)
{
    seg_context *ctx = *state;
    seg_pairset ps = {0};
    enum { N = 300000 };
    for (uint32_t i = 0; i < N; i++) {
        add_pair(ctx, &ps, i % 1000, (int64_t)i * 7919 - 5);
        if ((i & (i + 1)) == 0) /* after 2^k - 1: right after some growth */
            assert_probe_paths(&ps);
    }
    assert_probe_paths(&ps);
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(seg__pairset_find(&ps, i % 1000, (int64_t)i * 7919 - 5), i);
    assert_int_equal(seg__pairset_find(&ps, 2, 7919 - 5), SEG_PAIR_NONE);
    assert_true(ps.n * 4 <= ps.nslots * 3);
    assert_true(ps.nslots * sizeof *ps.slots >= SEG_HUGE_MIN && ((uintptr_t)ps.slots & (SEG_HUGE_PAGE - 1)) == 0);
    seg__pairset_free(ctx, &ps);
}

/* A cold logged set grows through many doublings without a table, then
 * warms into the same set a warm one would hold. Its log keeps a value of
 * 0 … 2^32 − 1 in one word and any other in two: the values below cross
 * both bounds. */
static int64_t logged_value(uint32_t i)
{
    return (int64_t)i * 104729 - 3 * 104729;
}

static void cold_logged_pairs_warm_whole(void **state)
{
    seg_context *ctx = *state;
    seg_pairset ps;
    seg__pairset_init_cold(&ps, 1);
    enum { N = 100000 };
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(seg__pairset_reserve(ctx, &ps, 1), SEG_OK);
        seg__pairset_insert(&ps, i % 777, logged_value(i), 0);
    }
    size_t narrow = 0;
    for (uint32_t i = 0; i < N; i++)
        narrow += logged_value(i) >= 0 && logged_value(i) <= UINT32_MAX;
    assert_true(narrow > N / 4 && narrow < N);
    assert_int_equal(ps.n, N);
    assert_int_equal(ps.log_len, narrow + 2 * (N - narrow));
    assert_true(ps.cold && ps.log_cap >= ps.log_len && ps.n * 4 <= ps.nslots * 3);
    seg__pairset_warm(ctx, &ps);
    assert_true(!ps.cold && ps.log == NULL && ps.n == N);
    assert_probe_paths(&ps);
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(seg__pairset_find(&ps, i % 777, logged_value(i)), 0);
    assert_int_equal(seg__pairset_find(&ps, 1, logged_value(1) + 1), SEG_PAIR_NONE);
    assert_int_equal(seg__pairset_find(&ps, 2, logged_value(1)), SEG_PAIR_NONE);
    add_pair(ctx, &ps, 1, 3);
    assert_int_equal(seg__pairset_find(&ps, 1, 3), N);
    seg__pairset_warm(ctx, &ps); /* warm already: nothing changes */
    assert_int_equal(seg__pairset_find(&ps, 1, 3), N);
    seg__pairset_free(ctx, &ps);
}

/* A cold unlogged set only counts: warmed, it is empty with room for the
 * count, and its owner re-inserts without reserving. */
static void cold_unlogged_pairs_count_then_refill(void **state)
{
    seg_context *ctx = *state;
    seg_pairset ps;
    seg__pairset_init_cold(&ps, 0);
    enum { N = 5000 };
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(seg__pairset_reserve(ctx, &ps, 1), SEG_OK);
        seg__pairset_insert(&ps, i, -(int64_t)i, i);
    }
    assert_true(ps.log == NULL && ps.n == N);
    seg__pairset_warm(ctx, &ps);
    assert_int_equal(ps.n, 0);
    for (uint32_t i = 0; i < N; i++)
        seg__pairset_insert(&ps, i, -(int64_t)i, i);
    assert_probe_paths(&ps);
    assert_int_equal(seg__pairset_find(&ps, N - 1, -(int64_t)(N - 1)), N - 1);
    seg__pairset_free(ctx, &ps);
}

/* A table of 64 slots whose last cluster wraps past the end: pairs homed
 * at 60 and above fill the top and spill into slots 0, 1, ..., ahead of the
 * pairs homed there; the rest fills up to 48 (three quarters). */
static void fill_with_wrapped_cluster(seg_context *ctx, seg_pairset *ps, int64_t *values, size_t *count)
{
    size_t n = 0;
    int64_t v = 0;
    for (int k = 0; k < 10; k++, v++)
        values[n++] = v = value_homed_at_or_after(7, 64, 60, v);
    for (int k = 0; n < 48; k++, v++)
        values[n++] = v;
    for (size_t i = 0; i < n; i++)
        add_pair(ctx, ps, 7, values[i]);
    assert_int_equal(ps->nslots, 64);
    assert_true(seg__pair_home(ps, 7, ps->slots[0].value) >= 60); /* the cluster does wrap */
    assert_probe_paths(ps);
    *count = n;
}

static void assert_pairs(const seg_pairset *ps, const int64_t *values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        assert_int_equal(seg__pairset_find(ps, 7, values[i]), (uint32_t)i);
    assert_probe_paths(ps);
}

/* A table whose last cluster wraps, grown for `more` pairs to `nslots`. */
static void grow_wrapped_cluster(seg_context *ctx, size_t more, size_t nslots)
{
    seg_pairset ps = {0};
    int64_t values[64];
    size_t count = 0;
    fill_with_wrapped_cluster(ctx, &ps, values, &count);
    assert_int_equal(seg__pairset_reserve(ctx, &ps, more), SEG_OK);
    assert_int_equal(ps.nslots, nslots);
    assert_pairs(&ps, values, count);
    seg__pairset_free(ctx, &ps);
}

static void wrapped_cluster_survives_doubling(void **state)
{
    grow_wrapped_cluster(*state, 1, 128);
}

static void wrapped_cluster_survives_growing_eightfold(void **state)
{
    grow_wrapped_cluster(*state, 300, 512);
}

/* Random tables, half their pairs homed in the top eighth so that clusters
 * wrap often, grown by a random step each time. */
static void random_skewed_tables_grow(void **state)
{
    seg_context *ctx = *state;
    uint64_t x = 12345;
    for (int trial = 0; trial < 300; trial++) {
        seg_pairset ps = {0};
        int64_t values[1500];
        size_t count = 0;
        int64_t v = trial * 100000;
        while (count < 1500) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t room = ps.nslots * 3 / 4 > ps.n ? ps.nslots * 3 / 4 - ps.n : 0, step = 1 + (x >> 60);
            if (room && (x >> 33) % 5 == 0)
                step = room + 1 + (x >> 40) % 200; /* forces growth, sometimes by more than twice */
            assert_int_equal(seg__pairset_reserve(ctx, &ps, step), SEG_OK);
            for (size_t k = 0; k < step && count < 1500; k++, v++) {
                if ((x >> (k % 32)) & 1)
                    v = value_homed_at_or_after(7, ps.nslots, ps.nslots - ps.nslots / 8, v);
                values[count] = v;
                seg__pairset_insert(&ps, 7, v, (uint32_t)count);
                count++;
            }
        }
        assert_pairs(&ps, values, count);
        seg__pairset_free(ctx, &ps);
    }
}

static void failed_growth_leaves_pairs_unchanged(void **state)
{
    seg_context *ctx = *state;
    seg_pairset ps = {0};
    F.fail = 1;
    assert_int_equal(seg__pairset_reserve(ctx, &ps, 1), SEG_ERR_OUT_OF_MEMORY);
    assert_null(ps.slots);
    assert_int_equal(ps.nslots, 0);
    F.fail = 0;
    int64_t values[64];
    size_t count = 0;
    fill_with_wrapped_cluster(ctx, &ps, values, &count);
    seg_pairset before = ps;
    seg_pair_slot copy[64];
    memcpy(copy, ps.slots, sizeof copy);
    F.fail = 1;
    assert_int_equal(seg__pairset_reserve(ctx, &ps, 1), SEG_ERR_OUT_OF_MEMORY);
    assert_true(F.failed > 0);
    assert_ptr_equal(ps.slots, before.slots);
    assert_int_equal(ps.nslots, before.nslots);
    assert_int_equal(ps.n, before.n);
    assert_memory_equal(ps.slots, copy, sizeof copy);
    assert_int_equal(seg__pairset_reserve(ctx, &ps, 0), SEG_OK); /* no growth needed: no allocation */
    F.fail = 0;
    assert_int_equal(seg__pairset_reserve(ctx, &ps, 1), SEG_OK);
    seg__pairset_insert(&ps, 8, 1, (uint32_t)count);
    assert_pairs(&ps, values, count);
    assert_int_equal(seg__pairset_find(&ps, 8, 1), count);
    seg__pairset_free(ctx, &ps);
}

/* ---- customer id index ---- */

static seg_key id_key(int64_t i, char *buf, size_t cap)
{
    if (i % 3 == 0)
        return seg__key_int(0, i * 31);
    return seg__key_str(0, buf, (size_t)snprintf(buf, cap, i % 3 == 1 ? "c%lld" : "a-rather-long-customer-id-%lld", (long long)i));
}

static seg_status add_id(seg_context *ctx, seg_keytab *kt, seg_idindex *ix, int64_t i)
{
    char buf[64];
    seg_key k = id_key(i, buf, sizeof buf);
    SEG_TRY(seg__keytab_reserve(ctx, kt, &k));
    SEG_TRY(seg__idindex_reserve(ctx, ix, kt, 1));
    assert_int_equal(seg__idindex_find(ix, kt, &k), SEG_KEY_NONE);
    uint32_t e = seg__keytab_insert(kt, &k);
    seg__idindex_insert(ix, &k, e);
    return SEG_OK;
}

static void assert_ids(const seg_keytab *kt, const seg_idindex *ix, int64_t n)
{
    char buf[64];
    for (int64_t i = 0; i < n; i++) {
        seg_key k = id_key(i, buf, sizeof buf);
        assert_int_equal(seg__idindex_find(ix, kt, &k), (uint32_t)i);
    }
    seg_key missing = seg__key_int(0, -31);
    assert_int_equal(seg__idindex_find(ix, kt, &missing), SEG_KEY_NONE);
}

static void ids_survive_growth(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    seg_idindex ix = {0};
    kt.unindexed = 1;
    enum { N = 100000 };
    for (int64_t i = 0; i < N; i++)
        assert_int_equal(add_id(ctx, &kt, &ix, i), SEG_OK);
    assert_ids(&kt, &ix, N);
    assert_true(ix.nslots >= 2 * kt.n);
    assert_true(((uintptr_t)ix.slots & 63) == 0);
    seg__idindex_free(ctx, &ix);
    seg__keytab_free(ctx, &kt);
}

static void failed_id_growth_leaves_index_unchanged(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    seg_idindex ix = {0};
    kt.unindexed = 1;
    for (int64_t i = 0; i < 32; i++) /* 32 of 64 slots: the next id grows the index */
        assert_int_equal(add_id(ctx, &kt, &ix, i), SEG_OK);
    assert_int_equal(ix.nslots, 64);
    seg_idindex before = ix;
    seg_idslot copy[64];
    memcpy(copy, ix.slots, sizeof copy);
    F.fail = 1;
    assert_int_equal(seg__idindex_reserve(ctx, &ix, &kt, 1), SEG_ERR_OUT_OF_MEMORY);
    assert_ptr_equal(ix.slots, before.slots);
    assert_ptr_equal(ix.raw, before.raw);
    assert_int_equal(ix.nslots, 64);
    assert_memory_equal(ix.slots, copy, sizeof copy);
    F.fail = 0;
    assert_ids(&kt, &ix, 32);
    for (int64_t i = 32; i < 1000; i++)
        assert_int_equal(add_id(ctx, &kt, &ix, i), SEG_OK);
    assert_ids(&kt, &ix, 1000);
    seg__idindex_free(ctx, &ix);
    seg__keytab_free(ctx, &kt);
}

/* ---- column set ---- */

typedef struct two_columns {
    seg_colset set;
    uint64_t *wide;
    uint8_t *narrow;
} two_columns;

static void add_columns(seg_context *ctx, two_columns *t)
{
    memset(t, 0, sizeof *t);
    assert_int_equal(seg__colset_add(ctx, &t->set, (void **)&t->wide, sizeof *t->wide), SEG_OK);
    assert_int_equal(seg__colset_add(ctx, &t->set, (void **)&t->narrow, sizeof *t->narrow), SEG_OK);
}

static void assert_rows(const two_columns *t, size_t rows)
{
    for (size_t r = 0; r < rows; r++) {
        assert_int_equal(t->wide[r], r * 2654435761u);
        assert_int_equal(t->narrow[r], (uint8_t)(r * 7));
    }
}

/* Past a few MiB a column is advised onto huge pages while it grows by realloc. */
/* Grow two columns row by row to 8 MiB of the wide one; a set read at random
 * puts that column on a 2 MiB boundary, the narrow one on a cache line. */
static void grow_columns(seg_context *ctx, int random)
{
    two_columns t;
    add_columns(ctx, &t);
    t.set.random = random;
    enum { N = 1 << 20 };
    for (size_t r = 0; r < N; r++) {
        assert_int_equal(seg__colset_reserve(ctx, &t.set, r + 1), SEG_OK);
        t.wide[r] = r * 2654435761u;
        t.narrow[r] = (uint8_t)(r * 7);
    }
    assert_true(t.set.cap >= N);
    assert_true(((uintptr_t)t.wide & 63) == 0 && ((uintptr_t)t.narrow & 63) == 0);
    if (random)
        assert_true(((uintptr_t)t.wide & (SEG_HUGE_PAGE - 1)) == 0);
    assert_rows(&t, N);
    seg__colset_free(ctx, &t.set);
    assert_null(t.wide);
}

static void columns_keep_rows_through_growth(void **state)
{
    grow_columns(*state, 0);
}

static void random_columns_keep_rows_on_huge_pages(void **state)
{
    grow_columns(*state, 1);
}

static void failed_column_growth_keeps_rows(void **state)
{
    seg_context *ctx = *state;
    two_columns t;
    add_columns(ctx, &t);
    assert_int_equal(seg__colset_reserve(ctx, &t.set, 1000), SEG_OK);
    size_t cap = t.set.cap;
    for (size_t r = 0; r < cap; r++) {
        t.wide[r] = r * 2654435761u;
        t.narrow[r] = (uint8_t)(r * 7);
    }
    F.fail = 1;
    assert_int_equal(seg__colset_reserve(ctx, &t.set, cap + 1), SEG_ERR_OUT_OF_MEMORY);
    assert_int_equal(t.set.cap, cap);
    assert_int_equal(seg__colset_reserve(ctx, &t.set, cap), SEG_OK); /* no growth needed */
    F.fail = 0;
    assert_rows(&t, cap);
    assert_int_equal(seg__colset_reserve(ctx, &t.set, 4 * cap), SEG_OK);
    assert_rows(&t, cap);
    seg__colset_free(ctx, &t.set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cold_logged_pairs_warm_whole, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(cold_unlogged_pairs_count_then_refill, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(pairs_survive_many_doublings, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(wrapped_cluster_survives_doubling, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(wrapped_cluster_survives_growing_eightfold, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(random_skewed_tables_grow, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(failed_growth_leaves_pairs_unchanged, flaky_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(ids_survive_growth, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(failed_id_growth_leaves_index_unchanged, flaky_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(columns_keep_rows_through_growth, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(random_columns_keep_rows_on_huge_pages, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(failed_column_growth_keeps_rows, flaky_setup, ctx_teardown),
    };
    return cmocka_run_group_tests_name("tables", tests, NULL, NULL);
}
