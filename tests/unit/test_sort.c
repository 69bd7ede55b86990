/* White-box tests of the radix sorts and the radix selection: stable pairs,
 * bare keys, and order statistics equal to those of a full sort. */
#include "test_util.h"

#include "util/select.h"
#include "util/sort.h"

#include <stdlib.h>

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Keys with many ties and long shared prefixes, or fully random ones. */
static void fill(uint64_t *k, size_t n, uint64_t seed, int kind)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t r = next_random(&seed);
        k[i] = kind == 0 ? r : kind == 1 ? r % 7 : UINT64_C(0xABCD000000000000) | (r % 100000);
    }
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void pairs_are_stable(void **state)
{
    seg_context *ctx = *state;
    size_t n = 5000;
    uint64_t *k = malloc(n * sizeof *k);
    uint32_t *v = malloc(n * sizeof *v);
    assert_true(k && v);
    fill(k, n, 7, 1);
    for (size_t i = 0; i < n; i++)
        v[i] = (uint32_t)i;
    assert_int_equal(seg__sort_pairs(ctx, k, v, n), SEG_OK);
    for (size_t i = 1; i < n; i++)
        assert_true(k[i - 1] < k[i] || (k[i - 1] == k[i] && v[i - 1] < v[i]));
    free(k);
    free(v);
}

static void selection_matches_a_sort(void **state)
{
    seg_context *ctx = *state;
    static const size_t sizes[] = {1, 2, 31, 32, 33, 100, 1000, 70000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int kind = 0; kind < 3; kind++) {
            size_t n = sizes[s], pos[6] = {0, n / 7, n / 3, n / 2, n - 1 > n / 2 ? n - 2 : n / 2, n - 1}, npos = 0;
            uint64_t *k = malloc(n * sizeof *k), *sorted = malloc(n * sizeof *k), out[6];
            assert_true(k && sorted);
            fill(k, n, 11 + s, kind);
            memcpy(sorted, k, n * sizeof *k);
            qsort(sorted, n, sizeof *sorted, compare_u64);
            for (size_t i = 0; i < 6; i++) /* ascending and distinct */
                if (!npos || pos[i] > pos[npos - 1])
                    pos[npos++] = pos[i];
            assert_int_equal(seg__select_keys(ctx, k, n, pos, npos, out), SEG_OK);
            for (size_t i = 0; i < npos; i++)
                assert_true(out[i] == sorted[pos[i]]);
            fill(k, n, 11 + s, kind); /* the selection used the keys as scratch */
            assert_int_equal(seg__sort_keys(ctx, k, n), SEG_OK);
            assert_memory_equal(k, sorted, n * sizeof *k);
            free(k);
            free(sorted);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pairs_are_stable, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(selection_matches_a_sort, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests_name("sort", tests, NULL, NULL);
}
